// Builds the "fit" table comparing each buurt's composition with what synthesis achieved.
#include "sim/data/fit_report.hpp"

#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>
#include <string_view>

namespace wijksim {
namespace {

struct FitRows {
  std::vector<std::string> buurt, marginal, category, source;
  std::vector<double> target, achieved, abs_error;

  void add(const BuurtSpec& spec, std::string_view field, const char* category_name, double target_value,
           double achieved_value) {
    buurt.push_back(spec.code);
    marginal.emplace_back(field);
    category.emplace_back(category_name);
    target.push_back(target_value);
    achieved.push_back(achieved_value);
    abs_error.push_back(std::abs(target_value - achieved_value));
    source.push_back(spec.composition_source[composition_field_index(field)]);
  }
};

double ratio(std::int64_t count, std::int64_t total) {
  return total > 0 ? static_cast<double>(count) / static_cast<double>(total) : 0.0;
}

template <std::size_t K>
void add_marginal(FitRows& rows, const BuurtSpec& spec, std::string_view field, const std::array<const char*, K>& labels,
                  const std::array<double, K>& targets, const std::array<std::int64_t, K>& counts,
                  std::int64_t residents) {
  for (std::size_t k = 0; k < K; ++k) rows.add(spec, field, labels[k], targets[k], ratio(counts[k], residents));
}

void add_buurt(FitRows& rows, const BuurtSpec& buurt, const AchievedCounts& counts) {
  const Composition& target = buurt.composition;
  const std::int64_t residents = std::accumulate(counts.age_group.begin(), counts.age_group.end(), std::int64_t{0});
  add_marginal<4>(rows, buurt, "age_group", {"15-24", "25-44", "45-64", "65+"}, target.age_group, counts.age_group,
                  residents);
  add_marginal<3>(rows, buurt, "education", {"low", "middle", "high"}, target.education, counts.education,
                  residents);
  add_marginal<3>(rows, buurt, "migration_background", {"dutch", "western", "non_western"},
                  target.migration_background, counts.migration_background, residents);
  add_marginal<3>(rows, buurt, "tenure", {"owner", "private_rent", "social_rent"}, target.tenure, counts.tenure,
                  residents);
  rows.add(buurt, "low_income", "yes", target.low_income, ratio(counts.low_income, residents));
  rows.add(buurt, "health_limitation", "yes", target.health_limitation, ratio(counts.health_limitation, residents));
  rows.add(buurt, "households_with_children", "yes", target.households_with_children,
           ratio(counts.households_with_children, counts.households));
  rows.add(buurt, "household_size", "mean", target.household_size, ratio(residents, counts.households));
}

}  // namespace

Table fit_report(const std::vector<BuurtSpec>& buurten, const std::vector<AchievedCounts>& achieved) {
  if (buurten.size() != achieved.size()) {
    throw std::invalid_argument("fit_report: " + std::to_string(buurten.size()) + " buurten but " +
                                std::to_string(achieved.size()) + " sets of achieved counts");
  }
  FitRows rows;
  for (std::size_t i = 0; i < buurten.size(); ++i) add_buurt(rows, buurten[i], achieved[i]);

  Table table;
  table.path = "fit";
  table.description = "per buurt and category, the composition target against the share the synthesised population achieved";
  table.column_names = {"buurt", "marginal", "category", "target", "achieved", "abs_error", "source"};
  table.column_descriptions = {"buurt code",
                               "the composition field",
                               "the category of that field",
                               "target share (household_size: mean residents 15+ per household)",
                               "achieved share in the synthesised population (household_size: mean)",
                               "absolute difference between target and achieved",
                               "where the target came from: own row, same code in <file>, wijk row, gemeente "
                               "row, gemeente in <file>, model default, assumed rates by age, or scenario "
                               "(docs/data.md)"};
  table.columns = {std::move(rows.buurt),  std::move(rows.marginal), std::move(rows.category),
                   std::move(rows.target), std::move(rows.achieved), std::move(rows.abs_error),
                   std::move(rows.source)};
  return table;
}

}  // namespace wijksim
