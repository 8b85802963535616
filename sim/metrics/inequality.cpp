#include "sim/metrics/inequality.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace wijksim {
namespace {

std::vector<std::size_t> order_by(const std::vector<double>& key) {
  std::vector<std::size_t> order(key.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return key[a] < key[b]; });
  return order;
}

double weighted_mean(const std::vector<double>& value, const std::vector<double>& weight,
                     std::vector<std::size_t>::const_iterator first,
                     std::vector<std::size_t>::const_iterator last) {
  double sum = 0, total = 0;
  for (auto it = first; it != last; ++it) {
    sum += value[*it] * weight[*it];
    total += weight[*it];
  }
  return total > 0 ? sum / total : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

// One minus twice the area under the Lorenz curve, by trapezoids over the sorted values.
double weighted_gini(const std::vector<double>& value, const std::vector<double>& weight) {
  const auto order = order_by(value);
  double total_weight = 0, total_value = 0;
  for (std::size_t i : order) {
    total_weight += weight[i];
    total_value += weight[i] * value[i];
  }
  if (total_weight <= 0 || total_value <= 0) return std::numeric_limits<double>::quiet_NaN();
  double area = 0, cumulative = 0;
  for (std::size_t i : order) {
    const double before = cumulative;
    cumulative += weight[i] * value[i] / total_value;
    area += weight[i] / total_weight * (before + cumulative);
  }
  return 1.0 - area;
}

double fifth_gap(const std::vector<double>& value, const std::vector<double>& weight,
                 const std::vector<double>& vulnerability) {
  const auto order = order_by(vulnerability);
  const std::size_t fifth = std::max<std::size_t>(1, order.size() / 5);
  if (order.size() < 2) return std::numeric_limits<double>::quiet_NaN();
  const double least = weighted_mean(value, weight, order.begin(), order.begin() + fifth);
  const double most = weighted_mean(value, weight, order.end() - fifth, order.end());
  return least - most;
}

double correlation(const std::vector<double>& x, const std::vector<double>& y) {
  const double n = static_cast<double>(x.size());
  const double mx = std::accumulate(x.begin(), x.end(), 0.0) / n;
  const double my = std::accumulate(y.begin(), y.end(), 0.0) / n;
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  if (sxx <= 0 || syy <= 0) return std::numeric_limits<double>::quiet_NaN();
  return sxy / std::sqrt(sxx * syy);
}

}  // namespace wijksim
