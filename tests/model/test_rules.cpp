// The behavioural rules, checked against hand computation.
#include <catch.hpp>

#include <cmath>

#include "sim/model/rules.hpp"

using namespace wijksim;

TEST_CASE("representativeness is one minus the education dissimilarity") {
  CHECK(rules::representativeness({10, 20, 10}, {0.25, 0.5, 0.25}) == Approx(1.0));
  // Participants all high educated where the population is a third each: D = 2/3.
  CHECK(rules::representativeness({0, 0, 9}, {1.0 / 3, 1.0 / 3, 1.0 / 3}) == Approx(1.0 / 3));
  CHECK(rules::representativeness({0, 0, 0}, {0.3, 0.4, 0.3}) == 0.0);
}

TEST_CASE("the CLEAR decision rises with capacity, motivation, peers and invitation, falls with fatigue") {
  const BehaviourParams p;
  const rules::JoinInputs base{0.4, 0.4, 0.2, 0.6, 0.1, 0.5, 0.1, 0.0, 0.0};
  const double z = rules::join_log_odds(p, base);
  auto with = [&](auto change) { auto in = base; change(in); return rules::join_log_odds(p, in); };
  CHECK(with([](auto& in) { in.capacity += 0.1; }) == Approx(z + 0.1 * p.capacity_weight));
  CHECK(with([](auto& in) { in.motivation += 0.1; }) == Approx(z + 0.1 * p.motivation_weight));
  CHECK(with([](auto& in) { in.active_tie_share += 0.1; }) == Approx(z + 0.1 * p.peer_weight));
  CHECK(with([](auto& in) { in.invitation = 1.0; }) == Approx(z + 1.0));
  CHECK(with([](auto& in) { in.fatigue += 0.1; }) == Approx(z - 0.1 * p.fatigue_weight));
  CHECK(with([](auto& in) { in.trust -= 0.1; }) == Approx(z - 0.1 * p.trust_weight));
  CHECK(with([](auto& in) { in.habit = 1.0; }) == Approx(z + p.habit_weight));
  // The average resident of ODD 7.4: capacity 0.45, motivation 0.4, liveability 0.6, trust 0.5.
  const rules::JoinInputs average{0.45, 0.4, 0.0, 0.6, 0.0, 0.5, 0.0, 0.0, 0.0};
  CHECK(rules::join_log_odds(p, average) ==
        Approx(p.intercept + 0.45 * p.capacity_weight + p.motivation_weight * (0.4 + 0.1 * p.liveability_weight)));
}

TEST_CASE("habit: full just after being active, fading by e every habit_memory_weeks, none for the never active") {
  BehaviourParams p;
  p.habit_memory_weeks = 20;
  CHECK(rules::habit(p, 0) == 1.0);
  CHECK(rules::habit(p, 20) == Approx(std::exp(-1.0)));
  CHECK(rules::habit(p, 40) == Approx(std::exp(-2.0)));
  CHECK(rules::habit(p, -1) == 0.0);
}

TEST_CASE("where to: process if invited, a tie's initiative, walking in to one in sight, founding") {
  const BehaviourParams p;
  using rules::Destination;
  const rules::WhereToInputs nothing{false, false, false, false, 0.25, false};
  auto with = [&](auto change, rules::WhereToDraws draws = {0.9, 0.9}) {
    auto in = nothing;
    change(in);
    return rules::where_to(p, in, draws);
  };
  CHECK(with([](auto&) {}) == Destination::nowhere);
  CHECK(with([](auto& in) { in.invited_to_process = in.process_open = in.tie_initiative = true; }) == Destination::process);
  CHECK(with([](auto& in) { in.invited_to_process = true; }) == Destination::nowhere);  // invited, but it closed
  CHECK(with([](auto& in) { in.tie_initiative = in.initiative_in_sight = true; }) == Destination::tie_initiative);
  // An initiative in sight: walk in at the walk-in rate; a miss waits a week, even for a founder.
  auto in_sight = [](auto& in) { in.initiative_in_sight = true; in.can_found = true; };
  CHECK(with(in_sight, {0.2, 0.0}) == Destination::walk_in);
  CHECK(with(in_sight, {0.3, 0.0}) == Destination::nowhere);
  // None in sight: a would-be founder founds a group of their own, at the founding rate.
  CHECK(with([](auto& in) { in.can_found = true; }, {0.0, p.founding_rate - 0.01}) == Destination::found);
  CHECK(with([](auto& in) { in.can_found = true; }, {0.0, p.founding_rate + 0.01}) == Destination::nowhere);
  CHECK(with([](auto& in) { in.process_open = true; }, {0.0, 0.0}) == Destination::process);
}

TEST_CASE("the chance of going to the open process is where to's, its draws averaged out") {
  const BehaviourParams p;
  // where_to over a fine grid of the sight and founding draws (the walk-in draw never leads there).
  auto share_by_draws = [&](rules::WhereToInputs in, int initiatives, double in_sight) {
    constexpr int kGrid = 200;
    int to_process = 0;
    for (int a = 0; a < kGrid; ++a)
      for (int b = 0; b < kGrid; ++b) {
        in.initiative_in_sight = rules::initiative_seen(initiatives, in_sight, (a + 0.5) / kGrid) >= 0;
        to_process += rules::where_to(p, in, {0.5, (b + 0.5) / kGrid}) == rules::Destination::process;
      }
    return double(to_process) / (kGrid * kGrid);
  };
  for (const bool invited : {false, true})
    for (const bool tie : {false, true})
      for (const bool can_found : {false, true})
        for (const int initiatives : {0, 1, 3}) {
          const rules::WhereToInputs in{invited, true, tie, false, 0.25, can_found};
          const double covered = rules::sight_covered(initiatives, 0.3);
          INFO("invited " << invited << ", tie " << tie << ", can found " << can_found << ", " << initiatives);
          CHECK(rules::process_chance_if_joining(p, in, covered) == Approx(share_by_draws(in, initiatives, 0.3)).margin(0.01));
        }
  const rules::WhereToInputs closed{true, false, false, false, 0.25, false};
  CHECK(rules::process_chance_if_joining(p, closed, 0.0) == 0.0);
}

TEST_CASE("an initiative is in sight of everyone in a small buurt, of its street in a large one") {
  InitiativeParams p;
  p.reach = 400;
  CHECK(rules::initiative_in_sight(p, 300) == 1.0);
  CHECK(rules::initiative_in_sight(p, 1600) == Approx(0.25));
  // Whole streets of about `reach`: 450 residents are one street, not two of 225; 700 are two of 350.
  CHECK(rules::initiative_in_sight(p, 450) == 1.0);
  CHECK(rules::initiative_in_sight(p, 700) == Approx(0.5));
  // Three initiatives, each seen by a quarter: draws below 0.75 see one of them, uniformly.
  CHECK(rules::initiative_seen(3, 0.25, 0.10) == 0);
  CHECK(rules::initiative_seen(3, 0.25, 0.60) == 2);
  CHECK(rules::initiative_seen(3, 0.25, 0.80) == -1);
  CHECK(rules::initiative_seen(0, 1.0, 0.0) == -1);
  CHECK(rules::initiative_seen(2, 1.0, 0.99) == 1);  // in a small buurt every one is in sight
}

TEST_CASE("a buurt below one street is part of a street: its residents stand for the rest of it") {
  InitiativeParams p;
  p.reach = 400;
  CHECK(rules::street_weight(p, 400) == 1.0);
  CHECK(rules::street_weight(p, 5000) == 1.0);  // its streets lie within it
  CHECK(rules::street_weight(p, 100) == Approx(4.0));
  CHECK(rules::street_share(p, 100) == Approx(0.25));
  CHECK(rules::street_weight(p, 0) == Approx(400.0));  // an empty buurt does not divide by zero
}

TEST_CASE("neighbours found as often as the residents of a full street would, on average, few at once") {
  const BehaviourParams p;  // founding_rate 0.15
  const rules::WhereToInputs would_found{false, false, false, false, 0.25, true};
  const double f = p.founding_rate;
  // Standing for 3 others: with the resident 4 x 0.15 = 0.6 groups on average, never two at once.
  auto mean_over_draws = [&](double weight, double lo, double hi) {
    constexpr int kDraws = 10000;
    double sum = 0;
    for (int k = 0; k < kDraws; ++k)
      sum += rules::neighbours_founding(p, would_found, weight, lo + (hi - lo) * (k + 0.5) / kDraws);
    return sum / kDraws;
  };
  CHECK(mean_over_draws(4.0, 0.0, f) == 0.0);  // the resident founded: the one group there is at once
  CHECK(f + (1.0 - f) * mean_over_draws(4.0, f, 1.0) == Approx(0.6).margin(1e-3));
  CHECK(rules::neighbours_founding(p, would_found, 4.0, 0.5) == 1);  // draws from f to 0.6: a neighbour
  CHECK(rules::neighbours_founding(p, would_found, 4.0, 0.7) == 0);
  // Standing for 20 others: 21 x 0.15 = 3.15 groups, 3 or 4, of which the resident's is one or none.
  CHECK(f + mean_over_draws(21.0, 0.0, 1.0) == Approx(3.15).margin(1e-3));
  CHECK(rules::neighbours_founding(p, would_found, 21.0, 0.01) == 3);  // the resident's and 3 others
  CHECK(rules::neighbours_founding(p, would_found, 21.0, 0.99) == 3);
  CHECK(rules::neighbours_founding(p, would_found, 1.0, 0.999) == 0);  // a full street: nobody outside
  // Only where the resident would have founded: not with an initiative in sight or one unable to found.
  auto in_sight = would_found;
  in_sight.initiative_in_sight = true;
  CHECK(rules::neighbours_founding(p, in_sight, 4.0, 0.999) == 0);
  auto unable = would_found;
  unable.can_found = false;
  CHECK(rules::neighbours_founding(p, unable, 4.0, 0.999) == 0);
}

TEST_CASE("a group's strength saturates in its members") {
  InitiativeParams p;
  p.half_strength_members = 4;
  CHECK(rules::group_strength(p, 0) == 0.0);
  CHECK(rules::group_strength(p, 4) == Approx(0.5));
  CHECK(rules::group_strength(p, 12) == Approx(0.75));
  CHECK(rules::group_strength(p, 400) > 0.99);
  CHECK(rules::group_strength(p, 8) - rules::group_strength(p, 4) < rules::group_strength(p, 4));
}

TEST_CASE("momentum follows salience, members' energy and the answer, with a lag") {
  InitiativeParams p;
  p.momentum_decay = 0.9;
  p.half_strength_members = 4;
  const double target = 1.0 * 0.5 * 0.5;  // salience 1, energy 0.5, strength 0.5 (4 members)
  CHECK(rules::next_momentum(p, 0.0, 1.0, 0.5, 4, -1) == Approx(0.1 * target));
  CHECK(rules::next_momentum(p, target, 1.0, 0.5, 4, -1) == Approx(target));
  // When the issue fades, momentum decays towards zero whatever the group's size.
  CHECK(rules::next_momentum(p, 0.3, 0.0, 0.5, 400, -1) == Approx(0.27));
  const int support = static_cast<int>(Response::support), obstruct = static_cast<int>(Response::obstruct);
  CHECK(rules::next_momentum(p, 0.0, 1.0, 0.5, 4, support) == Approx(0.1 * target * p.momentum_multiplier[support]));
  CHECK(rules::next_momentum(p, 0.0, 1.0, 0.5, 4, obstruct) < rules::next_momentum(p, 0.0, 1.0, 0.5, 4, -1));
}

TEST_CASE("progress: strength times mean capacity, the answer and community workers per 1,000") {
  InitiativeParams p;
  p.half_strength_members = 4;
  p.community_worker_support = 0.3;
  CHECK(rules::initiative_progress(p, 4, 0.6, 1.0, 0.0) == Approx(0.5 * 0.6));
  CHECK(rules::initiative_progress(p, 4, 0.6, 1.6, 0.0) == Approx(0.3 * 1.6));
  CHECK(rules::initiative_progress(p, 4, 0.6, 1.0, 10.0) == Approx(0.3 * 1.3));
}

TEST_CASE("the answer's pace: money by the share of the need it covers, conditions as a burden") {
  const InitiativeParams p;
  const int support = static_cast<int>(Response::support), conditional = static_cast<int>(Response::conditional_subsidy),
            ignore = static_cast<int>(Response::ignore);
  CHECK(rules::subsidy_coverage(p, 0) == 0.0);
  CHECK(rules::subsidy_coverage(p, p.subsidy_need / 2) == Approx(0.5));
  CHECK(rules::subsidy_coverage(p, 10 * p.subsidy_need) == 1.0);
  CHECK(rules::answered_progress(p, -1, 0.0) == 1.0);
  CHECK(rules::answered_progress(p, support, 0.0) == rules::answered_progress(p, ignore, 0.0));
  CHECK(rules::answered_progress(p, support, 1.0) == Approx(1.0 + p.subsidy_progress_gain));
  CHECK(rules::answered_progress(p, conditional, 1.0) ==
        Approx((1.0 + p.subsidy_progress_gain) * (1.0 - p.conditions_burden)));
  // The defaults keep the former factors at a subsidy that covers the need: 1.6 and 1.4.
  CHECK(rules::answered_progress(p, support, 1.0) == Approx(1.6));
  CHECK(rules::answered_progress(p, conditional, 1.0) == Approx(1.4));
}

TEST_CASE("rung: influence draws those with a stake; inform gives no voice and takes none") {
  const BehaviourParams p;
  const TrustParams t;
  CHECK(rules::expected_influence_log_odds(p, 0.0, 1.0) == 0.0);  // inform
  CHECK(rules::expected_influence_log_odds(p, 0.9, 0.0) == 0.0);  // no stake
  CHECK(rules::expected_influence_log_odds(p, 0.9, 1.0) > rules::expected_influence_log_odds(p, 0.55, 1.0));
  CHECK(rules::process_experience(t, Rung::inform, false) == 0.0);
  CHECK(rules::process_experience(t, Rung::advise, true) == Approx(t.voice_gain + t.used_input_gain));
  CHECK(rules::process_experience(t, Rung::advise, false) == Approx(t.voice_gain - t.neutralised_loss));
}

TEST_CASE("budget vote: each profile votes for the proposal it has most at stake in") {
  std::array<double, kIssueTypeCount> salience{0.5, 0.5, 0.5, 0.5, 0.5};
  std::array<bool, kIssueTypeCount> proposed{true, false, false, true, false};
  const int parent_renter = 1, senior_owner = 4 + 2;
  CHECK(rules::budget_vote_choice(parent_renter, salience, proposed) == static_cast<int>(IssueType::youth));
  CHECK(rules::budget_vote_choice(senior_owner, salience, proposed) == static_cast<int>(IssueType::public_space));
  CHECK(rules::budget_vote_choice(senior_owner, salience, {}) == -1);
}

TEST_CASE("a success improves a street's worth of the buurt: its gain is spread over larger buurten") {
  InitiativeParams p;
  p.success_liveability_gain = 0.02;
  p.reach = 400;
  CHECK(rules::success_liveability_gain(p, 200, 1.0) == Approx(0.02));
  CHECK(rules::success_liveability_gain(p, 400, 1.0) == Approx(0.02));
  CHECK(rules::success_liveability_gain(p, 1600, 1.5) == Approx(0.0075));
  CHECK(rules::success_liveability_gain(p, 700, 1.0) == Approx(0.01));  // one of its two streets
}

TEST_CASE("support keeps members on: the leave chance times the answer's factor") {
  const BehaviourParams p;
  const InitiativeParams ip;
  const int support = static_cast<int>(Response::support);
  CHECK(rules::leave_probability(p, 0.2, 1.0) == Approx(p.leave_base + 0.2 * p.leave_fatigue));
  CHECK(rules::leave_probability(p, 0.2, rules::answered(ip.leave_multiplier, support)) ==
        Approx((p.leave_base + 0.2 * p.leave_fatigue) * ip.leave_multiplier[support]));
  CHECK(rules::answered(ip.leave_multiplier, -1) == 1.0);
}

TEST_CASE("invitations wear off for the recently asked") {
  const BehaviourParams p;
  const double fresh = rules::invitation_effect(p, 1.0, 0xFFFF);
  const double just_asked = rules::invitation_effect(p, 1.0, 0);
  CHECK(fresh == Approx(p.invitation_weight).epsilon(1e-6));
  CHECK(just_asked == Approx(p.invitation_weight * (1 - p.asked_saturation)));
}

TEST_CASE("a longer memory of being asked keeps the invitation effect low for longer") {
  const BehaviourParams usual;
  BehaviourParams long_memory;
  long_memory.asked_memory_weeks = 4 * usual.asked_memory_weeks;
  CHECK(rules::invitation_effect(long_memory, 1.0, 0) == Approx(rules::invitation_effect(usual, 1.0, 0)));
  for (std::uint16_t weeks : {10, 26, 52, 104})
    CHECK(rules::invitation_effect(long_memory, 1.0, weeks) < rules::invitation_effect(usual, 1.0, weeks));
  CHECK(rules::invitation_effect(long_memory, 1.0, 52) ==
        Approx(long_memory.invitation_weight * (1 - long_memory.asked_saturation * std::exp(-52 / 104.0))));
}

TEST_CASE("channels reach and answer by group") {
  const InvitationParams p;
  CHECK(rules::channel_response(p, Channel::letter, 0, 1, 0, false) < rules::channel_response(p, Channel::letter, 2, 1, 0, false));
  CHECK(rules::channel_response(p, Channel::online, 1, 3, 0, false) < rules::channel_response(p, Channel::online, 1, 0, 0, false));
  CHECK(rules::channel_response(p, Channel::community_worker, 0, 1, 0, true) >
        rules::channel_response(p, Channel::community_worker, 2, 1, 0, false));
  CHECK_FALSE(rules::channel_reaches(Channel::housing_corporation, 0, 3));
  CHECK(rules::channel_reaches(Channel::housing_corporation, 2, 0));
  CHECK_FALSE(rules::channel_reaches(Channel::own_ties, 1, 0));
}

TEST_CASE("channel responses are read from the invitation parameters") {
  InvitationParams p;
  p.letter_response_by_education = {2.0, 0.3, 0.1};
  p.online_response_by_education = {1.0, 0.5, 0.25};
  p.online_response_by_age = {0.5, 1.0, 1.5, 2.0};
  p.own_ties_response = 0.7;
  p.community_worker_response_others = 0.9;
  CHECK(rules::channel_response(p, Channel::letter, 0, 2, 0, false) == 2.0);
  CHECK(rules::channel_response(p, Channel::letter, 2, 2, 0, false) == 0.1);
  CHECK(rules::channel_response(p, Channel::online, 1, 3, 0, false) == Approx(0.5 * 2.0));
  CHECK(rules::channel_response(p, Channel::own_ties, 1, 1, 0, false) == 0.7);
  CHECK(rules::channel_response(p, Channel::community_worker, 1, 1, 0, false) == 0.9);
  CHECK(rules::channel_response(p, Channel::community_worker, 1, 1, 0, true) == p.community_worker_response_hard_to_reach);
}

TEST_CASE("written invitations land less with a migration background; spoken ones do not") {
  InvitationParams p;
  const std::uint8_t dutch = 0, non_western = 2;
  for (Channel written : {Channel::letter, Channel::online})
    CHECK(rules::channel_response(p, written, 1, 1, non_western, false) <
          rules::channel_response(p, written, 1, 1, dutch, false));
  for (Channel spoken : {Channel::door_to_door, Channel::community_worker, Channel::own_ties,
                         Channel::housing_corporation})
    CHECK(rules::channel_response(p, spoken, 1, 1, non_western, false) ==
          rules::channel_response(p, spoken, 1, 1, dutch, false));
  p.written_response_by_migration = {1.0, 1.0, 1.0};
  CHECK(rules::channel_response(p, Channel::letter, 1, 1, non_western, false) ==
        rules::channel_response(p, Channel::letter, 1, 1, dutch, false));
}

TEST_CASE("life course: work and young children take time, retirement frees it, young adults are "
          "less attached") {
  AttributeParams p;
  p.capacity_working_age_penalty = 0.03;
  p.capacity_parent_penalty = 0.05;
  p.capacity_senior_bonus = 0.05;
  p.motivation_young_adult_penalty = 0.04;
  const std::uint8_t young = kYoungAdultAgeGroup, middle = 1, older = 2, senior = kSeniorAgeGroup;
  CHECK(rules::life_course_time(p, young, 0) == 0.0);
  CHECK(rules::life_course_time(p, young, kParent) == 0.0);  // young parents are rare; no time term
  for (std::uint8_t working : {middle, older}) {
    CHECK(rules::life_course_time(p, working, 0) == Approx(-0.03));
    CHECK(rules::life_course_time(p, working, kParent | kLowIncome) == Approx(-0.08));
  }
  CHECK(rules::life_course_time(p, senior, kParent) == Approx(0.05));
  CHECK(rules::life_course_attachment(p, young) == Approx(-0.04));
  for (std::uint8_t other : {middle, older, senior}) CHECK(rules::life_course_attachment(p, other) == 0.0);
}

TEST_CASE("who is hard to reach follows the community-worker threshold") {
  CommunityWorkerParams p;
  CHECK(rules::is_hard_to_reach(p, 0.3, 0.9));
  CHECK(rules::is_hard_to_reach(p, 0.9, 0.3));
  CHECK_FALSE(rules::is_hard_to_reach(p, 0.5, 0.5));
  p.hard_to_reach_below = 0.2;
  CHECK_FALSE(rules::is_hard_to_reach(p, 0.3, 0.9));
  p.hard_to_reach_below = 0.6;
  CHECK(rules::is_hard_to_reach(p, 0.5, 0.9));
}

TEST_CASE("targeting weighs education and the non-western or low-income factor") {
  InvitationParams p;
  CHECK(rules::targeting_weight(p, Targeting::uniform, 0, 2, kLowIncome) == 1.0);
  CHECK(rules::targeting_weight(p, Targeting::under_represented, 2, 0, 0) == p.targeting_by_education[2]);
  p.targeting_non_western_or_low_income = 2.0;
  CHECK(rules::targeting_weight(p, Targeting::under_represented, 0, 2, 0) == Approx(p.targeting_by_education[0] * 2.0));
  CHECK(rules::targeting_weight(p, Targeting::under_represented, 1, 0, kLowIncome) ==
        Approx(p.targeting_by_education[1] * 2.0));
}

TEST_CASE("coaching closes its share of the gap to full capacity") {
  CommunityWorkerParams p;
  p.coaching = 0.25;
  CHECK(rules::coached_capacity(p, 0.2) == Approx(0.2 + 0.25 * 0.8));
  p.coaching = 0.0;
  CHECK(rules::coached_capacity(p, 0.2) == 0.2);
}

TEST_CASE("a real buurt starts every part of liveability at the structural level of its vulnerability") {
  LiveabilityParams p;
  p.structural_vital = 0.8;
  p.structural_vulnerable = 0.4;
  for (double part : rules::starting_liveability(p, 0.5)) CHECK(part == Approx(0.6));
  CHECK(rules::starting_liveability(p, 0.0)[0] == Approx(0.8));
  CHECK(rules::starting_liveability(p, 1.0)[2] == Approx(0.4));
}

TEST_CASE("structural liveability: vulnerability, withdrawal and residents taking over") {
  const LiveabilityParams p;
  CHECK(rules::structural_liveability(p, 0.0, 1.0, 0.0) == Approx(p.structural_vital));
  CHECK(rules::structural_liveability(p, 1.0, 1.0, 0.0) == Approx(p.structural_vulnerable));
  const double cut_nobody = rules::structural_liveability(p, 0.5, 0.5, 0.0);
  const double cut_half = rules::structural_liveability(p, 0.5, 0.5, p.takeover_share / 2);
  const double cut_all = rules::structural_liveability(p, 0.5, 0.5, p.takeover_share);
  const double kept = rules::structural_liveability(p, 0.5, 1.0, 0.0);
  CHECK(kept - cut_nobody == Approx(p.withdrawal_penalty * 0.5));
  CHECK(cut_half == Approx((cut_nobody + kept) / 2));
  CHECK(cut_all == Approx(kept));
}

TEST_CASE("issues arise more often where liveability is low") {
  const IssueParams p;
  const NeglectParams n;
  const int space = static_cast<int>(IssueType::public_space);
  CHECK(rules::issue_arrival_probability(p, n, space, 1.0, 1.0) == Approx(p.arrival_rate));
  CHECK(rules::issue_arrival_probability(p, n, space, 0.0, 1.0) ==
        Approx(p.arrival_rate * (1 + p.low_liveability_boost)));
}

TEST_CASE("a cut in services raises public-space and care issues, not the others") {
  const IssueParams p;
  const NeglectParams n;
  for (int issue = 0; issue < kIssueTypeCount; ++issue) {
    const double kept = rules::issue_arrival_probability(p, n, issue, 0.6, 1.0);
    const double cut = rules::issue_arrival_probability(p, n, issue, 0.6, 0.5);
    if (issue == static_cast<int>(IssueType::public_space) || issue == static_cast<int>(IssueType::social_care))
      CHECK(cut > kept);
    else
      CHECK(cut == kept);
  }
}

TEST_CASE("being ignored costs members trust and motivation, less than obstruction; support costs nothing") {
  const TrustParams trust;
  const InitiativeParams p;
  const auto ignored = rules::felt_answer(trust, p, Response::ignore);
  const auto obstructed = rules::felt_answer(trust, p, Response::obstruct);
  const auto supported = rules::felt_answer(trust, p, Response::support);
  CHECK(ignored.trust_loss > 0);
  CHECK(ignored.motivation_loss > 0);
  CHECK(ignored.trust_loss < obstructed.trust_loss);
  CHECK(ignored.motivation_loss < obstructed.motivation_loss);
  CHECK(ignored.dropout == 0);
  CHECK(supported.trust_loss == 0);
  CHECK(supported.motivation_loss == 0);
}

TEST_CASE("neglect: a cut is felt most by those who depend on services, decline by everyone") {
  const NeglectParams n;
  CHECK(rules::neglect_felt(n, true, 1.0, 0.0) == 0.0);
  CHECK(rules::neglect_felt(n, false, 1.0, 0.0) == 0.0);
  CHECK(rules::neglect_felt(n, true, 0.6, 0.0) > rules::neglect_felt(n, false, 0.6, 0.0));
  CHECK(rules::neglect_felt(n, false, 0.6, 0.0) > 0.0);
  CHECK(rules::neglect_felt(n, false, 1.0, 0.05) > 0.0);
  CHECK(rules::neglect_felt(n, false, 1.0, -0.05) == 0.0);  // a buurt that improved is no grievance
  CHECK(rules::depends_on_services(1, static_cast<std::uint8_t>(Tenure::social_rent), 0));
  CHECK(rules::depends_on_services(kSeniorAgeGroup, 0, 0));
  CHECK(rules::depends_on_services(1, 0, kLowIncome));
  CHECK_FALSE(rules::depends_on_services(1, 0, kParent));
}

TEST_CASE("trust drifts back to a baseline that neglect lowers") {
  const TrustParams p;
  const double kept = rules::next_trust(p, 0.5, 0.5, 0.0, 0.0, 0.0);
  const double neglected = rules::next_trust(p, 0.5, 0.5, 0.1, 0.0, 0.0);
  CHECK(kept == Approx(0.5));
  CHECK(neglected < kept);
}

TEST_CASE("only work on public space and care takes over the municipality's tasks") {
  CHECK(rules::takes_over_maintenance(static_cast<int>(IssueType::public_space)));
  CHECK(rules::takes_over_maintenance(static_cast<int>(IssueType::social_care)));
  CHECK_FALSE(rules::takes_over_maintenance(static_cast<int>(IssueType::youth)));
  CHECK_FALSE(rules::takes_over_maintenance(static_cast<int>(IssueType::safety)));
  CHECK_FALSE(rules::takes_over_maintenance(static_cast<int>(IssueType::housing)));
}

TEST_CASE("stakes: parents in youth, seniors in social care, renters in housing") {
  const auto parent_renter = rules::issue_stakes(rules::stake_profile(1, 2, kParent));
  CHECK(parent_renter[3] == 1.0);
  CHECK(parent_renter[4] == 1.0);
  CHECK(parent_renter[2] < 1.0);
  const auto senior_owner = rules::issue_stakes(rules::stake_profile(kSeniorAgeGroup, 0, 0));
  CHECK(senior_owner[2] == 1.0);
  CHECK(senior_owner[0] == 1.0);
  CHECK(senior_owner[4] < 1.0);
}

TEST_CASE("legitimacy: an unjust decision costs the groups it under-represents, by their shortfall") {
  LegitimacyParams p;
  p.tolerated_dissimilarity = 0.3;
  // Representativeness 0.8: within what is tolerated, nobody minds.
  CHECK(rules::unrepresented_loss(p, 0.8, 0.0, 0.4) == 0.0);
  // Representativeness 0.6: unjust; a group that was not there loses all, half its share half.
  CHECK(rules::unrepresented_loss(p, 0.6, 0.0, 0.4) == Approx(p.trust_loss));
  CHECK(rules::unrepresented_loss(p, 0.6, 0.2, 0.4) == Approx(p.trust_loss / 2));
  CHECK(rules::unrepresented_loss(p, 0.6, 0.5, 0.4) == 0.0);  // over-represented
}

TEST_CASE("community workers meet the hard to reach and, the civic support paradox, the already active") {
  const CommunityWorkerParams p;
  const double hard = rules::community_worker_contact_weight(p, true, false);
  const double active = rules::community_worker_contact_weight(p, false, true);
  const double others = rules::community_worker_contact_weight(p, false, false);
  CHECK(hard > others);
  CHECK(active > others);
  CHECK(rules::community_worker_contact_weight(p, true, true) == hard);
}
