#pragma once
// InputError: the one exception for bad user input (scenario files, overrides). It carries
// where the problem is and what was expected, so the CLI can print one clear line and exit 2.
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace wijksim {

// Every member has an initializer so that designated initializers may name only what applies.
struct InputErrorDetails {
  std::string file{};
  std::string json_path{};  // dotted, e.g. "government.levers.rung"; empty for whole-file problems
  int line = 0;             // 1-based, for malformed JSON; 0 when unknown
  int column = 0;
  std::string problem{};  // short statement such as "unknown key"; may be empty when expected is set
  std::string expected{};
  std::string found{};
  std::string suggestion{};
};

class InputError : public std::runtime_error {
 public:
  explicit InputError(InputErrorDetails details);
  const InputErrorDetails& details() const { return details_; }
  const std::string& file() const { return details_.file; }
  const std::string& json_path() const { return details_.json_path; }
  const std::string& expected() const { return details_.expected; }
  const std::string& found() const { return details_.found; }
  const std::string& suggestion() const { return details_.suggestion; }

 private:
  InputErrorDetails details_;
};

// A value as the user wrote it, with its JSON type: `"high" (a string)`, `3.5 (a number)`.
std::string describe_json_value(const nlohmann::json& value);

// Shortest decimal text that reads back as `value` ("0.5", "20", "1e-05").
std::string format_number(double value);

}  // namespace wijksim
