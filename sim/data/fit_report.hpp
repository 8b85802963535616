#pragma once
// How well a synthesised population matches the composition it was built from: per buurt and
// per category of each marginal, the target share against the achieved share.
#include <array>
#include <cstdint>
#include <vector>

#include "sim/metrics/result.hpp"
#include "sim/scenario/scenario.hpp"

namespace wijksim {

// What synthesis produced in one buurt, as counts of residents aged 15+ (or of households).
struct AchievedCounts {
  std::array<std::int64_t, 4> age_group{};
  std::array<std::int64_t, 3> education{};
  std::array<std::int64_t, 3> migration_background{};
  std::array<std::int64_t, 3> tenure{};
  std::int64_t low_income = 0;
  std::int64_t health_limitation = 0;
  std::int64_t households = 0;
  std::int64_t households_with_children = 0;
};

// Table "fit" with columns buurt, marginal, category, target, achieved, abs_error; one row per
// buurt and category. Shares are of residents (the sum of age_group counts), except
// households_with_children (of households) and household_size (a mean: residents per household).
// `achieved[i]` belongs to `buurten[i]`; throws std::invalid_argument when the sizes differ.
Table fit_report(const std::vector<BuurtSpec>& buurten, const std::vector<AchievedCounts>& achieved);

}  // namespace wijksim
