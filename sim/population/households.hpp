#pragma once
// The households of one buurt: their sizes, which of them have children under 15, their
// tenure, and the age groups of their members.
#include <cstdint>

#include "sim/core/rng.hpp"
#include "sim/population/buurt_rows.hpp"
#include "sim/population/targets.hpp"

namespace wijksim {

// Writes household, tenure, age_group and flags (only the kParent bit; the other bits are
// cleared) of every row. Households are contiguous and numbered first_household, +1, ... in
// row order. Age group counts match the targets exactly; tenure is shared by a household, so
// its counts match the targets to within one household at each category boundary.
// Draws at most residents + households numbers from `stream`.
void synthesize_households(const BuurtTargets& targets, std::uint32_t first_household,
                           RandomStream& stream, BuurtRows& rows);

}  // namespace wijksim
