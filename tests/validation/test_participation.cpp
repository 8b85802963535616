// Validation, who gains from being asked (docs/ODD.md, section 8.2): with default parameters,
// invitations through door-to-door visits or community workers raise participation most among the
// low educated, who are rarely asked. behaviour.asked_saturation was once adjusted by hand with this
// pattern in view (ODD 7.11), so it is weak evidence. What the
// response tables themselves say is checked in tests/model/test_rules.cpp, not here.
#include <catch.hpp>

#include <string>

#include "validation/validation_runs.hpp"

using namespace wijksim;
using namespace wijksim::validation;

namespace {

constexpr std::size_t kLow = 0, kHigh = 2;  // participation/by_group columns

// Mean over the whole run (ticks 1..horizon): steadier than the final year for small effects.
double whole_run_rate(const RunResult& run, std::size_t education) {
  return window_mean(run, "participation/by_group", education, 1, run.ticks.size());
}

nlohmann::json only_channel(const std::string& channel) {
  nlohmann::json mix = {{"letter", 0.0}, {"online", 0.0}, {"door_to_door", 0.0},
                        {"housing_corporation", 0.0}, {"community_worker", 0.0}, {"own_ties", 0.0}};
  mix[channel] = 1.0;
  return mix;
}

// The responsive role (which invites nobody) with invitations through one channel added.
const RunResult& invited_run(const std::string& channel, const std::string& targeting) {
  return recorded_run("responsive", {{"government.levers.invitation_reach", 1.0},
                                     {"government.levers.channel_mix", only_channel(channel)},
                                     {"government.levers.targeting", targeting}});
}

// Participation with invitations over participation without, per education level.
double relative_gain(const RunResult& invited, std::size_t education) {
  return whole_run_rate(invited, education) / whole_run_rate(recorded_run("responsive"), education);
}

}  // namespace

TEST_CASE("being asked raises participation most among the rarely asked", "[validation]") {
  for (const std::string channel : {"door_to_door", "community_worker"}) {
    const RunResult& invited = invited_run(channel, "uniform");
    const double low_gain = relative_gain(invited, kLow), high_gain = relative_gain(invited, kHigh);
    INFO(channel << " to everyone alike: participation x" << low_gain << " among the low educated, x"
                 << high_gain << " among the high educated");
    CHECK(low_gain > 1.0);
    CHECK(low_gain > high_gain + 0.02);
  }
}

// Validation, participation by age group and migration background (docs/ODD.md, section 8.10).
// No parameter was set to these figures: the life-course and origin rules (ODD 5) have sizes that
// are assumptions, with directions from the literature, and this check reads what they give.
// CBS StatLine 85541NED, 2022 (persons 15+, volunteered for an organisation in the past 12 months):
// 41.2 % overall; by age 41.0 (15-24), 34.2 and 44.6 (25-34, 35-44), 44.6 and 40.1 (45-54, 55-64),
// 48.4 and 34.5 (65-74, 75+): every band within 0.83-1.17 of the overall share; by origin 44.7 %
// for those born in the Netherlands of Dutch-born parents. CBS (2018, Sociale en maatschappelijke
// participatie, 2012-2017): residents of a Dutch background volunteer more often than those of a
// western or a non-western background.
TEST_CASE("participation by age group is about flat and highest for the Dutch background", "[validation][!mayfail]") {
  const RunResult& run = recorded_run("responsive");
  constexpr std::size_t kFirstAge = 3, kDutch = 7, kWestern = 8, kNonWestern = 9;  // past_year_by_group
  const double overall = final_year_mean(run, "participation/past_year");
  for (std::size_t a = 0; a < 4; ++a) {
    const double ratio = final_year_mean(run, "participation/past_year_by_group", kFirstAge + a) / overall;
    INFO("age group " << a << ": past-year participation x" << ratio << " of the overall " << overall);
    CHECK(ratio > 0.8);
    CHECK(ratio < 1.2);
  }
  const double dutch = final_year_mean(run, "participation/past_year_by_group", kDutch);
  const double western = final_year_mean(run, "participation/past_year_by_group", kWestern);
  const double non_western = final_year_mean(run, "participation/past_year_by_group", kNonWestern);
  INFO("past-year participation: Dutch " << dutch << ", western " << western << ", non-western " << non_western);
  CHECK(dutch > western);
  CHECK(dutch > non_western);
}
