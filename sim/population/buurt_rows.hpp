#pragma once
// A view of one buurt's contiguous rows in the resident columns, so the synthesis steps of
// different buurten can write their own rows in parallel without touching anyone else's.
#include <cstdint>
#include <span>

#include "sim/population/population.hpp"

namespace wijksim {

struct BuurtRows {
  std::uint32_t first = 0;  // population-wide index of the buurt's first resident
  std::span<std::uint32_t> household;
  std::span<std::uint8_t> age_group;
  std::span<std::uint8_t> education;
  std::span<std::uint8_t> migration;
  std::span<std::uint8_t> tenure;
  std::span<std::uint8_t> flags;
  std::span<float> capacity;
  std::span<float> motivation;
  std::span<float> trust;
  std::span<float> loneliness;

  std::uint32_t size() const { return static_cast<std::uint32_t>(household.size()); }
};

inline BuurtRows rows_of(Residents& residents, std::uint32_t first, std::uint32_t count) {
  auto slice = [&](auto& column) { return std::span(column).subspan(first, count); };
  return BuurtRows{first,
                   slice(residents.household),
                   slice(residents.age_group),
                   slice(residents.education),
                   slice(residents.migration),
                   slice(residents.tenure),
                   slice(residents.flags),
                   slice(residents.capacity),
                   slice(residents.motivation),
                   slice(residents.trust),
                   slice(residents.loneliness)};
}

}  // namespace wijksim
