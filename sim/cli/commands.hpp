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
// Under mpirun, every rank calls this; main has set up MPI before.
int experiment_command(const Args& args);

// Thrown for a malformed command line; main prints it with a pointer to --help.
struct UsageError {
  std::string message;
};

}  // namespace wijksim::cli
