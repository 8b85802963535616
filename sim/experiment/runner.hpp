#pragma once
// Running an experiment in one process: every pending run in index order, each run's
// replicates and residents in parallel inside the engine. The output is written to
// "<out>.partial" as runs finish and renamed to <out> when all are done.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <vector>

#include "sim/experiment/experiment_file.hpp"
#include "sim/experiment/plan.hpp"
#include "sim/experiment/spec.hpp"
#include "sim/experiment/summary.hpp"

namespace wijksim::experiment {

struct RunProgress {
  std::size_t run = 0;   // the run that just finished
  std::size_t done = 0;  // runs complete in the file, this one included
  std::size_t total = 0;
};

struct ExperimentOptions {
  // Continue "<out>.partial" from an earlier, interrupted invocation. Without it an existing
  // partial file is an error, so that hours of results are never overwritten by accident.
  bool resume = false;
  bool overwrite = false;  // replace an existing finished <out>
  int threads = 0;         // engine threads per process; 0 = all cores
  std::function<void(const RunProgress&)> on_run_done;  // called after each run is safely written
};

struct ExperimentReport {
  std::filesystem::path output;
  std::size_t runs = 0;          // in the experiment
  std::size_t already_done = 0;  // found complete in the partial file
  std::size_t computed = 0;      // by this invocation
};

std::filesystem::path partial_path(const std::filesystem::path& out);

ExperimentReport run_experiment(const ExperimentSpec& spec, const std::filesystem::path& out,
                                const ExperimentOptions& options);

// ---- pieces shared with the MPI runner ----

// Runs one planned run through the engine and summarises it. An outcome the engine does not
// produce is an InputError at "outcomes" of the experiment file.
RunSummary compute_run(const ExperimentPlan& plan, std::size_t index, int threads);

// The partial file opened or created according to the options, with what is left to do.
struct PreparedOutput {
  ExperimentFile file;
  std::vector<std::size_t> pending;  // run indices, ascending
  std::size_t already_done = 0;
};
// Returns nothing when `out` is already complete and options.resume is set (nothing to do).
std::optional<PreparedOutput> prepare_output(const ExperimentPlan& plan, const std::filesystem::path& out,
                                             const ExperimentOptions& options, const ExecutionFacts& facts);
// Writes one finished run; a failed write (a full disk) becomes OutputWriteError.
void write_run(PreparedOutput& output, const std::filesystem::path& out, const RunSummary& summary);
// Closes the partial file, seals it with its checksum and renames it to `out`.
void finish_output(PreparedOutput& output, const std::filesystem::path& out);

}  // namespace wijksim::experiment
