#pragma once
// Small, fast variants of the bundled scenarios for tests of emergent behaviour.
#include <string>

#include "sim/engine/engine.hpp"
#include "sim/scenario/load.hpp"

namespace wijksim::testing {

// scenarios/<name>.json with fewer ticks and replicates; residents per buurt scaled by `scale`.
inline Scenario bundled_scenario(const std::string& name, int horizon, int replicates, double scale = 1.0) {
  nlohmann::json j = read_scenario_json(std::string(WIJKSIM_SOURCE_DIR) + "/scenarios/" + name + ".json");
  j = apply_override(std::move(j), "horizon_ticks", horizon);
  j = apply_override(std::move(j), "replicates", replicates);
  for (auto& type : j["municipality"]["buurt_types"])
    type["residents"] = static_cast<int>(type["residents"].get<int>() * scale);
  return scenario_from_json(j, name + " (test variant)");
}

// Mean over replicates of a series column over the last `ticks` recorded ticks.
inline double final_mean(const RunResult& result, const std::string& path, std::size_t column, std::size_t ticks) {
  for (const Series& s : result.series) {
    if (s.spec.path != path) continue;
    const std::size_t width = s.spec.width(), total = result.ticks.size();
    double sum = 0;
    std::size_t n = 0;
    for (const auto& values : s.values)
      for (std::size_t t = total - ticks; t < total; ++t) {
        const double v = values[t * width + column];
        if (v == v) { sum += v; ++n; }
      }
    return n ? sum / n : 0.0;
  }
  throw std::runtime_error("no series " + path);
}

}  // namespace wijksim::testing
