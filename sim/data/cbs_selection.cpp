// Selecting units by code, and suggesting the nearest code (by edit distance) for one that is
// not in the file.
#include "sim/data/cbs_selection.hpp"

#include <algorithm>
#include <vector>

#include "sim/core/nearest_name.hpp"

namespace wijksim::cbs {
namespace {

std::string nearest_code(const KwbTable& table, RegionLevel level, const std::string& code) {
  std::vector<std::string> codes;
  for (const KwbRegion& region : table.regions) {
    if (region.level == level) codes.push_back(region.code);
  }
  return closest_name(code, codes);
}

}  // namespace

RegionLevel finest_level(const KwbTable& table) {
  RegionLevel finest = RegionLevel::gemeente;
  for (const KwbRegion& region : table.regions) finest = std::max(finest, region.level);
  return finest;
}

void check_selected_codes(const KwbTable& table, const CbsSelection& selection, RegionLevel unit_level) {
  const auto check = [&](const std::vector<std::string>& codes, RegionLevel level, std::string_view list) {
    for (std::size_t i = 0; i < codes.size(); ++i) {
      const DataLocation where{selection.file, 0, codes[i], ""};
      const std::string key = "municipality.cbs." + std::string(list) + "[" + std::to_string(i) + "]";
      if (level > unit_level) {
        throw SelectionError(where, "the finest level in this file is the " + std::string(region_level_name(unit_level)) +
                                        "; select " + (unit_level == RegionLevel::wijk ? "wijken or gemeenten" : "gemeenten"),
                             key);
      }
      const KwbRegion* region = table.find(codes[i]);
      if (region == nullptr || region->level != level) {
        const std::string nearest = nearest_code(table, level, codes[i]);
        throw SelectionError(where, "expected a " + std::string(region_level_name(level)) + " code in the file, found '" +
                                        codes[i] + "'" + (nearest.empty() ? "" : "; nearest: " + nearest),
                             key);
      }
    }
  };
  check(selection.gemeenten, RegionLevel::gemeente, "gemeenten");
  check(selection.wijken, RegionLevel::wijk, "wijken");
  check(selection.buurten, RegionLevel::buurt, "buurten");
}

SelectionFilter::SelectionFilter(const CbsSelection& selection)
    : gemeenten_(selection.gemeenten.begin(), selection.gemeenten.end()),
      wijken_(selection.wijken.begin(), selection.wijken.end()),
      buurten_(selection.buurten.begin(), selection.buurten.end()) {}

bool SelectionFilter::selects(const KwbRegion& unit) const {
  if (gemeenten_.empty() && wijken_.empty() && buurten_.empty()) return true;
  const std::string wijk = unit.level == RegionLevel::wijk ? unit.code : parent_wijk_code(unit.code);
  const std::string gemeente = unit.level == RegionLevel::gemeente ? unit.code : parent_gemeente_code(unit.code);
  return buurten_.contains(unit.code) || wijken_.contains(wijk) || gemeenten_.contains(gemeente);
}

}  // namespace wijksim::cbs
