// The labels of the fixed axes and the summaries of the declared tables (outputs.hpp).
#include "sim/metrics/outputs.hpp"

#include <algorithm>

#include "sim/core/attributes.hpp"
#include "sim/model/state.hpp"
#include "sim/scenario/scenario.hpp"

namespace wijksim {
namespace {

template <typename Names>
std::vector<std::string> labels(const Names& names) {
  return std::vector<std::string>(names.begin(), names.end());
}

template <class Row>
TableSummary summary(const TableDeclaration<Row>& declaration) {
  constexpr std::array<std::string_view, 3> kTypeNames{"int64", "float64", "string"};
  TableSummary table{declaration.path, declaration.description, &declaration.rows, {}};
  for (const ColumnDeclaration<Row>& column : declaration.columns)
    table.columns.push_back({column.name, kTypeNames[column.field.index()], column.description,
                             column.categories ? column.categories() : std::vector<std::string>{}});
  return table;
}

}  // namespace

std::vector<std::string> kind_labels() {
  std::vector<std::string> kinds{"initiative"};
  for (const char* rung : kRungNames) kinds.emplace_back(rung);
  return kinds;
}

std::vector<std::string> group_labels() {
  std::vector<std::string> groups;
  auto add = [&](std::string_view dimension, const auto& categories) {
    for (std::string_view category : categories) groups.push_back(std::string(dimension) + "=" + std::string(category));
  };
  add("education", kEducationLevels);
  add("age_group", kAgeGroups);
  add("migration_background", kMigrationBackgrounds);
  add("tenure", kTenures);
  add("low_income", kLowIncomeCategories);
  return groups;
}

std::vector<std::string> dimension_labels() {
  std::vector<std::string> names;
  for (const GroupDimension& dimension : kGroupDimensions) names.emplace_back(dimension.name);
  return names;
}

std::vector<std::string> decision_kind_labels() {
  std::vector<std::string> kinds = labels(kRungNames);
  kinds.emplace_back("residents_budget");
  return kinds;
}

std::vector<std::string> initiative_outcome_labels() { return labels(kInitiativeOutcomeNames); }

std::vector<std::string> budget_choice_labels() {
  std::vector<std::string> choices = labels(kIssueTypeNames);
  choices.emplace_back("none");
  return choices;
}

std::vector<std::string> response_labels() {
  std::vector<std::string> responses = labels(kResponseNames);
  responses.emplace_back("none");
  return responses;
}

namespace {

template <typename Slow, typename Fast>
std::vector<std::string> crossed(std::string_view slow_name, const Slow& slow, std::string_view fast_name, const Fast& fast) {
  std::vector<std::string> labels;
  for (std::string_view a : slow)
    for (std::string_view b : fast)
      labels.push_back(std::string(slow_name) + "=" + std::string(a) + "," + std::string(fast_name) + "=" + std::string(b));
  return labels;
}

}  // namespace

std::vector<std::string> education_by_migration_labels() {
  return crossed("education", kEducationLevels, "migration_background", kMigrationBackgrounds);
}
std::vector<std::string> education_by_age_labels() { return crossed("education", kEducationLevels, "age_group", kAgeGroups); }

std::vector<std::string> part_labels() { return labels(kLiveabilityPartNames); }
std::vector<std::string> lever_labels() { return labels(kCostLeverNames); }
std::vector<std::string> issue_labels() { return labels(kIssueTypeNames); }

std::vector<const Dimension*> SeriesDeclaration::dimensions() const {
  std::vector<const Dimension*> axes{&kReplicateAxis, &kTickAxis};
  if (columns) axes.push_back(columns);
  return axes;
}

std::vector<std::string> axis_labels(const Dimension& axis, const std::vector<std::string>& buurt_codes) {
  if (axis.fixed_labels) return axis.fixed_labels();
  if (axis.labels_from == kBuurtAxis.labels_from) return buurt_codes;
  return {};
}

std::vector<TableSummary> table_summaries() {
  return {summary(kBuurtenTable), summary(kDecisionsTable), summary(kInitiativesTable), summary(kBudgetVotesTable),
          summary(kReplicatesTable), summary(kInitiativeFatesTable), summary(kFitTable)};
}

std::vector<const Dimension*> all_dimensions() {
  std::vector<const Dimension*> axes{&kReplicateAxis, &kTickAxis};
  auto add = [&](const Dimension* axis) {
    if (axis && std::find(axes.begin(), axes.end(), axis) == axes.end()) axes.push_back(axis);
  };
  for (const SeriesDeclaration& series : kSeries) add(series.columns);
  for (const TableSummary& table : table_summaries()) add(table.rows);
  add(&kNoteAxis);
  return axes;
}

const Dimension* dimension_named(std::string_view name) {
  for (const Dimension* axis : all_dimensions())
    if (axis->name == name) return axis;
  return nullptr;
}

}  // namespace wijksim
