// Iterative proportional fitting on cases small enough to check by hand.
#include <catch.hpp>

#include <stdexcept>

#include "sim/data/ipf.hpp"

using namespace wijksim;

TEST_CASE("IPF on a uniform 2x2 seed gives the independence table", "[data][ipf]") {
  // rows 30/70, columns 40/60: each cell is row * column / 100
  const IpfResult fit = fit_ipf({2, 2}, {1, 1, 1, 1}, {{30, 70}, {40, 60}});
  REQUIRE(fit.converged);
  CHECK(fit.table[0] == Approx(12));
  CHECK(fit.table[1] == Approx(18));
  CHECK(fit.table[2] == Approx(28));
  CHECK(fit.table[3] == Approx(42));
  CHECK(fit.max_marginal_error <= IpfOptions{}.tolerance);
}

TEST_CASE("IPF keeps the seed's odds ratio while meeting the marginals", "[data][ipf]") {
  const std::vector<double> seed{1, 2, 3, 4};  // odds ratio (1*4)/(2*3) = 2/3
  const IpfResult fit = fit_ipf({2, 2}, seed, {{50, 50}, {20, 80}});
  REQUIRE(fit.converged);
  CHECK(fit.table[0] + fit.table[1] == Approx(50));
  CHECK(fit.table[0] + fit.table[2] == Approx(20));
  CHECK((fit.table[0] * fit.table[3]) / (fit.table[1] * fit.table[2]) == Approx(2.0 / 3.0));
  CHECK(fit.iterations > 1);
}

TEST_CASE("IPF in three dimensions with a uniform seed multiplies the shares", "[data][ipf]") {
  // 2 x 3 x 2, total 100: cell = 100 * a * b * c
  const std::vector<double> a{0.4, 0.6}, b{0.2, 0.3, 0.5}, c{0.9, 0.1};
  const IpfResult fit = fit_ipf({2, 3, 2}, std::vector<double>(12, 1.0), {{40, 60}, {20, 30, 50}, {90, 10}});
  REQUIRE(fit.converged);
  for (std::size_t i = 0; i < 2; ++i) {
    for (std::size_t j = 0; j < 3; ++j) {
      for (std::size_t k = 0; k < 2; ++k) CHECK(fit.table[(i * 3 + j) * 2 + k] == Approx(100 * a[i] * b[j] * c[k]));
    }
  }
  CHECK(marginal_sums({2, 3, 2}, fit.table, 1)[2] == Approx(50));
}

TEST_CASE("IPF reports a fit that structural zeros make impossible", "[data][ipf]") {
  // Only the diagonal may hold people, so rows 50/50 cannot also give columns 30/70.
  IpfOptions options;
  options.max_iterations = 50;
  const IpfResult fit = fit_ipf({2, 2}, {1, 0, 0, 1}, {{50, 50}, {30, 70}}, options);
  CHECK_FALSE(fit.converged);
  CHECK(fit.iterations == 50);
  CHECK(fit.max_marginal_error == Approx(20));
  CHECK(fit.table[1] == 0);
  CHECK(fit.table[2] == 0);
}

TEST_CASE("IPF rejects inconsistent input", "[data][ipf]") {
  CHECK_THROWS_AS(fit_ipf({2, 2}, {1, 1, 1}, {{1, 1}, {1, 1}}), std::invalid_argument);
  CHECK_THROWS_AS(fit_ipf({2, 2}, {1, 1, 1, 1}, {{1, 1}}), std::invalid_argument);
  CHECK_THROWS_AS(fit_ipf({2, 2}, {1, 1, 1, 1}, {{1, 1}, {1, 2}}), std::invalid_argument);
  CHECK_THROWS_AS(fit_ipf({2, 2}, {1, -1, 1, 1}, {{1, 1}, {1, 1}}), std::invalid_argument);
  CHECK_THROWS_AS(fit_ipf({2, 2}, {1, 1, 1, 1}, {{1, 1, 0}, {1, 1}}), std::invalid_argument);
}
