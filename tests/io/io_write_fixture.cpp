// Test helper: writes the sample result to the path given, so scripts outside C++ (the h5py
// layout check) have a file to read. With --newer-format it then stamps the format_version after
// kFormatVersion, which every reader of this build must reject.
#include <cstring>
#include <exception>
#include <iostream>

#include "sim/io/h5.hpp"
#include "sim/io/result_writer.hpp"
#include "tests/io/sample_result.hpp"

int main(int argc, char** argv) {
  const bool newer_format = argc == 3 && std::strcmp(argv[2], "--newer-format") == 0;
  if (argc != 2 && !newer_format) {
    std::cerr << "usage: io_write_fixture OUT.h5 [--newer-format]\n";
    return 2;
  }
  try {
    wijksim::write_result(wijksim::testing::make_sample_result(), argv[1], /*overwrite=*/true);
    if (newer_format) {
      auto file = wijksim::h5::File::open_read_write(argv[1]);
      file.root().write_int64_attribute("format_version", wijksim::kFormatVersion + 1);
      file.close();
    }
  } catch (const std::exception& error) {
    std::cerr << "io_write_fixture: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
