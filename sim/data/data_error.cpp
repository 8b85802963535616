// Formats a DataError as "file, row N (region X), column Y: problem".
#include "sim/data/data_error.hpp"

namespace wijksim {
namespace {

std::string format_message(const DataLocation& where, const std::string& problem) {
  std::string message = where.file;
  if (where.line > 0) message += ", row " + std::to_string(where.line);
  if (!where.region.empty()) {
    message += where.line > 0 ? " (" + where.region + ")" : ", region " + where.region;
  }
  if (!where.column.empty()) message += ", column " + where.column;
  return message + ": " + problem;
}

}  // namespace

DataError::DataError(DataLocation location, const std::string& problem)
    : std::runtime_error(format_message(location, problem)), location_(std::move(location)) {}

}  // namespace wijksim
