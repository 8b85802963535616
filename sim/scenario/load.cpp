// Reading scenario files: parsing with line and column errors, `extends` chains, validation
// through the parameter registry, role presets and the expansion of buurt types.
#include "sim/scenario/load.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <set>
#include <string>

#include "sim/core/input_file.hpp"
#include "sim/core/limits.hpp"
#include "sim/core/nearest_name.hpp"
#include "sim/data/cbs_buurten.hpp"
#include "sim/scenario/json_text.hpp"
#include "sim/scenario/parameter_walk.hpp"
#include "sim/scenario/parameters.hpp"
#include "sim/scenario/roles.hpp"

namespace wijksim {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Scenario files extend a few others at most; a longer chain is a mistake, not a design.
constexpr std::size_t kMaxExtendsChain = 32;

// ---- reading files ----

// Reads and parses one scenario file. `named_by` is the file whose `extends` names this one
// (empty for the file given on the command line): a file that cannot be read is then reported
// at that file's `extends` key, and a problem inside it says how it was reached.
json parse_file(const fs::path& file, const fs::path& named_by) {
  const InputFile input = read_input_file(file.string(), kMaxScenarioFileBytes);
  if (!input.problem.empty()) {
    if (named_by.empty()) throw InputError({.file = printable(file.string()), .problem = input.problem});
    throw InputError({.file = named_by.string(),
                      .json_path = "extends",
                      .problem = "'" + printable(file.string()) + "' " + input.problem,
                      .suggestion = "an extended path is relative to the file that names it"});
  }
  try {
    return parse_json_text(input.text, file.string());
  } catch (const InputError& error) {
    if (named_by.empty()) throw;
    InputErrorDetails details = error.details();
    details.suggestion += std::string(details.suggestion.empty() ? "" : "; ") + "this file is named in 'extends' of " +
                          named_by.string() + ": is it the scenario file you meant?";
    throw InputError(std::move(details));
  }
}

// A path from a scenario file, refused before the operating system sees it if a NUL would cut
// it short.
void require_plain_path(const std::string& path, const std::string& file, const std::string& json_path) {
  if (path.find('\0') != std::string::npos)
    throw InputError({.file = file, .json_path = json_path,
                      .expected = "a file path", .found = "\"" + printable(path) + "\" (with a NUL character)"});
}

void resolve_relative_path(json& path, const fs::path& file, const std::string& json_path) {
  if (!path.is_string()) return;
  require_plain_path(path.get<std::string>(), file.string(), json_path);
  const fs::path data_file = path.get<std::string>();
  if (data_file.is_relative()) path = (file.parent_path() / data_file).lexically_normal().string();
}

// CBS files (`file`, `boundaries` and each of `detail`) are named relative to the scenario file that names
// them, which may be an extended file in another folder, so they are resolved before the files
// are merged.
void resolve_cbs_files(json& root, const fs::path& file) {
  if (!root.contains("municipality") || !root["municipality"].is_object()) return;
  json& municipality = root["municipality"];
  if (!municipality.contains("cbs") || !municipality["cbs"].is_object()) return;
  json& cbs = municipality["cbs"];
  if (cbs.contains("file")) resolve_relative_path(cbs["file"], file, "municipality.cbs.file");
  if (cbs.contains("boundaries")) resolve_relative_path(cbs["boundaries"], file, "municipality.cbs.boundaries");
  if (cbs.contains("detail") && cbs["detail"].is_array()) {
    for (std::size_t i = 0; i < cbs["detail"].size(); ++i)
      resolve_relative_path(cbs["detail"][i], file, "municipality.cbs.detail[" + std::to_string(i) + "]");
  }
}

// Child over parent: objects key by key, anything else replaced. Iterative, so that the depth
// of the files never reaches the stack (parse_json_text bounds it as well).
void deep_merge(json& base, const json& overriding) {
  std::vector<std::pair<json*, const json*>> pending{{&base, &overriding}};
  while (!pending.empty()) {
    auto [target, source] = pending.back();
    pending.pop_back();
    if (!target->is_object() || !source->is_object()) {
      *target = *source;
      continue;
    }
    for (const auto& [key, value] : source->items()) pending.emplace_back(&(*target)[key], &value);
  }
}

std::string chain_text(const std::vector<fs::path>& chain, const fs::path& repeated) {
  std::string text;
  for (const auto& file : chain) text += file.string() + " -> ";
  return text + repeated.string();
}

fs::path identity_of(const fs::path& file) {
  std::error_code error;
  const fs::path canonical = fs::weakly_canonical(file, error);
  return error ? file : canonical;
}

json read_with_extends(const fs::path& file, std::vector<fs::path>& chain) {
  json root = parse_file(file, chain.empty() ? fs::path() : chain.back());
  if (!root.is_object()) {
    throw InputError({.file = file.string(),
                      .expected = "a JSON object at the top level",
                      .found = describe_json_value(root)});
  }
  resolve_cbs_files(root, file);
  if (!root.contains("extends")) return root;

  const json& extends = root["extends"];
  if (!extends.is_string()) {
    throw InputError({.file = file.string(),
                      .json_path = "extends",
                      .expected = "a path to a scenario file, relative to this file",
                      .found = describe_json_value(extends)});
  }
  require_plain_path(extends.get<std::string>(), file.string(), "extends");
  const fs::path parent = (file.parent_path() / extends.get<std::string>()).lexically_normal();
  const fs::path parent_identity = identity_of(parent);
  chain.push_back(file);
  for (const auto& visited : chain) {
    if (identity_of(visited) == parent_identity) {
      throw InputError({.file = file.string(),
                        .json_path = "extends",
                        .problem = "extends cycle: " + chain_text(chain, parent)});
    }
  }
  if (chain.size() > kMaxExtendsChain) {
    throw InputError({.file = file.string(),
                      .json_path = "extends",
                      .problem = "a chain of more than " + std::to_string(kMaxExtendsChain) + " extended files",
                      .suggestion = "extend a file that gives more of the settings itself"});
  }
  json merged = read_with_extends(parent, chain);
  chain.pop_back();
  root.erase("extends");
  deep_merge(merged, root);
  return merged;
}

// ---- resolving a scenario ----

void check_type_names_unique(const std::vector<BuurtType>& types, const JsonPlace& place) {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < types.size(); ++i) {
    if (!seen.insert(types[i].name).second) {
      throw InputError({.file = place.file,
                        .json_path = place.child("[" + std::to_string(i) + "].name"),
                        .problem = "duplicate buurt type name \"" + types[i].name + "\"",
                        .suggestion = "each archetype needs its own name"});
    }
  }
}

std::vector<BuurtType> read_buurt_types(const json& list, const JsonPlace& place) {
  if (!list.is_array()) {
    throw InputError({.file = place.file,
                      .json_path = place.path,
                      .expected = "a list of buurt types",
                      .found = describe_json_value(list)});
  }
  std::vector<BuurtType> types;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const JsonPlace item{place.file, place.path + "[" + std::to_string(i) + "]"};
    BuurtType type;
    apply_parameters(parameters_of<BuurtType>(), list[i], item, type);
    check_share_groups(parameters_of<BuurtType>(), item, type);
    types.push_back(std::move(type));
  }
  check_type_names_unique(types, place);
  return types;
}

[[noreturn]] void throw_no_buurten(const std::string& file, const std::string& detail) {
  throw InputError({.file = file,
                    .json_path = "municipality",
                    .problem = "no buurten" + detail,
                    .suggestion = "give municipality.buurt_types (archetypes with a count >= 1) "
                                  "or municipality.cbs (buurten from CBS data)"});
}

void read_municipality(const json& merged, const std::string& file, Scenario& scenario) {
  const json* municipality = child_of(merged, "municipality");
  const json* types = municipality ? child_of(*municipality, "buurt_types") : nullptr;
  const json* cbs = municipality ? child_of(*municipality, "cbs") : nullptr;
  // An empty list is how a file that extends an archetype scenario switches to CBS data.
  if (types && types->is_array() && types->empty() && cbs) types = nullptr;
  if (types && cbs) {
    throw InputError({.file = file,
                      .json_path = "municipality",
                      .problem = "both buurt_types and cbs are given",
                      .suggestion = "give one: archetypes (buurt_types) or CBS data (cbs); an "
                                    "extended file may have given the other"});
  }
  if (cbs) {
    CbsSelection selection;
    apply_parameters(parameters_of<CbsSelection>(), *cbs, {file, "municipality.cbs"}, selection);
    scenario.cbs = std::move(selection);
    return;
  }
  if (!types) throw_no_buurten(file, "");
  scenario.buurt_types = read_buurt_types(*types, {file, "municipality.buurt_types"});
  std::uint64_t total = 0;
  for (const auto& type : scenario.buurt_types) total += static_cast<std::uint64_t>(type.count);
  if (total == 0) throw_no_buurten(file, ": the buurt types add up to 0 buurten");
  if (total > kMaxBuurten)
    throw InputError({.file = file, .json_path = "municipality.buurt_types",
                      .expected = "at most " + std::to_string(kMaxBuurten) + " buurten in one run (the sum of count)",
                      .found = std::to_string(total)});
}

std::vector<IssueEvent> read_issue_events(const json& merged, const std::string& file, int horizon_ticks) {
  const json* list = child_of(merged, "issue_events");
  if (!list) return {};
  if (!list->is_array()) {
    throw InputError({.file = file, .json_path = "issue_events", .expected = "a list of issue events",
                      .found = describe_json_value(*list)});
  }
  std::vector<IssueEvent> events;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const JsonPlace item{file, "issue_events[" + std::to_string(i) + "]"};
    IssueEvent event;
    apply_parameters(parameters_of<IssueEvent>(), (*list)[i], item, event);
    if (event.tick >= horizon_ticks) {
      throw InputError({.file = file, .json_path = item.path + ".tick",
                        .expected = "a week before the horizon (below " + std::to_string(horizon_ticks) + ")",
                        .found = std::to_string(event.tick)});
    }
    events.push_back(std::move(event));
  }
  return events;
}

// Every place an event names must include at least one buurt of the scenario.
void check_issue_event_places(const Scenario& scenario, const std::string& file) {
  for (std::size_t i = 0; i < scenario.issue_events.size(); ++i) {
    const std::vector<std::string>& named = scenario.issue_events[i].buurten;
    for (std::size_t k = 0; k < named.size(); ++k) {
      const auto includes = [&](const BuurtSpec& b) { return place_includes(named[k], b); };
      if (std::any_of(scenario.buurten.begin(), scenario.buurten.end(), includes)) continue;
      std::vector<std::string> places;
      for (const BuurtSpec& b : scenario.buurten) places.insert(places.end(), {b.code, b.wijk, b.gemeente});
      const std::string nearest = nearest_name(named[k], places);
      throw InputError({.file = file,
                        .json_path = "issue_events[" + std::to_string(i) + "].buurten[" + std::to_string(k) + "]",
                        .expected = "a buurt, wijk or gemeente code of this scenario, or an archetype name",
                        .found = "\"" + named[k] + "\"",
                        .suggestion = nearest.empty() ? "" : "did you mean '" + nearest + "'?"});
    }
  }
}

std::vector<BuurtSpec> cbs_buurten(const CbsSelection& selection, std::vector<std::string>& notes,
                                   const std::string& file) {
  std::vector<BuurtSpec> buurten;
  try {
    buurten = read_cbs_buurten(selection, notes);
  } catch (const SelectionError& error) {
    throw InputError({.file = file, .json_path = error.json_path(),
                      .problem = printable(error.problem()) + " (CBS table " + printable(error.file()) + ")"});
  }
  return buurten;
}

// "n of N buurten (x% of the simulated residents)" for the buurten that match `concerned` ("wijken"
// when the scenario's units are wijken), or empty when none does.
template <typename Concerned>
std::string buurten_concerned(const std::vector<BuurtSpec>& buurten, Concerned concerned) {
  std::size_t count = 0;
  double their_residents = 0, residents = 0;
  for (const BuurtSpec& b : buurten) {
    residents += b.residents;
    if (!concerned(b)) continue;
    ++count;
    their_residents += b.residents;
  }
  if (count == 0) return "";
  char percent[32];
  std::snprintf(percent, sizeof percent, "%.*f%%", their_residents < 0.1 * residents ? 1 : 0,
                100.0 * their_residents / residents);
  return std::to_string(count) + " of " + std::to_string(buurten.size()) + " " +
         std::string(region_level_plural(unit_level(buurten))) + " (" + percent + " of the simulated residents)";
}

// A buurt whose sample holds less than a street (`initiatives.reach` residents, ODD 7.4), while the
// real buurt holds at least one: its residents stand for the rest of their street in its
// initiatives and its processes are judged by the mix they draw (ODD 7.3, 7.4), so per resident it
// gives about what the real one does, but its own figures rest on few residents and a role with a
// residents' budget wins somewhat less trust there (ODD 8.9). Says how many residents that concerns.
std::string note_sampled_below_a_street(const std::vector<BuurtSpec>& buurten, double reach) {
  const std::string which = buurten_concerned(
      buurten, [&](const BuurtSpec& b) { return b.residents < reach && b.residents / b.sample_share >= reach; });
  if (which.empty()) return "";
  return "scale: " + which + " are sampled below one street (" + std::to_string(static_cast<int>(reach)) +
         " residents, initiatives.reach) although the real " + std::string(region_level_name(unit_level(buurten))) +
         " holds one; their residents stand for the rest of the street in its initiatives and their processes are "
         "judged by the mix of residents they draw, so per resident they give about what a full run gives, but each one's "
         "own figures rest on few residents, and a role with a residents' budget wins somewhat less trust there "
         "(docs/data.md, Scale)";
}

// The same holds for a real buurt smaller than a street (many rural buurten), whatever the scale.
// Says how many residents that concerns, so that a map of such buurten is read with it in mind.
std::string note_real_buurten_below_a_street(const std::vector<BuurtSpec>& buurten, double reach) {
  const std::string which =
      buurten_concerned(buurten, [&](const BuurtSpec& b) { return b.residents / b.sample_share < reach; });
  if (which.empty()) return "";
  return "buurt size: " + which + " have fewer residents aged 15+ than one street (" +
         std::to_string(static_cast<int>(reach)) +
         ", initiatives.reach); their initiatives are the street's, shared with its residents outside them, "
         "and their processes are judged by the mix of residents they draw, as a larger " +
         std::string(region_level_name(unit_level(buurten))) +
         "'s are; a role with a residents' budget wins somewhat less trust there than in a larger one of the same "
         "make-up (docs/ODD.md, 8.9)";
}

std::vector<BuurtSpec> expand_buurt_types(const std::vector<BuurtType>& types) {
  std::vector<BuurtSpec> buurten;
  for (std::size_t t = 0; t < types.size(); ++t) {
    const BuurtType& type = types[t];
    for (int k = 1; k <= type.count; ++k) {
      BuurtSpec buurt;
      buurt.code = "BT" + std::to_string(t + 1) + "-" + std::to_string(k);
      buurt.name = type.name + " " + std::to_string(k);
      buurt.wijk = type.name;
      buurt.type = type.name;
      buurt.residents = type.residents;
      buurt.vulnerability = type.vulnerability;
      buurt.composition = type.composition;
      buurt.liveability = type.liveability;
      buurt.community_centre = type.community_centre;
      buurten.push_back(std::move(buurt));
    }
  }
  return buurten;
}

nlohmann::ordered_json municipality_json(Scenario& scenario) {
  nlohmann::ordered_json municipality = nlohmann::ordered_json::object();
  if (scenario.cbs) {
    municipality["cbs"] = parameters_to_json(parameters_of<CbsSelection>(), *scenario.cbs);
    return municipality;
  }
  municipality["buurt_types"] = nlohmann::ordered_json::array();
  for (auto& type : scenario.buurt_types) {
    municipality["buurt_types"].push_back(parameters_to_json(parameters_of<BuurtType>(), type));
  }
  return municipality;
}

std::string resolved_json_text(Scenario& scenario) {
  nlohmann::ordered_json parameters = parameters_to_json(parameters_of<Scenario>(), scenario);
  Government& government = scenario.government;
  parameters["government"]["levers"] =
      parameters_to_json(parameters_of<Levers>(), government.plan.levers);
  if (government.role == Role::kaleidoscopic) {
    parameters["government"]["vulnerable_levers"] =
        parameters_to_json(parameters_of<Levers>(), government.vulnerable_plan.levers);
  }
  // The municipality goes right after the run settings, as in a hand-written file.
  nlohmann::ordered_json resolved = nlohmann::ordered_json::object();
  for (auto& [key, value] : parameters.items()) {
    resolved[key] = std::move(value);
    if (key == "output") resolved["municipality"] = municipality_json(scenario);
  }
  resolved["issue_events"] = nlohmann::ordered_json::array();
  for (IssueEvent& event : scenario.issue_events)
    resolved["issue_events"].push_back(parameters_to_json(parameters_of<IssueEvent>(), event));
  return resolved.dump(2);
}

std::size_t array_index(const json& array, const std::string& key, const std::string& path) {
  const bool is_index = !key.empty() && std::all_of(key.begin(), key.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
  if (!is_index || std::stoul(key) >= array.size()) {
    throw InputError({.file = "override",
                      .json_path = path,
                      .expected = "an index below " + std::to_string(array.size()),
                      .found = "\"" + key + "\""});
  }
  return std::stoul(key);
}

// What the engine's data layout can hold (sim/core/limits.hpp), checked here so that `validate`
// refuses what `run` could not do.
void check_capacity(const Scenario& scenario, const std::string& file) {
  const std::string where = scenario.cbs ? "municipality.cbs" : "municipality.buurt_types";
  if (scenario.buurten.size() > kMaxBuurten)
    throw InputError({.file = file, .json_path = where,
                      .expected = "at most " + std::to_string(kMaxBuurten) + " buurten in one run",
                      .found = std::to_string(scenario.buurten.size()),
                      .suggestion = "select fewer areas, or run the country in parts"});
  std::uint64_t total = 0;
  for (const BuurtSpec& buurt : scenario.buurten) {
    if (buurt.residents < 1 || static_cast<std::uint32_t>(buurt.residents) > kMaxBuurtResidents)
      throw InputError({.file = file, .json_path = where,
                        .expected = "1 to " + std::to_string(kMaxBuurtResidents) + " residents per buurt",
                        .found = std::to_string(buurt.residents) + " in " + buurt.code});
    total += static_cast<std::uint64_t>(buurt.residents);
  }
  if (total > kMaxTotalResidents)
    throw InputError({.file = file, .json_path = where,
                      .expected = "at most " + std::to_string(kMaxTotalResidents) + " residents in one run",
                      .found = std::to_string(total),
                      .suggestion = "lower the counts or municipality.cbs.scale"});
}

}  // namespace

json read_scenario_json(const fs::path& file) {
  std::vector<fs::path> chain;
  return read_with_extends(file.lexically_normal(), chain);
}

Scenario scenario_from_json(const json& merged, const std::string& source_file) {
  Scenario scenario;
  apply_parameters(parameters_of<Scenario>(), merged, {source_file, ""}, scenario);
  read_municipality(merged, source_file, scenario);
  resolve_government(child_of(merged, "government"), source_file, scenario.government);
  scenario.buurten = scenario.cbs ? cbs_buurten(*scenario.cbs, scenario.data_notes, source_file)
                                  : expand_buurt_types(scenario.buurt_types);
  for (const auto& note_below_a_street : {note_real_buurten_below_a_street, note_sampled_below_a_street})
    if (const std::string note = note_below_a_street(scenario.buurten, scenario.initiatives.reach); !note.empty())
      scenario.data_notes.insert(scenario.data_notes.begin(), note);
  check_capacity(scenario, source_file);
  scenario.issue_events = read_issue_events(merged, source_file, scenario.horizon_ticks);
  check_issue_event_places(scenario, source_file);
  scenario.source_file = source_file;
  scenario.resolved_json = resolved_json_text(scenario);
  return scenario;
}

Scenario load_scenario(const fs::path& file) {
  return scenario_from_json(read_scenario_json(file), file.lexically_normal().string());
}

json apply_override(json merged, std::string_view dotted_path, const json& value) {
  const std::vector<std::string> keys = split_path(std::string(dotted_path));
  json* node = &merged;
  std::string walked;
  for (const auto& key : keys) {
    if (key.empty()) {
      throw InputError({.file = "override",
                        .json_path = std::string(dotted_path),
                        .problem = "empty key in the path"});
    }
    if (!node->is_array() && !node->is_object() && !node->is_null()) {
      throw InputError({.file = "override",
                        .json_path = walked,
                        .expected = "an object or a list on the way to the key",
                        .found = describe_json_value(*node)});
    }
    walked += (walked.empty() ? "" : ".") + key;
    node = node->is_array() ? &(*node)[array_index(*node, key, walked)] : &(*node)[key];
  }
  *node = value;
  return merged;
}

}  // namespace wijksim
