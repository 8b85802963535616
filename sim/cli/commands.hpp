#pragma once
// The wijksim subcommands. Each takes its own arguments (after the subcommand name) and returns
// the process exit status; user errors are thrown and mapped to status 2 by main.
#include "sim/core/command_line.hpp"

namespace wijksim::cli {


int run_command(const CommandArgs& args);
int validate_command(const CommandArgs& args);
int info_command(const CommandArgs& args);
int compare_command(const CommandArgs& args);
// Under mpirun, every rank calls this; main has set up MPI before.
int experiment_command(const CommandArgs& args);

// True when an MPI launcher (mpirun, mpiexec, srun) started this process. Otherwise MPI is not
// initialised at all: one process needs none, and MPI's start-up writes shared-memory files that
// a full disk or a file size limit would break before wijksim could say what went wrong.
bool launched_by_mpi();

}  // namespace wijksim::cli
