// Deriving counts and remainders after reading a KWB table, and summing a buurt-only table to
// its wijken and gemeenten (docs/data.md, "The national tables").
#include "sim/data/kwb_derived.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace wijksim {
namespace {

using Q = KwbQuantity;
constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

std::size_t at(Q quantity) { return static_cast<std::size_t>(quantity); }

Q base_of(PercentOf percent_of) { return percent_of == PercentOf::households ? Q::households : Q::inhabitants; }

void counts_from_percentages(KwbTable& table) {
  for (std::size_t q = 0; q < kKwbQuantityCount; ++q) {
    const PercentOf percent_of = table.layout->percent_of[q];
    if (percent_of == PercentOf::none || !table.has_column[q]) continue;
    for (KwbRegion& region : table.regions) {
      region.values[q] = count_from_percent(region.values[q], region.value(base_of(percent_of)));
    }
  }
}

// `target` = max(0, `whole` minus the `parts`) where the table has all of them and not `target`.
void remainder(KwbTable& table, Q target, Q whole, std::initializer_list<Q> parts) {
  if (table.has(target) || !table.has(whole)) return;
  if (!std::all_of(parts.begin(), parts.end(), [&](Q q) { return table.has(q); })) return;
  table.has_column[at(target)] = true;
  for (KwbRegion& region : table.regions) {
    double rest = region.value(whole);
    for (Q q : parts) rest -= region.value(q);
    region.values[at(target)] = std::isnan(rest) ? kMissing : std::max(0.0, rest);
  }
}

// Wijk and gemeente rows as the sums of their buurten; a count is summed over the buurten that
// have it (suppressed buurten add nothing), and stays missing when none has it.
void sum_buurten(KwbTable& table) {
  std::map<std::string, KwbRegion> sums;
  for (const KwbRegion& buurt : table.regions) {
    if (buurt.level != RegionLevel::buurt) continue;
    for (const std::string& code : {parent_wijk_code(buurt.code), parent_gemeente_code(buurt.code)}) {
      if (table.find(code) != nullptr) continue;  // the file has the row itself
      auto [it, added] = sums.try_emplace(code);
      KwbRegion& sum = it->second;
      if (added) {
        sum.code = code;
        sum.level = code.starts_with("WK") ? RegionLevel::wijk : RegionLevel::gemeente;
        sum.municipality_name = buurt.municipality_name;
        sum.values.fill(kMissing);
      }
      for (std::size_t q = 0; q < kKwbQuantityCount; ++q) {
        if (kwb_quantity_unit(static_cast<Q>(q)) != KwbUnit::count || std::isnan(buurt.values[q])) continue;
        sum.values[q] = (std::isnan(sum.values[q]) ? 0.0 : sum.values[q]) + buurt.values[q];
      }
    }
  }
  for (auto& [code, region] : sums) {
    table.index_by_code.emplace(code, table.regions.size());
    table.regions.push_back(std::move(region));
  }
}

}  // namespace

double count_from_percent(double percent, double base) {
  if (std::isnan(percent) || std::isnan(base)) return kMissing;
  return std::round(percent / 100.0 * base / kCbsCountRounding) * kCbsCountRounding;
}

void derive_quantities(KwbTable& table) {
  counts_from_percentages(table);
  remainder(table, Q::origin_dutch, Q::inhabitants, {Q::origin_western, Q::origin_non_western});
  remainder(table, Q::private_rent_pct, Q::rented_pct, {Q::social_rent_pct});
  if (table.layout->sums_buurten) sum_buurten(table);
}

}  // namespace wijksim
