#pragma once
// The output reference derived from the declarations in outputs.hpp: the series and table tables
// of docs/output-format.md and docs/outputs.json, the machine-readable form that the Python
// fixture and layout checker read.
#include <string>

#include <nlohmann/json.hpp>

namespace wijksim {

// Every dimension, series and table, in the order they are written.
nlohmann::ordered_json outputs_json();

// `document` with its two generated parts rewritten: between the SERIES markers the series and the
// labels of each column axis, between the TABLES markers one markdown table per result table.
// Throws std::runtime_error when the markers are missing.
std::string with_generated_outputs(const std::string& document);

}  // namespace wijksim
