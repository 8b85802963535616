#pragma once
// Outcomes of an experiment run: per replicate, the final-year mean of chosen series. An
// experiment keeps numbers per run and replicate, not whole time series, so that its file stays
// small and the analysis works on one table.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/core/calendar.hpp"
#include "sim/metrics/result.hpp"

namespace wijksim::experiment {

// An outcome is named after its series: "trust/mean" for a scalar series,
// "participation/by_group:education=low" for one column of a series with columns, or one of the
// derived outcomes below.
struct DerivedOutcome {
  const char* name;
  const char* description;
};
inline constexpr DerivedOutcome kDerivedOutcomes[] = {
    {"liveability/mean", "final-year mean of liveability, averaged over its three parts"},
    {"initiatives/succeeded_per_year", "initiatives succeeding per year in the final year"},
    {"cost/per_resident_year",
     "municipal spending on all levers per resident (15+) per year, in the final year (euro)"},
};

// The per-buurt series whose final-year means an experiment keeps for every buurt (when all its
// runs simulate the same buurten), so that maps and per-buurt differences come from the file.
inline constexpr std::array<const char*, 3> kBuurtOutcomes{"liveability/by_buurt", "participation/past_year_by_buurt",
                                                           "trust/by_buurt"};

// The outcomes kept when an experiment file names none.
std::vector<std::string> default_outcomes();

// "" when `name` is well formed (a derived outcome or "group/series[:column]"), else the reason.
// Whether the series exists is only known once a run has produced it.
std::string outcome_name_problem(const std::string& name);

// One finished run, as stored in the experiment file.
struct RunSummary {
  std::int64_t run = -1;
  std::int64_t residents = 0;
  std::vector<double> outcomes;  // [replicate * outcome count + outcome]
  // [replicate][buurt][kBuurtOutcomes], final-year means; empty when the run lacks those series.
  std::vector<double> by_buurt;
};

// Final-year (last kTicksPerYear ticks) means per replicate; NaN values (e.g. a trust of participants
// when nobody took part) are left out of a mean, and a mean of nothing is NaN. The ratio series
// (representation/education_ratio, representation/ratio_by_group) are the ratio of the final year's
// mean rates (participation/by_group over the low educated's or the overall rate), not the mean of
// the weekly ratios, which runs with few residents overstate. Throws
// std::invalid_argument naming the missing series or column and what exists.
RunSummary summarise_run(std::int64_t run, const RunResult& result,
                         const std::vector<std::string>& outcomes);

}  // namespace wijksim::experiment
