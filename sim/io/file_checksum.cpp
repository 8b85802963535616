// The user-block checksum: computing it over everything after the block, writing the line,
// and checking it before a file is handed to HDF5.
#include "sim/io/file_checksum.hpp"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "sim/io/h5.hpp"
#include "sim/io/output_error.hpp"

namespace wijksim {
namespace {

constexpr std::string_view kPrefix = "wijksim-checksum crc32=";
constexpr std::string_view kHdf5Signature{"\x89HDF\r\n\x1a\n", 8};

[[noreturn]] void throw_errno(const std::string& action, const std::filesystem::path& file) {
  throw std::system_error(errno, std::generic_category(), "cannot " + action + " '" + file.string() + "'");
}

// Closes the descriptor on every path out.
class Descriptor {
 public:
  Descriptor(const std::filesystem::path& file, int flags) : fd_(::open(file.c_str(), flags | O_CLOEXEC)) {
    if (fd_ < 0) throw_errno("open", file);
  }
  ~Descriptor() { ::close(fd_); }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

struct Digest {
  std::uint32_t crc = 0;
  std::uint64_t bytes = 0;
};

Digest digest_after_user_block(const Descriptor& descriptor, const std::filesystem::path& file) {
  Digest digest{static_cast<std::uint32_t>(::crc32(0, nullptr, 0)), 0};
  std::vector<unsigned char> buffer(1 << 20);
  off_t offset = static_cast<off_t>(h5::kUserBlockBytes);
  for (;;) {
    const ssize_t got = ::pread(descriptor.get(), buffer.data(), buffer.size(), offset);
    if (got < 0) {
      if (errno == EINTR) continue;
      throw_errno("read", file);
    }
    if (got == 0) return digest;
    digest.crc = static_cast<std::uint32_t>(::crc32(digest.crc, buffer.data(), static_cast<uInt>(got)));
    digest.bytes += static_cast<std::uint64_t>(got);
    offset += got;
  }
}

std::string checksum_line(const Digest& digest) {
  std::array<char, 9> hex{};
  std::snprintf(hex.data(), hex.size(), "%08x", digest.crc);
  return std::string(kPrefix) + hex.data() + " bytes=" + std::to_string(digest.bytes) + "\n";
}

std::string read_user_block(const Descriptor& descriptor, const std::filesystem::path& file) {
  std::string block(h5::kUserBlockBytes, '\0');
  std::size_t filled = 0;
  while (filled < block.size()) {
    const ssize_t got = ::pread(descriptor.get(), block.data() + filled, block.size() - filled,
                                static_cast<off_t>(filled));
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) throw_errno("read", file);
    if (got == 0) break;
    filled += static_cast<std::size_t>(got);
  }
  block.resize(filled);
  return block;
}

[[noreturn]] void damaged(const std::filesystem::path& file, const std::string& why) {
  throw ResultFileError("'" + file.string() + "' is damaged: " + why +
                        "; the file was changed or corrupted after wijksim wrote it (run it again, or use a "
                        "backup copy)");
}

}  // namespace

void seal_file(const std::filesystem::path& file) {
  const Descriptor descriptor(file, O_RDWR);
  const std::string line = checksum_line(digest_after_user_block(descriptor, file));
  std::size_t written = 0;
  while (written < line.size()) {
    const ssize_t put = ::pwrite(descriptor.get(), line.data() + written, line.size() - written,
                                 static_cast<off_t>(written));
    if (put < 0 && errno == EINTR) continue;
    if (put <= 0) throw_errno("write the checksum into", file);
    written += static_cast<std::size_t>(put);
  }
}

FileSeal verify_file_seal(const std::filesystem::path& file) {
  const Descriptor descriptor(file, O_RDONLY);
  const std::string block = read_user_block(descriptor, file);
  if (!block.starts_with(kPrefix)) {
    if (block.size() == h5::kUserBlockBytes &&
        std::all_of(block.begin(), block.end(), [](char c) { return c == '\0'; }))
      return FileSeal::unsealed;
    // HDF5 right after a user block without the line: the line itself was damaged.
    char signature[kHdf5Signature.size()] = {};
    if (::pread(descriptor.get(), signature, sizeof signature, static_cast<off_t>(h5::kUserBlockBytes)) ==
            static_cast<ssize_t>(sizeof signature) &&
        std::string_view(signature, sizeof signature) == kHdf5Signature)
      damaged(file, "its checksum line is unreadable");
    return FileSeal::none;
  }
  const std::size_t end = block.find('\n');
  if (end == std::string::npos) damaged(file, "its checksum line is unreadable");
  const std::string line = block.substr(0, end + 1);
  const std::string actual = checksum_line(digest_after_user_block(descriptor, file));
  if (line != actual) {
    // "crc32=... bytes=..." of each line, without the prefix word and the newline.
    const auto figures = [](const std::string& text) { return text.substr(17, text.size() - 18); };
    damaged(file, "its checksum does not match its contents (stored " + figures(line) + ", computed " +
                      figures(actual) + ")");
  }
  return FileSeal::verified;
}

}  // namespace wijksim
