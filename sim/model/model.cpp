// Model construction, the tick schedule, issues and liveability.
#include "sim/model/model.hpp"

#include <algorithm>

#include "sim/model/rules.hpp"
#include "sim/scenario/roles.hpp"

namespace wijksim {
namespace {

ResidentState initial_resident_state(const Residents& residents) {
  const std::size_t n = residents.size();
  ResidentState s;
  s.capacity = residents.capacity;
  s.motivation = residents.motivation;
  s.trust = residents.trust;
  s.loneliness = residents.loneliness;
  s.fatigue.assign(n, 0.0f);
  s.activity.assign(n, Activity::none);
  s.activity_ref.assign(n, -1);
  s.signal[0].assign(n, TieSignal{});
  s.signal[1].assign(n, TieSignal{});
  s.active_network_ties.assign(n, 0);
  s.network_hearsay.assign(n, 0);
  s.weeks_since_asked.assign(n, 520);
  s.last_active_tick.assign(n, kNeverActive);
  s.invited_channel.assign(n, kNotInvited);
  s.intent.assign(n, Intent::none);
  s.intent_ref.assign(n, -1);
  s.neighbours_founding.assign(n, 0);
  s.activity_ties.assign(n * kActivityTieSlots, kNoTie);
  return s;
}

BuurtState initial_buurt_state(const Buurt& buurt, const Residents& residents,
                               const Scenario& scenario) {
  BuurtState s;
  const InitiativeParams& initiatives = scenario.initiatives;
  s.walk_in_rate = initiatives.walk_in_rate * (buurt.spec.community_centre ? 1.0 : initiatives.no_centre_walk_in_factor);
  s.initiative_in_sight = rules::initiative_in_sight(initiatives, buurt.resident_count);
  s.street_weight = rules::street_weight(initiatives, buurt.resident_count);
  s.liveability = rules::starting_liveability(scenario.liveability, buurt.spec);
  s.liveability_start = s.liveability;
  s.liveability_start_mean = (s.liveability_start[0] + s.liveability_start[1] + s.liveability_start[2]) / 3.0;
  s.levers = &levers_for_buurt(scenario.government, buurt.spec);
  std::array<double, 3> education_count{};
  double social_renters = 0;
  for (std::uint32_t i = buurt.first_resident; i < buurt.first_resident + buurt.resident_count; ++i) {
    education_count[residents.education[i]] += 1;
    social_renters += residents.tenure[i] == static_cast<std::uint8_t>(Tenure::social_rent);
  }
  const double n = std::max<double>(1, buurt.resident_count);
  for (int e = 0; e < 3; ++e) s.population_education_share[e] = education_count[e] / n;
  s.social_rent_share = social_renters / n;
  return s;
}

// The buurten an issue event names by their own code, their wijk or their gemeente (all if none).
std::vector<std::uint32_t> buurten_named(const std::vector<Buurt>& buurten, const std::vector<std::string>& names) {
  std::vector<std::uint32_t> chosen;
  for (std::uint32_t b = 0; b < buurten.size(); ++b) {
    const BuurtSpec& spec = buurten[b].spec;
    const bool named = names.empty() || std::any_of(names.begin(), names.end(), [&](const std::string& name) {
                         return place_includes(name, spec);
                       });
    if (named) chosen.push_back(b);
  }
  return chosen;
}

}  // namespace

Model::Model(const Scenario& scenario, const Population& population, std::uint32_t replicate)
    : scenario_(scenario), population_(population), replicate_(replicate) {
  state_.residents = initial_resident_state(population.residents);
  state_.buurten.reserve(population.buurten.size());
  for (const Buurt& buurt : population.buurten)
    state_.buurten.push_back(initial_buurt_state(buurt, population.residents, scenario));
  for (const IssueEvent& event : scenario.issue_events)
    issue_event_buurten_.push_back(buurten_named(population.buurten, event.buurten));
  constexpr int kMaxCountedTies = 64;
  for (int k = 0; k <= kMaxCountedTies; ++k)
    asked_by_ties_.push_back(rules::asked_by_ties_probability(scenario.behaviour, k));
  for (std::int32_t weeks = 0; weeks <= scenario.horizon_ticks; ++weeks)
    habit_by_weeks_.push_back(rules::habit(scenario.behaviour, weeks));
}

void Model::step(std::int32_t tick) {
  state_.tick = tick;
  arise_issues(tick);
  act_government(tick);
  decide_residents(tick);
  apply_intents(tick);
  spread_signals(tick);
  run_initiatives(tick);
  update_liveability();
}

void Model::arise_issues(std::int32_t tick) {
  const IssueParams& p = scenario_.issues;
  for (std::uint32_t b = 0; b < state_.buurten.size(); ++b) {
    BuurtState& buurt = state_.buurten[b];
    RandomStream rng(scenario_.seed, replicate_, static_cast<std::uint32_t>(tick), b, Stream::issues);
    for (int k = 0; k < kIssueTypeCount; ++k) {
      buurt.salience[k] *= p.salience_decay;
      const double part = buurt.liveability[kIssueLiveabilityPart[k]];
      const double arrival = rules::issue_arrival_probability(p, scenario_.neglect, k, part, buurt.levers->maintenance);
      if (rng.bernoulli(arrival)) buurt.salience[k] = 1.0;
    }
  }
  for (std::size_t e = 0; e < scenario_.issue_events.size(); ++e) {
    const IssueEvent& event = scenario_.issue_events[e];
    if (event.tick != tick) continue;
    for (std::uint32_t b : issue_event_buurten_[e]) {
      double& salience = state_.buurten[b].salience[static_cast<int>(event.issue)];
      salience = std::max(salience, event.salience);
    }
  }
  for (BuurtState& buurt : state_.buurten) summarise_buurt(buurt);
}

// What every resident of the buurt reads this tick, computed once for all of them.
void Model::summarise_buurt(BuurtState& buurt) const {
  buurt.liveability_mean = (buurt.liveability[0] + buurt.liveability[1] + buurt.liveability[2]) / 3.0;
  const double lost = buurt.liveability_start_mean - buurt.liveability_mean;
  for (const bool dependent : {false, true})
    buurt.neglect_felt[dependent] =
        static_cast<float>(rules::neglect_felt(scenario_.neglect, dependent, buurt.levers->maintenance, lost));
  for (int profile = 0; profile < rules::kStakeProfileCount; ++profile) {
    const auto stakes = rules::issue_stakes(profile);
    double best = -1;
    for (int k = 0; k < kIssueTypeCount; ++k) {
      const double stake = stakes[k] * buurt.salience[k];
      if (stake > best) {
        best = stake;
        buurt.pressing_issue[profile] = static_cast<std::uint8_t>(k);
      }
    }
    buurt.pressing_stake[profile] = static_cast<float>(best);
  }
}

void Model::update_liveability() {
  const LiveabilityParams& p = scenario_.liveability;
  takeover_members_.assign(state_.buurten.size(), 0);
  for (const std::int32_t index : active_initiatives_) {
    const Initiative& it = state_.initiatives[index];
    if (rules::takes_over_maintenance(it.issue)) takeover_members_[it.buurt] += it.members;
  }
  for (std::uint32_t b = 0; b < state_.buurten.size(); ++b) {
    BuurtState& buurt = state_.buurten[b];
    const Buurt& spec = population_.buurten[b];
    const double takeover_share = takeover_members_[b] / std::max<double>(1, spec.resident_count);
    const double target = rules::structural_liveability(p, spec.spec.vulnerability,
                                                        buurt.levers->maintenance, takeover_share);
    for (double& part : buurt.liveability) part += p.adjustment_rate * (target - part);
  }
}

}  // namespace wijksim
