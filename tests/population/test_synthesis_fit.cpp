// The fit report of synthesis on real buurten: every marginal within its rounding tolerance,
// totals preserved, and the same report for the same scenario.
#include <catch.hpp>

#include <cmath>
#include <numeric>
#include <string>
#include <variant>
#include <vector>

#include "sim/data/cbs_buurten.hpp"
#include "sim/population/fit.hpp"
#include "sim/population/synthesis.hpp"
#include "sim/population/targets.hpp"
#include "tests/data/data_test_files.hpp"

using namespace wijksim;

namespace {

const char* const kUtrechtFile = "utrecht_2019_84583NED_reduced.csv";

Scenario kanaleneiland_scenario() {
  CbsSelection selection;
  selection.file = test::shared_cbs_file(kUtrechtFile);
  selection.buurten = {"BU03440831", "BU03440832"};
  std::vector<std::string> notes;
  Scenario scenario;
  scenario.seed = 344;
  scenario.buurten = read_cbs_buurten(selection, notes);
  return scenario;
}

template <typename T>
const std::vector<T>& column(const Table& table, const std::string& name) {
  for (std::size_t c = 0; c < table.column_names.size(); ++c)
    if (table.column_names[c] == name) return std::get<std::vector<T>>(table.columns[c]);
  FAIL("no column " << name);
  throw;
}

// Largest error rounding allows: one resident (or household) per category; tenure is shared by
// a household, so a category can be off by up to one full household.
double tolerance(const std::string& marginal, const Buurt& buurt, const BuurtTargets& targets) {
  const double residents = buurt.resident_count;
  if (marginal == "tenure") return kMaxHouseholdSize / residents;
  if (marginal == "households_with_children") return 1.0 / targets.households;
  if (marginal == "household_size") return 0.01 * buurt.spec.composition.household_size;
  return 1.0 / residents;
}

}  // namespace

TEST_CASE("real Kanaleneiland: every marginal fits within rounding", "[population][fit][real]") {
  REQUIRE_SHARED_CBS_FILE(kUtrechtFile);
  const Scenario scenario = kanaleneiland_scenario();
  REQUIRE(scenario.buurten.size() == 2);
  const Population population = synthesize_population(scenario, 0);
  const Table fit = synthesis_fit_table(population);
  const auto& buurt_codes = column<std::string>(fit, "buurt");
  const auto& marginals = column<std::string>(fit, "marginal");
  const auto& errors = column<double>(fit, "abs_error");
  // Age 4, education 3, migration 3, tenure 3 categories and four single figures per buurt.
  REQUIRE(buurt_codes.size() == 2 * (4 + 3 + 3 + 3 + 4));
  for (std::size_t row = 0; row < buurt_codes.size(); ++row) {
    const std::size_t b = buurt_codes[row] == "BU03440831" ? 0 : 1;
    REQUIRE(population.buurten[b].spec.code == buurt_codes[row]);
    const BuurtTargets targets =
        buurt_targets(population.buurten[b].spec.composition, population.buurten[b].resident_count);
    INFO(buurt_codes[row] << " " << marginals[row] << " " << column<std::string>(fit, "category")[row]);
    CHECK(errors[row] <= tolerance(marginals[row], population.buurten[b], targets) + 1e-12);
  }
}

TEST_CASE("real Kanaleneiland: totals are preserved", "[population][fit][real]") {
  REQUIRE_SHARED_CBS_FILE(kUtrechtFile);
  const Scenario scenario = kanaleneiland_scenario();
  const Population population = synthesize_population(scenario, 0);
  std::size_t total = 0;
  for (std::size_t b = 0; b < population.buurten.size(); ++b) {
    const Buurt& buurt = population.buurten[b];
    const AchievedCounts counts = achieved_counts(population, b);
    const BuurtTargets targets = buurt_targets(buurt.spec.composition, buurt.resident_count);
    for (const auto& marginal : {std::vector<std::int64_t>(counts.age_group.begin(), counts.age_group.end()),
                                 std::vector<std::int64_t>(counts.education.begin(), counts.education.end()),
                                 std::vector<std::int64_t>(counts.migration_background.begin(),
                                                           counts.migration_background.end()),
                                 std::vector<std::int64_t>(counts.tenure.begin(), counts.tenure.end())})
      CHECK(std::accumulate(marginal.begin(), marginal.end(), std::int64_t{0}) == buurt.spec.residents);
    CHECK(counts.households == targets.households);
    CHECK(counts.households_with_children == targets.households_with_children);
    total += buurt.resident_count;
  }
  CHECK(total == population.size());
  CHECK(total == static_cast<std::size_t>(scenario.buurten[0].residents + scenario.buurten[1].residents));
}

TEST_CASE("the fit report is deterministic", "[population][fit]") {
  Scenario scenario;
  scenario.seed = 5;
  for (int b = 0; b < 3; ++b) {
    BuurtSpec buurt;
    buurt.code = "BU" + std::to_string(b);
    buurt.residents = 700 + 311 * b;
    buurt.composition.education = {0.2 + 0.1 * b, 0.5 - 0.1 * b, 0.3};
    scenario.buurten.push_back(buurt);
  }
  const Table first = synthesis_fit_table(synthesize_population(scenario, 0));
  const Table again = synthesis_fit_table(synthesize_population(scenario, 0));
  REQUIRE(first.columns == again.columns);
  REQUIRE(first.path == "fit");
  // Replicates differ in who lives where, not in the counts, except tenure, which follows the
  // random household sizes.
  const Table other = synthesis_fit_table(synthesize_population(scenario, 1));
  const auto& marginals = column<std::string>(first, "marginal");
  for (std::size_t row = 0; row < marginals.size(); ++row) {
    if (marginals[row] == "tenure") continue;
    INFO(marginals[row]);
    CHECK(column<double>(other, "achieved")[row] == column<double>(first, "achieved")[row]);
  }
}
