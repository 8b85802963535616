#include "sim/cli/scenario_options.hpp"

#include <cstdint>
#include <iostream>
#include <optional>
#include <string>

#include "sim/cli/progress_bar.hpp"
#include "sim/engine/engine.hpp"
#include "sim/engine/memory_estimate.hpp"
#include "sim/io/result_writer.hpp"
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

std::optional<RunCommandLine> parse_run_command(const CommandArgs& args, po::options_description& options,
                                                const char* overwrite_meaning) {
  add_run_options(options, overwrite_meaning);
  add_setting_options(options);
  po::positional_options_description positional;
  positional.add("scenario", 1);
  if (wants_help(args)) {
    std::cout << options << "\n";
    return std::nullopt;
  }
  RunCommandLine line;
  line.vm = parse_command_line(args, options, positional);
  line.scenario_file = line.vm["scenario"].as<std::string>();
  line.threads = checked_threads(line.vm);
  line.overwrite = line.vm.count("overwrite") > 0;
  line.memory_check = line.vm.count("no-memory-check") == 0;
  return line;
}

void run_and_write(const Scenario& scenario, const std::string& label, const RunCommandLine& line,
                   const std::filesystem::path& out, const std::vector<std::filesystem::path>& inputs) {
  ProgressBar bar(label, "resident-ticks", true);
  RunOptions run_options;
  run_options.threads = line.threads;
  run_options.progress = [&bar](double done, double total) { bar.update(done, total); };
  const RunResult result = run_scenario(scenario, run_options);
  bar.finish();
  write_result(result, out, line.overwrite, inputs);
  std::cerr << "wrote " << out.string() << " (" << label << ": " << total_residents(scenario) << " residents, "
            << scenario.replicates << " replicates, " << scenario.horizon_ticks << " ticks)\n";
}

}  // namespace wijksim::cli
