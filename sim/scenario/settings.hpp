#pragma once
// Settings given on the command line as KEY.PATH=VALUE (`wijksim run ... --set
// government.levers.community_worker_hours_per_1000=10`): parsed, applied to the merged scenario JSON
// before validation, so they are checked exactly like the file and end up in the resolved
// scenario. An error about a key that a setting gave names the setting.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/scenario/scenario.hpp"

namespace wijksim {

struct Setting {
  std::string path;      // dotted JSON path; list items by index: "municipality.buurt_types.0.count"
  nlohmann::json value;  // VALUE read as JSON (16, true, [1,2], "x"), else as the string itself
  std::string origin;    // where it came from, for messages: "--set government.levers.community_worker_hours_per_1000=10"
};

// Parses "KEY.PATH=VALUE" (origin "--set KEY.PATH=VALUE"); "a.b[0].c" is read as "a.b.0.c".
// Throws InputError naming the text.
Setting parse_setting(std::string_view assignment);
std::vector<Setting> parse_settings(const std::vector<std::string>& assignments);

// `merged` with every setting applied in order (a later one wins).
nlohmann::json apply_settings(nlohmann::json merged, const std::vector<Setting>& settings);

// Validates `merged` with the settings applied, as scenario_from_json does. An InputError at (or
// on the way to) a path a setting gave is re-thrown naming that setting beside `source_file`.
Scenario scenario_with_settings(const nlohmann::json& merged, const std::vector<Setting>& settings,
                                const std::string& source_file);

// read_scenario_json, then scenario_with_settings.
Scenario load_scenario(const std::filesystem::path& file, const std::vector<Setting>& settings);

}  // namespace wijksim
