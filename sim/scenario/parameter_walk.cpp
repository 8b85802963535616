// The generic walk of a parameter table over JSON, instantiated for the four tables.
#include "sim/scenario/parameter_walk.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <set>

#include "sim/core/nearest_name.hpp"
#include "sim/core/split.hpp"
#include "sim/scenario/input_error.hpp"

namespace wijksim {
namespace {

constexpr double kShareTolerance = 1e-6;

std::string join(const std::string& prefix, const std::string& key) {
  return prefix.empty() ? key : prefix + "." + key;
}

std::string range_phrase(double min, double max) {
  const bool has_min = std::isfinite(min);
  const bool has_max = std::isfinite(max);
  if (has_min && has_max) return " between " + format_number(min) + " and " + format_number(max);
  if (has_min) return " >= " + format_number(min);
  if (has_max) return " <= " + format_number(max);
  return "";
}

std::string list_names(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

bool in_range(const nlohmann::json& value, double min, double max) {
  const double number = value.get<double>();
  return number >= min && number <= max;
}

template <class Target>
bool accepts(const Parameter<Target>& parameter, const nlohmann::json& value) {
  switch (parameter.kind) {
    case ValueKind::number:
      return value.is_number() && in_range(value, parameter.min, parameter.max);
    case ValueKind::integer:
      return value.is_number_integer() && in_range(value, parameter.min, parameter.max);
    case ValueKind::boolean: return value.is_boolean();
    case ValueKind::text: return value.is_string();
    case ValueKind::text_list:
      return value.is_array() &&
             std::all_of(value.begin(), value.end(), [](const auto& v) { return v.is_string(); });
    case ValueKind::choice:
      return value.is_string() &&
             std::find(parameter.choices.begin(), parameter.choices.end(),
                       value.get<std::string>()) != parameter.choices.end();
  }
  return false;
}

// The keys that may appear directly inside the object at `prefix` of the table.
template <class Target>
std::vector<std::string> keys_under(const ParameterTable<Target>& table, const std::string& prefix) {
  std::set<std::string> keys;
  auto add_next_key = [&](const std::string& path) {
    const std::string start = prefix.empty() ? "" : prefix + ".";
    if (path.size() <= start.size() || path.compare(0, start.size(), start) != 0) return;
    const std::string rest = path.substr(start.size());
    keys.insert(rest.substr(0, rest.find('.')));
  };
  for (const auto& parameter : table.parameters) add_next_key(parameter.path);
  for (const auto& section : table.nested_sections) add_next_key(section);
  return std::vector<std::string>(keys.begin(), keys.end());
}

template <class Target>
bool is_object_node(const ParameterTable<Target>& table, const std::string& path) {
  const std::string start = path + ".";
  auto below = [&](const std::string& p) { return p.compare(0, start.size(), start) == 0; };
  return std::any_of(table.parameters.begin(), table.parameters.end(),
                     [&](const auto& parameter) { return below(parameter.path); }) ||
         std::any_of(table.nested_sections.begin(), table.nested_sections.end(), below);
}

[[noreturn]] void throw_unknown_key(const JsonPlace& place, const std::string& relative_path,
                                    const std::string& key, const std::vector<std::string>& valid) {
  const std::string nearest = nearest_name(key, valid);
  throw InputError({.file = place.file,
                    .json_path = place.child(relative_path),
                    .problem = "unknown key",
                    .suggestion = nearest.empty() ? "valid keys here: " + list_names(valid)
                                                  : "did you mean '" + nearest + "'?"});
}

template <class Target>
void apply_value(const Parameter<Target>& parameter, const nlohmann::json& value,
                 const JsonPlace& place, Target& target) {
  if (!accepts(parameter, value)) {
    std::string suggestion;
    if (parameter.kind == ValueKind::choice && value.is_string()) {
      const std::string nearest = nearest_name(value.get<std::string>(), parameter.choices);
      if (!nearest.empty()) suggestion = "did you mean '" + nearest + "'?";
    }
    throw InputError({.file = place.file,
                      .json_path = place.child(parameter.path),
                      .expected = expected_value(parameter),
                      .found = describe_json_value(value),
                      .suggestion = suggestion});
  }
  parameter.write(target, value);
}

template <class Target>
void walk_object(const ParameterTable<Target>& table, const nlohmann::json& object,
                 const std::string& relative_prefix, const JsonPlace& place, Target& target) {
  if (!object.is_object()) {
    throw InputError({.file = place.file,
                      .json_path = place.child(relative_prefix),
                      .expected = "an object",
                      .found = describe_json_value(object)});
  }
  for (const auto& [key, value] : object.items()) {
    const std::string path = join(relative_prefix, key);
    if (const auto* parameter = table.find(path)) {
      apply_value(*parameter, value, place, target);
    } else if (std::find(table.nested_sections.begin(), table.nested_sections.end(), path) !=
               table.nested_sections.end()) {
      continue;
    } else if (is_object_node(table, path)) {
      walk_object(table, value, path, place, target);
    } else {
      throw_unknown_key(place, path, key, keys_under(table, relative_prefix));
    }
  }
}

const nlohmann::json* find_at_path(const nlohmann::json& root, const std::string& dotted_path) {
  const nlohmann::json* node = &root;
  for (const auto& key : split_path(dotted_path)) {
    if (!node->is_object() || !node->contains(key)) return nullptr;
    node = &(*node)[key];
  }
  return node;
}

}  // namespace

const nlohmann::json* child_of(const nlohmann::json& object, const std::string& key) {
  return object.is_object() && object.contains(key) ? &object[key] : nullptr;
}

std::vector<std::string> split_path(const std::string& dotted_path) { return split_at(dotted_path, '.'); }

void set_at_path(nlohmann::ordered_json& root, const std::string& dotted_path,
                 nlohmann::ordered_json value) {
  nlohmann::ordered_json* node = &root;
  for (const auto& key : split_path(dotted_path)) node = &(*node)[key];
  *node = std::move(value);
}

template <class Target>
std::string expected_value(const Parameter<Target>& parameter) {
  switch (parameter.kind) {
    case ValueKind::number: return "a number" + range_phrase(parameter.min, parameter.max);
    case ValueKind::integer: return "an integer" + range_phrase(parameter.min, parameter.max);
    case ValueKind::boolean: return "true or false";
    case ValueKind::text: return "a string";
    case ValueKind::text_list: return "a list of strings";
    case ValueKind::choice: return "one of " + list_names(parameter.choices);
  }
  return "";
}

template <class Target>
void apply_parameters(const ParameterTable<Target>& table, const nlohmann::json& object,
                      const JsonPlace& place, Target& target) {
  walk_object(table, object, "", place, target);
  for (const auto& parameter : table.parameters) {
    if (parameter.required && find_at_path(object, parameter.path) == nullptr) {
      throw InputError({.file = place.file,
                        .json_path = place.child(parameter.path),
                        .problem = "missing required key",
                        .expected = expected_value(parameter) + " (" + parameter.description + ")"});
    }
  }
}

template <class Target>
void check_share_groups(const ParameterTable<Target>& table, const JsonPlace& place,
                        Target& target) {
  for (const auto& group : table.share_groups) {
    double sum = 0.0;
    std::string listing;
    for (const auto& name : group.names) {
      const double share = table.find(group.path + "." + name)->read(target).template get<double>();
      sum += share;
      listing += (listing.empty() ? "" : ", ") + name + " " + format_number(share);
    }
    if (std::abs(sum - 1.0) > kShareTolerance) {
      throw InputError({.file = place.file,
                        .json_path = place.child(group.path),
                        .expected = "shares that sum to 1",
                        .found = "a sum of " + format_number(sum) + " (" + listing + ")",
                        .suggestion = "keys left out keep their default or preset value, so give "
                                      "every share of the group"});
    }
  }
}

template <class Target>
nlohmann::ordered_json parameters_to_json(const ParameterTable<Target>& table, Target& target) {
  nlohmann::ordered_json result = nlohmann::ordered_json::object();
  for (const auto& parameter : table.parameters) {
    set_at_path(result, parameter.path, parameter.read(target));
  }
  return result;
}

template <class Target>
nlohmann::ordered_json value_schema(const Parameter<Target>& parameter) {
  nlohmann::ordered_json schema;
  switch (parameter.kind) {
    case ValueKind::number: schema["type"] = "number"; break;
    case ValueKind::integer: schema["type"] = "integer"; break;
    case ValueKind::boolean: schema["type"] = "boolean"; break;
    case ValueKind::text: schema["type"] = "string"; break;
    case ValueKind::text_list:
      schema["type"] = "array";
      schema["items"] = {{"type", "string"}};
      break;
    case ValueKind::choice:
      schema["type"] = "string";
      schema["enum"] = parameter.choices;
      break;
  }
  auto bound = [&](double limit) {
    return parameter.kind == ValueKind::integer
               ? nlohmann::ordered_json(static_cast<std::int64_t>(limit))
               : nlohmann::ordered_json(limit);
  };
  if (std::isfinite(parameter.min)) schema["minimum"] = bound(parameter.min);
  if (std::isfinite(parameter.max)) schema["maximum"] = bound(parameter.max);
  schema["description"] = parameter.description;
  return schema;
}

#define WIJKSIM_INSTANTIATE_WALK(Target)                                                      \
  template void apply_parameters(const ParameterTable<Target>&, const nlohmann::json&,        \
                                 const JsonPlace&, Target&);                                  \
  template void check_share_groups(const ParameterTable<Target>&, const JsonPlace&, Target&); \
  template nlohmann::ordered_json parameters_to_json(const ParameterTable<Target>&, Target&); \
  template nlohmann::ordered_json value_schema(const Parameter<Target>&);                     \
  template std::string expected_value(const Parameter<Target>&);

WIJKSIM_INSTANTIATE_WALK(Scenario)
WIJKSIM_INSTANTIATE_WALK(BuurtType)
WIJKSIM_INSTANTIATE_WALK(IssueEvent)
WIJKSIM_INSTANTIATE_WALK(CbsSelection)
WIJKSIM_INSTANTIATE_WALK(Levers)

}  // namespace wijksim
