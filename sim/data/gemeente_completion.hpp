#pragma once
// Parts that a table gives only in part, completed from the unit's gemeente (docs/data.md,
// "The national tables"), so that the unit keeps its own figure for what distinguishes it:
// - education: the share highly educated; low and middle are split as in the gemeente's counts;
// - tenure: the share owner-occupied; the rented rest is split between housing corporations and
//   other landlords as in the gemeente;
// - low income: the gemeente's share of households with a low income, times the unit's share
//   of persons in the national lowest 40% of incomes relative to its gemeente's (same table).
// The gemeente's figures come from the first table (main, then detail in order) that has them.
#include <string>
#include <vector>

#include "sim/data/cbs_table.hpp"

namespace wijksim::cbs {

// Completes every table in place; notes, per table and part, how many rows were completed.
void complete_from_gemeenten(const std::vector<KwbTable*>& tables, std::vector<std::string>& notes);

}  // namespace wijksim::cbs
