// Parsing KWB tables: CSV field splitting (';', ',' or tab, as the header shows), the OData JSON
// shapes, region codes and levels, and number cells with CBS's symbols and negative codes.
// Every rejection is a DataError naming file, row and column.
#include "sim/data/cbs_table.hpp"

#include "sim/data/kwb_derived.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>
#include <string_view>

#include <nlohmann/json.hpp>

#include "sim/core/input_file.hpp"

namespace wijksim {
namespace {

constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kRegionKey = "WijkenEnBuurten";
constexpr std::string_view kCodeKey = "Codering_3";
constexpr std::string_view kKindKey = "SoortRegio_2";
constexpr std::string_view kMunicipalityNameKey = "Gemeentenaam_1";
// Files outside StatLine (the 2014 buurt map) write suppressed or unavailable figures as
// -99999997, -99999998 and the like.
constexpr double kLargestSuppressionCode = -99999990;

std::string_view trim(std::string_view text) {
  const auto is_blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && is_blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_blank(text.back())) text.remove_suffix(1);
  return text;
}

std::string lower(std::string_view text) {
  std::string result(text);
  for (char& c : result) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return result;
}

std::string read_text(const std::string& path) {
  InputFile input = read_input_file(path, kMaxDataFileBytes);
  if (!input.problem.empty()) throw DataError({path, 0, "", ""}, input.problem);
  std::string text = std::move(input.text);
  if (std::string_view(text).substr(0, kUtf8Bom.size()) == kUtf8Bom) text.erase(0, kUtf8Bom.size());
  return text;
}

// A cell as CBS writes it: a number, or one of its symbols. '.' (not available), 'x' (secret)
// and the negative codes are missing; '-' (nil) is zero. A decimal comma is accepted for Dutch
// exports of ';'-separated files.
double parse_number(std::string_view cell, const DataLocation& where) {
  cell = trim(cell);
  if (cell.empty() || cell == "." || cell == "x" || cell == "X") return kMissing;
  if (cell == "-") return 0.0;
  std::string normalised(cell);
  std::replace(normalised.begin(), normalised.end(), ',', '.');
  double value = 0.0;
  const char* end = normalised.data() + normalised.size();
  const auto [stop, error] = std::from_chars(normalised.data(), end, value);
  if (error != std::errc() || stop != end || !std::isfinite(value)) {
    throw DataError(where, "expected a number or '.', found '" + std::string(cell) + "'");
  }
  return value <= kLargestSuppressionCode ? kMissing : value;
}

void check_range(const KwbLayout& layout, KwbQuantity quantity, double value, const DataLocation& where) {
  if (std::isnan(value)) return;
  const std::string found = ", found " + std::to_string(value);
  const bool percent = layout.percent_of[static_cast<std::size_t>(quantity)] != PercentOf::none;
  switch (percent ? KwbUnit::percent : kwb_quantity_unit(quantity)) {
    case KwbUnit::count:
      if (value < 0) throw DataError(where, "expected a count of at least 0" + found);
      break;
    case KwbUnit::percent:
      if (value < 0 || value > 100) throw DataError(where, "expected a percentage 0..100" + found);
      break;
  }
}

// Region codes: GM and 4 digits (the gemeente number), then for a wijk 2 more characters and
// for a buurt 4 more; those may be letters (Amsterdam's 2024 wijken are WK0363AA and so on).
bool is_region_code_body(std::string_view body, std::size_t length) {
  const auto is_digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
  const auto is_alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  return body.size() == length && std::all_of(body.begin(), body.begin() + 4, is_digit) &&
         std::all_of(body.begin() + 4, body.end(), is_alnum);
}

// Land-level rows ("NL01", Nederland) are totals the model does not use.
bool is_country_code(std::string_view code) { return code.substr(0, 2) == "NL"; }

RegionLevel level_of_code(const std::string& code, const DataLocation& where) {
  const std::string_view prefix = std::string_view(code).substr(0, 2);
  const std::string_view body = std::string_view(code).substr(std::min<std::size_t>(2, code.size()));
  const auto expect = [&](RegionLevel level, std::size_t length, std::string_view pattern) {
    if (!is_region_code_body(body, length)) {
      throw DataError(where, "expected a " + std::string(region_level_name(level)) + " code of the form " +
                                 std::string(pattern) + " (g a digit), found '" + code + "'");
    }
    return level;
  };
  if (prefix == "GM") return expect(RegionLevel::gemeente, 4, "GMgggg");
  if (prefix == "WK") return expect(RegionLevel::wijk, 6, "WKggggww");
  if (prefix == "BU") return expect(RegionLevel::buurt, 8, "BUggggwwbb");
  throw DataError(where, "expected a region code starting with GM, WK or BU, found '" + code + "'");
}

void check_kind(std::string_view kind, RegionLevel level, const DataLocation& where) {
  const std::string stated = lower(trim(kind));
  if (stated.empty()) return;
  if (stated != region_level_name(level)) {
    throw DataError(where, "the region code says " + std::string(region_level_name(level)) +
                               " but the column says '" + std::string(trim(kind)) + "'");
  }
}

void add_region(KwbTable& table, KwbRegion region, const DataLocation& where) {
  const auto [it, inserted] = table.index_by_code.emplace(region.code, table.regions.size());
  if (!inserted) {
    const std::size_t first_line = table.regions[it->second].line;
    throw DataError(where, "region " + region.code + " appears twice" +
                               (first_line > 0 ? " (first on row " + std::to_string(first_line) + ")" : ""));
  }
  table.regions.push_back(std::move(region));
}

void set_layout(KwbTable& table, const std::vector<std::string>& keys) {
  table.layout = &detect_kwb_layout(keys, table.file);
  for (std::size_t q = 0; q < kKwbQuantityCount; ++q) {
    const std::string_view key = table.layout->columns[q];
    table.has_column[q] = !key.empty() && std::find(keys.begin(), keys.end(), key) != keys.end();
  }
}

// ---- CSV -------------------------------------------------------------------------------

// The field separator of a CSV file, from its header: a tab, else ';', else ','.
char separator_of(std::string_view header) {
  if (header.find('\t') != std::string_view::npos) return '\t';
  return header.find(';') != std::string_view::npos ? ';' : ',';
}

// Splits one CSV line on `separator`. A field may be quoted ("" inside quotes is a quote) and
// padded with spaces inside or outside the quotes; the padding is removed.
std::vector<std::string> split_csv_line(std::string_view line, char separator, const DataLocation& where) {
  std::vector<std::string> fields;
  std::size_t pos = 0;
  while (true) {
    std::string field;
    while (pos < line.size() && line[pos] == ' ') ++pos;
    if (pos < line.size() && line[pos] == '"') {
      ++pos;
      bool closed = false;
      while (pos < line.size()) {
        if (line[pos] == '"') {
          if (pos + 1 < line.size() && line[pos + 1] == '"') {
            field += '"';
            pos += 2;
            continue;
          }
          closed = true;
          ++pos;
          break;
        }
        field += line[pos++];
      }
      if (!closed) {
        throw DataError({where.file, where.line, "", "field " + std::to_string(fields.size() + 1)},
                        "a quoted field is not closed");
      }
      while (pos < line.size() && line[pos] != separator) {
        if (line[pos] != ' ' && line[pos] != '\r') {
          throw DataError({where.file, where.line, "", "field " + std::to_string(fields.size() + 1)},
                          "expected '" + std::string(1, separator) + "' after a quoted field, found '" +
                              std::string(1, line[pos]) + "'");
        }
        ++pos;
      }
    } else {
      const std::size_t end = std::min(line.find(separator, pos), line.size());
      field = line.substr(pos, end - pos);
      pos = end;
    }
    fields.emplace_back(trim(field));
    if (pos >= line.size()) break;
    ++pos;  // the separator
  }
  return fields;
}

struct CsvColumns {
  char separator = ';';
  std::vector<std::string> keys;
  std::ptrdiff_t code = -1;
  std::ptrdiff_t kind = -1;
  std::ptrdiff_t municipality_name = -1;
  std::array<std::ptrdiff_t, kKwbQuantityCount> quantity{};
};

std::ptrdiff_t index_of(const std::vector<std::string>& keys, std::string_view key) {
  const auto it = std::find(keys.begin(), keys.end(), key);
  return it == keys.end() ? -1 : it - keys.begin();
}

CsvColumns read_header(KwbTable& table, std::string_view line) {
  CsvColumns columns;
  columns.separator = separator_of(line);
  columns.keys = split_csv_line(line, columns.separator, {table.file, 1, "", ""});
  std::set<std::string> seen;
  for (const std::string& key : columns.keys) {
    if (!key.empty() && !seen.insert(key).second)
      throw DataError({table.file, 1, "", key}, "the header names this column twice; which one holds the data?");
  }
  set_layout(table, columns.keys);
  for (std::string_view key : {table.layout->code_key, kCodeKey, kRegionKey}) {
    if (columns.code < 0 && !key.empty()) columns.code = index_of(columns.keys, key);
  }
  if (columns.code < 0) {
    throw DataError({table.file, 1, "", ""},
                    "expected a column " +
                        (table.layout->code_key.empty() ? std::string(kRegionKey) + " or " + std::string(kCodeKey)
                                                        : std::string(table.layout->code_key)) +
                        " with region codes");
  }
  columns.kind = index_of(columns.keys, table.layout->level_key.empty() ? kKindKey : table.layout->level_key);
  columns.municipality_name = index_of(columns.keys, kMunicipalityNameKey);
  for (std::size_t q = 0; q < kKwbQuantityCount; ++q) {
    columns.quantity[q] = table.has_column[q] ? index_of(columns.keys, table.layout->columns[q]) : -1;
  }
  return columns;
}

void read_csv_row(KwbTable& table, const CsvColumns& columns, std::string_view line, std::size_t line_number) {
  DataLocation where{table.file, line_number, "", ""};
  const std::vector<std::string> fields = split_csv_line(line, columns.separator, where);
  if (fields.size() != columns.keys.size()) {
    throw DataError(where, "expected " + std::to_string(columns.keys.size()) + " fields like the header, found " +
                               std::to_string(fields.size()));
  }
  KwbRegion region;
  region.code = fields[columns.code];
  region.line = line_number;
  if (is_country_code(region.code)) return;
  where.column = columns.keys[columns.code];
  region.level = level_of_code(region.code, where);
  where.region = region.code;
  if (columns.kind >= 0) {
    where.column = columns.keys[columns.kind];
    check_kind(fields[columns.kind], region.level, where);
  }
  if (columns.municipality_name >= 0) region.municipality_name = fields[columns.municipality_name];
  region.values.fill(kMissing);
  for (std::size_t q = 0; q < kKwbQuantityCount; ++q) {
    if (columns.quantity[q] < 0) continue;
    where.column = columns.keys[columns.quantity[q]];
    region.values[q] = parse_number(fields[columns.quantity[q]], where);
    check_range(*table.layout, static_cast<KwbQuantity>(q), region.values[q], where);
  }
  where.column.clear();
  add_region(table, std::move(region), where);
}

// ---- JSON ------------------------------------------------------------------------------

std::string json_text(const nlohmann::json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

double json_number(const nlohmann::json& value, const DataLocation& where) {
  if (value.is_null()) return kMissing;
  if (value.is_number()) return value.get<double>();
  if (value.is_string()) return parse_number(value.get<std::string>(), where);
  throw DataError(where, "expected a number, null or '.', found " + value.dump());
}

void read_json_row(KwbTable& table, const nlohmann::json& row, std::string code_from_key) {
  DataLocation where{table.file, 0, code_from_key, ""};
  if (!row.is_object()) throw DataError(where, "expected an object per region, found " + row.dump().substr(0, 40));
  std::string code = std::move(code_from_key);
  for (std::string_view key : {kCodeKey, kRegionKey}) {
    if (code.empty() && row.contains(key)) code = std::string(trim(json_text(row.at(std::string(key)))));
  }
  if (code.empty()) throw DataError(where, "the row has no region code (" + std::string(kRegionKey) + ")");
  if (is_country_code(code)) return;
  KwbRegion region;
  region.code = code;
  where.region = code;
  region.level = level_of_code(code, where);
  if (row.contains(kKindKey) && row.at(std::string(kKindKey)).is_string()) {
    where.column = kKindKey;
    check_kind(row.at(std::string(kKindKey)).get<std::string>(), region.level, where);
  }
  if (row.contains(kMunicipalityNameKey) && row.at(std::string(kMunicipalityNameKey)).is_string()) {
    region.municipality_name = std::string(trim(row.at(std::string(kMunicipalityNameKey)).get<std::string>()));
  }
  region.values.fill(kMissing);
  for (std::size_t q = 0; q < kKwbQuantityCount; ++q) {
    if (!table.has_column[q]) continue;
    const std::string key(table.layout->columns[q]);
    const auto it = row.find(key);
    if (it == row.end()) continue;
    where.column = key;
    region.values[q] = json_number(*it, where);
    check_range(*table.layout, static_cast<KwbQuantity>(q), region.values[q], where);
  }
  where.column.clear();
  add_region(table, std::move(region), where);
}

std::vector<std::string> union_of_keys(const std::vector<const nlohmann::json*>& rows) {
  std::set<std::string> keys;
  for (const nlohmann::json* row : rows) {
    if (!row->is_object()) continue;
    for (const auto& item : row->items()) keys.insert(item.key());
  }
  return {keys.begin(), keys.end()};
}

}  // namespace

const KwbRegion* KwbTable::find(const std::string& code) const {
  const auto it = index_by_code.find(code);
  return it == index_by_code.end() ? nullptr : &regions[it->second];
}

std::string_view region_level_name(RegionLevel level) {
  switch (level) {
    case RegionLevel::gemeente: return "gemeente";
    case RegionLevel::wijk: return "wijk";
    case RegionLevel::buurt: return "buurt";
  }
  return "";
}

std::string_view region_level_plural(RegionLevel level) {
  switch (level) {
    case RegionLevel::gemeente: return "gemeenten";
    case RegionLevel::wijk: return "wijken";
    case RegionLevel::buurt: return "buurten";
  }
  return "";
}

std::string parent_wijk_code(const std::string& code) {
  return code.size() == 10 && code.starts_with("BU") ? "WK" + code.substr(2, 6) : "";
}

std::string parent_gemeente_code(const std::string& code) {
  if (code.size() >= 8 && (code.starts_with("BU") || code.starts_with("WK"))) return "GM" + code.substr(2, 4);
  return "";
}

KwbTable parse_kwb_csv(const std::string& text, const std::string& file) {
  KwbTable table;
  table.file = file;
  std::string_view rest = text;
  if (rest.substr(0, kUtf8Bom.size()) == kUtf8Bom) rest.remove_prefix(kUtf8Bom.size());
  CsvColumns columns;
  bool header_read = false;
  std::size_t line_number = 0;
  while (!rest.empty()) {
    const std::size_t end = std::min(rest.find('\n'), rest.size());
    const std::string_view line = rest.substr(0, end);
    rest.remove_prefix(std::min(end + 1, rest.size()));
    ++line_number;
    if (trim(line).empty()) continue;
    if (!header_read) {
      if (line_number != 1) throw DataError({file, line_number, "", ""}, "expected the header on the first line");
      columns = read_header(table, line);
      header_read = true;
    } else {
      read_csv_row(table, columns, line, line_number);
    }
  }
  if (!header_read) throw DataError({file, 0, "", ""}, "the file is empty");
  if (table.regions.empty()) throw DataError({file, 0, "", ""}, "the file has a header but no regions");
  derive_quantities(table);
  return table;
}

KwbTable parse_kwb_json(const std::string& text, const std::string& file) {
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& error) {  // malformed, or a number beyond a double
    throw DataError({file, 0, "", ""}, std::string("not valid JSON: ") + error.what());
  }
  // Rows with the code given by the key (dictionary form) or inside the row (OData form).
  std::vector<std::pair<std::string, const nlohmann::json*>> rows;
  const nlohmann::json* list = nullptr;
  if (document.is_array()) list = &document;
  if (document.is_object() && document.contains("value") && document.at("value").is_array()) list = &document.at("value");
  if (list != nullptr) {
    for (const nlohmann::json& row : *list) rows.emplace_back("", &row);
  } else if (document.is_object()) {
    for (const auto& item : document.items()) rows.emplace_back(item.key(), &item.value());
  } else {
    throw DataError({file, 0, "", ""}, "expected a JSON object or array of regions");
  }
  std::vector<const nlohmann::json*> row_values;
  row_values.reserve(rows.size());
  for (const auto& row : rows) row_values.push_back(row.second);

  KwbTable table;
  table.file = file;
  set_layout(table, union_of_keys(row_values));
  for (const auto& [code, row] : rows) read_json_row(table, *row, code);
  if (table.regions.empty()) throw DataError({file, 0, "", ""}, "the file holds no regions");
  derive_quantities(table);
  return table;
}

std::string read_cbs_text(const std::string& path) { return read_text(path); }

std::vector<std::string> split_cbs_csv_line(std::string_view line, char separator, const DataLocation& where) {
  return split_csv_line(line, separator, where);
}

double parse_cbs_number(std::string_view cell, const DataLocation& where) { return parse_number(cell, where); }

KwbTable read_kwb_table(const std::string& path) {
  const std::string text = read_text(path);
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && (text[first] == '{' || text[first] == '[')) return parse_kwb_json(text, path);
  return parse_kwb_csv(text, path);
}

}  // namespace wijksim
