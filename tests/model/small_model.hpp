#pragma once
// Shared by the mechanism and lever tests: a small municipality's scenario with overrides at JSON
// paths (each test file gives its own municipality), checked by the scenario loader like a file.
#include <initializer_list>
#include <string>
#include <utility>

#include "sim/scenario/load.hpp"

namespace wijksim::testing {

inline Scenario scenario_with(nlohmann::json municipality, const std::string& name,
                              std::initializer_list<std::pair<const char*, nlohmann::json>> overrides) {
  for (const auto& [path, value] : overrides) municipality = apply_override(std::move(municipality), path, value);
  return scenario_from_json(municipality, name);
}

}  // namespace wijksim::testing
