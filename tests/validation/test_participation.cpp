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
