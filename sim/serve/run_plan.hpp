#pragma once
// A studio run request (JSON from the browser) -> a validated plan: the place, up to five
// alternatives (a role and lever overrides each), replicates, horizon and seed. Every check uses
// the scenario loader, so a bad value gets the same InputError (file, JSON path, expected, found,
// suggestion) as `wijksim run`; keys of the request itself are checked the same way.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/scenario/input_error.hpp"
#include "sim/scenario/scenario.hpp"

namespace wijksim::serve {

// The folders a client may name files in, and the size of what it may ask for.
struct StudioFolders {
  std::filesystem::path scenarios;  // bundled scenario files (place.scenario is relative to it)
  std::filesystem::path data;       // CBS tables and boundaries (place.kwb, boundaries)
  std::filesystem::path own_data;   // the user's own KWB tables and boundaries, searched after `data`; may be empty
  std::filesystem::path results;    // one folder per run

  std::vector<std::filesystem::path> data_folders() const;
  // A file named relative to one of the data folders (the first that has it), if it is a file there.
  std::optional<std::filesystem::path> data_file(const std::string& named) const;
};

struct RunLimits {
  int max_alternatives = 5;
  int max_replicates = 20;
  int max_horizon_ticks = 1040;
  // Peak memory one run may need, by the engine's estimate (sim/engine/memory_estimate.hpp); 0: the
  // memory the machine has free, shared by the runs that may execute at once.
  double max_run_bytes = 0;
  int concurrent_runs = 1;
  int threads = 0;  // engine threads per run, as in RunOptions
};

// The national KWB 2024 table that lists every gemeente (relative to the data folder), and the
// bundled scenario that reads the whole country from the national tables (relative to the scenarios
// folder); a gemeente's place extends it with that gemeente only.
inline constexpr const char* kNationalTable = "cbs-kwb/nl_2024_gemeente_wijk_85984NED.json";
inline constexpr const char* kNationalScenario = "cbs/netherlands.json";
inline constexpr const char* kGemeenteBoundaries = "geo/nl_2024_gemeenten.geojson";

struct PlannedAlternative {
  std::string name;           // the scenario name in its result file
  std::string file_stem;      // "01-top_down": the .json and .h5 in the run folder
  nlohmann::json overrides;   // what the alternative sets over the place, as nested JSON
  Scenario scenario;          // validated in memory, for sizes and messages
};

struct RunPlan {
  nlohmann::json request;
  std::filesystem::path base_scenario;  // a bundled file, or empty when place_json is used
  nlohmann::json place_json;            // a generated place scenario (gemeente or own table); null otherwise
  std::string place_label;              // e.g. "cbs/den_haag.json" or "GM0518 's-Gravenhage"
  std::string boundaries;               // relative to the data folder; empty for none
  std::vector<PlannedAlternative> alternatives;
  int replicates = 0;
  int horizon_ticks = 0;
  std::uint64_t seed = 0;
  std::size_t residents = 0;  // of one alternative (all alternatives share the place)
  double estimated_bytes = 0;  // peak memory of the largest alternative
};

// A scenario loader's error about one alternative: the same message, and which alternative.
class AlternativeInputError : public InputError {
 public:
  AlternativeInputError(const InputError& error, std::size_t index) : InputError(error.details()), index(index) {}
  std::size_t index;
};

// Throws InputError naming "run request" (keys of the request) or the scenario file (values the
// scenario loader rejects), with the JSON path of the offending value.
RunPlan plan_run(const nlohmann::json& request, const StudioFolders& folders, const RunLimits& limits);

// The place scenario and one scenario file per alternative, as files the CLI runs unchanged;
// paths inside are relative to `run_folder`. Returns the alternatives' scenario files.
std::vector<std::filesystem::path> write_scenario_files(const RunPlan& plan, const std::filesystem::path& run_folder);

}  // namespace wijksim::serve
