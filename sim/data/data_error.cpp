// Formats a DataError as "file (named at json.path), row N (region X), column Y: problem".
#include "sim/data/data_error.hpp"

#include "sim/core/input_file.hpp"

namespace wijksim {
namespace {

std::string format_message(const DataLocation& where, const std::string& problem, const std::string& json_path) {
  std::string message = where.file;
  if (!json_path.empty()) message += " (named at " + json_path + ")";
  if (where.line > 0) message += ", row " + std::to_string(where.line);
  if (!where.region.empty()) {
    message += where.line > 0 ? " (" + where.region + ")" : ", region " + where.region;
  }
  if (!where.column.empty()) message += ", column " + where.column;
  return message + ": " + problem;
}

}  // namespace

DataError::DataError(DataLocation location, const std::string& problem, std::string json_path)
    : std::runtime_error(printable(format_message(location, problem, json_path))),
      location_(std::move(location)),
      problem_(problem),
      json_path_(std::move(json_path)) {}

}  // namespace wijksim
