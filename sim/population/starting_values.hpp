#pragma once
// The starting values of the dynamic resident state: capacity, motivation, trust, loneliness.
#include <cstdint>

#include "sim/population/buurt_rows.hpp"
#include "sim/scenario/scenario.hpp"

namespace wijksim {

// Needs all static columns of the rows set. Each value is a mean shifted by the resident's
// attributes plus spread times a standard normal, clipped to [0, 1]; the normals come from the
// resident's own synthesis stream, after the category draws.
void draw_starting_values(const AttributeParams& params, double vulnerability,
                          std::uint64_t seed, std::uint32_t replicate, BuurtRows& rows);

}  // namespace wijksim
