// wijksim experiment: many runs (named scenarios or a design over parameters) into one HDF5
// file, resumable after a kill, spread over MPI ranks when started under mpirun.
#include <boost/program_options.hpp>
#include <cstdlib>
#include <iostream>
#include <optional>

#include "sim/cli/commands.hpp"
#include "sim/cli/progress_bar.hpp"
#include "sim/cli/scenario_options.hpp"
#include "sim/core/command_line.hpp"
#include "sim/experiment/runner.hpp"
#ifdef WIJKSIM_WITH_MPI
#include <boost/mpi/communicator.hpp>

#include "sim/experiment/mpi_runner.hpp"
#endif

namespace po = boost::program_options;

namespace wijksim::cli {
namespace {

const char* kExperimentHelp = R"(Usage: wijksim experiment EXPERIMENT.json -o OUT.h5 [options]
       mpirun -np N wijksim experiment EXPERIMENT.json -o OUT.h5 [options]

Runs every run of an experiment (named scenarios, or a factorial, Latin hypercube, Sobol or
Morris design over parameters) with its replicates, and writes one HDF5 file with the design,
each run's parameters, seed, outcomes per replicate and resolved scenario. Runs are written as
they finish to OUT.h5.partial; a killed experiment continues with --resume and ends with exactly
the file an uninterrupted run gives. Under mpirun, rank 0 hands out runs one at a time and writes
the file; the result is identical for any number of ranks and threads. See docs/experiments.md.

Examples:
  wijksim experiment scenarios/experiments/roles.json -o results/roles.h5
  wijksim experiment scenarios/experiments/levers_morris.json -o morris.h5 --resume
  mpirun -np 3 wijksim experiment scenarios/experiments/levers_sobol.json -o sobol.h5 --threads 1
  /usr/bin/python3 -m analysis experiment results/roles.h5 -o report/

Options)";

}  // namespace

namespace {

// The report of this process, or nothing on an MPI worker rank (rank 0 reports for all).
std::optional<experiment::ExperimentReport> run(const experiment::ExperimentSpec& spec,
                                                const std::filesystem::path& out,
                                                const experiment::ExperimentOptions& options) {
#ifdef WIJKSIM_WITH_MPI
  if (launched_by_mpi()) {
    const boost::mpi::communicator world;
    experiment::ExperimentReport report = experiment::run_experiment_mpi(spec, out, options, world);
    if (world.rank() != 0) return std::nullopt;
    return report;
  }
#endif
  return experiment::run_experiment(spec, out, options);
}

}  // namespace

bool launched_by_mpi() {
  for (const char* variable : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_SIZE", "PMI_RANK", "MPI_LOCALNRANKS"})
    if (std::getenv(variable) != nullptr) return true;
  return false;
}

int experiment_command(const CommandArgs& args) {
  po::options_description options(kExperimentHelp);
  options.add_options()
      ("help,h", "show this help")
      ("experiment", po::value<std::string>()->required(), "experiment JSON file")
      ("output,o", po::value<std::string>()->required(), "experiment file to write (.h5)")
      ("threads,t", po::value<int>()->default_value(0), "engine threads per process; 0 = all cores")
      ("resume", "continue OUT.h5.partial left by an interrupted run")
      ("overwrite", "replace OUT.h5 if it exists");
  po::positional_options_description positional;
  positional.add("experiment", 1);
  if (wants_help(args)) { std::cout << options << "\n"; return 0; }
  const po::variables_map vm = parse_command_line(args, options, positional);
  const experiment::ExperimentSpec spec = experiment::load_experiment(vm["experiment"].as<std::string>());
  const std::filesystem::path out = vm["output"].as<std::string>();
  experiment::ExperimentOptions run_options;
  run_options.resume = vm.count("resume") > 0;
  run_options.overwrite = vm.count("overwrite") > 0;
  run_options.threads = checked_threads(vm);
  ProgressBar bar(out.filename().string(), "runs", false);
  run_options.on_run_done = [&bar](const experiment::RunProgress& p) {
    bar.update(static_cast<double>(p.done), static_cast<double>(p.total));
  };
  const std::optional<experiment::ExperimentReport> report = run(spec, out, run_options);
  bar.finish();
  if (report)
    std::cerr << "wrote " << report->output.string() << " (" << report->runs << " runs; " << report->computed
              << " computed now, " << report->already_done << " found done)\n";
  return 0;
}

}  // namespace wijksim::cli
