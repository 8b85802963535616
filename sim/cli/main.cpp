// The wijksim command line: dispatches to a subcommand and turns errors into exit statuses
// (0 success, 2 bad input or usage, 1 anything unexpected).
#include <iostream>
#include <map>

#include "sim/cli/commands.hpp"
#include "sim/core/version.hpp"
#include "sim/data/data_error.hpp"
#include "sim/io/output_error.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/serve/serve.hpp"
#ifdef WIJKSIM_WITH_MPI
#include <boost/mpi/environment.hpp>
#endif
#include <optional>

namespace {

const char* kHelp = R"(wijksim - agent-based simulation of neighbourhood participation

Residents with capacity, motivation and invitations (the CLEAR model) decide whether to take
part in initiatives and government processes, while the municipality plays a role (top_down,
responsive, inviting, withdrawing, kaleidoscopic) through its levers. Results go to HDF5.

Usage: wijksim <command> [options]     (wijksim <command> --help for details)

Commands:
  run SCENARIO.json -o OUT.h5     run a scenario's replicates and write a result file
  validate SCENARIO.json ...      check scenario files and show what they resolve to
  info OUT.h5                     describe a result file in words
  compare SCENARIO.json --roles R1,R2,... -o DIR
                                  run alternatives with common random numbers; print the decision
                                  summary (paired, with total cost per year) and write a report
  experiment EXP.json -o EXP.h5   run many scenarios or a design (resumable; MPI with mpirun)
  serve                           the studio: compare roles for a place in your browser

Examples:
  wijksim validate scenarios/inviting.json
  wijksim run scenarios/inviting.json -o results/inviting.h5 --threads 2
  wijksim run scenarios/top_down.json -o workers.h5 --set government.levers.community_worker_hours_per_1000=10
  wijksim compare scenarios/cbs/den_haag.json --roles top_down,inviting,kaleidoscopic -o results/den_haag
  wijksim info results/inviting.h5
  wijksim experiment scenarios/experiments/roles.json -o results/roles.h5
  /usr/bin/python3 -m analysis compare results/*.h5

Documentation: README.md, docs/scenarios.md (every parameter), docs/output-format.md,
docs/experiments.md, docs/data.md (real buurten from CBS), docs/ODD.md (the model).
Exit status: 0 success, 2 bad input (the message names the file and what to fix), 1 other errors
(such as a full disk: nothing half-written is left; see docs/reliability.md).
)";

}  // namespace

int main(int argc, char** argv) {
  using namespace wijksim::cli;
  const std::map<std::string, int (*)(const wijksim::CommandArgs&)> commands{
      {"run", run_command}, {"validate", validate_command}, {"info", info_command},
      {"experiment", experiment_command}, {"compare", compare_command},
      {"serve", wijksim::serve::serve_command}};
  if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h" ||
      std::string(argv[1]) == "help") {
    std::cout << kHelp;
    return argc < 2 ? 2 : 0;
  }
  if (std::string(argv[1]) == "--version") {
    std::cout << "wijksim " << wijksim::kEngineVersion << " (" << wijksim::kGitCommit << ")\n";
    return 0;
  }
  const auto command = commands.find(argv[1]);
  if (command == commands.end()) {
    std::cerr << "wijksim: unknown command '" << argv[1] << "'; see wijksim --help\n";
    return 2;
  }
#ifdef WIJKSIM_WITH_MPI
  // Outside the try: an MPI environment torn down while an exception unwinds aborts every rank
  // before the message is printed.
  std::optional<boost::mpi::environment> mpi;
  if (command->first == "experiment" && launched_by_mpi()) mpi.emplace(argc, argv);
#endif
  try {
    return command->second(wijksim::CommandArgs(argv + 2, argv + argc));
  } catch (const wijksim::UsageError& e) {
    std::cerr << "wijksim " << argv[1] << ": " << e.message << "\nSee wijksim " << argv[1] << " --help\n";
  } catch (const wijksim::InputError& e) {
    std::cerr << "wijksim: " << e.what() << "\n";
  } catch (const wijksim::DataError& e) {
    std::cerr << "wijksim: " << e.what() << "\n";
  } catch (const wijksim::OutputTargetError& e) {
    std::cerr << "wijksim: " << e.what() << "\n";
  } catch (const wijksim::ResultFileError& e) {
    std::cerr << "wijksim: " << e.what() << "\n";
  } catch (const wijksim::OutputWriteError& e) {
    std::cerr << "wijksim: " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "wijksim: internal error: " << e.what() << "\n";
    return 1;
  }
  return 2;
}
