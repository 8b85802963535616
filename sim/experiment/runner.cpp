// The single-process experiment runner and the output handling it shares with the MPI runner.
#include "sim/experiment/runner.hpp"

#include <stdexcept>

#include "sim/engine/engine.hpp"
#include "sim/io/file_checksum.hpp"
#include "sim/io/output_error.hpp"
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
  try {
    ExperimentFile file = ExperimentFile::create(creating, plan, facts);
    fs::rename(creating, partial);
    return file;
  } catch (...) {
    std::error_code ignored;
    fs::remove(creating, ignored);
    throw;
  }
}

}  // namespace

namespace {

// A finished file may be trusted as this experiment's result only if it says so.
bool holds_experiment(const fs::path& file, const ExperimentPlan& plan) {
  try {
    verify_file_seal(file);
    const h5::File finished = h5::File::open_read_only(file);
    const h5::Group root = finished.root();
    return root.has_attribute("experiment_json") &&
           root.read_string_attribute("experiment_json") == plan.spec().canonical_json &&
           root.read_int64_attribute("runs") == static_cast<std::int64_t>(plan.size());
  } catch (const std::exception&) {
    return false;
  }
}

[[noreturn]] void write_failed(const fs::path& out, const std::exception& failure) {
  throw OutputWriteError("cannot write experiment '" + out.string() + "': " + failure.what() + describe_write_errno() +
                         "; the runs written so far are kept in '" + partial_path(out).string() +
                         "': make room and continue with --resume");
}

}  // namespace

std::optional<PreparedOutput> prepare_output(const ExperimentPlan& plan, const fs::path& out,
                                             const ExperimentOptions& options, const ExecutionFacts& facts) {
  const fs::path partial = partial_path(out);
  const bool have_partial = fs::exists(partial);
  if (have_partial && !options.resume) {
    throw OutputTargetError(partial.string() + " exists: an earlier run of this experiment was interrupted;"
                            " continue it with --resume, or delete it to start again");
  }
  if (!have_partial && fs::exists(out)) {
    if (options.resume) {
      if (holds_experiment(out, plan)) return std::nullopt;
      throw OutputTargetError("cannot resume: '" + out.string() + "' is finished but holds another experiment "
                              "(or the experiment file changed since, or it is damaged); choose another output, "
                              "or pass --overwrite instead of --resume to run this one again");
    }
    if (!options.overwrite) {
      throw OutputTargetError(out.string() + " exists; choose another output or pass --overwrite");
    }
  }
  std::error_code folder_error;
  if (!out.parent_path().empty()) fs::create_directories(out.parent_path(), folder_error);
  check_output_target(out, options.overwrite || options.resume, {plan.spec().source_file});
  try {
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
  } catch (const h5::Error& failure) {
    if (have_partial) throw OutputTargetError("cannot resume from '" + partial.string() + "': " + failure.what());
    throw OutputWriteError("cannot create experiment '" + out.string() + "': " + failure.what() +
                           describe_write_errno() + "; no file was left behind");
  } catch (const std::system_error& failure) {
    throw OutputWriteError("cannot create experiment '" + out.string() + "': " + failure.what() +
                           describe_write_errno() + "; no file was left behind");
  }
}

void write_run(PreparedOutput& output, const fs::path& out, const RunSummary& summary) {
  try {
    output.file.write_run(summary);
  } catch (const h5::Error& failure) {
    write_failed(out, failure);
  }
}

void finish_output(PreparedOutput& output, const fs::path& out) {
  try {
    output.file.close();
    seal_file(partial_path(out));
    move_into_place(partial_path(out), out);
  } catch (const h5::Error& failure) {
    write_failed(out, failure);
  } catch (const std::system_error& failure) {
    write_failed(out, failure);
  }
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
    write_run(*prepared, out, compute_run(plan, index, options.threads));
    ++report.computed;
    if (options.on_run_done) {
      options.on_run_done({index, report.already_done + report.computed, report.runs});
    }
  }
  finish_output(*prepared, out);
  return report;
}

}  // namespace wijksim::experiment
