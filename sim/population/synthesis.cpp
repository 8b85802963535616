// Orchestrates synthesis: buurt row ranges first, then every buurt's residents in parallel (each
// buurt writes only its own rows), then the network over the whole population.
#include "sim/population/synthesis.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include <tbb/parallel_for.h>

#include "sim/population/buurt_rows.hpp"
#include "sim/population/categories.hpp"
#include "sim/population/households.hpp"
#include "sim/population/network.hpp"
#include "sim/population/starting_values.hpp"
#include "sim/population/targets.hpp"

namespace wijksim {
namespace {

std::string describe(const BuurtSpec& spec, std::size_t index) {
  return "buurten[" + std::to_string(index) + "] (" + (spec.code.empty() ? spec.name : spec.code) +
         ")";
}

// Targets per buurt, checked before any parallel work so errors name the buurt.
std::vector<BuurtTargets> targets_per_buurt(const std::vector<BuurtSpec>& specs) {
  if (specs.size() > std::size_t{std::numeric_limits<std::uint16_t>::max()} + 1)
    throw std::invalid_argument("scenario has " + std::to_string(specs.size()) +
                                " buurten; at most 65536 are supported");
  std::vector<BuurtTargets> targets;
  targets.reserve(specs.size());
  std::uint64_t total = 0;
  for (std::size_t b = 0; b < specs.size(); ++b) {
    const BuurtSpec& spec = specs[b];
    if (spec.residents < 0 || static_cast<std::uint32_t>(spec.residents) > kMaxBuurtResidents)
      throw std::invalid_argument(describe(spec, b) + ".residents: expected 0.." +
                                  std::to_string(kMaxBuurtResidents) + ", found " +
                                  std::to_string(spec.residents));
    total += static_cast<std::uint32_t>(spec.residents);
    if (total >= std::numeric_limits<std::uint32_t>::max())
      throw std::invalid_argument("scenario: more than 2^32 - 1 residents in total");
    try {
      targets.push_back(buurt_targets(spec.composition, static_cast<std::uint32_t>(spec.residents)));
    } catch (const std::invalid_argument& error) {
      throw std::invalid_argument(describe(spec, b) + "." + error.what());
    }
  }
  return targets;
}

std::vector<Buurt> lay_out_buurten(const std::vector<BuurtSpec>& specs) {
  std::vector<Buurt> buurten(specs.size());
  std::uint32_t next = 0;
  for (std::size_t b = 0; b < specs.size(); ++b) {
    buurten[b].spec = specs[b];
    buurten[b].first_resident = next;
    buurten[b].resident_count = static_cast<std::uint32_t>(specs[b].residents);
    next += buurten[b].resident_count;
  }
  return buurten;
}

std::vector<std::uint32_t> first_households(const std::vector<BuurtTargets>& targets) {
  std::vector<std::uint32_t> first(targets.size());
  std::uint32_t next = 0;
  for (std::size_t b = 0; b < targets.size(); ++b) {
    first[b] = next;
    next += targets[b].households;
  }
  return first;
}

}  // namespace

Population synthesize_population(const Scenario& scenario, std::uint32_t replicate) {
  const std::vector<BuurtTargets> targets = targets_per_buurt(scenario.buurten);
  const std::vector<std::uint32_t> first_household = first_households(targets);
  Population population;
  population.buurten = lay_out_buurten(scenario.buurten);
  const Buurt* last = population.buurten.empty() ? nullptr : &population.buurten.back();
  population.residents.resize(last ? last->first_resident + last->resident_count : 0);

  tbb::parallel_for(std::size_t{0}, population.buurten.size(), [&](std::size_t b) {
    const Buurt& buurt = population.buurten[b];
    BuurtRows rows = rows_of(population.residents, buurt.first_resident, buurt.resident_count);
    std::fill_n(population.residents.buurt.begin() + buurt.first_resident, buurt.resident_count,
                static_cast<std::uint16_t>(b));
    RandomStream household_stream(scenario.seed, replicate, 0, static_cast<std::uint32_t>(b),
                                  Stream::household);
    synthesize_households(targets[b], first_household[b], household_stream, rows);
    assign_individual_categories(targets[b], scenario.seed, replicate, rows);
    draw_starting_values(scenario.attributes, buurt.spec.vulnerability, scenario.seed, replicate,
                         rows);
  });

  population.network = build_network(population.residents, population.buurten, scenario.network,
                                     scenario.seed, replicate);
  return population;
}

}  // namespace wijksim
