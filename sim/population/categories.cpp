// Exact-count category assignment by random ranks drawn from each resident's own stream.
#include "sim/population/categories.hpp"

#include <algorithm>
#include <cmath>
#include <span>
#include <utility>
#include <vector>

#include "sim/population/attributes.hpp"

namespace wijksim {
namespace {

struct ResidentKeys {
  std::vector<std::uint32_t> education;
  std::vector<std::uint32_t> migration;
  std::vector<std::uint32_t> low_income;
  std::vector<std::uint32_t> health;
};

ResidentKeys draw_keys(std::uint64_t seed, std::uint32_t replicate, const BuurtRows& rows) {
  static_assert(kCategoryDraws == 4, "draw_keys takes exactly kCategoryDraws numbers");
  const std::uint32_t n = rows.size();
  ResidentKeys keys{std::vector<std::uint32_t>(n), std::vector<std::uint32_t>(n),
                    std::vector<std::uint32_t>(n), std::vector<std::uint32_t>(n)};
  for (std::uint32_t i = 0; i < n; ++i) {
    RandomStream stream = resident_synthesis_stream(seed, replicate, rows.first + i);
    keys.education[i] = stream.next_u32();
    keys.migration[i] = stream.next_u32();
    keys.low_income[i] = stream.next_u32();
    keys.health[i] = stream.next_u32();
  }
  return keys;
}

// Residents sorted by key (ties by row) take the categories in turn, each as many as its count.
void assign_by_rank(std::span<const std::uint32_t> counts, std::span<const std::uint32_t> keys,
                    std::span<std::uint8_t> category) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> ranked(keys.size());
  for (std::uint32_t i = 0; i < keys.size(); ++i) ranked[i] = {keys[i], i};
  std::sort(ranked.begin(), ranked.end());
  std::size_t rank = 0;
  for (std::uint8_t k = 0; k < counts.size(); ++k)
    for (std::uint32_t c = 0; c < counts[k]; ++c) category[ranked[rank++].second] = k;
}

// Weighted sampling without replacement (Efraimidis and Spirakis): the `count` residents with
// the smallest exponential key / weight get the flag, so heavier residents are likelier.
template <typename Weight>
void flag_weighted(std::uint32_t count, std::span<const std::uint32_t> keys, Weight weight_of,
                   std::uint8_t flag, std::span<std::uint8_t> flags) {
  std::vector<std::pair<double, std::uint32_t>> ranked(keys.size());
  for (std::uint32_t i = 0; i < keys.size(); ++i) {
    const double uniform = (keys[i] + 1.0) * 0x1p-32;  // (0, 1]
    ranked[i] = {-std::log(uniform) / weight_of(i), i};
  }
  std::partial_sort(ranked.begin(), ranked.begin() + count, ranked.end());
  for (std::uint32_t r = 0; r < count; ++r) flags[ranked[r].second] |= flag;
}

}  // namespace

void assign_individual_categories(const BuurtTargets& targets, std::uint64_t seed,
                                  std::uint32_t replicate, BuurtRows& rows) {
  const ResidentKeys keys = draw_keys(seed, replicate, rows);
  assign_by_rank(targets.education, keys.education, rows.education);
  assign_by_rank(targets.migration, keys.migration, rows.migration);
  flag_weighted(
      targets.low_income, keys.low_income,
      [&](std::uint32_t i) {
        return kLowIncomeWeightByEducation[rows.education[i]] *
               kLowIncomeWeightByTenure[rows.tenure[i]];
      },
      kLowIncome, rows.flags);
  flag_weighted(
      targets.health_limitation, keys.health,
      [&](std::uint32_t i) {
        return kHealthWeightByEducation[rows.education[i]] *
               kHealthWeightByAgeGroup[rows.age_group[i]];
      },
      kHealthLimitation, rows.flags);
}

}  // namespace wijksim
