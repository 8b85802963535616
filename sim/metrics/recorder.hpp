#pragma once
// Turns the model's state into the outcomes of MODEL.md at each recorded tick: participation and
// representation by group, trust, initiatives, liveability and its inequality, social fabric and
// cost (every series declared in outputs.hpp), and at the end of a replicate its table rows.
// Each replicate writes only its own rows, so replicates may be recorded in parallel.
#include <cstdint>
#include <vector>

#include "sim/metrics/outputs.hpp"
#include "sim/metrics/result.hpp"
#include "sim/model/model.hpp"

namespace wijksim {

class Recorder {
 public:
  Recorder(const Scenario& scenario, std::vector<std::int64_t> recorded_ticks);

  // Record the state of `model` as the recorded tick number `index`.
  void record(const Model& model, std::size_t index);
  // After every tick (recorded or not): counts each resident's active weeks in the final year.
  void observe_week(const Model& model);
  // Once a replicate has run to the horizon: its decisions and initiatives.
  void finish(const Model& model);

  RunResult take(RunInfo info);

 private:
  // The values of `series` at recorded tick `index` in `replicate`, one per column.
  double* row(SeriesId series, std::uint32_t replicate, std::size_t index);
  void record_participation(const Model& model, std::size_t index);
  void record_liveability(const Model& model, std::size_t index);
  void record_totals(const Model& model, std::size_t index);
  void record_budget_turnout(const Model& model, std::size_t index);

  const Scenario& scenario_;
  std::vector<std::int64_t> ticks_;
  std::vector<Series> series_;
  std::vector<std::vector<DecisionRow>> replicate_decisions_;
  std::vector<std::vector<InitiativeRow>> replicate_initiatives_;
  std::vector<std::vector<InitiativeFateRow>> replicate_fates_;
  std::vector<std::vector<BudgetVoteRow>> replicate_budget_votes_;
  std::vector<std::size_t> budget_votes_seen_;  // per replicate, votes recorded in budget/turnout_by_group
  std::vector<Totals> last_totals_;  // per replicate, at the previous recorded tick
  std::vector<std::vector<double>> last_spent_;  // per replicate and buurt, BuurtState::spent then
  std::vector<ReplicateRow> replicate_rows_;
  std::vector<std::vector<std::uint16_t>> final_year_weeks_;  // per replicate, per resident
};

}  // namespace wijksim
