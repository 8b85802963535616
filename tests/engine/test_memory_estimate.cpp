// The peak-memory estimate behind `validate`/`run`'s refusal and the studio's bounds.
#include <catch.hpp>

#include "sim/engine/engine.hpp"
#include "sim/engine/memory_estimate.hpp"

using namespace wijksim;

namespace {

Scenario scenario_of(int buurten, int residents_each, int replicates) {
  Scenario scenario;
  scenario.replicates = replicates;
  scenario.horizon_ticks = 520;
  scenario.output.every_ticks = 1;
  for (int b = 0; b < buurten; ++b) {
    BuurtSpec buurt;
    buurt.code = "B" + std::to_string(b);
    buurt.residents = residents_each;
    scenario.buurten.push_back(buurt);
  }
  return scenario;
}

}  // namespace

TEST_CASE("the estimate scales with residents, and with replicates only where they run side by side") {
  const MemoryEstimate small = estimate_peak_memory(scenario_of(10, 1000, 4), 2);
  CHECK(small.populations_at_once == 2);  // 10,000 residents: as many replicates at once as threads
  const MemoryEstimate large = estimate_peak_memory(scenario_of(300, 1000, 4), 2);
  CHECK(large.populations_at_once == 1);  // above kParallelReplicateLimit: one population at a time
  CHECK(large.population_bytes == Approx(30.0 * small.population_bytes));
  // A million residents at the default ties: 125 bytes each were measured (docs/performance.md).
  const MemoryEstimate million = estimate_peak_memory(scenario_of(1000, 1000, 1), 2);
  CHECK(million.population_bytes / 1e6 == Approx(130).margin(10));
  // Recording grows with replicates even when they run one after the other.
  CHECK(estimate_peak_memory(scenario_of(300, 1000, 100), 2).recording_bytes >
        50 * estimate_peak_memory(scenario_of(300, 1000, 1), 2).recording_bytes);
}

TEST_CASE("available memory and byte formatting") {
  const auto available = available_memory_bytes();
  REQUIRE(available);
  CHECK(*available > 0);
  CHECK(format_bytes(512) == "512 bytes");
  CHECK(format_bytes(3.5 * (1 << 20)) == "3.5 MiB");
  CHECK(format_bytes(250.0 * (1 << 30)) == "250 GiB");
}
