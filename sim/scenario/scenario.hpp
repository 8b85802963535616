#pragma once
// A validated, fully resolved scenario: everything the engine needs, with defaults filled in.
// The defaults written here are the only defaults: the loader, the JSON Schema and
// docs/scenarios.md are all derived from this struct through the parameter registry.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/attributes.hpp"

namespace wijksim {

enum class Role : std::uint8_t { top_down, responsive, inviting, withdrawing, kaleidoscopic };
inline constexpr std::array<const char*, 5> kRoleNames{"top_down", "responsive", "inviting",
                                                       "withdrawing", "kaleidoscopic"};

// The participation ladder (burgerparticipatie).
enum class Rung : std::uint8_t { inform, consult, advise, co_produce, co_decide };
inline constexpr std::array<const char*, 5> kRungNames{"inform", "consult", "advise",
                                                       "co_produce", "co_decide"};

enum class Channel : std::uint8_t {
  letter,
  online,
  door_to_door,
  housing_corporation,
  community_worker,
  own_ties
};
inline constexpr int kChannelCount = 6;
inline constexpr std::array<const char*, kChannelCount> kChannelNames{
    "letter", "online", "door_to_door", "housing_corporation", "community_worker", "own_ties"};

enum class Targeting : std::uint8_t { uniform, under_represented };
inline constexpr std::array<const char*, 2> kTargetingNames{"uniform", "under_represented"};

// How the municipality answers an initiative that asks for support. `compete`: the municipality
// or a welfare organisation starts an activity of its own on the same issue (ODD 7.6).
enum class Response : std::uint8_t { support, conditional_subsidy, ignore, obstruct, compete };
inline constexpr int kResponseCount = 5;
inline constexpr std::array<const char*, kResponseCount> kResponseNames{
    "support", "conditional_subsidy", "ignore", "obstruct", "compete"};

// Issue types and the liveability part each one moves.
inline constexpr int kIssueTypeCount = 5;
inline constexpr std::array<const char*, kIssueTypeCount> kIssueTypeNames{
    "public_space", "safety", "social_care", "youth", "housing"};
inline constexpr int kLiveabilityPartCount = 3;
inline constexpr std::array<const char*, kLiveabilityPartCount> kLiveabilityPartNames{
    "physical", "safety", "social"};
inline constexpr std::array<int, kIssueTypeCount> kIssueLiveabilityPart{0, 1, 2, 2, 0};
enum class IssueType : std::uint8_t { public_space, safety, social_care, youth, housing };

// Shares of a buurt's residents aged 15 and over.
struct Composition {
  std::array<double, 4> age_group{0.14, 0.33, 0.31, 0.22};     // 15-24, 25-44, 45-64, 65+
  std::array<double, 3> education{0.28, 0.40, 0.32};           // low, middle, high
  std::array<double, 3> migration_background{0.76, 0.10, 0.14};  // dutch, western, non_western
  std::array<double, 3> tenure{0.57, 0.13, 0.30};              // owner, private_rent, social_rent
  double low_income = 0.08;
  double health_limitation = 0.12;
  double household_size = 1.8;  // mean residents aged 15+ per household
  double households_with_children = 0.30;
};

// One concrete buurt, from an archetype or from CBS data.
struct BuurtSpec {
  std::string code;
  std::string name;
  std::string wijk;
  std::string gemeente;  // lifeworld ties stay within it; empty for a synthetic municipality
  std::string type;  // the archetype, or "cbs" for buurten read from data
  int residents = 0;
  double vulnerability = 0.5;  // 0 vital .. 1 most vulnerable
  Composition composition;
  // Where each field of `composition` came from, in declaration order (kCompositionFields in
  // sim/core/attributes.hpp): "own row", "gemeente in <file>", ... (docs/data.md).
  std::array<std::string, kCompositionFields.size()> composition_source{"scenario", "scenario", "scenario", "scenario",
                                                "scenario", "scenario", "scenario", "scenario"};
  // The starting level of each part of liveability; none for real buurten, which start at the
  // structural level of their vulnerability (rules::starting_liveability, applied by the model).
  std::optional<std::array<double, kLiveabilityPartCount>> liveability;
  bool community_centre = true;
  // The share of the real buurt's residents that is simulated (`municipality.cbs.scale`; 1 for
  // archetypes). Quantities fixed per buurt are scaled by it, so that a sample costs and does
  // per resident what the whole buurt would.
  double sample_share = 1.0;
};

// An archetype of the synthetic municipality, expanded into `count` buurten.
struct BuurtType {
  std::string name;
  int count = 1;
  int residents = 1500;
  double vulnerability = 0.5;
  Composition composition;
  std::array<double, kLiveabilityPartCount> liveability{0.6, 0.6, 0.6};
  bool community_centre = true;
};

// Distributions of the residents' starting capacity, motivation, trust and loneliness.
struct AttributeParams {
  double capacity_base = 0.45;
  std::array<double, 3> capacity_by_education{-0.04, 0.0, 0.0};
  double capacity_health_penalty = 0.15;
  double capacity_low_income_penalty = 0.05;
  double capacity_spread = 0.12;
  double motivation_base = 0.40;
  double motivation_owner_bonus = 0.08;
  double motivation_senior_bonus = 0.05;
  double motivation_spread = 0.15;
  // Life course (ODD 5 and 7.11): the time and attachment a stage of life leaves for taking part.
  double capacity_working_age_penalty = 0.03;    // ages 25-64: paid work takes the week
  double capacity_parent_penalty = 0.05;         // parents of children under 15, of working age
  double capacity_senior_bonus = 0.05;           // 65+: time freed by retirement
  double motivation_young_adult_penalty = 0.05;  // 15-24: weaker attachment to a buurt they may soon leave
  double trust_base = 0.58;
  double trust_vulnerability_penalty = 0.20;
  std::array<double, 3> trust_by_education{-0.085, 0.0, 0.085};  // CBS: +17 pp in trust in civil servants, lowest to highest
  std::array<double, 3> trust_by_migration{0.0, 0.0, 0.0};  // dutch, western, non_western: no net gap (ODD 7.11)
  double trust_spread = 0.12;
  double loneliness_base = 0.25;
  double loneliness_senior_bonus = 0.10;
  double loneliness_single_bonus = 0.15;
  double loneliness_spread = 0.15;
};

struct NetworkParams {
  double neighbour_ties = 4.0;  // mean ties to others in the same buurt, per resident
  double lifeworld_ties = 2.0;  // mean ties to residents of other buurten, per resident
  double homophily = 0.7;       // chance a tie is drawn from the same age group, education and migration background
};

// The CLEAR decision to take part (weekly log-odds).
struct BehaviourParams {
  double intercept = -8.6;
  double capacity_weight = 3.0;
  double motivation_weight = 3.0;
  double stake_weight = 1.5;       // times the salience of the live issue the resident cares about
  double liveability_weight = 1.0;  // attachment: nicer buurten motivate more
  double peer_weight = 2.5;        // times the share of one's ties taking part
  double trust_weight = 1.5;       // times (trust - 0.5)
  double fatigue_weight = 3.0;
  double invitation_weight = 2.2;  // log-odds added by an invitation that lands
  double asked_saturation = 0.6;   // how much of the invitation effect is lost by the often asked
  double asked_memory_weeks = 26.0;  // time scale on which being asked is forgotten
  double tie_ask_rate = 0.01;      // weekly chance that an active tie asks you
  double influence_weight = 2.0;   // log-odds per unit of expected influence on an issue one has a stake in
  double leave_base = 0.02;        // weekly chance to stop, before fatigue
  double leave_fatigue = 0.10;
  double fatigue_gain = 0.02;      // per active week
  double fatigue_recovery = 0.05;  // share recovered per inactive week
  double capacity_gain = 0.004;    // per active week, towards 1
  double founding_capacity = 0.55; // capacity and motivation needed to found an initiative
  double founding_rate = 0.15;     // chance a would-be joiner founds when no initiative is near
  double habit_weight = 2.0;       // log-odds added for having been active just now (habit, identity)
  double habit_memory_weeks = 26.0; // time scale on which that habit fades
};

// How invitations land: the response to each channel by group, and whom targeting favours.
struct InvitationParams {
  std::array<double, 3> letter_response_by_education{0.4, 0.8, 1.2};  // low, middle, high
  std::array<double, 3> online_response_by_education{0.5, 1.0, 1.2};
  std::array<double, 4> online_response_by_age{1.2, 1.1, 0.8, 0.4};  // times the education factor
  double door_to_door_response = 1.3;
  double housing_corporation_response = 1.1;
  double community_worker_response_hard_to_reach = 1.6;
  double community_worker_response_others = 1.1;
  double own_ties_response = 1.5;
  // Further factor on letters and online invitations, written in Dutch, by migration background.
  std::array<double, 3> written_response_by_migration{1.0, 0.9, 0.7};  // dutch, western, non_western
  std::array<double, 3> targeting_by_education{1.8, 1.0, 0.5};
  double targeting_non_western_or_low_income = 1.3;  // extra factor on the education weight
};

// Community workers seek out the hard to reach and coach whom they contact.
struct CommunityWorkerParams {
  double contacts_per_hour = 2.0;
  double hard_to_reach_below = 0.4;  // capacity or trust below this makes a resident hard to reach
  double hard_to_reach_contact_weight = 2.0;  // factor on the contact chance
  double others_contact_weight = 0.5;
  double active_contact_weight = 2.0;  // for the already active (past year): the civic support paradox
  double coaching = 0.02;  // share of the gap to capacity 1 closed per contact
};

struct IssueParams {
  double arrival_rate = 0.01;        // weekly chance per buurt and issue type at liveability 1
  double low_liveability_boost = 4.0;  // arrival multiplier grows to 1 + boost at liveability 0
  double salience_decay = 0.93;      // weekly
};

struct InitiativeParams {
  double momentum_start = 0.5;
  double momentum_decay = 0.9;        // weekly: momentum follows its target with a lag of about 10 weeks
  double dissolve_below = 0.1;
  double half_strength_members = 4.0; // members at which a group does half of what a large one does
  double goal = 25.0;                 // progress needed: weeks of work by a large group of capacity 1
  int request_support_after = 3;      // ticks after founding
  double walk_in_rate = 0.25;         // chance a would-be joiner not asked by a member walks in
  double no_centre_walk_in_factor = 0.5;  // walk-ins without a community centre to meet in
  // Besides the money (subsidy_* below): recognition and the answer's other effects.
  std::array<double, kResponseCount> progress_multiplier{1.0, 1.0, 1.0, 0.3, 1.0};
  std::array<double, kResponseCount> momentum_multiplier{1.4, 1.2, 1.0, 0.2, 1.0};
  std::array<double, kResponseCount> leave_multiplier{0.7, 0.85, 1.0, 1.0, 1.0};
  double subsidy_need = 2000.0;          // euro an initiative needs for its plan
  double subsidy_progress_gain = 0.6;    // extra progress when the need is fully covered
  double conditions_burden = 0.125;      // share of the members' work the subsidy's conditions take
  int competition_weeks = 26;            // how long a competing professional activity runs
  double competition_crowding = 0.5;     // share of the issue's draw the professional activity takes
  double conditions_refusal = 0.3;    // chance an initiative refuses a conditional subsidy
  double burden_dropout = 0.4;        // chance a low-capacity member leaves under conditions
  double burden_capacity_below = 0.4;  // members below this capacity may leave under conditions
  double obstruction_momentum_loss = 0.8;  // share of momentum lost at the moment of obstruction
  double obstruction_motivation_loss = 0.2;  // lasting loss of motivation for obstructed members
  double obstruction_dropout = 0.5;  // chance a member gives up when the municipality obstructs
  double ignored_motivation_loss = 0.05;  // lasting loss of motivation for members whose request was ignored
  double success_liveability_gain = 0.02;  // in a buurt of one street (ODD 7.4, In sight)
  double reach = 400.0;               // residents within sight of one initiative (a street or block)
  double community_worker_support = 0.3;  // progress bonus per 10 weekly hours per 1,000 residents
};

struct ProcessParams {
  int duration_ticks = 8;
  std::array<double, 5> input_use_by_rung{0.0, 0.35, 0.55, 0.75, 0.9};
  double used_input_liveability_gain = 0.02;
  double sample_share = 0.3;  // invited share under a random-sample invitation strategy
};

struct TrustParams {
  double used_input_gain = 0.06;
  double neutralised_loss = 0.10;
  double obstruction_loss = 0.20;
  double ignored_loss = 0.05;   // members of an initiative whose request was ignored
  double success_gain = 0.04;
  double voice_gain = 0.03;      // having had a say in a process (every rung but inform)
  double hearsay_weight = 0.2;  // share of each tie's experience passed on
  double drift = 0.005;         // weekly pull towards the starting level
};

// How residents feel a municipality that cuts services and lets their buurt decline
// (rules::neglect_felt, rules::issue_arrival_probability).
struct NeglectParams {
  double service_cut_loss = 0.25;         // baseline trust lost by a resident who depends on services, at maintenance 0
  double service_cut_felt_by_others = 0.4;  // share of that loss felt by residents who do not depend on them
  double decline_loss = 1.0;              // baseline trust lost per unit of liveability lost since the start
  double service_cut_issue_boost = 2.0;   // public-space and care issues arise 1 + this as often at maintenance 0
};

// Legitimacy that feeds back (rules::unrepresented_loss): residents of a group a decision left
// out lose trust when they hear of it.
struct LegitimacyParams {
  double tolerated_dissimilarity = 0.3;  // a decision is unjust above this (Ahn & Lee's 30%)
  double trust_loss = 0.10;              // trust lost by a resident of a group left out entirely
  double heard_share = 0.3;              // share of the buurt that hears of a decision in its week
};

struct LiveabilityParams {
  double structural_vital = 0.80;       // structural level at vulnerability 0
  double structural_vulnerable = 0.40;  // at vulnerability 1
  double adjustment_rate = 0.01;        // weekly share of the gap to the structural level closed
  double withdrawal_penalty = 0.25;     // structural loss at zero maintenance, unless residents take over
  double takeover_share = 0.05;         // participation share at which residents fully take over
  double budget_gain_per_euro = 0.0008;  // per euro per resident spent by residents' budget
  int budget_period_ticks = 26;         // residents vote on their budget twice a year
  double budget_vote_intercept = -7.6;  // log-odds of voting, before the CLEAR effects
  double corporation_cofunding = 0.5;   // extra physical gain per social-rent share
  double loneliness_tie_relief = 0.05;
  double loneliness_activity_relief = 0.2;  // per active week, as a share of loneliness_tie_relief
  double loneliness_drift = 0.01;
};

struct CostParams {
  std::array<double, kChannelCount> per_invitation{2.0, 0.5, 25.0, 5.0, 0.0, 1.0};
  double community_worker_hour = 65.0;
  std::array<double, 5> process_per_participant_week{5.0, 10.0, 15.0, 25.0, 30.0};
  double process_fixed = 2500.0;  // per process opened
  double professional_activity_week = 1000.0;  // a competing professional activity, per week
  double maintenance_per_resident_week = 3.0;  // baseline maintenance and services
};

// The levers the municipality pulls. A role preset is a bundle of these; a scenario overrides any.
struct Levers {
  double invitation_reach = 0.0;  // share of residents the municipality invites per year
  std::array<double, kChannelCount> channel_mix{1, 0, 0, 0, 0, 0};
  Targeting targeting = Targeting::uniform;
  double processes_per_year = 0.0;  // per buurt
  Rung rung = Rung::consult;
  Targeting process_invitation = Targeting::uniform;
  double representativeness_threshold = 0.0;
  std::array<double, kResponseCount> initiative_response{0, 0, 1, 0, 0};
  double subsidy = 0.0;  // euro per supported initiative
  double community_worker_hours_per_1000 = 0.0;  // per 1,000 residents per week
  double residents_budget = 0.0;        // euro per resident per year
  double maintenance = 1.0;             // spending on maintenance and services, 1 = baseline
};

struct RolePlan {
  Role role = Role::responsive;
  Levers levers;
};

struct Government {
  Role role = Role::responsive;
  double kaleidoscopic_threshold = 0.65;  // vulnerability from which kaleidoscopic invites: the most vulnerable third
  // The levers of each buurt are resolved by levers_for_buurt() in roles.hpp.
  RolePlan plan;  // the role's preset with the scenario's overrides applied
  RolePlan vulnerable_plan;  // kaleidoscopic only: the plan for buurten at or above the threshold
};

// Real buurten read from a CBS "Kerncijfers wijken en buurten" table instead of archetypes.
struct CbsSelection {
  std::string file;  // resolved against the scenario file's folder
  // Further KWB tables (resolved like `file`) that fill in what the main file lacks, by the
  // nearest-detail order of docs/data.md.
  std::vector<std::string> detail;
  std::vector<std::string> gemeenten;  // codes such as "GM0344"; empty selects all
  std::vector<std::string> wijken;     // codes such as "WK034408"
  std::vector<std::string> buurten;    // codes such as "BU03440831"
  double scale = 1.0;  // share of each buurt's residents to simulate (for quick runs)
  // Buurt boundaries for the report's maps (resolved like `file`); only the analysis reads them.
  std::string boundaries;
};

struct OutputParams {
  int every_ticks = 1;
};

// An issue that a scenario makes arise at a given week, e.g. a school that closes: its salience
// jumps to `salience` in the chosen buurten, as if it had arisen there by chance.
struct IssueEvent {
  int tick = 0;
  IssueType issue = IssueType::youth;
  double salience = 1.0;
  std::vector<std::string> buurten;  // buurt, wijk or gemeente codes, or archetype names; empty: all
};

// Whether `place` (as named in an issue event) is this buurt, its wijk or its gemeente. An
// archetype's name is the wijk of its buurten.
inline bool place_includes(const std::string& place, const BuurtSpec& buurt) {
  return place == buurt.code || place == buurt.wijk || place == buurt.gemeente;
}

struct Scenario {
  std::string name = "unnamed";
  std::string description;
  std::uint64_t seed = 1;
  int replicates = 1;
  int horizon_ticks = 520;
  std::vector<BuurtType> buurt_types;
  std::optional<CbsSelection> cbs;   // when set, buurten come from CBS data, not buurt_types
  std::vector<BuurtSpec> buurten;  // expanded from buurt_types or read from CBS data
  AttributeParams attributes;
  NetworkParams network;
  BehaviourParams behaviour;
  InvitationParams invitations;
  CommunityWorkerParams community_workers;
  IssueParams issues;
  InitiativeParams initiatives;
  ProcessParams processes;
  TrustParams trust;
  NeglectParams neglect;
  LegitimacyParams legitimacy;
  LiveabilityParams liveability;
  CostParams costs;
  Government government;
  OutputParams output;
  std::vector<IssueEvent> issue_events;
  std::vector<std::string> data_notes;  // fallbacks taken while reading CBS data
  std::string source_file;     // the file the scenario was loaded from
  std::string resolved_json;   // the fully resolved scenario, as written to result files
};

// Residents aged 15+ over all the scenario's buurten.
inline std::size_t total_residents(const Scenario& scenario) {
  std::size_t n = 0;
  for (const BuurtSpec& b : scenario.buurten) n += static_cast<std::size_t>(b.residents);
  return n;
}

}  // namespace wijksim
