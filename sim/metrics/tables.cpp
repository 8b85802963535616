#include "sim/metrics/tables.hpp"

#include "sim/model/rules.hpp"
#include "sim/population/targets.hpp"

namespace wijksim {

std::vector<BuurtRow> buurt_rows(const Scenario& scenario) {
  std::vector<BuurtRow> rows;
  for (const BuurtSpec& b : scenario.buurten) {
    const auto liveability = rules::starting_liveability(scenario.liveability, b);
    rows.push_back({.code = b.code,
                    .name = b.name,
                    .wijk = b.wijk,
                    .type = b.type,
                    .residents = b.residents,
                    .vulnerability = b.vulnerability,
                    .liveability_start = (liveability[0] + liveability[1] + liveability[2]) / 3.0,
                    .gemeente = b.gemeente,
                    .low_educated = buurt_targets(b.composition, static_cast<std::uint32_t>(b.residents))
                                        .education[kLowEducation]});
  }
  return rows;
}

std::vector<DecisionRow> decision_rows(const Model& model) {
  std::vector<DecisionRow> rows;
  for (const Model::Decision& d : model.decisions()) {
    rows.push_back({.replicate = model.replicate(),
                    .tick = d.tick,
                    .buurt = d.buurt,
                    .kind = d.kind,
                    .participants = d.participants,
                    .representativeness = d.representativeness,
                    .judged_representativeness = d.judged_representativeness,
                    .input_used = d.input_used});
  }
  return rows;
}

std::vector<InitiativeRow> initiative_rows(const Model& model, std::int32_t last_tick) {
  std::vector<InitiativeRow> rows;
  for (const Initiative& it : model.state().initiatives) {
    rows.push_back({.replicate = model.replicate(),
                    .buurt = it.buurt,
                    .founded_tick = it.founded_tick,
                    .ended_tick = it.ended_tick > last_tick ? -1 : it.ended_tick,
                    .issue = kIssueTypeNames[it.issue],
                    .outcome = kInitiativeOutcomeNames[static_cast<int>(it.outcome)],
                    .peak_members = it.peak_members,
                    .response = it.response < 0 ? "none" : kResponseNames[it.response],
                    .street_share = it.street_share});
  }
  return rows;
}

std::vector<InitiativeFateRow> initiative_fate_rows(const Model& model, std::int32_t last_tick) {
  constexpr int kAnswers = kResponseCount + 1;  // the answers, then none
  constexpr int kEndings = static_cast<int>(kInitiativeOutcomeNames.size());
  std::array<std::array<std::int64_t, kEndings>, kAnswers> count{};
  for (const Initiative& it : model.state().initiatives) {
    if (it.outcome == InitiativeOutcome::active || it.ended_tick > last_tick) continue;
    ++count[it.response < 0 ? kResponseCount : it.response][static_cast<int>(it.outcome)];
  }
  std::vector<InitiativeFateRow> rows;
  for (int a = 0; a < kAnswers; ++a)
    for (int e = 0; e < kEndings; ++e) {
      if (static_cast<InitiativeOutcome>(e) == InitiativeOutcome::active) continue;
      rows.push_back({.replicate = model.replicate(),
                      .response = a == kResponseCount ? "none" : kResponseNames[a],
                      .outcome = kInitiativeOutcomeNames[e],
                      .initiatives = count[a][e]});
    }
  return rows;
}

std::vector<BudgetVoteRow> budget_vote_rows(const Model& model) {
  std::vector<BudgetVoteRow> rows;
  for (const Model::BudgetVote& v : model.budget_votes()) {
    rows.push_back({.replicate = model.replicate(),
                    .tick = v.tick,
                    .buurt = v.buurt,
                    .proposals = v.proposals,
                    .eligible = v.eligible(),
                    .voted = v.voted(),
                    .choice = v.choice < 0 ? "none" : kIssueTypeNames[v.choice],
                    .choice_votes = v.choice_votes});
  }
  return rows;
}

}  // namespace wijksim
