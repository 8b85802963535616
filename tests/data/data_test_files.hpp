#pragma once
// Helpers for the data tests: writing hand-made KWB files to a temporary folder, and locating
// the real CBS files in the shared data folder (the tests that need them skip when absent).
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace wijksim::test {

inline std::string write_temp_file(const std::string& name, const std::string& text) {
  const std::filesystem::path folder = std::filesystem::temp_directory_path() / "wijksim_test_data";
  std::filesystem::create_directories(folder);
  const std::filesystem::path path = folder / name;
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

inline std::string shared_cbs_file(const std::string& name) {
  return std::string(WIJKSIM_SHARED_DIR) + "/data/cbs-kwb/" + name;
}

inline bool have_shared_cbs_file(const std::string& name) {
  return std::filesystem::exists(shared_cbs_file(name));
}

}  // namespace wijksim::test

// Skips the rest of a test case, with a visible warning, when a real CBS file is not present.
#define REQUIRE_SHARED_CBS_FILE(name)                                                         \
  do {                                                                                        \
    if (!wijksim::test::have_shared_cbs_file(name)) {                                         \
      WARN("SKIPPED: real CBS file not found: " << wijksim::test::shared_cbs_file(name));     \
      return;                                                                                 \
    }                                                                                         \
  } while (false)

namespace wijksim::test {

// A hand-made KWB 2019 (84583NED) table from tests/data/kwb/NAME, written to a temporary file as
// CBS writes it: BOM, every field quoted and padded to width 10, CRLF. The fixture is plain CSV:
// the CBS column names, then one line per region, "." where CBS suppresses a value.
inline std::string kwb2019_fixture(const std::string& name) {
  const std::string fixture = std::string(WIJKSIM_SOURCE_DIR) + "/tests/data/kwb/" + name;
  std::ifstream in(fixture);
  if (!in) throw std::runtime_error("test fixture not found: " + fixture);
  const auto quoted_line = [](const std::string& line, bool pad) {
    std::string quoted;
    std::istringstream fields(line);
    std::string field;
    for (std::size_t i = 0; std::getline(fields, field, ','); ++i) {
      if (pad && field.size() < 10) field = (i < 2 ? field + std::string(10 - field.size(), ' ')
                                                   : std::string(10 - field.size(), ' ') + field);
      quoted += (i ? ";\"" : "\"") + field + "\"";
    }
    return quoted + "\r\n";
  };
  std::string text = "\xEF\xBB\xBF";
  std::string line;
  for (bool header = true; std::getline(in, line); header = false) text += quoted_line(line, !header);
  return write_temp_file(name, text);
}

}  // namespace wijksim::test
