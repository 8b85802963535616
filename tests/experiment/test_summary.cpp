// Final-year summaries of a hand-made RunResult.
#include <catch.hpp>

#include <cmath>
#include <limits>

#include "sim/experiment/summary.hpp"

using namespace wijksim;
using namespace wijksim::experiment;

namespace {

constexpr int kTicks = 80;

Series series(const std::string& path, std::vector<std::string> columns, int replicates,
              double (*value)(int replicate, int tick, int column)) {
  Series made{{path, "", "", std::move(columns), ""}, {}};
  const int width = static_cast<int>(made.spec.width());
  for (int r = 0; r < replicates; ++r) {
    std::vector<double> values;
    for (int t = 0; t < kTicks; ++t) {
      for (int c = 0; c < width; ++c) values.push_back(value(r, t, c));
    }
    made.values.push_back(values);
  }
  return made;
}

RunResult two_replicates() {
  RunResult result;
  result.info.replicates = 2;
  result.info.residents = 200;
  for (int t = 0; t < kTicks; ++t) result.ticks.push_back(t + 1);
  result.series.push_back(series("trust/mean", {}, 2, [](int r, int t, int) { return r + t * 1.0; }));
  result.series.push_back(series("trust/past_year_participants", {}, 2, [](int, int t, int) {
    return t % 2 == 0 ? std::numeric_limits<double>::quiet_NaN() : 0.7;
  }));
  // The low educated's rate alternates 0.1 / 0.3 a week, the high educated's is 0.3: weekly ratios 3 and 1
  // (what the engine records as representation/education_ratio, mean 2), a final-year ratio of 0.3 / 0.2.
  result.series.push_back(series("participation/by_group", {"education=low", "education=high"}, 2,
                                 [](int, int t, int c) { return c == 1 ? 0.3 : t % 2 == 0 ? 0.1 : 0.3; }));
  result.series.push_back(series("representation/education_ratio", {}, 2,
                                 [](int, int t, int) { return t % 2 == 0 ? 3.0 : 1.0; }));
  result.series.push_back(series("participation/overall", {}, 2, [](int, int, int) { return 0.25; }));
  result.series.push_back(series("representation/ratio_by_group", {"education=low", "education=high"}, 2,
                                 [](int, int t, int c) { return (c == 1 ? 0.3 : t % 2 == 0 ? 0.1 : 0.3) / 0.25; }));
  result.series.push_back(series("cost/by_lever", {"invitations", "maintenance"}, 2,
                                 [](int, int, int c) { return c == 0 ? 100.0 : 300.0; }));
  result.series.push_back(series("initiatives/active", {}, 2, [](int, int t, int) {
    return t < kTicks - kTicksPerYear ? 1000.0 : std::numeric_limits<double>::quiet_NaN();
  }));
  return result;
}

}  // namespace

TEST_CASE("outcomes are final-year means per replicate") {
  const auto summary = summarise_run(
      5, two_replicates(),
      {"trust/mean", "participation/by_group:education=high", "trust/past_year_participants",
       "cost/per_resident_year", "initiatives/active"});
  CHECK(summary.run == 5);
  CHECK(summary.residents == 200);
  REQUIRE(summary.outcomes.size() == 2 * 5);
  // Ticks 28..79 (0-based) form the final year: mean tick 53.5.
  CHECK(summary.outcomes[0] == Approx(53.5));
  CHECK(summary.outcomes[5] == Approx(54.5));
  CHECK(summary.outcomes[1] == Approx(0.3));
  CHECK(summary.outcomes[2] == Approx(0.7));                  // NaN ticks left out
  CHECK(summary.outcomes[3] == Approx(400.0 * 52 / 200));     // both levers, per resident-year
  CHECK(std::isnan(summary.outcomes[4]));                     // nothing but NaN in the final year
}

TEST_CASE("a ratio of two rates is the ratio of the final year's mean rates, not the mean of weekly ratios") {
  const auto summary = summarise_run(0, two_replicates(),
                                     {"representation/education_ratio", "representation/ratio_by_group:education=low",
                                      "representation/ratio_by_group:education=high"});
  CHECK(summary.outcomes[0] == Approx(0.3 / 0.2));  // the weekly series recorded 3 and 1, mean 2
  CHECK(summary.outcomes[1] == Approx(0.2 / 0.25));
  CHECK(summary.outcomes[2] == Approx(0.3 / 0.25));
  CHECK_THROWS_WITH(summarise_run(0, two_replicates(), {"representation/ratio_by_group:education=middle"}),
                    Catch::Contains("education=high"));
}

TEST_CASE("a file recorded every 4 ticks holds 4 weeks of cost in each record") {
  RunResult result = two_replicates();
  result.info.output_every = 4;  // the same 400 euro per record is now 100 a week
  const auto summary = summarise_run(0, result, {"cost/per_resident_year"});
  CHECK(summary.outcomes[0] == Approx(100.0 * 52 / 200));
}

TEST_CASE("every buurt's final-year means of the per-buurt series are kept, [replicate][buurt][series]") {
  RunResult result = two_replicates();
  CHECK(summarise_run(0, result, {"trust/mean"}).by_buurt.empty());  // a run without per-buurt series
  const std::vector<std::string> buurten{"BU01", "BU02", "BU03"};
  result.series.push_back(series("liveability/by_buurt", buurten, 2, [](int r, int, int c) { return r + c / 10.0; }));
  result.series.push_back(series("participation/past_year_by_buurt", buurten, 2, [](int, int t, int) { return 1.0 * t; }));
  result.series.push_back(series("trust/by_buurt", buurten, 2, [](int r, int, int c) { return 100.0 * r + c; }));
  const auto summary = summarise_run(0, result, {"trust/mean"});
  REQUIRE(summary.by_buurt.size() == 2 * 3 * kBuurtOutcomes.size());
  const auto at = [&](std::size_t replicate, std::size_t buurt, std::size_t outcome) {
    return summary.by_buurt[(replicate * 3 + buurt) * kBuurtOutcomes.size() + outcome];
  };
  CHECK(at(0, 2, 0) == Approx(0.2));
  CHECK(at(1, 0, 0) == Approx(1.0));
  CHECK(at(1, 1, 1) == Approx(53.5));
  CHECK(at(1, 2, 2) == Approx(102.0));
}

TEST_CASE("an outcome the run does not produce is reported with what exists") {
  const RunResult result = two_replicates();
  CHECK_THROWS_WITH(summarise_run(0, result, {"trust/median"}), Catch::Contains("trust/mean"));
  CHECK_THROWS_WITH(summarise_run(0, result, {"participation/by_group:education=middle"}),
                    Catch::Contains("education=high"));
  CHECK_THROWS_WITH(summarise_run(0, result, {"participation/by_group"}),
                    Catch::Contains("participation/by_group:education=low"));
}

TEST_CASE("outcome names are checked for form before any run") {
  CHECK(outcome_name_problem("trust/mean").empty());
  CHECK(outcome_name_problem("participation/by_group:education=low").empty());
  CHECK(outcome_name_problem("cost/per_resident_year").empty());
  CHECK_FALSE(outcome_name_problem("trust").empty());
  CHECK_FALSE(outcome_name_problem("trust/mean:").empty());
  for (const auto& name : default_outcomes()) CHECK(outcome_name_problem(name).empty());
}
