#pragma once
// Reading a CBS "Kerncijfers wijken en buurten" table into regions (gemeente, wijk, buurt) with
// the model's quantities. Two formats: the CSV download (';'-separated, quoted and space-padded
// fields, optional UTF-8 BOM, '.' for missing or suppressed) and the OData JSON export (a
// {"value": [...]} response, an array of rows, or an object keyed by region code).
#include <array>
#include <cmath>
#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

#include "sim/data/data_error.hpp"
#include "sim/data/kwb_layout.hpp"

namespace wijksim {

enum class RegionLevel { gemeente, wijk, buurt };

struct KwbRegion {
  std::string code;  // GMgggg, WKggggww or BUggggwwbb
  RegionLevel level = RegionLevel::buurt;
  std::string municipality_name;  // Gemeentenaam_1 when the file has it
  std::size_t line = 0;           // CSV line; 0 for JSON
  std::array<double, kKwbQuantityCount> values;  // NaN: missing or suppressed

  double value(KwbQuantity quantity) const { return values[static_cast<std::size_t>(quantity)]; }
  bool has(KwbQuantity quantity) const { return !std::isnan(value(quantity)); }
};

struct KwbTable {
  std::string file;
  const KwbLayout* layout = nullptr;
  std::array<bool, kKwbQuantityCount> has_column{};  // whether the file has the column at all
  std::vector<KwbRegion> regions;                    // in file order
  std::unordered_map<std::string, std::size_t> index_by_code;

  bool has(KwbQuantity quantity) const { return has_column[static_cast<std::size_t>(quantity)]; }
  const KwbRegion* find(const std::string& code) const;
};

// Reads `path`; JSON when its first non-blank character is '{' or '[', CSV otherwise.
// Throws DataError naming the file, row and column on anything unexpected.
KwbTable read_kwb_table(const std::string& path);
KwbTable parse_kwb_csv(const std::string& text, const std::string& file);
KwbTable parse_kwb_json(const std::string& text, const std::string& file);

// The pieces of the CSV reading, for other CBS files (the national joint table): the file's
// text without a BOM; one line split on `separator` (quotes and padding removed); one cell as a
// number, NaN for CBS's symbols of missing figures.
std::string read_cbs_text(const std::string& path);
std::vector<std::string> split_cbs_csv_line(std::string_view line, char separator, const DataLocation& where);
double parse_cbs_number(std::string_view cell, const DataLocation& where);

// The code of the wijk or gemeente that contains a region ("" above the gemeente).
std::string parent_wijk_code(const std::string& code);
std::string parent_gemeente_code(const std::string& code);
std::string_view region_level_name(RegionLevel level);
std::string_view region_level_plural(RegionLevel level);  // gemeenten, wijken, buurten

}  // namespace wijksim
