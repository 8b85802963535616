#pragma once
// The individual categories of a buurt's residents: education, migration background, low
// income and health limitation, given exact target counts per category.
//
// Education and migration background come from the buurt's joint age x education x migration
// table (joint_table.hpp: an assumed association fitted to the buurt's marginals by IPF), so
// older residents are more often low educated while every marginal count stays exact. Low
// income and health limitation lean towards low education (and towards social rent and old
// age respectively).
#include <cstdint>

#include "sim/core/rng.hpp"
#include "sim/population/buurt_rows.hpp"
#include "sim/population/targets.hpp"

namespace wijksim {

// The first draws of each resident's own synthesis stream: one Philox block, so the draws after
// them (the starting values) always begin on a fresh block.
inline constexpr int kCategoryDraws = 4;

inline RandomStream resident_synthesis_stream(std::uint64_t seed, std::uint32_t replicate,
                                              std::uint32_t resident) {
  return RandomStream(seed, replicate, 0, resident, Stream::synthesis);
}

// Relative chances of low income and of a health limitation. Assumed, not fitted: they only
// set which residents carry the buurt's exact count, in the direction Dutch statistics show.
inline constexpr std::array<double, 3> kLowIncomeWeightByEducation{2.5, 1.0, 0.4};
inline constexpr std::array<double, 3> kLowIncomeWeightByTenure{0.6, 1.0, 2.0};
inline constexpr std::array<double, 3> kHealthWeightByEducation{2.0, 1.0, 0.6};
inline constexpr std::array<double, 4> kHealthWeightByAgeGroup{0.5, 0.7, 1.2, 2.0};

// Needs age_group and tenure already set (by synthesize_households), with the age group counts
// equal to targets.age_group. Writes education and migration (their counts per age group are the
// joint table's), and sets the kLowIncome and kHealthLimitation bits of flags (keeping the
// others). Throws std::logic_error when the age group counts differ from the targets.
void assign_individual_categories(const BuurtTargets& targets, std::uint64_t seed,
                                  std::uint32_t replicate, BuurtRows& rows);

}  // namespace wijksim
