// The residents' phase: each resident, in parallel, updates its own slow variables, hears what
// its ties went through, may be invited, and decides to join, stay or leave (the CLEAR rule in
// rules.hpp). Intents are then applied in resident order, so joins and foundings are the same
// whatever the thread count.
#include <tbb/blocked_range.h>
#include <tbb/combinable.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <atomic>
#include <cmath>

#include "sim/core/calendar.hpp"
#include "sim/model/model.hpp"
#include "sim/model/rules.hpp"

namespace wijksim {

struct Model::TieScan {
  int ties = 0;
  int active = 0;
  int hearsay = 0;  // sum of ties' experience last tick, hundredths of trust
};

template <typename Visit>
void Model::for_each_activity_tie(std::uint32_t i, Visit&& visit) const {
  const std::uint32_t* slots = &state_.residents.activity_ties[std::size_t{i} * kActivityTieSlots];
  for (int s = 0; s < kActivityTieSlots; ++s)
    if (slots[s] != kNoTie) visit(slots[s]);
}

template <typename Visit>
void Model::for_each_tie(std::uint32_t i, Visit&& visit) const {
  const Network& net = population_.network;
  for (std::uint32_t e = net.offsets[i]; e < net.offsets[i + 1]; ++e) visit(net.targets[e]);
  for_each_activity_tie(i, visit);
}

// Network ties come pre-summed (spread_signals); only the few ties formed by joint activity are
// read here, and they mostly point into the same buurt.
Model::TieScan Model::scan_ties(std::uint32_t i, std::int32_t tick) const {
  const ResidentState& rs = state_.residents;
  const Network& net = population_.network;
  const TieSignal* last_tick = rs.signal[(tick + 1) & 1].data();
  TieScan scan{static_cast<int>(net.offsets[i + 1] - net.offsets[i]), rs.active_network_ties[i],
               rs.network_hearsay[i]};
  for_each_activity_tie(i, [&](std::uint32_t j) {
    ++scan.ties;
    scan.hearsay += last_tick[j].experience;
    scan.active += last_tick[j].activity != Activity::none;
  });
  return scan;
}

// Network ties are stored both ways, so the residents who see i are exactly i's own network
// ties. Only the residents whose signal changed this tick (a few percent) push the change; the
// sums are integers, so the order of the additions does not matter.
void Model::spread_signals(std::int32_t tick) {
  ResidentState& rs = state_.residents;
  const Network& net = population_.network;
  const TieSignal* now = rs.signal[tick & 1].data();
  const TieSignal* before = rs.signal[(tick + 1) & 1].data();
  const auto n = static_cast<std::uint32_t>(population_.size());
  tbb::parallel_for(tbb::blocked_range<std::uint32_t>(0, n, 16384), [&](const tbb::blocked_range<std::uint32_t>& range) {
    for (std::uint32_t i = range.begin(); i != range.end(); ++i) {
      const int active_change = (now[i].activity != Activity::none) - (before[i].activity != Activity::none);
      const int hearsay_change = now[i].experience - before[i].experience;
      if (active_change == 0 && hearsay_change == 0) continue;
      for (std::uint32_t e = net.offsets[i]; e < net.offsets[i + 1]; ++e) {
        const std::uint32_t j = net.targets[e];
        std::atomic_ref<std::int32_t>(rs.active_network_ties[j]).fetch_add(active_change, std::memory_order_relaxed);
        std::atomic_ref<std::int32_t>(rs.network_hearsay[j]).fetch_add(hearsay_change, std::memory_order_relaxed);
      }
    }
  });
}

std::uint32_t Model::ties_in_initiatives(std::uint32_t i) const {
  const ResidentState& rs = state_.residents;
  std::uint32_t count = 0;
  for_each_tie(i, [&](std::uint32_t j) { count += rs.activity[j] == Activity::initiative; });
  return count;
}

// An initiative that one of the resident's ties takes part in, drawn uniformly; -1 if none.
std::int32_t Model::initiative_of_a_tie(std::uint32_t i, RandomStream& rng) const {
  const ResidentState& rs = state_.residents;
  const std::uint32_t count = ties_in_initiatives(i);
  if (count == 0) return -1;
  std::uint32_t pick = rng.below(count);
  std::int32_t chosen = -1;
  for_each_tie(i, [&](std::uint32_t j) {
    if (rs.activity[j] != Activity::initiative) return;
    if (pick-- == 0) chosen = rs.activity_ref[j];
  });
  return chosen;
}

void Model::decide_residents(std::int32_t tick) {
  const std::size_t buurt_count = population_.buurten.size();
  tbb::combinable<TallyByBuurt> tally_by_thread([buurt_count] { return TallyByBuurt(buurt_count); });
  tbb::parallel_for(tbb::blocked_range<std::uint32_t>(0, static_cast<std::uint32_t>(population_.size()), 4096),
                    [&](const tbb::blocked_range<std::uint32_t>& range) {
                      decide_range(range.begin(), range.end(), tick, tally_by_thread.local());
                    });
  TallyByBuurt tally(buurt_count);
  std::array<std::int64_t, kChannelCount> sent_by_channel{};
  tally_by_thread.combine_each([&](const TallyByBuurt& local) {
    for (std::size_t b = 0; b < buurt_count; ++b) {
      for (int c = 0; c < kChannelCount; ++c) {
        tally[b].sent[c] += local[b].sent[c];
        sent_by_channel[c] += local[b].sent[c];
      }
      for (int e = 0; e < 3; ++e) tally[b].process_chance[e] += local[b].process_chance[e];
    }
  });
  const auto& price = scenario_.costs.per_invitation;
  for (int c = 0; c < kChannelCount; ++c) state_.totals.cost[cost_invitations] += sent_by_channel[c] * price[c];
  for (std::size_t b = 0; b < buurt_count; ++b) {
    BuurtState& buurt = state_.buurten[b];
    for (int c = 0; c < kChannelCount; ++c) buurt.spent += tally[b].sent[c] * price[c];
    if (buurt.open_process < 0) continue;
    Process& process = state_.processes[buurt.open_process];
    for (int e = 0; e < 3; ++e) process.expected_by_education[e] += tally[b].process_chance[e] * 0x1p-32;
  }
}

// Residents decide in batches whose first random blocks are computed together.
void Model::decide_range(std::uint32_t begin, std::uint32_t end, std::int32_t tick, TallyByBuurt& tally) {
  constexpr std::uint32_t kBatch = 64;
  const auto week = static_cast<std::uint32_t>(tick);
  std::array<std::array<std::uint32_t, 4>, kBatch> first_blocks;
  for (std::uint32_t batch = begin; batch < end; batch += kBatch) {
    RandomStream::first_blocks(scenario_.seed, replicate_, week, batch, Stream::decision, first_blocks);
    for (std::uint32_t i = batch; i != std::min(end, batch + kBatch); ++i) {
      RandomStream rng(scenario_.seed, replicate_, week, i, Stream::decision, first_blocks[i - batch]);
      decide_resident(i, tick, rng, tally[population_.residents.buurt[i]]);
    }
  }
}

namespace {

Channel draw_channel(const Levers& levers, double u) {
  double cumulative = 0;
  for (int c = 0; c < kChannelCount; ++c) {
    cumulative += levers.channel_mix[c];
    if (u < cumulative) return static_cast<Channel>(c);
  }
  return Channel::letter;
}

}  // namespace

struct Model::Invitation {
  double effect = 0;  // log-odds added to the decision: the best of this week's invitations
  bool to_process = false;
  bool by_tie = false;
};

// One resident's week: what became of their activity, how their slow variables move, who asks
// them, and whether and where they take part.
void Model::decide_resident(std::uint32_t i, std::int32_t tick, RandomStream& rng, WeekTally& tally) {
  ResidentState& rs = state_.residents;
  rs.signal[tick & 1][i].activity = rs.activity[i];
  rs.intent[i] = Intent::none;
  rs.invited_channel[i] = kNotInvited;

  const TieScan ties = scan_ties(i, tick);
  bool activity_over = false;
  const double experience = own_experience(i, tick, rng, activity_over);
  update_slow_variables(i, tick, ties, experience);
  hear_of_decision(i, tick);

  if (rs.activity[i] != Activity::none) {
    const double leave_multiplier =
        rs.activity[i] == Activity::initiative
            ? rules::answered(scenario_.initiatives.leave_multiplier, state_.initiatives[rs.activity_ref[i]].response)
            : 1.0;
    if (activity_over || rng.bernoulli(rules::leave_probability(scenario_.behaviour, rs.fatigue[i], leave_multiplier)))
      rs.intent[i] = Intent::leave;
    return;
  }
  const Invitation invitation = gather_invitations(i, tick, ties, rng, tally.sent);
  choose_activity(i, tick, ties, invitation, rng, tally);
}

// What the resident went through in their activity since last week (a trust change), and
// whether it is over for them.
double Model::own_experience(std::uint32_t i, std::int32_t tick, RandomStream& rng, bool& activity_over) {
  ResidentState& rs = state_.residents;
  const TrustParams& tp = scenario_.trust;
  const InitiativeParams& ip = scenario_.initiatives;
  double experience = 0;
  if (rs.activity[i] == Activity::initiative) {
    const Initiative& it = state_.initiatives[rs.activity_ref[i]];
    activity_over = it.outcome != InitiativeOutcome::active;
    if (it.answered_tick == tick - 1) {
      const rules::FeltAnswer felt = rules::felt_answer(tp, ip, static_cast<Response>(it.response));
      experience -= felt.trust_loss;
      rs.motivation[i] = std::max(0.0f, static_cast<float>(rs.motivation[i] - felt.motivation_loss));
      if (felt.dropout > 0 && rng.bernoulli(felt.dropout)) activity_over = true;
    }
    if (it.outcome == InitiativeOutcome::succeeded) experience += tp.success_gain;
    if (it.conditions_tick == tick - 1 && rs.capacity[i] < ip.burden_capacity_below && rng.bernoulli(ip.burden_dropout))
      activity_over = true;
  } else if (rs.activity[i] == Activity::process) {
    const Process& pr = state_.processes[rs.activity_ref[i]];
    if (pr.closed) {
      activity_over = true;
      experience += rules::process_experience(tp, pr.rung, pr.input_used);
    }
  }
  return experience;
}

// Trust follows experience and hearsay and drifts back to the resident's baseline; fatigue,
// skills and loneliness move with being active.
void Model::update_slow_variables(std::uint32_t i, std::int32_t tick, const TieScan& ties, double experience) {
  const Residents& who = population_.residents;
  ResidentState& rs = state_.residents;
  const BehaviourParams& p = scenario_.behaviour;
  const LiveabilityParams& lp = scenario_.liveability;
  const BuurtState& buurt = home_buurt(i);
  const bool dependent = rules::depends_on_services(who.age_group[i], who.tenure[i], who.flags[i]);
  float& trust = rs.trust[i];
  trust = static_cast<float>(rules::next_trust(scenario_.trust, trust, who.trust[i], buurt.neglect_felt[dependent],
                                               ties.hearsay / 100.0, experience));
  rs.signal[tick & 1][i].experience =
      static_cast<std::int8_t>(std::lround(std::clamp(experience * 100.0, -127.0, 127.0)));

  float& fatigue = rs.fatigue[i];
  float& capacity = rs.capacity[i];
  float& loneliness = rs.loneliness[i];
  if (rs.activity[i] != Activity::none) {
    rs.last_active_tick[i] = tick;
    fatigue = static_cast<float>(fatigue + p.fatigue_gain * (1.0 - fatigue));
    capacity = static_cast<float>(capacity + p.capacity_gain * (1.0 - capacity));
    loneliness = static_cast<float>(loneliness * (1.0 - lp.loneliness_tie_relief * lp.loneliness_activity_relief));
  } else {
    fatigue = static_cast<float>(fatigue * (1.0 - p.fatigue_recovery));
    loneliness = static_cast<float>(loneliness + lp.loneliness_drift * (who.loneliness[i] - loneliness));
  }
}

// A decision taken in the buurt this week reaches some of its residents; those of a group it
// left out lose trust (ODD 7.3, legitimacy). The draw has its own stream, so the decisions of the
// week do not shift the resident's other draws.
void Model::hear_of_decision(std::uint32_t i, std::int32_t tick) {
  const BuurtState& buurt = home_buurt(i);
  if (buurt.decision_tick != tick) return;
  const float loss = buurt.unrepresented_loss[population_.residents.education[i]];
  if (loss <= 0) return;
  RandomStream news(scenario_.seed, replicate_, static_cast<std::uint32_t>(tick), i, Stream::decision_news);
  if (!news.bernoulli(scenario_.legitimacy.heard_share)) return;
  float& trust = state_.residents.trust[i];
  trust = std::max(0.0f, trust - loss);
}

// Asked to: by the municipality's channels, a process that opens, a community worker, or a tie.
// The invitation that lands best counts.
Model::Invitation Model::gather_invitations(std::uint32_t i, std::int32_t tick, const TieScan& ties,
                                            RandomStream& rng, std::array<std::int64_t, kChannelCount>& sent) {
  const Residents& who = population_.residents;
  ResidentState& rs = state_.residents;
  const BehaviourParams& p = scenario_.behaviour;
  const InvitationParams& invitations = scenario_.invitations;
  const CommunityWorkerParams& workers = scenario_.community_workers;
  const BuurtState& buurt = home_buurt(i);
  const Levers& levers = *buurt.levers;
  float& capacity = rs.capacity[i];
  // Judged before this week's coaching: the community worker meets the resident as they were.
  const bool hard_to_reach = rules::is_hard_to_reach(workers, capacity, rs.trust[i]);
  Invitation invitation;
  auto offer = [&](Channel channel, bool to_process) {
    if (!rules::channel_reaches(channel, who.tenure[i], ties.active)) return;
    const double response =
        rules::channel_response(invitations, channel, who.education[i], who.age_group[i], who.migration[i],
                                hard_to_reach);
    const double effect = rules::invitation_effect(p, response, rs.weeks_since_asked[i]);
    if (effect > invitation.effect) invitation = {effect, to_process, false};
    rs.invited_channel[i] = static_cast<std::uint8_t>(channel);
  };
  const bool process_open = buurt.open_process >= 0;
  const double targeting =
      rules::targeting_weight(invitations, levers.targeting, who.education[i], who.migration[i], who.flags[i]);
  if (rng.bernoulli(buurt.invitation_probability * targeting)) {
    offer(draw_channel(levers, rng.uniform()), process_open);
    if (rs.invited_channel[i] != kNotInvited) ++sent[rs.invited_channel[i]];
  }
  if (process_open && buurt.process_opened_tick == tick) {
    const Process& pr = state_.processes[buurt.open_process];
    const double reach = pr.invitation == Targeting::uniform && !pr.extended
                             ? 1.0
                             : scenario_.processes.sample_share *
                                   rules::targeting_weight(invitations, pr.invitation, who.education[i],
                                                           who.migration[i], who.flags[i]);
    if (rng.bernoulli(reach)) {
      offer(Channel::letter, true);
      ++sent[static_cast<int>(Channel::letter)];
    }
  }
  const bool active_past_year = tick - rs.last_active_tick[i] < kTicksPerYear;
  const double contact_weight = rules::community_worker_contact_weight(workers, hard_to_reach, active_past_year);
  if (rng.bernoulli(buurt.community_worker_probability * contact_weight)) {
    offer(Channel::community_worker, process_open);
    capacity = static_cast<float>(rules::coached_capacity(workers, capacity));
  }
  if (ties.active > 0 &&
      rng.bernoulli(asked_by_ties_[std::min<std::size_t>(ties.active, asked_by_ties_.size() - 1)])) {
    offer(Channel::own_ties, false);
    invitation.by_tie = true;
  }
  if (rs.invited_channel[i] != kNotInvited) rs.weeks_since_asked[i] = 0;
  else if (rs.weeks_since_asked[i] < 0xFFFF) ++rs.weeks_since_asked[i];
  return invitation;
}

// The CLEAR decision, then where to (both rules in rules.hpp).
void Model::choose_activity(std::uint32_t i, std::int32_t tick, const TieScan& ties, const Invitation& invitation,
                            RandomStream& rng, WeekTally& tally) {
  const Residents& who = population_.residents;
  ResidentState& rs = state_.residents;
  const BehaviourParams& p = scenario_.behaviour;
  const BuurtState& buurt = home_buurt(i);
  const int profile = rules::stake_profile(who.age_group[i], who.tenure[i], who.flags[i]);
  const int issue = buurt.pressing_issue[profile];
  const double stake = buurt.pressing_stake[profile];
  const double active_share = ties.ties > 0 ? double(ties.active) / ties.ties : 0.0;
  const std::int32_t last_active = rs.last_active_tick[i];
  const double habit = last_active == kNeverActive ? 0.0 : habit_by_weeks_[tick - last_active];
  double asked = invitation.effect;
  if (invitation.to_process && buurt.open_process >= 0) {
    const Process& process = state_.processes[buurt.open_process];
    const double stake_in_issue = rules::issue_stakes(profile)[process.issue] * buurt.salience[process.issue];
    asked += rules::expected_influence_log_odds(p, scenario_.processes.input_use_by_rung[static_cast<int>(process.rung)],
                                                stake_in_issue);
  }
  const rules::JoinInputs inputs{rs.capacity[i], rs.motivation[i], stake, buurt.liveability_mean, active_share,
                                 rs.trust[i], rs.fatigue[i], asked, habit};
  const double join_log_odds = rules::join_log_odds(p, inputs);
  const std::vector<std::int32_t>& on_issue = buurt.initiatives_on_issue[issue];
  const bool can_found = rules::can_found(p, rs.capacity[i], rs.motivation[i] + stake);
  if (buurt.open_process >= 0) {
    // The mix the process draws, for the legitimacy rule: this resident's chance of joining it.
    const bool tie_asks_to_initiative = invitation.by_tie && !invitation.to_process && ties_in_initiatives(i) > 0;
    const rules::WhereToInputs path{invitation.to_process, true, tie_asks_to_initiative, false, 0.0, can_found};
    const double covered = rules::sight_covered(static_cast<int>(on_issue.size()), buurt.initiative_in_sight);
    const double chance = logistic(join_log_odds) * rules::process_chance_if_joining(p, path, covered);
    tally.process_chance[who.education[i]] += static_cast<std::int64_t>(chance * 0x1p32);
  }
  if (!rng.bernoulli_logit(join_log_odds)) return;

  const std::int32_t tie_initiative = invitation.by_tie ? initiative_of_a_tie(i, rng) : -1;
  const int seen =
      rules::initiative_seen(static_cast<int>(on_issue.size()), buurt.initiative_in_sight, rng.uniform());
  const rules::WhereToInputs where{invitation.to_process,
                                   buurt.open_process >= 0,
                                   tie_initiative >= 0,
                                   seen >= 0,
                                   buurt.walk_in_rate,
                                   can_found};
  const rules::WhereToDraws draws{rng.uniform(), rng.uniform()};
  auto intend = [&](Intent intent, std::int32_t ref) {
    rs.intent[i] = intent;
    rs.intent_ref[i] = ref;
  };
  rules::Destination destination = rules::where_to(p, where, draws);
  int neighbours = rules::neighbours_founding(p, where, buurt.street_weight, draws.founding);
  const bool to_the_issue = destination == rules::Destination::walk_in || destination == rules::Destination::found;
  // The professionals' offer draws them instead: one draw for the resident and those they stand for.
  if ((to_the_issue || neighbours > 0) && buurt.professionals_on(issue, tick) &&
      rng.uniform() < scenario_.initiatives.competition_crowding) {
    if (to_the_issue) destination = rules::Destination::nowhere;
    neighbours = 0;
  }
  // At most 255 groups a week from one resident's neighbours: `reach` would have to exceed 1,700
  // times the buurt's residents at the highest founding_rate.
  if (neighbours > 0) rs.neighbours_founding[i] = static_cast<std::uint8_t>(std::min(neighbours, 255));
  switch (destination) {
    case rules::Destination::nowhere: break;
    case rules::Destination::process: intend(Intent::join_process, buurt.open_process); break;
    case rules::Destination::tie_initiative: intend(Intent::join_initiative, tie_initiative); break;
    case rules::Destination::walk_in: intend(Intent::join_initiative, on_issue[seen]); break;
    case rules::Destination::found: intend(Intent::found_initiative, issue); break;
  }
}

void Model::apply_intents(std::int32_t tick) {
  ResidentState& rs = state_.residents;
  const std::uint32_t n = static_cast<std::uint32_t>(population_.size());
  let_neighbours_leave(tick);
  for (std::uint32_t i = 0; i < n; ++i) {
    for (; rs.neighbours_founding[i] > 0; --rs.neighbours_founding[i]) found_by_neighbour(i, tick);
    switch (rs.intent[i]) {
      case Intent::none: break;
      case Intent::leave: leave_activity(i); break;
      case Intent::join_initiative:
        join_initiative(i, rs.intent_ref[i]);
        bring_neighbours(i, rs.intent_ref[i]);
        break;
      case Intent::join_process: join_process(i, rs.intent_ref[i]); break;
      case Intent::found_initiative:
        found_initiative(i, rs.intent_ref[i], tick);
        break;
    }
    if (rs.intent[i] == Intent::none) continue;
    rs.signal[tick & 1][i].activity = rs.activity[i];
    if (rs.activity[i] != Activity::none) rs.last_active_tick[i] = tick;
  }
}

// Each founder starts a group of their own: they founded because no group on the issue was in
// sight.
void Model::found_initiative(std::uint32_t i, int issue, std::int32_t tick) {
  join_initiative(i, open_initiative(population_.residents.buurt[i], issue, tick));
}

// A neighbour from the street outside the buurt founds the group (rules::neighbours_founding); the
// resident who stands for them stays where they were.
void Model::found_by_neighbour(std::uint32_t i, std::int32_t tick) {
  const Residents& who = population_.residents;
  const BuurtState& buurt = home_buurt(i);
  // The resident's pressing issue as phase 3 read it: it changes only in phase 1.
  const int issue = buurt.pressing_issue[rules::stake_profile(who.age_group[i], who.tenure[i], who.flags[i])];
  Initiative& it = state_.initiatives[open_initiative(who.buurt[i], issue, tick)];
  add_neighbours(it, i, 1.0);
  it.last_joiner = i;
}

// A resident of a buurt below one street who joined one of its initiatives stands for
// street_weight - 1 neighbours like them in the street outside it, who join as well
// (Initiative::neighbours). An initiative of another buurt, joined through a tie, is not their street's.
void Model::bring_neighbours(std::uint32_t i, std::int32_t index) {
  Initiative& it = state_.initiatives[index];
  const double others = home_buurt(i).street_weight - 1.0;
  if (others > 0 && it.buurt == population_.residents.buurt[i] && state_.residents.activity_ref[i] == index)
    add_neighbours(it, i, others);
}

// `count` neighbours like resident i (their capacity, motivation and fatigue) join the initiative.
void Model::add_neighbours(Initiative& it, std::uint32_t i, double count) {
  const ResidentState& rs = state_.residents;
  it.neighbour_fatigue = (it.neighbour_fatigue * it.neighbours + count * rs.fatigue[i]) / (it.neighbours + count);
  it.neighbours += count;
  it.neighbour_capacity += count * rs.capacity[i];
  it.neighbour_motivation += count * rs.motivation[i];
  if (rs.capacity[i] < scenario_.initiatives.burden_capacity_below) {
    it.neighbours_below_burden += count;
    it.neighbour_capacity_below_burden += count * rs.capacity[i];
  }
}

std::int32_t Model::open_initiative(std::uint32_t b, int issue, std::int32_t tick) {
  BuurtState& buurt = state_.buurten[b];
  Initiative it;
  it.buurt = b;
  it.issue = static_cast<std::uint8_t>(issue);
  it.founded_tick = tick;
  it.momentum = scenario_.initiatives.momentum_start;
  it.street_share = rules::street_share(scenario_.initiatives, population_.buurten[b].resident_count);
  const auto index = static_cast<std::int32_t>(state_.initiatives.size());
  buurt.initiatives_on_issue[issue].push_back(index);
  active_initiatives_.push_back(index);
  state_.initiatives.push_back(it);
  ++state_.totals.founded;
  return index;
}

void Model::leave_activity(std::uint32_t i) {
  ResidentState& rs = state_.residents;
  BuurtState& buurt = home_buurt(i);
  if (rs.activity[i] == Activity::initiative) {
    Initiative& it = state_.initiatives[rs.activity_ref[i]];
    --it.members;
    it.member_capacity = std::max(0.0f, it.member_capacity - rs.capacity[i]);
    it.member_motivation = std::max(0.0f, it.member_motivation - rs.motivation[i]);
    if (it.last_joiner == i && state_.buurten[it.buurt].street_weight <= 1.0) it.last_joiner = kNoTie;
  } else if (rs.activity[i] == Activity::process) {
    --state_.processes[rs.activity_ref[i]].current;
  }
  --buurt.active_by_education[population_.residents.education[i]];
  rs.activity[i] = Activity::none;
  rs.activity_ref[i] = -1;
}

void Model::join_initiative(std::uint32_t i, std::int32_t index) {
  Initiative& it = state_.initiatives[index];
  if (it.outcome != InitiativeOutcome::active) return;
  ResidentState& rs = state_.residents;
  rs.activity[i] = Activity::initiative;
  rs.activity_ref[i] = index;
  ++home_buurt(i).active_by_education[population_.residents.education[i]];
  ++it.members;
  it.peak_members = std::max(it.peak_members, it.members);
  it.member_capacity += rs.capacity[i];
  it.member_motivation += rs.motivation[i];
  if (it.last_joiner != kNoTie && it.last_joiner != i) form_tie(i, it.last_joiner);
  it.last_joiner = i;
}

void Model::join_process(std::uint32_t i, std::int32_t index) {
  Process& pr = state_.processes[index];
  if (pr.closed) return;
  ResidentState& rs = state_.residents;
  const std::uint8_t education = population_.residents.education[i];
  rs.activity[i] = Activity::process;
  rs.activity_ref[i] = index;
  ++home_buurt(i).active_by_education[education];
  ++pr.participants;
  ++pr.current;
  ++pr.participants_by_education[education];
}

// Joint activity leaves a tie; it relieves loneliness on both sides.
void Model::form_tie(std::uint32_t a, std::uint32_t b) {
  ResidentState& rs = state_.residents;
  for (std::uint32_t self : {a, b}) {
    const std::uint32_t other = self == a ? b : a;
    std::uint32_t* slots = &rs.activity_ties[self * kActivityTieSlots];
    std::copy_backward(slots, slots + kActivityTieSlots - 1, slots + kActivityTieSlots);
    slots[0] = other;
    rs.loneliness[self] = static_cast<float>(rs.loneliness[self] * (1.0 - scenario_.liveability.loneliness_tie_relief));
  }
  ++state_.totals.ties_formed;
  if (population_.residents.education[a] != population_.residents.education[b]) ++state_.totals.bridging_ties;
}

}  // namespace wijksim
