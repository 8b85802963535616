#pragma once
// Which units of a KWB file a scenario selects (its gemeenten, wijken and buurten lists), and the
// error for a selected code that is not in the file, with the nearest code that is.
#include <string>
#include <unordered_set>

#include "sim/data/cbs_table.hpp"
#include "sim/scenario/scenario.hpp"

namespace wijksim::cbs {

// The finest level present in the file: its units.
RegionLevel finest_level(const KwbTable& table);

// Throws DataError naming the scenario key (e.g. buurten[2]) and the nearest code in the file.
void check_selected_codes(const KwbTable& table, const CbsSelection& selection, RegionLevel unit_level);

class SelectionFilter {
 public:
  explicit SelectionFilter(const CbsSelection& selection);
  // A unit is selected when its own code, its wijk's or its gemeente's is listed; empty lists select all.
  bool selects(const KwbRegion& unit) const;

 private:
  std::unordered_set<std::string> gemeenten_, wijken_, buurten_;
};

}  // namespace wijksim::cbs
