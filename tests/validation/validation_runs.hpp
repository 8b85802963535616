#pragma once
// Runs of the bundled scenarios, at their bundled size and horizon, for the pattern-oriented
// validation tests and the calibration checks (docs/ODD.md, section 8), and a resident-level run that keeps what the recorded series
// cannot tell: who ever took part, and what happened around each issue.
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/model/model.hpp"
#include "sim/population/synthesis.hpp"
#include "support/small_runs.hpp"

namespace wijksim::validation {

// All validation runs share the size users run (the bundled buurten, 18,100 residents), so that
// every pattern is read off comparable runs and no figure depends on a smaller test size.
inline constexpr int kHorizon = 520;      // ten years of weeks
inline constexpr int kReplicates = 4;
inline constexpr double kScale = 1.0;
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

// One column of a result table, looked up by names so that a reordered table cannot mislead a test.
template <typename Value>
const std::vector<Value>& table_column(const RunResult& result, const std::string& table, const std::string& column) {
  for (const Table& t : result.tables) {
    if (t.path != table) continue;
    for (std::size_t c = 0; c < t.column_names.size(); ++c)
      if (t.column_names[c] == column) return std::get<std::vector<Value>>(t.columns[c]);
  }
  throw std::runtime_error("no column " + table + "/" + column);
}

inline double final_year_mean(const RunResult& result, const std::string& path, std::size_t column = 0) {
  return testing::final_mean(result, path, column, kFinalYear);
}

// One replicate stepped by hand, for readings the recorder does not keep: `observe(model, tick)`
// runs after every tick. Two scenarios that differ only in levers share one population, which
// pairs their residents.
template <typename Observe>
void step_through(const Scenario& scenario, const Population& population, std::uint32_t replicate,
                  Observe&& observe) {
  Model model(scenario, population, replicate);
  for (std::int32_t tick = 1; tick <= scenario.horizon_ticks; ++tick) {
    model.step(tick);
    observe(model, tick);
  }
}

}  // namespace wijksim::validation
