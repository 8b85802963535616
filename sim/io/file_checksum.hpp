#pragma once
// A whole-file checksum for result and experiment files. HDF5 skips the user block at the start
// of the files wijksim writes (h5::kUserBlockBytes); once a file is complete and closed, that block
// receives one line, "wijksim-checksum crc32=<8 hex digits> bytes=<length after the block>", so
// that a reader can refuse a damaged or truncated file before HDF5 parses any of it. The CRC-32 is
// zlib's (the same as Python's zlib.crc32); analysis/checksum.py verifies it the same way.
#include <filesystem>

namespace wijksim {

enum class FileSeal {
  verified,  // the checksum line is there and matches the bytes after the user block
  unsealed,  // a user block without a checksum line: a file still being written (e.g. .partial)
  none,      // no checksum line: written before checksums, or not a wijksim file at all (the
             // caller's checks say which)
};

// Computes the checksum of a closed file made by h5::File::create and writes it into the user block.
// Throws std::system_error when the file cannot be read or written.
void seal_file(const std::filesystem::path& file);

// Throws ResultFileError naming the file when the checksum line is damaged, or does not match
// the bytes (a flipped byte, a truncated or extended file).
FileSeal verify_file_seal(const std::filesystem::path& file);

}  // namespace wijksim
