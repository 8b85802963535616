#pragma once
// Real buurten for a scenario: a CbsSelection (file, detail files and region codes) becomes
// BuurtSpecs with residents aged 15+, composition shares and vulnerability. Each value comes
// from the nearest available detail: the unit's own row, the same code in a detail file (when it
// is plausibly the same area), the unit's wijk, then its gemeente, its gemeente in a detail
// file, then the model default. Fallbacks are written to `notes`, summarised per source, and
// each BuurtSpec names the source of every composition field (composition_source). The rules are
// documented in docs/data.md. The starting liveability is left to the model's rule
// (rules::starting_liveability).
#include <array>
#include <string>
#include <vector>

#include "sim/data/cbs_table.hpp"
#include "sim/scenario/scenario.hpp"

namespace wijksim {

// Reads selection.file and selection.detail and builds the selected units. A file with buurten
// yields one BuurtSpec per buurt; a file whose finest level is the wijk (the national 2024
// extract) one per wijk. Empty code lists select every unit in the file. Throws DataError on a
// bad file (naming the scenario key, e.g. municipality.cbs.detail[1]) or a selected code that
// is not in the main file.
std::vector<BuurtSpec> read_cbs_buurten(const CbsSelection& selection, std::vector<std::string>& notes);

// The same on tables already read (selection.file and selection.detail are not read again).
std::vector<BuurtSpec> cbs_buurten_from_tables(const KwbTable& main, const std::vector<KwbTable>& detail,
                                               const CbsSelection& selection, std::vector<std::string>& notes);

// What a scenario's units are: wijken when they came from a file whose finest level is the wijk
// (their codes say so, WKggggww), buurten otherwise (CBS buurten and archetypes).
RegionLevel unit_level(const std::vector<BuurtSpec>& units);

// KWB has no health data: the share with a health limitation is derived from the age mix with
// the assumed rates kHealthLimitationByAge (docs/data.md).
inline constexpr std::array<double, 4> kHealthLimitationByAge{0.04, 0.07, 0.13, 0.22};
double health_limitation_share(const std::array<double, 4>& age_group);

// Share of residents aged 15+ used when a file has no age columns (the Netherlands, 2024).
inline constexpr double kDefaultShareAged15Plus = 0.845;

}  // namespace wijksim
