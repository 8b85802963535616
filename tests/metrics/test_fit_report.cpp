// The fit table: target against achieved share per buurt and category.
#include <catch.hpp>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <variant>

#include "sim/metrics/fit.hpp"

using namespace wijksim;

namespace {

BuurtSpec buurt_with_targets() {
  BuurtSpec buurt;
  buurt.code = "BU99990101";
  buurt.composition.age_group = {0.1, 0.2, 0.3, 0.4};
  buurt.composition.education = {0.4, 0.4, 0.2};
  buurt.composition.low_income = 0.2;
  buurt.composition.household_size = 2.0;
  buurt.composition.households_with_children = 0.25;
  return buurt;
}

BuurtTargets achieved_counts() {
  BuurtTargets counts;
  counts.age_group = {10, 20, 30, 40};  // 100 residents, exactly on target
  counts.education = {50, 30, 20};      // low 0.5 against 0.4
  counts.migration = {80, 10, 10};
  counts.tenure = {50, 20, 30};
  counts.low_income = 20;
  counts.health_limitation = 12;
  counts.households = 40;  // 2.5 per household against 2.0
  counts.households_with_children = 10;
  return counts;
}

// The row of `marginal`/`category`; fails the test when absent.
std::size_t row_of(const Table& table, const std::string& marginal, const std::string& category) {
  const auto& marginals = std::get<std::vector<std::string>>(table.columns[1]);
  const auto& categories = std::get<std::vector<std::string>>(table.columns[2]);
  for (std::size_t i = 0; i < marginals.size(); ++i) {
    if (marginals[i] == marginal && categories[i] == category) return i;
  }
  FAIL("no row " << marginal << "/" << category);
  return 0;
}

}  // namespace

TEST_CASE("fit report compares targets with achieved shares", "[metrics][fit]") {
  const Table table = fit_report({buurt_with_targets(), buurt_with_targets()}, {achieved_counts(), achieved_counts()});
  CHECK(table.path == "fit");
  REQUIRE(table.column_names ==
          std::vector<std::string>{"buurt", "marginal", "category", "target", "achieved", "abs_error", "source"});
  REQUIRE(table.columns.size() == 7);
  const auto& sources = std::get<std::vector<std::string>>(table.columns[6]);
  CHECK(std::all_of(sources.begin(), sources.end(), [](const std::string& s) { return s == "scenario"; }));
  const auto& buurten = std::get<std::vector<std::int64_t>>(table.columns[0]);
  const auto& target = std::get<std::vector<double>>(table.columns[3]);
  const auto& achieved = std::get<std::vector<double>>(table.columns[4]);
  const auto& error = std::get<std::vector<double>>(table.columns[5]);
  CHECK(buurten.size() == 2 * (4 + 3 + 3 + 3 + 4));
  CHECK(buurten.front() == 0);  // row indices into the buurten table
  CHECK(buurten.back() == 1);

  const std::size_t young = row_of(table, "age_group", "15-24");
  CHECK(achieved[young] == Approx(0.1));
  CHECK(error[young] == Approx(0.0).margin(1e-12));

  const std::size_t low = row_of(table, "education", "low");
  CHECK(target[low] == Approx(0.4));
  CHECK(achieved[low] == Approx(0.5));
  CHECK(error[low] == Approx(0.1));

  const std::size_t size = row_of(table, "household_size", "mean");
  CHECK(achieved[size] == Approx(2.5));
  CHECK(error[size] == Approx(0.5));

  CHECK(achieved[row_of(table, "households_with_children", "yes")] == Approx(0.25));
  CHECK(achieved[row_of(table, "tenure", "social_rent")] == Approx(0.3));
}

TEST_CASE("fit report needs one set of counts per buurt", "[metrics][fit]") {
  CHECK_THROWS_AS(fit_report({buurt_with_targets()}, {}), std::invalid_argument);
}
