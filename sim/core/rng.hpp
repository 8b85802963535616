#pragma once
// Counter-based random numbers (Philox4x32-10, Salmon et al. 2011).
//
// Every draw is a pure function of (seed, replicate, tick, agent, stream, draw index), so a
// resident's randomness does not depend on which thread handles it or in which order: this is
// what makes results bit-identical for any thread or MPI rank count.
#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>

namespace wijksim {

// One stream per kind of decision, so that adding a draw to one rule never shifts another's. The
// numbers are part of every result (a stream's draws follow from them): never renumber one, and
// leave the gaps of retired streams unused.
enum class Stream : std::uint32_t {
  synthesis = 1,
  household = 2,
  network = 3,
  issues = 10,
  government = 11,
  decision = 13,
  initiative = 15,
  process = 16,
  vote = 18,
  decision_news = 21,  // who hears of a decision taken in their buurt
  experiment = 30,
};

namespace detail {
inline std::array<std::uint32_t, 4> philox_round(std::array<std::uint32_t, 4> c,
                                                 std::array<std::uint32_t, 2> k) {
  constexpr std::uint64_t m0 = 0xD2511F53u, m1 = 0xCD9E8D57u;
  const std::uint64_t p0 = m0 * c[0], p1 = m1 * c[2];
  return {static_cast<std::uint32_t>(p1 >> 32) ^ c[1] ^ k[0], static_cast<std::uint32_t>(p1),
          static_cast<std::uint32_t>(p0 >> 32) ^ c[3] ^ k[1], static_cast<std::uint32_t>(p0)};
}
}  // namespace detail

inline std::array<std::uint32_t, 4> philox4x32(std::array<std::uint32_t, 4> counter,
                                               std::uint64_t key64) {
  std::array<std::uint32_t, 2> key{static_cast<std::uint32_t>(key64),
                                   static_cast<std::uint32_t>(key64 >> 32)};
  for (int round = 0; round < 10; ++round) {
    counter = detail::philox_round(counter, key);
    key[0] += 0x9E3779B9u;
    key[1] += 0xBB67AE85u;
  }
  return counter;
}

// The chance a log-odds stands for; RandomStream::bernoulli_logit draws against it.
inline double logistic(double log_odds) { return 1.0 / (1.0 + std::exp(-log_odds)); }

// A short sequence of draws for one (replicate, tick, agent, stream). Cheap to construct:
// nothing is computed until the first draw.
class RandomStream {
 public:
  RandomStream(std::uint64_t seed, std::uint32_t replicate, std::uint32_t tick,
               std::uint32_t agent, Stream stream)
      : seed_(seed), counter_{agent, tick, replicate, static_cast<std::uint32_t>(stream) << 20} {}

  // The same stream, its first block computed already by first_blocks.
  RandomStream(std::uint64_t seed, std::uint32_t replicate, std::uint32_t tick, std::uint32_t agent,
               Stream stream, const std::array<std::uint32_t, 4>& first_block)
      : RandomStream(seed, replicate, tick, agent, stream) {
    block_ = first_block;
    ++counter_[3];
    used_ = 0;
  }

  // The first blocks of the streams of agents first_agent .. first_agent + out.size() - 1. Computed
  // in one loop, the independent Philox chains overlap in the CPU; one at a time, each waits on
  // its own multiplies.
  template <std::size_t N>
  static void first_blocks(std::uint64_t seed, std::uint32_t replicate, std::uint32_t tick,
                           std::uint32_t first_agent, Stream stream,
                           std::array<std::array<std::uint32_t, 4>, N>& out) {
    for (std::size_t k = 0; k < N; ++k)
      out[k] = philox4x32({first_agent + static_cast<std::uint32_t>(k), tick, replicate,
                           static_cast<std::uint32_t>(stream) << 20},
                          seed);
  }

  std::uint32_t next_u32() {
    if (used_ == 4) refill();
    return block_[used_++];
  }
  // Uniform on [0, 1) with 32 bits of resolution: plenty for probabilities, and one word a draw.
  double uniform() { return next_u32() * 0x1p-32; }
  bool bernoulli(double p) { return uniform() < p; }
  // bernoulli(1 / (1 + exp(-log_odds))), with the same draw and the same outcome. Weekly chances
  // are mostly tiny, so a power of two above exp(log_odds), which bounds the chance, rejects
  // most draws before the exp is evaluated. (Truncation rounds a negative exponent up; the +1
  // leaves room for rounding in the product.)
  bool bernoulli_logit(double log_odds) {
    const double u = uniform();
    if (log_odds < 0.0) {
      constexpr double kLog2E = 1.4426950408889634;
      const int exponent = std::max(static_cast<int>(std::max(log_odds, -2000.0) * kLog2E) + 1, -1022);
      if (u >= std::bit_cast<double>(static_cast<std::uint64_t>(exponent + 1023) << 52)) return false;
    }
    return u < logistic(log_odds);
  }
  // Uniform integer on [0, n), by Lemire's multiply-shift (bias below 2^-32 * n, irrelevant here).
  std::uint32_t below(std::uint32_t n) {
    return static_cast<std::uint32_t>((static_cast<std::uint64_t>(next_u32()) * n) >> 32);
  }
  double normal() {
    const double u1 = (next_u32() + 1.0) * 0x1p-32;  // (0, 1]: log is finite
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
  double beta_like(double mean, double spread) {
    // A clipped normal stands in for a beta: simple, and its mean and spread are what matter.
    const double x = mean + spread * normal();
    return x < 0.0 ? 0.0 : (x > 1.0 ? 1.0 : x);
  }

 private:
  void refill() {
    block_ = philox4x32(counter_, seed_);
    ++counter_[3];  // the low 20 bits of word 3 count blocks within the stream
    used_ = 0;
  }
  std::uint64_t seed_;
  std::array<std::uint32_t, 4> counter_;
  std::array<std::uint32_t, 4> block_{};
  int used_ = 4;
};

}  // namespace wijksim
