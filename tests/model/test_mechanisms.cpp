// Each mechanism of the model, on a small municipality with parameters pushed so that the
// mechanism must show: issues, founding, the municipality's answers, processes and decisions,
// residents' budgets, ties from joint activity, capacity and fatigue, liveability and costs.
#include <catch.hpp>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string_view>

#include "sim/model/model.hpp"
#include "sim/model/rules.hpp"
#include "sim/population/synthesis.hpp"
#include "sim/scenario/load.hpp"
#include "tests/model/small_model.hpp"

using namespace wijksim;
using nlohmann::json;

namespace {

json small_municipality() { return testing::two_buurten("mechanisms", 5, 60, 600, 0.4, 0.7); }

Scenario scenario_with(std::initializer_list<std::pair<const char*, json>> overrides) {
  return testing::scenario_with(small_municipality(), "mechanisms", overrides);
}

using testing::Run;

}  // namespace

TEST_CASE("a buurt with no starting liveability (a real one) starts at the scenario's structural level") {
  Scenario scenario = scenario_with({{"liveability.structural_vital", 0.9}, {"liveability.structural_vulnerable", 0.3}});
  for (BuurtSpec& buurt : scenario.buurten) buurt.liveability.reset();
  const Run run(std::move(scenario));
  // vulnerability 0.8 and 0.2: 0.9 + (0.3 - 0.9) * vulnerability
  for (double part : run.model.state().buurten[0].liveability) CHECK(part == Approx(0.42));
  for (double part : run.model.state().buurten[1].liveability) CHECK(part == Approx(0.78));
}

TEST_CASE("issues: salience decays geometrically and issues arise where their rate says") {
  Run quiet(scenario_with({{"issues.arrival_rate", 0.0}}));
  quiet.until(1);
  CHECK(quiet.model.state().buurten[0].salience[0] == 0.0);
  Run always(scenario_with({{"issues.arrival_rate", 1.0}, {"issues.salience_decay", 0.5}}));
  always.until(3);
  for (double s : always.model.state().buurten[1].salience) CHECK(s == 1.0);
}

TEST_CASE("founding: initiatives are founded on salient issues and members are counted") {
  Run run(scenario_with({{"issues.arrival_rate", 0.2}, {"behaviour.intercept", -4.0},
                         {"behaviour.founding_capacity", 0.3}}));
  run.until(30);
  const ModelState& s = run.model.state();
  REQUIRE_FALSE(s.initiatives.empty());
  // Members of an initiative that ended this week leave next week, so count them all.
  std::int64_t members = 0;
  for (const Initiative& it : s.initiatives) members += it.members;
  std::int64_t in_initiatives = 0;
  for (Activity a : s.residents.activity) in_initiatives += a == Activity::initiative;
  CHECK(members == in_initiatives);
  CHECK(s.totals.founded == static_cast<std::int64_t>(s.initiatives.size()));
}

TEST_CASE("obstruction: the answer ends initiatives and members' trust drops the week after") {
  Run run(scenario_with({{"issues.arrival_rate", 0.2}, {"behaviour.intercept", -4.0},
                         {"behaviour.founding_capacity", 0.3}, {"government.role", "top_down"},
                         {"government.levers.initiative_response",
                          json{{"support", 0}, {"conditional_subsidy", 0}, {"ignore", 0}, {"obstruct", 1}}}}));
  bool checked = false;
  for (int t = 1; t <= 60 && !checked; ++t) {
    run.until(t);
    for (const Initiative& it : run.model.state().initiatives) {
      if (it.obstructed_tick != run.tick || it.members == 0) continue;
      std::vector<std::pair<std::uint32_t, float>> members;
      const auto& rs = run.model.state().residents;
      for (std::uint32_t i = 0; i < rs.activity.size(); ++i)
        if (rs.activity[i] == Activity::initiative && &run.model.state().initiatives[rs.activity_ref[i]] == &it)
          members.emplace_back(i, rs.trust[i]);
      run.until(run.tick + 1);
      for (const auto& [i, before] : members)  // trust cannot fall below 0
        CHECK(run.model.state().residents.trust[i] <= std::max(0.0, before - 0.5 * run.scenario.trust.obstruction_loss));
      checked = !members.empty();
      break;
    }
  }
  REQUIRE(checked);
  run.until(60);
  for (const Initiative& it : run.model.state().initiatives)
    if (it.response >= 0) CHECK(it.response == static_cast<int>(Response::obstruct));
}

TEST_CASE("subsidies: each supported initiative costs the subsidy") {
  Run run(scenario_with({{"issues.arrival_rate", 0.2}, {"behaviour.intercept", -4.0},
                         {"behaviour.founding_capacity", 0.3},
                         {"government.levers.initiative_response",
                          json{{"support", 1}, {"conditional_subsidy", 0}, {"ignore", 0}, {"obstruct", 0}}},
                         {"government.levers.subsidy", 1234.0}}));
  run.until(60);
  std::int64_t supported = 0;
  for (const Initiative& it : run.model.state().initiatives) supported += it.response == static_cast<int>(Response::support);
  REQUIRE(supported > 0);
  CHECK(run.model.state().totals.cost[cost_subsidies] == Approx(1234.0 * supported));
}

TEST_CASE("below one street: neighbours found and join, the buurt counts its share and pays it") {
  // Two buurten of 100 residents, a quarter of a street (reach 400): each resident stands for 4.
  Scenario scenario = testing::scenario_with(
      testing::two_buurten("street", 5, 60, 100, 0.4, 0.7), "street",
      {{"issues.arrival_rate", 0.2}, {"behaviour.intercept", -4.0}, {"behaviour.founding_capacity", 0.3},
       {"government.levers.initiative_response", json{{"support", 1}, {"conditional_subsidy", 0}, {"ignore", 0},
                                                      {"obstruct", 0}}},
       {"government.levers.subsidy", 1000.0}});
  Run run(std::move(scenario));
  run.until(60);
  const ModelState& s = run.model.state();
  REQUIRE(s.buurten[0].street_weight == Approx(4.0));
  REQUIRE_FALSE(s.initiatives.empty());
  std::int64_t supported = 0, founded_by_neighbours = 0, with_neighbours = 0;
  for (const Initiative& it : s.initiatives) {
    CHECK(it.street_share == Approx(0.25));
    supported += it.response == static_cast<int>(Response::support);
    founded_by_neighbours += it.peak_members == 0;  // nobody of the buurt ever took part
    with_neighbours += it.neighbours > it.members;
    if (it.outcome == InitiativeOutcome::active) CHECK((it.members > 0 || it.neighbours >= 0.5));
    CHECK(it.neighbours >= 0.0);
  }
  CHECK(founded_by_neighbours > 0);
  CHECK(with_neighbours > 0);
  // The buurt pays its share of each subsidy; the street outside pays the rest.
  REQUIRE(supported > 0);
  CHECK(s.totals.cost[cost_subsidies] == Approx(1000.0 * 0.25 * supported));
  // Ties to the resident who stood for a neighbour never tie a resident to themselves.
  for (std::uint32_t i = 0; i < s.residents.activity.size(); ++i)
    for (int slot = 0; slot < kActivityTieSlots; ++slot) CHECK(s.residents.activity_ties[i * kActivityTieSlots + slot] != i);
}

TEST_CASE("processes: open, close after their duration and record a decision") {
  Run run(scenario_with({{"government.role", "inviting"}, {"government.levers.processes_per_year", 52.0},
                         {"processes.duration_ticks", 5}, {"processes.input_use_by_rung", json{{"advise", 1.0}}}}));
  run.until(12);
  const ModelState& s = run.model.state();
  REQUIRE(s.processes.size() >= 2);
  const Process& first = s.processes.front();
  CHECK(first.closed);
  CHECK(first.closes_tick == first.opened_tick + 5);
  CHECK(first.rung == Rung::advise);
  CHECK(first.input_used == (first.participants > 0));
  CHECK(first.representativeness == Approx(rules::representativeness(
                                        rules::as_counts(first.participants_by_education),
                                        s.buurten[first.buurt].population_education_share)));
}

TEST_CASE("representativeness rule: an unrepresentative process is extended once") {
  Run run(scenario_with({{"government.role", "inviting"}, {"government.levers.processes_per_year", 52.0},
                         {"government.levers.representativeness_threshold", 1.0},
                         {"processes.duration_ticks", 4}}));
  run.until(20);
  const Process& first = run.model.state().processes.front();
  CHECK(first.extended);
  CHECK(first.closed);
  CHECK(first.closes_tick == first.opened_tick + 8);
}

TEST_CASE("neutralised input lowers the participants' trust") {
  Run run(scenario_with({{"government.role", "inviting"}, {"government.levers.processes_per_year", 52.0},
                         {"processes.duration_ticks", 4}, {"processes.input_use_by_rung", json{{"advise", 0.0}}}}));
  run.until(1);
  const auto& s = run.model.state();
  const int closes = s.processes.front().closes_tick;
  run.until(closes - 1);
  std::vector<std::pair<std::uint32_t, float>> participants;
  for (std::uint32_t i = 0; i < s.residents.activity.size(); ++i)
    if (s.residents.activity[i] == Activity::process && s.residents.activity_ref[i] == 0)
      participants.emplace_back(i, s.residents.trust[i]);
  REQUIRE_FALSE(participants.empty());
  run.until(closes + 1);  // the decision is taken at `closes`; participants learn of it a week later
  int lowered = 0;
  for (const auto& [i, before] : participants) lowered += s.residents.trust[i] < before - 0.5 * run.scenario.trust.neutralised_loss;
  CHECK(lowered == static_cast<int>(participants.size()));
}

TEST_CASE("residents' budget: paid weekly, put to a vote twice a year") {
  Run run(scenario_with({{"government.role", "inviting"}, {"government.levers.residents_budget", 52.0},
                         {"behaviour.intercept", -4.0}}));
  run.until(27);
  const auto& s = run.model.state();
  // The pot, and a letter inviting each of the 1,200 residents to vote.
  CHECK(s.totals.cost[cost_residents_budget] == Approx(27 * 1200.0 + 1200 * run.scenario.costs.per_invitation[0]));
  CHECK(s.buurten[0].residents_budget_pot == Approx(600.0));  // spent at tick 26, refilled for one week
  const auto& decisions = run.model.decisions();
  CHECK(std::count_if(decisions.begin(), decisions.end(), [](const Model::Decision& d) {
          return std::string_view(d.kind) == "residents_budget";
        }) == 2);  // one per buurt
}

TEST_CASE("joint activity forms ties, bridging when education differs, and relieves loneliness") {
  Run run(scenario_with({{"issues.arrival_rate", 0.2}, {"behaviour.intercept", -3.5},
                         {"behaviour.founding_capacity", 0.3}}));
  const std::vector<float> loneliness_before = run.model.state().residents.loneliness;
  run.until(40);
  const auto& s = run.model.state();
  REQUIRE(s.totals.ties_formed > 0);
  CHECK(s.totals.bridging_ties <= s.totals.ties_formed);
  CHECK(s.totals.bridging_ties > 0);
  std::size_t with_ties = 0, less_lonely = 0;
  for (std::uint32_t i = 0; i < s.residents.activity.size(); ++i) {
    if (s.residents.activity_ties[i * kActivityTieSlots] == kNoTie) continue;
    ++with_ties;
    less_lonely += s.residents.loneliness[i] < loneliness_before[i];
  }
  CHECK(less_lonely > with_ties / 2);
}

TEST_CASE("capacity grows and fatigue builds while active") {
  Run run(scenario_with({{"issues.arrival_rate", 0.2}, {"behaviour.intercept", -3.0},
                         {"behaviour.leave_base", 0.0}, {"behaviour.leave_fatigue", 0.0}}));
  const std::vector<float> capacity_before = run.population.residents.capacity;
  run.until(29);
  const std::vector<Activity> active_before = run.model.state().residents.activity;
  run.until(30);
  const auto& rs = run.model.state().residents;
  std::size_t active = 0, grew = 0, tired = 0;
  for (std::uint32_t i = 0; i < rs.activity.size(); ++i) {
    // Growth shows from the first full week of activity on.
    if (rs.activity[i] == Activity::none || active_before[i] == Activity::none) continue;
    ++active;
    grew += rs.capacity[i] > capacity_before[i];
    tired += rs.fatigue[i] > 0.0f;
  }
  REQUIRE(active > 10);
  CHECK(grew == active);
  CHECK(tired == active);
}

TEST_CASE("liveability moves towards its structural level at the adjustment rate") {
  Run run(scenario_with({{"issues.arrival_rate", 0.0}, {"behaviour.intercept", -30.0}}));
  const double before = run.model.state().buurten[0].liveability[0];
  run.until(1);
  const double target = rules::structural_liveability(run.scenario.liveability, 0.8, 1.0, 0.0);
  CHECK(run.model.state().buurten[0].liveability[0] ==
        Approx(before + run.scenario.liveability.adjustment_rate * (target - before)));
}

TEST_CASE("community workers cost their hours every week, per 1,000 residents") {
  Run run(scenario_with({{"government.role", "inviting"}, {"government.levers.community_worker_hours_per_1000", 10.0}}));
  run.until(4);
  // Two buurten of 600 residents: 6 hours each a week.
  CHECK(run.model.state().totals.cost[cost_community_workers] ==
        Approx(4 * 2 * 6.0 * run.scenario.costs.community_worker_hour));
}

TEST_CASE("community-worker coaching raises capacity by its parameter, and not at all at 0") {
  // Nobody joins, so capacity can change only by coaching.
  auto run_with_coaching = [](double coaching) {
    auto run = std::make_unique<Run>(scenario_with(
        {{"behaviour.intercept", -30.0}, {"government.role", "inviting"},
         {"government.levers.community_worker_hours_per_1000", 100.0}, {"community_workers.coaching", coaching}}));
    run->until(10);
    REQUIRE(run->active() == 0);
    return run;
  };
  auto coached_residents = [](const Run& run) {
    const auto& now = run.model.state().residents.capacity;
    const auto& start = run.population.residents.capacity;
    std::size_t changed = 0;
    for (std::size_t i = 0; i < now.size(); ++i) changed += now[i] != start[i];
    return changed;
  };
  CHECK(coached_residents(*run_with_coaching(0.0)) == 0);
  const auto coached = run_with_coaching(0.1);
  CHECK(coached_residents(*coached) > coached->population.size() / 4);
}

TEST_CASE("the residents' budget is spent every budget period") {
  Run run(scenario_with({{"government.role", "inviting"}, {"government.levers.residents_budget", 52.0},
                         {"behaviour.intercept", -4.0}, {"liveability.budget_period_ticks", 10}}));
  run.until(21);
  CHECK(run.model.state().buurten[0].residents_budget_pot == Approx(600.0));  // spent at tick 20
  std::vector<std::int32_t> budget_ticks;
  for (const Model::Decision& d : run.model.decisions())
    if (std::string_view(d.kind) == "residents_budget") budget_ticks.push_back(d.tick);
  CHECK(budget_ticks == std::vector<std::int32_t>{10, 10, 20, 20});  // two buurten
}

TEST_CASE("issue events: the issue arises in the named buurten at its week, and people organise") {
  const json event = json::parse(R"([{"tick": 10, "issue": "youth", "buurten": ["vulnerable"]}])");
  const auto scenario = [&](bool with_event) {
    json j = small_municipality();
    j["issues"] = {{"arrival_rate", 0.0}};  // only the event makes issues arise
    j["behaviour"] = {{"intercept", -4.0}, {"founding_capacity", 0.3}};
    if (with_event) j["issue_events"] = event;
    return scenario_from_json(j, "mechanisms");
  };
  Run with(scenario(true)), without(scenario(false));
  const int youth = static_cast<int>(IssueType::youth);
  with.until(9);
  CHECK(with.model.state().buurten[0].salience[youth] == 0.0);
  with.until(10);
  CHECK(with.model.state().buurten[0].salience[youth] == 1.0);  // the vulnerable buurt
  CHECK(with.model.state().buurten[1].salience[youth] == 0.0);  // the vital one is not named
  with.until(30);
  without.until(30);
  const auto youth_initiatives = [&](const Run& run) {
    return std::count_if(run.model.state().initiatives.begin(), run.model.state().initiatives.end(),
                         [&](const Initiative& it) { return it.issue == youth && it.buurt == 0; });
  };
  CHECK(youth_initiatives(with) > 0);
  CHECK(youth_initiatives(without) == 0);
}

namespace {

double mean_trust(const Run& run) {
  const auto& trust = run.model.state().residents.trust;
  double sum = 0;
  for (float t : trust) sum += t;
  return sum / static_cast<double>(trust.size());
}

json every_request_answered(const char* answer) {
  json shares{{"support", 0}, {"conditional_subsidy", 0}, {"ignore", 0}, {"obstruct", 0}};
  shares[answer] = 1;
  return shares;
}

}  // namespace

TEST_CASE("responded to: ignoring requests costs trust, less than obstructing them") {
  auto answered = [](const char* answer) {
    Run run(scenario_with({{"issues.arrival_rate", 0.2}, {"behaviour.intercept", -4.0},
                           {"behaviour.founding_capacity", 0.3}, {"horizon_ticks", 120},
                           {"government.levers.initiative_response", every_request_answered(answer)}}));
    run.until(120);
    return mean_trust(run);
  };
  const double supported = answered("support");
  const double ignored = answered("ignore");
  const double obstructed = answered("obstruct");
  CHECK(ignored < supported - 0.01);
  CHECK(obstructed < ignored - 0.01);
}

TEST_CASE("neglect: cutting services lowers trust, most among those who depend on them and in the vulnerable buurt") {
  // A comparison between the two buurten needs more residents than the other mechanisms: at 600
  // a buurt, one replicate's noise is as large as the difference between them.
  json buurten = small_municipality()["municipality"]["buurt_types"];
  for (json& buurt : buurten) buurt["residents"] = 2400;
  auto run_with = [&](double maintenance) {
    auto run = std::make_unique<Run>(scenario_with({{"horizon_ticks", 260},
                                                    {"municipality.buurt_types", buurten},
                                                    {"government.levers.maintenance", maintenance}}));
    run->until(260);
    return run;
  };
  const auto kept = run_with(1.0);
  const auto cut = run_with(0.4);
  const Residents& who = kept->population.residents;
  std::array<double, 2> loss_by_dependence{}, count_by_dependence{};
  std::array<double, 2> loss_by_buurt{}, count_by_buurt{};
  for (std::uint32_t i = 0; i < who.size(); ++i) {
    const double loss = kept->model.state().residents.trust[i] - cut->model.state().residents.trust[i];
    const bool dependent = rules::depends_on_services(who.age_group[i], who.tenure[i], who.flags[i]);
    loss_by_dependence[dependent] += loss;
    count_by_dependence[dependent] += 1;
    loss_by_buurt[who.buurt[i]] += loss;
    count_by_buurt[who.buurt[i]] += 1;
  }
  REQUIRE(count_by_dependence[0] > 50);
  REQUIRE(count_by_dependence[1] > 50);
  const double others = loss_by_dependence[0] / count_by_dependence[0];
  const double dependants = loss_by_dependence[1] / count_by_dependence[1];
  CHECK(others > 0.01);
  CHECK(dependants > others);
  // Buurt 0 is the vulnerable one (small_municipality).
  CHECK(loss_by_buurt[0] / count_by_buurt[0] > loss_by_buurt[1] / count_by_buurt[1]);
}

TEST_CASE("legitimacy judges the mix a process draws, which is the mix of who comes, on average") {
  // Pooled over 16 seeds (about 50,000 joins, 12,000 of them low educated), so that a bias of 3% in
  // any education level shows.
  std::array<double, 3> came{}, drawn{};
  for (int seed = 1; seed <= 16; ++seed) {
    Run run(scenario_with({{"seed", seed}, {"horizon_ticks", 312}, {"government.role", "inviting"},
                           {"government.levers.processes_per_year", 26.0}}));
    run.until(312);
    for (const Process& process : run.model.state().processes) {
      if (!process.closed) continue;
      for (int e = 0; e < 3; ++e) {
        came[e] += process.participants_by_education[e];
        drawn[e] += process.expected_by_education[e];
      }
    }
  }
  for (int e = 0; e < 3; ++e) {
    INFO("education " << e << ": " << came[e] << " came, " << drawn[e] << " expected");
    REQUIRE(came[e] > 8000);
    CHECK(drawn[e] == Approx(came[e]).epsilon(0.03));
  }
}

TEST_CASE("legitimacy: unrepresentative decisions cost the under-represented low educated more trust than the high") {
  auto run_with = [](double tolerated) {
    auto run = std::make_unique<Run>(scenario_with({{"horizon_ticks", 200}, {"government.role", "inviting"},
                                                    {"government.levers.processes_per_year", 8.0},
                                                    {"government.levers.representativeness_threshold", 0.0},
                                                    {"legitimacy.tolerated_dissimilarity", tolerated}}));
    run->until(200);
    return run;
  };
  const auto never_unjust = run_with(1.0);
  const auto strict = run_with(0.0);
  const Residents& who = strict->population.residents;
  std::array<double, 3> loss{}, count{};
  for (std::uint32_t i = 0; i < who.size(); ++i) {
    loss[who.education[i]] += never_unjust->model.state().residents.trust[i] - strict->model.state().residents.trust[i];
    count[who.education[i]] += 1;
  }
  const double low = loss[0] / count[0], high = loss[2] / count[2];
  CHECK(low > 0.005);
  CHECK(low > high);
}
