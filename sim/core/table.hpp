#pragma once
// A result table before it is written: named, described columns of equal length. Shared by the
// stages that produce tables (population synthesis, the model's records, metrics) and the io
// stage that writes and reads them.
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace wijksim {

using Column = std::variant<std::vector<std::int64_t>, std::vector<double>, std::vector<std::string>>;

// Rows of events (decisions, ended initiatives) or a per-entity table (buurten).
struct Table {
  std::string path;  // HDF5 group path below /tables, e.g. "decisions"
  std::string description;
  std::vector<std::string> column_names;
  std::vector<std::string> column_descriptions;
  std::vector<Column> columns;
  // The dimension the rows run along ("buurt", "replicate", "decision", ...), whose scale the
  // writer attaches to every column; "" for none.
  std::string row_axis;
  // Per column: the categories a string column may take, in code order (stored as an HDF5 enum),
  // or empty when the column's values are not a declared vocabulary.
  std::vector<std::vector<std::string>> column_categories;

  // Columns are meant to be equally long; the writer checks that, so the first one decides.
  std::size_t rows() const {
    if (columns.empty()) return 0;
    return std::visit([](const auto& values) { return values.size(); }, columns.front());
  }
};

}  // namespace wijksim
