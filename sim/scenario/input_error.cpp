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

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> previous(b.size() + 1);
  std::vector<std::size_t> current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
    }
    std::swap(previous, current);
  }
  return previous[b.size()];
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

std::string nearest_name(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = std::string::npos;
  for (const auto& candidate : candidates) {
    const std::size_t distance = edit_distance(word, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  // Beyond about a third of the word changed, a suggestion misleads more than it helps.
  const std::size_t plausible = std::max<std::size_t>(2, word.size() / 3);
  return best_distance <= plausible ? best : std::string();
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
