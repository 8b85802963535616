#pragma once
// The model's clock: one tick is one week. "The past year" a survey asks about, and "the final
// year" outcomes are averaged over, are the last kTicksPerYear ticks.
#include <cstdint>

namespace wijksim {

inline constexpr std::int32_t kTicksPerYear = 52;

}  // namespace wijksim
