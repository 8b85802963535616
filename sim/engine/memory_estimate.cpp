// The peak-memory model: per-resident bytes of the engine's columns and network (measured in
// docs/performance.md: 125-130 bytes per resident at the default ties), recorded series and
// tables, and the machine's free memory from /proc and the cgroup.
#include "sim/engine/memory_estimate.hpp"

#include <sys/resource.h>
#include <tbb/info.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>

#include "sim/engine/engine.hpp"

namespace wijksim {
namespace {

// A resident's columns (attributes, state, household, decision stream) without its ties.
constexpr double kBytesPerResident = 72;
// One end of a tie in the compressed network (index and packed signal), both ends stored.
constexpr double kBytesPerTieEnd = 8;
// Household ties and ties formed by joint activity, per resident, beyond the scenario's.
constexpr double kOtherTieEnds = 1.2;
// The process itself: code, libraries, TBB and HDF5 buffers.
constexpr double kProcessBytes = 20.0 * (1 << 20);
// Series columns besides the per-buurt ones (groups, kinds, parts, issues, totals).
constexpr double kFixedSeriesColumns = 96;
constexpr int kPerBuurtSeries = 3;
// Decisions and initiatives kept until the file is written, per resident and simulated year.
constexpr double kTableBytesPerResidentYear = 1;

double read_number_file(const char* path) {
  std::ifstream in(path);
  std::string text;
  if (!(in >> text) || text == "max") return INFINITY;
  try {
    return std::stod(text);
  } catch (const std::exception&) {
    return INFINITY;
  }
}

double mem_available() {
  std::ifstream in("/proc/meminfo");
  std::string key;
  double kib = 0;
  std::string unit;
  while (in >> key >> kib >> unit) {
    if (key == "MemAvailable:") return kib * 1024;
  }
  return INFINITY;
}

}  // namespace

MemoryEstimate estimate_peak_memory(const Scenario& scenario, int threads) {
  const double residents = static_cast<double>(total_residents(scenario));
  const double tie_ends = scenario.network.neighbour_ties + scenario.network.lifeworld_ties + kOtherTieEnds;
  MemoryEstimate estimate;
  estimate.population_bytes = residents * (kBytesPerResident + kBytesPerTieEnd * tie_ends);
  const int workers = threads > 0 ? threads : tbb::info::default_concurrency();
  estimate.populations_at_once = residents <= static_cast<double>(kParallelReplicateLimit)
                                     ? std::max(1, std::min(scenario.replicates, workers))
                                     : 1;
  const double recorded_ticks = std::floor(scenario.horizon_ticks / std::max(1, scenario.output.every_ticks)) + 1;
  const double columns = kFixedSeriesColumns + kPerBuurtSeries * static_cast<double>(scenario.buurten.size());
  const double years = scenario.horizon_ticks / 52.0;
  // The series are held once while recording and, one at a time, copied again for writing.
  const double series_bytes = recorded_ticks * columns * 8 * scenario.replicates;
  estimate.recording_bytes = series_bytes * 1.1 + residents * years * kTableBytesPerResidentYear * scenario.replicates;
  estimate.total_bytes =
      kProcessBytes + estimate.population_bytes * estimate.populations_at_once + estimate.recording_bytes;
  return estimate;
}

std::optional<double> available_memory_bytes() {
  double available = mem_available();
  const double cgroup_limit = read_number_file("/sys/fs/cgroup/memory.max");
  const double cgroup_used = read_number_file("/sys/fs/cgroup/memory.current");
  if (std::isfinite(cgroup_limit)) available = std::min(available, cgroup_limit - (std::isfinite(cgroup_used) ? cgroup_used : 0));
  rlimit limit{};
  if (::getrlimit(RLIMIT_AS, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
    available = std::min(available, static_cast<double>(limit.rlim_cur));
  if (!std::isfinite(available)) return std::nullopt;
  return std::max(0.0, available);
}

std::string format_bytes(double bytes) {
  const char* units[] = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB"};
  int unit = 0;
  while (bytes >= 1024 && unit < 5) {
    bytes /= 1024;
    ++unit;
  }
  char text[64];
  std::snprintf(text, sizeof text, unit == 0 ? "%.0f %s" : bytes < 10 ? "%.1f %s" : "%.0f %s", bytes, units[unit]);
  return text;
}

}  // namespace wijksim
