// Each lever of the municipality changes outcomes through its mechanism (ODD 7.3, 7.4, 7.6), in
// a direction that follows from the mechanism: the subsidy against what an initiative needs,
// conditions, competition by professionals, the ladder rung and the residents' budget vote.
// Runs are paired: the same population and random streams, only the lever differs.
#include <catch.hpp>

#include <algorithm>
#include <memory>
#include <numeric>

#include "sim/model/model.hpp"
#include "sim/model/rules.hpp"
#include "sim/population/synthesis.hpp"
#include "sim/scenario/load.hpp"
#include "tests/model/small_model.hpp"

using namespace wijksim;
using nlohmann::json;

namespace {

json small_municipality() {
  json municipality = testing::two_buurten("levers", 11, 200, 800, 0.45, 0.7);
  municipality["issues"] = {{"arrival_rate", 0.1}};
  municipality["behaviour"] = {{"intercept", -6.0}, {"founding_capacity", 0.3}};
  return municipality;
}

Scenario scenario_with(std::initializer_list<std::pair<const char*, json>> overrides) {
  return testing::scenario_with(small_municipality(), "levers", overrides);
}

using testing::Run;

json every_answer(const char* response) {
  json mix = {{"support", 0}, {"conditional_subsidy", 0}, {"ignore", 0}, {"obstruct", 0}, {"compete", 0}};
  mix[response] = 1;
  return mix;
}

std::unique_ptr<Run> answered(const char* response, double subsidy) {
  auto run = std::make_unique<Run>(scenario_with(
      {{"government.levers.initiative_response", every_answer(response)}, {"government.levers.subsidy", subsidy}}));
  run->until(200);
  return run;
}

}  // namespace

TEST_CASE("subsidy: money speeds the work up to what an initiative needs, and no further") {
  const auto none = answered("support", 0), half = answered("support", 1000), need = answered("support", 2000),
             more = answered("support", 20000);
  const auto succeeded = [](const Run& run) { return run.ended(InitiativeOutcome::succeeded); };
  INFO("succeeded with 0 / 1000 / 2000 / 20000 euro: " << succeeded(*none) << " / " << succeeded(*half) << " / "
                                                       << succeeded(*need) << " / " << succeeded(*more));
  CHECK(succeeded(*half) > succeeded(*none));
  CHECK(succeeded(*need) > succeeded(*half));
  // Beyond the need the money buys nothing: the same course, only dearer.
  CHECK(succeeded(*more) == succeeded(*need));
  CHECK(more->model.state().totals.founded == need->model.state().totals.founded);
  CHECK(more->model.state().totals.cost[cost_subsidies] == Approx(10 * need->model.state().totals.cost[cost_subsidies]));
}

TEST_CASE("conditions: a conditional subsidy does less than the same money without conditions") {
  const auto support = answered("support", 2000), conditional = answered("conditional_subsidy", 2000);
  CHECK(conditional->ended(InitiativeOutcome::succeeded) < support->ended(InitiativeOutcome::succeeded));
  // Without money the conditions are only a burden: the work goes slower than when ignored.
  const InitiativeParams p = support->scenario.initiatives;
  CHECK(rules::answered_progress(p, static_cast<int>(Response::conditional_subsidy), rules::subsidy_coverage(p, 0)) <
        rules::answered_progress(p, static_cast<int>(Response::ignore), 0.0));
}

TEST_CASE("competition: professionals crowd initiatives out without the trust cost of obstruction") {
  const auto ignored = answered("ignore", 0), competed = answered("compete", 0), obstructed = answered("obstruct", 0);
  Run side_by_side(scenario_with({{"government.levers.initiative_response", every_answer("compete")},
                                  {"initiatives.competition_crowding", 0.0}}));
  side_by_side.until(200);
  const auto& competed_state = competed->model.state();
  // Their activity draws would-be founders and walk-ins away and drains the groups' drive: fewer
  // residents take part in initiatives than beside professionals who take nothing from them.
  CHECK(competed->initiative_weeks < side_by_side.initiative_weeks);
  CHECK(competed->initiative_weeks < ignored->initiative_weeks);
  CHECK(competed->ended(InitiativeOutcome::crowded_out) > 0);
  CHECK(competed->ended(InitiativeOutcome::obstructed) == 0);
  // Nobody is blocked: trust ends higher than under obstruction.
  CHECK(competed->mean_trust() > obstructed->mean_trust());
  // The professionals cost their weeks.
  CHECK(competed_state.totals.cost[cost_professional_activities] > 0);
  CHECK(ignored->model.state().totals.cost[cost_professional_activities] == 0);
}

TEST_CASE("rung: influence draws those with a stake; inform draws fewer and buys no trust") {
  const auto with_rung = [](const char* rung) {
    auto run = std::make_unique<Run>(scenario_with({{"government.role", "inviting"},
                                                    {"government.levers.processes_per_year", 6.0},
                                                    {"government.levers.rung", rung},
                                                    {"behaviour.intercept", -8.6}}));
    run->until(200);
    return run;
  };
  const auto inform = with_rung("inform"), advise = with_rung("advise"), co_decide = with_rung("co_decide");
  const auto participants_per_process = [](const Run& run) {
    const auto& processes = run.model.state().processes;
    std::int64_t total = 0;
    for (const Process& p : processes) total += p.participants;
    return static_cast<double>(total) / std::max<std::size_t>(1, processes.size());
  };
  INFO("participants per process, inform / advise / co_decide: " << participants_per_process(*inform) << " / "
                                                                 << participants_per_process(*advise) << " / "
                                                                 << participants_per_process(*co_decide));
  CHECK(participants_per_process(*advise) > participants_per_process(*inform));
  CHECK(participants_per_process(*co_decide) > participants_per_process(*advise));
  // Having a say, and input that is used more often, leave trust higher than being informed.
  INFO("mean trust, inform / advise / co_decide: " << inform->mean_trust() << " / " << advise->mean_trust() << " / "
                                                   << co_decide->mean_trust());
  CHECK(advise->mean_trust() > inform->mean_trust());
  CHECK(co_decide->mean_trust() > advise->mean_trust());
}

TEST_CASE("residents' budget: a vote with its own turnout, the better educated voting more") {
  Run run(scenario_with({{"government.role", "inviting"}, {"government.levers.residents_budget", 20.0}}));
  run.until(60);
  const auto& votes = run.model.budget_votes();
  REQUIRE(votes.size() == 4);  // two buurten, weeks 26 and 52
  std::array<std::int64_t, kGroupCount> eligible{}, voted{};
  for (const Model::BudgetVote& v : votes) {
    CHECK(v.eligible() == 800);
    CHECK(v.voted() > 0);
    CHECK(v.voted() < v.eligible());
    CHECK(v.choice >= 0);
    CHECK(v.choice_votes <= v.voted());
    for (int g = 0; g < kGroupCount; ++g) {
      eligible[g] += v.eligible_by_group[g];
      voted[g] += v.voted_by_group[g];
    }
  }
  const auto turnout = [&](int g) { return static_cast<double>(voted[g]) / static_cast<double>(eligible[g]); };
  CHECK(turnout(2) > turnout(0));  // high against low education: capacity and the letter's reach
}

TEST_CASE("residents' budget: the winning proposal's part of liveability gains what the pot buys") {
  const auto run_with_budget = [](double euro) {
    auto run = std::make_unique<Run>(scenario_with({{"government.role", "inviting"},
                                                    {"government.levers.residents_budget", euro},
                                                    {"behaviour.intercept", -30.0}, {"issues.arrival_rate", 0.0}}));
    run->until(26);
    return run;
  };
  const auto without = run_with_budget(0.0), with = run_with_budget(52.0);
  REQUIRE(without->model.budget_votes().empty());
  const auto& votes = with->model.budget_votes();
  REQUIRE(votes.size() == 2);
  for (const Model::BudgetVote& v : votes) {
    REQUIRE(v.choice >= 0);
    const int part = kIssueLiveabilityPart[v.choice];
    const double gain = with->model.state().buurten[v.buurt].liveability[part] -
                        without->model.state().buurten[v.buurt].liveability[part];
    // 26 euro per resident in the pot, then a week's drift back to the structural level.
    CHECK(gain == Approx(with->scenario.liveability.budget_gain_per_euro * 26.0 *
                         (1.0 - with->scenario.liveability.adjustment_rate)));
  }
}
