// The single-process experiment runner and the output handling it shares with the MPI runner.
#include "sim/experiment/runner.hpp"

#include <stdexcept>

#include "sim/engine/engine.hpp"
#include "sim/io/result_writer.hpp"
#include "sim/scenario/input_error.hpp"

namespace wijksim::experiment {

namespace fs = std::filesystem;

fs::path partial_path(const fs::path& out) { return fs::path(out.string() + ".partial"); }

RunSummary compute_run(const ExperimentPlan& plan, std::size_t index, int threads) {
  const PlannedRun run = plan.run(index);
  const Scenario scenario = plan.scenario(run);
  const RunResult result = run_scenario(scenario, RunOptions{.threads = threads, .progress = {}});
  try {
    return summarise_run(static_cast<std::int64_t>(index), result, plan.spec().outcomes);
  } catch (const std::invalid_argument& error) {
    throw InputError({.file = plan.spec().source_file, .json_path = "outcomes", .problem = error.what()});
  }
}

namespace {

// The file only takes the partial name once its design and scenarios are flushed, so a kill
// during creation leaves a stray "<partial>.creating" that the next start replaces, never a
// partial file that cannot be resumed.
ExperimentFile create_partial(const fs::path& partial, const ExperimentPlan& plan, const ExecutionFacts& facts) {
  const fs::path creating(partial.string() + ".creating");
  fs::remove(creating);
  ExperimentFile file = ExperimentFile::create(creating, plan, facts);
  fs::rename(creating, partial);
  return file;
}

}  // namespace

std::optional<PreparedOutput> prepare_output(const ExperimentPlan& plan, const fs::path& out,
                                             const ExperimentOptions& options, const ExecutionFacts& facts) {
  const fs::path partial = partial_path(out);
  const bool have_partial = fs::exists(partial);
  if (have_partial && !options.resume) {
    throw std::runtime_error(partial.string() + " exists: an earlier run of this experiment was interrupted;"
                             " continue it with --resume, or delete it to start again");
  }
  if (!have_partial && fs::exists(out)) {
    if (options.resume) return std::nullopt;
    if (!options.overwrite) {
      throw std::runtime_error(out.string() + " exists; choose another output or allow overwriting");
    }
  }
  if (!out.parent_path().empty()) fs::create_directories(out.parent_path());
  ExperimentFile file = have_partial ? ExperimentFile::open_for_resume(partial, plan)
                                     : create_partial(partial, plan, facts);
  const auto done = file.completed_runs();
  PreparedOutput prepared{std::move(file), {}, 0};
  for (std::size_t i = 0; i < done.size(); ++i) {
    if (done[i]) {
      ++prepared.already_done;
    } else {
      prepared.pending.push_back(i);
    }
  }
  return prepared;
}

void finish_output(PreparedOutput& output, const fs::path& out) {
  output.file.close();
  move_into_place(partial_path(out), out);
}

ExperimentReport run_experiment(const ExperimentSpec& spec, const fs::path& out,
                                const ExperimentOptions& options) {
  const ExperimentPlan plan(spec);
  ExperimentReport report{out, plan.size(), 0, 0};
  auto prepared = prepare_output(plan, out, options, ExecutionFacts{1, options.threads});
  if (!prepared) {
    report.already_done = plan.size();
    return report;
  }
  report.already_done = prepared->already_done;
  for (std::size_t index : prepared->pending) {
    prepared->file.write_run(compute_run(plan, index, options.threads));
    ++report.computed;
    if (options.on_run_done) {
      options.on_run_done({index, report.already_done + report.computed, report.runs});
    }
  }
  finish_output(*prepared, out);
  return report;
}

}  // namespace wijksim::experiment
