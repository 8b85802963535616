#pragma once
// The parts a unit's composition is assembled from (share aged 15+, age, migration background,
// education, tenure, low income, household size, households with children, bijstand), which
// columns each part needs in a given KWB table, and how one row of that table yields it. A part
// always comes from a single row; docs/data.md ("What each buurt gets") states the formulas.
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/data/cbs_table.hpp"

namespace wijksim::cbs {

enum class PartId : std::size_t {
  share_15_plus,
  age,
  migration,
  education,
  tenure,
  low_income,
  household_size,
  children,
  social_assistance
};
inline constexpr std::size_t kPartCount = 9;
// The Composition field each part fills (kCompositionFields); empty for the parts that only feed
// the residents count or vulnerability.
inline constexpr std::array<std::string_view, kPartCount> kCompositionFieldOfPart{
    "", "age_group", "migration_background", "education", "tenure", "low_income", "household_size",
    "households_with_children", ""};

struct Part {
  std::string_view name;
  std::vector<KwbQuantity> needs;  // the columns the part needs in a given table
};
using Parts = std::array<Part, kPartCount>;

// The main file or one of its detail files, with how its columns yield each part.
struct SourceTable {
  const KwbTable* table = nullptr;
  std::string name;  // the file name, for notes
  Parts parts;
  // Without a household count, residents 15+ per dwelling stand in for the household size.
  bool households_from_dwellings = false;

  const Part& part(PartId id) const { return parts[static_cast<std::size_t>(id)]; }
  bool has(PartId id) const;
};

// The main table first, then the detail tables in the order the scenario lists them.
std::vector<SourceTable> source_tables(const KwbTable& main, const std::vector<KwbTable>& detail);
bool any_source_has(const std::vector<SourceTable>& sources, PartId id);

// Each returns nothing when the row lacks a figure the part needs or its total is 0.
std::optional<double> residents_15_plus_of(const KwbRegion& row);
std::optional<double> share_15_plus_of(const KwbRegion& row);
std::optional<std::array<double, 4>> age_of(const KwbRegion& row);
std::optional<std::array<double, 3>> migration_of(const KwbRegion& row);
std::optional<std::array<double, 3>> education_of(const KwbRegion& row);
std::optional<std::array<double, 3>> tenure_of(const KwbRegion& row);
std::optional<double> low_income_of(const KwbRegion& row);
std::optional<double> household_size_of(const KwbRegion& row, const SourceTable& source);
std::optional<double> children_of(const KwbRegion& row);
std::optional<double> social_assistance_of(const KwbRegion& row);

}  // namespace wijksim::cbs
