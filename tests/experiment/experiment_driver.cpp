// A minimal command line over run_experiment for the tests that need a real process to kill or
// to start under mpirun: experiment_driver EXP.json OUT.h5 [--resume] [--threads N] [--mpi]
#include <cstdlib>
#include <iostream>
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
  try {
    const ExperimentSpec spec = load_experiment(argv[1]);
    if (use_mpi) {
#ifdef WIJKSIM_WITH_MPI
      boost::mpi::environment environment(argc, argv);
      boost::mpi::communicator world;
      run_experiment_mpi(spec, argv[2], options, world);
      return 0;
#else
      std::cerr << "built without MPI\n";
      return 2;
#endif
    }
    run_experiment(spec, argv[2], options);
  } catch (const std::exception& error) {
    std::cerr << "experiment_driver: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
