// The labels of 82275NED mapped onto the model's categories: ten-year age bands into 15-24,
// 25-44, 45-64 and 65+; "Nederlandse", "Westerse" and "Niet-westerse" background; education
// levels 1, 2, 3. Totals over ages (15+, 15-75) are skipped, the sexes summed.
#include "sim/data/cbs_joint_table.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>
#include <utility>

#include "sim/data/cbs_table.hpp"

namespace wijksim {
namespace {

constexpr int kTotal = -1;  // a total over age groups, not a band of its own

constexpr std::array<std::pair<std::string_view, int>, 9> kAgeBands{{{"15 jaar of ouder", kTotal},
                                                                    {"15 tot 75 jaar", kTotal},
                                                                    {"15 tot 25 jaar", 0},
                                                                    {"25 tot 35 jaar", 1},
                                                                    {"35 tot 45 jaar", 1},
                                                                    {"45 tot 55 jaar", 2},
                                                                    {"55 tot 65 jaar", 2},
                                                                    {"65 tot 75 jaar", 3},
                                                                    {"75 jaar of ouder", 3}}};
constexpr std::array<std::pair<std::string_view, int>, 3> kBackgrounds{
    {{"Nederlandse achtergrond", 0}, {"Westerse migratieachtergrond", 1}, {"Niet-westerse migratieachtergrond", 2}}};
constexpr std::array<std::pair<std::string_view, int>, 3> kEducationLevels{
    {{"1 Laag onderwijsniveau", 0}, {"2 Middelbaar onderwijsniveau", 1}, {"3 Hoog onderwijsniveau", 2}}};

// The columns by their header labels (CBS pads some with a space).
struct Columns {
  std::ptrdiff_t age = -1, background = -1, education = -1, count = -1;
};

template <std::size_t N>
int category(const std::array<std::pair<std::string_view, int>, N>& labels, const std::string& label,
             const DataLocation& where) {
  for (const auto& [text, index] : labels) {
    if (text == label) return index;
  }
  std::string expected;
  for (const auto& [text, index] : labels) expected += (expected.empty() ? "'" : ", '") + std::string(text) + "'";
  throw DataError(where, "expected one of " + expected + ", found '" + label + "'");
}

Columns find_columns(const std::vector<std::string>& header, const std::string& file) {
  Columns columns;
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string& key = header[i];
    const auto at = static_cast<std::ptrdiff_t>(i);
    if (key == "Leeftijd") columns.age = at;
    if (key.starts_with("Migratieachtergrond")) columns.background = at;
    if (key.starts_with("Hoogst behaald onderwijsniveau")) columns.education = at;
    if (key.starts_with("Bevolking")) columns.count = at;
  }
  if (columns.age < 0 || columns.background < 0 || columns.education < 0 || columns.count < 0) {
    throw DataError({file, 1, "", ""},
                    "expected the columns Leeftijd, Migratieachtergrond, Hoogst behaald onderwijsniveau and "
                    "Bevolking (x 1000) of CBS table 82275NED");
  }
  return columns;
}

}  // namespace

std::vector<double> parse_cbs_joint_table(const std::string& text, const std::string& file) {
  std::vector<double> cells(kJointTableCells, 0.0);
  std::vector<bool> given(kJointTableCells, false);
  Columns columns;
  std::size_t line_number = 0;
  std::string_view rest = text;
  while (!rest.empty()) {
    const std::size_t end = std::min(rest.find('\n'), rest.size());
    const std::string_view line = rest.substr(0, end);
    rest.remove_prefix(std::min(end + 1, rest.size()));
    ++line_number;
    if (line.find_first_not_of(" \r\t") == std::string_view::npos) continue;
    DataLocation where{file, line_number, "", ""};
    const std::vector<std::string> fields = split_cbs_csv_line(line, ';', where);
    if (line_number == 1) {
      columns = find_columns(fields, file);
      continue;
    }
    const auto field = [&](std::ptrdiff_t column) -> const std::string& {
      if (static_cast<std::size_t>(column) >= fields.size()) throw DataError(where, "the row has too few fields");
      return fields[static_cast<std::size_t>(column)];
    };
    where.column = "Leeftijd";
    const int age = category(kAgeBands, field(columns.age), where);
    if (age == kTotal) continue;
    where.column = "Migratieachtergrond";
    const int background = category(kBackgrounds, field(columns.background), where);
    where.column = "Hoogst behaald onderwijsniveau";
    const int education = category(kEducationLevels, field(columns.education), where);
    where.column = "Bevolking (x 1000)";
    const double count = parse_cbs_number(field(columns.count), where);
    if (std::isnan(count) || count < 0) throw DataError(where, "expected a count of at least 0, found '" + field(columns.count) + "'");
    const auto cell = static_cast<std::size_t>((age * 3 + education) * 3 + background);
    cells[cell] += count;
    given[cell] = true;
  }
  if (line_number == 0) throw DataError({file, 0, "", ""}, "the file is empty");
  const auto missing = std::find(given.begin(), given.end(), false);
  if (missing != given.end()) {
    const auto cell = static_cast<std::size_t>(missing - given.begin());
    constexpr std::array<std::string_view, 4> kAgeGroupNames{"15-24", "25-44", "45-64", "65+"};
    throw DataError({file, 0, "", ""},
                    "expected a count for every age band, migration background and education level; none for ages " +
                        std::string(kAgeGroupNames[cell / 9]) + ", '" + std::string(kEducationLevels[cell / 3 % 3].first) +
                        "', '" + std::string(kBackgrounds[cell % 3].first) + "'");
  }
  return cells;
}

std::vector<double> read_cbs_joint_table(const std::string& path) {
  return parse_cbs_joint_table(read_cbs_text(path), path);
}

}  // namespace wijksim
