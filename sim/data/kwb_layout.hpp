#pragma once
// The quantities the model reads from a CBS "Kerncijfers wijken en buurten" (KWB) table and,
// per table (the StatLine downloads of 2019 and 2024, and the national extracts in
// shared/data/cbs-kwb: PDOK, tmap and the 2014 buurt map), the column key that holds each one,
// where the region code is, and which columns are percentages rather than counts. CBS renumbers
// and renames columns every year (HuishoudensTotaal_28 in 2019 is HuishoudensTotaal_29 in 2024),
// so the mapping is explicit per table rather than guessed from names.
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
  rented_pct,                 // % rented dwellings; with social_rent_pct gives private_rent_pct
  education_high_pct,         // % highly educated of persons 15-75, when the counts are not given
  low_income_persons_pct,     // % of persons in the national lowest 40% of personal incomes
};
inline constexpr std::size_t kKwbQuantityCount = 23;

enum class KwbUnit { count, percent };

// What a column given as a percentage is a percentage of, when it stands for a count.
enum class PercentOf : unsigned char { none, inhabitants, households };

std::string_view kwb_quantity_name(KwbQuantity quantity);
KwbUnit kwb_quantity_unit(KwbQuantity quantity);

struct KwbLayout {
  std::string_view table_id;  // CBS StatLine table number, e.g. "84583NED"
  int year = 0;
  std::array<std::string_view, kKwbQuantityCount> columns;  // "" when the table lacks it
  // Keys found only in this table year (beyond `columns`), so that a file holding only a few
  // general columns, like the national 2024 extract, can still be recognised.
  std::array<std::string_view, 1> extra_signature;
  // The column with region codes, when it is not one of the OData keys (WijkenEnBuurten,
  // Codering_3), and the column naming each row's level, when there is one.
  std::string_view code_key;
  std::string_view level_key;
  // Counts published as whole-number percentages (the PDOK, tmap and 2014 extracts give age,
  // origin and households with children so); read as counts rounded as CBS rounds counts.
  std::array<PercentOf, kKwbQuantityCount> percent_of{};
  // A buurt-only table (the 2014 buurt map): wijk and gemeente rows are summed from its buurten.
  bool sums_buurten = false;

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
