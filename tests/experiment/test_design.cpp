// Designs: counts, bounds, structure and determinism of every generator.
#include <catch.hpp>

#include <algorithm>
#include <cmath>
#include <set>

#include "sim/experiment/design.hpp"

using namespace wijksim::experiment;

namespace {

// The stratum of each row in one column; a Latin hypercube has each exactly once.
// Rows first, first + stride, ... form one matrix of `n` points.
std::vector<int> strata(const std::vector<DesignRow>& rows, std::size_t column, std::size_t first,
                        std::size_t stride, int n) {
  std::vector<int> found;
  for (std::size_t i = first; i < rows.size(); i += stride) {
    found.push_back(static_cast<int>(std::floor(rows[i].unit[column] * n)));
  }
  std::sort(found.begin(), found.end());
  return found;
}

std::vector<int> zero_to(int n) {
  std::vector<int> values(n);
  for (int i = 0; i < n; ++i) values[i] = i;
  return values;
}

bool same_points(const std::vector<DesignRow>& a, const std::vector<DesignRow>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].unit != b[i].unit) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("full factorial lists every combination of evenly spaced levels") {
  const auto rows = full_factorial({3, 2, 4});
  REQUIRE(rows.size() == 24);
  std::set<std::vector<double>> distinct;
  for (const auto& row : rows) distinct.insert(row.unit);
  CHECK(distinct.size() == 24);
  CHECK(rows[0].unit == std::vector<double>{0.0, 0.0, 0.0});
  CHECK(rows[1].unit[2] == Approx(1.0 / 3.0));  // the last parameter varies fastest
  CHECK(rows.back().unit == std::vector<double>{1.0, 1.0, 1.0});
  CHECK(full_factorial({1})[0].unit[0] == 0.5);
  CHECK_THROWS(full_factorial({2, 0}));
}

TEST_CASE("a Latin hypercube has one point per stratum in every column") {
  const int samples = 37;
  const auto rows = latin_hypercube(samples, 4, 99);
  REQUIRE(rows.size() == static_cast<std::size_t>(samples));
  for (std::size_t column = 0; column < 4; ++column) {
    CHECK(strata(rows, column, 0, 1, samples) == zero_to(samples));
  }
  for (const auto& row : rows) {
    for (double u : row.unit) {
      CHECK(u >= 0.0);
      CHECK(u < 1.0);
    }
  }
}

TEST_CASE("designs are a pure function of their seed") {
  CHECK(same_points(latin_hypercube(20, 3, 5), latin_hypercube(20, 3, 5)));
  CHECK_FALSE(same_points(latin_hypercube(20, 3, 5), latin_hypercube(20, 3, 6)));
  CHECK(same_points(saltelli(10, 3, 5), saltelli(10, 3, 5)));
  CHECK(same_points(morris(6, 3, 4, 5), morris(6, 3, 4, 5)));
  CHECK_FALSE(same_points(morris(6, 3, 4, 5), morris(6, 3, 4, 8)));
}

TEST_CASE("Saltelli rows: A, B and AB_i that equals A except column i from B") {
  const int n = 16;
  const int k = 3;
  const auto rows = saltelli(n, k, 3);
  REQUIRE(rows.size() == static_cast<std::size_t>(n * (k + 2)));
  for (int j = 0; j < n; ++j) {
    const DesignRow& a = rows[j * (k + 2)];
    const DesignRow& b = rows[j * (k + 2) + 1];
    CHECK(a.kind == RowKind::sobol_a);
    CHECK(b.kind == RowKind::sobol_b);
    CHECK(a.sample == j);
    CHECK(a.unit != b.unit);
    for (int i = 0; i < k; ++i) {
      const DesignRow& mixed = rows[j * (k + 2) + 2 + i];
      CHECK(mixed.kind == RowKind::sobol_ab);
      CHECK(mixed.changed == i);
      CHECK(mixed.sample == j);
      for (int c = 0; c < k; ++c) CHECK(mixed.unit[c] == (c == i ? b.unit[c] : a.unit[c]));
    }
  }
  // A and B are Latin hypercubes of their own.
  for (std::size_t column = 0; column < static_cast<std::size_t>(k); ++column) {
    CHECK(strata(rows, column, 0, k + 2, n) == zero_to(n));
    CHECK(strata(rows, column, 1, k + 2, n) == zero_to(n));
  }
}

TEST_CASE("Morris trajectories move one coordinate at a time by delta on the grid") {
  const int r = 12;
  const int k = 5;
  const int p = 6;
  const double delta = morris_delta(p);
  CHECK(delta == Approx(0.6));
  const auto rows = morris(r, k, p, 17);
  REQUIRE(rows.size() == static_cast<std::size_t>(r * (k + 1)));
  for (int t = 0; t < r; ++t) {
    const std::size_t start = static_cast<std::size_t>(t) * (k + 1);
    CHECK(rows[start].kind == RowKind::morris_start);
    std::set<std::int64_t> moved;
    for (int step = 1; step <= k; ++step) {
      const DesignRow& before = rows[start + step - 1];
      const DesignRow& after = rows[start + step];
      CHECK(after.kind == RowKind::morris_step);
      CHECK(after.sample == t);
      int differing = 0;
      for (int c = 0; c < k; ++c) {
        if (before.unit[c] == after.unit[c]) continue;
        ++differing;
        CHECK(std::abs(after.unit[c] - before.unit[c]) == Approx(delta));
        CHECK(after.changed == c);
      }
      CHECK(differing == 1);
      moved.insert(after.changed);
    }
    CHECK(moved.size() == static_cast<std::size_t>(k));  // every parameter moves once
  }
  for (const auto& row : rows) {
    for (double u : row.unit) {
      CHECK(u >= -1e-12);
      CHECK(u <= 1.0 + 1e-12);
      const double level = u * (p - 1);
      CHECK(level == Approx(std::round(level)).margin(1e-9));
    }
  }
}

TEST_CASE("Morris needs an even number of levels") {
  CHECK_THROWS(morris(2, 2, 5, 1));
  CHECK_THROWS(morris(2, 2, 0, 1));
  CHECK_NOTHROW(morris(2, 2, 2, 1));
}
