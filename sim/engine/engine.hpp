#pragma once
// Runs a scenario: for each replicate, synthesise the population, then advance the model tick by
// tick and record the outcomes. Replicates and residents are processed in parallel with TBB;
// the result does not depend on the number of threads.
#include <functional>

#include "sim/metrics/result.hpp"
#include "sim/scenario/scenario.hpp"

namespace wijksim {

// Above this many residents, replicates run one after the other so that memory holds one
// population at a time; below it they also run side by side.
inline constexpr std::size_t kParallelReplicateLimit = 200'000;

struct RunOptions {
  int threads = 0;  // 0: all cores
  // Called from the calling thread with the number of resident-ticks done and the total.
  std::function<void(double done, double total)> progress;
};

RunResult run_scenario(const Scenario& scenario, const RunOptions& options);

}  // namespace wijksim
