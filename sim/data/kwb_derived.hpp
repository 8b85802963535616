#pragma once
// Quantities a table gives in another form than the model reads them, derived once right after
// reading, so that every later step sees counts: counts published as whole-number percentages
// (turned back into counts rounded to 5, as CBS rounds the counts it publishes), Dutch origin as
// the inhabitants left after western and non-western, private rent as rented dwellings minus
// those of housing corporations, and, for a buurt-only table (the 2014 buurt map), wijk and
// gemeente rows summed from its buurten.
#include "sim/data/cbs_table.hpp"

namespace wijksim {

// CBS rounds the counts it publishes for small areas to multiples of this.
inline constexpr double kCbsCountRounding = 5;

// The count CBS would publish for `percent` of `base` (NaN when either is missing).
double count_from_percent(double percent, double base);

void derive_quantities(KwbTable& table);

}  // namespace wijksim
