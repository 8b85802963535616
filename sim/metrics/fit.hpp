#pragma once
// The fit report of a synthesised population (the table "fit" of the result file): per buurt and
// per category of each composition field, the target share against the share synthesis
// achieved.
#include <cstddef>
#include <vector>

#include "sim/core/table.hpp"
#include "sim/population/population.hpp"
#include "sim/population/targets.hpp"
#include "sim/scenario/scenario.hpp"

namespace wijksim {

// What synthesis produced in buurt `buurt` of `population`, counted in the same type as the
// targets it aimed for: residents aged 15+ per category, low income and health limitation flags,
// households and households with children (kParent).
BuurtTargets achieved_counts(const Population& population, std::size_t buurt);

// Table "fit" (kFitTable): one row per buurt and category; source is the buurt's
// composition_source of the marginal. Shares are of residents (the sum of age_group counts),
// except households_with_children (of households) and household_size (a mean: residents per
// household). `achieved[i]` belongs to `buurten[i]`; throws std::invalid_argument when the sizes
// differ.
Table fit_report(const std::vector<BuurtSpec>& buurten, const std::vector<BuurtTargets>& achieved);

// The fit table of every buurt of `population`, against the compositions in
// population.buurten[].spec. The engine records it for replicate 0.
Table synthesis_fit_table(const Population& population);

}  // namespace wijksim
