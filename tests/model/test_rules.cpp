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
  const rules::JoinInputs base{0.4, 0.4, 0.2, 0.6, 0.1, 0.5, 0.1, 0.0};
  const double z = rules::join_log_odds(p, base);
  auto with = [&](auto change) { auto in = base; change(in); return rules::join_log_odds(p, in); };
  CHECK(with([](auto& in) { in.capacity += 0.1; }) == Approx(z + 0.1 * p.capacity_weight));
  CHECK(with([](auto& in) { in.motivation += 0.1; }) == Approx(z + 0.1 * p.motivation_weight));
  CHECK(with([](auto& in) { in.active_tie_share += 0.1; }) == Approx(z + 0.1 * p.peer_weight));
  CHECK(with([](auto& in) { in.invitation = 1.0; }) == Approx(z + 1.0));
  CHECK(with([](auto& in) { in.fatigue += 0.1; }) == Approx(z - 0.1 * p.fatigue_weight));
  CHECK(with([](auto& in) { in.trust -= 0.1; }) == Approx(z - 0.1 * p.trust_weight));
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
  CHECK(rules::channel_response(p, Channel::letter, 0, 1, false) < rules::channel_response(p, Channel::letter, 2, 1, false));
  CHECK(rules::channel_response(p, Channel::online, 1, 3, false) < rules::channel_response(p, Channel::online, 1, 0, false));
  CHECK(rules::channel_response(p, Channel::community_worker, 0, 1, true) >
        rules::channel_response(p, Channel::community_worker, 2, 1, false));
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
  CHECK(rules::channel_response(p, Channel::letter, 0, 2, false) == 2.0);
  CHECK(rules::channel_response(p, Channel::letter, 2, 2, false) == 0.1);
  CHECK(rules::channel_response(p, Channel::online, 1, 3, false) == Approx(0.5 * 2.0));
  CHECK(rules::channel_response(p, Channel::own_ties, 1, 1, false) == 0.7);
  CHECK(rules::channel_response(p, Channel::community_worker, 1, 1, false) == 0.9);
  CHECK(rules::channel_response(p, Channel::community_worker, 1, 1, true) == p.community_worker_response_hard_to_reach);
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
  CHECK(rules::issue_arrival_probability(p, 1.0) == Approx(p.arrival_rate));
  CHECK(rules::issue_arrival_probability(p, 0.0) == Approx(p.arrival_rate * (1 + p.low_liveability_boost)));
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
