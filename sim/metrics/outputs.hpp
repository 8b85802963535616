#pragma once
// Every output of a run, declared once: each time series and each table with its name, shape
// (its dimensions, and where the labels of each come from), unit and description. The recorder
// fills series by path (checked at compile time), tables are built from row structs whose fields
// the declaration names, the writer writes what is declared, and docs/output-format.md's output
// tables and docs/outputs.json (which the Python fixture and checker read) are generated from
// here by wijksim_output_docs.
//
// Adding a per-tick series: one SeriesDeclaration in kSeries (outputs.cpp lists nothing else) and
// the code that computes it in recorder.cpp, then rerun wijksim_output_docs.
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "sim/core/table.hpp"

namespace wijksim {

// One axis of a series. Its labels are either fixed (they do not depend on the run) or stored in
// the result file at `labels_from`; the replicate axis has none (replicates are numbered 0..R-1).
struct Dimension {
  std::string_view name;         // "replicate", "tick", "group", "buurt", ...
  std::string_view labels_from;  // path below the file's root holding the labels, or "" when fixed
  std::vector<std::string> (*fixed_labels)();  // the labels when they are fixed, else nullptr
  std::string_view meaning;      // what one position on the axis is, for the docs
};

std::vector<std::string> kind_labels();       // "initiative", then the five ladder rungs
std::vector<std::string> group_labels();      // "education=low", ... (kGroupDimensions)
std::vector<std::string> dimension_labels();  // "education", "age_group", ...
std::vector<std::string> part_labels();       // liveability parts
std::vector<std::string> lever_labels();      // cost levers
std::vector<std::string> issue_labels();      // issue types
std::vector<std::string> education_by_migration_labels();  // "education=low,migration_background=dutch", ...
std::vector<std::string> education_by_age_labels();        // "education=low,age_group=15-24", ...

inline constexpr Dimension kReplicateAxis{"replicate", "", nullptr, "replicate 0..R-1"};
inline constexpr Dimension kTickAxis{"tick", "tick", nullptr, "recorded tick, as listed in /tick"};
inline constexpr Dimension kKindAxis{"kind", "", kind_labels, "kind of activity"};
inline constexpr Dimension kGroupAxis{"group", "", group_labels, "population group, dimension=category"};
inline constexpr Dimension kBuurtAxis{"buurt", "tables/buurten/code", nullptr,
                                      "buurt, in the order of the buurten table (columns are its codes)"};
inline constexpr Dimension kDimensionAxis{"dimension", "", dimension_labels, "attribute the groups are formed by"};
inline constexpr Dimension kPartAxis{"part", "", part_labels, "part of liveability"};
inline constexpr Dimension kLeverAxis{"lever", "", lever_labels, "municipal lever"};
inline constexpr Dimension kIssueAxis{"issue", "", issue_labels, "issue type"};
// The rows of the event tables; numbered 0..n-1.
inline constexpr Dimension kDecisionAxis{"decision", "", nullptr, "collective decision, a row of /tables/decisions"};
inline constexpr Dimension kInitiativeAxis{"initiative", "", nullptr, "initiative, a row of /tables/initiatives"};
inline constexpr Dimension kInitiativeFateAxis{"initiative_fate", "", nullptr,
                                               "a replicate, answer and ending, a row of /tables/initiative_fates"};
inline constexpr Dimension kBudgetVoteAxis{"budget_vote", "", nullptr,
                                          "a residents' budget vote, a row of /tables/budget_votes"};
inline constexpr Dimension kFitRowAxis{"fit_row", "", nullptr, "buurt and category, a row of /tables/fit"};
inline constexpr Dimension kNoteAxis{"note", "", nullptr, "a note from reading the CBS data, a row of /input/data_notes"};

// The categories of the string table columns that hold a fixed vocabulary (stored as HDF5 enums).
std::vector<std::string> decision_kind_labels();   // the ladder rungs, then "residents_budget"
std::vector<std::string> initiative_outcome_labels();
std::vector<std::string> response_labels();        // the municipality's answers, then "none"
std::vector<std::string> budget_choice_labels();   // the issue types, then "none"
inline constexpr Dimension kEducationByMigrationAxis{
    "education_by_migration", "", education_by_migration_labels,
    "education level crossed with migration background, education varying slowest"};
inline constexpr Dimension kEducationByAgeAxis{"education_by_age", "", education_by_age_labels,
                                               "education level crossed with age group, education varying slowest"};

// A float64 dataset /timeseries/<path> of shape [replicate, tick] or, with `columns`,
// [replicate, tick, column].
struct SeriesDeclaration {
  std::string_view path;
  std::string_view unit;  // "share", "ratio", "count", "euro", "index 0-1", "index difference"
  const Dimension* columns;  // the last axis, nullptr for a scalar series
  std::string_view description;  // written as the dataset's "description" attribute

  // The axes in storage order: replicate, tick and the columns if any.
  std::vector<const Dimension*> dimensions() const;
};

// Every series, in the order they are written.
inline constexpr std::array kSeries{
    SeriesDeclaration{"participation/overall", "share", nullptr,
                      "Share of residents (15+) taking part in any activity in this week"},
    SeriesDeclaration{"participation/by_kind", "share", &kKindAxis,
                      "Share of residents taking part in this week, by kind of activity"},
    SeriesDeclaration{"participation/by_group", "share", &kGroupAxis, "Share of each group taking part in this week"},
    SeriesDeclaration{"participation/by_buurt", "share", &kBuurtAxis, "Share of each buurt's residents taking part in this week"},
    SeriesDeclaration{"participation/past_year", "share", nullptr,
                      "Share of residents active at some point in the 52 weeks up to and including the tick, as "
                      "surveys asking about the past year measure"},
    SeriesDeclaration{"participation/past_year_by_group", "share", &kGroupAxis,
                      "Share of each group active at some point in the 52 weeks up to and including the tick"},
    SeriesDeclaration{"participation/past_year_by_buurt", "share", &kBuurtAxis,
                      "Share of each buurt's residents active at some point in the 52 weeks up to and including "
                      "the tick"},
    SeriesDeclaration{"participation/past_year_low_educated_by_buurt", "share", &kBuurtAxis,
                      "Share of each buurt's low-educated residents active at some point in the 52 weeks up to and "
                      "including the tick (NaN where none live); over past_year_by_buurt, the buurt's "
                      "representation of the low educated"},
    SeriesDeclaration{"participation/past_year_by_education_and_migration", "share", &kEducationByMigrationAxis,
                      "Share of each education and migration-background group active at some point in the 52 weeks "
                      "up to and including the tick"},
    SeriesDeclaration{"participation/past_year_by_education_and_age", "share", &kEducationByAgeAxis,
                      "Share of each education and age group active at some point in the 52 weeks up to and "
                      "including the tick"},
    SeriesDeclaration{"representation/ratio_by_group", "ratio", &kGroupAxis,
                      "Group's share among participants over its share in the population (1 = proportional, NaN "
                      "when nobody takes part); over a period, participation/by_group's mean over "
                      "participation/overall's, as analysis compare and experiment summaries read it"},
    SeriesDeclaration{"representation/dissimilarity", "index 0-1", &kDimensionAxis,
                      "Duncan dissimilarity index between participants and population, per dimension; the file "
                      "holds no group sizes to pool it over a period, so readers average it week by week, which "
                      "overstates it when few residents take part in a week"},
    SeriesDeclaration{"representation/education_ratio", "ratio", nullptr,
                      "Participation rate of the high educated over that of the low educated; averaging this "
                      "weekly ratio overstates it when few low-educated residents take part (+10-25 % in a run "
                      "of 900 residents), so analysis compare and experiment summaries read a period's ratio as "
                      "the ratio of its mean participation/by_group rates"},
    SeriesDeclaration{"trust/mean", "index 0-1", nullptr, "Mean trust in local government"},
    SeriesDeclaration{"trust/by_group", "index 0-1", &kGroupAxis, "Mean trust in local government per group"},
    SeriesDeclaration{"trust/by_buurt", "index 0-1", &kBuurtAxis, "Mean trust in local government per buurt"},
    SeriesDeclaration{"trust/past_year_participants", "index 0-1", nullptr,
                      "Mean trust of residents active at some point in the 52 weeks up to and including the tick "
                      "(NaN when there are none)"},
    SeriesDeclaration{"trust/non_participants", "index 0-1", nullptr,
                      "Mean trust of residents not active in the 52 weeks up to and including the tick"},
    SeriesDeclaration{"trust/past_year_participants_by_group", "index 0-1", &kGroupAxis,
                      "Mean trust of each group's residents active in the past 52 weeks (NaN when there are none)"},
    SeriesDeclaration{"trust/non_participants_by_group", "index 0-1", &kGroupAxis,
                      "Mean trust of each group's residents not active in the past 52 weeks"},
    SeriesDeclaration{"trust/past_year_participants_by_buurt", "index 0-1", &kBuurtAxis,
                      "Mean trust of each buurt's residents active in the past 52 weeks (NaN when there are none)"},
    SeriesDeclaration{"trust/non_participants_by_buurt", "index 0-1", &kBuurtAxis,
                      "Mean trust of each buurt's residents not active in the past 52 weeks"},
    SeriesDeclaration{"initiatives/active", "count", nullptr,
                      "Initiatives active at the tick, each counted whole, also those a buurt smaller than a street "
                      "shares with the street outside it (per resident, weigh by tables/initiatives/street_share)"},
    SeriesDeclaration{"initiatives/founded", "count", nullptr,
                      "Initiatives founded since the previous recorded tick, each counted whole (as "
                      "initiatives/active)"},
    SeriesDeclaration{"initiatives/succeeded", "count", nullptr,
                      "Initiatives that reached their goal since the previous recorded tick"},
    SeriesDeclaration{"initiatives/dissolved", "count", nullptr,
                      "Initiatives that ended without success, for any reason, since the previous recorded tick"},
    SeriesDeclaration{"initiatives/success_share", "share", nullptr,
                      "Of the initiatives that ended since the start, the share that reached their goal (NaN before "
                      "any ended)"},
    SeriesDeclaration{"liveability/by_buurt", "index 0-1", &kBuurtAxis,
                      "Liveability per buurt, mean of its three parts"},
    SeriesDeclaration{"liveability/by_part", "index 0-1", &kPartAxis,
                      "Liveability per part, resident-weighted mean over buurten"},
    SeriesDeclaration{"liveability/gini", "index 0-1", nullptr,
                      "Gini coefficient of liveability across buurten, resident-weighted"},
    SeriesDeclaration{"liveability/vulnerability_gap", "index difference", nullptr,
                      "Mean liveability of the least vulnerable fifth of buurten minus the most vulnerable fifth"},
    SeriesDeclaration{"social/loneliness_rate", "share", nullptr, "Share of residents with loneliness above 0.5"},
    SeriesDeclaration{"social/ties_formed", "count", nullptr, "Ties formed by joint activity since the start"},
    SeriesDeclaration{"social/bridging_ties", "count", nullptr,
                      "Of the ties formed by joint activity, those between different education groups, since the "
                      "start"},
    SeriesDeclaration{"cost/by_lever", "euro", &kLeverAxis,
                      "Municipal spending per lever since the previous recorded tick"},
    SeriesDeclaration{"cost/by_buurt", "euro", &kBuurtAxis,
                      "Municipal spending per buurt, all levers, since the previous recorded tick"},
    SeriesDeclaration{"budget/turnout_by_group", "share", &kGroupAxis,
                      "Of each group's residents invited to vote in the residents' budget rounds held since the "
                      "previous recorded tick, the share who voted (NaN when no round was held)"},
    SeriesDeclaration{"issues/salience", "index 0-1", &kIssueAxis, "Mean salience of each issue type over buurten"},
};

// Index into kSeries of the series at `path`. consteval: naming a path that is not declared is a
// compile error where the recorder names it.
consteval std::size_t series_index(std::string_view path) {
  for (std::size_t i = 0; i < kSeries.size(); ++i) {
    if (kSeries[i].path == path) return i;
  }
  throw "no series with this path is declared in kSeries";
}

consteval bool paths_are_unique() {
  for (std::size_t i = 0; i < kSeries.size(); ++i) {
    for (std::size_t j = i + 1; j < kSeries.size(); ++j) {
      if (kSeries[i].path == kSeries[j].path) return false;
    }
  }
  return true;
}
static_assert(paths_are_unique(), "two series in kSeries have the same path");

// A series named by its path, e.g. row("trust/mean", ...): resolved at compile time, so a path
// that kSeries does not declare does not compile.
struct SeriesId {
  std::size_t index;
  template <std::size_t N>
  consteval SeriesId(const char (&path)[N]) : index(series_index(std::string_view(path, N - 1))) {}  // NOLINT: implicit
};

// The labels of `axis` in a run with these buurten.
std::vector<std::string> axis_labels(const Dimension& axis, const std::vector<std::string>& buurt_codes);

// ---- Tables: /tables/<path>/<column> ----

// A column of a table whose rows are `Row` structs: the field that holds it names its type.
template <class Row>
struct ColumnDeclaration {
  std::string_view name;
  std::variant<std::int64_t Row::*, double Row::*, std::string Row::*> field;
  std::string_view description;
  // For a string column holding a fixed vocabulary: its categories in code order, else nullptr.
  std::vector<std::string> (*categories)() = nullptr;
};

template <class Row>
struct TableDeclaration {
  std::string_view path;
  std::string_view description;
  std::span<const ColumnDeclaration<Row>> columns;
  const Dimension& rows;  // what one row is: the dimension every column runs along (required)
};

// The rows as a Table with the declared columns, in declared order.
template <class Row>
Table make_table(const TableDeclaration<Row>& declaration, const std::vector<Row>& rows) {
  Table table;
  table.path = declaration.path;
  table.description = declaration.description;
  table.row_axis = declaration.rows.name;
  for (const ColumnDeclaration<Row>& column : declaration.columns) {
    table.column_names.emplace_back(column.name);
    table.column_descriptions.emplace_back(column.description);
    table.column_categories.push_back(column.categories ? column.categories() : std::vector<std::string>{});
    table.columns.push_back(std::visit(
        [&](auto member) {
          std::vector<std::remove_cvref_t<decltype(rows.front().*member)>> values;
          values.reserve(rows.size());
          for (const Row& row : rows) values.push_back(row.*member);
          return Column(std::move(values));
        },
        column.field));
  }
  return table;
}

// One row per buurt, in the order of every buurt axis.
struct BuurtRow {
  std::string code, name, wijk, type;
  std::int64_t residents = 0;
  double vulnerability = 0, liveability_start = 0;
  std::string gemeente;
  std::int64_t low_educated = 0;
};
// One row per collective decision.
struct DecisionRow {
  std::int64_t replicate = 0, tick = 0, buurt = 0;
  std::string kind;
  std::int64_t participants = 0;
  double representativeness = 0, judged_representativeness = 0;
  std::int64_t input_used = 0;
};
// One row per initiative founded.
struct InitiativeRow {
  std::int64_t replicate = 0, buurt = 0, founded_tick = 0, ended_tick = 0;
  std::string issue, outcome;
  std::int64_t peak_members = 0;
  std::string response;
  double street_share = 1;
};
// One row per residents' budget vote.
struct BudgetVoteRow {
  std::int64_t replicate = 0, tick = 0, buurt = 0, proposals = 0, eligible = 0, voted = 0;
  std::string choice;
  std::int64_t choice_votes = 0;
};
// One row of summary figures per replicate.
struct ReplicateRow {
  std::int64_t replicate = 0;
  double matthew_index = 0;
  double top_tenth_share = 0, active_weeks_per_active = 0;
};
// Per replicate, the municipality's answer and how the initiatives given it ended: one row per
// answer (or none) and ending, zeros included.
struct InitiativeFateRow {
  std::int64_t replicate = 0;
  std::string response, outcome;
  std::int64_t initiatives = 0;
};
// One row per buurt and category of each composition field (replicate 0's synthesis).
// The buurt as its row in the buurten table, so that a file with thousands of buurten does not
// repeat each code seventeen times.
struct FitRow {
  std::int64_t buurt = 0;
  std::string marginal, category;
  double target = 0, achieved = 0, abs_error = 0;
  std::string source;
};

inline constexpr ColumnDeclaration<BuurtRow> kBuurtenColumns[]{
    {"code", &BuurtRow::code, "Buurt code"},
    {"name", &BuurtRow::name, "Buurt name"},
    {"wijk", &BuurtRow::wijk, "Wijk the buurt belongs to"},
    {"type", &BuurtRow::type, "Archetype, or cbs for buurten read from data"},
    {"residents", &BuurtRow::residents, "Residents aged 15 and over simulated"},
    {"vulnerability", &BuurtRow::vulnerability, "Vulnerability, 0 vital to 1 most vulnerable"},
    {"liveability_start", &BuurtRow::liveability_start, "Starting liveability, mean of the three parts"},
    {"gemeente", &BuurtRow::gemeente,
     "CBS code of the gemeente (GM....), what maps per gemeente join on; empty for archetype buurten"},
    {"low_educated", &BuurtRow::low_educated,
     "Simulated residents with low education (the same in every replicate: synthesis fits the counts exactly)"},
};
inline constexpr TableDeclaration<BuurtRow> kBuurtenTable{
    "buurten", "The buurten simulated, in the order of the by_buurt columns", kBuurtenColumns, kBuurtAxis};

inline constexpr ColumnDeclaration<DecisionRow> kDecisionsColumns[]{
    {"replicate", &DecisionRow::replicate, "Replicate"},
    {"tick", &DecisionRow::tick, "Tick of the decision"},
    {"buurt", &DecisionRow::buurt, "Index into the buurten table"},
    {"kind", &DecisionRow::kind,
     "Ladder rung of a government process (inform, consult, advise, co_produce, co_decide), or "
     "residents_budget for a round in which the active residents spent the buurt's budget",
     decision_kind_labels},
    {"participants", &DecisionRow::participants, "Residents whose voice went into the decision"},
    {"representativeness", &DecisionRow::representativeness,
     "1 minus the education dissimilarity between participants and the buurt"},
    {"judged_representativeness", &DecisionRow::judged_representativeness,
     "The same for the mix the decision drew (per education level, every resident's chance of taking part), "
     "which the legitimacy rule judges (ODD 7.3): below 1 - legitimacy.tolerated_dissimilarity the groups it "
     "under-represents lose trust; 0 for a decision nobody took part in"},
    {"input_used", &DecisionRow::input_used, "1 if the participants' input was used, 0 if it was neutralised"},
};
inline constexpr TableDeclaration<DecisionRow> kDecisionsTable{
    "decisions", "Collective decisions: closed government processes and residents' budget rounds",
    kDecisionsColumns, kDecisionAxis};

inline constexpr ColumnDeclaration<InitiativeRow> kInitiativesColumns[]{
    {"replicate", &InitiativeRow::replicate, "Replicate"},
    {"buurt", &InitiativeRow::buurt, "Index into the buurten table"},
    {"founded_tick", &InitiativeRow::founded_tick, "Tick it was founded"},
    {"ended_tick", &InitiativeRow::ended_tick, "Tick it ended, -1 if still active at the horizon"},
    {"issue", &InitiativeRow::issue, "Issue type it was founded around", issue_labels},
    {"outcome", &InitiativeRow::outcome,
     "succeeded, dissolved, obstructed, refused_conditions, crowded_out (dissolved while professionals competed) or "
     "active",
     initiative_outcome_labels},
    {"peak_members", &InitiativeRow::peak_members,
     "Largest number of members at once, of the buurt's residents (not counting neighbours from the street outside "
     "a buurt smaller than a street, ODD 7.4)"},
    {"response", &InitiativeRow::response, "The municipality's answer to its request for support (support, conditional_subsidy, ignore, "
     "obstruct or compete), none if it made no request", response_labels},
    {"street_share", &InitiativeRow::street_share,
     "The buurt's share of the initiative: 1, or in a buurt smaller than a street (fewer residents than "
     "initiatives.reach) its residents / reach, the rest of the street lying outside it (ODD 7.4); the sum over "
     "rows, not their number, counts initiatives per resident"},
};
inline constexpr TableDeclaration<InitiativeRow> kInitiativesTable{
    "initiatives", "Every initiative founded, with how it ended", kInitiativesColumns, kInitiativeAxis};

inline constexpr ColumnDeclaration<BudgetVoteRow> kBudgetVotesColumns[]{
    {"replicate", &BudgetVoteRow::replicate, "Replicate"},
    {"tick", &BudgetVoteRow::tick, "Tick of the vote"},
    {"buurt", &BudgetVoteRow::buurt, "Index into the buurten table"},
    {"proposals", &BudgetVoteRow::proposals,
     "Proposals voted on: one on the most salient issue and one per issue an initiative of the buurt works on"},
    {"eligible", &BudgetVoteRow::eligible, "Residents (15+) invited to vote"},
    {"voted", &BudgetVoteRow::voted, "Residents who voted"},
    {"choice", &BudgetVoteRow::choice, "Issue type of the winning proposal, none when nobody voted (the pot waits)",
     budget_choice_labels},
    {"choice_votes", &BudgetVoteRow::choice_votes, "Votes for the winning proposal"},
};
inline constexpr TableDeclaration<BudgetVoteRow> kBudgetVotesTable{
    "budget_votes", "Residents' budget votes: who could vote, who did and which proposal won (turnout by group in "
    "/timeseries/budget/turnout_by_group)",
    kBudgetVotesColumns, kBudgetVoteAxis};

inline constexpr ColumnDeclaration<ReplicateRow> kReplicatesColumns[]{
    {"replicate", &ReplicateRow::replicate, "Replicate"},
    {"matthew_index", &ReplicateRow::matthew_index,
     "Correlation across buurten between starting liveability and its change over the run (positive: "
     "the better-off gained most, a Matthew effect; negative: convergence)"},
    {"top_tenth_share", &ReplicateRow::top_tenth_share,
     "Share of the final 52 weeks' active person-weeks carried by the most active tenth of residents (the "
     "civic core; NaN when nobody was active)"},
    {"active_weeks_per_active", &ReplicateRow::active_weeks_per_active,
     "Weeks active in the final 52 weeks per resident active in them (NaN when nobody was active)"},
};
inline constexpr TableDeclaration<ReplicateRow> kReplicatesTable{"replicates", "Summary figures per replicate",
                                                                 kReplicatesColumns, kReplicateAxis};

inline constexpr ColumnDeclaration<InitiativeFateRow> kInitiativeFatesColumns[]{
    {"replicate", &InitiativeFateRow::replicate, "Replicate"},
    {"response", &InitiativeFateRow::response,
     "The municipality's answer (support, conditional_subsidy, ignore, obstruct), or none for initiatives that "
     "ended before they asked",
     response_labels},
    {"outcome", &InitiativeFateRow::outcome, "How they ended: succeeded, dissolved, obstructed or refused_conditions",
     initiative_outcome_labels},
    {"initiatives", &InitiativeFateRow::initiatives, "Initiatives given that answer that ended so, by the horizon"},
};
inline constexpr TableDeclaration<InitiativeFateRow> kInitiativeFatesTable{
    "initiative_fates", "Initiatives ended by cause, per answer the municipality gave them", kInitiativeFatesColumns,
    kInitiativeFateAxis};

inline constexpr ColumnDeclaration<FitRow> kFitColumns[]{
    {"buurt", &FitRow::buurt, "Index into the buurten table"},
    {"marginal", &FitRow::marginal, "the composition field"},
    {"category", &FitRow::category, "the category of that field"},
    {"target", &FitRow::target, "target share (household_size: mean residents 15+ per household)"},
    {"achieved", &FitRow::achieved, "achieved share in the synthesised population (household_size: mean)"},
    {"abs_error", &FitRow::abs_error, "absolute difference between target and achieved"},
    {"source", &FitRow::source,
     "where the target came from: own row, same code in <file>, wijk row, gemeente row, gemeente in <file>, "
     "model default, assumed rates by age, or scenario (docs/data.md)"},
};
inline constexpr TableDeclaration<FitRow> kFitTable{
    "fit", "per buurt and category, the composition target against the share the synthesised population achieved",
    kFitColumns, kFitRowAxis};

// A table's declaration without its row type, for the docs: column names, types and meanings.
struct TableSummary {
  std::string_view path, description;
  const Dimension* rows;
  struct ColumnSummary {
    std::string_view name, type, description;
    std::vector<std::string> categories;  // empty unless the column is an enum of a fixed vocabulary
  };
  std::vector<ColumnSummary> columns;
};
// Every table, in the order they are written.
std::vector<TableSummary> table_summaries();

// Every named dimension of a result file, each once: replicate, tick, the column axes of the
// series and the row axes of the tables. Each has a dimension scale at /<name>.
std::vector<const Dimension*> all_dimensions();
// The declared dimension called `name`, or nullptr.
const Dimension* dimension_named(std::string_view name);

}  // namespace wijksim
