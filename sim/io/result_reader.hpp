#pragma once
// Reads result files written by result_writer: a plain-words summary for `wijksim info`, and
// typed readers for tests and tools. Every entry point first checks that the file is a wijksim
// result with a format_version this build understands; otherwise it throws ResultFileError.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "sim/metrics/result.hpp"

namespace wijksim {

// The root attributes: what was run, and by which engine.
struct ResultHeader {
  std::int64_t format_version = 0;
  std::string engine_version;
  std::string git_commit;
  RunInfo info;
};

ResultHeader read_result_header(const std::filesystem::path& file);
std::vector<std::int64_t> read_ticks(const std::filesystem::path& file);
// series_path is relative to /timeseries, e.g. "participation/by_group".
Series read_series(const std::filesystem::path& file, const std::string& series_path);
// Everything the writer stored, in the order it was written.
RunResult read_result(const std::filesystem::path& file);

// What `wijksim info OUT.h5` prints.
std::string describe_result_file(const std::filesystem::path& file);

}  // namespace wijksim
