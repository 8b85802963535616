// The joint age x education x migration table of a buurt: seed, IPF fit and exact rounding.
#include "sim/population/joint_table.hpp"

#include <algorithm>
#include <span>

#include "sim/data/ipf.hpp"

namespace wijksim {
namespace {

constexpr std::size_t kCellsPerAge = kJointEducations * kJointMigrations;

template <std::size_t K>
std::vector<double> as_doubles(const std::array<std::uint32_t, K>& counts) {
  return std::vector<double>(counts.begin(), counts.end());
}

// One dimension of the flat table below the age group: a cell's category is
// (cell / stride) % size, and moving a cell to another category of this dimension keeps its age
// group and its category in the other dimension.
struct InnerDimension {
  std::size_t stride;
  std::size_t size;
};
constexpr InnerDimension kEducationDimension{kJointMigrations, kJointEducations};
constexpr InnerDimension kMigrationDimension{1, kJointMigrations};

std::size_t category_of(std::size_t cell, InnerDimension dimension) {
  return (cell / dimension.stride) % dimension.size;
}

// The cell of `category` that was rounded furthest above its fitted value and still has a unit
// to give (the lowest index on a tie).
std::size_t most_overrounded_cell(const JointCounts& counts, const std::vector<double>& fitted,
                                  InnerDimension dimension, std::size_t category) {
  std::size_t best = kJointCells;
  double best_excess = 0;
  for (std::size_t cell = 0; cell < kJointCells; ++cell) {
    if (category_of(cell, dimension) != category || counts[cell] == 0) continue;
    const double excess = counts[cell] - fitted[cell];
    if (best == kJointCells || excess > best_excess) {
      best = cell;
      best_excess = excess;
    }
  }
  return best;
}

// Moves units between categories of `dimension`, inside age groups, until the category sums
// equal `targets`. The age group sums are already exact, so the surpluses and deficits balance,
// and a category with a surplus always has a cell with a unit to give.
template <std::size_t K>
void move_to_targets(JointCounts& counts, const std::vector<double>& fitted, InnerDimension dimension,
                     const std::array<std::uint32_t, K>& targets) {
  std::array<long long, K> excess{};
  for (std::size_t k = 0; k < K; ++k) excess[k] = -static_cast<long long>(targets[k]);
  for (std::size_t cell = 0; cell < kJointCells; ++cell) excess[category_of(cell, dimension)] += counts[cell];
  for (;;) {
    const auto surplus = std::find_if(excess.begin(), excess.end(), [](long long e) { return e > 0; });
    const auto deficit = std::find_if(excess.begin(), excess.end(), [](long long e) { return e < 0; });
    if (surplus == excess.end() || deficit == excess.end()) return;
    const auto from_category = static_cast<std::size_t>(surplus - excess.begin());
    const auto to_category = static_cast<std::size_t>(deficit - excess.begin());
    const std::size_t from = most_overrounded_cell(counts, fitted, dimension, from_category);
    const std::size_t to = from - from_category * dimension.stride + to_category * dimension.stride;
    --counts[from];
    ++counts[to];
    --*surplus;
    ++*deficit;
  }
}

}  // namespace

std::vector<double> joint_seed() { return {kNationalJointSeed.begin(), kNationalJointSeed.end()}; }

std::vector<double> fitted_joint_table(const BuurtTargets& targets) {
  static const std::vector<double> seed = joint_seed();
  IpfOptions options;
  // Absolute tolerance in residents: far below the half unit that rounding then decides on.
  options.tolerance = 1e-9 * std::max<double>(1.0, targets.residents);
  return fit_ipf({kJointAges, kJointEducations, kJointMigrations}, seed,
                 {as_doubles(targets.age_group), as_doubles(targets.education), as_doubles(targets.migration)},
                 options)
      .table;
}

JointCounts integerise_joint_table(const std::vector<double>& fitted, const BuurtTargets& targets) {
  JointCounts counts{};
  for (std::size_t a = 0; a < kJointAges; ++a) {
    const std::span<const double> row(fitted.data() + a * kCellsPerAge, kCellsPerAge);
    const std::vector<std::uint32_t> row_counts = apportion(row, targets.age_group[a]);
    std::copy(row_counts.begin(), row_counts.end(), counts.begin() + static_cast<std::ptrdiff_t>(a * kCellsPerAge));
  }
  move_to_targets(counts, fitted, kEducationDimension, targets.education);
  move_to_targets(counts, fitted, kMigrationDimension, targets.migration);
  return counts;
}

JointCounts joint_counts(const BuurtTargets& targets) {
  return integerise_joint_table(fitted_joint_table(targets), targets);
}

}  // namespace wijksim
