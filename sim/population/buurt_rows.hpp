#pragma once
// A view of one buurt's contiguous rows in the resident columns, so the synthesis steps of
// different buurten can write their own rows in parallel without touching anyone else's.
#include <cstdint>
#include <span>
#include <tuple>

#include "sim/population/population.hpp"

namespace wijksim {

template <class T>
using RowSlice = std::span<T>;

struct BuurtRows : ResidentColumns<RowSlice> {
  std::uint32_t first = 0;  // population-wide index of the buurt's first resident

  std::uint32_t size() const { return static_cast<std::uint32_t>(buurt.size()); }
};

inline BuurtRows rows_of(Residents& residents, std::uint32_t first, std::uint32_t count) {
  BuurtRows rows;
  rows.first = first;
  std::apply(
      [&](auto&... slice) {
        std::apply([&](auto&... whole) { ((slice = std::span(whole).subspan(first, count)), ...); },
                   residents.all());
      },
      rows.all());
  return rows;
}

}  // namespace wijksim
