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

// Life course: the time a stage of life leaves for taking part, added to starting capacity (which
// stands for time as well as skills). Paid work takes the week at working age (25-64), young
// children take more of it, retirement frees it at 65+.
inline double life_course_time(const AttributeParams& p, std::uint8_t age_group, std::uint8_t flags) {
  if (age_group == kSeniorAgeGroup) return p.capacity_senior_bonus;
  if (age_group == kYoungAdultAgeGroup) return 0.0;
  return -p.capacity_working_age_penalty - ((flags & kParent) ? p.capacity_parent_penalty : 0.0);
}

// Life course: attachment to the buurt, added to starting motivation. Young adults (15-24) are
// likely to move on soon, so the buurt's future is less theirs.
inline double life_course_attachment(const AttributeParams& p, std::uint8_t age_group) {
  return age_group == kYoungAdultAgeGroup ? -p.motivation_young_adult_penalty : 0.0;
}

// Community workers seek out residents with little capacity or little trust.
inline bool is_hard_to_reach(const CommunityWorkerParams& p, double capacity, double trust) {
  return capacity < p.hard_to_reach_below || trust < p.hard_to_reach_below;
}

// How often a community worker meets a resident, relative to the buurt's contact chance: they
// seek out the hard to reach, but they also keep meeting those already active, in the community
// centre and the initiatives they support (the civic support paradox, Tonkens & Verhoeven 2019).
inline double community_worker_contact_weight(const CommunityWorkerParams& p, bool hard_to_reach,
                                              bool active_past_year) {
  if (hard_to_reach) return p.hard_to_reach_contact_weight;
  return active_past_year ? p.active_contact_weight : p.others_contact_weight;
}

// How well an invitation through a channel lands with a resident (multiplies its effect).
// By default letters and online forms favour the higher educated and the young; door-to-door and
// community workers reach everyone, community workers especially the hard to reach. Letters and
// online forms are written in Dutch, so they land less where Dutch is not the first language;
// spoken channels (a visit, a worker, a tie) have no such factor. Every invitation, a process's
// extension round included, goes through this one rule.
inline double channel_response(const InvitationParams& p, Channel channel, std::uint8_t education,
                               std::uint8_t age_group, std::uint8_t migration, bool hard_to_reach) {
  switch (channel) {
    case Channel::letter:
      return p.letter_response_by_education[education] * p.written_response_by_migration[migration];
    case Channel::online:
      return p.online_response_by_education[education] * p.online_response_by_age[age_group] *
             p.written_response_by_migration[migration];
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
  double habit;             // 1 just after being active, fading to 0 (rules::habit)
};

// The CLEAR decision: weekly log-odds of starting to take part (the chance is its logistic,
// drawn by RandomStream::bernoulli_logit).
inline double join_log_odds(const BehaviourParams& p, const JoinInputs& in) {
  return p.intercept + p.capacity_weight * in.capacity +
         p.motivation_weight * (in.motivation + p.liveability_weight * (in.liveability - 0.5)) +
         p.stake_weight * in.stake + p.peer_weight * in.active_tie_share +
         p.trust_weight * (in.trust - 0.5) - p.fatigue_weight * in.fatigue + in.invitation +
         p.habit_weight * in.habit;
}

// Habit and identity: having taken part makes taking part again likelier, an effect that fades
// with the weeks since one was last active (1 right after, 0 for the never active).
inline double habit(const BehaviourParams& p, std::int32_t weeks_since_active) {
  return weeks_since_active < 0 ? 0.0 : std::exp(-weeks_since_active / p.habit_memory_weeks);
}

// The chance that at least one of `active_ties` ties taking part asks the resident this week.
inline double asked_by_ties_probability(const BehaviourParams& p, int active_ties) {
  return 1.0 - std::pow(1.0 - p.tie_ask_rate, active_ties);
}

// A member's weekly chance to stop: tiredness, and how the municipality answered their initiative
// (support keeps members on; `leave_multiplier` is 1 for processes and before an answer).
inline double leave_probability(const BehaviourParams& p, double fatigue, double leave_multiplier) {
  return clamp01((p.leave_base + p.leave_fatigue * fatigue) * leave_multiplier);
}

inline bool can_found(const BehaviourParams& p, double capacity, double motivation_with_stake) {
  return capacity >= p.founding_capacity && motivation_with_stake >= p.founding_capacity;
}

// Issues arise more often where the matching part of liveability is low, and public-space and
// care issues also where the municipality cuts the services behind them (the bins are emptied less
// often, the day centre closes): residents raise their voice about a cut they see.
inline double issue_arrival_probability(const IssueParams& p, const NeglectParams& n, int issue,
                                        double liveability_part, double maintenance) {
  const bool cut_is_seen = issue == static_cast<int>(IssueType::public_space) ||
                           issue == static_cast<int>(IssueType::social_care);
  const double cut = cut_is_seen ? std::max(0.0, 1.0 - maintenance) : 0.0;
  return clamp01(p.arrival_rate *
                 (1.0 + p.low_liveability_boost * (1.0 - liveability_part) + n.service_cut_issue_boost * cut));
}

// Residents who lean on public services: those with a low income, a health limitation, aged 65+,
// or renting from a housing corporation. They feel a cut in services most.
inline bool depends_on_services(std::uint8_t age_group, std::uint8_t tenure, std::uint8_t flags) {
  return (flags & (kLowIncome | kHealthLimitation)) || age_group == kSeniorAgeGroup ||
         tenure == static_cast<std::uint8_t>(Tenure::social_rent);
}

// How far a municipality that cuts services and lets the buurt decline lowers the trust a resident
// returns to (the baseline of rules::next_trust): the cut is felt fully by those who depend on
// services and in part by the others; the buurt's lost liveability since the start by everyone.
// Where residents cannot take over (rules::structural_liveability), the buurt declines more and
// the loss is larger: most in vulnerable buurten.
inline double neglect_felt(const NeglectParams& n, bool dependent, double maintenance,
                           double liveability_lost) {
  const double cut = std::max(0.0, 1.0 - maintenance);
  const double felt_cut = dependent ? 1.0 : n.service_cut_felt_by_others;
  return n.service_cut_loss * cut * felt_cut + n.decline_loss * std::max(0.0, liveability_lost);
}

// Trust follows one's own experience and ties' hearsay, and drifts back to a baseline: the
// starting trust, lowered by the neglect the resident feels.
inline double next_trust(const TrustParams& p, double trust, double starting_trust, double neglect,
                         double hearsay, double experience) {
  const double baseline = starting_trust - neglect;
  return clamp01(trust + p.drift * (baseline - trust) + p.hearsay_weight * hearsay + experience);
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

// A buurt's starting liveability: as the scenario gives it for an archetype, at the structural
// level of its vulnerability for a real buurt (which gives none).
inline std::array<double, kLiveabilityPartCount> starting_liveability(const LiveabilityParams& p,
                                                                      const BuurtSpec& buurt) {
  return buurt.liveability.value_or(starting_liveability(p, buurt.vulnerability));
}

// Residents can take over the municipality's tasks only by doing them: looking after public space
// or caring for neighbours. Consultation or a youth club does not empty the bins.
inline bool takes_over_maintenance(int issue) {
  return issue == static_cast<int>(IssueType::public_space) || issue == static_cast<int>(IssueType::social_care);
}

// The level liveability drifts to: set by vulnerability, lowered when maintenance is cut unless
// residents take over (in proportion to the share of residents in initiatives that do the work,
// rules::takes_over_maintenance).
inline double structural_liveability(const LiveabilityParams& p, double vulnerability,
                                     double maintenance, double takeover_share) {
  const double base = structural_level(p, vulnerability);
  const double takeover = std::min(1.0, takeover_share / p.takeover_share);
  return clamp01(base - p.withdrawal_penalty * (1.0 - maintenance) * (1.0 - takeover));
}

// The chance a resident has a given initiative of their buurt in sight: the buurt is divided into
// the whole number of streets or blocks nearest to residents / `reach` (at least one), and an
// initiative is in sight of one of them. Rounding to the nearest count keeps streets near `reach`
// residents; rounding up made a buurt of 450 two streets of 225, where smaller groups fizzle sooner
// and more are founded per resident (docs/data.md, *Scale*). A sampled buurt (CBS `scale`) is
// simulated as the smaller buurt it is.
inline double initiative_in_sight(const InitiativeParams& p, double residents) {
  return 1.0 / std::max(1.0, std::round(residents / p.reach));
}

// A buurt smaller than a street (fewer residents than `reach`) is part of a street that reaches
// beyond it: into the neighbouring buurten for a hamlet or a corner of a block, into the residents a
// CBS sample leaves out. Its initiatives are the street's: each of its residents stands for
// reach / residents of the street's residents like them, who found, join and leave as they do.
// 1 in a buurt of a street or more, whose streets lie within it.
inline double street_weight(const InitiativeParams& p, double residents) {
  return std::max(1.0, p.reach / std::max(1.0, residents));
}

// The buurt's share of one of its initiatives (1 / rules::street_weight): what it counts for among
// the buurt's initiatives and what of its subsidy the buurt pays; the rest is the street's outside.
inline double street_share(const InitiativeParams& p, double residents) {
  return 1.0 / street_weight(p, residents);
}

// The chance that one of `count` initiatives on the resident's issue is in sight, each with chance
// `in_sight`: their streets do not overlap until together they cover the buurt.
inline double sight_covered(int count, double in_sight) {
  return count <= 0 ? 0.0 : std::min(1.0, count * in_sight);
}

// Which of them the resident sees: an index (each equally likely), or -1 when none is in sight.
// `draw` is uniform on [0, 1).
inline int initiative_seen(int count, double in_sight, double draw) {
  const double covered = sight_covered(count, in_sight);
  if (draw >= covered) return -1;
  return std::min(count - 1, static_cast<int>(draw / covered * count));
}

// Where a resident who decided to take part goes. In order: the open process they were invited
// to; the initiative of a tie who asked; walking in to an initiative on their pressing issue that
// is in sight (a would-be joiner who does not walk in waits a week); founding a new initiative
// when none is in sight; the open process; nowhere. A large buurt thus has several groups on one
// issue, each drawing on its own street or block, until they cover the buurt.
enum class Destination : std::uint8_t { nowhere, process, tie_initiative, walk_in, found };

struct WhereToInputs {
  bool invited_to_process;
  bool process_open;
  bool tie_initiative;       // a tie who asked takes part in an initiative
  bool initiative_in_sight;  // rules::initiative_seen found one
  double walk_in_rate;       // the buurt's, after its community centre
  bool can_found;            // rules::can_found
};

// The draws are uniform on [0, 1), drawn by the caller whatever the outcome.
struct WhereToDraws {
  double walk_in, founding;
};

// Whether the resident gets as far as founding: not bound for a process they were invited to or a
// tie's initiative, none in sight, and able to found.
inline bool reaches_founding(const WhereToInputs& in) {
  return !(in.invited_to_process && in.process_open) && !in.tie_initiative && !in.initiative_in_sight && in.can_found;
}

inline Destination where_to(const BehaviourParams& p, const WhereToInputs& in, const WhereToDraws& u) {
  if (in.invited_to_process && in.process_open) return Destination::process;
  if (in.tie_initiative) return Destination::tie_initiative;
  if (in.initiative_in_sight) return u.walk_in < in.walk_in_rate ? Destination::walk_in : Destination::nowhere;
  if (reaches_founding(in) && u.founding < p.founding_rate) return Destination::found;
  return in.process_open ? Destination::process : Destination::nowhere;
}

// The chance that a resident who decides to take part goes to the buurt's open process: where_to
// with its draws averaged out. `sight_covered` is the chance that one of the buurt's initiatives on
// the resident's issue is in sight (rules::sight_covered), `tie_initiative` whether a tie who asked
// them takes part in an initiative. The legitimacy rule sums it, times the chance of deciding to
// take part, into the mix a process draws (ODD 7.3).
inline double process_chance_if_joining(const BehaviourParams& p, const WhereToInputs& in, double sight_covered) {
  if (!in.process_open) return 0.0;
  if (in.invited_to_process) return 1.0;
  if (in.tie_initiative) return 0.0;
  return (1.0 - sight_covered) * (in.can_found ? 1.0 - p.founding_rate : 1.0);
}

// In a buurt below one street, a resident who would found if the draw allowed (can_found, nothing in
// sight) stands for `street_weight` - 1 others in the street outside the buurt in the same position,
// each of whom founds a group of their own with `founding_rate`, as the residents of a full street do:
// together with the resident, street_weight x founding_rate groups on average. The whole number
// nearest below or above it (as few groups at once as a street whose would-be founders come one at a
// time), read off the resident's founding draw so that the resident founds exactly when where_to says
// so; this returns the groups founded by the others. 0 where the weight is 1.
inline int neighbours_founding(const BehaviourParams& p, const WhereToInputs& in, double street_weight,
                               double founding_draw) {
  if (street_weight <= 1.0 || !reaches_founding(in)) return 0;
  const int groups = static_cast<int>(street_weight * p.founding_rate + (1.0 - founding_draw));
  return std::max(0, groups - (founding_draw < p.founding_rate ? 1 : 0));
}

// What a group of `members` can do, against a large group: each member adds less than the one
// before (the work is carried by a few, coordination costs). 0 without members, 1/2 at
// half_strength_members, towards 1 for a large group; independent of the buurt's size.
inline double group_strength(const InitiativeParams& p, double members) {
  return members <= 0 ? 0.0 : members / (members + p.half_strength_members);
}

// How members take the municipality's answer to their request, the week after it is given: the
// trust and the motivation they lose (the latter for good), and their chance of giving up.
// Obstruction hurts most; being ignored, "nobody responded", hurts less; support and a subsidy,
// with or without conditions, cost neither (their effect runs through the initiative's fate), nor
// does competition, which blocks nobody and crowds the group out instead (rules::salience_left_by_professionals).
struct FeltAnswer {
  double trust_loss = 0, motivation_loss = 0, dropout = 0;
};
inline FeltAnswer felt_answer(const TrustParams& trust, const InitiativeParams& p, Response response) {
  switch (response) {
    case Response::ignore: return {trust.ignored_loss, p.ignored_motivation_loss, 0.0};
    case Response::obstruct: return {trust.obstruction_loss, p.obstruction_motivation_loss, p.obstruction_dropout};
    default: return {};
  }
}

// The factor a municipal answer puts on an initiative's progress, drive or members' leaving
// (`by_response` one of InitiativeParams' per-response arrays); 1 before any answer.
inline double answered(const std::array<double, kResponseCount>& by_response, int response) {
  return response < 0 ? 1.0 : by_response[response];
}

// Momentum follows the issue's salience times the members' energy (their mean motivation) and
// the group's strength, with a lag; the municipality's answer feeds or starves the drive. When the
// issue fades, so does the group.
inline double next_momentum(const InitiativeParams& p, double momentum, double salience, double energy,
                            double members, int response) {
  const double drive = salience * energy * group_strength(p, members) * answered(p.momentum_multiplier, response);
  return p.momentum_decay * momentum + (1.0 - p.momentum_decay) * drive;
}

// The share of what an initiative needs for its plan that a subsidy of `subsidy` euro covers.
inline double subsidy_coverage(const InitiativeParams& p, double subsidy) {
  return p.subsidy_need > 0 ? std::min(1.0, subsidy / p.subsidy_need) : 1.0;
}

// What the municipality's answer does to the pace of the work. Money speeds it in proportion to the
// share of the need it covers (`coverage`, 0 when none was paid): too little leaves the group
// working at the pace of an unfunded one. Conditions take part of the members' time (reporting,
// accounts) whatever the amount; obstruction and the answer's other effects act through
// progress_multiplier.
inline double answered_progress(const InitiativeParams& p, int response, double coverage) {
  if (response < 0) return 1.0;
  const double money = 1.0 + p.subsidy_progress_gain * coverage;
  const double burden = response == static_cast<int>(Response::conditional_subsidy) ? 1.0 - p.conditions_burden : 1.0;
  return p.progress_multiplier[response] * money * burden;
}

// Progress an initiative makes in a week: its strength times its members' mean capacity, helped
// or hindered by the municipality's answer (rules::answered_progress) and by community workers
// (hours per 1,000 residents).
inline double initiative_progress(const InitiativeParams& p, double members, double mean_capacity, double answer_factor,
                                  double community_worker_hours_per_1000) {
  constexpr double kHoursUnit = 10.0;  // community_worker_support is given per 10 weekly hours
  return group_strength(p, members) * mean_capacity * answer_factor *
         (1.0 + p.community_worker_support * community_worker_hours_per_1000 / kHoursUnit);
}

// Competition by professionals (Response::compete): while the municipality or a welfare
// organisation runs its own activity on an issue, it takes a share `competition_crowding` of what
// draws residents to the issue: the salience that drives the initiatives on it, and the would-be
// walk-ins and founders, who go to the professional offer as clients instead.
inline double salience_left_by_professionals(const InitiativeParams& p, double salience, bool professionals_active) {
  return professionals_active ? salience * (1.0 - p.competition_crowding) : salience;
}

// The liveability a success adds to its part: its street or block's worth (initiative_in_sight), spread
// over the buurt.
inline double success_liveability_gain(const InitiativeParams& p, double residents, double cofunding) {
  return p.success_liveability_gain * initiative_in_sight(p, residents) * cofunding;
}

// What a resident invited to a process expects to gain from joining: the chance its input is used
// (set by the rung) times the resident's stake in the process's issue. Influence draws those with
// a stake; an `inform` meeting, whose input is never used, draws only by the invitation itself.
inline double expected_influence_log_odds(const BehaviourParams& p, double input_use, double stake_in_issue) {
  return p.influence_weight * input_use * stake_in_issue;
}

// A participant's trust change when their process closes: having had a say (every rung above
// inform) raises it a little (the voice effect), input that was used raises it, input that was
// asked for and not used lowers it.
inline double process_experience(const TrustParams& p, Rung rung, bool input_used) {
  if (rung == Rung::inform) return 0.0;
  return p.voice_gain + (input_used ? p.used_input_gain : -p.neutralised_loss);
}

// The residents' budget vote: a resident invited to vote (`invitation`, as for joining) weighs
// the same capacity, motivation, trust and stake as a decision to take part, but voting costs far
// less time, which `budget_vote_intercept` expresses.
inline double vote_log_odds(const BehaviourParams& p, double vote_intercept, double capacity, double motivation,
                            double stake, double trust, double invitation) {
  return vote_intercept + p.capacity_weight * capacity + p.motivation_weight * motivation + p.stake_weight * stake +
         p.trust_weight * (trust - 0.5) + invitation;
}

// A voter votes for the proposal on the issue that concerns them most now: the highest stake times
// salience among the issues proposed (`proposed`), the first in issue order on a tie; -1 if none.
inline int budget_vote_choice(int profile, const std::array<double, kIssueTypeCount>& salience,
                              const std::array<bool, kIssueTypeCount>& proposed) {
  const auto stakes = issue_stakes(profile);
  int best = -1;
  double best_value = -1;
  for (int k = 0; k < kIssueTypeCount; ++k) {
    if (!proposed[k]) continue;
    const double value = stakes[k] * salience[k];
    if (value > best_value) { best_value = value; best = k; }
  }
  return best;
}

inline std::array<double, 3> as_counts(const std::array<std::int32_t, 3>& people) {
  return {double(people[0]), double(people[1]), double(people[2])};
}

// Representativeness of a group of participants (counts of people, or expected counts): 1 minus the
// dissimilarity between their education mix and the population's.
inline double representativeness(const std::array<double, 3>& participants,
                                 const std::array<double, 3>& population_share) {
  const double total = participants[0] + participants[1] + participants[2];
  if (total <= 0) return 0.0;
  double dissimilarity = 0;
  for (int e = 0; e < 3; ++e) dissimilarity += std::abs(participants[e] / total - population_share[e]);
  return 1.0 - 0.5 * dissimilarity;
}

// Legitimacy, after Ahn & Lee's procedural-injustice rule (others' attitude drops when a powerful
// group holds more than 30% of the resources among an issue's participants): a decision whose
// participants differ from the buurt by more than `tolerated_dissimilarity` (1 − representativeness)
// is unjust in the eyes of each education group it under-represents. A resident of such a group who
// hears of it loses trust in proportion to how far the group fell short of its share: all of
// `trust_loss` for a group that was not there at all, none for a group at or above its share.
inline double unrepresented_loss(const LegitimacyParams& p, double representativeness, double participant_share,
                                 double population_share) {
  if (1.0 - representativeness <= p.tolerated_dissimilarity || population_share <= 0) return 0.0;
  return p.trust_loss * std::max(0.0, 1.0 - participant_share / population_share);
}

}  // namespace wijksim::rules
