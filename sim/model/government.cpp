// The municipality's phase: it pays for its levers, sets how many residents it reaches, opens
// and closes government processes (burgerparticipatie), puts residents' budgets to a vote and runs
// the professional activities it competes with initiatives by.
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

// Every euro is booked twice: by lever for the municipality's totals, by buurt for the maps.
void Model::spend(std::uint32_t buurt, CostLever lever, double euro) {
  state_.totals.cost[lever] += euro;
  state_.buurten[buurt].spent += euro;
}

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
    spend(b, cost_community_workers, hours * cost.community_worker_hour);
    spend(b, cost_maintenance, levers.maintenance * cost.maintenance_per_resident_week * residents);
    const double budget = levers.residents_budget / 52.0 * residents;
    buurt.residents_budget_pot += budget;
    spend(b, cost_residents_budget, budget);
    if (tick > 0 && tick % scenario_.liveability.budget_period_ticks == 0) hold_budget_vote(b, tick);
    open_or_close_process(b, tick);
    run_professional_activities(b, tick);
  }
}

void Model::open_or_close_process(std::uint32_t b, std::int32_t tick) {
  BuurtState& buurt = state_.buurten[b];
  const Levers& levers = *buurt.levers;
  if (buurt.open_process >= 0) {
    Process& process = state_.processes[buurt.open_process];
    spend(b, cost_processes,
          process.current * scenario_.costs.process_per_participant_week[static_cast<int>(process.rung)]);
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
  spend(b, cost_processes, scenario_.costs.process_fixed * population_.buurten[b].spec.sample_share);
}

// A decision that fails the representativeness rule is postponed once, with a targeted round of
// invitations; after that the municipality decides with whoever came.
void Model::close_process(Process& process, std::int32_t tick) {
  BuurtState& buurt = state_.buurten[process.buurt];
  process.representativeness =
      rules::representativeness(rules::as_counts(process.participants_by_education), buurt.population_education_share);
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
  const double judged =
      process.participants > 0 ? announce_decision(buurt, process.expected_by_education, tick) : 0.0;
  decisions_.push_back({.tick = tick,
                        .buurt = process.buurt,
                        .kind = kRungNames[static_cast<int>(process.rung)],
                        .participants = process.participants,
                        .representativeness = process.representativeness,
                        .judged_representativeness = judged,
                        .input_used = process.input_used});
}

// Residents hear of a decision in the week it is taken (Model::hear_of_decision); the groups an
// unjust decision under-represented lose trust (rules::unrepresented_loss). They judge it by the mix
// of residents it draws (each resident's chance of taking part), not by who happened to come: a
// process of ten is judged as one of a hundred with the same draw would be (ODD 7.3). Returns the
// representativeness it is judged by.
double Model::announce_decision(BuurtState& buurt, const std::array<double, 3>& drawn_by_education, std::int32_t tick) {
  const double drawn = drawn_by_education[0] + drawn_by_education[1] + drawn_by_education[2];
  if (drawn <= 0) return 0.0;
  const double representativeness = rules::representativeness(drawn_by_education, buurt.population_education_share);
  buurt.decision_tick = tick;
  for (int e = 0; e < 3; ++e)
    buurt.unrepresented_loss[e] = static_cast<float>(rules::unrepresented_loss(
        scenario_.legitimacy, representativeness, drawn_by_education[e] / drawn, buurt.population_education_share[e]));
  return representativeness;
}

// The residents' budget is put to a vote. Proposals: one on the buurt's most salient issue, and one
// from each issue an initiative of the buurt works on. Every resident is invited by letter and
// votes with the chance rules::vote_log_odds gives, for the proposal rules::budget_vote_choice
// picks; the proposal with the most votes gets the pot, which raises its part of liveability.
// When nobody votes, the pot waits for the next round. Being invited to vote does not count as
// being asked to take part (weeks_since_asked is left alone).
void Model::hold_budget_vote(std::uint32_t b, std::int32_t tick) {
  BuurtState& buurt = state_.buurten[b];
  if (buurt.residents_budget_pot <= 0) return;
  const Buurt& where = population_.buurten[b];
  const Residents& who = population_.residents;
  const ResidentState& rs = state_.residents;
  const BehaviourParams& p = scenario_.behaviour;
  std::array<bool, kIssueTypeCount> proposed{};
  proposed[most_salient_issue(buurt)] = true;
  for (int k = 0; k < kIssueTypeCount; ++k) proposed[k] = proposed[k] || !buurt.initiatives_on_issue[k].empty();
  std::array<int, rules::kStakeProfileCount> choice_by_profile{};
  std::array<double, rules::kStakeProfileCount> stake_by_profile{};
  for (int profile = 0; profile < rules::kStakeProfileCount; ++profile) {
    choice_by_profile[profile] = rules::budget_vote_choice(profile, buurt.salience, proposed);
    stake_by_profile[profile] = rules::issue_stakes(profile)[choice_by_profile[profile]] * buurt.salience[choice_by_profile[profile]];
  }
  BudgetVote vote{tick, b, static_cast<std::int32_t>(std::count(proposed.begin(), proposed.end(), true)), -1, 0, {}, {}};
  std::array<std::int32_t, kIssueTypeCount> votes{};
  std::array<std::int32_t, 3> voters_by_education{};
  std::array<double, 3> vote_chance_by_education{};
  for (std::uint32_t i = where.first_resident; i < where.first_resident + where.resident_count; ++i) {
    const auto groups = group_indices(who.education[i], who.age_group[i], who.migration[i], who.tenure[i],
                                      (who.flags[i] & kLowIncome) != 0);
    for (int g : groups) ++vote.eligible_by_group[g];
    RandomStream rng(scenario_.seed, replicate_, static_cast<std::uint32_t>(tick), i, Stream::vote);
    const int profile = rules::stake_profile(who.age_group[i], who.tenure[i], who.flags[i]);
    const double letter = rules::channel_response(scenario_.invitations, Channel::letter, who.education[i],
                                                  who.age_group[i], who.migration[i], false);
    const double invitation = rules::invitation_effect(p, letter, rs.weeks_since_asked[i]);
    const double log_odds = rules::vote_log_odds(p, scenario_.liveability.budget_vote_intercept, rs.capacity[i],
                                                 rs.motivation[i], stake_by_profile[profile], rs.trust[i], invitation);
    vote_chance_by_education[who.education[i]] += logistic(log_odds);
    if (!rng.bernoulli_logit(log_odds)) continue;
    for (int g : groups) ++vote.voted_by_group[g];
    ++voters_by_education[who.education[i]];
    ++votes[choice_by_profile[profile]];
  }
  spend(b, cost_residents_budget, where.resident_count * scenario_.costs.per_invitation[static_cast<int>(Channel::letter)]);
  const auto winner = std::max_element(votes.begin(), votes.end());
  if (*winner > 0) {
    vote.choice = static_cast<std::int32_t>(winner - votes.begin());
    vote.choice_votes = *winner;
    const double residents = std::max<double>(1, where.resident_count);
    double& part = buurt.liveability[kIssueLiveabilityPart[vote.choice]];
    part = rules::clamp01(part + scenario_.liveability.budget_gain_per_euro * buurt.residents_budget_pot / residents);
    const double representativeness = rules::representativeness(rules::as_counts(voters_by_education), buurt.population_education_share);
    const double judged = announce_decision(buurt, vote_chance_by_education, tick);
    decisions_.push_back({.tick = tick,
                          .buurt = b,
                          .kind = "residents_budget",
                          .participants = vote.voted(),
                          .representativeness = representativeness,
                          .judged_representativeness = judged,
                          .input_used = true});
    buurt.residents_budget_pot = 0;
  }
  budget_votes_.push_back(vote);
}

}  // namespace wijksim
