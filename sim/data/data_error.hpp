#pragma once
// DataError: the one exception for a CBS data file that cannot be read as expected. It names
// the file, the row (line number in a CSV, region code in JSON) and the column where possible,
// and where the scenario names the file (its JSON path) once that is known.
#include <cstddef>
#include <stdexcept>
#include <string>

namespace wijksim {

struct DataLocation {
  std::string file;
  std::size_t line = 0;  // 1-based CSV line; 0 when not applicable
  std::string region;    // region code such as "BU03440831"; empty when unknown
  std::string column;    // column key such as "AantalInwoners_5"; empty for whole-row problems
};

class DataError : public std::runtime_error {
 public:
  DataError(DataLocation location, const std::string& problem, std::string json_path = "");
  const DataLocation& location() const { return location_; }
  const std::string& file() const { return location_.file; }
  std::size_t line() const { return location_.line; }
  const std::string& column() const { return location_.column; }
  const std::string& problem() const { return problem_; }
  // The scenario key that names the file, such as "municipality.cbs.detail[1]"; may be empty.
  const std::string& json_path() const { return json_path_; }

  // The same error, saying which scenario key named the file.
  DataError named_at(std::string json_path) const { return DataError(location_, problem_, std::move(json_path)); }

 private:
  DataLocation location_;
  std::string problem_;
  std::string json_path_;
};

// A code the scenario selects (municipality.cbs.gemeenten, wijken or buurten) that the table
// does not hold: the scenario is at fault, so the loader reports it at that key of the scenario.
class SelectionError : public DataError {
 public:
  SelectionError(DataLocation location, const std::string& problem, std::string json_path)
      : DataError(std::move(location), problem, std::move(json_path)) {}
};

}  // namespace wijksim
