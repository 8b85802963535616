#pragma once
// The changing state of one replicate: residents' dynamic columns, buurten, initiatives and
// government processes. The static population (attributes, network) lives in Population.
#include <array>
#include <cstdint>
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace wijksim {

enum class Activity : std::uint8_t { none = 0, initiative = 1, process = 2 };

// What a resident decided in the parallel phase; applied in resident order afterwards.
enum class Intent : std::uint8_t { none = 0, leave, join_initiative, found_initiative, join_process };

// What a tie can see of a resident: whether they take part, and the trust change from their own
// experience this tick (in hundredths), which they pass on.
struct TieSignal {
  Activity activity = Activity::none;
  std::int8_t experience = 0;
};

inline constexpr std::uint8_t kNotInvited = 0xFF;
inline constexpr std::int32_t kNeverActive = -1'000'000;
inline constexpr int kActivityTieSlots = 2;  // ties formed by joint activity, newest kept
inline constexpr std::uint32_t kNoTie = 0xFFFFFFFFu;

struct ResidentState {
  std::vector<float> capacity;
  std::vector<float> motivation;
  std::vector<float> trust;
  std::vector<float> fatigue;
  std::vector<float> loneliness;
  std::vector<Activity> activity;         // written only when intents are applied
  std::vector<std::int32_t> activity_ref; // initiative or process index, -1 when none
  // What ties see of a resident, as of the end of a tick: [tick % 2] is written during the tick,
  // [(tick + 1) % 2] holds last tick's. Packed together because ties are scattered in memory.
  std::array<std::vector<TieSignal>, 2> signal;
  // Last tick's signals summed over each resident's network ties, kept up to date by pushing
  // the few signals that changed to their ties, instead of every resident reading all its ties.
  std::vector<std::int32_t> active_network_ties;
  std::vector<std::int32_t> network_hearsay;  // hundredths of trust
  std::vector<std::int32_t> last_active_tick;  // kNeverActive if never
  std::vector<std::uint16_t> weeks_since_asked;
  std::vector<std::uint8_t> invited_channel;  // this tick's invitation, kNotInvited if none
  std::vector<Intent> intent;
  std::vector<std::int32_t> intent_ref;       // initiative, process or issue the intent refers to
  // How many of those the resident stands for in the street outside a small buurt found an
  // initiative on the resident's pressing issue this tick (rules::neighbours_founding); cleared
  // when applied.
  std::vector<std::uint8_t> neighbours_founding;
  std::vector<std::uint32_t> activity_ties;   // kActivityTieSlots per resident
};

enum class InitiativeOutcome : std::uint8_t { active, succeeded, dissolved, obstructed, refused_conditions, crowded_out };
inline constexpr std::array<const char*, 6> kInitiativeOutcomeNames{
    "active", "succeeded", "dissolved", "obstructed", "refused_conditions", "crowded_out"};

struct Initiative {
  std::uint32_t buurt = 0;
  std::uint8_t issue = 0;
  std::int32_t founded_tick = 0;
  std::int32_t ended_tick = -1;
  std::int32_t members = 0;             // simulated residents taking part
  std::int32_t peak_members = 0;
  // In a buurt below one street, members from the street outside it, as the expected number that
  // the residents who joined stand for (rules::street_weight), with their summed capacity and
  // motivation, mean fatigue, and how many of them a conditions burden can make leave. None
  // elsewhere. Strength, energy and capacity count them with the simulated members.
  double neighbours = 0;
  double neighbour_capacity = 0, neighbour_motivation = 0, neighbour_fatigue = 0;
  double neighbours_below_burden = 0, neighbour_capacity_below_burden = 0;  // capacity as they joined
  double street_share = 1;             // the buurt's share of the initiative (rules::street_share)
  // The next joiner forms a tie with this member. In a buurt below one street the joiner before
  // them was most likely a neighbour from outside, whom the last resident to join (or to stand for
  // the founder) stands for, so the tie goes to that resident, whether still a member or not.
  std::uint32_t last_joiner = kNoTie;
  float member_capacity = 0;           // sum of members' capacity when they joined
  float member_motivation = 0;         // sum of members' motivation when they joined (their energy)
  double momentum = 0;
  double progress = 0;
  int response = -1;  // index into kResponseNames once answered, -1 before
  bool refused_subsidy = false;
  float subsidy_coverage = 0;          // share of its need the subsidy paid covers (rules::subsidy_coverage)
  std::int32_t conditions_tick = -1;   // members face the burden on the tick after this
  std::int32_t obstructed_tick = -1;
  std::int32_t answered_tick = -1;     // members feel the answer (rules::felt_answer) on the tick after this
  InitiativeOutcome outcome = InitiativeOutcome::active;
};

struct Process {
  std::uint32_t buurt = 0;
  std::uint8_t issue = 0;
  Rung rung = Rung::consult;
  Targeting invitation = Targeting::uniform;
  std::int32_t opened_tick = 0;
  std::int32_t closes_tick = 0;
  bool extended = false;
  bool closed = false;
  bool input_used = false;
  std::int32_t participants = 0;       // everyone who took part at some point
  std::int32_t current = 0;            // taking part now
  std::array<std::int32_t, 3> participants_by_education{};
  // The mix it draws: per education level, the residents' weekly chances of joining it, summed
  // over the weeks it is open (what the legitimacy rule judges, ODD 7.3).
  std::array<double, 3> expected_by_education{};
  double representativeness = 0;
};

struct BuurtState {
  std::array<double, kLiveabilityPartCount> liveability{};
  std::array<double, kLiveabilityPartCount> liveability_start{};
  std::array<double, kIssueTypeCount> salience{};
  // Per issue, the active initiatives, oldest first: each draws on its own street or block.
  std::array<std::vector<std::int32_t>, kIssueTypeCount> initiatives_on_issue;
  // Per stake profile (rules::stake_profile): the live issue that presses most, and how much.
  std::array<std::uint8_t, 8> pressing_issue{};
  std::array<float, 8> pressing_stake{};
  double liveability_mean = 0;
  double liveability_start_mean = 0;
  // rules::neglect_felt this tick, for residents who do not [0] and who do [1] depend on services.
  std::array<float, 2> neglect_felt{};
  // A decision taken this week (decision_tick) and the trust each education group loses on hearing of it.
  std::int32_t decision_tick = -1;
  std::array<float, 3> unrepresented_loss{};
  double walk_in_rate = 0;  // depends on whether the buurt has a community centre
  double initiative_in_sight = 1;  // rules::initiative_in_sight for the buurt's size, per initiative
  double street_weight = 1;        // rules::street_weight for the buurt's size
  std::int32_t open_process = -1;
  std::int32_t process_opened_tick = -1;  // residents are invited to a process as it opens
  std::array<std::int32_t, 3> active_by_education{};
  std::array<double, 3> population_education_share{};
  double social_rent_share = 0;
  double invitation_probability = 0;      // weekly, per resident, before targeting
  double community_worker_probability = 0;  // weekly chance a resident is contacted
  double residents_budget_pot = 0;        // euro not yet spent
  double spent = 0;  // euro spent on this buurt since tick 0, all levers (Totals::cost split by buurt)
  // Per issue, the tick until which a competing professional activity runs (Response::compete).
  std::array<std::int32_t, kIssueTypeCount> professionals_until{-1, -1, -1, -1, -1};
  bool professionals_on(int issue, std::int32_t tick) const { return tick < professionals_until[issue]; }
  const Levers* levers = nullptr;
  std::int32_t active() const {
    return active_by_education[0] + active_by_education[1] + active_by_education[2];
  }
};

// Lever costs accumulated during a tick, euro.
enum CostLever : int { cost_invitations, cost_community_workers, cost_processes, cost_subsidies,
                       cost_residents_budget, cost_maintenance, cost_professional_activities, kCostLeverCount };
inline constexpr std::array<const char*, kCostLeverCount> kCostLeverNames{
    "invitations", "community_workers", "processes", "subsidies", "residents_budget", "maintenance",
    "professional_activities"};

// Running totals since tick 0; outcomes report their change between recorded ticks.
struct Totals {
  std::int64_t founded = 0;
  std::int64_t succeeded = 0;
  std::int64_t dissolved = 0;
  std::int64_t ties_formed = 0;
  std::int64_t bridging_ties = 0;
  std::array<double, kCostLeverCount> cost{};
};

struct ModelState {
  ResidentState residents;
  std::vector<BuurtState> buurten;
  std::vector<Initiative> initiatives;  // all ever founded; ended ones stay for the record
  std::vector<Process> processes;
  std::int32_t tick = 0;
  std::int32_t active_initiatives = 0;
  Totals totals;
};

}  // namespace wijksim
