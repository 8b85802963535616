#pragma once
// One studio run on disk: results/ID/ holds run.json (the request and the alternatives in
// order), each alternative's scenario file and HDF5 result (01-NAME.json, 01-NAME.h5), and what
// the analysis package derives from them (summary.json, report/). A run counts as complete, and
// is listed, only when every alternative's result file is there; result files appear atomically,
// so a run killed half-way is never listed.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/serve/studio.hpp"

namespace wijksim::serve {

// run.json of a run folder (null when missing or unreadable).
nlohmann::json run_manifest(const std::filesystem::path& run_folder);

// The run's result files in alternative order, or nothing when the run is incomplete or unknown.
std::optional<std::vector<std::filesystem::path>> complete_results(const std::filesystem::path& run_folder);

// What the result files say about the run: per alternative its scenario, role, seed, sizes,
// engine version and commit (read from the files, not from run.json).
nlohmann::json describe_run(const std::filesystem::path& run_folder);

// The command lines that reproduce the run: one `wijksim run` per alternative and the analysis.
nlohmann::json reproducing_commands(const std::filesystem::path& run_folder, const StudioConfig& config);

// Runs `python -m MODULE ARGS...` from the analysis package; throws std::runtime_error with the
// end of its error output when it fails.
void run_analysis(const StudioConfig& config, const std::vector<std::string>& arguments,
                  const std::filesystem::path& log_file);

// summary.json of a complete run, computed by the analysis package when it is missing.
nlohmann::json run_summary(const std::filesystem::path& run_folder, const StudioConfig& config);

// Runs one job of the queue: writes the scenario files, runs each alternative on the engine,
// writes the result files and the summary. A cancelled or failed run leaves no folder behind.
void execute_run(Job& job, RunQueue& queue, const StudioConfig& config);

}  // namespace wijksim::serve
