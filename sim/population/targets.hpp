#pragma once
// Whole-number targets for one buurt: how many residents fall in each category of each
// dimension, and how many households there are, derived exactly from the composition shares.
#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace wijksim {

inline constexpr std::uint32_t kMaxHouseholdSize = 6;

// Largest remainder (Hamilton) apportionment: each category gets the floor of its quota and the
// units left over go to the largest remainders, the lower index winning a tie. The counts sum to
// `total` exactly. Shares are normalised; throws std::invalid_argument if any is negative or
// not finite, or if all are zero while total > 0.
std::vector<std::uint32_t> apportion(std::span<const double> shares, std::uint32_t total);

template <std::size_t K>
std::array<std::uint32_t, K> apportion(const std::array<double, K>& shares, std::uint32_t total) {
  const std::vector<std::uint32_t> counts = apportion(std::span<const double>(shares), total);
  std::array<std::uint32_t, K> result{};
  for (std::size_t k = 0; k < K; ++k) result[k] = counts[k];
  return result;
}

struct BuurtTargets {
  std::uint32_t residents = 0;
  std::array<std::uint32_t, 4> age_group{};
  std::array<std::uint32_t, 3> education{};
  std::array<std::uint32_t, 3> migration{};
  std::array<std::uint32_t, 3> tenure{};
  std::uint32_t low_income = 0;
  std::uint32_t health_limitation = 0;
  std::uint32_t households = 0;
  std::uint32_t households_with_children = 0;
};

// Throws std::invalid_argument naming the composition field when a share is out of range.
BuurtTargets buurt_targets(const Composition& composition, std::uint32_t residents);

// The household count whose mean size is closest to the composition's, within the 1..6 bounds.
std::uint32_t household_count(double mean_household_size, std::uint32_t residents);

}  // namespace wijksim
