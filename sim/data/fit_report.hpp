#pragma once
// How well a synthesised population matches the composition it was built from: per buurt and
// per category of each marginal, the target share against the achieved share.
#include <array>
#include <cstdint>
#include <stdexcept>
#include <string_view>
#include <tuple>
#include <vector>

#include "sim/metrics/result.hpp"
#include "sim/scenario/scenario.hpp"

namespace wijksim {

// The fields of a Composition in declaration order, named as the fit table's marginals;
// BuurtSpec::composition_source holds one source label per field in this order.
inline constexpr std::array<std::string_view, 8> kCompositionFields{
    "age_group",  "education",         "migration_background", "tenure",
    "low_income", "health_limitation", "household_size",       "households_with_children"};
static_assert(kCompositionFields.size() == std::tuple_size_v<decltype(BuurtSpec::composition_source)>);

// The index of `field` in kCompositionFields; throws std::invalid_argument for an unknown name.
constexpr std::size_t composition_field_index(std::string_view field) {
  for (std::size_t i = 0; i < kCompositionFields.size(); ++i) {
    if (kCompositionFields[i] == field) return i;
  }
  throw std::invalid_argument("not a composition field");
}

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

// Table "fit" with columns buurt, marginal, category, target, achieved, abs_error, source; one
// row per buurt and category; source is the buurt's composition_source of the marginal. Shares
// are of residents (the sum of age_group counts), except households_with_children (of
// households) and household_size (a mean: residents per household).
// `achieved[i]` belongs to `buurten[i]`; throws std::invalid_argument when the sizes differ.
Table fit_report(const std::vector<BuurtSpec>& buurten, const std::vector<AchievedCounts>& achieved);

}  // namespace wijksim
