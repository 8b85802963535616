#pragma once
// Scenario files -> a validated, fully resolved Scenario. Every failure is an InputError that
// names the file, the JSON path (or line and column), what was expected and what was found.
#include <filesystem>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "sim/scenario/input_error.hpp"
#include "sim/scenario/reference.hpp"
#include "sim/scenario/scenario.hpp"

namespace wijksim {

// Parses `file` and the chain of files it extends, and deep-merges them (child over parent;
// objects key by key, arrays replaced). The result has no "extends" key, and a relative
// municipality.cbs.file is rewritten relative to the working folder.
nlohmann::json read_scenario_json(const std::filesystem::path& file);

// Validates merged scenario JSON, fills in defaults, applies the role presets and lever
// overrides, expands buurt types into buurten, and records the resolved JSON.
Scenario scenario_from_json(const nlohmann::json& merged, const std::string& source_file);

Scenario load_scenario(const std::filesystem::path& file);

// Sets the value at a dotted path such as "government.levers.community_worker_hours_per_1000",
// creating objects on the way; a numeric key indexes an array ("municipality.buurt_types.0.count").
// Unknown keys are reported later by scenario_from_json.
nlohmann::json apply_override(nlohmann::json merged, std::string_view dotted_path,
                              const nlohmann::json& value);

}  // namespace wijksim
