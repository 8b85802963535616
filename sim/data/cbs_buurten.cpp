// From KWB tables to BuurtSpecs: reads the files, completes partial figures from the gemeente
// (gemeente_completion), resolves every unit of the main file by the nearest-detail order
// (cbs_unit, detail_chain), derives vulnerability (vulnerability), keeps the selected units
// (cbs_selection) and writes the notes (cbs_notes). docs/data.md states the rules.
#include "sim/data/cbs_buurten.hpp"

#include <algorithm>
#include <cmath>

#include "sim/core/attributes.hpp"
#include "sim/core/limits.hpp"
#include "sim/data/cbs_notes.hpp"
#include "sim/data/cbs_selection.hpp"
#include "sim/data/cbs_unit.hpp"
#include "sim/data/gemeente_completion.hpp"
#include "sim/data/vulnerability.hpp"

namespace wijksim {
namespace {

using namespace cbs;

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
  const double residents = std::round(unit.residents_15_plus * scale);
  if (!(residents <= kMaxBuurtResidents))
    throw DataError({sources.front().table->file, region.line, region.code, ""},
                    "residents aged 15+ (times scale) come to " + std::to_string(unit.residents_15_plus * scale) +
                        "; a unit holds at most " + std::to_string(kMaxBuurtResidents) +
                        " (check the counts, or select a finer level)");
  spec.residents = std::max(1, static_cast<int>(residents));
  if (unit.residents_15_plus > 0) spec.sample_share = std::min(1.0, spec.residents / unit.residents_15_plus);
  spec.vulnerability = unit.vulnerability;
  spec.composition = unit.composition;
  spec.composition_source = composition_sources(unit, sources);
  spec.community_centre = true;  // KWB has no data on community centres
  return spec;
}

}  // namespace

double health_limitation_share(const std::array<double, 4>& age_group) {
  double share = 0;
  for (std::size_t a = 0; a < age_group.size(); ++a) share += age_group[a] * kHealthLimitationByAge[a];
  return share;
}

std::vector<BuurtSpec> cbs_buurten_from_tables(const KwbTable& main_as_read, const std::vector<KwbTable>& detail_as_read,
                                               const CbsSelection& selection, std::vector<std::string>& notes) {
  const RegionLevel unit_level = finest_level(main_as_read);
  check_selected_codes(main_as_read, selection, unit_level);
  const SelectionFilter filter(selection);
  // Completion from the gemeente writes into the tables, so it works on copies.
  KwbTable main = main_as_read;
  std::vector<KwbTable> detail = detail_as_read;
  std::vector<KwbTable*> tables{&main};
  for (KwbTable& table : detail) tables.push_back(&table);
  std::vector<std::string> completion_notes;
  complete_from_gemeenten(tables, completion_notes);
  const std::vector<SourceTable> sources = cbs::source_tables(main, detail);

  // The summaries need every unit resolved, but come first after the file's name: the CLI
  // shows only the first notes.
  const std::size_t summaries_at = notes.size() + 1;
  note_main_file(sources, unit_level, notes);
  note_detail_files(sources, notes);
  notes.insert(notes.end(), completion_notes.begin(), completion_notes.end());

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

RegionLevel unit_level(const std::vector<BuurtSpec>& units) {
  const bool wijken = !units.empty() && std::all_of(units.begin(), units.end(), [](const BuurtSpec& unit) {
    return unit.code.starts_with("WK");
  });
  return wijken ? RegionLevel::wijk : RegionLevel::buurt;
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
