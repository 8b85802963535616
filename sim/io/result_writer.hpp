#pragma once
// Writes a RunResult as an HDF5 result file following docs/output-format.md (format_version 4).
// Files appear atomically: they are written beside the target and renamed into place when
// complete, so a crash never leaves a half-written file under the requested name.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "sim/metrics/result.hpp"

namespace wijksim {

// Increases when a path changes meaning or is removed; adding datasets keeps it. Version 2 stores
// string table columns with few distinct values as codes into a `labels` attribute; version 3
// makes fit/buurt a row index; version 4 names every dimension with a dimension scale at the root
// (/tick replaces /ticks) and stores coded columns as HDF5 enums.
inline constexpr std::int64_t kFormatVersion = 4;

// Throws OutputTargetError unless `out` can be written: the path is not empty, its folder
// exists and is writable, and `out` does not exist or - with overwrite - is a regular file
// (not a link, device, pipe or folder) that is none of `inputs`. Meant to run before the
// simulation.
void check_output_target(const std::filesystem::path& out, bool overwrite,
                         const std::vector<std::filesystem::path>& inputs = {});

// Throws OutputTargetError for a bad target (as check_output_target), std::runtime_error when
// the result breaks the layout (wrong series sizes, tables with unequal columns) and
// OutputWriteError when writing fails (a full disk); in every failure case no temporary file is
// left behind and an existing `out` is untouched. The file is written beside `out`, sealed with
// a whole-file checksum (file_checksum.hpp) and renamed into place.
void write_result(const RunResult& result, const std::filesystem::path& out, bool overwrite,
                  const std::vector<std::filesystem::path>& inputs = {});

// " (the disk is full)" or " (the file size limit was reached)" when errno says so, else "": the
// usual causes of a failed write, in plain words for the message.
std::string describe_write_errno();

// Makes a closed, complete file `from` durable, renames it to `to` and makes the rename durable:
// after a crash or a power failure, `to` is either the old file or the whole new one.
void move_into_place(const std::filesystem::path& from, const std::filesystem::path& to);

}  // namespace wijksim
