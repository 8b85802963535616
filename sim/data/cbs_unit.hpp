#pragma once
// One unit (buurt, or wijk in a file without buurten) as read from the tables: its residents
// aged 15+, its composition, its deprivation indicators and, per part, where the value came from.
#include <array>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "sim/data/detail_chain.hpp"
#include "sim/scenario/scenario.hpp"

namespace wijksim::cbs {

// The deprivation indicators combined into vulnerability, in this order.
inline constexpr std::array<std::string_view, 4> kIndicatorNames{
    "low-income households", "housing-corporation dwellings", "bijstand recipients per resident 15+",
    "low education (15-75)"};
enum Indicator : std::size_t { low_income, social_rent, social_assistance, low_education };
inline constexpr double kNotFromData = std::numeric_limits<double>::quiet_NaN();

struct UnitData {
  const KwbRegion* region = nullptr;
  double residents_15_plus = 0;
  Composition composition;
  std::array<double, kIndicatorNames.size()> indicators{kNotFromData, kNotFromData, kNotFromData, kNotFromData};
  double vulnerability = 0.5;
  std::array<Origin, kPartCount> origins;
  std::vector<AreaMismatch> mismatches;
};

// Every part of `unit` by the nearest-detail order; fallbacks of a selected unit go to `notes`
// (nullptr for units that only serve as reference for vulnerability).
UnitData resolve_unit(const std::vector<SourceTable>& sources, const KwbRegion& unit, std::vector<std::string>* notes);

}  // namespace wijksim::cbs
