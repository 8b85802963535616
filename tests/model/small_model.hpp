#pragma once
// Shared by the mechanism and lever tests: a small municipality of two buurten, its scenario with
// overrides at JSON paths (each test file gives its own sizes and keys), checked by the scenario
// loader like a file, and a model run on it step by step.
#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <numeric>
#include <string>
#include <utility>

#include "sim/model/model.hpp"
#include "sim/population/synthesis.hpp"
#include "sim/scenario/load.hpp"

namespace wijksim::testing {

// A municipality of two buurten of `residents` each, a vulnerable one (vulnerability 0.8) and a
// vital one (0.2), each starting at its liveability on all three dimensions.
inline nlohmann::json two_buurten(const std::string& name, std::uint64_t seed, int horizon_ticks, int residents,
                                  double vulnerable_liveability, double vital_liveability) {
  auto buurt = [&](const char* type, double vulnerability, double liveability) {
    return nlohmann::json{
        {"name", type}, {"count", 1}, {"residents", residents}, {"vulnerability", vulnerability},
        {"liveability", {{"physical", liveability}, {"safety", liveability}, {"social", liveability}}}};
  };
  return {{"name", name}, {"seed", seed}, {"replicates", 1}, {"horizon_ticks", horizon_ticks},
          {"municipality", {{"buurt_types", {buurt("vulnerable", 0.8, vulnerable_liveability),
                                             buurt("vital", 0.2, vital_liveability)}}}}};
}

inline Scenario scenario_with(nlohmann::json municipality, const std::string& name,
                              std::initializer_list<std::pair<const char*, nlohmann::json>> overrides) {
  for (const auto& [path, value] : overrides) municipality = apply_override(std::move(municipality), path, value);
  return scenario_from_json(municipality, name);
}

// A model of replicate 0 with its population kept alive alongside, stepped on demand.
struct Run {
  explicit Run(Scenario s) : scenario(std::move(s)), population(synthesize_population(scenario, 0)),
                             model(scenario, population, 0) {}
  Run& until(int last_tick) {
    while (tick < last_tick) {
      model.step(++tick);
      const auto& activity = model.state().residents.activity;
      initiative_weeks += std::count(activity.begin(), activity.end(), Activity::initiative);
    }
    return *this;
  }
  std::size_t active() const {
    const auto& a = model.state().residents.activity;
    return static_cast<std::size_t>(std::count_if(a.begin(), a.end(), [](Activity x) { return x != Activity::none; }));
  }
  std::int64_t ended(InitiativeOutcome outcome) const {
    const auto& all = model.state().initiatives;
    return std::count_if(all.begin(), all.end(), [&](const Initiative& it) { return it.outcome == outcome; });
  }
  double mean_trust() const {
    const auto& t = model.state().residents.trust;
    return std::accumulate(t.begin(), t.end(), 0.0) / static_cast<double>(t.size());
  }
  Scenario scenario;
  Population population;
  Model model;
  int tick = 0;
  std::int64_t initiative_weeks = 0;  // residents in initiatives, summed over the weeks run
};

}  // namespace wijksim::testing
