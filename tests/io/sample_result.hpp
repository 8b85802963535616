#pragma once
// A hand-built RunResult shared by the io tests and the io_write_fixture helper: two
// replicates, several ticks, scalar and column series (one with a NaN), and tables holding
// int, float and string columns (decisions/rung repeats few values, so it is stored as codes),
// and two data notes.
#include "sim/metrics/result.hpp"

namespace wijksim::testing {

RunResult make_sample_result();

}  // namespace wijksim::testing
