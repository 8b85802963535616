#pragma once
// Walking a parameter table over JSON: validate and apply a JSON object to a struct, check
// share groups, and write a struct back as JSON with every parameter present.
#include <string>

#include <nlohmann/json.hpp>

#include "sim/scenario/parameters.hpp"

namespace wijksim {

// Where a JSON object sits: the file to blame and the dotted path of the object itself.
struct JsonPlace {
  std::string file;
  std::string path;  // "" for the top level
  std::string child(const std::string& key) const { return path.empty() ? key : path + "." + key; }
};

// The member `key` of `object`, or nullptr when `object` is not an object or lacks it.
const nlohmann::json* child_of(const nlohmann::json& object, const std::string& key);

// Validates every key of `object` against the table (unknown key, type, range, choice) and writes
// the values into `target`; keys not given keep their value in `target`. Nested sections are
// skipped: the caller reads them with their own table. Throws InputError.
template <class Target>
void apply_parameters(const ParameterTable<Target>& table, const nlohmann::json& object,
                      const JsonPlace& place, Target& target);

// Throws InputError when a share group of `target` does not sum to 1 (tolerance 1e-6).
template <class Target>
void check_share_groups(const ParameterTable<Target>& table, const JsonPlace& place,
                        Target& target);

// Every parameter of `target`, nested by path, in table order.
template <class Target>
nlohmann::ordered_json parameters_to_json(const ParameterTable<Target>& table, Target& target);

// The JSON-Schema description of one parameter's value.
template <class Target>
nlohmann::ordered_json value_schema(const Parameter<Target>& parameter);

// How the loader phrases what a parameter accepts: "a number between 0 and 1".
template <class Target>
std::string expected_value(const Parameter<Target>& parameter);

// The dotted path split into keys.
std::vector<std::string> split_path(const std::string& dotted_path);

// Makes `root` hold `value` at the dotted path, creating objects on the way.
void set_at_path(nlohmann::ordered_json& root, const std::string& dotted_path,
                 nlohmann::ordered_json value);

}  // namespace wijksim
