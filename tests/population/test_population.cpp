// Tests of population synthesis: exact marginals, households, the network's structure,
// homophily, and determinism across replicates and thread counts.
#include <catch.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <numeric>
#include <vector>

#include <tbb/global_control.h>

#include "sim/core/attributes.hpp"
#include "sim/population/synthesis.hpp"
#include "sim/population/targets.hpp"

using namespace wijksim;

namespace {

BuurtSpec make_buurt(const std::string& code, int residents, double vulnerability) {
  BuurtSpec spec;
  spec.code = code;
  spec.name = code;
  spec.residents = residents;
  spec.vulnerability = vulnerability;
  return spec;
}

Scenario make_scenario(std::vector<int> residents_per_buurt) {
  Scenario scenario;
  scenario.seed = 20240611;
  for (std::size_t b = 0; b < residents_per_buurt.size(); ++b)
    scenario.buurten.push_back(make_buurt("BU" + std::to_string(b), residents_per_buurt[b],
                                          static_cast<double>(b % 5) / 4.0));
  return scenario;
}

template <std::size_t K>
std::array<std::uint32_t, K> tally(const std::vector<std::uint8_t>& column, std::uint32_t first,
                                   std::uint32_t count) {
  std::array<std::uint32_t, K> counts{};
  for (std::uint32_t i = first; i < first + count; ++i) ++counts.at(column[i]);
  return counts;
}

std::uint32_t count_flag(const Residents& residents, std::uint8_t flag) {
  return static_cast<std::uint32_t>(std::count_if(residents.flags.begin(), residents.flags.end(),
                                                  [&](std::uint8_t f) { return f & flag; }));
}

bool tied(const Network& network, std::uint32_t a, std::uint32_t b) {
  return std::binary_search(network.targets.begin() + network.offsets[a],
                            network.targets.begin() + network.offsets[a + 1], b);
}

bool same_age_and_education(const Residents& residents, std::uint32_t a, std::uint32_t b) {
  return residents.age_group[a] == residents.age_group[b] &&
         residents.education[a] == residents.education[b];
}

// Share of the ties outside the household of residents for whom `from(i)` holds that lead to a
// resident j with `same(i, j)`.
template <typename From, typename Same>
double tie_share(const Population& population, From from, Same same) {
  const Residents& residents = population.residents;
  std::uint64_t hits = 0, total = 0;
  for (std::uint32_t i = 0; i < residents.size(); ++i) {
    if (!from(i)) continue;
    for (std::uint32_t k = population.network.offsets[i]; k < population.network.offsets[i + 1];
         ++k) {
      const std::uint32_t j = population.network.targets[k];
      if (residents.household[i] == residents.household[j]) continue;
      ++total;
      hits += same(i, j);
    }
  }
  return static_cast<double>(hits) / static_cast<double>(total);
}

// Share of ties outside the household that join residents of the same age group and education.
double same_group_share(const Population& population) {
  const Residents& r = population.residents;
  return tie_share(population, [](std::uint32_t) { return true; },
                   [&](std::uint32_t i, std::uint32_t j) { return same_age_and_education(r, i, j); });
}

// Among residents of a non-western migration background, the share of ties to the same background.
double non_western_own_share(const Population& population) {
  const Residents& r = population.residents;
  constexpr std::uint8_t kNonWestern = 2;
  return tie_share(population, [&](std::uint32_t i) { return r.migration[i] == kNonWestern; },
                   [&](std::uint32_t, std::uint32_t j) { return r.migration[j] == kNonWestern; });
}

// Taken by value: ResidentColumns::all(), the one list of the resident columns, is not const.
void require_identical(Population a, Population b) {
  REQUIRE(a.residents.all() == b.residents.all());
  REQUIRE(a.network.offsets == b.network.offsets);
  REQUIRE(a.network.targets == b.network.targets);
}

}  // namespace

TEST_CASE("apportion gives the largest remainders the leftover units", "[population]") {
  const std::array<double, 3> shares{0.5, 0.3, 0.2};
  // Quotas of 7 are 3.5, 2.1 and 1.4: floors 3, 2, 1 and the one leftover to the 0.5 remainder.
  CHECK(apportion(shares, 7) == std::array<std::uint32_t, 3>{4, 2, 1});
  const std::array<double, 4> unnormalised{2.0, 2.0, 2.0, 0.0};
  const auto counts = apportion(unnormalised, 1000);
  CHECK(std::accumulate(counts.begin(), counts.end(), 0u) == 1000u);
  CHECK(counts[3] == 0u);
  CHECK_THROWS_AS(apportion(std::array<double, 2>{0.0, 0.0}, 5), std::invalid_argument);
  CHECK_THROWS_AS(apportion(std::array<double, 2>{-0.1, 1.1}, 5), std::invalid_argument);
}

TEST_CASE("a small buurt matches its apportioned marginals", "[population]") {
  Scenario scenario = make_scenario({437});
  Composition& composition = scenario.buurten[0].composition;
  composition.age_group = {0.2, 0.3, 0.3, 0.2};
  composition.education = {0.45, 0.35, 0.20};
  composition.migration_background = {0.5, 0.1, 0.4};
  composition.tenure = {0.25, 0.15, 0.60};
  composition.low_income = 0.17;
  composition.health_limitation = 0.21;
  const Population population = synthesize_population(scenario, 0);
  const Residents& residents = population.residents;
  const BuurtTargets targets = buurt_targets(composition, 437);

  REQUIRE(residents.size() == 437);
  REQUIRE(population.buurten[0].first_resident == 0);
  REQUIRE(population.buurten[0].resident_count == 437);
  CHECK(tally<4>(residents.age_group, 0, 437) == targets.age_group);
  CHECK(tally<3>(residents.education, 0, 437) == targets.education);
  CHECK(tally<3>(residents.migration, 0, 437) == targets.migration);
  CHECK(count_flag(residents, kLowIncome) == targets.low_income);
  CHECK(count_flag(residents, kHealthLimitation) == targets.health_limitation);
  // Tenure is shared by a household, so each boundary may be off by part of a household.
  const auto tenure = tally<3>(residents.tenure, 0, 437);
  for (int k = 0; k < 3; ++k)
    CHECK(std::abs(static_cast<int>(tenure[k]) - static_cast<int>(targets.tenure[k])) <=
          static_cast<int>(kMaxHouseholdSize));
}

TEST_CASE("buurten occupy contiguous rows in order", "[population]") {
  const Population population = synthesize_population(make_scenario({120, 0, 75, 300}), 0);
  std::uint32_t next = 0;
  for (std::size_t b = 0; b < population.buurten.size(); ++b) {
    const Buurt& buurt = population.buurten[b];
    CHECK(buurt.first_resident == next);
    CHECK(buurt.resident_count == static_cast<std::uint32_t>(buurt.spec.residents));
    for (std::uint32_t i = buurt.first_resident; i < buurt.first_resident + buurt.resident_count;
         ++i)
      REQUIRE(population.residents.buurt[i] == b);
    next += buurt.resident_count;
  }
  CHECK(population.size() == next);
}

TEST_CASE("households are contiguous, sized 1 to 6, share tenure, and match the mean size",
          "[population]") {
  Scenario scenario = make_scenario({6000, 4000});
  scenario.buurten[0].composition.household_size = 2.3;
  scenario.buurten[1].composition.household_size = 1.5;
  const Population population = synthesize_population(scenario, 0);
  const Residents& residents = population.residents;

  for (const Buurt& buurt : population.buurten) {
    std::vector<std::uint32_t> sizes;
    for (std::uint32_t i = buurt.first_resident; i < buurt.first_resident + buurt.resident_count;
         ++i) {
      const bool starts_household = i == buurt.first_resident ||
                                    residents.household[i] != residents.household[i - 1];
      if (starts_household) {
        if (!sizes.empty()) REQUIRE(residents.household[i] == residents.household[i - 1] + 1);
        sizes.push_back(0);
      } else {
        REQUIRE(residents.tenure[i] == residents.tenure[i - 1]);
        REQUIRE((residents.flags[i] & kParent) == (residents.flags[i - 1] & kParent));
      }
      ++sizes.back();
    }
    for (std::uint32_t size : sizes) REQUIRE((size >= 1 && size <= kMaxHouseholdSize));
    const double mean = static_cast<double>(buurt.resident_count) / sizes.size();
    CHECK(mean == Approx(buurt.spec.composition.household_size).epsilon(0.01));
    const BuurtTargets targets = buurt_targets(buurt.spec.composition, buurt.resident_count);
    CHECK(sizes.size() == targets.households);
  }
}

TEST_CASE("households with children match their share and are mostly aged 25-64",
          "[population]") {
  Scenario scenario = make_scenario({5000});
  scenario.buurten[0].composition.households_with_children = 0.35;
  const Population population = synthesize_population(scenario, 0);
  const Residents& residents = population.residents;
  const BuurtTargets targets = buurt_targets(scenario.buurten[0].composition, 5000);

  std::uint32_t parent_households = 0, parents = 0, parents_of_working_age = 0;
  for (std::uint32_t i = 0; i < residents.size(); ++i) {
    if (!(residents.flags[i] & kParent)) continue;
    ++parents;
    parents_of_working_age += residents.age_group[i] == 1 || residents.age_group[i] == 2;
    parent_households += i == 0 || residents.household[i] != residents.household[i - 1];
  }
  CHECK(parent_households == targets.households_with_children);
  CHECK(static_cast<double>(parents_of_working_age) / parents > 0.9);
}

TEST_CASE("low income and health limitation lean towards low education", "[population]") {
  const Population population = synthesize_population(make_scenario({20000}), 0);
  const Residents& residents = population.residents;
  auto share_by_education = [&](std::uint8_t flag) {
    std::array<double, 3> flagged{}, all{};
    for (std::uint32_t i = 0; i < residents.size(); ++i) {
      all[residents.education[i]] += 1;
      flagged[residents.education[i]] += (residents.flags[i] & flag) ? 1 : 0;
    }
    return std::array<double, 3>{flagged[0] / all[0], flagged[1] / all[1], flagged[2] / all[2]};
  };
  const auto low_income = share_by_education(kLowIncome);
  const auto health = share_by_education(kHealthLimitation);
  CHECK(low_income[0] > low_income[1]);
  CHECK(low_income[1] > low_income[2]);
  CHECK(health[0] > health[2]);
}

TEST_CASE("starting values lie in [0, 1] and follow the attribute parameters", "[population]") {
  Scenario scenario = make_scenario({20000});
  scenario.buurten[0].vulnerability = 0.0;
  scenario.buurten.push_back(make_buurt("BU_vulnerable", 20000, 1.0));
  // The life course, which weighs on the working-age higher educated, is checked on its own below.
  scenario.attributes.capacity_working_age_penalty = 0;
  scenario.attributes.capacity_parent_penalty = 0;
  scenario.attributes.capacity_senior_bonus = 0;
  const Population population = synthesize_population(scenario, 0);
  const Residents& residents = population.residents;
  std::array<double, 3> capacity_sum{}, capacity_count{};
  std::array<std::array<double, 3>, 2> trust_sum{}, trust_count{};  // by buurt and education
  for (std::uint32_t i = 0; i < residents.size(); ++i) {
    for (float value : {residents.capacity[i], residents.motivation[i], residents.trust[i],
                        residents.loneliness[i]})
      REQUIRE((value >= 0.0f && value <= 1.0f));
    capacity_sum[residents.education[i]] += residents.capacity[i];
    capacity_count[residents.education[i]] += 1;
    trust_sum[residents.buurt[i]][residents.education[i]] += residents.trust[i];
    trust_count[residents.buurt[i]][residents.education[i]] += 1;
  }
  auto mean_trust = [&](int buurt, int education) {
    return trust_sum[buurt][education] / trust_count[buurt][education];
  };
  // At least the education terms apart; more, since health limitations and low incomes, which
  // lower capacity too, are commoner among the low educated.
  const auto& by_education = scenario.attributes.capacity_by_education;
  CHECK(capacity_sum[2] / capacity_count[2] > capacity_sum[0] / capacity_count[0] + (by_education[2] - by_education[0]));
  // Within an education level the buurten differ by the vulnerability penalty; within a buurt the
  // levels differ by the education terms.
  CHECK(mean_trust(0, 1) - mean_trust(1, 1) == Approx(scenario.attributes.trust_vulnerability_penalty).margin(0.02));
  const auto& trust_by_education = scenario.attributes.trust_by_education;
  for (int buurt = 0; buurt < 2; ++buurt)
    CHECK(mean_trust(buurt, 2) - mean_trust(buurt, 0) ==
          Approx(trust_by_education[2] - trust_by_education[0]).margin(0.02));
}

TEST_CASE("the network is symmetric, sorted, without self ties or duplicates", "[population]") {
  const Population population = synthesize_population(make_scenario({800, 50, 1200, 1}), 3);
  const Network& network = population.network;
  const Residents& residents = population.residents;
  REQUIRE(network.offsets.size() == residents.size() + 1);
  REQUIRE(network.offsets.back() == network.targets.size());
  for (std::uint32_t i = 0; i < residents.size(); ++i) {
    for (std::uint32_t k = network.offsets[i]; k < network.offsets[i + 1]; ++k) {
      const std::uint32_t j = network.targets[k];
      REQUIRE(j < residents.size());
      REQUIRE(j != i);
      if (k > network.offsets[i]) REQUIRE(network.targets[k - 1] < j);
      REQUIRE(tied(network, j, i));
    }
    for (std::uint32_t j = i + 1; j < residents.size() && residents.household[j] ==
                                                              residents.household[i];
         ++j)
      REQUIRE(tied(network, i, j));
  }
}

TEST_CASE("mean degree follows the tie parameters", "[population]") {
  Scenario scenario = make_scenario(std::vector<int>(20, 2000));
  scenario.network.neighbour_ties = 5.0;
  scenario.network.lifeworld_ties = 3.0;
  const Population population = synthesize_population(scenario, 0);
  const Residents& residents = population.residents;
  std::uint64_t inside = 0, across = 0;
  for (std::uint32_t i = 0; i < residents.size(); ++i)
    for (std::uint32_t k = population.network.offsets[i]; k < population.network.offsets[i + 1];
         ++k) {
      const std::uint32_t j = population.network.targets[k];
      if (residents.household[i] == residents.household[j]) continue;
      (residents.buurt[i] == residents.buurt[j] ? inside : across) += 1;
    }
  const double n = static_cast<double>(residents.size());
  CHECK(inside / n == Approx(5.0).epsilon(0.05));
  CHECK(across / n == Approx(3.0).epsilon(0.05));
}

TEST_CASE("homophily raises the share of ties within the same age group and education",
          "[population]") {
  Scenario scenario = make_scenario(std::vector<int>(10, 1500));
  scenario.network.homophily = 0.0;
  const double without = same_group_share(synthesize_population(scenario, 0));
  scenario.network.homophily = 0.8;
  const double with = same_group_share(synthesize_population(scenario, 0));
  CHECK(with > without + 0.4);
  CHECK(without < 0.3);
}

TEST_CASE("homophily keeps ties within a migration background", "[population]") {
  Scenario scenario = make_scenario(std::vector<int>(10, 1500));  // 14 % non-western
  scenario.network.homophily = 0.0;
  const double without = non_western_own_share(synthesize_population(scenario, 0));
  scenario.network.homophily = 0.8;
  const double with = non_western_own_share(synthesize_population(scenario, 0));
  CHECK(without < 0.25);
  CHECK(with > 0.6);
}

TEST_CASE("life course: working age and parents start with less time, the retired with more, young "
          "adults with less attachment", "[population]") {
  Scenario scenario = make_scenario(std::vector<int>(4, 1500));
  const Population with = synthesize_population(scenario, 0);
  scenario.attributes.capacity_working_age_penalty = 0;
  scenario.attributes.capacity_parent_penalty = 0;
  scenario.attributes.capacity_senior_bonus = 0;
  scenario.attributes.motivation_young_adult_penalty = 0;
  const Population without = synthesize_population(scenario, 0);  // the same residents and draws
  const Residents& r = with.residents;
  std::array<double, 4> time{}, count{};  // young adults, working age, parents of working age, seniors
  double young_attachment = 0;
  for (std::uint32_t i = 0; i < r.size(); ++i) {
    const bool working_age = r.age_group[i] != kYoungAdultAgeGroup && r.age_group[i] != kSeniorAgeGroup;
    const int group = r.age_group[i] == kYoungAdultAgeGroup ? 0
                      : r.age_group[i] == kSeniorAgeGroup   ? 3
                      : (working_age && (r.flags[i] & kParent)) ? 2 : 1;
    time[group] += r.capacity[i] - without.residents.capacity[i];
    count[group] += 1;
    if (group == 0) young_attachment += r.motivation[i] - without.residents.motivation[i];
  }
  for (double n : count) REQUIRE(n > 0);
  CHECK(time[0] / count[0] == Approx(0.0).margin(1e-6));
  CHECK(time[1] / count[1] < 0.0);
  CHECK(time[2] / count[2] < time[1] / count[1]);
  CHECK(time[3] / count[3] > 0.0);
  CHECK(young_attachment / count[0] < 0.0);
}

TEST_CASE("synthesis is deterministic per replicate", "[population]") {
  const Scenario scenario = make_scenario({900, 400, 1300});
  const Population first = synthesize_population(scenario, 1);
  const Population again = synthesize_population(scenario, 1);
  require_identical(first, again);
  const Population other = synthesize_population(scenario, 2);
  CHECK(first.residents.education != other.residents.education);
  CHECK(first.residents.capacity != other.residents.capacity);
  CHECK(first.network.targets != other.network.targets);
}

TEST_CASE("synthesis does not depend on the thread count", "[population]") {
  const Scenario scenario = make_scenario(std::vector<int>(12, 3000));
  auto run_with_threads = [&](std::size_t threads) {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
    return synthesize_population(scenario, 4);
  };
  require_identical(run_with_threads(1), run_with_threads(2));
}

TEST_CASE("bad buurten are rejected with the buurt named", "[population]") {
  Scenario scenario = make_scenario({100, -5});
  CHECK_THROWS_WITH(synthesize_population(scenario, 0),
                    Catch::Contains("buurten[1]") && Catch::Contains("residents"));
  scenario = make_scenario({100});
  scenario.buurten[0].composition.low_income = 1.5;
  CHECK_THROWS_WITH(synthesize_population(scenario, 0), Catch::Contains("low_income"));
}

TEST_CASE("a million residents", "[.large]") {
  const Population population = synthesize_population(make_scenario(std::vector<int>(500, 2000)), 0);
  CHECK(population.size() == 1'000'000);
  WARN("ties: " << population.network.tie_count());
}

TEST_CASE("lifeworld ties stay within the gemeente, and still cross buurt borders", "[population]") {
  Scenario scenario = make_scenario(std::vector<int>(9, 1200));
  for (std::size_t b = 0; b < scenario.buurten.size(); ++b)
    scenario.buurten[b].gemeente = b < 4 ? "GM0001" : "GM0002";
  const Population population = synthesize_population(scenario, 0);
  const Residents& residents = population.residents;
  const auto gemeente_of = [&](std::uint32_t i) { return residents.buurt[i] < 4 ? 1 : 2; };
  std::uint64_t across_buurten = 0;
  for (std::uint32_t i = 0; i < residents.size(); ++i)
    for (std::uint32_t k = population.network.offsets[i]; k < population.network.offsets[i + 1]; ++k) {
      const std::uint32_t j = population.network.targets[k];
      REQUIRE(gemeente_of(i) == gemeente_of(j));
      across_buurten += residents.buurt[i] != residents.buurt[j];
    }
  CHECK(across_buurten / static_cast<double>(residents.size()) ==
        Approx(scenario.network.lifeworld_ties).epsilon(0.05));

  scenario.buurten[8].gemeente = "GM0001";  // GM0001 now in two separate runs
  CHECK_THROWS_WITH(synthesize_population(scenario, 0), Catch::Contains("not consecutive"));
}
