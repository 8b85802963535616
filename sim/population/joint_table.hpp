#pragma once
// The joint distribution of age group x education x migration background in one buurt. CBS
// publishes only the three marginals per buurt; the association between them comes from an
// assumed seed table (docs/data.md, "How the joint table is built"), fitted to the buurt's
// marginals by iterative proportional fitting and rounded to whole residents so that every
// marginal count stays exactly on its target.
#include <array>
#include <cstdint>
#include <vector>

#include "sim/population/targets.hpp"

namespace wijksim {

inline constexpr std::size_t kJointAges = 4;
inline constexpr std::size_t kJointEducations = 3;
inline constexpr std::size_t kJointMigrations = 3;
inline constexpr std::size_t kJointCells = kJointAges * kJointEducations * kJointMigrations;

// Assumed associations, as relative weights; only their ratios matter, because IPF replaces the
// levels by each buurt's own marginals and keeps the odds ratios of the seed. Rounded from
// national CBS figures (StatLine, education by age and by migration background, 2019-2022) and
// kept modest on purpose.
// Education (low, middle, high) by age group: the young are often still in education, 25-44 is
// the most highly educated, and the share with low education rises with age from there.
inline constexpr std::array<std::array<double, kJointEducations>, kJointAges> kEducationByAgeSeed{{
    {0.38, 0.44, 0.18},
    {0.16, 0.38, 0.46},
    {0.25, 0.40, 0.35},
    {0.42, 0.34, 0.24},
}};
// Migration background (dutch, western, non_western) by age group: residents with a
// non-western background are younger on average.
inline constexpr std::array<std::array<double, kJointMigrations>, kJointAges> kMigrationByAgeSeed{{
    {0.73, 0.10, 0.17},
    {0.72, 0.11, 0.17},
    {0.79, 0.10, 0.11},
    {0.86, 0.09, 0.05},
}};
// Relative weight of each education level by migration background: a non-western background
// goes with somewhat more low and less high education.
inline constexpr std::array<std::array<double, kJointEducations>, kJointMigrations> kEducationByMigrationSeed{{
    {1.0, 1.0, 1.0},
    {1.0, 1.0, 1.0},
    {1.5, 1.0, 0.7},
}};

// Counts per cell, row-major: age group slowest, migration background fastest.
using JointCounts = std::array<std::uint32_t, kJointCells>;

inline constexpr std::size_t joint_cell(std::size_t age, std::size_t education, std::size_t migration) {
  return (age * kJointEducations + education) * kJointMigrations + migration;
}

// The seed: the product of the three two-way weights above, all cells > 0.
std::vector<double> joint_seed();

// The seed fitted by IPF to the targets' age group, education and migration counts.
std::vector<double> fitted_joint_table(const BuurtTargets& targets);

// Whole counts close to `fitted` whose sums per age group, education and migration background
// equal the targets exactly. Each age group's row is apportioned by largest remainder; then
// units move within an age group from a category with too many residents to one with too few,
// always out of the cell rounded furthest above its fitted value.
JointCounts integerise_joint_table(const std::vector<double>& fitted, const BuurtTargets& targets);

// fitted_joint_table followed by integerise_joint_table.
JointCounts joint_counts(const BuurtTargets& targets);

}  // namespace wijksim
