// The fit report: counting what synthesis achieved, buurt by buurt, against the targets.
#include "sim/metrics/fit.hpp"

#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>
#include <string_view>

#include "sim/core/attributes.hpp"
#include "sim/metrics/outputs.hpp"

namespace wijksim {
namespace {

struct FitRows {
  std::vector<FitRow> rows;
  std::int64_t buurt_index = 0;  // the buurt's row in the buurten table

  void add(const BuurtSpec& spec, std::string_view field, std::string_view category_name, double target_value,
           double achieved_value) {
    rows.push_back({.buurt = buurt_index,
                    .marginal = std::string(field),
                    .category = std::string(category_name),
                    .target = target_value,
                    .achieved = achieved_value,
                    .abs_error = std::abs(target_value - achieved_value),
                    .source = spec.composition_source[composition_field_index(field)]});
  }
};

double ratio(std::int64_t count, std::int64_t total) {
  return total > 0 ? static_cast<double>(count) / static_cast<double>(total) : 0.0;
}

template <std::size_t K>
void add_marginal(FitRows& rows, const BuurtSpec& spec, std::string_view field,
                  const std::array<std::string_view, K>& labels, const std::array<double, K>& targets,
                  const std::array<std::uint32_t, K>& counts, std::int64_t residents) {
  for (std::size_t k = 0; k < K; ++k) rows.add(spec, field, labels[k], targets[k], ratio(counts[k], residents));
}

void add_buurt(FitRows& rows, const BuurtSpec& buurt, const BuurtTargets& counts) {
  const Composition& target = buurt.composition;
  const std::int64_t residents = std::accumulate(counts.age_group.begin(), counts.age_group.end(), std::int64_t{0});
  add_marginal(rows, buurt, "age_group", kAgeGroups, target.age_group, counts.age_group, residents);
  add_marginal(rows, buurt, "education", kEducationLevels, target.education, counts.education, residents);
  add_marginal(rows, buurt, "migration_background", kMigrationBackgrounds, target.migration_background,
               counts.migration, residents);
  add_marginal(rows, buurt, "tenure", kTenures, target.tenure, counts.tenure, residents);
  rows.add(buurt, "low_income", "yes", target.low_income, ratio(counts.low_income, residents));
  rows.add(buurt, "health_limitation", "yes", target.health_limitation, ratio(counts.health_limitation, residents));
  rows.add(buurt, "households_with_children", "yes", target.households_with_children,
           ratio(counts.households_with_children, counts.households));
  rows.add(buurt, "household_size", "mean", target.household_size, ratio(residents, counts.households));
}

}  // namespace

Table fit_report(const std::vector<BuurtSpec>& buurten, const std::vector<BuurtTargets>& achieved) {
  if (buurten.size() != achieved.size()) {
    throw std::invalid_argument("fit_report: " + std::to_string(buurten.size()) + " buurten but " +
                                std::to_string(achieved.size()) + " sets of achieved counts");
  }
  FitRows rows;
  for (std::size_t i = 0; i < buurten.size(); ++i) {
    rows.buurt_index = static_cast<std::int64_t>(i);
    add_buurt(rows, buurten[i], achieved[i]);
  }
  return make_table(kFitTable, rows.rows);
}

BuurtTargets achieved_counts(const Population& population, std::size_t buurt) {
  const Residents& residents = population.residents;
  const Buurt& rows = population.buurten.at(buurt);
  BuurtTargets counts;
  counts.residents = rows.resident_count;
  const std::uint32_t end = rows.first_resident + rows.resident_count;
  for (std::uint32_t i = rows.first_resident; i < end; ++i) {
    ++counts.age_group.at(residents.age_group[i]);
    ++counts.education.at(residents.education[i]);
    ++counts.migration.at(residents.migration[i]);
    ++counts.tenure.at(residents.tenure[i]);
    counts.low_income += (residents.flags[i] & kLowIncome) != 0;
    counts.health_limitation += (residents.flags[i] & kHealthLimitation) != 0;
    // Members of a household are contiguous: a household starts where the id changes.
    if (i == rows.first_resident || residents.household[i] != residents.household[i - 1]) {
      ++counts.households;
      counts.households_with_children += (residents.flags[i] & kParent) != 0;
    }
  }
  return counts;
}

Table synthesis_fit_table(const Population& population) {
  std::vector<BuurtSpec> specs;
  std::vector<BuurtTargets> achieved;
  specs.reserve(population.buurten.size());
  achieved.reserve(population.buurten.size());
  for (std::size_t b = 0; b < population.buurten.size(); ++b) {
    specs.push_back(population.buurten[b].spec);
    achieved.push_back(achieved_counts(population, b));
  }
  return fit_report(specs, achieved);
}

}  // namespace wijksim
