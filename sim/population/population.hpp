#pragma once
// The synthetic population: residents as columns (structure of arrays), grouped by buurt and
// by household, and their social network in compressed sparse row form. Built once per
// replicate by synthesis; read-only for the engine, which keeps the changing state apart.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace wijksim {

struct Buurt {
  BuurtSpec spec;
  std::uint32_t first_resident = 0;  // residents of a buurt are contiguous
  std::uint32_t resident_count = 0;
};

// Static columns, one row per resident aged 15 or over.
struct Residents {
  std::vector<std::uint16_t> buurt;
  std::vector<std::uint32_t> household;  // members of a household are contiguous
  std::vector<std::uint8_t> age_group;   // index into kAgeGroups
  std::vector<std::uint8_t> education;   // index into kEducationLevels
  std::vector<std::uint8_t> migration;   // index into kMigrationBackgrounds
  std::vector<std::uint8_t> tenure;      // index into kTenures
  std::vector<std::uint8_t> flags;       // ResidentFlag bits
  // Starting values of the dynamic state, drawn at synthesis.
  std::vector<float> capacity;
  std::vector<float> motivation;  // baseline attachment and civic norm, before issue stakes
  std::vector<float> trust;
  std::vector<float> loneliness;  // 0 (embedded) .. 1 (lonely)

  std::size_t size() const { return buurt.size(); }
  void resize(std::size_t n);
};

// Undirected ties stored both ways: the ties of resident i are
// targets[offsets[i]] .. targets[offsets[i + 1] - 1].
struct Network {
  std::vector<std::uint32_t> offsets;  // size residents + 1
  std::vector<std::uint32_t> targets;
  std::size_t tie_count() const { return targets.size() / 2; }
};

struct Population {
  std::vector<Buurt> buurten;
  Residents residents;
  Network network;
  std::size_t size() const { return residents.size(); }
};

}  // namespace wijksim
