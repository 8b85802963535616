// Initiatives (overheidsparticipatie): momentum that follows the issue's salience and the
// members' energy, a request for support and the municipality's answer, success or dissolution.
#include <algorithm>

#include "sim/model/model.hpp"
#include "sim/model/rules.hpp"

namespace wijksim {

void Model::run_initiatives(std::int32_t tick) {
  const InitiativeParams& p = scenario_.initiatives;
  std::size_t kept = 0;
  for (const std::int32_t index : active_initiatives_) {
    Initiative& it = state_.initiatives[index];
    BuurtState& buurt = state_.buurten[it.buurt];
    RandomStream rng(scenario_.seed, replicate_, static_cast<std::uint32_t>(tick),
                     static_cast<std::uint32_t>(index), Stream::initiative);
    const int effective_response = it.refused_subsidy ? static_cast<int>(Response::ignore) : it.response;
    const double street_members = it.members + it.neighbours;
    const double members = std::max(1.0, street_members);
    const double motivation = it.member_motivation + it.neighbour_motivation;
    const double capacity = it.member_capacity + it.neighbour_capacity;
    const double salience =
        rules::salience_left_by_professionals(p, buurt.salience[it.issue], buurt.professionals_on(it.issue, tick));
    it.momentum = rules::next_momentum(p, it.momentum, salience, motivation / members, street_members,
                                       effective_response);
    it.progress += rules::initiative_progress(p, street_members, capacity / members,
                                              rules::answered_progress(p, effective_response, it.subsidy_coverage),
                                              buurt.levers->community_worker_hours_per_1000);
    if (tick - it.founded_tick == p.request_support_after) answer_support_request(it, rng, tick);

    if (it.progress >= p.goal) {
      const int part = kIssueLiveabilityPart[it.issue];
      const double cofunding = part == 0 ? 1.0 + scenario_.liveability.corporation_cofunding * buurt.social_rent_share : 1.0;
      const Buurt& where = population_.buurten[it.buurt];
      const double gain = rules::success_liveability_gain(p, where.resident_count, cofunding);
      buurt.liveability[part] = rules::clamp01(buurt.liveability[part] + gain);
      end_initiative(it, InitiativeOutcome::succeeded, tick);
    } else if (it.momentum < p.dissolve_below || (it.members <= 0 && it.neighbours < 0.5)) {
      const InitiativeOutcome cause = it.obstructed_tick >= 0 ? InitiativeOutcome::obstructed
                                      : (it.refused_subsidy || it.conditions_tick >= 0)
                                          ? InitiativeOutcome::refused_conditions
                                      : it.response == static_cast<int>(Response::compete) ? InitiativeOutcome::crowded_out
                                                                                           : InitiativeOutcome::dissolved;
      end_initiative(it, cause, tick);
    } else {
      active_initiatives_[kept++] = index;
    }
  }
  active_initiatives_.resize(kept);
  state_.active_initiatives = static_cast<std::int32_t>(kept);
}

void Model::answer_support_request(Initiative& it, RandomStream& rng, std::int32_t tick) {
  const InitiativeParams& p = scenario_.initiatives;
  const Levers& levers = *state_.buurten[it.buurt].levers;
  const double u = rng.uniform();
  double cumulative = 0;
  it.response = static_cast<int>(Response::ignore);
  for (int r = 0; r < kResponseCount; ++r) {
    cumulative += levers.initiative_response[r];
    if (u < cumulative) { it.response = r; break; }
  }
  it.answered_tick = tick;
  switch (static_cast<Response>(it.response)) {
    case Response::support:
      spend(it.buurt, cost_subsidies, levers.subsidy * it.street_share);
      it.subsidy_coverage = static_cast<float>(rules::subsidy_coverage(p, levers.subsidy));
      break;
    case Response::conditional_subsidy:
      if (rng.bernoulli(p.conditions_refusal)) {
        it.refused_subsidy = true;
      } else {
        spend(it.buurt, cost_subsidies, levers.subsidy * it.street_share);
        it.subsidy_coverage = static_cast<float>(rules::subsidy_coverage(p, levers.subsidy));
        it.conditions_tick = tick;
      }
      break;
    case Response::ignore:
      break;
    case Response::obstruct:
      it.obstructed_tick = tick;
      it.momentum *= 1.0 - p.obstruction_momentum_loss;
      break;
    case Response::compete:
      start_professional_activity(it.buurt, it.issue, tick);
      break;
  }
}

// The municipality or a welfare organisation runs an activity of its own on the issue for
// `competition_weeks` (extended if one runs already); it costs a professional's time every week
// (paid in phase 2) and, when it ends, improves the issue's part of liveability as much as an
// initiative's success does.
void Model::start_professional_activity(std::uint32_t b, int issue, std::int32_t tick) {
  BuurtState& buurt = state_.buurten[b];
  buurt.professionals_until[issue] = std::max(buurt.professionals_until[issue], tick + scenario_.initiatives.competition_weeks);
}

void Model::run_professional_activities(std::uint32_t b, std::int32_t tick) {
  BuurtState& buurt = state_.buurten[b];
  const Buurt& where = population_.buurten[b];
  for (int k = 0; k < kIssueTypeCount; ++k) {
    if (buurt.professionals_on(k, tick))
      spend(b, cost_professional_activities, scenario_.costs.professional_activity_week * where.spec.sample_share);
    if (buurt.professionals_until[k] == tick) {
      double& part = buurt.liveability[kIssueLiveabilityPart[k]];
      part = rules::clamp01(part + rules::success_liveability_gain(scenario_.initiatives, where.resident_count, 1.0));
    }
  }
}

// Members notice the end on the next tick and leave then; the buurt may found a new initiative on
// the same issue from now on.
void Model::end_initiative(Initiative& it, InitiativeOutcome outcome, std::int32_t tick) {
  it.outcome = outcome;
  it.ended_tick = tick;
  std::vector<std::int32_t>& on_issue = state_.buurten[it.buurt].initiatives_on_issue[it.issue];
  const auto index = static_cast<std::int32_t>(&it - state_.initiatives.data());
  on_issue.erase(std::find(on_issue.begin(), on_issue.end(), index));
  if (outcome == InitiativeOutcome::succeeded) ++state_.totals.succeeded;
  else ++state_.totals.dissolved;
}

// The neighbours in an initiative (Initiative::neighbours) leave as members do, by their expected
// numbers and at the same point of the week (before this week's joins): worn out, or the week after
// an obstruction, or, those with little capacity, after the burden of conditions. They grow tired
// first, as members do before they decide.
void Model::let_neighbours_leave(std::int32_t tick) {
  const InitiativeParams& p = scenario_.initiatives;
  const BehaviourParams& behaviour = scenario_.behaviour;
  for (const std::int32_t index : active_initiatives_) {
    Initiative& it = state_.initiatives[index];
    if (it.neighbours <= 0) continue;
    it.neighbour_fatigue += behaviour.fatigue_gain * (1.0 - it.neighbour_fatigue);
    const double dropout = it.answered_tick == tick - 1
                               ? rules::felt_answer(scenario_.trust, p, static_cast<Response>(it.response)).dropout
                               : 0.0;
    const double stay = (1.0 - rules::leave_probability(behaviour, it.neighbour_fatigue,
                                                        rules::answered(p.leave_multiplier, it.response))) *
                        (1.0 - dropout);
    const double burdened_share = it.conditions_tick == tick - 1 ? p.burden_dropout : 0.0;
    const double burdened = it.neighbours_below_burden * burdened_share;
    const double burdened_capacity = it.neighbour_capacity_below_burden * burdened_share;
    const double burdened_motivation = burdened * it.neighbour_motivation / it.neighbours;
    it.neighbours = std::max(0.0, (it.neighbours - burdened) * stay);
    it.neighbours_below_burden = std::max(0.0, (it.neighbours_below_burden - burdened) * stay);
    it.neighbour_capacity_below_burden = std::max(0.0, (it.neighbour_capacity_below_burden - burdened_capacity) * stay);
    it.neighbour_capacity = std::max(0.0, (it.neighbour_capacity - burdened_capacity) * stay);
    it.neighbour_motivation = std::max(0.0, (it.neighbour_motivation - burdened_motivation) * stay);
  }
}

}  // namespace wijksim
