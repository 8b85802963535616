#pragma once
// Running an experiment over MPI (built with WIJKSIM_MPI). Rank 0 coordinates and is the only
// process that touches the output file; the other ranks ask for a run, compute it and send back
// its summary, one run at a time, so fast and slow ranks stay busy. Each rank rebuilds a run's
// scenario from the experiment and the run index, so only indices and summaries travel. Rows are
// written at their run's position, so the file's datasets equal a single-process run's.
// With one process, rank 0 computes every run itself.
#include <boost/mpi/communicator.hpp>

#include "sim/experiment/runner.hpp"

namespace wijksim::experiment {

// Call on every rank with the same spec and arguments. The report is complete on rank 0; on
// workers only `runs` and `computed` (by that rank) are filled. An error on any rank stops the
// work and is rethrown on rank 0 (std::runtime_error carrying the worker's message).
ExperimentReport run_experiment_mpi(const ExperimentSpec& spec, const std::filesystem::path& out,
                                    const ExperimentOptions& options,
                                    const boost::mpi::communicator& world);

}  // namespace wijksim::experiment
