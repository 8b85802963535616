// How each declared series (outputs.hpp) is computed from the model's state.
#include "sim/metrics/recorder.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>
#include <string>

#include "sim/core/attributes.hpp"
#include "sim/core/calendar.hpp"
#include "sim/metrics/inequality.hpp"
#include "sim/metrics/tables.hpp"

namespace wijksim {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kKindCount = 6;  // initiative, then the five ladder rungs

std::array<int, kGroupDimensions.size()> groups_of(const Residents& r, std::uint32_t i) {
  return group_indices(r.education[i], r.age_group[i], r.migration[i], r.tenure[i], (r.flags[i] & kLowIncome) != 0);
}

// Per-buurt sums, filled in parallel (one buurt per task) and added up in buurt order.
struct BuurtTally {
  std::array<std::int64_t, kGroupCount> residents{};
  std::array<std::int64_t, kGroupCount> active{};
  std::array<std::int64_t, kGroupCount> past_year{};
  std::array<double, kGroupCount> trust{};
  std::array<double, kGroupCount> past_year_trust{};  // trust summed over the past year's participants
  std::array<std::int64_t, kKindCount> by_kind{};
  // Past-year participation crossed by two dimensions, education varying slowest.
  std::array<std::int64_t, 3 * 3> residents_education_migration{}, past_year_education_migration{};
  std::array<std::int64_t, 3 * 4> residents_education_age{}, past_year_education_age{};
  std::int64_t lonely = 0;
  std::int64_t count = 0;
  std::int64_t active_total = 0;
  std::int64_t past_year_total = 0;
  double trust_total = 0;
  double past_year_trust_total = 0;
};

BuurtTally tally_buurt(const Model& model, const Buurt& buurt) {
  const Residents& who = model.population().residents;
  const ResidentState& rs = model.state().residents;
  const std::int32_t tick = model.state().tick;
  BuurtTally t;
  for (std::uint32_t i = buurt.first_resident; i < buurt.first_resident + buurt.resident_count; ++i) {
    const bool active = rs.activity[i] != Activity::none;
    // Active at some point in the year up to and including this week: what surveys asking "in the
    // past year" report.
    const bool past_year = tick - rs.last_active_tick[i] < kTicksPerYear;
    const double trust = rs.trust[i];
    const double past_year_trust = past_year ? trust : 0.0;
    t.past_year_total += past_year;
    t.past_year_trust_total += past_year_trust;
    const int education_migration = who.education[i] * 3 + who.migration[i];
    const int education_age = who.education[i] * 4 + who.age_group[i];
    ++t.residents_education_migration[education_migration];
    t.past_year_education_migration[education_migration] += past_year;
    ++t.residents_education_age[education_age];
    t.past_year_education_age[education_age] += past_year;
    for (int g : groups_of(who, i)) {
      ++t.residents[g];
      t.active[g] += active;
      t.past_year[g] += past_year;
      t.trust[g] += trust;
      t.past_year_trust[g] += past_year_trust;
    }
    if (rs.activity[i] == Activity::initiative) ++t.by_kind[0];
    if (rs.activity[i] == Activity::process)
      ++t.by_kind[1 + static_cast<int>(model.state().processes[rs.activity_ref[i]].rung)];
    t.lonely += rs.loneliness[i] > 0.5f;
    t.active_total += active;
    t.trust_total += rs.trust[i];
    ++t.count;
  }
  return t;
}

// The rows of every replicate, one replicate after the other.
template <class Row>
std::vector<Row> concatenate(const std::vector<std::vector<Row>>& parts) {
  std::vector<Row> all;
  for (const auto& part : parts) all.insert(all.end(), part.begin(), part.end());
  return all;
}

double ratio(double numerator, double denominator) {
  return denominator > 0 ? numerator / denominator : kNaN;
}

// The share of all active person-weeks carried by the most active tenth of residents.
double top_tenth_share(std::vector<std::uint16_t> weeks) {
  const auto tenth = weeks.begin() + static_cast<std::ptrdiff_t>(weeks.size() / 10);
  std::nth_element(weeks.begin(), tenth, weeks.end(), std::greater<>());
  const double top = std::accumulate(weeks.begin(), tenth, 0.0);
  return ratio(top, std::accumulate(weeks.begin(), weeks.end(), 0.0));
}

double weeks_per_active(const std::vector<std::uint16_t>& weeks) {
  const auto active = std::count_if(weeks.begin(), weeks.end(), [](std::uint16_t w) { return w > 0; });
  return ratio(std::accumulate(weeks.begin(), weeks.end(), 0.0), static_cast<double>(active));
}

}  // namespace

Recorder::Recorder(const Scenario& scenario, std::vector<std::int64_t> recorded_ticks)
    : scenario_(scenario), ticks_(std::move(recorded_ticks)) {
  std::vector<std::string> buurt_codes;
  for (const BuurtSpec& b : scenario.buurten) buurt_codes.push_back(b.code);
  const std::size_t replicates = static_cast<std::size_t>(scenario.replicates);
  for (const SeriesDeclaration& declaration : kSeries) {
    SeriesSpec spec{std::string(declaration.path), std::string(declaration.description), std::string(declaration.unit),
                    {}, ""};
    if (declaration.columns) {
      spec.columns = axis_labels(*declaration.columns, buurt_codes);
      spec.column_axis = declaration.columns->name;
    }
    const std::size_t width = spec.width();
    series_.push_back({std::move(spec), std::vector<std::vector<double>>(replicates, std::vector<double>(ticks_.size() * width, kNaN))});
  }
  replicate_decisions_.resize(replicates);
  replicate_initiatives_.resize(replicates);
  replicate_fates_.resize(replicates);
  replicate_budget_votes_.resize(replicates);
  budget_votes_seen_.assign(replicates, 0);
  last_totals_.resize(replicates);
  last_spent_.assign(replicates, std::vector<double>(scenario_.buurten.size(), 0.0));
  replicate_rows_.resize(replicates);
  final_year_weeks_.resize(replicates);
}

double* Recorder::row(SeriesId series, std::uint32_t replicate, std::size_t index) {
  Series& s = series_[series.index];
  return s.values[replicate].data() + index * s.spec.width();
}

void Recorder::record(const Model& model, std::size_t index) {
  record_participation(model, index);
  record_liveability(model, index);
  record_totals(model, index);
}

void Recorder::record_participation(const Model& model, std::size_t index) {
  const auto& buurten = model.population().buurten;
  std::vector<BuurtTally> tallies(buurten.size());
  tbb::parallel_for(std::size_t{0}, buurten.size(), [&](std::size_t b) { tallies[b] = tally_buurt(model, buurten[b]); });
  BuurtTally all;
  const std::uint32_t r = model.replicate();
  for (std::size_t b = 0; b < tallies.size(); ++b) {
    const BuurtTally& t = tallies[b];
    for (int g = 0; g < kGroupCount; ++g) {
      all.residents[g] += t.residents[g];
      all.active[g] += t.active[g];
      all.past_year[g] += t.past_year[g];
      all.trust[g] += t.trust[g];
      all.past_year_trust[g] += t.past_year_trust[g];
    }
    for (int k = 0; k < kKindCount; ++k) all.by_kind[k] += t.by_kind[k];
    for (std::size_t c = 0; c < t.residents_education_migration.size(); ++c) {
      all.residents_education_migration[c] += t.residents_education_migration[c];
      all.past_year_education_migration[c] += t.past_year_education_migration[c];
    }
    for (std::size_t c = 0; c < t.residents_education_age.size(); ++c) {
      all.residents_education_age[c] += t.residents_education_age[c];
      all.past_year_education_age[c] += t.past_year_education_age[c];
    }
    all.lonely += t.lonely;
    all.count += t.count;
    all.active_total += t.active_total;
    all.past_year_total += t.past_year_total;
    all.trust_total += t.trust_total;
    all.past_year_trust_total += t.past_year_trust_total;
    row("participation/by_buurt", r, index)[b] = ratio(t.active_total, t.count);
    row("participation/past_year_by_buurt", r, index)[b] = ratio(t.past_year_total, t.count);
    row("participation/past_year_low_educated_by_buurt", r, index)[b] =
        ratio(t.past_year[kLowEducation], t.residents[kLowEducation]);
    row("trust/by_buurt", r, index)[b] = ratio(t.trust_total, t.count);
    row("trust/past_year_participants_by_buurt", r, index)[b] = ratio(t.past_year_trust_total, t.past_year_total);
    row("trust/non_participants_by_buurt", r, index)[b] =
        ratio(t.trust_total - t.past_year_trust_total, t.count - t.past_year_total);
  }
  const double n = static_cast<double>(all.count);
  row("participation/overall", r, index)[0] = ratio(all.active_total, n);
  row("participation/past_year", r, index)[0] = ratio(all.past_year_total, n);
  for (int k = 0; k < kKindCount; ++k) row("participation/by_kind", r, index)[k] = ratio(all.by_kind[k], n);
  for (std::size_t c = 0; c < all.residents_education_migration.size(); ++c)
    row("participation/past_year_by_education_and_migration", r, index)[c] =
        ratio(all.past_year_education_migration[c], all.residents_education_migration[c]);
  for (std::size_t c = 0; c < all.residents_education_age.size(); ++c)
    row("participation/past_year_by_education_and_age", r, index)[c] =
        ratio(all.past_year_education_age[c], all.residents_education_age[c]);
  for (int g = 0; g < kGroupCount; ++g) {
    row("participation/by_group", r, index)[g] = ratio(all.active[g], all.residents[g]);
    row("participation/past_year_by_group", r, index)[g] = ratio(all.past_year[g], all.residents[g]);
    row("representation/ratio_by_group", r, index)[g] =
        ratio(ratio(all.active[g], all.active_total), ratio(all.residents[g], n));
    row("trust/by_group", r, index)[g] = ratio(all.trust[g], all.residents[g]);
    row("trust/past_year_participants_by_group", r, index)[g] = ratio(all.past_year_trust[g], all.past_year[g]);
    row("trust/non_participants_by_group", r, index)[g] =
        ratio(all.trust[g] - all.past_year_trust[g], all.residents[g] - all.past_year[g]);
  }
  for (std::size_t d = 0; d < kGroupDimensions.size(); ++d) {
    const GroupDimension& dim = kGroupDimensions[d];
    double dissimilarity = 0;
    for (int g = dim.first; g < dim.first + dim.size; ++g)
      dissimilarity += std::abs(ratio(all.active[g], all.active_total) - ratio(all.residents[g], n));
    row("representation/dissimilarity", r, index)[d] = 0.5 * dissimilarity;
  }
  row("representation/education_ratio", r, index)[0] =
      ratio(ratio(all.active[2], all.residents[2]), ratio(all.active[0], all.residents[0]));
  row("trust/mean", r, index)[0] = ratio(all.trust_total, n);
  row("trust/past_year_participants", r, index)[0] = ratio(all.past_year_trust_total, all.past_year_total);
  row("trust/non_participants", r, index)[0] =
      ratio(all.trust_total - all.past_year_trust_total, n - all.past_year_total);
  row("social/loneliness_rate", r, index)[0] = ratio(all.lonely, n);
}

void Recorder::record_liveability(const Model& model, std::size_t index) {
  const std::uint32_t r = model.replicate();
  const auto& buurten = model.population().buurten;
  const auto& state = model.state().buurten;
  std::vector<double> level(buurten.size()), weight(buurten.size()), vulnerability(buurten.size());
  std::array<double, kLiveabilityPartCount> part_sum{};
  std::array<double, kIssueTypeCount> salience_sum{};
  for (std::size_t b = 0; b < buurten.size(); ++b) {
    const auto& live = state[b].liveability;
    level[b] = (live[0] + live[1] + live[2]) / 3.0;
    weight[b] = buurten[b].resident_count;
    vulnerability[b] = buurten[b].spec.vulnerability;
    for (int p = 0; p < kLiveabilityPartCount; ++p) part_sum[p] += live[p] * weight[b];
    for (int k = 0; k < kIssueTypeCount; ++k) salience_sum[k] += state[b].salience[k];
    row("liveability/by_buurt", r, index)[b] = level[b];
  }
  const double total_weight = std::accumulate(weight.begin(), weight.end(), 0.0);
  for (int p = 0; p < kLiveabilityPartCount; ++p) row("liveability/by_part", r, index)[p] = ratio(part_sum[p], total_weight);
  for (int k = 0; k < kIssueTypeCount; ++k)
    row("issues/salience", r, index)[k] = ratio(salience_sum[k], static_cast<double>(buurten.size()));
  row("liveability/gini", r, index)[0] = weighted_gini(level, weight);
  row("liveability/vulnerability_gap", r, index)[0] = fifth_gap(level, weight, vulnerability);
}

void Recorder::record_totals(const Model& model, std::size_t index) {
  const std::uint32_t r = model.replicate();
  const Totals& now = model.state().totals;
  Totals& last = last_totals_[r];
  row("initiatives/active", r, index)[0] = model.state().active_initiatives;
  row("initiatives/founded", r, index)[0] = static_cast<double>(now.founded - last.founded);
  row("initiatives/succeeded", r, index)[0] = static_cast<double>(now.succeeded - last.succeeded);
  row("initiatives/dissolved", r, index)[0] = static_cast<double>(now.dissolved - last.dissolved);
  row("initiatives/success_share", r, index)[0] =
      ratio(static_cast<double>(now.succeeded), static_cast<double>(now.succeeded + now.dissolved));
  row("social/ties_formed", r, index)[0] = static_cast<double>(now.ties_formed);
  row("social/bridging_ties", r, index)[0] = static_cast<double>(now.bridging_ties);
  for (int l = 0; l < kCostLeverCount; ++l) row("cost/by_lever", r, index)[l] = now.cost[l] - last.cost[l];
  last = now;
  const auto& buurten = model.state().buurten;
  std::vector<double>& spent_before = last_spent_[r];
  for (std::size_t b = 0; b < buurten.size(); ++b) {
    row("cost/by_buurt", r, index)[b] = buurten[b].spent - spent_before[b];
    spent_before[b] = buurten[b].spent;
  }
  record_budget_turnout(model, index);
}

// Turnout by group over the budget votes held since the previous recorded tick.
void Recorder::record_budget_turnout(const Model& model, std::size_t index) {
  const std::uint32_t r = model.replicate();
  const auto& votes = model.budget_votes();
  std::array<std::int64_t, kGroupCount> eligible{}, voted{};
  for (std::size_t v = budget_votes_seen_[r]; v < votes.size(); ++v)
    for (int g = 0; g < kGroupCount; ++g) {
      eligible[g] += votes[v].eligible_by_group[g];
      voted[g] += votes[v].voted_by_group[g];
    }
  budget_votes_seen_[r] = votes.size();
  for (int g = 0; g < kGroupCount; ++g) row("budget/turnout_by_group", r, index)[g] = ratio(voted[g], eligible[g]);
}

void Recorder::observe_week(const Model& model) {
  const std::int32_t tick = model.state().tick;
  if (tick <= scenario_.horizon_ticks - kTicksPerYear) return;
  const auto& activity = model.state().residents.activity;
  std::vector<std::uint16_t>& weeks = final_year_weeks_[model.replicate()];
  weeks.resize(activity.size(), 0);
  for (std::size_t i = 0; i < activity.size(); ++i) weeks[i] += activity[i] != Activity::none;
}

void Recorder::finish(const Model& model) {
  const std::uint32_t r = model.replicate();
  replicate_decisions_[r] = decision_rows(model);
  replicate_initiatives_[r] = initiative_rows(model, static_cast<std::int32_t>(ticks_.back()));
  replicate_fates_[r] = initiative_fate_rows(model, static_cast<std::int32_t>(ticks_.back()));
  std::vector<std::uint16_t> weeks = std::move(final_year_weeks_[r]);
  replicate_rows_[r].replicate = r;
  replicate_rows_[r].top_tenth_share = top_tenth_share(weeks);
  replicate_rows_[r].active_weeks_per_active = weeks_per_active(weeks);
  replicate_budget_votes_[r] = budget_vote_rows(model);
  std::vector<double> start, change;
  for (const BuurtState& b : model.state().buurten) {
    const double first = (b.liveability_start[0] + b.liveability_start[1] + b.liveability_start[2]) / 3.0;
    const double last = (b.liveability[0] + b.liveability[1] + b.liveability[2]) / 3.0;
    start.push_back(first);
    change.push_back(last - first);
  }
  replicate_rows_[r].matthew_index = correlation(start, change);
}

RunResult Recorder::take(RunInfo info) {
  RunResult result;
  result.info = std::move(info);
  result.ticks = ticks_;
  result.series = std::move(series_);
  result.tables.push_back(make_table(kBuurtenTable, buurt_rows(scenario_)));
  result.tables.push_back(make_table(kDecisionsTable, concatenate(replicate_decisions_)));
  result.tables.push_back(make_table(kInitiativesTable, concatenate(replicate_initiatives_)));
  result.tables.push_back(make_table(kBudgetVotesTable, concatenate(replicate_budget_votes_)));
  result.tables.push_back(make_table(kReplicatesTable, replicate_rows_));
  result.tables.push_back(make_table(kInitiativeFatesTable, concatenate(replicate_fates_)));
  return result;
}

}  // namespace wijksim
