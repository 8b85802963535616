// The municipality's phase: it pays for its levers, sets how many residents it reaches, opens
// and closes government processes (burgerparticipatie) and spends residents' budgets.
#include <algorithm>

#include "sim/model/model.hpp"
#include "sim/model/rules.hpp"

namespace wijksim {
namespace {

int most_salient_issue(const BuurtState& buurt) {
  return static_cast<int>(std::max_element(buurt.salience.begin(), buurt.salience.end()) -
                          buurt.salience.begin());
}

}  // namespace

void Model::act_government(std::int32_t tick) {
  const CostParams& cost = scenario_.costs;
  for (std::uint32_t b = 0; b < state_.buurten.size(); ++b) {
    BuurtState& buurt = state_.buurten[b];
    const Levers& levers = *buurt.levers;
    const double residents = std::max<double>(1, population_.buurten[b].resident_count);
    buurt.invitation_probability = levers.invitation_reach / 52.0;
    constexpr double kPer1000 = 1000.0;  // the lever is in hours per 1,000 residents
    const double hours = levers.community_worker_hours_per_1000 * residents / kPer1000;
    buurt.community_worker_probability = std::min(1.0, hours * scenario_.community_workers.contacts_per_hour / residents);
    state_.totals.cost[cost_community_workers] += hours * cost.community_worker_hour;
    state_.totals.cost[cost_maintenance] += levers.maintenance * cost.maintenance_per_resident_week * residents;
    const double budget = levers.residents_budget / 52.0 * residents;
    buurt.residents_budget_pot += budget;
    state_.totals.cost[cost_residents_budget] += budget;
    if (tick > 0 && tick % scenario_.liveability.budget_period_ticks == 0) spend_residents_budget(b, tick);
    open_or_close_process(b, tick);
  }
}

void Model::open_or_close_process(std::uint32_t b, std::int32_t tick) {
  BuurtState& buurt = state_.buurten[b];
  const Levers& levers = *buurt.levers;
  if (buurt.open_process >= 0) {
    Process& process = state_.processes[buurt.open_process];
    state_.totals.cost[cost_processes] +=
        process.current * scenario_.costs.process_per_participant_week[static_cast<int>(process.rung)];
    if (tick >= process.closes_tick) close_process(process, tick);
    return;
  }
  RandomStream rng(scenario_.seed, replicate_, static_cast<std::uint32_t>(tick), b, Stream::process);
  if (!rng.bernoulli(levers.processes_per_year / 52.0)) return;
  Process process;
  process.buurt = b;
  process.issue = static_cast<std::uint8_t>(most_salient_issue(buurt));
  process.rung = levers.rung;
  process.invitation = levers.process_invitation;
  process.opened_tick = tick;
  process.closes_tick = tick + scenario_.processes.duration_ticks;
  buurt.open_process = static_cast<std::int32_t>(state_.processes.size());
  buurt.process_opened_tick = tick;
  state_.processes.push_back(process);
  state_.totals.cost[cost_processes] += scenario_.costs.process_fixed * population_.buurten[b].spec.sample_share;
}

// A decision that fails the representativeness rule is postponed once, with a targeted round of
// invitations; after that the municipality decides with whoever came.
void Model::close_process(Process& process, std::int32_t tick) {
  BuurtState& buurt = state_.buurten[process.buurt];
  process.representativeness =
      rules::representativeness(process.participants_by_education, buurt.population_education_share);
  if (process.representativeness < buurt.levers->representativeness_threshold && !process.extended) {
    process.extended = true;
    process.invitation = Targeting::under_represented;
    process.closes_tick = tick + scenario_.processes.duration_ticks;
    buurt.process_opened_tick = tick;
    return;
  }
  RandomStream rng(scenario_.seed, replicate_, static_cast<std::uint32_t>(tick), process.buurt,
                   Stream::government);
  const double use = scenario_.processes.input_use_by_rung[static_cast<int>(process.rung)];
  process.input_used = process.participants > 0 && rng.bernoulli(use);
  if (process.input_used) {
    double& part = buurt.liveability[kIssueLiveabilityPart[process.issue]];
    part = rules::clamp01(part + scenario_.processes.used_input_liveability_gain);
  }
  process.closed = true;
  buurt.open_process = -1;
  announce_decision(buurt, process.participants_by_education, process.representativeness, tick);
  decisions_.push_back({tick, process.buurt, kRungNames[static_cast<int>(process.rung)],
                        process.participants, process.representativeness, process.input_used});
}

// Residents hear of a decision in the week it is taken (Model::hear_of_decision); the groups an
// unjust decision under-represented lose trust (rules::unrepresented_loss).
void Model::announce_decision(BuurtState& buurt, const std::array<std::int32_t, 3>& participants_by_education,
                              double representativeness, std::int32_t tick) {
  const double participants = participants_by_education[0] + participants_by_education[1] + participants_by_education[2];
  if (participants <= 0) return;
  buurt.decision_tick = tick;
  for (int e = 0; e < 3; ++e)
    buurt.unrepresented_loss[e] = static_cast<float>(rules::unrepresented_loss(
        scenario_.legitimacy, representativeness, participants_by_education[e] / participants,
        buurt.population_education_share[e]));
}

// The active minority decides how the pot is spent, for everyone: the decision records how
// representative they were.
void Model::spend_residents_budget(std::uint32_t b, std::int32_t tick) {
  BuurtState& buurt = state_.buurten[b];
  if (buurt.active() == 0 || buurt.residents_budget_pot <= 0) return;
  const double residents = std::max<double>(1, population_.buurten[b].resident_count);
  const double gain = scenario_.liveability.budget_gain_per_euro * buurt.residents_budget_pot / residents;
  double& part = buurt.liveability[kIssueLiveabilityPart[most_salient_issue(buurt)]];
  part = rules::clamp01(part + gain);
  decisions_.push_back({tick, b, "residents_budget", buurt.active(),
                        rules::representativeness(buurt.active_by_education, buurt.population_education_share),
                        true});
  buurt.residents_budget_pot = 0;
}

}  // namespace wijksim
