#pragma once
// Parsing the JSON of scenario and experiment files strictly: every problem is an InputError with
// the file, line and column and, where it applies, the JSON path. Beyond malformed JSON this
// refuses what nlohmann::json would accept silently or pay for with the stack: a key given twice
// in one object (the last would win), numbers beyond the range of a double, and nesting deeper
// than kMaxJsonDepth (the loader's merge and copies are recursive).
#include <string>

#include <nlohmann/json.hpp>

namespace wijksim {

inline constexpr int kMaxJsonDepth = 64;

nlohmann::json parse_json_text(const std::string& text, const std::string& file);

}  // namespace wijksim
