#pragma once
// How real a run's population is: from the fit table's `source` column (docs/data.md, "The fit
// report in the result file") and the buurten table's residents, the share of residents whose
// each marginal came from their own unit, their wijk, their gemeente or a default, as `wijksim
// info` prints it.
#include <string>

#include "sim/metrics/result.hpp"

namespace wijksim {

// One line per marginal: shares of residents by kind of source (own unit, wijk, gemeente, model
// default, other), then by source label. `buurten` may be null (then every buurt weighs the
// same, and the text says units rather than residents). The fit table's buurt column is a row
// index into buurten (format_version 3) or a buurt code (earlier versions). Empty when every
// source is "scenario" (archetype buurten) or the fit table has no source column.
std::string composition_sources_text(const Table& fit, const Table* buurten);

}  // namespace wijksim
