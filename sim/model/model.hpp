#pragma once
// One replicate of the model: the schedule of a tick and the bookkeeping around the rules.
//
// A tick runs in phases (MODEL.md, "Dynamics"):
//   1. issues arise (by chance, and where the scenario schedules an issue event) and fade per buurt;
//   2. the municipality acts: opens and closes processes, sets invitation reach, pays its levers;
//   3. residents decide in parallel, reading only last tick's state of others, writing their row;
//   4. their intents are applied in resident order (joins, foundings, new ties), and what
//      changed about them is passed on to their network ties;
//   5. initiatives gather momentum, ask for support, succeed or dissolve;
//   6. liveability drifts to its structural level.
// Every random draw is keyed by (seed, replicate, tick, agent, stream), so the outcome does not
// depend on how phase 3 is split over threads.
#include <cstdint>

#include "sim/core/rng.hpp"
#include "sim/model/state.hpp"
#include "sim/population/population.hpp"
#include "sim/scenario/scenario.hpp"

namespace wijksim {

class Model {
 public:
  Model(const Scenario& scenario, const Population& population, std::uint32_t replicate);

  void step(std::int32_t tick);

  const ModelState& state() const { return state_; }
  const Population& population() const { return population_; }
  const Scenario& scenario() const { return scenario_; }
  std::uint32_t replicate() const { return replicate_; }

  // A closed government process or a residents' budget round.
  struct Decision {
    std::int32_t tick;
    std::uint32_t buurt;
    const char* kind;  // a rung name, or "residents_budget"
    std::int32_t participants;
    double representativeness;          // of who came
    double judged_representativeness;   // of the mix the decision drew (the legitimacy rule, ODD 7.3)
    bool input_used;
  };
  const std::vector<Decision>& decisions() const { return decisions_; }

  // A residents' budget vote (ODD 7.3): who could vote, who did, and what won.
  struct BudgetVote {
    std::int32_t tick;
    std::uint32_t buurt;
    std::int32_t proposals;  // issues proposed
    std::int32_t choice;     // the issue that won, -1 when nobody voted
    std::int32_t choice_votes;
    std::array<std::int32_t, kGroupCount> eligible_by_group{};
    std::array<std::int32_t, kGroupCount> voted_by_group{};
    std::int32_t eligible() const { return eligible_by_group[0] + eligible_by_group[1] + eligible_by_group[2]; }
    std::int32_t voted() const { return voted_by_group[0] + voted_by_group[1] + voted_by_group[2]; }
  };
  const std::vector<BudgetVote>& budget_votes() const { return budget_votes_; }

 private:
  struct TieScan;
  struct Invitation;

  BuurtState& home_buurt(std::uint32_t resident) { return state_.buurten[population_.residents.buurt[resident]]; }
  void arise_issues(std::int32_t tick);
  void summarise_buurt(BuurtState& buurt) const;
  void act_government(std::int32_t tick);
  void open_or_close_process(std::uint32_t buurt, std::int32_t tick);
  void close_process(Process& process, std::int32_t tick);
  double announce_decision(BuurtState& buurt, const std::array<double, 3>& drawn_by_education, std::int32_t tick);
  void hear_of_decision(std::uint32_t resident, std::int32_t tick);
  void hold_budget_vote(std::uint32_t buurt, std::int32_t tick);
  void decide_residents(std::int32_t tick);
  // What a buurt's residents' decisions of this tick add up to: invitations sent per channel, and
  // per education level the chance of joining the open process (in units of 2^-32). Integers, so
  // the sums do not depend on how the residents were split between threads.
  struct WeekTally {
    std::array<std::int64_t, kChannelCount> sent{};
    std::array<std::int64_t, 3> process_chance{};
  };
  using TallyByBuurt = std::vector<WeekTally>;
  void decide_range(std::uint32_t begin, std::uint32_t end, std::int32_t tick, TallyByBuurt& tally);
  void spend(std::uint32_t buurt, CostLever lever, double euro);
  void decide_resident(std::uint32_t resident, std::int32_t tick, RandomStream& rng, WeekTally& tally);
  double own_experience(std::uint32_t resident, std::int32_t tick, RandomStream& rng, bool& activity_over);
  void update_slow_variables(std::uint32_t resident, std::int32_t tick, const TieScan& ties, double experience);
  Invitation gather_invitations(std::uint32_t resident, std::int32_t tick, const TieScan& ties, RandomStream& rng,
                                std::array<std::int64_t, kChannelCount>& sent);
  void choose_activity(std::uint32_t resident, std::int32_t tick, const TieScan& ties, const Invitation& invitation,
                       RandomStream& rng, WeekTally& tally);
  std::uint32_t ties_in_initiatives(std::uint32_t resident) const;
  template <typename Visit>
  void for_each_tie(std::uint32_t resident, Visit&& visit) const;
  template <typename Visit>
  void for_each_activity_tie(std::uint32_t resident, Visit&& visit) const;
  TieScan scan_ties(std::uint32_t resident, std::int32_t tick) const;
  std::int32_t initiative_of_a_tie(std::uint32_t resident, RandomStream& rng) const;
  void apply_intents(std::int32_t tick);
  void spread_signals(std::int32_t tick);
  void found_initiative(std::uint32_t resident, int issue, std::int32_t tick);
  void found_by_neighbour(std::uint32_t resident, std::int32_t tick);
  std::int32_t open_initiative(std::uint32_t buurt, int issue, std::int32_t tick);
  void bring_neighbours(std::uint32_t resident, std::int32_t initiative);
  void add_neighbours(Initiative& initiative, std::uint32_t resident, double count);
  void leave_activity(std::uint32_t resident);
  void join_initiative(std::uint32_t resident, std::int32_t initiative);
  void join_process(std::uint32_t resident, std::int32_t process);
  void form_tie(std::uint32_t a, std::uint32_t b);
  void run_initiatives(std::int32_t tick);
  void answer_support_request(Initiative& initiative, RandomStream& rng, std::int32_t tick);
  void let_neighbours_leave(std::int32_t tick);
  void start_professional_activity(std::uint32_t buurt, int issue, std::int32_t tick);
  void run_professional_activities(std::uint32_t buurt, std::int32_t tick);
  void end_initiative(Initiative& initiative, InitiativeOutcome outcome, std::int32_t tick);
  void update_liveability();

  const Scenario& scenario_;
  const Population& population_;
  std::uint32_t replicate_;
  ModelState state_;
  std::vector<std::int32_t> active_initiatives_;
  std::vector<std::int32_t> takeover_members_;  // per buurt: members of initiatives that take over tasks
  std::vector<double> asked_by_ties_;  // by number of active ties, capped
  std::vector<double> habit_by_weeks_;  // rules::habit by weeks since last active, up to the horizon
  std::vector<std::vector<std::uint32_t>> issue_event_buurten_;  // per scenario issue event
  std::vector<Decision> decisions_;
  std::vector<BudgetVote> budget_votes_;
};

}  // namespace wijksim
