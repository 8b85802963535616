// Encoding string columns as codes into sorted labels, and decoding them (rule in the header).
#include "sim/io/string_codes.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace wijksim {

std::optional<StringCodes> string_codes_for(const std::vector<std::string>& values) {
  std::set<std::string> distinct;
  for (const auto& value : values) {
    distinct.insert(value);
    if (distinct.size() > kMaxStringLabels) return std::nullopt;
  }
  if (values.empty() || distinct.size() * kMinRowsPerLabel > values.size()) return std::nullopt;

  StringCodes coded{std::vector<std::string>(distinct.begin(), distinct.end()), {}};
  coded.codes.reserve(values.size());
  for (const auto& value : values) {
    const auto position = std::lower_bound(coded.labels.begin(), coded.labels.end(), value);
    coded.codes.push_back(static_cast<std::uint8_t>(position - coded.labels.begin()));
  }
  return coded;
}

std::vector<std::string> decode_string_codes(const std::vector<std::int64_t>& codes,
                                             const std::vector<std::string>& labels, const std::string& where) {
  std::vector<std::string> values;
  values.reserve(codes.size());
  for (std::size_t row = 0; row < codes.size(); ++row) {
    const std::int64_t code = codes[row];
    if (code < 0 || static_cast<std::size_t>(code) >= labels.size())
      throw std::out_of_range(where + ", row " + std::to_string(row) + ": code " + std::to_string(code) +
                              " is not an index into its " + std::to_string(labels.size()) + " labels");
    values.push_back(labels[static_cast<std::size_t>(code)]);
  }
  return values;
}

}  // namespace wijksim
