#pragma once
// How much memory a run will need at its peak, estimated before it starts from the scenario
// (residents, ties, replicates side by side, what is recorded), and how much the machine has
// free. `wijksim validate` and `run` print both and refuse a run that cannot fit; the studio
// uses the same figures to bound the runs it offers.
#include <cstdint>
#include <optional>
#include <string>

#include "sim/scenario/scenario.hpp"

namespace wijksim {

struct MemoryEstimate {
  double population_bytes = 0;  // one replicate's residents, households, network and model state
  int populations_at_once = 1;  // replicates held in memory side by side
  double recording_bytes = 0;   // series and tables of all replicates until the file is written
  double total_bytes = 0;       // the peak: populations at once + recording + the process itself
};

// `threads` as in RunOptions (0: all cores).
MemoryEstimate estimate_peak_memory(const Scenario& scenario, int threads);

// Memory this process may still use: the kernel's MemAvailable, lowered by a cgroup limit or an
// address-space limit when one is set; nothing when none of these can be read.
std::optional<double> available_memory_bytes();

// "1.3 GiB", "240 MiB".
std::string format_bytes(double bytes);

}  // namespace wijksim
