#pragma once
// Shortened, scaled runs of the bundled scenarios for the pattern-oriented validation tests
// (docs/ODD.md, "Validation"), and a resident-level run that keeps what the recorded series
// cannot tell: who ever took part, and what happened around each issue.
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/model/model.hpp"
#include "sim/population/synthesis.hpp"
#include "support/small_runs.hpp"

namespace wijksim::validation {

// All validation runs share one size, so that every pattern is read off comparable runs.
inline constexpr int kHorizon = 520;      // ten years of weeks
inline constexpr int kReplicates = 3;
inline constexpr double kScale = 0.4;     // of the bundled buurt sizes: about 7,500 residents
inline constexpr std::size_t kFinalYear = 52;

using Overrides = std::vector<std::pair<std::string, nlohmann::json>>;

// A bundled scenario at the validation size, with lever or parameter overrides at dotted paths.
inline Scenario scenario_variant(const std::string& name, const Overrides& overrides, int horizon = kHorizon) {
  const Scenario bundled = testing::bundled_scenario(name, horizon, kReplicates, kScale);
  nlohmann::json resolved = nlohmann::json::parse(bundled.resolved_json);
  for (const auto& [path, value] : overrides) resolved = apply_override(std::move(resolved), path, value);
  return scenario_from_json(resolved, name + " (validation variant)");
}

// The key under which a run is cached: the scenario name and its overrides.
inline std::string run_key(const std::string& name, const Overrides& overrides) {
  std::string key = name;
  for (const auto& [path, value] : overrides) key += " " + path + "=" + value.dump();
  return key;
}

// Runs are expensive and several patterns read the same run: each variant runs once per process.
inline const RunResult& recorded_run(const std::string& name, const Overrides& overrides = {}) {
  static std::map<std::string, RunResult> cache;
  const std::string key = run_key(name, overrides);
  auto it = cache.find(key);
  if (it == cache.end()) it = cache.emplace(key, run_scenario(scenario_variant(name, overrides), {})).first;
  return it->second;
}

// Mean over replicates of one column of a series over the recorded ticks [from, to).
inline double window_mean(const RunResult& result, const std::string& path, std::size_t column,
                          std::size_t from, std::size_t to) {
  for (const Series& s : result.series) {
    if (s.spec.path != path) continue;
    double sum = 0;
    std::size_t n = 0;
    for (const auto& values : s.values)
      for (std::size_t t = from; t < to; ++t) {
        const double v = values[t * s.spec.width() + column];
        if (v == v) { sum += v; ++n; }
      }
    return n ? sum / static_cast<double>(n) : 0.0;
  }
  throw std::runtime_error("no series " + path);
}

inline double final_year_mean(const RunResult& result, const std::string& path, std::size_t column = 0) {
  return testing::final_mean(result, path, column, kFinalYear);
}

}  // namespace wijksim::validation
