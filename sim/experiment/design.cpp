// Design generators. All randomness comes from RandomStream(Stream::experiment), keyed by the
// experiment seed and a purpose code, so a design is a pure function of its arguments.
#include "sim/experiment/design.hpp"

#include <numeric>
#include <stdexcept>
#include <utility>

#include "sim/core/rng.hpp"

namespace wijksim::experiment {
namespace {

// The `replicate` word of the random stream says which matrix a draw belongs to, so that the
// Saltelli A and B matrices and the Morris trajectories never share draws.
enum Purpose : std::uint32_t { kLatinHypercube = 1, kSaltelliA = 2, kSaltelliB = 3, kMorris = 4 };

void require(bool condition, const std::string& message) {
  if (!condition) throw std::invalid_argument(message);
}

std::vector<std::uint32_t> shuffled_indices(std::uint32_t count, RandomStream& random) {
  std::vector<std::uint32_t> indices(count);
  std::iota(indices.begin(), indices.end(), 0u);
  for (std::uint32_t i = count; i > 1; --i) std::swap(indices[i - 1], indices[random.below(i)]);
  return indices;
}

std::vector<std::vector<double>> latin_matrix(int samples, int dimensions, std::uint64_t seed,
                                              Purpose purpose) {
  require(samples >= 1, "a Latin hypercube needs at least one sample");
  const auto n = static_cast<std::uint32_t>(samples);
  std::vector<std::vector<double>> matrix(n, std::vector<double>(dimensions));
  for (int column = 0; column < dimensions; ++column) {
    const auto tick = static_cast<std::uint32_t>(column);
    RandomStream permutation_draws(seed, purpose, tick, 0, Stream::experiment);
    RandomStream jitter_draws(seed, purpose, tick, 1, Stream::experiment);
    const auto strata = shuffled_indices(n, permutation_draws);
    for (std::uint32_t row = 0; row < n; ++row) {
      matrix[row][column] = (strata[row] + jitter_draws.uniform()) / n;
    }
  }
  return matrix;
}

}  // namespace

const char* row_kind_name(RowKind kind) {
  switch (kind) {
    case RowKind::point: return "point";
    case RowKind::sobol_a: return "A";
    case RowKind::sobol_b: return "B";
    case RowKind::sobol_ab: return "AB";
    case RowKind::morris_start: return "start";
    case RowKind::morris_step: return "step";
  }
  return "point";
}

std::vector<DesignRow> full_factorial(const std::vector<int>& levels) {
  std::size_t total = 1;
  for (int count : levels) {
    require(count >= 1, "every factorial parameter needs at least one level");
    total *= static_cast<std::size_t>(count);
  }
  std::vector<DesignRow> rows(total);
  for (std::size_t row = 0; row < total; ++row) {
    rows[row].sample = static_cast<std::int64_t>(row);
    rows[row].unit.resize(levels.size());
    std::size_t rest = row;
    for (std::size_t i = levels.size(); i-- > 0;) {
      const auto count = static_cast<std::size_t>(levels[i]);
      const std::size_t level = rest % count;
      rest /= count;
      rows[row].unit[i] = count == 1 ? 0.5 : static_cast<double>(level) / (count - 1);
    }
  }
  return rows;
}

std::vector<DesignRow> latin_hypercube(int samples, int dimensions, std::uint64_t seed) {
  auto matrix = latin_matrix(samples, dimensions, seed, kLatinHypercube);
  std::vector<DesignRow> rows(matrix.size());
  for (std::size_t row = 0; row < rows.size(); ++row) {
    rows[row].unit = std::move(matrix[row]);
    rows[row].sample = static_cast<std::int64_t>(row);
  }
  return rows;
}

std::vector<DesignRow> saltelli(int base_samples, int dimensions, std::uint64_t seed) {
  require(dimensions >= 1, "a Sobol design needs at least one parameter");
  const auto a = latin_matrix(base_samples, dimensions, seed, kSaltelliA);
  const auto b = latin_matrix(base_samples, dimensions, seed, kSaltelliB);
  std::vector<DesignRow> rows;
  rows.reserve(static_cast<std::size_t>(base_samples) * (dimensions + 2));
  for (int j = 0; j < base_samples; ++j) {
    rows.push_back({a[j], RowKind::sobol_a, j, -1});
    rows.push_back({b[j], RowKind::sobol_b, j, -1});
    for (int i = 0; i < dimensions; ++i) {
      DesignRow mixed{a[j], RowKind::sobol_ab, j, i};
      mixed.unit[i] = b[j][i];
      rows.push_back(std::move(mixed));
    }
  }
  return rows;
}

double morris_delta(int levels) { return levels / (2.0 * (levels - 1)); }

std::vector<DesignRow> morris(int trajectories, int dimensions, int levels, std::uint64_t seed) {
  require(trajectories >= 1, "a Morris design needs at least one trajectory");
  require(dimensions >= 1, "a Morris design needs at least one parameter");
  require(levels >= 2 && levels % 2 == 0,
          "Morris levels must be even and at least 2, so that the step lands on the grid");
  const double grid_step = 1.0 / (levels - 1);
  const int delta_steps = levels / 2;  // delta = levels / (2 (levels - 1)) grid steps of 1/(levels-1)
  std::vector<DesignRow> rows;
  rows.reserve(static_cast<std::size_t>(trajectories) * (dimensions + 1));
  for (int t = 0; t < trajectories; ++t) {
    RandomStream random(seed, kMorris, static_cast<std::uint32_t>(t), 0, Stream::experiment);
    // Grid level of each coordinate and the direction it will move in; a coordinate that moves
    // down starts delta higher, so every point stays on the grid inside [0, 1].
    std::vector<int> level(dimensions);
    std::vector<int> direction(dimensions);
    for (int i = 0; i < dimensions; ++i) {
      level[i] = static_cast<int>(random.below(static_cast<std::uint32_t>(levels - delta_steps)));
      direction[i] = random.bernoulli(0.5) ? 1 : -1;
      if (direction[i] < 0) level[i] += delta_steps;
    }
    const auto order = shuffled_indices(static_cast<std::uint32_t>(dimensions), random);
    auto point = [&] {
      std::vector<double> unit(dimensions);
      for (int i = 0; i < dimensions; ++i) unit[i] = level[i] * grid_step;
      return unit;
    };
    rows.push_back({point(), RowKind::morris_start, t, -1});
    for (std::uint32_t moved : order) {
      level[moved] += direction[moved] * delta_steps;
      rows.push_back({point(), RowKind::morris_step, t, static_cast<std::int64_t>(moved)});
    }
  }
  return rows;
}

}  // namespace wijksim::experiment
