// Formatting of InputError messages and the helpers that make them specific.
#include "sim/scenario/input_error.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "sim/core/input_file.hpp"

namespace wijksim {
namespace {

std::string compose_message(const InputErrorDetails& d) {
  std::string message = d.file.empty() ? std::string("input") : d.file;
  if (d.line > 0) {
    message += ": line " + std::to_string(d.line) + ", column " + std::to_string(d.column);
  }
  if (!d.json_path.empty()) message += ": at " + d.json_path;
  if (!d.problem.empty()) message += ": " + d.problem;
  if (!d.expected.empty()) {
    message += d.problem.empty() ? ": " : "; ";
    message += "expected " + d.expected;
    if (!d.found.empty()) message += ", found " + d.found;
  }
  if (!d.suggestion.empty()) message += "; " + d.suggestion;
  return message;
}

}  // namespace

InputError::InputError(InputErrorDetails details)
    : std::runtime_error(printable(compose_message(details))), details_(std::move(details)) {}

std::string describe_json_value(const nlohmann::json& value) {
  constexpr std::size_t kMaxShown = 60;
  switch (value.type()) {
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::object: return "an object";
    case nlohmann::json::value_t::array: return "an array";
    case nlohmann::json::value_t::boolean: return value.dump() + " (a boolean)";
    case nlohmann::json::value_t::string: {
      std::string text = value.dump();
      if (text.size() > kMaxShown) text = text.substr(0, kMaxShown) + "...\"";
      return text + " (a string)";
    }
    default: return value.dump() + " (a number)";
  }
}

std::string format_number(double value) {
  // Whole numbers read better in full ("100000") than in the shortest form ("1e+05").
  if (std::floor(value) == value && std::abs(value) < 1e15) {
    return std::to_string(static_cast<long long>(value));
  }
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

}  // namespace wijksim
