// Household layout of a buurt. Members of a household sit next to each other in a pool of age
// groups sorted from young to old, so a household's members are of similar age, and households
// with children are placed over the 25-64 part of the pool.
#include "sim/population/households.hpp"

#include <algorithm>
#include <numeric>
#include <utility>
#include <vector>

#include "sim/core/attributes.hpp"

namespace wijksim {
namespace {

// Each household starts with one member; every further resident joins a household drawn at
// random among those not yet full, which spreads sizes around the mean (Poisson-like).
std::vector<std::uint8_t> draw_sizes(std::uint32_t residents, std::uint32_t households,
                                     RandomStream& stream) {
  std::vector<std::uint8_t> sizes(households, 1);
  std::vector<std::uint32_t> open(households);
  std::iota(open.begin(), open.end(), 0u);
  std::uint32_t open_count = households;
  for (std::uint32_t extra = residents - households; extra > 0; --extra) {
    const std::uint32_t slot = stream.below(open_count);
    if (++sizes[open[slot]] == kMaxHouseholdSize) open[slot] = open[--open_count];
  }
  return sizes;
}

// 0 .. count-1 in random order: each index gets one random key, ties go to the lower index.
std::vector<std::uint32_t> random_order(std::uint32_t count, RandomStream& stream) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> keyed(count);
  for (std::uint32_t i = 0; i < count; ++i) keyed[i] = {stream.next_u32(), i};
  std::sort(keyed.begin(), keyed.end());
  std::vector<std::uint32_t> order(count);
  for (std::uint32_t i = 0; i < count; ++i) order[i] = keyed[i].second;
  return order;
}

std::uint32_t residents_in(const std::vector<std::uint32_t>& households,
                           const std::vector<std::uint8_t>& sizes) {
  std::uint32_t total = 0;
  for (std::uint32_t h : households) total += sizes[h];
  return total;
}

// The row order of households: young non-parents, then parents centred on the 25-64 part of
// the age pool, then the remaining non-parents.
std::vector<std::uint32_t> layout_order(const std::vector<std::uint32_t>& parents,
                                        const std::vector<std::uint32_t>& others,
                                        const std::vector<std::uint8_t>& sizes,
                                        const BuurtTargets& targets) {
  const auto& ages = targets.age_group;
  const long long parent_residents = residents_in(parents, sizes);
  const long long middle_begin = ages[0];
  const long long middle_size = ages[1] + ages[2];
  const long long lead = std::clamp(middle_begin + (middle_size - parent_residents) / 2, 0LL,
                                    static_cast<long long>(targets.residents) - parent_residents);

  std::vector<std::uint32_t> order;
  order.reserve(sizes.size());
  std::size_t next_other = 0;
  for (long long placed = 0; next_other < others.size() && placed < lead; ++next_other) {
    placed += sizes[others[next_other]];
    order.push_back(others[next_other]);
  }
  order.insert(order.end(), parents.begin(), parents.end());
  order.insert(order.end(), others.begin() + static_cast<std::ptrdiff_t>(next_other),
               others.end());
  return order;
}

// Tenure per household: households in random order fill the tenure targets one after the
// other; a household takes the tenure in which its middle member falls.
std::vector<std::uint8_t> draw_tenures(const std::vector<std::uint8_t>& sizes,
                                       const BuurtTargets& targets, RandomStream& stream) {
  std::array<double, 3> boundary{};
  std::partial_sum(targets.tenure.begin(), targets.tenure.end(), boundary.begin());
  std::vector<std::uint8_t> tenure(sizes.size());
  double filled = 0.0;
  for (std::uint32_t h : random_order(static_cast<std::uint32_t>(sizes.size()), stream)) {
    const double middle = filled + sizes[h] / 2.0;
    std::uint8_t category = 0;
    while (category + 1u < boundary.size() && middle >= boundary[category]) ++category;
    tenure[h] = category;
    filled += sizes[h];
  }
  return tenure;
}

}  // namespace

void synthesize_households(const BuurtTargets& targets, std::uint32_t first_household,
                           RandomStream& stream, BuurtRows& rows) {
  const std::uint32_t household_total = targets.households;
  const std::vector<std::uint8_t> sizes = draw_sizes(targets.residents, household_total, stream);

  // The first households of a random order have children, the rest keep that random order.
  const std::vector<std::uint32_t> shuffled = random_order(household_total, stream);
  const auto parents_end = shuffled.begin() + targets.households_with_children;
  const std::vector<std::uint32_t> parents(shuffled.begin(), parents_end);
  const std::vector<std::uint32_t> others(parents_end, shuffled.end());
  std::vector<bool> has_children(household_total, false);
  for (std::uint32_t h : parents) has_children[h] = true;

  const std::vector<std::uint8_t> tenure = draw_tenures(sizes, targets, stream);

  std::array<std::uint32_t, 4> age_boundary{};
  std::partial_sum(targets.age_group.begin(), targets.age_group.end(), age_boundary.begin());
  std::uint32_t row = 0;
  std::uint8_t age = 0;
  std::uint32_t household_id = first_household;
  for (std::uint32_t h : layout_order(parents, others, sizes, targets)) {
    for (std::uint8_t member = 0; member < sizes[h]; ++member, ++row) {
      while (row >= age_boundary[age]) ++age;
      rows.household[row] = household_id;
      rows.age_group[row] = age;
      rows.tenure[row] = tenure[h];
      rows.flags[row] = has_children[h] ? kParent : 0;
    }
    ++household_id;
  }
}

}  // namespace wijksim
