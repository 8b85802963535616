#pragma once
// The rows of the result tables (declared in outputs.hpp): the buurten, the decisions taken, the
// initiatives, the residents' budget votes, and one row of summary figures per replicate.
#include <vector>

#include "sim/metrics/outputs.hpp"
#include "sim/model/model.hpp"
#include "sim/scenario/scenario.hpp"

namespace wijksim {

std::vector<BuurtRow> buurt_rows(const Scenario& scenario);
std::vector<DecisionRow> decision_rows(const Model& model);
// `last_tick`: the horizon; initiatives still active then get ended_tick -1.
std::vector<InitiativeRow> initiative_rows(const Model& model, std::int32_t last_tick);
std::vector<InitiativeFateRow> initiative_fate_rows(const Model& model, std::int32_t last_tick);
std::vector<BudgetVoteRow> budget_vote_rows(const Model& model);

}  // namespace wijksim
