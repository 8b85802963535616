#include "sim/metrics/tables.hpp"

namespace wijksim {

std::vector<BuurtRow> buurt_rows(const Scenario& scenario) {
  std::vector<BuurtRow> rows;
  for (const BuurtSpec& b : scenario.buurten) {
    rows.push_back({.code = b.code,
                    .name = b.name,
                    .wijk = b.wijk,
                    .type = b.type,
                    .residents = b.residents,
                    .vulnerability = b.vulnerability,
                    .liveability_start = (b.liveability[0] + b.liveability[1] + b.liveability[2]) / 3.0,
                    .gemeente = b.gemeente});
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
                    .response = it.response < 0 ? "none" : kResponseNames[it.response]});
  }
  return rows;
}

std::vector<ReplicateRow> replicate_rows(const std::vector<double>& matthew_index) {
  std::vector<ReplicateRow> rows;
  for (std::size_t r = 0; r < matthew_index.size(); ++r)
    rows.push_back({.replicate = static_cast<std::int64_t>(r), .matthew_index = matthew_index[r]});
  return rows;
}

}  // namespace wijksim
