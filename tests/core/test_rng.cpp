// The counter-based generator: a pure function of its key, streams that do not resemble each
// other, and draws that look uniform.
#include <catch.hpp>

#include <array>
#include <cmath>
#include <vector>

#include "sim/core/rng.hpp"

using wijksim::RandomStream;
using wijksim::Stream;

namespace {
std::vector<std::uint32_t> draws(RandomStream rng, int n) {
  std::vector<std::uint32_t> out;
  for (int i = 0; i < n; ++i) out.push_back(rng.next_u32());
  return out;
}
}  // namespace

TEST_CASE("the same key gives the same draws, in any order of construction") {
  const auto a = draws(RandomStream(42, 1, 7, 1000, Stream::decision), 64);
  const auto other = draws(RandomStream(42, 1, 8, 1000, Stream::decision), 64);
  const auto b = draws(RandomStream(42, 1, 7, 1000, Stream::decision), 64);
  CHECK(a == b);
  CHECK(a != other);
}

TEST_CASE("each part of the key changes the draws") {
  const auto base = draws(RandomStream(42, 1, 7, 1000, Stream::decision), 8);
  CHECK(base != draws(RandomStream(43, 1, 7, 1000, Stream::decision), 8));
  CHECK(base != draws(RandomStream(42, 2, 7, 1000, Stream::decision), 8));
  CHECK(base != draws(RandomStream(42, 1, 7, 1001, Stream::decision), 8));
  CHECK(base != draws(RandomStream(42, 1, 7, 1000, Stream::initiative), 8));
}

TEST_CASE("Philox4x32-10 matches the published known-answer vector") {
  // Random123 known-answer test: counter and key all ones (0xFFFFFFFF).
  const auto out = wijksim::philox4x32({0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu}, 0xFFFFFFFFFFFFFFFFull);
  CHECK(out[0] == 0x408f276du);
  CHECK(out[1] == 0x41c83b0eu);
  CHECK(out[2] == 0xa20bc7c6u);
  CHECK(out[3] == 0x6d5451fdu);
}

TEST_CASE("uniform draws fill ten bins evenly (chi-square)") {
  std::array<int, 10> bins{};
  const int n = 100000;
  for (std::uint32_t agent = 0; agent < n; ++agent) {
    RandomStream rng(7, 0, 3, agent, Stream::decision);
    ++bins[static_cast<int>(rng.uniform() * 10)];
  }
  double chi2 = 0;
  for (int count : bins) chi2 += (count - n / 10.0) * (count - n / 10.0) / (n / 10.0);
  CHECK(chi2 < 27.88);  // 99.9th percentile of chi-square with 9 degrees of freedom
}

TEST_CASE("neighbouring streams are uncorrelated") {
  const int n = 50000;
  const auto neighbour = static_cast<Stream>(static_cast<std::uint32_t>(Stream::decision) + 1);
  double sxy = 0, sx = 0, sy = 0, sxx = 0, syy = 0;
  for (std::uint32_t agent = 0; agent < n; ++agent) {
    const double x = RandomStream(7, 0, 3, agent, Stream::decision).uniform();
    const double y = RandomStream(7, 0, 3, agent, neighbour).uniform();
    sx += x; sy += y; sxy += x * y; sxx += x * x; syy += y * y;
  }
  const double r = (sxy - sx * sy / n) / std::sqrt((sxx - sx * sx / n) * (syy - sy * sy / n));
  CHECK(std::abs(r) < 0.02);  // about 4.5 standard errors
}

TEST_CASE("normal draws have mean 0 and variance 1") {
  RandomStream rng(11, 0, 0, 0, Stream::synthesis);
  const int n = 200000;
  double sum = 0, squares = 0;
  for (int i = 0; i < n; ++i) {
    const double z = rng.normal();
    sum += z;
    squares += z * z;
  }
  CHECK(std::abs(sum / n) < 0.01);
  CHECK(std::abs(squares / n - 1.0) < 0.02);
}

TEST_CASE("below(n) stays in range and hits every value") {
  RandomStream rng(5, 0, 0, 0, Stream::network);
  std::array<int, 7> seen{};
  for (int i = 0; i < 7000; ++i) {
    const auto v = rng.below(7);
    REQUIRE(v < 7);
    ++seen[v];
  }
  for (int count : seen) CHECK(count > 800);
}

TEST_CASE("bernoulli_logit gives the outcome of bernoulli on the logistic, draw for draw") {
  const std::vector<double> log_odds{-800.0, -40.0, -12.5, -8.2, -6.0, -3.3, -1.0, -1e-12, 0.0, 0.7, 5.0, 30.0};
  int accepted = 0;
  for (double x : log_odds) {
    for (std::uint32_t agent = 0; agent < 20000; ++agent) {
      RandomStream fast(7, 0, 3, agent, Stream::decision), exact(7, 0, 3, agent, Stream::decision);
      const bool outcome = fast.bernoulli_logit(x);
      REQUIRE(outcome == exact.bernoulli(1.0 / (1.0 + std::exp(-x))));
      REQUIRE(fast.next_u32() == exact.next_u32());  // one draw used, as before
      accepted += outcome;
    }
  }
  CHECK(accepted > 20000 * 3);  // log-odds of 0 and above accept half their draws or more
}
