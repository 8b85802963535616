#pragma once
// The run's notes about CBS data (docs/data.md, "The run's notes"): what the main and detail
// files are and lack, the one-line summary of sources per part, and detail codes rejected as
// another area. Per-unit fallback notes are written where the fallback is taken (detail_chain).
#include <string>
#include <vector>

#include "sim/data/cbs_unit.hpp"

namespace wijksim::cbs {

void note_main_file(const std::vector<SourceTable>& sources, RegionLevel unit_level, std::vector<std::string>& notes);
void note_detail_files(const std::vector<SourceTable>& sources, std::vector<std::string>& notes);

// Per part, how many units took it from each step of the order; parts with the same counts are
// listed together so that the note stays short.
std::string composition_sources_note(const std::vector<const UnitData*>& kept, const std::vector<SourceTable>& sources,
                                     RegionLevel unit_level);
std::vector<std::string> area_mismatch_notes(const std::vector<const UnitData*>& kept,
                                             const std::vector<SourceTable>& sources);

}  // namespace wijksim::cbs
