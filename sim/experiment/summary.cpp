// Final-year summaries of a RunResult, per replicate.
#include "sim/experiment/summary.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <stdexcept>

namespace wijksim::experiment {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Which recorded ticks fall in the final year (all of them when the run is shorter).
std::vector<std::size_t> final_year_positions(const std::vector<std::int64_t>& ticks) {
  std::vector<std::size_t> positions;
  if (ticks.empty()) return positions;
  const std::int64_t last = ticks.back();
  for (std::size_t i = 0; i < ticks.size(); ++i) {
    if (ticks[i] > last - kTicksPerYear) positions.push_back(i);
  }
  return positions;
}

const Series& find_series(const RunResult& result, const std::string& path) {
  for (const auto& series : result.series) {
    if (series.spec.path == path) return series;
  }
  std::string known;
  for (const auto& series : result.series) known += (known.empty() ? "" : ", ") + series.spec.path;
  throw std::invalid_argument("outcome series '" + path + "' is not produced by the engine; series: " +
                              known);
}

std::size_t find_column(const Series& series, const std::string& column) {
  const auto& columns = series.spec.columns;
  const auto found = std::find(columns.begin(), columns.end(), column);
  if (found == columns.end()) {
    std::string known;
    for (const auto& name : columns) known += (known.empty() ? "" : ", ") + name;
    throw std::invalid_argument("series '" + series.spec.path + "' has no column '" + column +
                                "'; columns: " + (known.empty() ? "(none: a scalar series)" : known));
  }
  return static_cast<std::size_t>(found - columns.begin());
}

// Mean over the final-year ticks of the given columns' sum (NaN entries skipped).
double final_year_mean(const Series& series, std::size_t replicate,
                       const std::vector<std::size_t>& positions,
                       const std::vector<std::size_t>& columns) {
  const auto& values = series.values.at(replicate);
  const std::size_t width = series.spec.width();
  double sum = 0.0;
  int count = 0;
  for (std::size_t position : positions) {
    double at_tick = 0.0;
    for (std::size_t column : columns) at_tick += values.at(position * width + column);
    if (std::isnan(at_tick)) continue;
    sum += at_tick;
    ++count;
  }
  return count == 0 ? kNaN : sum / count;
}

std::vector<std::size_t> all_columns(const Series& series) {
  std::vector<std::size_t> columns(series.spec.width());
  for (std::size_t i = 0; i < columns.size(); ++i) columns[i] = i;
  return columns;
}

// The final-year mean of the sum of some columns of a series.
struct SeriesMean {
  const Series* series = nullptr;
  std::vector<std::size_t> columns;  // summed per tick

  double of(std::size_t replicate, const std::vector<std::size_t>& positions) const {
    return final_year_mean(*series, replicate, positions, columns);
  }
};

// How to compute one outcome for any replicate of this result: scale * a final-year mean, or, for a
// ratio of two rates, the final-year mean of one over that of the other.
struct OutcomeRecipe {
  SeriesMean mean;
  double scale = 1.0;
  std::optional<SeriesMean> denominator;

  double of(std::size_t replicate, const std::vector<std::size_t>& positions) const {
    const double value = scale * mean.of(replicate, positions);
    if (!denominator) return value;
    const double below = denominator->of(replicate, positions);
    return below > 0 ? value / below : kNaN;
  }
};

OutcomeRecipe mean_of(SeriesMean mean, double scale = 1.0) { return {std::move(mean), scale, std::nullopt}; }
OutcomeRecipe ratio_of(SeriesMean mean, SeriesMean denominator) { return {std::move(mean), 1.0, std::move(denominator)}; }

// The engine records the education ratio and the representation ratios week by week. A mean of weekly
// ratios overstates the ratio when its denominator counts few residents (in a run of about 900 residents
// the education ratio read 13-25 % high), so the outcome is the ratio of the final year's mean rates, read
// from the rates the ratio is made of. The same recipes are in analysis/compare.py (RATIOS_OF_RATES).
std::optional<OutcomeRecipe> ratio_of_rates(const RunResult& result, const std::string& path,
                                            const std::string& column) {
  if (path == "representation/education_ratio") {
    const Series& rates = find_series(result, "participation/by_group");
    return ratio_of({&rates, {find_column(rates, "education=high")}}, {&rates, {find_column(rates, "education=low")}});
  }
  if (path == "representation/ratio_by_group") {  // share among participants over share of residents
    const Series& rates = find_series(result, "participation/by_group");
    const Series& overall = find_series(result, "participation/overall");
    return ratio_of({&rates, {find_column(rates, column)}}, {&overall, {0}});
  }
  return std::nullopt;
}

OutcomeRecipe recipe_for(const RunResult& result, const std::string& name) {
  // Counts and euros "since the previous recorded tick" hold output_every weeks each.
  const double records_per_year = kTicksPerYear / static_cast<double>(std::max(1, result.info.output_every));
  if (name == "liveability/mean") {
    const Series& parts = find_series(result, "liveability/by_part");
    return mean_of({&parts, all_columns(parts)}, 1.0 / static_cast<double>(parts.spec.width()));
  }
  if (name == "initiatives/succeeded_per_year") {
    const Series& succeeded = find_series(result, "initiatives/succeeded");
    return mean_of({&succeeded, {0}}, records_per_year);
  }
  if (name == "cost/per_resident_year") {
    const Series& cost = find_series(result, "cost/by_lever");
    const double residents = std::max<double>(1.0, static_cast<double>(result.info.residents));
    return mean_of({&cost, all_columns(cost)}, records_per_year / residents);
  }
  const std::size_t colon = name.find(':');
  const Series& series = find_series(result, name.substr(0, colon));
  if (colon == std::string::npos) {
    if (!series.spec.columns.empty()) {
      throw std::invalid_argument("outcome '" + name + "' names a series with columns; name one, e.g. '" +
                                  name + ":" + series.spec.columns.front() + "'");
    }
    return ratio_of_rates(result, series.spec.path, "").value_or(mean_of({&series, {0}}));
  }
  const std::string column = name.substr(colon + 1);
  const std::size_t index = find_column(series, column);
  return ratio_of_rates(result, series.spec.path, column).value_or(mean_of({&series, {index}}));
}

// [replicate][buurt][kBuurtOutcomes]: the final-year mean of each buurt's column.
std::vector<double> buurt_means(const RunResult& result, const std::vector<std::size_t>& positions) {
  std::vector<const Series*> series;
  for (const char* path : kBuurtOutcomes) {
    const auto found = std::find_if(result.series.begin(), result.series.end(),
                                    [&](const Series& candidate) { return candidate.spec.path == path; });
    if (found == result.series.end()) return {};
    series.push_back(&*found);
  }
  const std::size_t buurten = series.front()->spec.width();
  std::vector<double> means;
  means.reserve(static_cast<std::size_t>(result.info.replicates) * buurten * series.size());
  for (std::size_t replicate = 0; replicate < static_cast<std::size_t>(result.info.replicates); ++replicate) {
    for (std::size_t buurt = 0; buurt < buurten; ++buurt) {
      for (const Series* outcome : series) means.push_back(final_year_mean(*outcome, replicate, positions, {buurt}));
    }
  }
  return means;
}

}  // namespace

std::vector<std::string> default_outcomes() {
  return {"participation/past_year",
          "participation/past_year_by_group:education=low",
          "participation/past_year_by_group:education=high",
          "participation/overall",
          "participation/by_group:education=low",
          "participation/by_group:education=high",
          "representation/education_ratio",
          "representation/ratio_by_group:education=low",
          "representation/dissimilarity:education",
          "trust/mean",
          "trust/by_group:education=low",
          "liveability/mean",
          "liveability/gini",
          "liveability/vulnerability_gap",
          "initiatives/active",
          "initiatives/succeeded_per_year",
          "social/loneliness_rate",
          "cost/per_resident_year"};
}

std::string outcome_name_problem(const std::string& name) {
  for (const auto& derived : kDerivedOutcomes) {
    if (name == derived.name) return "";
  }
  const std::size_t colon = name.find(':');
  const std::string path = name.substr(0, colon);
  const std::size_t slash = path.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == path.size()) {
    return "a series path such as \"trust/mean\", optionally with \":column\"";
  }
  if (colon != std::string::npos && colon + 1 == name.size()) return "a column name after ':'";
  return "";
}

RunSummary summarise_run(std::int64_t run, const RunResult& result,
                         const std::vector<std::string>& outcomes) {
  std::vector<OutcomeRecipe> recipes;
  recipes.reserve(outcomes.size());
  for (const auto& name : outcomes) recipes.push_back(recipe_for(result, name));

  const auto positions = final_year_positions(result.ticks);
  const std::size_t replicates = static_cast<std::size_t>(result.info.replicates);
  RunSummary summary;
  summary.run = run;
  summary.residents = static_cast<std::int64_t>(result.info.residents);
  summary.outcomes.reserve(replicates * recipes.size());
  for (std::size_t replicate = 0; replicate < replicates; ++replicate) {
    for (const auto& recipe : recipes) {
      summary.outcomes.push_back(recipe.of(replicate, positions));
    }
  }
  summary.by_buurt = buurt_means(result, positions);
  return summary;
}

}  // namespace wijksim::experiment
