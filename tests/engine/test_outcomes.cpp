// The recorded outcomes agree with each other and with hand computations on the population.
#include <catch.hpp>

#include <cmath>
#include <numeric>

#include "sim/model/state.hpp"
#include "sim/core/attributes.hpp"
#include "sim/io/result_reader.hpp"
#include "sim/io/result_writer.hpp"
#include "sim/population/synthesis.hpp"
#include "io/common.hpp"
#include "support/small_runs.hpp"

using namespace wijksim;

namespace {

const Series& series(const RunResult& r, const std::string& path) {
  for (const Series& s : r.series)
    if (s.spec.path == path) return s;
  throw std::runtime_error("no series " + path);
}

template <class T>
const std::vector<T>& column(const RunResult& r, const std::string& table, const std::string& name) {
  for (const Table& t : r.tables) {
    if (t.path != table) continue;
    for (std::size_t c = 0; c < t.column_names.size(); ++c)
      if (t.column_names[c] == name) return std::get<std::vector<T>>(t.columns[c]);
  }
  throw std::runtime_error("no column " + table + "/" + name);
}

// A run written to HDF5 and read back, so the checks below hold for the file users get.
RunResult written_and_read(const Scenario& scenario) {
  testing::ScratchFolder folder;
  write_result(run_scenario(scenario, {}), folder / "out.h5", false);
  return read_result(folder / "out.h5");
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

TEST_CASE("the maps' per-buurt series, read back, add up to the whole run's") {
  // Kaleidoscopic spends on every lever, differently per buurt.
  const RunResult result = written_and_read(testing::bundled_scenario("kaleidoscopic", 80, 1, 0.3));
  const auto& by_lever = series(result, "cost/by_lever").values[0];
  const auto& by_buurt = series(result, "cost/by_buurt").values[0];
  const auto& low_share = series(result, "participation/past_year_by_group").values[0];
  const auto& low_by_buurt = series(result, "participation/past_year_low_educated_by_buurt").values[0];
  const auto& low_educated = column<std::int64_t>(result, "buurten", "low_educated");
  const std::size_t buurten = low_educated.size();
  const double low_total = std::accumulate(low_educated.begin(), low_educated.end(), 0.0);
  double spent = 0;
  for (std::size_t t = 0; t < result.ticks.size(); ++t) {
    double levers = 0, buurt_sum = 0, low_active = 0;
    for (int l = 0; l < kCostLeverCount; ++l) levers += by_lever[t * kCostLeverCount + l];
    for (std::size_t b = 0; b < buurten; ++b) {
      buurt_sum += by_buurt[t * buurten + b];
      low_active += low_by_buurt[t * buurten + b] * static_cast<double>(low_educated[b]);
    }
    CHECK(buurt_sum == Approx(levers).epsilon(1e-12));
    CHECK(low_active / low_total == Approx(low_share[t * kGroupCount + kLowEducation]).epsilon(1e-9));
    spent += buurt_sum;
  }
  CHECK(spent > 0);
}

TEST_CASE("the vulnerability gap at the start follows from the buurten's starting liveability") {
  const Scenario scenario = testing::bundled_scenario("responsive", 2, 1, 0.2);
  const RunResult result = run_scenario(scenario, {});
  // 12 buurten: the fifth is 2 buurten each side; the bundled types are equal in size within a type.
  auto mean_liveability = [](const BuurtSpec& b) {
    const auto& parts = b.liveability.value();  // archetypes give their starting liveability
    return (parts[0] + parts[1] + parts[2]) / 3;
  };
  std::vector<const BuurtSpec*> sorted;
  for (const BuurtSpec& b : scenario.buurten) sorted.push_back(&b);
  std::stable_sort(sorted.begin(), sorted.end(), [](auto a, auto b) { return a->vulnerability < b->vulnerability; });
  const double least = (mean_liveability(*sorted[0]) + mean_liveability(*sorted[1])) / 2;
  const double most = (mean_liveability(*sorted[10]) + mean_liveability(*sorted[11])) / 2;
  CHECK(series(result, "liveability/vulnerability_gap").values[0][0] == Approx(least - most));
}

TEST_CASE("trust of past-year participants and non-participants, read back, make up the mean") {
  const RunResult result = written_and_read(testing::bundled_scenario("inviting", 120, 1, 0.3));
  const auto& mean = series(result, "trust/mean").values[0];
  const auto& share = series(result, "participation/past_year").values[0];
  const auto& participants = series(result, "trust/past_year_participants").values[0];
  const auto& others = series(result, "trust/non_participants").values[0];
  const auto& buurt_mean = series(result, "trust/by_buurt").values[0];
  const auto& buurt_share = series(result, "participation/past_year_by_buurt").values[0];
  const auto& buurt_participants = series(result, "trust/past_year_participants_by_buurt").values[0];
  const auto& buurt_others = series(result, "trust/non_participants_by_buurt").values[0];
  const auto& group_mean = series(result, "trust/by_group").values[0];
  const auto& group_share = series(result, "participation/past_year_by_group").values[0];
  const auto& group_participants = series(result, "trust/past_year_participants_by_group").values[0];
  const auto& group_others = series(result, "trust/non_participants_by_group").values[0];
  const std::size_t buurten = series(result, "trust/by_buurt").spec.width();
  auto combined = [](double p, double in, double out) { return p > 0 ? p * in + (1 - p) * out : out; };
  int checked = 0;
  for (std::size_t t = 60; t < result.ticks.size(); ++t) {
    if (!(share[t] > 0)) continue;
    ++checked;
    CHECK(mean[t] == Approx(combined(share[t], participants[t], others[t])).epsilon(1e-6));
    for (std::size_t b = 0; b < buurten; ++b) {
      const std::size_t k = t * buurten + b;
      CHECK(buurt_mean[k] == Approx(combined(buurt_share[k], buurt_participants[k], buurt_others[k])).epsilon(1e-6));
    }
    for (int g = 0; g < kGroupCount; ++g) {
      const std::size_t k = t * kGroupCount + g;
      CHECK(group_mean[k] == Approx(combined(group_share[k], group_participants[k], group_others[k])).epsilon(1e-6));
    }
  }
  CHECK(checked > 50);
}

TEST_CASE("initiatives ended by cause per answer, the success share and the civic core, read back") {
  const RunResult result = written_and_read(testing::bundled_scenario("top_down", 156, 2, 0.3));
  const auto& replicate = column<std::int64_t>(result, "initiative_fates", "replicate");
  const auto& response = column<std::string>(result, "initiative_fates", "response");
  const auto& outcome = column<std::string>(result, "initiative_fates", "outcome");
  const auto& count = column<std::int64_t>(result, "initiative_fates", "initiatives");
  const auto& listed_replicate = column<std::int64_t>(result, "initiatives", "replicate");
  const auto& listed_response = column<std::string>(result, "initiatives", "response");
  const auto& listed_outcome = column<std::string>(result, "initiatives", "outcome");
  const auto& listed_ended = column<std::int64_t>(result, "initiatives", "ended_tick");
  // Per replicate: every answer and none, every ending but active.
  REQUIRE(replicate.size() == 2 * (kResponseCount + 1) * (kInitiativeOutcomeNames.size() - 1));
  std::array<std::int64_t, 2> ended{}, succeeded{};
  for (std::size_t row = 0; row < replicate.size(); ++row) {
    std::int64_t listed = 0;
    for (std::size_t i = 0; i < listed_replicate.size(); ++i)
      listed += listed_replicate[i] == replicate[row] && listed_response[i] == response[row] &&
                listed_outcome[i] == outcome[row] && listed_ended[i] >= 0;
    CHECK(count[row] == listed);
    ended[replicate[row]] += count[row];
    if (outcome[row] == "succeeded") succeeded[replicate[row]] += count[row];
  }
  CHECK(ended[0] > 0);
  const auto& success_share = series(result, "initiatives/success_share");
  for (int r = 0; r < 2; ++r)
    CHECK(success_share.values[r].back() == Approx(double(succeeded[r]) / double(ended[r])));
  const auto& top_tenth = column<double>(result, "replicates", "top_tenth_share");
  const auto& weeks = column<double>(result, "replicates", "active_weeks_per_active");
  for (int r = 0; r < 2; ++r) {
    CHECK(top_tenth[r] >= 0.1);  // the most active tenth carries at least a tenth
    CHECK(top_tenth[r] <= 1.0);
    CHECK(weeks[r] >= 1.0);
    CHECK(weeks[r] <= 52.0);
  }
}
