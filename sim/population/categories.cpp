// Exact-count category assignment: education and migration background from the buurt's joint
// table, the flags by weighted sampling; the random keys come from each resident's own stream.
#include "sim/population/categories.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <span>
#include <stdexcept>
#include <utility>
#include <vector>

#include "sim/core/attributes.hpp"
#include "sim/population/joint_table.hpp"

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

// Members sorted by key (ties by row) take the categories in turn, each as many as its count;
// returns the members that took each category.
template <std::size_t K>
std::array<std::vector<std::uint32_t>, K> split_by_rank(const std::vector<std::uint32_t>& members,
                                                        std::span<const std::uint32_t> keys,
                                                        const std::array<std::uint32_t, K>& counts) {
  if (std::accumulate(counts.begin(), counts.end(), std::size_t{0}) != members.size())
    throw std::logic_error("split_by_rank: the counts do not add up to the members");
  std::vector<std::pair<std::uint32_t, std::uint32_t>> ranked(members.size());
  for (std::size_t r = 0; r < members.size(); ++r) ranked[r] = {keys[members[r]], members[r]};
  std::sort(ranked.begin(), ranked.end());
  std::array<std::vector<std::uint32_t>, K> groups;
  std::size_t rank = 0;
  for (std::size_t k = 0; k < K; ++k) {
    groups[k].reserve(counts[k]);
    for (std::uint32_t c = 0; c < counts[k]; ++c) groups[k].push_back(ranked[rank++].second);
  }
  return groups;
}

// Residents of each age group take that row of the joint table: education by the education
// key, then, within each age group and education, migration background by the migration key.
void assign_joint_cells(const JointCounts& cells, const ResidentKeys& keys, BuurtRows& rows) {
  std::array<std::vector<std::uint32_t>, kJointAges> by_age;
  for (std::uint32_t i = 0; i < rows.size(); ++i) by_age[rows.age_group[i]].push_back(i);
  for (std::size_t a = 0; a < kJointAges; ++a) {
    std::array<std::uint32_t, kJointEducations> education_counts{};
    for (std::size_t e = 0; e < kJointEducations; ++e)
      for (std::size_t m = 0; m < kJointMigrations; ++m) education_counts[e] += cells[joint_cell(a, e, m)];
    const auto by_education = split_by_rank(by_age[a], keys.education, education_counts);
    for (std::size_t e = 0; e < kJointEducations; ++e) {
      for (std::uint32_t i : by_education[e]) rows.education[i] = static_cast<std::uint8_t>(e);
      std::array<std::uint32_t, kJointMigrations> migration_counts{};
      for (std::size_t m = 0; m < kJointMigrations; ++m) migration_counts[m] = cells[joint_cell(a, e, m)];
      const auto by_migration = split_by_rank(by_education[e], keys.migration, migration_counts);
      for (std::size_t m = 0; m < kJointMigrations; ++m)
        for (std::uint32_t i : by_migration[m]) rows.migration[i] = static_cast<std::uint8_t>(m);
    }
  }
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
  assign_joint_cells(joint_counts(targets), keys, rows);
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
