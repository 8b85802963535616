#pragma once
// Per-capita figures of one run, read off its recorded series and tables, so that runs of the
// same buurten at different sizes can be compared (docs/ODD.md, section 8.9).
#include <cstdio>
#include <string>

#include "sim/core/attributes.hpp"
#include "validation/validation_runs.hpp"

namespace wijksim::validation {

struct PerCapita {
  double residents = 0;
  double weekly = 0;               // share active in a week, years 2-10
  double past_year = 0;            // share active at some point in the past 52 weeks, years 2-10
  double initiatives_per_1000 = 0; // founded per 1,000 residents per year, by the buurt's share of each
  double success_share = 0;        // of ended initiatives, the share that reached its goal
  double duration_weeks = 0;       // mean, of ended initiatives
  double matthew_index = 0;        // mean over replicates
  double education_ratio = 0;      // high/low weekly participation rate, years 2-10 (education_ratio())
  double final_year_trust = 0;     // mean trust in local government, final year
};

// The participation rate of the high educated over that of the low educated in weeks [from, to):
// the ratio of the two mean rates. Not the mean of the weekly ratios (representation/education_ratio):
// where few of the low educated take part in a week (about six of the 905 residents at x0.05), a
// mean of ratios with so small a denominator is biased upward, by 20% at x0.05 and 1% at x1, from
// the count alone (docs/ODD.md, section 8.9).
inline double education_ratio(const RunResult& run, std::size_t from, std::size_t to) {
  constexpr auto kHigh = static_cast<std::size_t>(Education::high), kLow = static_cast<std::size_t>(Education::low);
  return window_mean(run, "participation/by_group", kHigh, from, to) /
         window_mean(run, "participation/by_group", kLow, from, to);
}

inline PerCapita per_capita(const RunResult& run) {
  constexpr std::size_t kBurnIn = 52;
  const std::size_t ticks = run.ticks.size();
  PerCapita f;
  f.residents = static_cast<double>(run.info.residents);
  f.weekly = window_mean(run, "participation/overall", 0, kBurnIn, ticks);
  f.past_year = window_mean(run, "participation/past_year", 0, kBurnIn, ticks);
  f.education_ratio = education_ratio(run, kBurnIn, ticks);
  f.final_year_trust = window_mean(run, "trust/mean", 0, ticks - kBurnIn, ticks);
  const auto& founded = table_column<std::int64_t>(run, "initiatives", "founded_tick");
  const auto& street_share = table_column<double>(run, "initiatives", "street_share");
  const auto& ended = table_column<std::int64_t>(run, "initiatives", "ended_tick");
  const auto& outcome = table_column<std::string>(run, "initiatives", "outcome");
  double ended_count = 0, succeeded = 0, weeks = 0, founded_share = 0;
  for (std::size_t i = 0; i < founded.size(); ++i) {
    founded_share += street_share[i];
    if (ended[i] < 0) continue;
    ended_count += 1;
    succeeded += outcome[i] == "succeeded";
    weeks += static_cast<double>(ended[i] - founded[i]);
  }
  const double years = run.info.horizon_ticks / 52.0;
  f.initiatives_per_1000 = founded_share / run.info.replicates / (f.residents / 1000.0) / years;
  f.success_share = ended_count > 0 ? succeeded / ended_count : 0.0;
  f.duration_weeks = ended_count > 0 ? weeks / ended_count : 0.0;
  const auto& matthew = table_column<double>(run, "replicates", "matthew_index");
  for (double m : matthew) f.matthew_index += m / static_cast<double>(matthew.size());
  return f;
}

inline std::string per_capita_row(double scale, const PerCapita& f) {
  char row[256];
  std::snprintf(row, sizeof row, "x%-5.2f %7.0f %7.2f%% %7.1f%% %7.2f %7.2f %7.1f %+7.2f %6.2f", scale, f.residents,
                100 * f.weekly, 100 * f.past_year, f.initiatives_per_1000, f.success_share, f.duration_weeks,
                f.matthew_index, f.education_ratio);
  return row;
}

inline const char* kPerCapitaHeader =
    "scale  residents  weekly  pastyr  init/1k/yr success weeks matthew hi/lo";

}  // namespace wijksim::validation
