// IPF by repeated raking: for each dimension in turn, every cell is multiplied by the ratio of
// its category's target to the category's current sum.
#include "sim/data/ipf.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>

namespace wijksim {
namespace {

// Step between consecutive categories of each dimension in the flat row-major table.
std::vector<std::size_t> strides_of(const std::vector<std::size_t>& shape) {
  std::vector<std::size_t> strides(shape.size(), 1);
  for (std::size_t d = shape.size(); d-- > 1;) strides[d - 1] = strides[d] * shape[d];
  return strides;
}

void check_input(const std::vector<std::size_t>& shape, const std::vector<double>& seed,
                 const std::vector<std::vector<double>>& marginals) {
  if (shape.empty()) throw std::invalid_argument("IPF: the table needs at least one dimension");
  const std::size_t cells =
      std::accumulate(shape.begin(), shape.end(), std::size_t{1}, std::multiplies<std::size_t>());
  if (cells == 0) throw std::invalid_argument("IPF: every dimension needs at least one category");
  if (seed.size() != cells) {
    throw std::invalid_argument("IPF: the seed has " + std::to_string(seed.size()) + " cells, the shape needs " +
                                std::to_string(cells));
  }
  if (std::any_of(seed.begin(), seed.end(), [](double x) { return !std::isfinite(x) || x < 0; })) {
    throw std::invalid_argument("IPF: seed cells must be finite and >= 0");
  }
  if (marginals.size() != shape.size()) {
    throw std::invalid_argument("IPF: expected " + std::to_string(shape.size()) + " marginals, found " +
                                std::to_string(marginals.size()));
  }
  double first_total = 0;
  for (std::size_t d = 0; d < shape.size(); ++d) {
    const std::vector<double>& targets = marginals[d];
    if (targets.size() != shape[d]) {
      throw std::invalid_argument("IPF: marginal " + std::to_string(d) + " has " + std::to_string(targets.size()) +
                                  " categories, the shape says " + std::to_string(shape[d]));
    }
    if (std::any_of(targets.begin(), targets.end(), [](double x) { return !std::isfinite(x) || x < 0; })) {
      throw std::invalid_argument("IPF: marginal " + std::to_string(d) + " has a negative or non-finite target");
    }
    const double total = std::accumulate(targets.begin(), targets.end(), 0.0);
    if (d == 0) first_total = total;
    if (std::abs(total - first_total) > 1e-9 * std::max(1.0, first_total)) {
      throw std::invalid_argument("IPF: marginal " + std::to_string(d) + " sums to " + std::to_string(total) +
                                  ", marginal 0 to " + std::to_string(first_total));
    }
  }
}

void rake(const std::vector<std::size_t>& shape, const std::vector<std::size_t>& strides, std::vector<double>& table,
          std::size_t dimension, const std::vector<double>& targets) {
  const std::vector<double> sums = marginal_sums(shape, table, dimension);
  std::vector<double> factor(sums.size(), 0.0);
  for (std::size_t c = 0; c < sums.size(); ++c) factor[c] = sums[c] > 0 ? targets[c] / sums[c] : 0.0;
  for (std::size_t i = 0; i < table.size(); ++i) table[i] *= factor[(i / strides[dimension]) % shape[dimension]];
}

double max_error(const std::vector<std::size_t>& shape, const std::vector<double>& table,
                 const std::vector<std::vector<double>>& marginals) {
  double error = 0;
  for (std::size_t d = 0; d < shape.size(); ++d) {
    const std::vector<double> sums = marginal_sums(shape, table, d);
    for (std::size_t c = 0; c < sums.size(); ++c) error = std::max(error, std::abs(sums[c] - marginals[d][c]));
  }
  return error;
}

}  // namespace

std::vector<double> marginal_sums(const std::vector<std::size_t>& shape, const std::vector<double>& table,
                                  std::size_t dimension) {
  const std::size_t stride = strides_of(shape).at(dimension);
  std::vector<double> sums(shape[dimension], 0.0);
  for (std::size_t i = 0; i < table.size(); ++i) sums[(i / stride) % shape[dimension]] += table[i];
  return sums;
}

IpfResult fit_ipf(const std::vector<std::size_t>& shape, const std::vector<double>& seed,
                  const std::vector<std::vector<double>>& marginals, const IpfOptions& options) {
  check_input(shape, seed, marginals);
  const std::vector<std::size_t> strides = strides_of(shape);
  IpfResult result;
  result.table = seed;
  result.max_marginal_error = max_error(shape, result.table, marginals);
  while (result.max_marginal_error > options.tolerance && result.iterations < options.max_iterations) {
    for (std::size_t d = 0; d < shape.size(); ++d) rake(shape, strides, result.table, d, marginals[d]);
    ++result.iterations;
    result.max_marginal_error = max_error(shape, result.table, marginals);
  }
  result.converged = result.max_marginal_error <= options.tolerance;
  return result;
}

}  // namespace wijksim
