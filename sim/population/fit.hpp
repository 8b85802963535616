#pragma once
// The fit report of a synthesised population: what synthesis achieved per buurt, compared with
// the composition each buurt was built from (the table "fit" of the result file).
#include <cstddef>

#include "sim/data/fit_report.hpp"
#include "sim/metrics/result.hpp"
#include "sim/population/population.hpp"

namespace wijksim {

// Counts of buurt `buurt` in `population`: residents per category, low income and health
// limitation flags, households and households with children (kParent).
AchievedCounts achieved_counts(const Population& population, std::size_t buurt);

// The "fit" table (fit_report) of every buurt of `population`, against the compositions in
// population.buurten[].spec. The engine records it for replicate 0.
Table synthesis_fit_table(const Population& population);

}  // namespace wijksim
