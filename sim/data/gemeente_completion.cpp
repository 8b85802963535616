// Completing partial figures from the gemeente: the lead share stays the unit's own, the split of
// the rest (or the level, for low income) is the gemeente's.
#include "sim/data/gemeente_completion.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <initializer_list>

namespace wijksim::cbs {
namespace {

using Q = KwbQuantity;

std::size_t at(Q quantity) { return static_cast<std::size_t>(quantity); }

std::string gemeente_of(const KwbRegion& row) {
  return row.level == RegionLevel::gemeente ? row.code : parent_gemeente_code(row.code);
}

// The gemeente's row in the first table that has all of `needs` for it.
const KwbRegion* gemeente_with(const std::vector<KwbTable*>& tables, const std::string& gemeente,
                               std::initializer_list<Q> needs) {
  for (const KwbTable* table : tables) {
    if (!std::all_of(needs.begin(), needs.end(), [&](Q q) { return table->has(q); })) continue;
    const KwbRegion* row = table->find(gemeente);
    if (row != nullptr && std::all_of(needs.begin(), needs.end(), [&](Q q) { return row->has(q); })) return row;
  }
  return nullptr;
}

// Splits `rest` percent in the proportions of the gemeente's two figures; false when they sum to 0.
bool split(double rest, double a, double b, double& share_a, double& share_b) {
  if (a + b <= 0) return false;
  share_a = rest * a / (a + b);
  share_b = rest * b / (a + b);
  return true;
}

std::size_t complete_education(KwbTable& table, const std::vector<KwbTable*>& tables) {
  if (!table.has(Q::education_high_pct) || table.has(Q::education_low)) return 0;
  std::size_t completed = 0;
  for (KwbRegion& row : table.regions) {
    if (!row.has(Q::education_high_pct)) continue;
    const KwbRegion* g = gemeente_with(tables, gemeente_of(row), {Q::education_low, Q::education_middle});
    const double high = row.value(Q::education_high_pct);
    if (g == nullptr || !split(100.0 - high, g->value(Q::education_low), g->value(Q::education_middle),
                               row.values[at(Q::education_low)], row.values[at(Q::education_middle)])) {
      continue;
    }
    row.values[at(Q::education_high)] = high;
    ++completed;
  }
  for (Q q : {Q::education_low, Q::education_middle, Q::education_high}) table.has_column[at(q)] = true;
  return completed;
}

std::size_t complete_tenure(KwbTable& table, const std::vector<KwbTable*>& tables) {
  if (!table.has(Q::owner_occupied_pct) || table.has(Q::social_rent_pct)) return 0;
  std::size_t completed = 0;
  for (KwbRegion& row : table.regions) {
    if (!row.has(Q::owner_occupied_pct)) continue;
    const KwbRegion* g = gemeente_with(tables, gemeente_of(row), {Q::social_rent_pct, Q::private_rent_pct});
    if (g == nullptr || !split(std::max(0.0, 100.0 - row.value(Q::owner_occupied_pct)), g->value(Q::social_rent_pct),
                               g->value(Q::private_rent_pct), row.values[at(Q::social_rent_pct)],
                               row.values[at(Q::private_rent_pct)])) {
      continue;
    }
    ++completed;
  }
  table.has_column[at(Q::social_rent_pct)] = table.has_column[at(Q::private_rent_pct)] = true;
  return completed;
}

std::size_t complete_low_income(KwbTable& table, const std::vector<KwbTable*>& tables) {
  if (!table.has(Q::low_income_persons_pct) || table.has(Q::low_income_households_pct)) return 0;
  std::size_t completed = 0;
  for (KwbRegion& row : table.regions) {
    const KwbRegion* own_gemeente = table.find(gemeente_of(row));
    const KwbRegion* g = gemeente_with(tables, gemeente_of(row), {Q::low_income_households_pct});
    if (!row.has(Q::low_income_persons_pct) || own_gemeente == nullptr || g == nullptr ||
        !(own_gemeente->value(Q::low_income_persons_pct) > 0)) {
      continue;
    }
    const double relative = row.value(Q::low_income_persons_pct) / own_gemeente->value(Q::low_income_persons_pct);
    row.values[at(Q::low_income_households_pct)] =
        std::clamp(g->value(Q::low_income_households_pct) * relative, 0.0, 100.0);
    ++completed;
  }
  table.has_column[at(Q::low_income_households_pct)] = true;
  return completed;
}

}  // namespace

void complete_from_gemeenten(const std::vector<KwbTable*>& tables, std::vector<std::string>& notes) {
  for (KwbTable* table : tables) {
    const std::string name = std::filesystem::path(table->file).filename().string();
    const auto note = [&](std::size_t rows, const std::string& what) {
      if (rows > 0) notes.push_back(name + ": " + what + " of " + std::to_string(rows) + " regions completed from their gemeente");
    };
    note(complete_education(*table, tables), "education (own share highly educated; low and middle split as in the gemeente)");
    note(complete_tenure(*table, tables), "tenure (own share owner-occupied; rented split as in the gemeente)");
    note(complete_low_income(*table, tables),
         "low income (the gemeente's share of low-income households, times the region's share in the lowest 40% "
         "of incomes relative to its gemeente's)");
  }
}

}  // namespace wijksim::cbs
