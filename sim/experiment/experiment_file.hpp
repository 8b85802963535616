#pragma once
// The experiment's HDF5 file. Everything known before any run (design, seeds, resolved scenarios)
// is written when the file is created; each finished run then fills its own row of datasets that
// were allocated in full at creation. A run's rows are flushed before its `done` flag is set and
// flushed, and these writes never change HDF5 metadata, so a process killed at any moment leaves
// a file whose done runs are intact: resuming recomputes only runs without the flag, and the
// finished file has the same dataset contents whatever the interruptions or process count.
//
// Layout (N runs, R replicates, M outcomes, k design parameters):
//   /design/{run, sample, changed} int64 [N]; /design/{label, kind, overrides} string [N];
//   /design/{unit, values} float64 [N, k]  (design methods only; attribute columns = paths)
//   /parameters/{path, choices} string [k], {min, max} float64 [k], integer int64 [k]
//   /runs/seed int64 [N], /runs/scenario_json string [N]   (written at creation)
//   /runs/residents int64 [N] (-1 until done), /runs/done int64 [N] (0/1, written last)
//   /outcomes/values float64 [N, R, M] (NaN until done; attribute columns = outcome names)
//   /outcomes/by_buurt float64 [N, R, B, 3] (when every run has the same B buurten; NaN until done;
//     the final-year means of kBuurtOutcomes per buurt)
//   /run, /replicate int64 and /outcome, /parameter, /buurt, /buurt_outcome string: dimension scales
//     naming the axes above
#include <filesystem>
#include <string>
#include <vector>

#include "sim/experiment/plan.hpp"
#include "sim/experiment/summary.hpp"
#include "sim/io/h5.hpp"

namespace wijksim::experiment {

inline constexpr std::int64_t kExperimentFormatVersion = 1;

// Facts recorded as attributes for information only: results do not depend on them.
struct ExecutionFacts {
  int processes = 1;
  int threads = 0;
};

class ExperimentFile {
 public:
  // Creates `path` (which must not exist). Resolves and validates every run's scenario first,
  // so a bad design point fails before any computing.
  static ExperimentFile create(const std::filesystem::path& path, const ExperimentPlan& plan,
                               const ExecutionFacts& facts);
  // Reopens a partial file of the same experiment; throws std::runtime_error when it belongs to
  // another experiment (a different experiment file content or run count).
  static ExperimentFile open_for_resume(const std::filesystem::path& path, const ExperimentPlan& plan);

  std::size_t run_count() const { return run_count_; }
  // done[i] is true when run i's rows are complete.
  std::vector<bool> completed_runs() const;
  void write_run(const RunSummary& summary);
  void close();

 private:
  ExperimentFile(h5::File file, std::size_t run_count, std::size_t replicates, std::size_t outcomes,
                 std::size_t buurt_values);
  h5::File file_;
  std::size_t run_count_;
  std::size_t replicates_;
  std::size_t outcome_count_;
  std::size_t buurt_values_;  // per run in /outcomes/by_buurt (R x B x 3), 0 when the file has none
};

}  // namespace wijksim::experiment
