#pragma once
// The social network: household ties, neighbour ties inside the buurt and lifeworld ties across
// buurten, homophilous by age group, education and migration background.
#include <cstdint>
#include <vector>

#include "sim/population/population.hpp"

namespace wijksim {

// Needs the static columns of `residents` set and `buurten` to describe their contiguous rows.
// Lifeworld ties stay within the resident's gemeente (BuurtSpec::gemeente), whose buurten must
// be consecutive (std::invalid_argument otherwise).
// Every resident proposes on average half of the mean tie counts (each tie counts for both
// ends); a proposal is homophilous with probability params.homophily. Ties are undirected,
// stored both ways, each row sorted ascending, without self ties or duplicates. Draws come from
// each resident's own network stream, so the result does not depend on the thread count.
// Throws std::length_error when the ties do not fit in 32-bit offsets.
Network build_network(const Residents& residents, const std::vector<Buurt>& buurten,
                      const NetworkParams& params, std::uint64_t seed, std::uint32_t replicate);

}  // namespace wijksim
