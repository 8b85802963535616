#pragma once
// The model's behavioural rules as small pure functions: what a social scientist reads to know
// what the model assumes. Scheduling, parallelism and bookkeeping live elsewhere (model.cpp).
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

#include "sim/core/attributes.hpp"
#include "sim/scenario/scenario.hpp"

namespace wijksim::rules {

inline double clamp01(double x) { return std::clamp(x, 0.0, 1.0); }

// Residents fall into eight stake profiles (senior or not, owner or renter, parent or not);
// the profile decides which issue types they have a stake in, and how strongly (0..1).
inline constexpr int kStakeProfileCount = 8;
inline int stake_profile(std::uint8_t age_group, std::uint8_t tenure, std::uint8_t flags) {
  return (age_group == kSeniorAgeGroup ? 4 : 0) +
         (tenure == static_cast<std::uint8_t>(Tenure::owner) ? 2 : 0) + ((flags & kParent) ? 1 : 0);
}

// Everyone cares somewhat about public space and safety; parents about youth, seniors about
// social care, renters about housing, owners about public space.
inline std::array<double, kIssueTypeCount> issue_stakes(int profile) {
  std::array<double, kIssueTypeCount> stake{0.5, 0.5, 0.2, 0.2, 0.2};
  if (profile & 1) stake[3] = 1.0;
  if (profile & 4) stake[2] = 1.0;
  if (profile & 2) stake[0] = 1.0;
  else stake[4] = 1.0;
  return stake;
}

// Community workers seek out residents with little capacity or little trust.
inline bool is_hard_to_reach(const CommunityWorkerParams& p, double capacity, double trust) {
  return capacity < p.hard_to_reach_below || trust < p.hard_to_reach_below;
}

// How well an invitation through a channel lands with a resident (multiplies its effect).
// By default letters and online forms favour the higher educated and the young; door-to-door and
// community workers reach everyone, community workers especially the hard to reach.
inline double channel_response(const InvitationParams& p, Channel channel, std::uint8_t education,
                               std::uint8_t age_group, bool hard_to_reach) {
  switch (channel) {
    case Channel::letter: return p.letter_response_by_education[education];
    case Channel::online:
      return p.online_response_by_education[education] * p.online_response_by_age[age_group];
    case Channel::door_to_door: return p.door_to_door_response;
    case Channel::housing_corporation: return p.housing_corporation_response;
    case Channel::community_worker:
      return hard_to_reach ? p.community_worker_response_hard_to_reach : p.community_worker_response_others;
    case Channel::own_ties: return p.own_ties_response;
  }
  return 1.0;
}

// Whether a channel can reach a resident at all: the corporation only reaches its tenants,
// the own-ties channel only residents who know someone taking part.
inline bool channel_reaches(Channel channel, std::uint8_t tenure, int active_ties) {
  if (channel == Channel::housing_corporation)
    return tenure == static_cast<std::uint8_t>(Tenure::social_rent);
  if (channel == Channel::own_ties) return active_ties > 0;
  return true;
}

// Targeted invitations weigh the groups that take part least more heavily.
inline double targeting_weight(const InvitationParams& p, Targeting targeting, std::uint8_t education,
                               std::uint8_t migration, std::uint8_t flags) {
  if (targeting == Targeting::uniform) return 1.0;
  double weight = p.targeting_by_education[education];
  if (migration == 2 || (flags & kLowIncome)) weight *= p.targeting_non_western_or_low_income;
  return weight;
}

// Being asked often wears off: the effect of an invitation shrinks for the recently asked.
inline double invitation_effect(const BehaviourParams& p, double response,
                                std::uint16_t weeks_since_asked) {
  const double recently_asked = std::exp(-weeks_since_asked / p.asked_memory_weeks);
  return p.invitation_weight * response * (1.0 - p.asked_saturation * recently_asked);
}

// A community worker's contact coaches: capacity closes part of its gap to 1.
inline double coached_capacity(const CommunityWorkerParams& p, double capacity) {
  return capacity + p.coaching * (1.0 - capacity);
}

struct JoinInputs {
  double capacity;
  double motivation;        // baseline attachment and civic norm
  double stake;             // stake times salience of the most pressing live issue
  double liveability;       // of the resident's buurt, 0..1
  double active_tie_share;  // share of ties taking part
  double trust;
  double fatigue;
  double invitation;        // log-odds from invitations this tick (0 if none)
};

// The CLEAR decision: weekly log-odds of starting to take part (the chance is its logistic,
// drawn by RandomStream::bernoulli_logit).
inline double join_log_odds(const BehaviourParams& p, const JoinInputs& in) {
  return p.intercept + p.capacity_weight * in.capacity +
         p.motivation_weight * (in.motivation + p.liveability_weight * (in.liveability - 0.5)) +
         p.stake_weight * in.stake + p.peer_weight * in.active_tie_share +
         p.trust_weight * (in.trust - 0.5) - p.fatigue_weight * in.fatigue + in.invitation;
}

// The chance that at least one of `active_ties` ties taking part asks the resident this week.
inline double asked_by_ties_probability(const BehaviourParams& p, int active_ties) {
  return 1.0 - std::pow(1.0 - p.tie_ask_rate, active_ties);
}

inline double leave_probability(const BehaviourParams& p, double fatigue) {
  return clamp01(p.leave_base + p.leave_fatigue * fatigue);
}

inline bool can_found(const BehaviourParams& p, double capacity, double motivation_with_stake) {
  return capacity >= p.founding_capacity && motivation_with_stake >= p.founding_capacity;
}

// Issues arise more often where the matching part of liveability is low.
inline double issue_arrival_probability(const IssueParams& p, double liveability_part) {
  return clamp01(p.arrival_rate * (1.0 + p.low_liveability_boost * (1.0 - liveability_part)));
}

// The structural level of liveability at full maintenance: set by vulnerability alone.
inline double structural_level(const LiveabilityParams& p, double vulnerability) {
  return p.structural_vital + (p.structural_vulnerable - p.structural_vital) * vulnerability;
}

// Every part of a real buurt's liveability starts at its structural level, so that the buurt does
// not drift at the start of a run; KWB has nothing that separates the parts.
inline std::array<double, kLiveabilityPartCount> starting_liveability(const LiveabilityParams& p,
                                                                      double vulnerability) {
  std::array<double, kLiveabilityPartCount> liveability{};
  liveability.fill(structural_level(p, vulnerability));
  return liveability;
}

// The level liveability drifts to: set by vulnerability, lowered when maintenance is cut unless
// residents take over (in proportion to how many take part).
inline double structural_liveability(const LiveabilityParams& p, double vulnerability,
                                     double maintenance, double active_share) {
  const double base = structural_level(p, vulnerability);
  const double takeover = std::min(1.0, active_share / p.takeover_share);
  return clamp01(base - p.withdrawal_penalty * (1.0 - maintenance) * (1.0 - takeover));
}

// Progress an initiative makes in a week: its members' capacity, helped or hindered by the
// municipality's answer and by community workers.
inline double initiative_progress(const InitiativeParams& p, double member_capacity,
                                  int response, double community_worker_hours) {
  const double answer = response < 0 ? 1.0 : p.progress_multiplier[response];
  return member_capacity * answer * (1.0 + p.community_worker_support * community_worker_hours / 10.0);
}

// Representativeness of a group of participants: 1 minus the dissimilarity between their
// education mix and the population's.
inline double representativeness(const std::array<std::int32_t, 3>& participants,
                                 const std::array<double, 3>& population_share) {
  const double total = participants[0] + participants[1] + participants[2];
  if (total <= 0) return 0.0;
  double dissimilarity = 0;
  for (int e = 0; e < 3; ++e) dissimilarity += std::abs(participants[e] / total - population_share[e]);
  return 1.0 - 0.5 * dissimilarity;
}

}  // namespace wijksim::rules
