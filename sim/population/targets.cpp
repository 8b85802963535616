// Exact apportionment of a buurt's composition shares into whole-number targets.
#include "sim/population/targets.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>

namespace wijksim {

std::vector<std::uint32_t> apportion(std::span<const double> shares, std::uint32_t total) {
  double sum = 0.0;
  for (double share : shares) {
    if (!std::isfinite(share) || share < 0.0)
      throw std::invalid_argument("apportion: shares must be finite and non-negative, found " +
                                  std::to_string(share));
    sum += share;
  }
  std::vector<std::uint32_t> counts(shares.size(), 0);
  if (total == 0) return counts;
  if (sum <= 0.0) throw std::invalid_argument("apportion: all shares are zero");

  std::vector<double> remainders(shares.size());
  std::uint64_t assigned = 0;
  for (std::size_t k = 0; k < shares.size(); ++k) {
    const double quota = shares[k] / sum * total;
    counts[k] = static_cast<std::uint32_t>(std::floor(quota));
    remainders[k] = quota - counts[k];
    assigned += counts[k];
  }
  // Rounding can leave the floors a unit above the total when shares nearly sum to one.
  while (assigned > total) {
    const auto largest = std::max_element(counts.begin(), counts.end());
    --*largest;
    --assigned;
  }
  std::vector<std::size_t> by_remainder(shares.size());
  std::iota(by_remainder.begin(), by_remainder.end(), 0);
  std::stable_sort(by_remainder.begin(), by_remainder.end(),
                   [&](std::size_t a, std::size_t b) { return remainders[a] > remainders[b]; });
  for (std::size_t rank = 0; assigned < total; ++rank, ++assigned)
    ++counts[by_remainder[rank % by_remainder.size()]];
  return counts;
}

std::uint32_t household_count(double mean_household_size, std::uint32_t residents) {
  if (!std::isfinite(mean_household_size) || mean_household_size < 1.0)
    throw std::invalid_argument("composition.household_size: expected a number >= 1, found " +
                                std::to_string(mean_household_size));
  if (residents == 0) return 0;
  const double wanted = std::round(residents / mean_household_size);
  const std::uint32_t fewest = (residents + kMaxHouseholdSize - 1) / kMaxHouseholdSize;
  return std::clamp(static_cast<std::uint32_t>(wanted), fewest, residents);
}

namespace {

std::uint32_t count_with(double share, std::uint32_t total, const char* field) {
  if (!std::isfinite(share) || share < 0.0 || share > 1.0)
    throw std::invalid_argument(std::string("composition.") + field +
                                ": expected a share in [0, 1], found " + std::to_string(share));
  return apportion(std::array<double, 2>{1.0 - share, share}, total)[1];
}

template <std::size_t K>
std::array<std::uint32_t, K> counts_of(const std::array<double, K>& shares, std::uint32_t total,
                                       const char* field) {
  try {
    return apportion(shares, total);
  } catch (const std::invalid_argument& error) {
    throw std::invalid_argument(std::string("composition.") + field + ": " + error.what());
  }
}

}  // namespace

BuurtTargets buurt_targets(const Composition& composition, std::uint32_t residents) {
  BuurtTargets targets;
  targets.residents = residents;
  targets.age_group = counts_of(composition.age_group, residents, "age_group");
  targets.education = counts_of(composition.education, residents, "education");
  targets.migration = counts_of(composition.migration_background, residents,
                                "migration_background");
  targets.tenure = counts_of(composition.tenure, residents, "tenure");
  targets.low_income = count_with(composition.low_income, residents, "low_income");
  targets.health_limitation =
      count_with(composition.health_limitation, residents, "health_limitation");
  targets.households = household_count(composition.household_size, residents);
  targets.households_with_children = count_with(composition.households_with_children,
                                                targets.households, "households_with_children");
  return targets;
}

}  // namespace wijksim
