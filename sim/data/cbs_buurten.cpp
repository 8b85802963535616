// From a KWB table to BuurtSpecs: per unit, each part of the composition is taken from the unit's
// own row, else its wijk, else its gemeente, else the model default (with a note); vulnerability
// is a standardised index of deprivation indicators. docs/data.md states the rules and reasons.
#include "sim/data/cbs_buurten.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <string_view>
#include <unordered_set>

namespace wijksim {
namespace {

using Q = KwbQuantity;

// Tiny units are left out of the standardisation: with counts rounded to 5, their shares are
// mostly rounding noise and would stretch the scale for everyone else.
constexpr double kReferenceMinimumResidents = 50;
// Residents aged 15+ per household: institutions (care homes, student housing) count as
// residents but not as private households, which can push the ratio to implausible values.
constexpr double kMinHouseholdSize = 1.0;
constexpr double kMaxHouseholdSize = 4.0;

// The deprivation indicators combined into vulnerability, in this order.
constexpr std::array<std::string_view, 4> kIndicatorNames{
    "low-income households", "housing-corporation dwellings", "bijstand recipients per resident 15+",
    "low education (15-75)"};
enum Indicator : std::size_t { low_income, social_rent, social_assistance, low_education };
constexpr double kNotFromData = std::numeric_limits<double>::quiet_NaN();

// A piece of the composition read together from one row, with the columns it needs.
struct Part {
  std::string_view name;
  std::vector<Q> needs;
};

struct Parts {
  Part share_15_plus{"share aged 15+", {Q::inhabitants, Q::age_0_14}};
  Part age{"age", {Q::age_15_24, Q::age_25_44, Q::age_45_64, Q::age_65_plus}};
  Part migration{"migration background", {}};
  Part education{"education", {Q::education_low, Q::education_middle, Q::education_high}};
  Part tenure{"tenure", {Q::owner_occupied_pct, Q::private_rent_pct, Q::social_rent_pct}};
  Part low_income{"low income", {Q::low_income_households_pct}};
  Part household_size{"household size", {Q::inhabitants, Q::age_0_14, Q::households}};
  Part children{"households with children", {Q::households, Q::households_with_children}};
  Part social_assistance{"bijstand", {Q::inhabitants, Q::age_0_14, Q::social_assistance}};
};

// KWB 2019 gives western and non-western counts and leaves Dutch origin implicit; KWB 2024 counts
// all three (by country of origin: Europe stands in for western, outside Europe for non-western).
bool counts_dutch_origin(const KwbLayout& layout) { return !layout.column(Q::origin_dutch).empty(); }

Parts parts_for(const KwbLayout& layout) {
  Parts parts;
  parts.migration.needs = counts_dutch_origin(layout)
                              ? std::vector<Q>{Q::origin_dutch, Q::origin_western, Q::origin_non_western}
                              : std::vector<Q>{Q::inhabitants, Q::origin_western, Q::origin_non_western};
  return parts;
}

bool file_has(const KwbTable& table, const Part& part) {
  return std::all_of(part.needs.begin(), part.needs.end(), [&](Q q) { return table.has(q); });
}

// ---- extracting one part from one row --------------------------------------------------

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

std::optional<std::array<double, 3>> migration_of(const KwbRegion& row, bool dutch_counted) {
  const double western = row.value(Q::origin_western);
  const double non_western = row.value(Q::origin_non_western);
  const double dutch = dutch_counted ? row.value(Q::origin_dutch)
                                     : std::max(0.0, row.value(Q::inhabitants) - western - non_western);
  return shares_of<3>({dutch, western, non_western});
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

std::optional<double> household_size_of(const KwbRegion& row) {
  const auto adults = residents_15_plus_of(row);
  const double households = row.value(Q::households);
  if (!adults || std::isnan(households) || households <= 0 || *adults <= 0) return std::nullopt;
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

// ---- fallback along the chain unit -> wijk -> gemeente ---------------------------------

struct Chain {
  std::vector<const KwbRegion*> rows;  // the unit first, then whichever ancestors the file has
};

Chain chain_of(const KwbTable& table, const KwbRegion& unit) {
  Chain chain{{&unit}};
  for (const std::string& code : {parent_wijk_code(unit.code), parent_gemeente_code(unit.code)}) {
    if (const KwbRegion* row = code.empty() ? nullptr : table.find(code)) chain.rows.push_back(row);
  }
  return chain;
}

std::string why_unusable(const KwbRegion& row, const Part& part) {
  const bool suppressed = std::any_of(part.needs.begin(), part.needs.end(), [&](Q q) { return !row.has(q); });
  return suppressed ? "suppressed" : "zero total";
}

// The first row in the chain from which `extract` yields a value; a note when that is not the
// unit's own row. std::nullopt (model default) when no row has it.
template <class Extract>
auto resolve(const Chain& chain, const Part& part, Extract extract, std::vector<std::string>* notes)
    -> decltype(extract(*chain.rows.front())) {
  const KwbRegion& unit = *chain.rows.front();
  std::string reason;
  std::string tried;
  for (std::size_t i = 0; i < chain.rows.size(); ++i) {
    if (auto value = extract(*chain.rows[i])) {
      if (i > 0 && notes) notes->push_back(unit.code + " " + std::string(part.name) + ": " + reason + ", took " +
                                           chain.rows[i]->code);
      return value;
    }
    if (i == 0) reason = why_unusable(unit, part);
    if (i > 0) tried += (tried.empty() ? "" : ", ") + chain.rows[i]->code;
  }
  if (notes) {
    notes->push_back(unit.code + " " + std::string(part.name) + ": " + reason +
                     (tried.empty() ? "" : ", also in " + tried) + ", took the model default");
  }
  return std::nullopt;
}

// ---- one unit --------------------------------------------------------------------------

struct UnitData {
  const KwbRegion* region = nullptr;
  double residents_15_plus = 0;
  Composition composition;
  std::array<double, kIndicatorNames.size()> indicators{kNotFromData, kNotFromData, kNotFromData, kNotFromData};
  double vulnerability = 0.5;
};

UnitData resolve_unit(const KwbTable& table, const Parts& parts, const KwbRegion& unit,
                      std::vector<std::string>* notes) {
  const Chain chain = chain_of(table, unit);
  UnitData data;
  data.region = &unit;
  Composition& composition = data.composition;
  const auto from_file = [&](const Part& part, auto extract) {
    return file_has(table, part) ? resolve(chain, part, extract, notes) : std::nullopt;
  };

  const double inhabitants = unit.has(Q::inhabitants) ? unit.value(Q::inhabitants) : 0.0;
  const auto own_adults = residents_15_plus_of(unit);
  data.residents_15_plus =
      own_adults ? *own_adults
                 : inhabitants * from_file(parts.share_15_plus, share_15_plus_of).value_or(kDefaultShareAged15Plus);
  if (data.residents_15_plus <= 0) return data;

  if (auto age = from_file(parts.age, age_of)) composition.age_group = *age;
  const bool dutch_counted = counts_dutch_origin(*table.layout);
  if (auto origin = from_file(parts.migration, [&](const KwbRegion& row) { return migration_of(row, dutch_counted); })) {
    composition.migration_background = *origin;
  }
  if (auto education = from_file(parts.education, education_of)) {
    composition.education = *education;
    data.indicators[low_education] = (*education)[0];
  }
  if (auto tenure = from_file(parts.tenure, tenure_of)) {
    composition.tenure = *tenure;
    data.indicators[social_rent] = (*tenure)[2];
  }
  if (auto low = from_file(parts.low_income, low_income_of)) {
    composition.low_income = *low;
    data.indicators[low_income] = *low;
  }
  if (auto size = from_file(parts.household_size, household_size_of)) composition.household_size = *size;
  if (auto children = from_file(parts.children, children_of)) composition.households_with_children = *children;
  if (auto assistance = from_file(parts.social_assistance, social_assistance_of)) {
    data.indicators[social_assistance] = *assistance;
  }
  composition.health_limitation = health_limitation_share(composition.age_group);
  return data;
}

void note_missing_parts(const KwbTable& table, const Parts& parts, std::vector<std::string>& notes) {
  for (const Part* part : {&parts.share_15_plus, &parts.age, &parts.migration, &parts.education, &parts.tenure,
                           &parts.low_income, &parts.household_size, &parts.children, &parts.social_assistance}) {
    if (file_has(table, *part)) continue;
    std::string missing;
    for (Q q : part->needs) {
      if (table.has(q)) continue;
      const std::string_view key = table.layout->column(q);
      missing += (missing.empty() ? "" : ", ") + std::string(key.empty() ? kwb_quantity_name(q) : key);
    }
    notes.push_back(table.file + ": no " + std::string(part->name) + " columns (" + missing +
                    "); every unit uses the " +
                    (part == &parts.share_15_plus ? "national share " + std::to_string(kDefaultShareAged15Plus)
                                                  : std::string("model default")));
  }
}

// ---- vulnerability ---------------------------------------------------------------------

struct MeanSd {
  double mean = 0;
  double sd = 0;
  std::size_t count = 0;
};

template <class Value>
MeanSd mean_sd(const std::vector<const UnitData*>& units, Value value) {
  MeanSd result;
  double sum = 0, sum_squares = 0;
  for (const UnitData* unit : units) {
    const double x = value(*unit);
    if (std::isnan(x)) continue;
    sum += x;
    sum_squares += x * x;
    ++result.count;
  }
  if (result.count < 2) return result;
  result.mean = sum / static_cast<double>(result.count);
  result.sd = std::sqrt(std::max(0.0, sum_squares / static_cast<double>(result.count) - result.mean * result.mean));
  return result;
}

double standard_normal_cdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

std::vector<const UnitData*> reference_units(const std::vector<UnitData>& units) {
  std::vector<const UnitData*> reference;
  for (const UnitData& unit : units) {
    if (unit.residents_15_plus >= kReferenceMinimumResidents) reference.push_back(&unit);
  }
  if (reference.size() >= 2) return reference;
  reference.clear();
  for (const UnitData& unit : units) {
    if (unit.residents_15_plus > 0) reference.push_back(&unit);
  }
  return reference;
}

// Each indicator is standardised over the reference units (all units of the file, not just the
// selection, so that choosing two poor buurten does not make one of them "vital"); a unit's
// index is the mean of its available z-scores, standardised again and mapped to 0..1 through
// the normal distribution function.
void assign_vulnerability(std::vector<UnitData>& units, const KwbTable& table, std::vector<std::string>& notes) {
  const std::vector<const UnitData*> reference = reference_units(units);
  std::array<MeanSd, kIndicatorNames.size()> scales;
  std::string used;
  for (std::size_t k = 0; k < scales.size(); ++k) {
    scales[k] = mean_sd(reference, [k](const UnitData& unit) { return unit.indicators[k]; });
    if (scales[k].sd > 0) used += (used.empty() ? "" : ", ") + std::string(kIndicatorNames[k]);
  }
  if (used.empty()) {
    notes.push_back(table.file + ": no vulnerability indicators vary in the file; every unit starts at vulnerability 0.5");
    return;
  }
  notes.push_back(table.file + ": vulnerability from " + used + ", standardised over " +
                  std::to_string(reference.size()) + " units of the file");
  std::vector<double> index(units.size(), kNotFromData);
  for (std::size_t u = 0; u < units.size(); ++u) {
    double sum = 0;
    int count = 0;
    for (std::size_t k = 0; k < scales.size(); ++k) {
      if (scales[k].sd <= 0 || std::isnan(units[u].indicators[k])) continue;
      sum += (units[u].indicators[k] - scales[k].mean) / scales[k].sd;
      ++count;
    }
    if (count > 0) index[u] = sum / count;
  }
  const auto index_of = [&](const UnitData& unit) { return index[static_cast<std::size_t>(&unit - units.data())]; };
  const MeanSd index_scale = mean_sd(reference, index_of);
  for (std::size_t u = 0; u < units.size(); ++u) {
    if (std::isnan(index[u]) || index_scale.sd <= 0) continue;
    units[u].vulnerability = standard_normal_cdf((index[u] - index_scale.mean) / index_scale.sd);
  }
}

// ---- selection -------------------------------------------------------------------------

RegionLevel finest_level(const KwbTable& table) {
  RegionLevel finest = RegionLevel::gemeente;
  for (const KwbRegion& region : table.regions) finest = std::max(finest, region.level);
  return finest;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> previous(b.size() + 1), current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] != b[j - 1])});
    }
    std::swap(previous, current);
  }
  return previous[b.size()];
}

std::string nearest_code(const KwbTable& table, RegionLevel level, const std::string& code) {
  std::string best;
  std::size_t best_distance = std::string::npos;
  for (const KwbRegion& region : table.regions) {
    if (region.level != level) continue;
    const std::size_t distance = edit_distance(region.code, code);
    if (distance < best_distance) {
      best = region.code;
      best_distance = distance;
    }
  }
  return best;
}

void check_selected_codes(const KwbTable& table, const CbsSelection& selection, RegionLevel unit_level) {
  const auto check = [&](const std::vector<std::string>& codes, RegionLevel level, std::string_view list) {
    for (std::size_t i = 0; i < codes.size(); ++i) {
      const DataLocation where{selection.file, 0, codes[i], std::string(list) + "[" + std::to_string(i) + "]"};
      if (level > unit_level) {
        throw DataError(where, "the finest level in this file is the " + std::string(region_level_name(unit_level)) +
                                   "; select " + (unit_level == RegionLevel::wijk ? "wijken or gemeenten" : "gemeenten"));
      }
      const KwbRegion* region = table.find(codes[i]);
      if (region == nullptr || region->level != level) {
        const std::string nearest = nearest_code(table, level, codes[i]);
        throw DataError(where, "expected a " + std::string(region_level_name(level)) + " code in the file, found '" +
                                   codes[i] + "'" + (nearest.empty() ? "" : "; nearest: " + nearest));
      }
    }
  };
  check(selection.gemeenten, RegionLevel::gemeente, "gemeenten");
  check(selection.wijken, RegionLevel::wijk, "wijken");
  check(selection.buurten, RegionLevel::buurt, "buurten");
}

class SelectionFilter {
 public:
  explicit SelectionFilter(const CbsSelection& selection)
      : gemeenten_(selection.gemeenten.begin(), selection.gemeenten.end()),
        wijken_(selection.wijken.begin(), selection.wijken.end()),
        buurten_(selection.buurten.begin(), selection.buurten.end()) {}

  bool selects(const KwbRegion& unit) const {
    if (gemeenten_.empty() && wijken_.empty() && buurten_.empty()) return true;
    const std::string wijk = unit.level == RegionLevel::wijk ? unit.code : parent_wijk_code(unit.code);
    const std::string gemeente = unit.level == RegionLevel::gemeente ? unit.code : parent_gemeente_code(unit.code);
    return buurten_.contains(unit.code) || wijken_.contains(wijk) || gemeenten_.contains(gemeente);
  }

 private:
  std::unordered_set<std::string> gemeenten_, wijken_, buurten_;
};

BuurtSpec to_buurt_spec(const UnitData& unit, double scale) {
  const KwbRegion& region = *unit.region;
  BuurtSpec spec;
  spec.code = region.code;
  spec.name = region.code;  // KWB files carry codes only, no buurt names
  spec.wijk = region.level == RegionLevel::buurt ? parent_wijk_code(region.code) : region.code;
  spec.type = "cbs";
  spec.residents = std::max(1, static_cast<int>(std::lround(unit.residents_15_plus * scale)));
  spec.vulnerability = unit.vulnerability;
  spec.composition = unit.composition;
  spec.liveability = starting_liveability(unit.vulnerability);
  spec.community_centre = true;  // KWB has no data on community centres
  return spec;
}

}  // namespace

double health_limitation_share(const std::array<double, 4>& age_group) {
  double share = 0;
  for (std::size_t a = 0; a < age_group.size(); ++a) share += age_group[a] * kHealthLimitationByAge[a];
  return share;
}

std::array<double, kLiveabilityPartCount> starting_liveability(double vulnerability, const LiveabilityParams& params) {
  const double level =
      params.structural_vital + (params.structural_vulnerable - params.structural_vital) * vulnerability;
  std::array<double, kLiveabilityPartCount> liveability{};
  liveability.fill(level);
  return liveability;
}

std::vector<BuurtSpec> cbs_buurten_from_table(const KwbTable& table, const CbsSelection& selection,
                                              std::vector<std::string>& notes) {
  const RegionLevel unit_level = finest_level(table);
  check_selected_codes(table, selection, unit_level);
  const SelectionFilter filter(selection);
  const Parts parts = parts_for(*table.layout);

  notes.push_back(table.file + ": KWB table " + std::string(table.layout->table_id) + " (" +
                  std::to_string(table.layout->year) + "), one unit per " + std::string(region_level_name(unit_level)));
  note_missing_parts(table, parts, notes);

  std::vector<UnitData> units;
  std::vector<bool> selected;
  for (const KwbRegion& region : table.regions) {
    if (region.level != unit_level) continue;
    selected.push_back(filter.selects(region));
    units.push_back(resolve_unit(table, parts, region, selected.back() ? &notes : nullptr));
  }
  assign_vulnerability(units, table, notes);

  std::vector<BuurtSpec> buurten;
  for (std::size_t u = 0; u < units.size(); ++u) {
    if (!selected[u]) continue;
    if (units[u].residents_15_plus <= 0) {
      notes.push_back(units[u].region->code + ": no residents aged 15+, left out");
      continue;
    }
    buurten.push_back(to_buurt_spec(units[u], selection.scale));
  }
  if (buurten.empty()) throw DataError({selection.file, 0, "", ""}, "the selection holds no residents aged 15+");
  return buurten;
}

std::vector<BuurtSpec> read_cbs_buurten(const CbsSelection& selection, std::vector<std::string>& notes) {
  return cbs_buurten_from_table(read_kwb_table(selection.file), selection, notes);
}

}  // namespace wijksim
