#pragma once
// The wijksim subcommands. Each takes its own arguments (after the subcommand name) and returns
// the process exit status; user errors are thrown and mapped to status 2 by main.
#include <string>
#include <vector>

namespace wijksim::cli {

using Args = std::vector<std::string>;

int run_command(const Args& args);
int validate_command(const Args& args);
int info_command(const Args& args);
int compare_command(const Args& args);
// Under mpirun, every rank calls this; main has set up MPI before.
int experiment_command(const Args& args);

// True when an MPI launcher (mpirun, mpiexec, srun) started this process. Otherwise MPI is not
// initialised at all: one process needs none, and MPI's start-up writes shared-memory files that
// a full disk or a file size limit would break before wijksim could say what went wrong.
bool launched_by_mpi();

// Thrown for a malformed command line; main prints it with a pointer to --help.
struct UsageError {
  std::string message;
};

}  // namespace wijksim::cli
