// The fit report of synthesis on real buurten: every marginal within its rounding tolerance,
// totals preserved, the same report for the same scenario, and the source of every target.
#include <catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "sim/data/cbs_buurten.hpp"
#include "sim/metrics/fit.hpp"
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
  const auto& buurt_rows = column<std::int64_t>(fit, "buurt");  // row indices into the buurten
  const auto& marginals = column<std::string>(fit, "marginal");
  const auto& errors = column<double>(fit, "abs_error");
  // Age 4, education 3, migration 3, tenure 3 categories and four single figures per buurt.
  REQUIRE(buurt_rows.size() == 2 * (4 + 3 + 3 + 3 + 4));
  for (std::size_t row = 0; row < buurt_rows.size(); ++row) {
    const auto b = static_cast<std::size_t>(buurt_rows[row]);
    REQUIRE(b < population.buurten.size());
    const BuurtTargets targets =
        buurt_targets(population.buurten[b].spec.composition, population.buurten[b].resident_count);
    INFO(population.buurten[b].spec.code << " " << marginals[row] << " " << column<std::string>(fit, "category")[row]);
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
    const BuurtTargets counts = achieved_counts(population, b);
    const BuurtTargets targets = buurt_targets(buurt.spec.composition, buurt.resident_count);
    for (const auto& marginal : {std::vector<std::int64_t>(counts.age_group.begin(), counts.age_group.end()),
                                 std::vector<std::int64_t>(counts.education.begin(), counts.education.end()),
                                 std::vector<std::int64_t>(counts.migration.begin(),
                                                           counts.migration.end()),
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

namespace {

// Two gemeenten in a 2019 main file and a 2019 detail file, with gaps placed so that each step
// of the nearest-detail order is taken once: BU77770102 lacks education (its own code in the
// detail has it), BU77770103 lacks tenure (its wijk has it) and low income (also missing in its
// wijk, present in GM7777), BU66660101 lacks low income up to its gemeente in the main file
// (GM6666 in the detail has it) and households with children everywhere (the model default).
CbsSelection provenance_selection() {
  const std::string main = test::kwb2019_fixture("provenance_main_2019.csv");
  const std::string detail = test::kwb2019_fixture("provenance_detail_2019.csv");
  CbsSelection selection;
  selection.file = main;
  selection.detail = {detail};
  return selection;
}

}  // namespace

TEST_CASE("the fit table names the source of every buurt's marginal", "[population][fit][detail]") {
  Scenario scenario;
  scenario.seed = 7;
  scenario.buurten = read_cbs_buurten(provenance_selection(), scenario.data_notes);
  REQUIRE(scenario.buurten.size() == 4);
  const Table fit = synthesis_fit_table(synthesize_population(scenario, 0));

  std::map<std::pair<std::string, std::string>, std::set<std::string>> found;
  const auto& buurten = column<std::int64_t>(fit, "buurt");
  const auto& marginals = column<std::string>(fit, "marginal");
  const auto& sources = column<std::string>(fit, "source");
  for (std::size_t row = 0; row < buurten.size(); ++row) {
    const std::string& code = scenario.buurten.at(static_cast<std::size_t>(buurten[row])).code;
    found[{code, marginals[row]}].insert(sources[row]);
  }

  const std::string detail = "provenance_detail_2019.csv";
  std::map<std::pair<std::string, std::string>, std::set<std::string>> expected;
  for (const std::string buurt : {"BU77770101", "BU77770102", "BU77770103", "BU66660101"}) {
    for (const std::string_view marginal : kCompositionFields)
      expected[{buurt, std::string(marginal)}] = {marginal == "health_limitation" ? "assumed rates by age" : "own row"};
  }
  expected[{"BU77770102", "education"}] = {"same code in " + detail};
  expected[{"BU77770103", "tenure"}] = {"wijk row"};
  expected[{"BU77770103", "low_income"}] = {"gemeente row"};
  expected[{"BU66660101", "low_income"}] = {"gemeente in " + detail};
  expected[{"BU66660101", "households_with_children"}] = {"model default"};
  CHECK(found == expected);

  // The labels are those the data notes summarise.
  CHECK(std::any_of(scenario.data_notes.begin(), scenario.data_notes.end(), [](const std::string& note) {
    return note.find("1 gemeente in provenance_detail_2019.csv") != std::string::npos;
  }));
}
