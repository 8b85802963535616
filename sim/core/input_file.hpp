#pragma once
// Reading an input file (a scenario, an experiment, a CBS table) safely: only a regular file,
// only up to a size limit, and never a path with a NUL character in it (which the operating
// system would cut short, so that another file would be read). The caller turns the problem
// into its own error type (InputError, DataError) with the file and the key that named it.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <string>

namespace wijksim {

inline constexpr std::uintmax_t kMaxScenarioFileBytes = 16ull << 20;   // 16 MiB of JSON
inline constexpr std::uintmax_t kMaxDataFileBytes = 1ull << 30;        // 1 GiB of CBS tables

struct InputFile {
  std::string text;
  std::string problem;  // empty when the file was read; otherwise why not, in plain words
};

// Shows control characters (a NUL, a newline) as \xNN so that a message is never cut short.
inline std::string printable(const std::string& text) {
  std::string shown;
  for (const unsigned char c : text) {
    if (c >= 0x20 && c != 0x7f) {
      shown += static_cast<char>(c);
      continue;
    }
    static constexpr char kHex[] = "0123456789abcdef";
    shown += std::string("\\x") + kHex[c >> 4] + kHex[c & 15];
  }
  return shown;
}

inline InputFile read_input_file(const std::string& path, std::uintmax_t max_bytes) {
  namespace fs = std::filesystem;
  if (path.empty()) return {"", "the file name is empty"};
  if (path.find('\0') != std::string::npos) return {"", "the file name contains a NUL character"};
  std::error_code error;
  const fs::file_status status = fs::status(path, error);
  if (error && error != std::errc::no_such_file_or_directory) return {"", "cannot be read: " + error.message()};
  if (!fs::exists(status)) return {"", "cannot open the file: it does not exist"};
  if (fs::is_directory(status)) return {"", "is a folder, expected a file"};
  if (!fs::is_regular_file(status))
    return {"", "is not a regular file (a device, pipe or socket); only regular files are read"};
  const int descriptor = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (descriptor < 0) return {"", std::string("cannot open the file: ") + std::strerror(errno)};
  InputFile file;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t got = ::read(descriptor, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      file.problem = std::string("cannot read the file: ") + std::strerror(errno);
      break;
    }
    if (got == 0) break;
    if (file.text.size() + static_cast<std::size_t>(got) > max_bytes) {
      file.problem = "is larger than the " + std::to_string(max_bytes >> 20) + " MiB allowed for this kind of file";
      break;
    }
    file.text.append(buffer, static_cast<std::size_t>(got));
  }
  ::close(descriptor);
  if (!file.problem.empty()) file.text.clear();
  return file;
}

}  // namespace wijksim
