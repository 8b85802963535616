// The behavioural rules, checked against hand computation.
#include <catch.hpp>

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

TEST_CASE("channels reach and answer by group") {
  CHECK(rules::channel_response(Channel::letter, 0, 1, 0.5, 0.5) < rules::channel_response(Channel::letter, 2, 1, 0.5, 0.5));
  CHECK(rules::channel_response(Channel::online, 1, 3, 0.5, 0.5) < rules::channel_response(Channel::online, 1, 0, 0.5, 0.5));
  CHECK(rules::channel_response(Channel::community_worker, 0, 1, 0.2, 0.5) >
        rules::channel_response(Channel::community_worker, 2, 1, 0.8, 0.8));
  CHECK_FALSE(rules::channel_reaches(Channel::housing_corporation, 0, 3));
  CHECK(rules::channel_reaches(Channel::housing_corporation, 2, 0));
  CHECK_FALSE(rules::channel_reaches(Channel::own_ties, 1, 0));
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
