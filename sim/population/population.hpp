#pragma once
// The synthetic population: residents as columns (structure of arrays), grouped by buurt and
// by household, and their social network in compressed sparse row form. Built once per
// replicate by synthesis; read-only for the engine, which keeps the changing state apart.
#include <cstdint>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace wijksim {

struct Buurt {
  BuurtSpec spec;
  std::uint32_t first_resident = 0;  // residents of a buurt are contiguous
  std::uint32_t resident_count = 0;
};

// Every static resident column, declared once: one row per resident aged 15 or over. Residents
// holds the columns whole, BuurtRows (buurt_rows.hpp) one buurt's slice of each; what is done to
// every column alike (sizing, slicing) goes through `all()`.
template <template <class> class Column>
struct ResidentColumns {
  Column<std::uint16_t> buurt;
  Column<std::uint32_t> household;  // members of a household are contiguous
  Column<std::uint8_t> age_group;   // index into kAgeGroups
  Column<std::uint8_t> education;   // index into kEducationLevels
  Column<std::uint8_t> migration;   // index into kMigrationBackgrounds
  Column<std::uint8_t> tenure;      // index into kTenures
  Column<std::uint8_t> flags;       // ResidentFlag bits
  // Starting values of the dynamic state, drawn at synthesis.
  Column<float> capacity;
  Column<float> motivation;  // baseline attachment and civic norm, before issue stakes
  Column<float> trust;
  Column<float> loneliness;  // 0 (embedded) .. 1 (lonely)

  auto all() {
    return std::tie(buurt, household, age_group, education, migration, tenure, flags, capacity, motivation, trust,
                    loneliness);
  }
};

template <class T>
using WholeColumn = std::vector<T>;

struct Residents : ResidentColumns<WholeColumn> {
  std::size_t size() const { return buurt.size(); }
  void resize(std::size_t n);
};

// A column declared above but left out of `all()` would be neither sized nor sliced.
static_assert(sizeof(ResidentColumns<WholeColumn>) ==
              std::tuple_size_v<decltype(std::declval<Residents&>().all())> * sizeof(WholeColumn<char>));

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
