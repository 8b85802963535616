// The columns each part of the composition needs per table, and the formulas that turn one row
// into that part (shares renormalised over the categories CBS counts).
#include "sim/data/cbs_parts.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "sim/data/cbs_buurten.hpp"

namespace wijksim::cbs {
namespace {

using Q = KwbQuantity;

// Residents aged 15+ per household: institutions (care homes, student housing) count as
// residents but not as private households, which can push the ratio to implausible values.
constexpr double kMinHouseholdSize = 1.0;
constexpr double kMaxHouseholdSize = 4.0;

SourceTable source_table(const KwbTable& table) {
  SourceTable source;
  source.table = &table;
  source.name = std::filesystem::path(table.file).filename().string();
  source.households_from_dwellings =
      !table.has(Q::households) && table.has(Q::inhabitants) && table.has(Q::dwellings);
  source.parts = Parts{{
      {"share aged 15+", {Q::inhabitants, Q::age_0_14}},
      {"age", {Q::age_15_24, Q::age_25_44, Q::age_45_64, Q::age_65_plus}},
      {"migration background", {Q::origin_dutch, Q::origin_western, Q::origin_non_western}},
      {"education", {Q::education_low, Q::education_middle, Q::education_high}},
      {"tenure", {Q::owner_occupied_pct, Q::private_rent_pct, Q::social_rent_pct}},
      {"low income", {Q::low_income_households_pct}},
      {"household size", source.households_from_dwellings
                             ? std::vector<Q>{Q::inhabitants, Q::dwellings}
                             : std::vector<Q>{Q::inhabitants, Q::age_0_14, Q::households}},
      {"households with children", {Q::households, Q::households_with_children}},
      {"bijstand", {Q::inhabitants, Q::age_0_14, Q::social_assistance}},
  }};
  return source;
}

template <std::size_t K>
std::optional<std::array<double, K>> shares_of(const std::array<double, K>& counts) {
  double total = 0;
  for (double count : counts) {
    if (std::isnan(count)) return std::nullopt;
    total += count;
  }
  if (total <= 0) return std::nullopt;
  std::array<double, K> shares{};
  for (std::size_t k = 0; k < K; ++k) shares[k] = counts[k] / total;
  return shares;
}

}  // namespace

bool SourceTable::has(PartId id) const {
  const auto& needs = part(id).needs;
  return std::all_of(needs.begin(), needs.end(), [&](Q q) { return table->has(q); });
}

std::vector<SourceTable> source_tables(const KwbTable& main, const std::vector<KwbTable>& detail) {
  std::vector<SourceTable> sources{source_table(main)};
  for (const KwbTable& table : detail) sources.push_back(source_table(table));
  return sources;
}

bool any_source_has(const std::vector<SourceTable>& sources, PartId id) {
  return std::any_of(sources.begin(), sources.end(), [id](const SourceTable& source) { return source.has(id); });
}

std::optional<double> residents_15_plus_of(const KwbRegion& row) {
  if (!row.has(Q::inhabitants) || !row.has(Q::age_0_14)) return std::nullopt;
  return std::max(0.0, row.value(Q::inhabitants) - row.value(Q::age_0_14));
}

std::optional<double> share_15_plus_of(const KwbRegion& row) {
  const auto adults = residents_15_plus_of(row);
  if (!adults || row.value(Q::inhabitants) <= 0) return std::nullopt;
  return std::min(1.0, *adults / row.value(Q::inhabitants));
}

std::optional<std::array<double, 4>> age_of(const KwbRegion& row) {
  return shares_of<4>({row.value(Q::age_15_24), row.value(Q::age_25_44), row.value(Q::age_45_64),
                       row.value(Q::age_65_plus)});
}

// The pre-2022 classification (western, non-western) is the model's; the post-2022 one counts
// Europe outside the Netherlands as western and the rest of the world as non-western
// (docs/data.md, "Migration background across classifications").
std::optional<std::array<double, 3>> migration_of(const KwbRegion& row) {
  return shares_of<3>({row.value(Q::origin_dutch), row.value(Q::origin_western), row.value(Q::origin_non_western)});
}

std::optional<std::array<double, 3>> education_of(const KwbRegion& row) {
  return shares_of<3>({row.value(Q::education_low), row.value(Q::education_middle), row.value(Q::education_high)});
}

std::optional<std::array<double, 3>> tenure_of(const KwbRegion& row) {
  return shares_of<3>({row.value(Q::owner_occupied_pct), row.value(Q::private_rent_pct),
                       row.value(Q::social_rent_pct)});
}

std::optional<double> low_income_of(const KwbRegion& row) {
  if (!row.has(Q::low_income_households_pct)) return std::nullopt;
  return row.value(Q::low_income_households_pct) / 100.0;
}

// Residents aged 15+ per household. A table without a household count but with the dwelling
// stock gives residents 15+ per dwelling instead: an approximation that runs a little low,
// because the stock includes vacant dwellings. Without ages, the national 15+ share applies.
std::optional<double> household_size_of(const KwbRegion& row, const SourceTable& source) {
  const auto adults = source.households_from_dwellings && !residents_15_plus_of(row)
                          ? std::optional<double>(row.value(Q::inhabitants) * kDefaultShareAged15Plus)
                          : residents_15_plus_of(row);
  const double households = row.value(source.households_from_dwellings ? Q::dwellings : Q::households);
  if (!adults || std::isnan(*adults) || std::isnan(households) || households <= 0 || *adults <= 0) {
    return std::nullopt;
  }
  return std::clamp(*adults / households, kMinHouseholdSize, kMaxHouseholdSize);
}

std::optional<double> children_of(const KwbRegion& row) {
  const double households = row.value(Q::households);
  const double with_children = row.value(Q::households_with_children);
  if (std::isnan(households) || std::isnan(with_children) || households <= 0) return std::nullopt;
  return std::min(1.0, with_children / households);
}

std::optional<double> social_assistance_of(const KwbRegion& row) {
  const auto adults = residents_15_plus_of(row);
  if (!adults || *adults <= 0 || !row.has(Q::social_assistance)) return std::nullopt;
  return std::min(1.0, row.value(Q::social_assistance) / *adults);
}

}  // namespace wijksim::cbs
