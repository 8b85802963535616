// Turning an experiment spec into concrete runs.
#include "sim/experiment/plan.hpp"

#include "sim/core/rng.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/scenario/load.hpp"

namespace wijksim::experiment {
namespace {

// The `replicate` word of the stream that draws run seeds; the design generators use 1..4.
constexpr std::uint32_t kRunSeedPurpose = 100;

std::vector<DesignRow> design_rows(const ExperimentSpec& spec) {
  const DesignSpec& design = spec.design;
  const int dimensions = static_cast<int>(design.parameters.size());
  switch (design.method) {
    case DesignMethod::scenarios: return {};
    case DesignMethod::factorial: {
      std::vector<int> levels;
      for (const auto& parameter : design.parameters) {
        const int choices = static_cast<int>(parameter.choices.size());
        levels.push_back(parameter.levels > 0 ? parameter.levels
                                              : (choices > 0 ? choices : design.levels));
      }
      return full_factorial(levels);
    }
    case DesignMethod::latin_hypercube: return latin_hypercube(design.samples, dimensions, spec.seed);
    case DesignMethod::sobol: return saltelli(design.samples, dimensions, spec.seed);
    case DesignMethod::morris: return morris(design.trajectories, dimensions, design.levels, spec.seed);
  }
  return {};
}

}  // namespace

std::uint64_t run_seed(std::uint64_t experiment_seed, std::size_t run_index) {
  RandomStream random(experiment_seed, kRunSeedPurpose, static_cast<std::uint32_t>(run_index >> 32),
                      static_cast<std::uint32_t>(run_index), Stream::experiment);
  const std::uint64_t high = random.next_u32();
  const std::uint64_t low = random.next_u32();
  return ((high << 32) | low) & ((std::uint64_t{1} << 53) - 1);
}

ExperimentPlan::ExperimentPlan(const ExperimentSpec& spec) : spec_(spec), rows_(design_rows(spec)) {}

PlannedRun ExperimentPlan::run(std::size_t index) const {
  PlannedRun run;
  run.index = index;
  run.seed = run_seed(spec_.seed, spec_.common_random_numbers ? 0 : index);
  if (rows_.empty()) {
    const NamedScenario& named = spec_.scenarios.at(index);
    run.label = named.name;
    run.row.sample = static_cast<std::int64_t>(index);
    run.overrides = named.overrides;
    return run;
  }
  run.row = rows_.at(index);
  run.label = std::string(row_kind_name(run.row.kind)) + " " + std::to_string(run.row.sample);
  for (std::size_t i = 0; i < parameters().size(); ++i) {
    const ParameterRange& parameter = parameters()[i];
    run.values.push_back(parameter.value_at(run.row.unit[i]));
    run.overrides[parameter.path] = parameter.json_value(run.values.back());
  }
  return run;
}

nlohmann::json ExperimentPlan::scenario_json(const PlannedRun& run) const {
  nlohmann::json merged = spec_.base_scenario;
  for (const auto& [path, value] : spec_.common_overrides.items()) {
    merged = apply_override(std::move(merged), path, value);
  }
  for (const auto& [path, value] : run.overrides.items()) {
    merged = apply_override(std::move(merged), path, value);
  }
  merged["name"] = spec_.name + ": " + run.label;
  merged["seed"] = run.seed;
  merged["replicates"] = spec_.replicates;
  return merged;
}

Scenario ExperimentPlan::scenario(const PlannedRun& run) const {
  const std::string origin =
      rows_.empty() ? "scenarios[" + std::to_string(run.index) + "].overrides" : "design.parameters";
  try {
    return scenario_from_json(scenario_json(run), spec_.base_file);
  } catch (const InputError& error) {
    throw InputError({.file = spec_.source_file,
                      .json_path = origin,
                      .problem = "run " + std::to_string(run.index) + " (" + run.label +
                                 ") gives an invalid scenario: " + error.what()});
  }
}

}  // namespace wijksim::experiment
