#pragma once
// What every command that runs a scenario shares: the options --set KEY.PATH=VALUE and its
// shorthands --seed, --replicates and --horizon, all turned into one list of settings; --threads,
// --overwrite and --no-memory-check; the checks before a run (the inputs an output must not
// replace, the memory it needs); and the run itself, with its progress bar and result file.
#include <boost/program_options.hpp>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "sim/core/command_line.hpp"
#include "sim/scenario/settings.hpp"

namespace wijksim::cli {

void add_setting_options(boost::program_options::options_description& options);

// The --set settings in the order given, then the shorthands (which therefore win).
std::vector<Setting> settings_from(const boost::program_options::variables_map& vm);

// --threads, --overwrite (with what it replaces in this command's words) and --no-memory-check.
void add_run_options(boost::program_options::options_description& options, const char* overwrite_meaning);

// --threads, refused (UsageError) when negative.
int checked_threads(const boost::program_options::variables_map& vm);

// The files a run reads, which its output must never replace.
std::vector<std::filesystem::path> input_files(const Scenario& scenario);

// Prints the estimate and refuses (InputError, exit 2) a run that cannot fit in free memory.
void check_memory(const Scenario& scenario, int threads, bool enforce, std::ostream& out);

// The command line of a command that runs one scenario file (run, compare).
struct RunCommandLine {
  boost::program_options::variables_map vm;
  std::string scenario_file;  // SCENARIO, the first positional argument
  int threads = 0;
  bool overwrite = false;
  bool memory_check = true;  // false with --no-memory-check
};

// Adds the run options and the settings to the command's own `options` (which declare
// "scenario") and parses. Empty when --help was asked for, which is then printed.
std::optional<RunCommandLine> parse_run_command(const CommandArgs& args,
                                                boost::program_options::options_description& options,
                                                const char* overwrite_meaning);

// Runs the scenario's replicates with a progress bar named `label`, writes the result file `out`
// and says so on stderr.
void run_and_write(const Scenario& scenario, const std::string& label, const RunCommandLine& line,
                   const std::filesystem::path& out, const std::vector<std::filesystem::path>& inputs);

}  // namespace wijksim::cli
