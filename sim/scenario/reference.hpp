#pragma once
// The reference documentation derived from the parameter registry: the JSON Schema of scenario
// files and the parameter tables of docs/scenarios.md.
#include <string>

#include <nlohmann/json.hpp>

namespace wijksim {

// JSON Schema (draft 2020-12) of one scenario file, keys in registry order.
nlohmann::ordered_json scenario_schema();

// Markdown: one table per section with key, default, range and meaning, and the role presets.
std::string scenario_reference_markdown();

// `document` with the text between the generated-reference markers replaced by
// scenario_reference_markdown(). Throws std::runtime_error when the markers are missing.
std::string with_generated_reference(const std::string& document);

}  // namespace wijksim
