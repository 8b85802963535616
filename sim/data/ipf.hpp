#pragma once
// Iterative proportional fitting: scale an N-dimensional seed table until its sums along each
// dimension match given marginals. The seed carries the association between dimensions (for
// example that the lower educated are older); the marginals carry a buurt's own totals.
#include <cstddef>
#include <vector>

namespace wijksim {

struct IpfOptions {
  double tolerance = 1e-9;  // stop when every marginal is within this (absolute, in table units)
  int max_iterations = 1000;  // one iteration adjusts every dimension once
};

struct IpfResult {
  std::vector<double> table;  // same shape and layout as the seed
  int iterations = 0;
  double max_marginal_error = 0;  // largest |fitted sum - target| over all dimensions and categories
  bool converged = false;
};

// `shape` gives the number of categories per dimension; `seed` is row-major (the last dimension
// varies fastest) with the product of `shape` cells, all finite and >= 0; `marginals[d]` has
// shape[d] targets >= 0, and all marginals have the same total. Cells that are zero in the seed
// stay zero, so a target that only zero cells could carry is not reached: `converged` is then
// false and `max_marginal_error` says by how much. Throws std::invalid_argument on bad input.
IpfResult fit_ipf(const std::vector<std::size_t>& shape, const std::vector<double>& seed,
                  const std::vector<std::vector<double>>& marginals, const IpfOptions& options = {});

// Sums of `table` along dimension `dimension` (one per category of that dimension).
std::vector<double> marginal_sums(const std::vector<std::size_t>& shape, const std::vector<double>& table,
                                  std::size_t dimension);

}  // namespace wijksim
