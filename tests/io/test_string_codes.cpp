// The rule that decides which string columns are stored as codes, and decoding codes back.
#include <catch.hpp>

#include <stdexcept>

#include "sim/io/string_codes.hpp"

using wijksim::decode_string_codes;
using wijksim::string_codes_for;

namespace {

// `distinct` different values, each repeated `copies` times.
std::vector<std::string> repeated_values(std::size_t distinct, std::size_t copies) {
  std::vector<std::string> values;
  for (std::size_t copy = 0; copy < copies; ++copy)
    for (std::size_t i = 0; i < distinct; ++i) values.push_back("value " + std::to_string(i));
  return values;
}

}  // namespace

TEST_CASE("codes index labels sorted by byte order, whatever the order of first appearance", "[io][codes]") {
  const std::vector<std::string> values{"support", "ignore", "support", "none", "ignore", "support"};
  const auto coded = string_codes_for(values);
  REQUIRE(coded);
  CHECK(coded->labels == std::vector<std::string>{"ignore", "none", "support"});
  CHECK(coded->codes == std::vector<std::uint8_t>{2, 0, 2, 1, 0, 2});
  std::vector<std::int64_t> wide(coded->codes.begin(), coded->codes.end());
  CHECK(decode_string_codes(wide, coded->labels, "test") == values);
}

TEST_CASE("a column is coded only with few distinct values, each used twice on average", "[io][codes]") {
  CHECK(string_codes_for(repeated_values(255, 2)));
  CHECK_FALSE(string_codes_for(repeated_values(256, 2)));  // codes would not fit a uint8
  CHECK(string_codes_for(repeated_values(3, 2)));
  std::vector<std::string> almost_unique = repeated_values(3, 2);
  almost_unique.back() = "something else";  // 4 distinct values in 6 rows
  CHECK_FALSE(string_codes_for(almost_unique));
  CHECK_FALSE(string_codes_for({"BU01", "BU02", "BU03"}));
  CHECK_FALSE(string_codes_for({}));
  CHECK(string_codes_for({"", ""}));
}

TEST_CASE("decoding refuses codes outside the labels, naming the row and the code", "[io][codes]") {
  const std::vector<std::string> labels{"a", "b"};
  CHECK_THROWS_WITH(decode_string_codes({0, 1, 2}, labels, "column x"),
                    Catch::Contains("column x, row 2: code 2") && Catch::Contains("2 labels"));
  CHECK_THROWS_AS(decode_string_codes({-1}, labels, "column x"), std::out_of_range);
  CHECK(decode_string_codes({}, {}, "column x").empty());
}
