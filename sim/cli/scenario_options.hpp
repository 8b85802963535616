#pragma once
// What every command that runs a scenario shares: the options --set KEY.PATH=VALUE and its
// shorthands --seed, --replicates and --horizon, all turned into one list of settings; --threads,
// --overwrite and --no-memory-check; and the checks before a run (the inputs an output must not
// replace, the memory it needs).
#include <boost/program_options.hpp>
#include <filesystem>
#include <ostream>
#include <vector>

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

}  // namespace wijksim::cli
