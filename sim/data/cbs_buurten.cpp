// From KWB tables to BuurtSpecs: per unit, each part of the composition is taken from the nearest
// row that has it: the unit's own row, the same code in a detail file (when it is plausibly the
// same area), the unit's wijk and gemeente, its gemeente in a detail file, else the model
// default; vulnerability is a standardised index of deprivation indicators. docs/data.md states
// the rules and reasons.
#include "sim/data/cbs_buurten.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <optional>
#include <sstream>
#include <string_view>
#include <type_traits>
#include <unordered_set>

#include "sim/data/fit_report.hpp"

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
// A region code of one table year may cover a different area in another (wijken are redrawn);
// a detail row whose inhabitants differ more than this factor from the main row is not used.
constexpr double kSameAreaMaxRatio = 1.5;
// Mismatched codes listed by name in the note; the rest are counted.
constexpr std::size_t kMismatchesNamed = 10;

// The deprivation indicators combined into vulnerability, in this order.
constexpr std::array<std::string_view, 4> kIndicatorNames{
    "low-income households", "housing-corporation dwellings", "bijstand recipients per resident 15+",
    "low education (15-75)"};
enum Indicator : std::size_t { low_income, social_rent, social_assistance, low_education };
constexpr double kNotFromData = std::numeric_limits<double>::quiet_NaN();

// A piece of the composition (or a vulnerability input) read together from one row.
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
constexpr std::size_t kPartCount = 9;
// The Composition field each part fills (kCompositionFields); empty for the parts that only feed
// the residents count or vulnerability.
constexpr std::array<std::string_view, kPartCount> kCompositionFieldOfPart{
    "", "age_group", "migration_background", "education", "tenure", "low_income", "household_size",
    "households_with_children", ""};

struct Part {
  std::string_view name;
  std::vector<Q> needs;  // the columns the part needs in a given table
};
using Parts = std::array<Part, kPartCount>;

// ---- the tables a unit can draw on ---------------------------------------------------------

// The main file or one of its detail files, with how its columns yield each part.
struct SourceTable {
  const KwbTable* table = nullptr;
  std::string name;  // the file name, for notes
  Parts parts;
  // KWB 2019 gives western and non-western counts and leaves Dutch origin implicit; KWB 2024
  // counts all three (by country of origin: Europe stands in for western, outside Europe for
  // non-western).
  bool dutch_counted = false;
  // Without a household count, residents 15+ per dwelling stand in for the household size.
  bool households_from_dwellings = false;

  const Part& part(PartId id) const { return parts[static_cast<std::size_t>(id)]; }
  bool has(PartId id) const {
    const auto& needs = part(id).needs;
    return std::all_of(needs.begin(), needs.end(), [&](Q q) { return table->has(q); });
  }
};

SourceTable source_table(const KwbTable& table) {
  SourceTable source;
  source.table = &table;
  source.name = std::filesystem::path(table.file).filename().string();
  source.dutch_counted = !table.layout->column(Q::origin_dutch).empty();
  source.households_from_dwellings =
      !table.has(Q::households) && table.has(Q::inhabitants) && table.has(Q::dwellings);
  source.parts = Parts{{
      {"share aged 15+", {Q::inhabitants, Q::age_0_14}},
      {"age", {Q::age_15_24, Q::age_25_44, Q::age_45_64, Q::age_65_plus}},
      {"migration background",
       source.dutch_counted ? std::vector<Q>{Q::origin_dutch, Q::origin_western, Q::origin_non_western}
                            : std::vector<Q>{Q::inhabitants, Q::origin_western, Q::origin_non_western}},
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

// The main table first, then the detail tables in the order the scenario lists them.
std::vector<SourceTable> source_tables(const KwbTable& main, const std::vector<KwbTable>& detail) {
  std::vector<SourceTable> sources{source_table(main)};
  for (const KwbTable& table : detail) sources.push_back(source_table(table));
  return sources;
}

bool any_source_has(const std::vector<SourceTable>& sources, PartId id) {
  return std::any_of(sources.begin(), sources.end(), [id](const SourceTable& source) { return source.has(id); });
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

std::optional<std::array<double, 3>> migration_of(const KwbRegion& row, const SourceTable& source) {
  const double western = row.value(Q::origin_western);
  const double non_western = row.value(Q::origin_non_western);
  const double dutch = source.dutch_counted ? row.value(Q::origin_dutch)
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

template <class Extract>
auto extract_from(Extract extract, const KwbRegion& row, const SourceTable& source) {
  if constexpr (std::is_invocable_v<Extract, const KwbRegion&>) {
    return extract(row);
  } else {
    return extract(row, source);
  }
}

// ---- the chain of rows a unit draws on -------------------------------------------------

// The steps of the nearest-detail order, nearest first.
enum class Step { own_row, same_code_in_detail, wijk_row, gemeente_row, gemeente_in_detail, model_default };

struct Link {
  const KwbRegion* row;
  const SourceTable* source;
  Step step;
};

// A detail row with the unit's code whose inhabitants say it is another area.
struct AreaMismatch {
  const SourceTable* source;
  double main_inhabitants;
  double detail_inhabitants;
};

struct Chain {
  std::vector<Link> links;  // the unit's own row first
  std::vector<AreaMismatch> mismatches;
};

bool plausibly_same_area(const KwbRegion& main, const KwbRegion& detail) {
  const double a = main.value(Q::inhabitants);
  const double b = detail.value(Q::inhabitants);
  if (std::isnan(a) || std::isnan(b)) return false;
  if (a == b) return true;
  return std::min(a, b) > 0 && std::max(a, b) / std::min(a, b) <= kSameAreaMaxRatio;
}

Chain chain_of(const std::vector<SourceTable>& sources, const KwbRegion& unit) {
  const SourceTable& main = sources.front();
  const std::string gemeente = parent_gemeente_code(unit.code);
  Chain chain{{{&unit, &main, Step::own_row}}, {}};
  for (auto detail = sources.begin() + 1; detail != sources.end(); ++detail) {
    const KwbRegion* row = detail->table->find(unit.code);
    if (row == nullptr) continue;
    if (plausibly_same_area(unit, *row)) {
      chain.links.push_back({row, &*detail, Step::same_code_in_detail});
    } else {
      chain.mismatches.push_back({&*detail, unit.value(Q::inhabitants), row->value(Q::inhabitants)});
    }
  }
  const std::string wijk = parent_wijk_code(unit.code);
  if (const KwbRegion* row = wijk.empty() ? nullptr : main.table->find(wijk)) {
    chain.links.push_back({row, &main, Step::wijk_row});
  }
  if (const KwbRegion* row = gemeente.empty() ? nullptr : main.table->find(gemeente)) {
    chain.links.push_back({row, &main, Step::gemeente_row});
  }
  for (auto detail = sources.begin() + 1; detail != sources.end(); ++detail) {
    if (const KwbRegion* row = gemeente.empty() ? nullptr : detail->table->find(gemeente)) {
      chain.links.push_back({row, &*detail, Step::gemeente_in_detail});
    }
  }
  return chain;
}

std::string describe(const Link& link) {
  return link.step == Step::same_code_in_detail || link.step == Step::gemeente_in_detail
             ? link.row->code + " in " + link.source->name
             : link.row->code;
}

std::string why_unusable(const KwbRegion& row, const Part& part) {
  const bool suppressed = std::any_of(part.needs.begin(), part.needs.end(), [&](Q q) { return !row.has(q); });
  return suppressed ? "suppressed" : "zero total";
}

// Where a unit's value of one part came from: a step and the index of its table in the sources.
struct Origin {
  Step step = Step::model_default;
  std::size_t table = 0;
  auto operator<=>(const Origin&) const = default;
};

// The first link in the chain whose table has the part and whose row yields a value, with its
// origin. A note when the main file has the part but the unit's own row cannot give it; a part
// the main file lacks altogether is summarised once for all units instead.
template <class Extract>
auto resolve(const Chain& chain, const std::vector<SourceTable>& sources, PartId id, Extract extract, Origin& origin,
             std::vector<std::string>* notes) {
  const Link& own = chain.links.front();
  const bool note = notes != nullptr && own.source->has(id);
  std::string tried;
  for (std::size_t i = 0; i < chain.links.size(); ++i) {
    const Link& link = chain.links[i];
    if (!link.source->has(id)) continue;
    if (auto value = extract_from(extract, *link.row, *link.source)) {
      origin = {link.step, static_cast<std::size_t>(link.source - sources.data())};
      if (i > 0 && note) {
        notes->push_back(own.row->code + " " + std::string(own.source->part(id).name) + ": " +
                         why_unusable(*own.row, own.source->part(id)) + ", took " + describe(link));
      }
      return value;
    }
    if (i > 0) tried += (tried.empty() ? "" : ", ") + describe(link);
  }
  origin = {Step::model_default, 0};
  if (note) {
    notes->push_back(own.row->code + " " + std::string(own.source->part(id).name) + ": " +
                     why_unusable(*own.row, own.source->part(id)) + (tried.empty() ? "" : ", also in " + tried) +
                     ", took the model default");
  }
  return decltype(extract_from(extract, *own.row, *own.source)){};
}

// ---- one unit --------------------------------------------------------------------------

struct UnitData {
  const KwbRegion* region = nullptr;
  double residents_15_plus = 0;
  Composition composition;
  std::array<double, kIndicatorNames.size()> indicators{kNotFromData, kNotFromData, kNotFromData, kNotFromData};
  double vulnerability = 0.5;
  std::array<Origin, kPartCount> origins;
  std::vector<AreaMismatch> mismatches;
};

UnitData resolve_unit(const std::vector<SourceTable>& sources, const KwbRegion& unit, std::vector<std::string>* notes) {
  Chain chain = chain_of(sources, unit);
  UnitData data;
  data.region = &unit;
  data.mismatches = std::move(chain.mismatches);
  Composition& composition = data.composition;
  const auto take = [&](PartId id, auto extract) {
    return resolve(chain, sources, id, extract, data.origins[static_cast<std::size_t>(id)], notes);
  };

  const double inhabitants = unit.has(Q::inhabitants) ? unit.value(Q::inhabitants) : 0.0;
  if (const auto own_adults = residents_15_plus_of(unit)) {
    data.residents_15_plus = *own_adults;
    data.origins[static_cast<std::size_t>(PartId::share_15_plus)] = {Step::own_row, 0};
  } else {
    data.residents_15_plus =
        inhabitants * take(PartId::share_15_plus, share_15_plus_of).value_or(kDefaultShareAged15Plus);
  }
  if (data.residents_15_plus <= 0) return data;

  if (auto age = take(PartId::age, age_of)) composition.age_group = *age;
  if (auto origin = take(PartId::migration, migration_of)) composition.migration_background = *origin;
  if (auto education = take(PartId::education, education_of)) {
    composition.education = *education;
    data.indicators[low_education] = (*education)[0];
  }
  if (auto tenure = take(PartId::tenure, tenure_of)) {
    composition.tenure = *tenure;
    data.indicators[social_rent] = (*tenure)[2];
  }
  if (auto low = take(PartId::low_income, low_income_of)) {
    composition.low_income = *low;
    data.indicators[low_income] = *low;
  }
  if (auto size = take(PartId::household_size, household_size_of)) composition.household_size = *size;
  if (auto children = take(PartId::children, children_of)) composition.households_with_children = *children;
  if (auto assistance = take(PartId::social_assistance, social_assistance_of)) {
    data.indicators[social_assistance] = *assistance;
  }
  composition.health_limitation = health_limitation_share(composition.age_group);
  return data;
}

// ---- notes about the files -------------------------------------------------------------

std::string missing_columns(const SourceTable& source, const Part& part) {
  std::string missing;
  for (Q q : part.needs) {
    if (source.table->has(q)) continue;
    const std::string_view key = source.table->layout->column(q);
    missing += (missing.empty() ? "" : ", ") + std::string(key.empty() ? kwb_quantity_name(q) : key);
  }
  return missing;
}

void note_main_file(const std::vector<SourceTable>& sources, RegionLevel unit_level, std::vector<std::string>& notes) {
  const SourceTable& main = sources.front();
  const KwbTable& table = *main.table;
  notes.push_back(table.file + ": KWB table " + std::string(table.layout->table_id) + " (" +
                  std::to_string(table.layout->year) + "), one unit per " + std::string(region_level_name(unit_level)));
  if (main.households_from_dwellings) {
    notes.push_back(table.file + ": no household count; household size is residents 15+ per dwelling (" +
                    std::string(table.layout->column(Q::dwellings)) + "), a little low as vacant dwellings count");
  }
  for (std::size_t p = 0; p < kPartCount; ++p) {
    const PartId id = static_cast<PartId>(p);
    if (main.has(id)) continue;
    const std::string last_resort = id == PartId::share_15_plus
                                        ? "national share " + std::to_string(kDefaultShareAged15Plus)
                                        : std::string("model default");
    notes.push_back(table.file + ": no " + std::string(main.part(id).name) + " columns (" +
                    missing_columns(main, main.part(id)) + "); every unit uses the " +
                    (any_source_has(sources, id) ? "nearest detail file that has it, else the " : "") + last_resort);
  }
}

void note_detail_files(const std::vector<SourceTable>& sources, std::vector<std::string>& notes) {
  for (auto detail = sources.begin() + 1; detail != sources.end(); ++detail) {
    const KwbTable& table = *detail->table;
    std::string lacking;
    for (std::size_t p = 0; p < kPartCount; ++p) {
      if (!detail->has(static_cast<PartId>(p))) lacking += (lacking.empty() ? "" : ", ") + std::string(detail->parts[p].name);
    }
    notes.push_back(table.file + ": detail, KWB table " + std::string(table.layout->table_id) + " (" +
                    std::to_string(table.layout->year) + "), " + std::to_string(table.regions.size()) + " regions" +
                    (lacking.empty() ? "" : "; has no " + lacking));
  }
}

std::string with_thousands(std::size_t count) {
  std::string digits = std::to_string(count);
  for (std::size_t at = digits.size(); at > 3; at -= 3) digits.insert(at - 3, ",");
  return digits;
}

std::string inhabitants_text(double inhabitants) {
  return std::isnan(inhabitants) ? "no count" : with_thousands(static_cast<std::size_t>(std::lround(inhabitants)));
}

std::string factor_text(double factor) {
  std::ostringstream text;
  text << factor;
  return text.str();
}

std::string plural(RegionLevel level) { return std::string(region_level_name(level)) + "en"; }

std::string origin_label(const Origin& origin, const std::vector<SourceTable>& sources) {
  const std::string& name = sources[origin.table].name;
  switch (origin.step) {
    case Step::own_row: return "own row";
    case Step::same_code_in_detail: return "same code in " + name;
    case Step::wijk_row: return "wijk row";
    case Step::gemeente_row: return "gemeente row";
    case Step::gemeente_in_detail: return "gemeente in " + name;
    case Step::model_default: return "model default";
  }
  return "";
}

// One note saying, per part, how many units took it from each step of the order; parts with the
// same counts are listed together so that the note stays short.
std::string composition_sources_note(const std::vector<const UnitData*>& kept, const std::vector<SourceTable>& sources,
                                     RegionLevel unit_level) {
  std::vector<std::pair<std::map<Origin, std::size_t>, std::string>> groups;
  for (std::size_t p = 0; p < kPartCount; ++p) {
    std::map<Origin, std::size_t> counts;
    for (const UnitData* unit : kept) ++counts[unit->origins[p]];
    const auto same = std::find_if(groups.begin(), groups.end(), [&](const auto& group) { return group.first == counts; });
    const std::string name(sources.front().parts[p].name);
    if (same == groups.end()) {
      groups.emplace_back(std::move(counts), name);
    } else {
      same->second += ", " + name;
    }
  }
  std::string note = "composition sources for " + with_thousands(kept.size()) + " " + plural(unit_level);
  for (const auto& [counts, names] : groups) {
    note += "; " + names + ":";
    std::string separator = " ";
    for (const auto& [origin, count] : counts) {
      note += separator + with_thousands(count) + " " + origin_label(origin, sources);
      separator = ", ";
    }
  }
  return note;
}

std::vector<std::string> area_mismatch_notes(const std::vector<const UnitData*>& kept,
                                             const std::vector<SourceTable>& sources) {
  std::vector<std::string> notes;
  for (std::size_t d = 1; d < sources.size(); ++d) {
    std::string named;
    std::size_t count = 0;
    for (const UnitData* unit : kept) {
      for (const AreaMismatch& mismatch : unit->mismatches) {
        if (mismatch.source != &sources[d]) continue;
        if (++count > kMismatchesNamed) continue;
        named += (named.empty() ? "" : ", ") + unit->region->code + " (" +
                 inhabitants_text(mismatch.main_inhabitants) + " against " +
                 inhabitants_text(mismatch.detail_inhabitants) + ")";
      }
    }
    if (count == 0) continue;
    notes.push_back(sources[d].table->file + ": " + with_thousands(count) +
                    " codes of the main file hold a different number of inhabitants here (more than a factor " +
                    factor_text(kSameAreaMaxRatio) + " apart, so another area), not used: " + named +
                    (count > kMismatchesNamed ? " and " + with_thousands(count - kMismatchesNamed) + " more" : ""));
  }
  return notes;
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
    notes.push_back(table.file +
                    ": no vulnerability indicators vary in the file or its detail files; every unit starts at "
                    "vulnerability 0.5");
    return;
  }
  const auto with_indicator = static_cast<std::size_t>(std::count_if(reference.begin(), reference.end(), [](const UnitData* unit) {
    return std::any_of(unit->indicators.begin(), unit->indicators.end(), [](double x) { return !std::isnan(x); });
  }));
  notes.push_back(table.file + ": vulnerability from " + used + ", standardised over " +
                  std::to_string(reference.size()) + " units of the file" +
                  (with_indicator < reference.size()
                       ? " (" + std::to_string(with_indicator) + " with an indicator; the others stay at 0.5)"
                       : ""));
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

// The source label of every composition field. KWB has no health data: the health limitation
// share applies assumed rates to the age mix, whose own source is listed under age_group.
std::array<std::string, kCompositionFields.size()> composition_sources(const UnitData& unit,
                                                                      const std::vector<SourceTable>& sources) {
  std::array<std::string, kCompositionFields.size()> labels;
  for (std::size_t p = 0; p < kPartCount; ++p) {
    if (kCompositionFieldOfPart[p].empty()) continue;
    labels[composition_field_index(kCompositionFieldOfPart[p])] = origin_label(unit.origins[p], sources);
  }
  labels[composition_field_index("health_limitation")] = "assumed rates by age";
  return labels;
}

BuurtSpec to_buurt_spec(const UnitData& unit, double scale, const std::vector<SourceTable>& sources) {
  const KwbRegion& region = *unit.region;
  BuurtSpec spec;
  spec.code = region.code;
  spec.name = region.code;  // KWB files carry codes only, no buurt names
  spec.wijk = region.level == RegionLevel::buurt ? parent_wijk_code(region.code) : region.code;
  spec.gemeente = parent_gemeente_code(region.code);
  spec.type = "cbs";
  spec.residents = std::max(1, static_cast<int>(std::lround(unit.residents_15_plus * scale)));
  spec.vulnerability = unit.vulnerability;
  spec.composition = unit.composition;
  spec.composition_source = composition_sources(unit, sources);
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

std::vector<BuurtSpec> cbs_buurten_from_tables(const KwbTable& main, const std::vector<KwbTable>& detail,
                                               const CbsSelection& selection, std::vector<std::string>& notes) {
  const RegionLevel unit_level = finest_level(main);
  check_selected_codes(main, selection, unit_level);
  const SelectionFilter filter(selection);
  const std::vector<SourceTable> sources = source_tables(main, detail);

  // The summaries need every unit resolved, but come first after the file's name: the CLI
  // shows only the first notes.
  const std::size_t summaries_at = notes.size() + 1;
  note_main_file(sources, unit_level, notes);
  note_detail_files(sources, notes);

  std::vector<UnitData> units;
  std::vector<bool> selected;
  for (const KwbRegion& region : main.regions) {
    if (region.level != unit_level) continue;
    selected.push_back(filter.selects(region));
    units.push_back(resolve_unit(sources, region, selected.back() ? &notes : nullptr));
  }
  assign_vulnerability(units, main, notes);

  std::vector<BuurtSpec> buurten;
  std::vector<const UnitData*> kept;
  for (std::size_t u = 0; u < units.size(); ++u) {
    if (!selected[u]) continue;
    if (units[u].residents_15_plus <= 0) {
      notes.push_back(units[u].region->code + ": no residents aged 15+, left out");
      continue;
    }
    buurten.push_back(to_buurt_spec(units[u], selection.scale, sources));
    kept.push_back(&units[u]);
  }
  if (buurten.empty()) throw DataError({selection.file, 0, "", ""}, "the selection holds no residents aged 15+");
  std::vector<std::string> summaries = area_mismatch_notes(kept, sources);
  summaries.insert(summaries.begin(), composition_sources_note(kept, sources, unit_level));
  notes.insert(notes.begin() + static_cast<std::ptrdiff_t>(summaries_at), summaries.begin(), summaries.end());
  // The network keeps lifeworld ties within a gemeente and needs its buurten consecutive.
  std::stable_sort(buurten.begin(), buurten.end(),
                   [](const BuurtSpec& a, const BuurtSpec& b) { return a.gemeente < b.gemeente; });
  return buurten;
}

std::vector<BuurtSpec> read_cbs_buurten(const CbsSelection& selection, std::vector<std::string>& notes) {
  const auto read_named = [](const std::string& file, const std::string& json_path) {
    try {
      return read_kwb_table(file);
    } catch (const DataError& error) {
      throw error.named_at(json_path);
    }
  };
  const KwbTable main = read_named(selection.file, "municipality.cbs.file");
  std::vector<KwbTable> detail;
  for (std::size_t i = 0; i < selection.detail.size(); ++i) {
    detail.push_back(read_named(selection.detail[i], "municipality.cbs.detail[" + std::to_string(i) + "]"));
  }
  return cbs_buurten_from_tables(main, detail, selection, notes);
}

}  // namespace wijksim
