// The recorded outcomes agree with each other and with hand computations on the population.
#include <catch.hpp>

#include <cmath>

#include "sim/model/state.hpp"
#include "sim/core/attributes.hpp"
#include "sim/population/synthesis.hpp"
#include "support/small_runs.hpp"

using namespace wijksim;

namespace {

const Series& series(const RunResult& r, const std::string& path) {
  for (const Series& s : r.series)
    if (s.spec.path == path) return s;
  throw std::runtime_error("no series " + path);
}

}  // namespace

TEST_CASE("participation by group, representation and dissimilarity fit together") {
  const Scenario scenario = testing::bundled_scenario("inviting", 60, 1, 0.4);
  const RunResult result = run_scenario(scenario, {});
  const Population population = synthesize_population(scenario, 0);
  std::array<double, kGroupCount> share{};
  for (std::size_t i = 0; i < population.size(); ++i) {
    const Residents& r = population.residents;
    for (int g : {int(r.education[i]), 3 + r.age_group[i], 7 + r.migration[i], 10 + r.tenure[i],
                  13 + ((r.flags[i] & kLowIncome) ? 1 : 0)})
      share[g] += 1.0 / population.size();
  }
  const auto& overall = series(result, "participation/overall").values[0];
  const auto& by_group = series(result, "participation/by_group").values[0];
  const auto& ratio = series(result, "representation/ratio_by_group").values[0];
  const auto& dissimilarity = series(result, "representation/dissimilarity").values[0];
  int checked = 0;
  for (std::size_t t = 1; t < result.ticks.size(); ++t) {
    if (!(overall[t] > 0)) continue;
    ++checked;
    for (std::size_t d = 0; d < kGroupDimensions.size(); ++d) {
      const auto& dim = kGroupDimensions[d];
      double weighted_rate = 0, expected_dissimilarity = 0;
      for (int g = dim.first; g < dim.first + dim.size; ++g) {
        const double rate = by_group[t * kGroupCount + g];
        weighted_rate += share[g] * rate;
        CHECK(ratio[t * kGroupCount + g] == Approx(rate / overall[t]).epsilon(1e-9));
        expected_dissimilarity += 0.5 * std::abs(share[g] * rate / overall[t] - share[g]);
      }
      CHECK(weighted_rate == Approx(overall[t]).epsilon(1e-9));
      CHECK(dissimilarity[t * kGroupDimensions.size() + d] == Approx(expected_dissimilarity).margin(1e-9));
    }
  }
  CHECK(checked > 50);
}

TEST_CASE("overall participation is the resident-weighted mean of the buurten's") {
  const Scenario scenario = testing::bundled_scenario("top_down", 40, 2, 0.3);
  const RunResult result = run_scenario(scenario, {});
  const auto& overall = series(result, "participation/overall");
  const auto& by_buurt = series(result, "participation/by_buurt");
  const Population population = synthesize_population(scenario, 1);
  const std::size_t buurten = population.buurten.size();
  for (std::size_t t = 0; t < result.ticks.size(); ++t) {
    double active = 0;
    for (std::size_t b = 0; b < buurten; ++b)
      active += by_buurt.values[1][t * buurten + b] * population.buurten[b].resident_count;
    CHECK(overall.values[1][t] == Approx(active / population.size()).epsilon(1e-9));
  }
}

TEST_CASE("maintenance cost per tick is the lever times the baseline per resident") {
  const Scenario scenario = testing::bundled_scenario("withdrawing", 10, 1, 0.2);
  const RunResult result = run_scenario(scenario, {});
  const auto& cost = series(result, "cost/by_lever");
  double residents = 0;
  for (const BuurtSpec& b : scenario.buurten) residents += b.residents;
  const double expected = 0.6 * scenario.costs.maintenance_per_resident_week * residents;
  for (std::size_t t = 1; t < result.ticks.size(); ++t)
    CHECK(cost.values[0][t * kCostLeverCount + cost_maintenance] == Approx(expected));
  CHECK(cost.values[0][cost_maintenance] == 0.0);  // nothing is spent before the first tick
}

TEST_CASE("the vulnerability gap at the start follows from the buurten's starting liveability") {
  const Scenario scenario = testing::bundled_scenario("responsive", 2, 1, 0.2);
  const RunResult result = run_scenario(scenario, {});
  // 12 buurten: the fifth is 2 buurten each side; the bundled types are equal in size within a type.
  auto mean_liveability = [](const BuurtSpec& b) { return (b.liveability[0] + b.liveability[1] + b.liveability[2]) / 3; };
  std::vector<const BuurtSpec*> sorted;
  for (const BuurtSpec& b : scenario.buurten) sorted.push_back(&b);
  std::stable_sort(sorted.begin(), sorted.end(), [](auto a, auto b) { return a->vulnerability < b->vulnerability; });
  const double least = (mean_liveability(*sorted[0]) + mean_liveability(*sorted[1])) / 2;
  const double most = (mean_liveability(*sorted[10]) + mean_liveability(*sorted[11])) / 2;
  CHECK(series(result, "liveability/vulnerability_gap").values[0][0] == Approx(least - most));
}
