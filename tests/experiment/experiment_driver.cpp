// A minimal command line over run_experiment for the tests that need a real process to kill or
// to start under mpirun: experiment_driver EXP.json OUT.h5 [--resume] [--threads N] [--mpi]
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>

#include "sim/experiment/runner.hpp"
#ifdef WIJKSIM_WITH_MPI
#include <boost/mpi/environment.hpp>

#include "sim/experiment/mpi_runner.hpp"
#endif

using namespace wijksim::experiment;

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: experiment_driver EXP.json OUT.h5 [--resume] [--threads N] [--mpi]\n";
    return 2;
  }
  ExperimentOptions options;
  bool use_mpi = false;
  for (int i = 3; i < argc; ++i) {
    const std::string argument = argv[i];
    if (argument == "--resume") options.resume = true;
    if (argument == "--mpi") use_mpi = true;
    if (argument == "--threads" && i + 1 < argc) options.threads = std::atoi(argv[++i]);
  }
#ifdef WIJKSIM_WITH_MPI
  // Outside the try: an environment destroyed while an exception unwinds aborts every rank
  // before the error could be printed.
  std::optional<boost::mpi::environment> environment;
  if (use_mpi) environment.emplace(argc, argv);
#else
  if (use_mpi) {
    std::cerr << "experiment_driver: built without MPI\n";
    return 2;
  }
#endif
  try {
    const ExperimentSpec spec = load_experiment(argv[1]);
#ifdef WIJKSIM_WITH_MPI
    if (use_mpi) {
      run_experiment_mpi(spec, argv[2], options, boost::mpi::communicator());
      return 0;
    }
#endif
    run_experiment(spec, argv[2], options);
  } catch (const std::exception& error) {
    std::cerr << "experiment_driver: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
