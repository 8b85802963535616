#pragma once
// Experiment files: which scenarios to run, how many replicates, and which outcomes to keep.
// An experiment either lists named scenarios (each a set of overrides of one base scenario) or
// describes a design over parameter ranges. Every problem is an InputError naming the file and
// the JSON path.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace wijksim::experiment {

enum class DesignMethod { scenarios, factorial, latin_hypercube, sobol, morris };
const char* design_method_name(DesignMethod method);

// One varied parameter. Numeric by default (min..max); `integer` rounds to whole numbers;
// `choices` makes it categorical (any JSON values, e.g. ["uniform", "under_represented"]).
struct ParameterRange {
  std::string path;  // dotted scenario path, e.g. "government.levers.residents_budget"
  double min = 0.0;
  double max = 1.0;
  bool integer = false;
  nlohmann::json choices = nlohmann::json::array();
  int levels = 0;  // factorial only; 0 takes the design's levels (or the number of choices)

  bool categorical() const { return !choices.empty(); }
  // The value in the design table for a unit coordinate: a number, or a choice's index.
  double value_at(double unit) const;
  // The JSON written into the scenario for that design value.
  nlohmann::json json_value(double value) const;
};

struct NamedScenario {
  std::string name;
  nlohmann::json overrides = nlohmann::json::object();  // dotted path -> value
};

struct DesignSpec {
  DesignMethod method = DesignMethod::scenarios;
  int samples = 0;       // latin_hypercube: points; sobol: base samples N (N * (k + 2) runs)
  int levels = 0;        // factorial: default levels per parameter; morris: grid levels p
  int trajectories = 0;  // morris: r (r * (k + 1) runs)
  std::vector<ParameterRange> parameters;
};

struct ExperimentSpec {
  std::string name;
  std::string description;
  std::string source_file;  // the experiment file, as given
  std::string base_file;    // the base scenario, resolved against the experiment file's folder
  nlohmann::json base_scenario;  // the merged base scenario JSON (read_scenario_json)
  nlohmann::json common_overrides = nlohmann::json::object();  // applied to every run first
  int replicates = 1;
  std::uint64_t seed = 1;
  // When true every run uses the same seed, so differences between runs are not blurred by
  // different random draws (common random numbers).
  bool common_random_numbers = false;
  std::vector<NamedScenario> scenarios;  // method scenarios
  DesignSpec design;
  std::vector<std::string> outcomes;  // validated names; the default list when the file has none
  std::string canonical_json;  // the experiment file's content, re-serialised; identifies it
};

// Reads and validates an experiment file and the base scenario it names.
ExperimentSpec load_experiment(const std::filesystem::path& file);

// Validates parsed experiment JSON; `source_file` names it in errors and anchors "base".
ExperimentSpec experiment_from_json(const nlohmann::json& root, const std::string& source_file);

}  // namespace wijksim::experiment
