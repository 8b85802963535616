// The MPI experiment runner: dynamic assignment of runs by a coordinating rank 0.
#include "sim/experiment/mpi_runner.hpp"

#include <boost/mpi/collectives/broadcast.hpp>
#include <boost/serialization/string.hpp>
#include <boost/serialization/vector.hpp>
#include <deque>
#include <exception>
#include <optional>
#include <stdexcept>

namespace wijksim::experiment {

// Boost.Serialization finds this through argument-dependent lookup.
template <class Archive>
void serialize(Archive& archive, RunSummary& summary, const unsigned int /*version*/) {
  archive & summary.run & summary.residents & summary.outcomes & summary.by_buurt;
}

namespace {

namespace fs = std::filesystem;
namespace mpi = boost::mpi;

// Worker -> coordinator: a result (or the first request, run = -1) or a failure.
constexpr int kTagResult = 1;
constexpr int kTagFailure = 2;
// Coordinator -> worker: the next run index, or kNoMoreWork.
constexpr int kTagAssignment = 3;
constexpr std::int64_t kNoMoreWork = -1;

// Ranks that do not coordinate compute what they are given until told to stop.
std::size_t work(const ExperimentPlan& plan, const ExperimentOptions& options, const mpi::communicator& world) {
  std::size_t computed = 0;
  RunSummary result;  // run -1: the first message only asks for work
  for (;;) {
    world.send(0, kTagResult, result);
    std::int64_t assignment = kNoMoreWork;
    world.recv(0, kTagAssignment, assignment);
    if (assignment == kNoMoreWork) return computed;
    try {
      result = compute_run(plan, static_cast<std::size_t>(assignment), options.threads);
      ++computed;
    } catch (const std::exception& error) {
      world.send(0, kTagFailure, "rank " + std::to_string(world.rank()) + ", run " +
                                     std::to_string(assignment) + ": " + error.what());
      // The coordinator answers a failure with kNoMoreWork; this rank then fails too.
      world.recv(0, kTagAssignment, assignment);
      throw;
    }
  }
}

// Hands out `output`'s pending runs until none is left (or a worker failed), writing each
// result as it arrives; with no output (nothing to do) it only sends the workers home. Returns the
// first failure reported, or "". A result that cannot be written (a full disk) stops the hand-out
// too, and is rethrown once every worker has been sent home.
std::string coordinate(PreparedOutput* output, const fs::path& out, const ExperimentOptions& options,
                       const mpi::communicator& world, ExperimentReport& report) {
  std::exception_ptr write_failure;
  std::deque<std::size_t> pending;
  std::size_t done = 0;
  if (output != nullptr) {
    pending.assign(output->pending.begin(), output->pending.end());
    done = output->already_done;
  }
  std::string failure;
  int active_workers = world.size() - 1;
  while (active_workers > 0) {
    const mpi::status status = world.probe(mpi::any_source, mpi::any_tag);
    const int worker = status.source();
    if (status.tag() == kTagFailure) {
      std::string message;
      world.recv(worker, kTagFailure, message);
      if (failure.empty()) failure = message;
    } else {
      RunSummary summary;
      world.recv(worker, kTagResult, summary);
      if (summary.run >= 0 && !write_failure) {
        try {
          write_run(*output, out, summary);
          ++done;
          ++report.computed;
          if (options.on_run_done) options.on_run_done({static_cast<std::size_t>(summary.run), done, report.runs});
        } catch (const std::exception& error) {
          write_failure = std::current_exception();
          if (failure.empty()) failure = error.what();
        }
      }
    }
    std::int64_t assignment = kNoMoreWork;
    if (failure.empty() && !pending.empty() && status.tag() == kTagResult) {
      assignment = static_cast<std::int64_t>(pending.front());
      pending.pop_front();
    }
    world.send(worker, kTagAssignment, assignment);
    if (assignment == kNoMoreWork) --active_workers;
  }
  if (write_failure) std::rethrow_exception(write_failure);
  return failure;
}

}  // namespace

ExperimentReport run_experiment_mpi(const ExperimentSpec& spec, const fs::path& out,
                                    const ExperimentOptions& options, const mpi::communicator& world) {
  if (world.size() == 1) return run_experiment(spec, out, options);

  const ExperimentPlan plan(spec);
  ExperimentReport report{out, plan.size(), 0, 0};
  // Rank 0 alone prepares the output; a problem there (e.g. a leftover partial file) is
  // broadcast so that every rank stops instead of waiting for work.
  std::optional<PreparedOutput> prepared;
  std::exception_ptr setup_failure;
  std::string setup_message;
  if (world.rank() == 0) {
    try {
      prepared = prepare_output(plan, out, options, ExecutionFacts{world.size(), options.threads});
    } catch (const std::exception& error) {
      setup_failure = std::current_exception();
      setup_message = error.what();
    }
  }
  mpi::broadcast(world, setup_message, 0);
  if (world.rank() != 0) {
    if (!setup_message.empty()) throw std::runtime_error("rank 0 could not prepare the output: " + setup_message);
    report.computed = work(plan, options, world);
    return report;
  }
  if (setup_failure) std::rethrow_exception(setup_failure);
  if (!prepared) {
    // Already complete: the workers still ask once and are sent home.
    coordinate(nullptr, out, options, world, report);
    report.already_done = plan.size();
    return report;
  }
  report.already_done = prepared->already_done;
  const std::string failure = coordinate(&*prepared, out, options, world, report);
  if (!failure.empty()) throw std::runtime_error("a worker failed: " + failure);
  finish_output(*prepared, out);
  return report;
}

}  // namespace wijksim::experiment
