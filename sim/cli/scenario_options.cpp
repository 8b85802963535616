#include "sim/cli/scenario_options.hpp"

#include <cstdint>
#include <optional>
#include <string>

#include "sim/cli/commands.hpp"
#include "sim/engine/memory_estimate.hpp"
#include "sim/scenario/input_error.hpp"

namespace po = boost::program_options;

namespace wijksim::cli {
namespace {

template <class Value>
void add_shorthand(const po::variables_map& vm, const char* option, const char* path, std::vector<Setting>& settings) {
  if (!vm.count(option)) return;
  const Value value = vm[option].as<Value>();
  settings.push_back({path, value, "--" + std::string(option) + " " + std::to_string(value)});
}

}  // namespace

void add_setting_options(po::options_description& options) {
  options.add_options()
      ("set", po::value<std::vector<std::string>>()->composing(),
       "KEY.PATH=VALUE: set any scenario key by its JSON path (repeatable), e.g. "
       "government.levers.community_worker_hours_per_1000=10")
      ("seed,s", po::value<std::uint64_t>(), "the scenario's seed (same as --set seed=N)")
      ("replicates,r", po::value<int>(), "number of replicates (same as --set replicates=N)")
      ("horizon", po::value<int>(), "horizon in ticks, i.e. weeks (same as --set horizon_ticks=N)");
}

std::vector<Setting> settings_from(const po::variables_map& vm) {
  std::vector<Setting> settings =
      parse_settings(vm.count("set") ? vm["set"].as<std::vector<std::string>>() : std::vector<std::string>{});
  add_shorthand<std::uint64_t>(vm, "seed", "seed", settings);
  add_shorthand<int>(vm, "replicates", "replicates", settings);
  add_shorthand<int>(vm, "horizon", "horizon_ticks", settings);
  return settings;
}

std::vector<std::filesystem::path> input_files(const Scenario& scenario) {
  std::vector<std::filesystem::path> files{scenario.source_file};
  if (scenario.cbs) {
    files.emplace_back(scenario.cbs->file);
    files.insert(files.end(), scenario.cbs->detail.begin(), scenario.cbs->detail.end());
  }
  return files;
}

void add_run_options(po::options_description& options, const char* overwrite_meaning) {
  options.add_options()
      ("threads,t", po::value<int>()->default_value(0), "worker threads; 0 = all cores (results do not depend on it)")
      ("overwrite", overwrite_meaning)
      ("no-memory-check", "run even when the estimated peak memory exceeds the free memory");
}

int checked_threads(const po::variables_map& vm) {
  const int threads = vm["threads"].as<int>();
  if (threads < 0) throw UsageError{"--threads must be 0 (all cores) or more, found " + std::to_string(threads)};
  return threads;
}

void check_memory(const Scenario& scenario, int threads, bool enforce, std::ostream& out) {
  const MemoryEstimate estimate = estimate_peak_memory(scenario, threads);
  const std::optional<double> available = available_memory_bytes();
  out << "  estimated peak memory " << format_bytes(estimate.total_bytes) << " ("
      << estimate.populations_at_once << " replicate(s) at once"
      << (available ? ", " + format_bytes(*available) + " available" : std::string()) << ")\n";
  if (!enforce || !available || estimate.total_bytes <= *available) return;
  throw InputError({.file = scenario.source_file,
                    .problem = "this run needs about " + format_bytes(estimate.total_bytes) + " of memory, but only " +
                               format_bytes(*available) + " is available",
                    .suggestion = "lower replicates, horizon_ticks or the residents (municipality.cbs.scale), "
                                  "run fewer threads, or pass --no-memory-check to try anyway"});
}

}  // namespace wijksim::cli
