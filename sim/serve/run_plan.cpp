#include "sim/serve/run_plan.hpp"

#include <fstream>
#include <set>

#include "sim/engine/memory_estimate.hpp"
#include "sim/core/nearest_name.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/scenario/load.hpp"
#include "sim/scenario/roles.hpp"
#include "sim/serve/safe_path.hpp"

namespace wijksim::serve {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kRequest = "run request";

std::string joined(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

[[noreturn]] void reject(const std::string& path, const std::string& expected, const json& found,
                         const std::string& suggestion = "") {
  throw InputError({.file = kRequest,
                    .json_path = path,
                    .expected = expected,
                    .found = found.is_null() ? "nothing" : describe_json_value(found),
                    .suggestion = suggestion});
}

std::string list_of(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

// Unknown keys of the request are errors with a suggestion, as in scenario files.
void check_keys(const json& object, const std::string& path, const std::vector<std::string>& allowed) {
  if (!object.is_object()) reject(path, "a JSON object", object);
  for (const auto& [key, value] : object.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    const std::string near = nearest_name(key, allowed);
    throw InputError({.file = kRequest,
                      .json_path = joined(path, key),
                      .problem = "unknown key",
                      .suggestion = near.empty() ? "valid keys here: " + list_of(allowed)
                                                 : "did you mean '" + near + "'?"});
  }
}

std::int64_t integer_at(const json& object, const std::string& path, const std::string& key,
                        std::int64_t min, std::int64_t max) {
  const json& value = object.at(key);
  if (!value.is_number_integer() || value.get<std::int64_t>() < min || value.get<std::int64_t>() > max)
    reject(joined(path, key), "a whole number from " + std::to_string(min) + " to " + std::to_string(max), value);
  return value.get<std::int64_t>();
}

std::string text_at(const json& object, const std::string& path, const std::string& key) {
  if (!object.contains(key)) reject(joined(path, key), "a string", nullptr);
  const json& value = object.at(key);
  if (!value.is_string() || value.get<std::string>().empty()) reject(joined(path, key), "a non-empty string", value);
  return value.get<std::string>();
}

[[noreturn]] void reject_path(const std::string& path, const std::string& what, const std::string& folder,
                             const std::string& named) {
  reject(path, what + " inside the " + folder + " folder, named relative to it (no '..', no absolute path)", named);
}

fs::path file_in(const fs::path& folder, const json& object, const std::string& path, const std::string& key,
                 const std::string& what) {
  const std::string named = text_at(object, path, key);
  const auto file = inside_folder(folder, named);
  if (!file || !fs::is_regular_file(*file)) reject_path(joined(path, key), what, folder.filename().string(), named);
  return *file;
}

fs::path data_file_in(const StudioFolders& folders, const json& object, const std::string& path,
                      const std::string& key, const std::string& what) {
  const std::string named = text_at(object, path, key);
  const auto file = folders.data_file(named);
  if (!file) reject_path(joined(path, key), what, "data", named);
  return *file;
}

double scale_at(const json& place) {
  if (!place.contains("scale")) return 1.0;
  const json& value = place.at("scale");
  if (!value.is_number() || value.get<double>() <= 0 || value.get<double>() > 1)
    reject("place.scale", "a number above 0 and at most 1 (the share of residents simulated)", value);
  return value.get<double>();
}

// A gemeente from the national tables (as scenarios/cbs/netherlands.json reads the whole country, so
// every part of a wijk's composition comes from the same nearest real figure), or the user's own KWB
// table over the bundled base.json, as scenarios/cbs/den_haag.json does. Paths are absolute here and
// made relative to the run folder when the file is written.
json cbs_place(const json& place, const StudioFolders& folders, std::string& label) {
  json cbs = json::object();
  fs::path extends;
  json municipality = json::object();
  json place_output = json::object();
  if (place.contains("gemeente")) {
    const std::string code = text_at(place, "place", "gemeente");
    extends = folders.scenarios / kNationalScenario;
    if (!fs::is_regular_file(extends))
      reject("place.gemeente", std::string("the bundled scenario ") + kNationalScenario + " to take the gemeente from", code);
    cbs["gemeenten"] = json::array({code});
    label = code;
    // The whole-country file records every 4th week to stay small; one gemeente can afford every week.
    place_output["every_ticks"] = 1;
  } else {
    const fs::path table = data_file_in(folders, place, "place", "kwb", "a KWB table (.csv or .json)");
    extends = folders.scenarios / "base.json";
    municipality["buurt_types"] = json::array();
    cbs["file"] = table.string();
    if (place.contains("gemeenten")) cbs["gemeenten"] = place["gemeenten"];
    label = place["kwb"].get<std::string>();
  }
  cbs["scale"] = scale_at(place);
  municipality["cbs"] = cbs;
  json scenario_overlay = json::object();
  if (!place_output.empty()) scenario_overlay["output"] = place_output;
  std::string name;
  for (char c : label) name += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c)) : '_';
  scenario_overlay.update(json{{"extends", extends.string()},
                               {"name", name},
                               {"description", "Studio place: " + label + " from CBS Kerncijfers wijken en buurten"},
                               {"municipality", municipality}});
  return scenario_overlay;
}

// `overlay` merged into `merged` key by key, as the loader merges a file over the one it extends.
json merged_over(json merged, const json& overlay, const std::string& prefix = "") {
  for (const auto& [key, value] : overlay.items()) {
    const std::string path = joined(prefix, key);
    if (value.is_object() && !value.empty()) merged = merged_over(std::move(merged), value, path);
    else merged = apply_override(std::move(merged), path, value);
  }
  return merged;
}

// The merged scenario JSON of the place, as the loader reads it.
json place_scenario(const RunPlan& plan) {
  if (!plan.base_scenario.empty()) return read_scenario_json(plan.base_scenario);
  json overlay = plan.place_json;
  overlay.erase("extends");
  return merged_over(read_scenario_json(plan.place_json.at("extends").get<std::string>()), overlay);
}

bool is_alternative_name(const std::string& name) {
  return !name.empty() && name.size() <= 40 && is_plain_name(name) && name.find('.') == std::string::npos;
}

PlannedAlternative plan_alternative(const json& entry, std::size_t index, const RunPlan& plan,
                                    const json& place, const std::string& source_label) {
  const std::string path = "alternatives." + std::to_string(index);
  check_keys(entry, path, {"name", "role", "set"});
  PlannedAlternative alternative;
  const std::string role = text_at(entry, path, "role");
  alternative.name = entry.contains("name") ? text_at(entry, path, "name") : role;
  if (!is_alternative_name(alternative.name))
    reject(path + ".name", "a short name of letters, digits, '-' and '_' (it names the result file)",
           alternative.name);
  char stem[8];
  std::snprintf(stem, sizeof stem, "%02zu-", index + 1);
  alternative.file_stem = stem + alternative.name;
  json overrides = json::object();
  overrides = apply_override(std::move(overrides), "name", alternative.name);
  overrides = apply_override(std::move(overrides), "seed", plan.seed);
  overrides = apply_override(std::move(overrides), "replicates", plan.replicates);
  overrides = apply_override(std::move(overrides), "horizon_ticks", plan.horizon_ticks);
  overrides = apply_override(std::move(overrides), "government.role", role);
  if (entry.contains("set")) {
    if (!entry["set"].is_object()) reject(path + ".set", "an object of scenario keys and values", entry["set"]);
    for (const auto& [key, value] : entry["set"].items()) {
      if (key.empty() || key.size() > 200) reject(path + ".set", "a scenario key by its JSON path", key);
      overrides = apply_override(std::move(overrides), key, value);
    }
  }
  json merged = place;
  for (const auto& [key, value] : overrides.items()) merged = apply_override(std::move(merged), key, value);
  try {
    alternative.scenario = scenario_from_json(merged, source_label);
  } catch (const InputError& error) {
    throw AlternativeInputError(error, index);
  }
  alternative.overrides = std::move(overrides);
  return alternative;
}

// Refuses a run whose estimated peak memory exceeds what this server allows one run.
void check_memory(double estimated_bytes, const RunLimits& limits) {
  double allowed = limits.max_run_bytes;
  std::string what = "this server allows";
  if (allowed <= 0) {
    const std::optional<double> available = available_memory_bytes();
    if (!available) return;
    allowed = *available / std::max(limits.concurrent_runs, 1);
    what = "the machine has free (per run)";
  }
  if (estimated_bytes <= allowed) return;
  throw InputError({.file = kRequest,
                    .json_path = "replicates",
                    .problem = "this run needs about " + format_bytes(estimated_bytes) + " of memory, but " + what +
                               " only " + format_bytes(allowed),
                    .suggestion = "use fewer replicates, a shorter horizon or a smaller place.scale"});
}

}  // namespace

std::vector<fs::path> StudioFolders::data_folders() const {
  std::vector<fs::path> folders{data};
  if (!own_data.empty()) folders.push_back(own_data);
  return folders;
}

std::optional<fs::path> StudioFolders::data_file(const std::string& named) const {
  for (const fs::path& folder : data_folders()) {
    const auto file = inside_folder(folder, named);
    if (file && fs::is_regular_file(*file)) return file;
  }
  return std::nullopt;
}

RunPlan plan_run(const json& request, const StudioFolders& folders, const RunLimits& limits) {
  RunPlan plan;
  plan.request = request;
  check_keys(request, "", {"place", "alternatives", "replicates", "horizon_ticks", "seed", "boundaries"});
  for (const char* key : {"place", "alternatives", "replicates", "horizon_ticks", "seed"})
    if (!request.contains(key)) throw InputError({.file = kRequest, .json_path = key, .problem = "missing"});
  const json& place = request["place"];
  check_keys(place, "place", {"scenario", "gemeente", "kwb", "gemeenten", "scale"});
  const int kinds = static_cast<int>(place.contains("scenario")) + static_cast<int>(place.contains("gemeente")) +
                    static_cast<int>(place.contains("kwb"));
  if (kinds != 1) reject("place", "exactly one of 'scenario', 'gemeente' or 'kwb'", place);
  std::string source_label;
  if (place.contains("scenario")) {
    plan.base_scenario = file_in(folders.scenarios, place, "place", "scenario", "a scenario file");
    plan.place_label = text_at(place, "place", "scenario");
    source_label = plan.base_scenario.string();
  } else {
    plan.place_json = cbs_place(place, folders, plan.place_label);
    source_label = "place " + plan.place_label;
  }
  if (request.contains("boundaries")) {
    data_file_in(folders, request, "", "boundaries", "a GeoJSON file of buurt or wijk boundaries");
    plan.boundaries = request["boundaries"].get<std::string>();
  }
  plan.replicates = static_cast<int>(integer_at(request, "", "replicates", 1, limits.max_replicates));
  plan.horizon_ticks = static_cast<int>(integer_at(request, "", "horizon_ticks", 1, limits.max_horizon_ticks));
  const json& seed = request["seed"];
  if (!seed.is_number_unsigned() && !(seed.is_number_integer() && seed.get<std::int64_t>() >= 0))
    reject("seed", "a whole number of 0 or more", seed);
  plan.seed = seed.get<std::uint64_t>();
  const json& alternatives = request["alternatives"];
  if (!alternatives.is_array() || alternatives.empty() ||
      alternatives.size() > static_cast<std::size_t>(limits.max_alternatives))
    reject("alternatives", "a list of 1 to " + std::to_string(limits.max_alternatives) + " alternatives",
           alternatives);
  const json merged_place = place_scenario(plan);
  std::set<std::string> names;
  for (std::size_t i = 0; i < alternatives.size(); ++i) {
    plan.alternatives.push_back(plan_alternative(alternatives[i], i, plan, merged_place, source_label));
    if (!names.insert(plan.alternatives.back().name).second)
      reject("alternatives." + std::to_string(i) + ".name", "a name no other alternative has",
             plan.alternatives.back().name);
  }
  plan.residents = total_residents(plan.alternatives.front().scenario);
  for (const PlannedAlternative& alternative : plan.alternatives)
    plan.estimated_bytes = std::max(plan.estimated_bytes,
                                    estimate_peak_memory(alternative.scenario, limits.threads).total_bytes);
  check_memory(plan.estimated_bytes, limits);
  return plan;
}

namespace {

std::string relative_to(const fs::path& file, const fs::path& folder) {
  const fs::path relative = fs::weakly_canonical(file).lexically_relative(fs::weakly_canonical(folder));
  return relative.empty() ? file.string() : relative.string();
}

void write_json(const fs::path& file, const json& content) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << content.dump(2) << "\n";
  if (!out) throw std::runtime_error("cannot write " + file.string());
}

}  // namespace

std::vector<fs::path> write_scenario_files(const RunPlan& plan, const fs::path& run_folder) {
  fs::path base = plan.base_scenario;
  if (!plan.place_json.is_null()) {
    json place = plan.place_json;
    place["extends"] = relative_to(place["extends"].get<std::string>(), run_folder);
    json& cbs = place["municipality"]["cbs"];
    if (cbs.contains("file")) cbs["file"] = relative_to(cbs["file"].get<std::string>(), run_folder);
    base = run_folder / "place.json";
    write_json(base, place);
  }
  std::vector<fs::path> files;
  for (const PlannedAlternative& alternative : plan.alternatives) {
    json scenario = {{"extends", relative_to(base, run_folder)}};
    scenario.update(alternative.overrides, true);
    files.push_back(run_folder / (alternative.file_stem + ".json"));
    write_json(files.back(), scenario);
  }
  return files;
}

}  // namespace wijksim::serve
