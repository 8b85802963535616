// The joint age x education x migration table: the national seed, IPF fit to a buurt's
// marginals, exact rounding, and the association it gives the synthesised residents.
#include <catch.hpp>

#include <array>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <random>
#include <vector>

#include "sim/data/cbs_joint_table.hpp"
#include "sim/data/data_error.hpp"
#include "sim/data/ipf.hpp"
#include "tests/data/data_test_files.hpp"
#include "sim/population/joint_table.hpp"
#include "sim/population/synthesis.hpp"
#include "sim/population/targets.hpp"

using namespace wijksim;

namespace {

const std::vector<std::size_t> kShape{kJointAges, kJointEducations, kJointMigrations};

template <std::size_t K>
std::array<std::uint32_t, K> sums_along(const JointCounts& counts, std::size_t dimension) {
  const std::vector<double> table(counts.begin(), counts.end());
  const std::vector<double> sums = marginal_sums(kShape, table, dimension);
  std::array<std::uint32_t, K> result{};
  for (std::size_t k = 0; k < K; ++k) result[k] = static_cast<std::uint32_t>(std::lround(sums[k]));
  return result;
}

void require_exact_marginals(const JointCounts& counts, const BuurtTargets& targets) {
  REQUIRE(sums_along<kJointAges>(counts, 0) == targets.age_group);
  REQUIRE(sums_along<kJointEducations>(counts, 1) == targets.education);
  REQUIRE(sums_along<kJointMigrations>(counts, 2) == targets.migration);
}

BuurtTargets targets_of(const Composition& composition, std::uint32_t residents) {
  return buurt_targets(composition, residents);
}

// Odds of low against high education for an age group, summed over migration backgrounds.
double low_high_odds(const std::vector<double>& table, std::size_t age) {
  double low = 0, high = 0;
  for (std::size_t m = 0; m < kJointMigrations; ++m) {
    low += table[joint_cell(age, 0, m)];
    high += table[joint_cell(age, 2, m)];
  }
  return low / high;
}

}  // namespace

TEST_CASE("the fitted joint table meets the buurt's marginals and keeps the seed's odds ratios",
          "[population][joint]") {
  Composition composition;
  composition.age_group = {0.20, 0.40, 0.25, 0.15};
  composition.education = {0.50, 0.30, 0.20};
  composition.migration_background = {0.30, 0.10, 0.60};
  const BuurtTargets targets = targets_of(composition, 8000);
  const std::vector<double> fitted = fitted_joint_table(targets);
  for (std::size_t d = 0; d < 3; ++d) {
    const std::vector<double> sums = marginal_sums(kShape, fitted, d);
    const std::vector<double> wanted =
        d == 0 ? std::vector<double>(targets.age_group.begin(), targets.age_group.end())
        : d == 1 ? std::vector<double>(targets.education.begin(), targets.education.end())
                 : std::vector<double>(targets.migration.begin(), targets.migration.end());
    for (std::size_t k = 0; k < sums.size(); ++k) CHECK(sums[k] == Approx(wanted[k]).margin(1e-4));
  }
  // IPF changes levels, not interactions: a cross ratio within one migration background
  // is the seed's.
  const std::vector<double> seed = joint_seed();
  auto cross_ratio = [](const std::vector<double>& t, std::size_t m) {
    return t[joint_cell(3, 0, m)] * t[joint_cell(1, 2, m)] / (t[joint_cell(3, 2, m)] * t[joint_cell(1, 0, m)]);
  };
  for (std::size_t m = 0; m < kJointMigrations; ++m) CHECK(cross_ratio(fitted, m) == Approx(cross_ratio(seed, m)));
  CHECK(low_high_odds(fitted, 3) > 2 * low_high_odds(fitted, 1));
}

TEST_CASE("rounding the joint table keeps every marginal count exact", "[population][joint]") {
  std::mt19937 generator(7);
  std::uniform_real_distribution<double> share(0.0, 1.0);
  for (int trial = 0; trial < 500; ++trial) {
    Composition composition;
    for (double& s : composition.age_group) s = share(generator);
    for (double& s : composition.education) s = share(generator);
    for (double& s : composition.migration_background) s = share(generator);
    if (trial % 5 == 0) composition.education[trial % 3] = 0.0;  // an empty category
    if (trial % 7 == 0) composition.age_group[trial % 4] = 0.0;
    const auto residents = static_cast<std::uint32_t>(trial % 50 == 0 ? trial / 50 : 1 + trial * 13 % 3000);
    const BuurtTargets targets = targets_of(composition, residents);
    const std::vector<double> fitted = fitted_joint_table(targets);
    const JointCounts counts = integerise_joint_table(fitted, targets);
    require_exact_marginals(counts, targets);
    for (std::size_t cell = 0; cell < kJointCells; ++cell) REQUIRE(std::abs(counts[cell] - fitted[cell]) < 3.0);
  }
}

TEST_CASE("a whole-number fitted table is kept as it is", "[population][joint]") {
  BuurtTargets targets;
  std::vector<double> fitted(kJointCells);
  for (std::size_t cell = 0; cell < kJointCells; ++cell) fitted[cell] = static_cast<double>(cell % 5);
  JointCounts expected{};
  for (std::size_t cell = 0; cell < kJointCells; ++cell) expected[cell] = static_cast<std::uint32_t>(fitted[cell]);
  targets.age_group = sums_along<kJointAges>(expected, 0);
  targets.education = sums_along<kJointEducations>(expected, 1);
  targets.migration = sums_along<kJointMigrations>(expected, 2);
  targets.residents = std::accumulate(expected.begin(), expected.end(), 0u);
  CHECK(integerise_joint_table(fitted, targets) == expected);
}

TEST_CASE("synthesised residents carry the joint table's association", "[population][joint]") {
  Scenario scenario;
  scenario.seed = 11;
  BuurtSpec buurt;
  buurt.code = "BU_joint";
  buurt.residents = 30000;
  scenario.buurten.push_back(buurt);
  const Population population = synthesize_population(scenario, 0);
  const Residents& residents = population.residents;
  std::array<double, 4> low{}, all{};
  std::array<double, 3> non_western{}, by_education{};
  for (std::uint32_t i = 0; i < residents.size(); ++i) {
    all[residents.age_group[i]] += 1;
    low[residents.age_group[i]] += residents.education[i] == 0;
    by_education[residents.education[i]] += 1;
    non_western[residents.education[i]] += residents.migration[i] == 2;
  }
  // Older residents more often low educated than 25-44; with independent assignment the shares
  // would be equal up to sampling noise.
  CHECK(low[3] / all[3] > low[1] / all[1] + 0.1);
  CHECK(non_western[0] / by_education[0] > non_western[2] / by_education[2]);
  // The joint table's counts per age group are what the residents carry.
  const BuurtTargets targets = buurt_targets(buurt.composition, 30000);
  const JointCounts cells = joint_counts(targets);
  for (std::size_t a = 0; a < kJointAges; ++a) {
    std::uint32_t low_in_table = 0;
    for (std::size_t m = 0; m < kJointMigrations; ++m) low_in_table += cells[joint_cell(a, 0, m)];
    CHECK(low[a] == low_in_table);
  }
}

TEST_CASE("the seed is CBS's national joint table, and fitting it to that table's marginals reproduces it",
          "[population][joint][real]") {
  const std::string file = "nl_2021q2_sex_age_migration_education_82275NED.csv";
  REQUIRE_SHARED_CBS_FILE(file);
  const std::vector<double> national = read_cbs_joint_table(test::shared_cbs_file(file));
  CHECK(national == joint_seed());
  CHECK(std::accumulate(national.begin(), national.end(), 0.0) == 14272);  // SOURCE.md: the bands add up to 14,272
  // The national marginals (in residents: thousands x 10) as a buurt's targets.
  BuurtTargets targets;
  const auto as_counts = [](const std::vector<double>& sums) {
    std::vector<std::uint32_t> counts;
    for (double sum : sums) counts.push_back(static_cast<std::uint32_t>(std::lround(sum * 10)));
    return counts;
  };
  const auto age = as_counts(marginal_sums(kShape, national, 0));
  const auto education = as_counts(marginal_sums(kShape, national, 1));
  const auto migration = as_counts(marginal_sums(kShape, national, 2));
  std::copy(age.begin(), age.end(), targets.age_group.begin());
  std::copy(education.begin(), education.end(), targets.education.begin());
  std::copy(migration.begin(), migration.end(), targets.migration.begin());
  targets.residents = 142720;
  const std::vector<double> fitted = fitted_joint_table(targets);
  for (std::size_t cell = 0; cell < kJointCells; ++cell) CHECK(fitted[cell] == Approx(national[cell] * 10));
  require_exact_marginals(joint_counts(targets), targets);
}

TEST_CASE("the national joint table file: unknown labels and missing cells are errors", "[population][joint]") {
  const std::string header = "\xEF\xBB\xBF\"Geslacht\";\"Leeftijd\";\"Migratieachtergrond \";"
                             "\"Hoogst behaald onderwijsniveau\";\"Perioden\";\"Bevolking (x 1000)\"\n";
  const std::string row = "\"Mannen\";\"15 tot 25 jaar\";\"Nederlandse achtergrond\";\"1 Laag onderwijsniveau\";"
                          "\"2021 2e kwartaal\";359\n";
  CHECK_THROWS_WITH(parse_cbs_joint_table(header + row, "seed.csv"),
                    Catch::Contains("none for ages 15-24, '1 Laag onderwijsniveau', 'Westerse migratieachtergrond'"));
  const std::string unknown = "\"Mannen\";\"15 tot 20 jaar\";\"Nederlandse achtergrond\";\"1 Laag onderwijsniveau\";"
                              "\"2021 2e kwartaal\";12\n";
  try {
    parse_cbs_joint_table(header + unknown, "seed.csv");
    FAIL("an unknown age band was accepted");
  } catch (const DataError& error) {
    CHECK(error.line() == 2);
    CHECK(error.column() == "Leeftijd");
  }
}
