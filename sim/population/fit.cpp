// Counting what synthesis achieved, buurt by buurt, for the fit report.
#include "sim/population/fit.hpp"

#include <vector>

#include "sim/population/attributes.hpp"

namespace wijksim {

AchievedCounts achieved_counts(const Population& population, std::size_t buurt) {
  const Residents& residents = population.residents;
  const Buurt& rows = population.buurten.at(buurt);
  AchievedCounts counts;
  const std::uint32_t end = rows.first_resident + rows.resident_count;
  for (std::uint32_t i = rows.first_resident; i < end; ++i) {
    ++counts.age_group.at(residents.age_group[i]);
    ++counts.education.at(residents.education[i]);
    ++counts.migration_background.at(residents.migration[i]);
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
  std::vector<AchievedCounts> achieved;
  specs.reserve(population.buurten.size());
  achieved.reserve(population.buurten.size());
  for (std::size_t b = 0; b < population.buurten.size(); ++b) {
    specs.push_back(population.buurten[b].spec);
    achieved.push_back(achieved_counts(population, b));
  }
  return fit_report(specs, achieved);
}

}  // namespace wijksim
