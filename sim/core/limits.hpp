#pragma once
// What one run can hold, derived from the engine's data layout. Scenario validation checks these
// (so that `validate` refuses what `run` could not do), synthesis asserts them.
#include <cstdint>
#include <limits>

namespace wijksim {

// A buurt's household draws come from one random stream, which holds a little over four million
// numbers. Bigger areas must be split into buurten.
inline constexpr std::uint32_t kMaxBuurtResidents = 1'000'000;

// Residents refer to their buurt by a 16-bit index.
inline constexpr std::size_t kMaxBuurten = std::size_t{std::numeric_limits<std::uint16_t>::max()} + 1;

// Residents are numbered with 32-bit indices; the largest value marks "no resident".
inline constexpr std::uint64_t kMaxTotalResidents = std::numeric_limits<std::uint32_t>::max() - 1;

}  // namespace wijksim
