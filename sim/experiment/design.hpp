#pragma once
// Experimental designs on the unit hypercube [0,1]^k: full factorial, Latin hypercube, Saltelli
// (for Sobol indices) and Morris trajectories (elementary effects). Mapping unit coordinates to
// parameter values is the experiment plan's job; designs know nothing about scenarios.
#include <cstdint>
#include <string>
#include <vector>

namespace wijksim::experiment {

// What a row is for: the sensitivity estimators need to know which rows belong together.
enum class RowKind { point, sobol_a, sobol_b, sobol_ab, morris_start, morris_step };
const char* row_kind_name(RowKind kind);  // "point", "A", "B", "AB", "start", "step"

struct DesignRow {
  std::vector<double> unit;  // one coordinate in [0,1] per parameter
  RowKind kind = RowKind::point;
  // Saltelli: the base sample j; Morris: the trajectory; otherwise the row number.
  std::int64_t sample = 0;
  // Saltelli AB_i and Morris steps: the parameter that differs from the reference row (the A row
  // of the same sample, or the previous point of the trajectory); -1 otherwise.
  std::int64_t changed = -1;
};

// Every combination of levels; parameter i takes levels[i] evenly spaced values from 0 to 1
// (a single level sits at 0.5). The last parameter varies fastest.
std::vector<DesignRow> full_factorial(const std::vector<int>& levels);

// `samples` points; each column has exactly one point in each of the `samples` equal strata.
std::vector<DesignRow> latin_hypercube(int samples, int dimensions, std::uint64_t seed);

// Saltelli's scheme with N = base_samples: for each j the rows A_j, B_j, then AB_j^(i) for each
// parameter i (A_j with coordinate i taken from B_j): N * (k + 2) rows. A and B are two
// independent Latin hypercubes.
std::vector<DesignRow> saltelli(int base_samples, int dimensions, std::uint64_t seed);

// `trajectories` Morris trajectories of k + 1 points on a grid of `levels` values (levels even,
// >= 2); consecutive points differ in exactly one coordinate, by +-morris_delta(levels).
std::vector<DesignRow> morris(int trajectories, int dimensions, int levels, std::uint64_t seed);
double morris_delta(int levels);

}  // namespace wijksim::experiment
