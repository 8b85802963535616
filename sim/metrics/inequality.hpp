#pragma once
// Inequality and association across buurten.
#include <vector>

namespace wijksim {

// Gini coefficient of `value` with population weights (0 = all equal).
double weighted_gini(const std::vector<double>& value, const std::vector<double>& weight);

// Weighted mean of `value` over the least vulnerable fifth of buurten minus that over the most
// vulnerable fifth (at least one buurt each; ties in vulnerability keep buurt order).
double fifth_gap(const std::vector<double>& value, const std::vector<double>& weight,
                 const std::vector<double>& vulnerability);

// Pearson correlation; NaN when either side has no variance. Used as the Matthew index:
// the correlation between a buurt's starting liveability and its change.
double correlation(const std::vector<double>& x, const std::vector<double>& y);

}  // namespace wijksim
