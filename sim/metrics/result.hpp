#pragma once
// What a run produces, before it is written: named time series with a replicate dimension,
// and event tables (sim/core/table.hpp). The io stage writes these generically, so adding an outcome never touches
// the writer: the metrics stage declares a series and fills it.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/core/table.hpp"

namespace wijksim {

// A per-tick outcome. Stored as [replicate][recorded tick][column]; a scalar series has one
// unnamed column and is written as a 2-D dataset [replicate, tick].
struct SeriesSpec {
  std::string path;         // HDF5 path below /timeseries, e.g. "participation/by_group"
  std::string description;  // one sentence, written as the dataset's "description" attribute
  std::string unit;         // "share", "ratio", "count", "euro", "index 0-1", ...
  std::vector<std::string> columns;  // labels of the last axis; empty for a scalar series
  std::string column_axis;  // what the columns are: "group", "buurt", "lever", ...
  std::size_t width() const { return columns.empty() ? 1 : columns.size(); }
};

struct Series {
  SeriesSpec spec;
  std::vector<std::vector<double>> values;  // [replicate][tick * width + column]
};

// Facts about the run that become root attributes of the result file.
struct RunInfo {
  std::string scenario_name;
  std::string scenario_json;  // fully resolved
  std::string scenario_file;
  std::uint64_t seed = 0;
  int replicates = 0;
  int horizon_ticks = 0;
  int output_every = 1;
  std::size_t residents = 0;
  std::size_t buurten = 0;
  int threads = 0;  // informative only: results do not depend on it
  std::vector<std::string> data_notes;  // Scenario::data_notes; written as /input/data_notes
};

struct RunResult {
  RunInfo info;
  std::vector<std::int64_t> ticks;  // the recorded ticks
  std::vector<Series> series;
  std::vector<Table> tables;
};

}  // namespace wijksim
