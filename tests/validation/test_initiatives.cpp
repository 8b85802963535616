// Validation, initiatives and how they are answered (docs/ODD.md, section 8): initiatives follow
// issue salience up and down, support raises the share that reaches its goal, and obstruction
// lowers later participation, also among residents who only heard of it through a tie. Read
// resident by resident, stepping the model. That obstruction lowers the members' and their ties'
// trust is the rule itself: tests/model/test_mechanisms.cpp checks it.
#include <catch.hpp>

#include <array>
#include <vector>

#include "validation/validation_runs.hpp"

using namespace wijksim;
using namespace wijksim::validation;

namespace {

// ---- issues and initiatives: an event study around each issue's arrival ----

constexpr int kLagsBefore = 4;
constexpr int kLagsAfter = 53;

struct SalienceStudy {
  std::vector<double> active_after_arrival;  // share of arrivals with an initiative on the issue, per lag
  double arrivals = 0;
  double active_at(int lag) const { return active_after_arrival[lag + kLagsBefore] / arrivals; }
};

// Per tick, buurt and issue: whether an initiative on it was open, and its salience.
struct IssueHistory {
  std::vector<std::vector<std::array<char, kIssueTypeCount>>> active;
  std::vector<std::vector<std::array<float, kIssueTypeCount>>> salience;
};

IssueHistory record_issue_history(const Scenario& scenario, const Population& population, std::uint32_t r) {
  const std::size_t ticks = static_cast<std::size_t>(scenario.horizon_ticks) + 1, buurten = population.buurten.size();
  IssueHistory h{{ticks, std::vector<std::array<char, kIssueTypeCount>>(buurten)}, {}};
  h.salience.assign(ticks, std::vector<std::array<float, kIssueTypeCount>>(buurten));
  step_through(scenario, population, r, [&](const Model& model, std::int32_t tick) {
    for (std::size_t b = 0; b < buurten; ++b)
      for (int k = 0; k < kIssueTypeCount; ++k) {
        h.active[tick][b][k] = !model.state().buurten[b].initiatives_on_issue[k].empty();
        h.salience[tick][b][k] = static_cast<float>(model.state().buurten[b].salience[k]);
      }
  });
  return h;
}

// An issue arises when its salience is set to 1; in any later week it has decayed below 1.
void add_to_study(const IssueHistory& h, SalienceStudy& study) {
  const int last = static_cast<int>(h.active.size()) - 1;
  for (int t = 2; t <= last; ++t)
    for (std::size_t b = 0; b < h.active[t].size(); ++b)
      for (int k = 0; k < kIssueTypeCount; ++k) {
        if (h.salience[t][b][k] != 1.0f || t - kLagsBefore < 1 || t + kLagsAfter > last) continue;
        study.arrivals += 1;
        for (int lag = -kLagsBefore; lag <= kLagsAfter; ++lag)
          study.active_after_arrival[lag + kLagsBefore] += h.active[t + lag][b][k];
      }
}

const SalienceStudy& salience_study() {
  static const SalienceStudy study = [] {
    const Scenario scenario = scenario_variant("responsive", {});
    SalienceStudy s;
    s.active_after_arrival.assign(kLagsBefore + kLagsAfter + 1, 0.0);
    for (std::uint32_t r = 0; r < static_cast<std::uint32_t>(scenario.replicates); ++r)
      add_to_study(record_issue_history(scenario, synthesize_population(scenario, r), r), s);
    return s;
  }();
  return study;
}

// ---- obstruction: the same residents under a supporting and an obstructing municipality ----

nlohmann::json always(const std::string& response) {
  nlohmann::json mix = {{"support", 0.0}, {"conditional_subsidy", 0.0}, {"ignore", 0.0}, {"obstruct", 0.0}};
  mix[response] = 1.0;
  return mix;
}

Overrides answering(const std::string& response) {
  return {{"government.levers.initiative_response", always(response)}};
}

struct ResidentHistory {
  std::vector<char> active_second_half;   // active at some tick in years 6-10
  std::vector<char> obstructed_member;     // a member of an initiative when it was obstructed
};

ResidentHistory resident_history(const Scenario& scenario, const Population& population, std::uint32_t r) {
  const std::size_t n = population.size();
  ResidentHistory h{std::vector<char>(n, 0), std::vector<char>(n, 0)};
  const int second_half = scenario.horizon_ticks / 2;
  step_through(scenario, population, r, [&](const Model& model, std::int32_t tick) {
    const ResidentState& rs = model.state().residents;
    for (std::size_t i = 0; i < n; ++i) {
      if (rs.activity[i] == Activity::none) continue;
      if (tick > second_half) h.active_second_half[i] = 1;
      if (rs.activity[i] == Activity::initiative && model.state().initiatives[rs.activity_ref[i]].obstructed_tick == tick)
        h.obstructed_member[i] = 1;
    }
  });
  return h;
}

bool has_tie_among(const Population& population, std::size_t i, const std::vector<char>& marked) {
  for (std::uint32_t e = population.network.offsets[i]; e < population.network.offsets[i + 1]; ++e)
    if (marked[population.network.targets[e]]) return true;
  return false;
}

// Residents who were never in an obstructed initiative but have a tie who was: they heard of it.
struct HearsayComparison {
  double heard = 0;                 // residents who heard, over replicates
  double later_active_support = 0, later_active_obstruct = 0;
};

const HearsayComparison& hearsay_comparison() {
  static const HearsayComparison comparison = [] {
    const Scenario supporting = scenario_variant("responsive", answering("support"));
    const Scenario obstructing = scenario_variant("responsive", answering("obstruct"));
    HearsayComparison c;
    for (std::uint32_t r = 0; r < static_cast<std::uint32_t>(supporting.replicates); ++r) {
      const Population population = synthesize_population(supporting, r);
      const ResidentHistory s = resident_history(supporting, population, r);
      const ResidentHistory o = resident_history(obstructing, population, r);
      for (std::size_t i = 0; i < population.size(); ++i) {
        if (o.obstructed_member[i] || !has_tie_among(population, i, o.obstructed_member)) continue;
        c.heard += 1;
        c.later_active_support += s.active_second_half[i];
        c.later_active_obstruct += o.active_second_half[i];
      }
    }
    return c;
  }();
  return comparison;
}

double second_half_mean(const RunResult& run, const std::string& path) {
  return window_mean(run, path, 0, run.ticks.size() / 2, run.ticks.size());
}

}  // namespace

TEST_CASE("initiatives rise after an issue arises and fall back as it fades", "[validation]") {
  const SalienceStudy& s = salience_study();
  const double before = s.active_at(-1);
  double peak = before;
  int peak_lag = -1;
  for (int lag = 0; lag <= kLagsAfter; ++lag)
    if (s.active_at(lag) > peak) { peak = s.active_at(lag); peak_lag = lag; }
  const double a_year_later = (s.active_at(kLagsAfter - 4) + s.active_at(kLagsAfter)) / 2;
  INFO("share of arrivals with an active initiative on the issue: week before " << before << ", peak "
       << peak << " at week " << peak_lag << ", 26 weeks after " << s.active_at(26) << ", a year after " << a_year_later);
  CHECK(peak > before + 0.15);
  CHECK(peak_lag >= 1);
  CHECK(s.active_at(26) < peak);
  CHECK(a_year_later - before < 0.5 * (peak - before));
}

// "People organise fast": the peak within 12 weeks, as first set. Groups now build up from their
// own streets and outlast the salience peak, so the peak comes later; kept and reported (ODD 8.4).
TEST_CASE("initiatives peak within 12 weeks of an issue's arrival", "[validation][!mayfail]") {
  const SalienceStudy& s = salience_study();
  int peak_lag = -1;
  double peak = s.active_at(-1);
  for (int lag = 0; lag <= kLagsAfter; ++lag)
    if (s.active_at(lag) > peak) { peak = s.active_at(lag); peak_lag = lag; }
  INFO("peak " << peak << " at week " << peak_lag);
  CHECK(peak_lag <= 12);
}

TEST_CASE("residents who heard of obstruction take part less later", "[validation]") {
  const HearsayComparison& c = hearsay_comparison();
  const double support = c.later_active_support / c.heard, obstruct = c.later_active_obstruct / c.heard;
  INFO("share of the " << c.heard << " residents with a tie in an obstructed initiative (not in one themselves) "
       "active in years 6-10: support " << support << ", obstruct " << obstruct);
  CHECK(obstruct < support - 0.01);
}

TEST_CASE("obstruction lowers later participation overall", "[validation]") {
  const RunResult& supported = recorded_run("responsive", answering("support"));
  const RunResult& obstructed = recorded_run("responsive", answering("obstruct"));
  const double support = second_half_mean(supported, "participation/overall");
  const double obstruct = second_half_mean(obstructed, "participation/overall");
  INFO("weekly share active, years 6-10: support " << support << ", obstruct " << obstruct);
  CHECK(obstruct < 0.95 * support);
}

TEST_CASE("support raises survival: more supported initiatives reach their goal", "[validation]") {
  const auto success_share = [](const RunResult& run) {
    const auto& ended = table_column<std::int64_t>(run, "initiatives", "ended_tick");
    const auto& outcome = table_column<std::string>(run, "initiatives", "outcome");
    double done = 0, succeeded = 0;
    for (std::size_t i = 0; i < ended.size(); ++i)
      if (ended[i] >= 0) { done += 1; succeeded += outcome[i] == "succeeded"; }
    return succeeded / done;
  };
  const double supported = success_share(recorded_run("responsive", answering("support")));
  const double ignored = success_share(recorded_run("responsive", answering("ignore")));
  INFO("share of ended initiatives that reached their goal: all supported " << supported << ", all ignored " << ignored);
  CHECK(supported > ignored + 0.05);
}
