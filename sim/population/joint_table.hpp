#pragma once
// The joint distribution of age group x education x migration background in one buurt. CBS
// publishes only the three marginals per buurt; the association between them comes from the
// national joint table (docs/data.md, "How the joint table is built"), fitted to the buurt's
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

// The seed: the population aged 15+ of the Netherlands by age group, education and migration
// background, in thousands (CBS StatLine 82275NED, Labour Force Survey, 2021 second quarter,
// persons in private households; the sexes summed and the ten-year bands grouped into the
// model's age groups; read_cbs_joint_table in sim/data/cbs_joint_table.hpp reads the CBS file, and
// a test checks these figures against it). Only its associations matter: IPF replaces the levels
// by each buurt's own marginals and keeps the seed's odds ratios.
// Order: age group (15-24, 25-44, 45-64, 65+), then education (low, middle, high), then migration
// background (dutch, western, non_western).
inline constexpr std::array<double, kJointCells> kNationalJointSeed{
    687,  86,  199, 678,  82,  131, 194,  25,  28,   // 15-24
    272,  44,  169, 1087, 141, 262, 1612, 291, 319,  // 25-44
    757,  102, 186, 1461, 192, 162, 1370, 255, 175,  // 45-64
    1435, 115, 52,  877,  91,  42,  580,  88,  25,   // 65+
};

// Counts per cell, row-major: age group slowest, migration background fastest.
using JointCounts = std::array<std::uint32_t, kJointCells>;

inline constexpr std::size_t joint_cell(std::size_t age, std::size_t education, std::size_t migration) {
  return (age * kJointEducations + education) * kJointMigrations + migration;
}

// The seed as IPF takes it: kNationalJointSeed, all cells > 0.
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
