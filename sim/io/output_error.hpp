#pragma once
// Errors about result files that are the user's to fix (the CLI maps them to exit status 2).
#include <stdexcept>

namespace wijksim {

// The output path cannot be written: it exists without --overwrite, or its folder is missing
// or not writable.
class OutputTargetError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Writing a result or experiment file failed part-way (a full disk, an I/O error); the partial
// file has been removed. Not the user's input, but not a bug either: the CLI prints the message
// without calling it internal.
class OutputWriteError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A file given to read is not a wijksim result this build understands (not HDF5, no
// format_version, a newer format_version, or a layout that breaks the contract).
class ResultFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace wijksim
