#pragma once
// The runs of an experiment: one per named scenario or design row, each with its overrides and
// its seed. A run's scenario is a pure function of the experiment and the run index, so any
// process can rebuild it (resume, MPI workers) without being sent anything but the index.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/experiment/design.hpp"
#include "sim/experiment/spec.hpp"
#include "sim/scenario/scenario.hpp"

namespace wijksim::experiment {

struct PlannedRun {
  std::size_t index = 0;
  std::string label;      // the named scenario, or "<kind> <sample>" for a design row
  DesignRow row;          // unit coordinates and the row's role in the design (empty for scenarios)
  std::vector<double> values;  // parameter values; a categorical parameter gives its choice index
  nlohmann::json overrides = nlohmann::json::object();  // dotted path -> value, as applied
  std::uint64_t seed = 0;
};

// Seed of run `run_index`: a Philox draw keyed by the experiment seed, below 2^53.
std::uint64_t run_seed(std::uint64_t experiment_seed, std::size_t run_index);

class ExperimentPlan {
 public:
  // Keeps a reference to `spec`, which must outlive the plan.
  explicit ExperimentPlan(const ExperimentSpec& spec);

  const ExperimentSpec& spec() const { return spec_; }
  std::size_t size() const { return rows_.empty() ? spec_.scenarios.size() : rows_.size(); }
  const std::vector<ParameterRange>& parameters() const { return spec_.design.parameters; }

  PlannedRun run(std::size_t index) const;
  // The merged scenario JSON of the run: base, common overrides, the run's overrides, and the
  // run's name, seed and replicates.
  nlohmann::json scenario_json(const PlannedRun& run) const;
  // Validated; an InputError names the experiment file and where the run's overrides come from.
  Scenario scenario(const PlannedRun& run) const;

 private:
  const ExperimentSpec& spec_;
  std::vector<DesignRow> rows_;
};

}  // namespace wijksim::experiment
