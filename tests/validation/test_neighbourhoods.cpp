// Validation, which buurten improve (docs/ODD.md, section 8): a responsive role lets the gap between
// vital and vulnerable buurten grow (a Matthew effect), a kaleidoscopic role with community workers
// closes it. That withdrawal lowers liveability where residents cannot take over is the
// structural-liveability rule itself (tests/model/test_rules.cpp).
#include <catch.hpp>

#include <string>

#include "validation/validation_runs.hpp"

using namespace wijksim;
using namespace wijksim::validation;

namespace {

double gap_change(const RunResult& run) {
  return final_year_mean(run, "liveability/vulnerability_gap") -
         window_mean(run, "liveability/vulnerability_gap", 0, 0, 1);
}

// The correlation, per replicate, between a buurt's starting liveability and its change.
double mean_matthew_index(const RunResult& run) {
  const auto& values = table_column<double>(run, "replicates", "matthew_index");
  double sum = 0;
  for (double v : values) sum += v;
  return sum / static_cast<double>(values.size());
}

}  // namespace

TEST_CASE("a responsive role fails to narrow the liveability gap; kaleidoscopic narrows it", "[validation]") {
  const RunResult& responsive = recorded_run("responsive");
  const RunResult& kaleidoscopic = recorded_run("kaleidoscopic");
  INFO("ten-year change of the gap between the least and most vulnerable fifth: responsive "
       << gap_change(responsive) << ", kaleidoscopic " << gap_change(kaleidoscopic)
       << "; Matthew index: responsive " << mean_matthew_index(responsive) << ", kaleidoscopic "
       << mean_matthew_index(kaleidoscopic));
  // Without residents the gap would shrink to the structural gap (ODD.md 7.9); a gap that holds
  // or grows means the vital buurten's residents pulled ahead.
  CHECK(gap_change(responsive) > -0.02);
  CHECK(mean_matthew_index(responsive) > 0.0);
  CHECK(gap_change(kaleidoscopic) < 0.0);
  CHECK(mean_matthew_index(kaleidoscopic) < 0.0);
  CHECK(gap_change(kaleidoscopic) < gap_change(responsive));
}

// The size of the effect, as first set: it no longer emerges since a success improves a street
// rather than a whole buurt (ODD 7.6) and only the most vulnerable third is invited (7.2); kept,
// and reported in ODD 8.6, rather than weakened.
TEST_CASE("kaleidoscopic narrows the gap by at least 0.05 in ten years", "[validation][!mayfail]") {
  const RunResult& responsive = recorded_run("responsive");
  const RunResult& kaleidoscopic = recorded_run("kaleidoscopic");
  INFO("gap change: responsive " << gap_change(responsive) << ", kaleidoscopic " << gap_change(kaleidoscopic));
  CHECK(gap_change(kaleidoscopic) < -0.05);
  CHECK(gap_change(kaleidoscopic) < gap_change(responsive) - 0.05);
}
