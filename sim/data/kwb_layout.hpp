#pragma once
// The quantities the model reads from a CBS "Kerncijfers wijken en buurten" (KWB) table and,
// per table year, the column key that holds each one. CBS renumbers and renames columns every
// year (HuishoudensTotaal_28 in 2019 is HuishoudensTotaal_29 in 2024), so the mapping is
// explicit per table rather than guessed from names.
#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace wijksim {

enum class KwbQuantity : std::size_t {
  inhabitants,
  age_0_14,
  age_15_24,
  age_25_44,
  age_45_64,
  age_65_plus,
  origin_dutch,        // 2024 only; 2019 derives it as inhabitants - western - non-western
  origin_western,      // 2019 "westers", 2024 "Europa (exclusief Nederland)"
  origin_non_western,  // 2019 "niet-westers", 2024 "buiten Europa"
  households,
  households_with_children,
  owner_occupied_pct,
  social_rent_pct,   // dwellings owned by housing corporations
  private_rent_pct,  // dwellings owned by other landlords
  education_low,     // persons aged 15-75
  education_middle,
  education_high,
  low_income_households_pct,
  social_assistance,  // persons receiving bijstand
  dwellings,          // dwelling stock, vacant dwellings included
};
inline constexpr std::size_t kKwbQuantityCount = 20;

enum class KwbUnit { count, percent };

std::string_view kwb_quantity_name(KwbQuantity quantity);
KwbUnit kwb_quantity_unit(KwbQuantity quantity);

struct KwbLayout {
  std::string_view table_id;  // CBS StatLine table number, e.g. "84583NED"
  int year = 0;
  std::array<std::string_view, kKwbQuantityCount> columns;  // "" when the table lacks it
  // Keys found only in this table year (beyond `columns`), so that a file holding only a few
  // general columns, like the national 2024 extract, can still be recognised.
  std::array<std::string_view, 1> extra_signature;

  std::string_view column(KwbQuantity quantity) const {
    return columns[static_cast<std::size_t>(quantity)];
  }
};

const std::vector<KwbLayout>& known_kwb_layouts();

// The layout whose year-specific keys best match `column_keys`. Throws DataError (naming
// `file`) when no known layout matches or two match equally well.
const KwbLayout& detect_kwb_layout(const std::vector<std::string>& column_keys,
                                   const std::string& file);

}  // namespace wijksim
