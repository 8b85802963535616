// Parsing and validation of experiment files.
#include "sim/experiment/spec.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <set>

#include "sim/core/input_file.hpp"
#include "sim/core/nearest_name.hpp"
#include "sim/experiment/summary.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/scenario/json_text.hpp"
#include "sim/scenario/load.hpp"

namespace wijksim::experiment {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr std::array<const char*, 5> kMethodNames{"scenarios", "factorial", "latin_hypercube",
                                                  "sobol", "morris"};

// Reads one experiment file; carries the file name and builds errors at JSON paths.
class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}
  const std::string& file() const { return file_; }

  [[noreturn]] void fail(const std::string& path, const std::string& expected,
                         const std::string& found, const std::string& suggestion = "") const {
    throw InputError({.file = file_, .json_path = path, .expected = expected, .found = found,
                      .suggestion = suggestion});
  }
  [[noreturn]] void fail_problem(const std::string& path, const std::string& problem) const {
    throw InputError({.file = file_, .json_path = path, .problem = problem});
  }

  void require_object(const json& value, const std::string& path) const {
    if (!value.is_object()) fail(path, "an object", describe_json_value(value));
  }

  void reject_unknown_keys(const json& object, const std::string& path,
                           const std::vector<std::string>& known) const {
    for (const auto& [key, value] : object.items()) {
      if (std::find(known.begin(), known.end(), key) != known.end()) continue;
      const std::string nearest = nearest_name(key, known);
      throw InputError({.file = file_, .json_path = join(path, key), .problem = "unknown key",
                        .suggestion = nearest.empty() ? "" : "did you mean \"" + nearest + "\"?"});
    }
  }

  std::string text(const json& object, const std::string& key, const std::string& path,
                   const std::string& fallback, bool required = false) const {
    if (!object.contains(key)) {
      if (required) fail(join(path, key), "a string", "nothing (the key is missing)");
      return fallback;
    }
    const json& value = object.at(key);
    if (!value.is_string() || value.get<std::string>().empty()) {
      fail(join(path, key), "a non-empty string", describe_json_value(value));
    }
    return value.get<std::string>();
  }

  double number(const json& object, const std::string& key, const std::string& path) const {
    if (!object.contains(key)) fail(join(path, key), "a number", "nothing (the key is missing)");
    const json& value = object.at(key);
    if (!value.is_number()) fail(join(path, key), "a number", describe_json_value(value));
    return value.get<double>();
  }

  std::int64_t integer(const json& object, const std::string& key, const std::string& path,
                       std::int64_t fallback, std::int64_t min, std::int64_t max) const {
    if (!object.contains(key)) return fallback;
    const json& value = object.at(key);
    const std::string expected =
        "a whole number from " + std::to_string(min) + " to " + std::to_string(max);
    if (!value.is_number_integer()) fail(join(path, key), expected, describe_json_value(value));
    if (value.is_number_unsigned() && value.get<std::uint64_t>() > static_cast<std::uint64_t>(max)) {
      fail(join(path, key), expected, describe_json_value(value));
    }
    const auto number = value.get<std::int64_t>();
    if (number < min || number > max) fail(join(path, key), expected, describe_json_value(value));
    return number;
  }

  bool flag(const json& object, const std::string& key, const std::string& path) const {
    if (!object.contains(key)) return false;
    if (!object.at(key).is_boolean()) {
      fail(join(path, key), "true or false", describe_json_value(object.at(key)));
    }
    return object.at(key).get<bool>();
  }

  static std::string join(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
  }
  static std::string index(const std::string& path, std::size_t i) {
    return path + "[" + std::to_string(i) + "]";
  }

 private:
  std::string file_;
};

json parse_experiment_file(const fs::path& file) {
  const InputFile input = read_input_file(file.string(), kMaxScenarioFileBytes);
  if (!input.problem.empty()) throw InputError({.file = printable(file.string()), .problem = input.problem});
  return parse_json_text(input.text, file.string());
}

json read_overrides(const Reader& reader, const json& object, const std::string& key,
                    const std::string& path) {
  if (!object.contains(key)) return json::object();
  const json& overrides = object.at(key);
  reader.require_object(overrides, Reader::join(path, key));
  return overrides;
}

std::vector<NamedScenario> read_scenarios(const Reader& reader, const json& list) {
  if (!list.is_array() || list.empty()) {
    reader.fail("scenarios", "a non-empty array of {\"name\", \"overrides\"}", describe_json_value(list));
  }
  std::vector<NamedScenario> scenarios;
  std::set<std::string> names;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string path = Reader::index("scenarios", i);
    reader.require_object(list[i], path);
    reader.reject_unknown_keys(list[i], path, {"name", "overrides"});
    NamedScenario scenario{reader.text(list[i], "name", path, "", true),
                           read_overrides(reader, list[i], "overrides", path)};
    if (!names.insert(scenario.name).second) {
      reader.fail(Reader::join(path, "name"), "a name not used by another scenario",
                  "\"" + scenario.name + "\" again");
    }
    scenarios.push_back(std::move(scenario));
  }
  return scenarios;
}

ParameterRange read_parameter(const Reader& reader, const json& entry, const std::string& path) {
  reader.require_object(entry, path);
  reader.reject_unknown_keys(entry, path, {"path", "min", "max", "integer", "choices", "levels"});
  ParameterRange parameter;
  parameter.path = reader.text(entry, "path", path, "", true);
  parameter.levels = static_cast<int>(reader.integer(entry, "levels", path, 0, 1, 1000));
  if (entry.contains("choices")) {
    const json& choices = entry.at("choices");
    if (!choices.is_array() || choices.empty()) {
      reader.fail(Reader::join(path, "choices"), "a non-empty array of values",
                  describe_json_value(choices));
    }
    if (entry.contains("min") || entry.contains("max") || entry.contains("integer")) {
      reader.fail_problem(path, "give either \"choices\" or \"min\"/\"max\", not both");
    }
    parameter.choices = choices;
    parameter.min = 0;
    parameter.max = static_cast<double>(choices.size() - 1);
    return parameter;
  }
  parameter.min = reader.number(entry, "min", path);
  parameter.max = reader.number(entry, "max", path);
  parameter.integer = reader.flag(entry, "integer", path);
  if (!(parameter.max > parameter.min)) {
    reader.fail(Reader::join(path, "max"), "a number above min (" + format_number(parameter.min) + ")",
                describe_json_value(entry.at("max")));
  }
  if (parameter.integer && (parameter.min != std::floor(parameter.min) ||
                            parameter.max != std::floor(parameter.max))) {
    reader.fail_problem(path, "an integer parameter needs whole-number min and max");
  }
  return parameter;
}

// Designs whose run count is far beyond any machine are refused before their rows are built.
constexpr double kMaxDesignRuns = 1e6;

void check_design_size(const Reader& reader, const DesignSpec& spec) {
  const double dimensions = static_cast<double>(spec.parameters.size());
  double runs = 0;
  switch (spec.method) {
    case DesignMethod::scenarios: return;
    case DesignMethod::factorial:
      runs = 1;
      for (const auto& parameter : spec.parameters) {
        const double choices = static_cast<double>(parameter.choices.size());
        runs *= parameter.levels > 0 ? parameter.levels : (choices > 0 ? choices : spec.levels);
      }
      break;
    case DesignMethod::latin_hypercube: runs = spec.samples; break;
    case DesignMethod::sobol: runs = spec.samples * (dimensions + 2); break;
    case DesignMethod::morris: runs = spec.trajectories * (dimensions + 1); break;
  }
  if (runs > kMaxDesignRuns)
    reader.fail("design", "a design of at most " + format_number(kMaxDesignRuns) + " runs",
                format_number(runs) + " runs", "use fewer levels, samples or parameters");
}

DesignSpec read_design(const Reader& reader, const json& design) {
  reader.require_object(design, "design");
  reader.reject_unknown_keys(design, "design",
                             {"method", "samples", "levels", "trajectories", "parameters"});
  DesignSpec spec;
  const std::string method = reader.text(design, "method", "design", "", true);
  const std::vector<std::string> methods(kMethodNames.begin() + 1, kMethodNames.end());
  const auto found = std::find(methods.begin(), methods.end(), method);
  if (found == methods.end()) {
    const std::string nearest = nearest_name(method, methods);
    reader.fail("design.method", "one of factorial, latin_hypercube, sobol, morris",
                describe_json_value(design.at("method")),
                nearest.empty() ? "" : "did you mean \"" + nearest + "\"?");
  }
  spec.method = static_cast<DesignMethod>(found - methods.begin() + 1);

  if (!design.contains("parameters") || !design.at("parameters").is_array() ||
      design.at("parameters").empty()) {
    reader.fail("design.parameters", "a non-empty array of parameter ranges",
                design.contains("parameters") ? describe_json_value(design.at("parameters"))
                                              : "nothing (the key is missing)");
  }
  std::set<std::string> paths;
  const json& parameters = design.at("parameters");
  for (std::size_t i = 0; i < parameters.size(); ++i) {
    const std::string path = Reader::index("design.parameters", i);
    spec.parameters.push_back(read_parameter(reader, parameters[i], path));
    if (!paths.insert(spec.parameters.back().path).second) {
      reader.fail(Reader::join(path, "path"), "a path not varied by another parameter",
                  "\"" + spec.parameters.back().path + "\" again");
    }
  }

  const bool needs_samples =
      spec.method == DesignMethod::latin_hypercube || spec.method == DesignMethod::sobol;
  if (needs_samples && !design.contains("samples")) {
    reader.fail("design.samples", "a whole number of samples", "nothing (the key is missing)");
  }
  spec.samples = static_cast<int>(reader.integer(design, "samples", "design", 0, 1, 1000000));
  if (spec.method == DesignMethod::morris) {
    spec.levels = static_cast<int>(reader.integer(design, "levels", "design", 4, 2, 1000));
    if (spec.levels % 2 != 0) {
      reader.fail("design.levels", "an even number of Morris levels (4, 6, ...)",
                  describe_json_value(design.at("levels")));
    }
    spec.trajectories = static_cast<int>(reader.integer(design, "trajectories", "design", 10, 1, 100000));
  } else {
    spec.levels = static_cast<int>(reader.integer(design, "levels", "design", 3, 1, 1000));
  }
  check_design_size(reader, spec);
  return spec;
}

std::vector<std::string> read_outcomes(const Reader& reader, const json& root) {
  if (!root.contains("outcomes")) return default_outcomes();
  const json& list = root.at("outcomes");
  if (!list.is_array() || list.empty()) {
    reader.fail("outcomes", "a non-empty array of outcome names", describe_json_value(list));
  }
  std::vector<std::string> outcomes;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string path = Reader::index("outcomes", i);
    if (!list[i].is_string()) reader.fail(path, "an outcome name", describe_json_value(list[i]));
    const std::string name = list[i].get<std::string>();
    const std::string problem = outcome_name_problem(name);
    if (!problem.empty()) reader.fail(path, problem, describe_json_value(list[i]));
    if (std::find(outcomes.begin(), outcomes.end(), name) != outcomes.end()) {
      reader.fail(path, "an outcome not listed before", describe_json_value(list[i]));
    }
    outcomes.push_back(name);
  }
  return outcomes;
}

}  // namespace

const char* design_method_name(DesignMethod method) {
  return kMethodNames[static_cast<std::size_t>(method)];
}

double ParameterRange::value_at(double unit) const {
  if (!categorical() && !integer) return min + unit * (max - min);
  // Equal-width bins over the unit interval, so every whole value or choice is equally likely
  // and a grid point at 1 lands on the last one.
  const double count = max - min + 1.0;
  return min + std::min(std::floor(unit * count), count - 1.0);
}

json ParameterRange::json_value(double value) const {
  if (categorical()) return choices.at(static_cast<std::size_t>(value));
  if (integer) return static_cast<std::int64_t>(value);
  return value;
}

ExperimentSpec experiment_from_json(const json& root, const std::string& source_file) {
  const Reader reader(source_file);
  reader.require_object(root, "");
  reader.reject_unknown_keys(root, "",
                             {"name", "description", "base", "replicates", "seed",
                              "common_random_numbers", "overrides", "scenarios", "design", "outcomes"});
  ExperimentSpec spec;
  spec.source_file = source_file;
  spec.name = reader.text(root, "name", "", fs::path(source_file).stem().string());
  if (root.contains("description") && !root.at("description").is_string()) {
    reader.fail("description", "a string", describe_json_value(root.at("description")));
  }
  spec.description = root.value("description", "");
  const std::string base = reader.text(root, "base", "", "", true);
  spec.base_file = (fs::path(source_file).parent_path() / base).lexically_normal().string();
  spec.replicates = static_cast<int>(reader.integer(root, "replicates", "", 1, 1, 100000));
  // Run seeds are kept below 2^53 so that they survive any JSON or spreadsheet round trip.
  spec.seed = static_cast<std::uint64_t>(
      reader.integer(root, "seed", "", 1, 0, (std::int64_t{1} << 53) - 1));
  spec.common_random_numbers = reader.flag(root, "common_random_numbers", "");
  spec.common_overrides = read_overrides(reader, root, "overrides", "");

  const bool has_scenarios = root.contains("scenarios");
  const bool has_design = root.contains("design");
  if (has_scenarios == has_design) {
    reader.fail_problem("", has_design ? "give either \"scenarios\" or \"design\", not both"
                                       : "missing \"scenarios\" (named scenarios) or \"design\" "
                                         "(a design over parameter ranges)");
  }
  if (has_scenarios) spec.scenarios = read_scenarios(reader, root.at("scenarios"));
  if (has_design) spec.design = read_design(reader, root.at("design"));
  spec.outcomes = read_outcomes(reader, root);
  spec.canonical_json = root.dump();

  try {
    spec.base_scenario = read_scenario_json(spec.base_file);
  } catch (const InputError& error) {
    throw InputError({.file = source_file, .json_path = "base",
                      .problem = std::string("the base scenario cannot be read: ") + error.what()});
  }
  return spec;
}

ExperimentSpec load_experiment(const fs::path& file) {
  return experiment_from_json(parse_experiment_file(file), file.string());
}

}  // namespace wijksim::experiment
