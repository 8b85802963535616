// The contents of the parameter registry: every scenario key, bound to its struct member.
#include "sim/scenario/parameters.hpp"

#include <type_traits>

#include "sim/core/attributes.hpp"

// Expands to the dotted path and an accessor of the same member, so the JSON key and the
// struct member it sets can never drift apart.
#define WIJKSIM_MEMBER(member) #member, [](auto& target) -> auto& { return target.member; }

namespace wijksim {
namespace {

template <class Names>
std::vector<std::string> to_strings(const Names& names) {
  return std::vector<std::string>(names.begin(), names.end());
}

template <class Target>
class TableBuilder {
 public:
  template <class Access>
  void number(std::string path, Access access, double min, double max, std::string description) {
    add_scalar(std::move(path), ValueKind::number, access, min, max, std::move(description));
  }

  template <class Access>
  void integer(std::string path, Access access, double min, double max, std::string description) {
    add_scalar(std::move(path), ValueKind::integer, access, min, max, std::move(description));
  }

  template <class Access>
  void flag(std::string path, Access access, std::string description) {
    add_scalar(std::move(path), ValueKind::boolean, access, -kUnbounded, kUnbounded,
               std::move(description));
  }

  template <class Access>
  void text(std::string path, Access access, std::string description) {
    add_scalar(std::move(path), ValueKind::text, access, -kUnbounded, kUnbounded,
               std::move(description));
  }

  template <class Access>
  void required_text(std::string path, Access access, std::string description) {
    text(std::move(path), access, std::move(description));
    table_.parameters.back().required = true;
  }

  template <class Access>
  void text_list(std::string path, Access access, std::string description) {
    add_scalar(std::move(path), ValueKind::text_list, access, -kUnbounded, kUnbounded,
               std::move(description));
  }

  // An enum member written as one of `names`; the enum's values are the names' indices.
  template <class Access, class Names>
  void choice(std::string path, Access access, const Names& names, std::string description) {
    Parameter<Target> parameter;
    parameter.path = std::move(path);
    parameter.kind = ValueKind::choice;
    parameter.description = std::move(description);
    parameter.choices = to_strings(names);
    parameter.read = [access, choices = parameter.choices](Target& target) {
      return nlohmann::json(choices.at(static_cast<std::size_t>(access(target))));
    };
    parameter.write = [access, choices = parameter.choices](Target& target,
                                                            const nlohmann::json& value) {
      using Enum = std::remove_reference_t<decltype(access(target))>;
      const auto name = value.get<std::string>();
      for (std::size_t i = 0; i < choices.size(); ++i) {
        if (choices[i] == name) access(target) = static_cast<Enum>(i);
      }
    };
    table_.parameters.push_back(std::move(parameter));
  }

  // A std::array member written as an object keyed by `names`, one parameter per element.
  template <class Access, class Names>
  void numbers_by_name(const std::string& path, Access access, const Names& names, double min,
                       double max, const std::string& description) {
    for (std::size_t i = 0; i < names.size(); ++i) {
      auto element = [access, i](Target& target) -> double& { return access(target)[i]; };
      number(path + "." + std::string(names[i]), element, min, max, description);
    }
  }

  template <class Access, class Names>
  void shares_by_name(const std::string& path, Access access, const Names& names,
                      const std::string& description) {
    numbers_by_name(path, access, names, 0.0, 1.0, description + "; the group sums to 1");
    table_.share_groups.push_back({path, to_strings(names)});
  }

  void nested_section(std::string path) { table_.nested_sections.push_back(std::move(path)); }

  ParameterTable<Target> build() { return std::move(table_); }

 private:
  template <class Access>
  void add_scalar(std::string path, ValueKind kind, Access access, double min, double max,
                  std::string description) {
    Parameter<Target> parameter;
    parameter.path = std::move(path);
    parameter.kind = kind;
    parameter.description = std::move(description);
    parameter.min = min;
    parameter.max = max;
    parameter.read = [access](Target& target) { return nlohmann::json(access(target)); };
    parameter.write = [access](Target& target, const nlohmann::json& value) {
      using Value = std::remove_reference_t<decltype(access(target))>;
      access(target) = value.get<Value>();
    };
    table_.parameters.push_back(std::move(parameter));
  }

  ParameterTable<Target> table_;
};

// 2^53 - 1: the largest integer every JSON reader (Python, JavaScript, ...) keeps exact.
constexpr double kMaxSeed = 9007199254740991.0;

void add_general(TableBuilder<Scenario>& add) {
  add.text(WIJKSIM_MEMBER(name), "short name of the scenario, used in result files");
  add.text(WIJKSIM_MEMBER(description), "one or two sentences on what the scenario explores");
  add.integer(WIJKSIM_MEMBER(seed), 0, kMaxSeed, "master random seed (replicate r uses stream r)");
  add.integer(WIJKSIM_MEMBER(replicates), 1, 100000, "number of independent runs");
  add.integer(WIJKSIM_MEMBER(horizon_ticks), 1, 100000, "length of a run in ticks (1 tick = 1 week)");
  add.integer(WIJKSIM_MEMBER(output.every_ticks), 1, 100000, "write outcomes every this many ticks");
  add.nested_section("municipality.buurt_types");
  add.nested_section("municipality.cbs");
  add.nested_section("issue_events");
}

void add_attributes(TableBuilder<Scenario>& add) {
  add.number(WIJKSIM_MEMBER(attributes.capacity_base), 0, 1, "mean starting capacity (0..1 scale)");
  add.numbers_by_name(WIJKSIM_MEMBER(attributes.capacity_by_education), kEducationLevels, -1, 1,
                      "capacity added for this education level");
  add.number(WIJKSIM_MEMBER(attributes.capacity_health_penalty), 0, 1,
             "capacity lost with a health limitation");
  add.number(WIJKSIM_MEMBER(attributes.capacity_low_income_penalty), 0, 1,
             "capacity lost with a low income");
  add.number(WIJKSIM_MEMBER(attributes.capacity_spread), 0, 1,
             "standard deviation of individual capacity");
  add.number(WIJKSIM_MEMBER(attributes.motivation_base), 0, 1, "mean starting motivation (0..1)");
  add.number(WIJKSIM_MEMBER(attributes.motivation_owner_bonus), 0, 1,
             "motivation added for home owners");
  add.number(WIJKSIM_MEMBER(attributes.motivation_senior_bonus), 0, 1,
             "motivation added for residents aged 65+");
  add.number(WIJKSIM_MEMBER(attributes.motivation_spread), 0, 1,
             "standard deviation of individual motivation");
  add.number(WIJKSIM_MEMBER(attributes.capacity_working_age_penalty), 0, 1,
             "capacity lost at ages 25-64: paid work takes time (CBS 2017: full-timers volunteer less than "
             "part-timers; size assumed)");
  add.number(WIJKSIM_MEMBER(attributes.capacity_parent_penalty), 0, 1,
             "further capacity lost by parents of children under 15 of working age: young children take "
             "time (Nesbit 2012; size assumed)");
  add.number(WIJKSIM_MEMBER(attributes.capacity_senior_bonus), 0, 1,
             "capacity added at 65+: retirement frees time (Sherman & Shavit 2012; size assumed)");
  add.number(WIJKSIM_MEMBER(attributes.motivation_young_adult_penalty), 0, 1,
             "motivation lost at 15-24: weaker attachment to a buurt young adults often leave soon "
             "(size assumed)");
  add.number(WIJKSIM_MEMBER(attributes.trust_base), 0, 1,
             "mean starting trust in local government (0..1)");
  add.number(WIJKSIM_MEMBER(attributes.trust_vulnerability_penalty), 0, 1,
             "trust lost per unit of buurt vulnerability");
  add.numbers_by_name(WIJKSIM_MEMBER(attributes.trust_by_education), kEducationLevels, -1, 1,
                      "added to the mean starting trust by education level");
  add.numbers_by_name(WIJKSIM_MEMBER(attributes.trust_by_migration), kMigrationBackgrounds, -1, 1,
                      "added to the mean starting trust by migration background (0 by default: CBS finds "
                      "no net gap in trust in civil servants, groups differing both ways)");
  add.number(WIJKSIM_MEMBER(attributes.trust_spread), 0, 1,
             "standard deviation of individual trust");
  add.number(WIJKSIM_MEMBER(attributes.loneliness_base), 0, 1, "mean starting loneliness (0..1)");
  add.number(WIJKSIM_MEMBER(attributes.loneliness_senior_bonus), 0, 1,
             "loneliness added for residents aged 65+");
  add.number(WIJKSIM_MEMBER(attributes.loneliness_single_bonus), 0, 1,
             "loneliness added for people living alone");
  add.number(WIJKSIM_MEMBER(attributes.loneliness_spread), 0, 1,
             "standard deviation of individual loneliness");
}

void add_network(TableBuilder<Scenario>& add) {
  add.number(WIJKSIM_MEMBER(network.neighbour_ties), 0, 100,
             "mean ties per resident to others in the same buurt");
  add.number(WIJKSIM_MEMBER(network.lifeworld_ties), 0, 100,
             "mean ties per resident to residents of other buurten");
  add.number(WIJKSIM_MEMBER(network.homophily), 0, 1,
             "chance a tie is drawn from the same age group, education and migration background");
}

void add_behaviour(TableBuilder<Scenario>& add) {
  add.number(WIJKSIM_MEMBER(behaviour.intercept), -30, 10,
             "weekly log-odds of taking part before any effect");
  add.number(WIJKSIM_MEMBER(behaviour.capacity_weight), 0, 20, "log-odds per unit of capacity");
  add.number(WIJKSIM_MEMBER(behaviour.motivation_weight), 0, 20,
             "log-odds per unit of motivation");
  add.number(WIJKSIM_MEMBER(behaviour.stake_weight), 0, 20,
             "log-odds per unit of salience of the issue the resident cares about");
  add.number(WIJKSIM_MEMBER(behaviour.liveability_weight), 0, 20,
             "log-odds per unit of buurt liveability (attachment)");
  add.number(WIJKSIM_MEMBER(behaviour.peer_weight), 0, 20,
             "log-odds per share of one's ties taking part");
  add.number(WIJKSIM_MEMBER(behaviour.trust_weight), 0, 20, "log-odds per unit of (trust - 0.5)");
  add.number(WIJKSIM_MEMBER(behaviour.fatigue_weight), 0, 20,
             "log-odds lost per unit of fatigue");
  add.number(WIJKSIM_MEMBER(behaviour.invitation_weight), 0, 20,
             "log-odds added by an invitation that lands");
  add.number(WIJKSIM_MEMBER(behaviour.asked_saturation), 0, 1,
             "share of the invitation effect lost by the often asked");
  add.number(WIJKSIM_MEMBER(behaviour.asked_memory_weeks), 1, 1040,
             "weeks over which the memory of being asked fades (by a factor e)");
  add.number(WIJKSIM_MEMBER(behaviour.tie_ask_rate), 0, 1,
             "weekly chance that an active tie asks a resident to join");
  add.number(WIJKSIM_MEMBER(behaviour.influence_weight), 0, 20,
             "log-odds of joining a process one is invited to, per unit of expected influence (chance the rung's "
             "input is used) times stake in its issue");
  add.number(WIJKSIM_MEMBER(behaviour.leave_base), 0, 1,
             "weekly chance an active resident stops, before fatigue");
  add.number(WIJKSIM_MEMBER(behaviour.leave_fatigue), 0, 1,
             "weekly chance to stop added per unit of fatigue");
  add.number(WIJKSIM_MEMBER(behaviour.fatigue_gain), 0, 1, "fatigue added per active week");
  add.number(WIJKSIM_MEMBER(behaviour.fatigue_recovery), 0, 1,
             "share of fatigue recovered per inactive week");
  add.number(WIJKSIM_MEMBER(behaviour.capacity_gain), 0, 1,
             "capacity gained per active week, towards 1");
  add.number(WIJKSIM_MEMBER(behaviour.founding_capacity), 0, 1,
             "capacity and motivation (0..1) needed to found an initiative");
  add.number(WIJKSIM_MEMBER(behaviour.founding_rate), 0, 1,
             "chance a would-be joiner founds an initiative when none is near");
  add.number(WIJKSIM_MEMBER(behaviour.habit_weight), 0, 20,
             "log-odds of joining added for having been active just now (habit and identity)");
  add.number(WIJKSIM_MEMBER(behaviour.habit_memory_weeks), 1, 1040,
             "weeks for that habit to fade by a factor e");
}

void add_invitations(TableBuilder<Scenario>& add) {
  add.numbers_by_name(WIJKSIM_MEMBER(invitations.letter_response_by_education), kEducationLevels, 0,
                      10, "factor on the invitation effect of a letter, by education");
  add.numbers_by_name(WIJKSIM_MEMBER(invitations.online_response_by_education), kEducationLevels, 0,
                      10, "factor on the invitation effect of an online invitation, by education");
  add.numbers_by_name(WIJKSIM_MEMBER(invitations.online_response_by_age), kAgeGroups, 0, 10,
                      "further factor on an online invitation, by age group");
  add.number(WIJKSIM_MEMBER(invitations.door_to_door_response), 0, 10,
             "factor on the invitation effect of a door-to-door visit");
  add.number(WIJKSIM_MEMBER(invitations.housing_corporation_response), 0, 10,
             "factor on the invitation effect of an invitation by the housing corporation");
  add.number(WIJKSIM_MEMBER(invitations.community_worker_response_hard_to_reach), 0, 10,
             "factor on the invitation effect of a community worker, for the hard to reach");
  add.number(WIJKSIM_MEMBER(invitations.community_worker_response_others), 0, 10,
             "factor on the invitation effect of a community worker, for everyone else");
  add.number(WIJKSIM_MEMBER(invitations.own_ties_response), 0, 10,
             "factor on the invitation effect of being asked by a tie");
  add.numbers_by_name(WIJKSIM_MEMBER(invitations.written_response_by_migration), kMigrationBackgrounds, 0, 10,
                      "further factor on letters and online invitations, written in Dutch, by migration "
                      "background (size assumed)");
  add.numbers_by_name(WIJKSIM_MEMBER(invitations.targeting_by_education), kEducationLevels, 0, 10,
                      "weight on the invitation chance under targeting, by education");
  add.number(WIJKSIM_MEMBER(invitations.targeting_non_western_or_low_income), 0, 10,
             "further weight under targeting for a non-western migration background or a low income");
  add.number(WIJKSIM_MEMBER(community_workers.contacts_per_hour), 0, 100,
             "residents contacted per community-worker hour");
  add.number(WIJKSIM_MEMBER(community_workers.hard_to_reach_below), 0, 1,
             "capacity or trust below which a resident is hard to reach");
  add.number(WIJKSIM_MEMBER(community_workers.hard_to_reach_contact_weight), 0, 100,
             "factor on the contact chance for the hard to reach");
  add.number(WIJKSIM_MEMBER(community_workers.others_contact_weight), 0, 100,
             "factor on the contact chance for everyone else");
  add.number(WIJKSIM_MEMBER(community_workers.active_contact_weight), 0, 100,
             "factor on the contact chance for residents active in the past year who are not hard to reach (the "
             "civic support paradox)");
  add.number(WIJKSIM_MEMBER(community_workers.coaching), 0, 1,
             "share of the gap to capacity 1 closed by each contact");
}

void add_issues_and_initiatives(TableBuilder<Scenario>& add) {
  add.number(WIJKSIM_MEMBER(issues.arrival_rate), 0, 1,
             "weekly chance per buurt and issue type that an issue arises, at liveability 1");
  add.number(WIJKSIM_MEMBER(issues.low_liveability_boost), 0, 100,
             "arrival multiplier grows to 1 + this at liveability 0");
  add.number(WIJKSIM_MEMBER(issues.salience_decay), 0, 1, "weekly factor on issue salience");
  add.number(WIJKSIM_MEMBER(initiatives.momentum_start), 0, 100, "momentum of a new initiative");
  add.number(WIJKSIM_MEMBER(initiatives.momentum_decay), 0, 1, "weekly factor on momentum");
  add.number(WIJKSIM_MEMBER(initiatives.half_strength_members), 0, 1e6,
             "members at which a group does half the work, and has half the drive, of a large group");
  add.number(WIJKSIM_MEMBER(initiatives.dissolve_below), 0, 100,
             "an initiative dissolves when its momentum falls below this");
  add.number(WIJKSIM_MEMBER(initiatives.goal), 0, 1e6,
             "progress needed to succeed: weeks of work by a large group of capacity 1");
  add.integer(WIJKSIM_MEMBER(initiatives.request_support_after), 0, 100000,
              "ticks after founding at which an initiative asks the municipality for support");
  add.number(WIJKSIM_MEMBER(initiatives.walk_in_rate), 0, 1,
             "chance a would-be joiner whom no member asked joins the initiative on their issue");
  add.number(WIJKSIM_MEMBER(initiatives.no_centre_walk_in_factor), 0, 1,
             "factor on walk-ins in a buurt without a community centre");
  add.numbers_by_name(WIJKSIM_MEMBER(initiatives.progress_multiplier), kResponseNames, 0, 10,
                      "factor on an initiative's progress under this municipal response, besides the money");
  add.number(WIJKSIM_MEMBER(initiatives.subsidy_need), 0, kMaxEuros,
             "euro an initiative needs for its plan: a subsidy speeds progress by the share of this it covers");
  add.number(WIJKSIM_MEMBER(initiatives.subsidy_progress_gain), 0, 10,
             "extra progress (share) of an initiative whose need a subsidy covers in full");
  add.number(WIJKSIM_MEMBER(initiatives.conditions_burden), 0, 1,
             "share of the members' work that a conditional subsidy's conditions take (reporting, accounts)");
  add.integer(WIJKSIM_MEMBER(initiatives.competition_weeks), 0, 100000,
              "weeks a competing professional activity runs on the issue after the answer compete");
  add.number(WIJKSIM_MEMBER(initiatives.competition_crowding), 0, 1,
             "share of the issue's draw (salience for initiatives, would-be walk-ins and founders) that a "
             "competing professional activity takes");
  add.numbers_by_name(WIJKSIM_MEMBER(initiatives.momentum_multiplier), kResponseNames, 0, 10,
                      "factor on the drive that feeds an initiative's momentum under this response");
  add.numbers_by_name(WIJKSIM_MEMBER(initiatives.leave_multiplier), kResponseNames, 0, 10,
                      "factor on a member's weekly chance to leave under this response");
  add.number(WIJKSIM_MEMBER(initiatives.conditions_refusal), 0, 1,
             "chance an initiative refuses a conditional subsidy");
  add.number(WIJKSIM_MEMBER(initiatives.burden_dropout), 0, 1,
             "chance a low-capacity member leaves under subsidy conditions");
  add.number(WIJKSIM_MEMBER(initiatives.burden_capacity_below), 0, 1,
             "members with capacity below this may leave under subsidy conditions");
  add.number(WIJKSIM_MEMBER(initiatives.obstruction_momentum_loss), 0, 1,
             "share of momentum lost at the moment the municipality obstructs");
  add.number(WIJKSIM_MEMBER(initiatives.obstruction_motivation_loss), 0, 1,
             "lasting loss of motivation for members of an obstructed initiative");
  add.number(WIJKSIM_MEMBER(initiatives.obstruction_dropout), 0, 1,
             "chance a member gives up when the municipality obstructs the initiative");
  add.number(WIJKSIM_MEMBER(initiatives.ignored_motivation_loss), 0, 1,
             "lasting loss of motivation for members of an initiative whose request was ignored");
  add.number(WIJKSIM_MEMBER(initiatives.success_liveability_gain), 0, 1,
             "liveability gained when an initiative succeeds, in a buurt of one street (fewer than 1.5 × `reach` residents)");
  add.number(WIJKSIM_MEMBER(initiatives.reach), 1, 1e9,
             "residents within sight of one initiative: who may walk in, and whose surroundings its success improves");
  add.number(WIJKSIM_MEMBER(initiatives.community_worker_support), 0, 10,
             "progress bonus per 10 weekly community-worker hours per 1,000 residents");
}

void add_processes_and_trust(TableBuilder<Scenario>& add) {
  add.integer(WIJKSIM_MEMBER(processes.duration_ticks), 1, 100000,
              "length of a participation process in ticks");
  add.numbers_by_name(WIJKSIM_MEMBER(processes.input_use_by_rung), kRungNames, 0, 1,
                      "chance the input of a process on this rung is used in the decision");
  add.number(WIJKSIM_MEMBER(processes.used_input_liveability_gain), 0, 1,
             "liveability gained when a process's input is used");
  add.number(WIJKSIM_MEMBER(processes.sample_share), 0, 1,
             "share of residents invited under a random-sample invitation strategy");
  add.number(WIJKSIM_MEMBER(trust.used_input_gain), 0, 1,
             "trust gained by a participant whose input was used");
  add.number(WIJKSIM_MEMBER(trust.neutralised_loss), 0, 1,
             "trust lost by a participant whose input was not used");
  add.number(WIJKSIM_MEMBER(trust.obstruction_loss), 0, 1,
             "trust lost by members of an obstructed initiative");
  add.number(WIJKSIM_MEMBER(trust.ignored_loss), 0, 1,
             "trust lost by members of an initiative whose request the municipality ignored");
  add.number(WIJKSIM_MEMBER(trust.success_gain), 0, 1,
             "trust gained by members of a successful initiative");
  add.number(WIJKSIM_MEMBER(trust.voice_gain), 0, 1,
             "trust gained by a participant for having had a say, when a process above inform closes");
  add.number(WIJKSIM_MEMBER(trust.hearsay_weight), 0, 1,
             "share of a tie's experience passed on to a resident");
  add.number(WIJKSIM_MEMBER(trust.drift), 0, 1, "weekly pull of trust towards its starting level");
}

// How residents feel cuts in services and a buurt in decline (ODD 7.4, 7.1).
void add_neglect(TableBuilder<Scenario>& add) {
  add.number(WIJKSIM_MEMBER(neglect.service_cut_loss), 0, 1,
             "trust lost at the baseline by a resident who depends on public services when they are cut to nothing "
             "(maintenance 0), in proportion to the cut");
  add.number(WIJKSIM_MEMBER(neglect.service_cut_felt_by_others), 0, 1,
             "share of that loss felt by residents who do not depend on public services");
  add.number(WIJKSIM_MEMBER(neglect.decline_loss), 0, 10,
             "trust lost at the baseline per unit of mean liveability the buurt has lost since the start");
  add.number(WIJKSIM_MEMBER(neglect.service_cut_issue_boost), 0, 100,
             "public-space and social-care issues arise 1 + this times as often at maintenance 0, in proportion "
             "to the cut");
}

// Legitimacy that feeds back on trust (ODD 7.3).
void add_legitimacy(TableBuilder<Scenario>& add) {
  add.number(WIJKSIM_MEMBER(legitimacy.tolerated_dissimilarity), 0, 1,
             "education dissimilarity between a decision's participants and the buurt above which the groups it "
             "under-represents find it unjust");
  add.number(WIJKSIM_MEMBER(legitimacy.trust_loss), 0, 1,
             "trust lost, on hearing of an unjust decision, by a resident of a group it left out entirely (in "
             "proportion to the group's shortfall)");
  add.number(WIJKSIM_MEMBER(legitimacy.heard_share), 0, 1,
             "chance a resident hears of a decision taken in their buurt, in the week it is taken");
}

void add_liveability_and_costs(TableBuilder<Scenario>& add) {
  add.number(WIJKSIM_MEMBER(liveability.structural_vital), 0, 1,
             "structural liveability of a buurt at vulnerability 0");
  add.number(WIJKSIM_MEMBER(liveability.structural_vulnerable), 0, 1,
             "structural liveability of a buurt at vulnerability 1");
  add.number(WIJKSIM_MEMBER(liveability.adjustment_rate), 0, 1,
             "weekly share of the gap to the structural level closed");
  add.number(WIJKSIM_MEMBER(liveability.withdrawal_penalty), 0, 1,
             "structural liveability lost at zero maintenance, unless residents take over");
  add.number(WIJKSIM_MEMBER(liveability.takeover_share), 0, 1,
             "share of residents in initiatives on public space or social care at which residents fully take "
             "over maintenance");
  add.number(WIJKSIM_MEMBER(liveability.budget_gain_per_euro), 0, 1,
             "liveability gained per euro per resident of residents' budget spent");
  add.integer(WIJKSIM_MEMBER(liveability.budget_period_ticks), 1, 100000,
              "ticks between the residents' votes on spending their budget");
  add.number(WIJKSIM_MEMBER(liveability.budget_vote_intercept), -30, 10,
             "log-odds of voting in a residents' budget round before the CLEAR effects");
  add.number(WIJKSIM_MEMBER(liveability.corporation_cofunding), 0, 10,
             "extra physical liveability gain per unit of social-rent share");
  add.number(WIJKSIM_MEMBER(liveability.loneliness_tie_relief), 0, 1,
             "loneliness relieved per new tie");
  add.number(WIJKSIM_MEMBER(liveability.loneliness_activity_relief), 0, 1,
             "loneliness relieved per active week, as a share of loneliness_tie_relief");
  add.number(WIJKSIM_MEMBER(liveability.loneliness_drift), 0, 1,
             "weekly pull of loneliness towards its starting level");
  add.numbers_by_name(WIJKSIM_MEMBER(costs.per_invitation), kChannelNames, 0, kMaxEuros,
                      "euro per invitation sent through this channel");
  add.number(WIJKSIM_MEMBER(costs.community_worker_hour), 0, kMaxEuros,
             "euro per community-worker hour");
  add.numbers_by_name(WIJKSIM_MEMBER(costs.process_per_participant_week), kRungNames, 0,
                      kMaxEuros, "euro per participant per week in a process on this rung");
  add.number(WIJKSIM_MEMBER(costs.process_fixed), 0, kMaxEuros, "euro per process opened");
  add.number(WIJKSIM_MEMBER(costs.professional_activity_week), 0, kMaxEuros,
             "euro per week of a professional activity that competes with an initiative (per buurt and issue)");
  add.number(WIJKSIM_MEMBER(costs.maintenance_per_resident_week), 0, kMaxEuros,
             "euro per resident per week for baseline maintenance and services");
}

void add_government(TableBuilder<Scenario>& add) {
  add.choice(WIJKSIM_MEMBER(government.role), kRoleNames,
             "the municipality's role preset (see Roles)");
  add.number(WIJKSIM_MEMBER(government.kaleidoscopic_threshold), 0, 1,
             "kaleidoscopic only: vulnerability from which a buurt gets the vulnerable plan");
  add.nested_section("government.levers");
  add.nested_section("government.vulnerable_levers");
}

ParameterTable<Scenario> build_table(std::type_identity<Scenario>) {
  TableBuilder<Scenario> add;
  add_general(add);
  add_attributes(add);
  add_network(add);
  add_behaviour(add);
  add_invitations(add);
  add_issues_and_initiatives(add);
  add_processes_and_trust(add);
  add_neglect(add);
  add_legitimacy(add);
  add_liveability_and_costs(add);
  add_government(add);
  return add.build();
}

ParameterTable<BuurtType> build_table(std::type_identity<BuurtType>) {
  TableBuilder<BuurtType> add;
  add.required_text(WIJKSIM_MEMBER(name), "archetype name, e.g. \"vulnerable\"; also the wijk name");
  add.integer(WIJKSIM_MEMBER(count), 0, 10000, "number of buurten of this archetype");
  add.integer(WIJKSIM_MEMBER(residents), 1, 1000000, "residents aged 15+ per buurt");
  add.number(WIJKSIM_MEMBER(vulnerability), 0, 1, "0 vital .. 1 most vulnerable");
  add.shares_by_name(WIJKSIM_MEMBER(composition.age_group), kAgeGroups,
                     "share of residents 15+ in this age group");
  add.shares_by_name(WIJKSIM_MEMBER(composition.education), kEducationLevels,
                     "share of residents with this education level");
  add.shares_by_name(WIJKSIM_MEMBER(composition.migration_background), kMigrationBackgrounds,
                     "share of residents with this migration background");
  add.shares_by_name(WIJKSIM_MEMBER(composition.tenure), kTenures,
                     "share of residents living in this kind of home");
  add.number(WIJKSIM_MEMBER(composition.low_income), 0, 1, "share of residents with a low income");
  add.number(WIJKSIM_MEMBER(composition.health_limitation), 0, 1,
             "share of residents with a health limitation");
  add.number(WIJKSIM_MEMBER(composition.household_size), 1, 10,
             "mean residents aged 15+ per household");
  add.number(WIJKSIM_MEMBER(composition.households_with_children), 0, 1,
             "share of households with children under 15");
  add.numbers_by_name(WIJKSIM_MEMBER(liveability), kLiveabilityPartNames, 0, 1,
                      "starting liveability of this part (0..1)");
  add.flag(WIJKSIM_MEMBER(community_centre), "the buurt has a community centre");
  return add.build();
}

ParameterTable<CbsSelection> build_table(std::type_identity<CbsSelection>) {
  TableBuilder<CbsSelection> add;
  add.required_text(WIJKSIM_MEMBER(file),
                    "CBS KWB table (CSV), relative to the scenario file that names it");
  add.text_list(WIJKSIM_MEMBER(detail),
                "further KWB tables (CSV or JSON), relative to the scenario file; what a unit's own row "
                "lacks comes from the same code here (if about as many inhabitants), then its wijk "
                "and gemeente, then its gemeente here (docs/data.md)");
  add.text_list(WIJKSIM_MEMBER(gemeenten), "gemeente codes such as \"GM0344\"; empty selects all");
  add.text_list(WIJKSIM_MEMBER(wijken), "wijk codes such as \"WK034408\"");
  add.text_list(WIJKSIM_MEMBER(buurten), "buurt codes such as \"BU03440831\"");
  add.number(WIJKSIM_MEMBER(scale), 0.001, 1,
             "share of each buurt's residents to simulate (for quick runs)");
  add.text(WIJKSIM_MEMBER(boundaries),
           "buurt boundaries for maps in the report (CBS Wijk- en buurtkaart, GeoJSON or GeoPackage), relative "
           "to the scenario file; only the analysis reads it (docs/data.md)");
  return add.build();
}

ParameterTable<IssueEvent> build_table(std::type_identity<IssueEvent>) {
  TableBuilder<IssueEvent> add;
  add.integer(WIJKSIM_MEMBER(tick), 0, 100000, "the week the issue arises (0 = the first)");
  add.choice(WIJKSIM_MEMBER(issue), kIssueTypeNames, "the kind of issue");
  add.number(WIJKSIM_MEMBER(salience), 0, 1, "its salience when it arises (1 = fully salient)");
  add.text_list(WIJKSIM_MEMBER(buurten),
                "where: buurt, wijk or gemeente codes, or archetype names; empty means every buurt");
  return add.build();
}

ParameterTable<Levers> build_table(std::type_identity<Levers>) {
  TableBuilder<Levers> add;
  add.number(WIJKSIM_MEMBER(invitation_reach), 0, 1,
             "share of residents the municipality invites per year");
  add.shares_by_name(WIJKSIM_MEMBER(channel_mix), kChannelNames,
                     "share of invitations sent through this channel");
  add.choice(WIJKSIM_MEMBER(targeting), kTargetingNames, "whom invitations go to");
  add.number(WIJKSIM_MEMBER(processes_per_year), 0, 52,
             "participation processes opened per buurt per year");
  add.choice(WIJKSIM_MEMBER(rung), kRungNames, "participation-ladder rung of the processes");
  add.choice(WIJKSIM_MEMBER(process_invitation), kTargetingNames,
             "whom processes invite");
  add.number(WIJKSIM_MEMBER(representativeness_threshold), 0, 1,
             "minimum representativeness (0..1) for a process's input to count");
  add.shares_by_name(WIJKSIM_MEMBER(initiative_response), kResponseNames,
                     "chance the municipality answers an initiative's request this way");
  add.number(WIJKSIM_MEMBER(subsidy), 0, kMaxEuros,
             "euro per supported initiative; speeds its work by the share of initiatives.subsidy_need it covers");
  add.number(WIJKSIM_MEMBER(community_worker_hours_per_1000), 0, 168,
             "community-worker hours per 1,000 residents per week (a buurt of 1,600 at 10 gets 16 h)");
  add.number(WIJKSIM_MEMBER(residents_budget), 0, kMaxEuros,
             "euro per resident per year that residents allocate by a vote between proposals");
  add.number(WIJKSIM_MEMBER(maintenance), 0, 5,
             "spending on maintenance and services (1 = baseline)");
  return add.build();
}

}  // namespace

template <class Target>
const ParameterTable<Target>& parameters_of() {
  static const ParameterTable<Target> table = build_table(std::type_identity<Target>{});
  return table;
}

template const ParameterTable<Scenario>& parameters_of<Scenario>();
template const ParameterTable<BuurtType>& parameters_of<BuurtType>();
template const ParameterTable<CbsSelection>& parameters_of<CbsSelection>();
template const ParameterTable<IssueEvent>& parameters_of<IssueEvent>();
template const ParameterTable<Levers>& parameters_of<Levers>();

}  // namespace wijksim
