// Replicates and ticks: synthesis, the model's steps, recording, and progress.
#include "sim/engine/engine.hpp"

#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include <memory>
#include <mutex>
#include <optional>

#include "sim/metrics/fit.hpp"
#include "sim/metrics/recorder.hpp"
#include "sim/model/model.hpp"
#include "sim/population/synthesis.hpp"

namespace wijksim {
namespace {

std::vector<std::int64_t> recorded_ticks(const Scenario& scenario) {
  std::vector<std::int64_t> ticks;
  for (int t = 0; t <= scenario.horizon_ticks; t += scenario.output.every_ticks) ticks.push_back(t);
  return ticks;
}

class Progress {
 public:
  Progress(const RunOptions& options, double total) : options_(options), total_(total) {}
  void add(double resident_ticks) {
    if (!options_.progress) return;
    std::lock_guard lock(mutex_);
    done_ += resident_ticks;
    options_.progress(done_, total_);
  }

 private:
  const RunOptions& options_;
  double total_;
  double done_ = 0;
  std::mutex mutex_;
};

// Replicate 0 also reports how well its synthesis fits the buurten's composition into `fit`.
void run_replicate(const Scenario& scenario, std::uint32_t replicate, Recorder& recorder,
                   Progress& progress, Table& fit) {
  const Population population = synthesize_population(scenario, replicate);
  if (replicate == 0) fit = synthesis_fit_table(population);
  Model model(scenario, population, replicate);
  recorder.record(model, 0);
  std::size_t index = 1;
  for (int tick = 1; tick <= scenario.horizon_ticks; ++tick) {
    model.step(tick);
    recorder.observe_week(model);
    if (tick % scenario.output.every_ticks == 0) recorder.record(model, index++);
    progress.add(static_cast<double>(population.size()));
  }
  recorder.finish(model);
}

}  // namespace

RunResult run_scenario(const Scenario& scenario, const RunOptions& options) {
  std::optional<tbb::global_control> limit;
  if (options.threads > 0)
    limit.emplace(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(options.threads));
  const std::size_t residents = total_residents(scenario);
  Recorder recorder(scenario, recorded_ticks(scenario));
  Progress progress(options, static_cast<double>(residents) * scenario.horizon_ticks * scenario.replicates);
  const auto replicates = static_cast<std::uint32_t>(scenario.replicates);
  Table fit;
  if (residents <= kParallelReplicateLimit) {
    tbb::parallel_for(std::uint32_t{0}, replicates,
                      [&](std::uint32_t r) { run_replicate(scenario, r, recorder, progress, fit); });
  } else {
    for (std::uint32_t r = 0; r < replicates; ++r) run_replicate(scenario, r, recorder, progress, fit);
  }
  const int threads = options.threads > 0 ? options.threads
                                          : static_cast<int>(tbb::global_control::active_value(
                                                tbb::global_control::max_allowed_parallelism));
  RunInfo info{.scenario_name = scenario.name,
               .scenario_json = scenario.resolved_json,
               .scenario_file = scenario.source_file,
               .seed = scenario.seed,
               .replicates = scenario.replicates,
               .horizon_ticks = scenario.horizon_ticks,
               .output_every = scenario.output.every_ticks,
               .residents = residents,
               .buurten = scenario.buurten.size(),
               .threads = threads,
               .data_notes = scenario.data_notes};
  RunResult result = recorder.take(std::move(info));
  result.tables.push_back(std::move(fit));
  return result;
}

}  // namespace wijksim
