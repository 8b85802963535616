// Validation, initiatives and how they are answered (docs/ODD.md, section 8): initiatives follow
// issue salience up and down, and obstruction lowers trust and later participation, also among
// residents who only heard of it through a tie. Read resident by resident, stepping the model.
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
  double founded_when_salient = 0, salient_weeks = 0;    // salience above 0.5 at the previous tick
  double founded_when_quiet = 0, quiet_weeks = 0;        // salience below 0.1 at the previous tick
  double active_at(int lag) const { return active_after_arrival[lag + kLagsBefore] / arrivals; }
};

// Per tick, buurt and issue: whether an initiative on it was active or founded, and its salience.
struct IssueHistory {
  std::vector<std::vector<std::array<char, kIssueTypeCount>>> active, founded;
  std::vector<std::vector<std::array<float, kIssueTypeCount>>> salience;
};

IssueHistory record_issue_history(const Scenario& scenario, const Population& population, std::uint32_t r) {
  const std::size_t ticks = static_cast<std::size_t>(scenario.horizon_ticks) + 1, buurten = population.buurten.size();
  IssueHistory h{{ticks, std::vector<std::array<char, kIssueTypeCount>>(buurten)}, {}, {}};
  h.founded = h.active;
  h.salience.assign(ticks, std::vector<std::array<float, kIssueTypeCount>>(buurten));
  std::size_t initiatives_seen = 0;
  step_through(scenario, population, r, [&](const Model& model, std::int32_t tick) {
    for (std::size_t b = 0; b < buurten; ++b)
      for (int k = 0; k < kIssueTypeCount; ++k) {
        h.active[tick][b][k] = model.state().buurten[b].initiative_for_issue[k] >= 0;
        h.salience[tick][b][k] = static_cast<float>(model.state().buurten[b].salience[k]);
      }
    const auto& initiatives = model.state().initiatives;
    for (; initiatives_seen < initiatives.size(); ++initiatives_seen)
      h.founded[tick][initiatives[initiatives_seen].buurt][initiatives[initiatives_seen].issue] = 1;
  });
  return h;
}

// An issue arises when its salience is set to 1; in any later week it has decayed below 1.
void add_to_study(const IssueHistory& h, SalienceStudy& study) {
  const int last = static_cast<int>(h.active.size()) - 1;
  for (int t = 2; t <= last; ++t)
    for (std::size_t b = 0; b < h.active[t].size(); ++b)
      for (int k = 0; k < kIssueTypeCount; ++k) {
        const float before = h.salience[t - 1][b][k];
        if (before > 0.5f) { study.salient_weeks += 1; study.founded_when_salient += h.founded[t][b][k]; }
        if (before < 0.1f) { study.quiet_weeks += 1; study.founded_when_quiet += h.founded[t][b][k]; }
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
  std::vector<char> ever_active;
  std::vector<char> active_second_half;   // active at some tick in years 6-10
  std::vector<char> obstructed_member;     // a member of an initiative when it was obstructed
  std::vector<float> final_trust;
};

ResidentHistory resident_history(const Scenario& scenario, const Population& population, std::uint32_t r) {
  const std::size_t n = population.size();
  ResidentHistory h{std::vector<char>(n, 0), std::vector<char>(n, 0), std::vector<char>(n, 0), {}};
  const int second_half = scenario.horizon_ticks / 2;
  std::vector<float> trust;
  step_through(scenario, population, r, [&](const Model& model, std::int32_t tick) {
    const ResidentState& rs = model.state().residents;
    for (std::size_t i = 0; i < n; ++i) {
      if (rs.activity[i] == Activity::none) continue;
      h.ever_active[i] = 1;
      if (tick > second_half) h.active_second_half[i] = 1;
      if (rs.activity[i] == Activity::initiative && model.state().initiatives[rs.activity_ref[i]].obstructed_tick == tick)
        h.obstructed_member[i] = 1;
    }
    if (tick == scenario.horizon_ticks) h.final_trust = rs.trust;
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
  double bystanders = 0;            // heard, and never took part in either run
  double bystander_trust_support = 0, bystander_trust_obstruct = 0;
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
        if (s.ever_active[i] || o.ever_active[i]) continue;
        c.bystanders += 1;
        c.bystander_trust_support += s.final_trust[i];
        c.bystander_trust_obstruct += o.final_trust[i];
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

TEST_CASE("initiatives are founded when an issue is salient", "[validation]") {
  const SalienceStudy& s = salience_study();
  const double salient = s.founded_when_salient / s.salient_weeks, quiet = s.founded_when_quiet / s.quiet_weeks;
  INFO("weekly chance an initiative is founded on an issue of a buurt: salience above 0.5 " << salient
       << ", below 0.1 " << quiet << " (" << s.arrivals << " issue arrivals)");
  CHECK(salient > 3.0 * quiet);
}

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
  CHECK(peak_lag <= 12);
  CHECK(s.active_at(26) < peak);
  CHECK(a_year_later - before < 0.5 * (peak - before));
}

TEST_CASE("obstruction lowers trust, also among those who only heard of it", "[validation]") {
  const RunResult& supported = recorded_run("responsive", answering("support"));
  const RunResult& obstructed = recorded_run("responsive", answering("obstruct"));
  const HearsayComparison& c = hearsay_comparison();
  const double bystander_support = c.bystander_trust_support / c.bystanders;
  const double bystander_obstruct = c.bystander_trust_obstruct / c.bystanders;
  INFO("mean trust, years 6-10: support " << second_half_mean(supported, "trust/mean") << ", obstruct "
       << second_half_mean(obstructed, "trust/mean") << "; final trust of " << c.bystanders
       << " residents who never took part but had a tie in an obstructed initiative: support "
       << bystander_support << ", obstruct " << bystander_obstruct);
  CHECK(second_half_mean(obstructed, "trust/mean") < second_half_mean(supported, "trust/mean") - 0.01);
  CHECK(c.bystanders > 100);
  CHECK(bystander_obstruct < bystander_support - 0.002);
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
