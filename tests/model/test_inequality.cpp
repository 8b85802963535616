// Inequality measures on values small enough to work out by hand.
#include <catch.hpp>

#include <cmath>

#include "sim/metrics/inequality.hpp"

using namespace wijksim;

TEST_CASE("Gini coefficient") {
  CHECK(weighted_gini({0.5, 0.5, 0.5}, {1, 1, 1}) == Approx(0.0).margin(1e-12));
  // Two equal groups, one with nothing: half the Lorenz area is missing.
  CHECK(weighted_gini({0.0, 1.0}, {1, 1}) == Approx(0.5));
  // Values 1, 2, 3 equally weighted: mean absolute difference 8/9, over twice the mean 4 -> 2/9.
  CHECK(weighted_gini({3, 1, 2}, {1, 1, 1}) == Approx(2.0 / 9.0));
  // Weights count like repeated units.
  CHECK(weighted_gini({1, 2}, {2, 1}) == Approx(weighted_gini({1, 1, 2}, {1, 1, 1})));
}

TEST_CASE("gap between the least and most vulnerable fifth") {
  // Ten buurten: fifths of two. Least vulnerable are indices 0 and 1, most 8 and 9.
  std::vector<double> value{0.9, 0.7, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.3, 0.2};
  std::vector<double> vulnerability{0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
  std::vector<double> weight{1, 3, 1, 1, 1, 1, 1, 1, 1, 1};
  CHECK(fifth_gap(value, weight, vulnerability) == Approx((0.9 + 3 * 0.7) / 4 - (0.3 + 0.2) / 2));
}

TEST_CASE("correlation as the Matthew index") {
  CHECK(correlation({1, 2, 3}, {2, 4, 6}) == Approx(1.0));
  CHECK(correlation({1, 2, 3}, {3, 2, 1}) == Approx(-1.0));
  CHECK(std::isnan(correlation({1, 1, 1}, {1, 2, 3})));
}
