#pragma once
// The layouts of the result tables: the buurten, the decisions taken, the initiatives, and one
// row of summary figures per replicate.
#include <vector>

#include "sim/metrics/result.hpp"
#include "sim/scenario/scenario.hpp"

namespace wijksim {

Table buurten_table(const Scenario& scenario);
Table decisions_table();    // empty, with its columns; Model::append_decisions fills it
Table initiatives_table();  // empty, with its columns; Model::append_initiatives fills it
Table replicates_table(const std::vector<double>& matthew_index);
// Rows of tables with the same columns, one after the other.
Table concatenate(const std::vector<Table>& parts);

}  // namespace wijksim
