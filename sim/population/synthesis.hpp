#pragma once
// Population synthesis: from a scenario's buurten to residents, households and their network.
#include <cstdint>

#include "sim/core/limits.hpp"
#include "sim/population/population.hpp"
#include "sim/scenario/scenario.hpp"

namespace wijksim {

// A pure function of (scenario, replicate): the same arguments give the same population for any
// thread count. Residents are aged 15 and over, contiguous per buurt and per household.
// Throws std::invalid_argument for buurten it cannot synthesise (negative or too many residents,
// more than 65536 buurten, shares out of range), naming the buurt.
Population synthesize_population(const Scenario& scenario, std::uint32_t replicate);

}  // namespace wijksim
