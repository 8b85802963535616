#pragma once
// The parameter registry: the one list of every scenario key with its type, range, meaning
// (one line, with the unit) and the struct member it sets. The loader, the JSON Schema and the
// reference tables in docs/scenarios.md all walk these tables; defaults are read from the
// default-constructed structs in scenario.hpp.
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/scenario/scenario.hpp"

namespace wijksim {

enum class ValueKind { number, integer, boolean, text, text_list, choice };

inline constexpr double kUnbounded = std::numeric_limits<double>::infinity();
// The most any one euro parameter may be: far above any real price, low enough that costs summed
// over residents, weeks and replicates stay finite.
inline constexpr double kMaxEuros = 1e9;

template <class Target>
struct Parameter {
  std::string path;  // dotted JSON path relative to the table's root
  ValueKind kind = ValueKind::number;
  std::string description;
  double min = -kUnbounded;  // numbers and integers only
  double max = kUnbounded;
  std::vector<std::string> choices;  // the valid names of a choice
  bool required = false;  // no default: every scenario must give it
  std::function<nlohmann::json(Target&)> read;
  std::function<void(Target&, const nlohmann::json&)> write;  // the value is validated before
};

// Members that are shares of one whole and must sum to 1, e.g. "composition.education".
struct ShareGroup {
  std::string path;
  std::vector<std::string> names;
};

template <class Target>
struct ParameterTable {
  std::vector<Parameter<Target>> parameters;
  std::vector<ShareGroup> share_groups;
  // Paths whose content is read with a table of its own (e.g. "government.levers").
  std::vector<std::string> nested_sections;

  const Parameter<Target>* find(const std::string& path) const {
    for (const auto& parameter : parameters) {
      if (parameter.path == path) return &parameter;
    }
    return nullptr;
  }
};

// The table of each kind of section, built on first use: Scenario (the top level of a scenario
// file, whose nested sections have tables of their own), BuurtType (one entry of
// municipality.buurt_types), CbsSelection (municipality.cbs), IssueEvent (one entry of
// issue_events) and Levers (government.levers and government.vulnerable_levers).
template <class Target>
const ParameterTable<Target>& parameters_of();

}  // namespace wijksim
