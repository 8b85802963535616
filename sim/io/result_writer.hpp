#pragma once
// Writes a RunResult as an HDF5 result file following docs/output-format.md (format_version 2).
// Files appear atomically: they are written beside the target and renamed into place when
// complete, so a crash never leaves a half-written file under the requested name.
#include <cstdint>
#include <filesystem>

#include "sim/metrics/result.hpp"

namespace wijksim {

// Increases when a path changes meaning or is removed; adding datasets keeps it. Version 2 stores
// string table columns with few distinct values as codes into a `labels` attribute.
inline constexpr std::int64_t kFormatVersion = 2;

// Throws OutputTargetError when `out` exists and overwrite is false, when it names a folder,
// or when its folder is missing or not writable. Meant to run before the simulation.
void check_output_target(const std::filesystem::path& out, bool overwrite);

// Throws OutputTargetError for a bad target, std::runtime_error when the result breaks the
// layout (wrong series sizes, tables with unequal columns) or writing fails; in every failure
// case no temporary file is left behind and an existing `out` is untouched.
void write_result(const RunResult& result, const std::filesystem::path& out, bool overwrite);

// Makes a closed, complete file `from` durable, renames it to `to` and makes the rename durable:
// after a crash or a power failure, `to` is either the old file or the whole new one.
void move_into_place(const std::filesystem::path& from, const std::filesystem::path& to);

}  // namespace wijksim
