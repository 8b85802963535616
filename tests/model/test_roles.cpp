// The role presets change outcomes in the directions MODEL.md leads one to expect. These are
// emergent results of the levers, checked on shortened runs of the bundled scenarios.
#include <catch.hpp>

#include <algorithm>
#include <map>

#include "sim/model/state.hpp"
#include "support/small_runs.hpp"

using namespace wijksim;

namespace {

constexpr int kHorizon = 260;
constexpr std::size_t kFinalYear = 52;

const RunResult& run_role(const std::string& role) {
  static std::map<std::string, RunResult> cache;
  auto it = cache.find(role);
  if (it == cache.end())
    it = cache.emplace(role, run_scenario(testing::bundled_scenario(role, kHorizon, 3, 0.5), {})).first;
  return it->second;
}

double final_mean(const std::string& role, const std::string& path, std::size_t column = 0) {
  return testing::final_mean(run_role(role), path, column, kFinalYear);
}

double total_cost(const std::string& role) {
  double sum = 0;
  for (std::size_t lever = 0; lever < kCostLeverCount; ++lever) sum += final_mean(role, "cost/by_lever", lever);
  return sum;
}

// Mean final liveability of the buurten of the most vulnerable archetype.
double vulnerable_liveability(const std::string& role) {
  const RunResult& r = run_role(role);
  const auto& types = std::get<std::vector<std::string>>(r.tables[0].columns[3]);
  double sum = 0;
  int n = 0;
  for (std::size_t b = 0; b < types.size(); ++b)
    if (types[b] == "vulnerable") { sum += final_mean(role, "liveability/by_buurt", b); ++n; }
  return sum / n;
}

// High over low educated participation, as the ratio of the final year's mean rates (a mean of the
// weekly representation/education_ratio overstates it when few low-educated residents take part).
double education_ratio(const std::string& role) {
  return final_mean(role, "participation/by_group", 2) / final_mean(role, "participation/by_group", 0);
}

std::size_t initiatives_ending(const std::string& role, const std::string& outcome) {
  const auto& outcomes = std::get<std::vector<std::string>>(run_role(role).tables[2].columns[5]);
  return static_cast<std::size_t>(std::count(outcomes.begin(), outcomes.end(), outcome));
}

}  // namespace

TEST_CASE("inviting raises participation of the low educated and narrows the education gap") {
  CHECK(final_mean("inviting", "participation/by_group", 0) > 1.3 * final_mean("responsive", "participation/by_group", 0));
  CHECK(education_ratio("inviting") < education_ratio("responsive"));
}

TEST_CASE("withdrawing saves money and costs liveability where vulnerability is high") {
  CHECK(total_cost("withdrawing") < 0.8 * total_cost("responsive"));
  CHECK(vulnerable_liveability("withdrawing") < vulnerable_liveability("responsive") - 0.02);
}

TEST_CASE("only roles that open processes have residents in them") {
  CHECK(final_mean("responsive", "participation/by_kind", 2) == 0.0);
  CHECK(final_mean("top_down", "participation/by_kind", 2) > 0.0);  // consult
  CHECK(final_mean("inviting", "participation/by_kind", 3) > 0.0);  // advise
}

TEST_CASE("obstruction ends initiatives only where the role obstructs") {
  CHECK(initiatives_ending("top_down", "obstructed") > 0);
  CHECK(initiatives_ending("responsive", "obstructed") == 0);
  CHECK(initiatives_ending("responsive", "succeeded") > 0);
}
