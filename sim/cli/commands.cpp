// run, validate and info: thin wrappers that connect the stages of the data flow.
#include "sim/cli/commands.hpp"

#include <boost/program_options.hpp>
#include <iostream>

#include "sim/cli/command_line.hpp"
#include "sim/cli/progress_bar.hpp"
#include "sim/engine/engine.hpp"
#include "sim/engine/memory_estimate.hpp"
#include "sim/io/result_reader.hpp"
#include "sim/io/result_writer.hpp"
#include "sim/scenario/load.hpp"
#include "sim/scenario/roles.hpp"

namespace po = boost::program_options;

namespace wijksim::cli {
namespace {

const char* kRunHelp = R"(Usage: wijksim run SCENARIO.json -o OUT.h5 [options]

Runs a scenario (all its replicates) and writes one HDF5 result file. The file appears only
when complete; an existing file is kept unless --overwrite is given.

Examples:
  wijksim run scenarios/inviting.json -o results/inviting.h5
  wijksim run scenarios/base.json -o quick.h5 --replicates 1 --horizon 104 --threads 2
  wijksim run scenarios/inviting.json -o results/inviting.h5 --seed 7 --overwrite

Options)";

const char* kValidateHelp = R"(Usage: wijksim validate SCENARIO.json [MORE.json ...]

Checks scenario files without running them and prints what each one resolves to: buurten,
residents, the role and the levers in force. Exit status 2 names the first problem found.

Example:
  wijksim validate scenarios/*.json

Options)";

const char* kInfoHelp = R"(Usage: wijksim info RESULT.h5

Tells in words what a result file holds: the scenario, seed, engine version and commit, and
every time series and table with its shape and meaning (see docs/output-format.md).

Example:
  wijksim info results/inviting.h5

Options)";

// The files a run reads, which its output must never replace.
std::vector<std::filesystem::path> input_files(const Scenario& scenario) {
  std::vector<std::filesystem::path> files{scenario.source_file};
  if (scenario.cbs) {
    files.emplace_back(scenario.cbs->file);
    files.insert(files.end(), scenario.cbs->detail.begin(), scenario.cbs->detail.end());
  }
  return files;
}

nlohmann::json with_overrides(nlohmann::json merged, const po::variables_map& vm) {
  if (vm.count("seed")) merged = apply_override(std::move(merged), "seed", vm["seed"].as<std::uint64_t>());
  if (vm.count("replicates")) merged = apply_override(std::move(merged), "replicates", vm["replicates"].as<int>());
  if (vm.count("horizon")) merged = apply_override(std::move(merged), "horizon_ticks", vm["horizon"].as<int>());
  return merged;
}

int checked_threads(const po::variables_map& vm) {
  const int threads = vm["threads"].as<int>();
  if (threads < 0) throw UsageError{"--threads must be 0 (all cores) or more, found " + std::to_string(threads)};
  return threads;
}

// Prints the estimate and refuses (InputError, exit 2) a run that cannot fit in free memory.
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

void describe_levers(std::ostream& out, const char* label, const RolePlan& plan) {
  const Levers& l = plan.levers;
  out << "  " << label << ": role " << kRoleNames[static_cast<int>(plan.role)]
      << ", invitation reach " << l.invitation_reach << "/year (" << kTargetingNames[static_cast<int>(l.targeting)]
      << "), " << l.processes_per_year << " processes/year at rung " << kRungNames[static_cast<int>(l.rung)]
      << ", community workers " << l.community_worker_hours_per_1000 << " h/week per 1,000 residents, residents' budget "
      << l.residents_budget << " euro/resident/year, maintenance x" << l.maintenance << "\n";
}

}  // namespace

int run_command(const Args& args) {
  po::options_description options(kRunHelp);
  options.add_options()
      ("help,h", "show this help")
      ("scenario", po::value<std::string>()->required(), "scenario JSON file")
      ("output,o", po::value<std::string>()->required(), "result file to write (.h5)")
      ("threads,t", po::value<int>()->default_value(0), "worker threads; 0 = all cores (results do not depend on it)")
      ("seed,s", po::value<std::uint64_t>(), "override the scenario's seed")
      ("replicates,r", po::value<int>(), "override the number of replicates")
      ("horizon", po::value<int>(), "override the horizon in ticks (weeks)")
      ("overwrite", "replace OUT.h5 if it exists (a regular file that is not one of the inputs)")
      ("no-memory-check", "run even when the estimated peak memory exceeds the free memory");
  po::positional_options_description positional;
  positional.add("scenario", 1);
  if (wants_help(args)) { std::cout << options << "\n"; return 0; }
  const auto vm = parse(args, options, positional);
  const std::string file = vm["scenario"].as<std::string>();
  const int threads = checked_threads(vm);
  const std::filesystem::path out = vm["output"].as<std::string>();
  const bool overwrite = vm.count("overwrite") > 0;
  check_output_target(out, overwrite, {file});
  const Scenario scenario = scenario_from_json(with_overrides(read_scenario_json(file), vm), file);
  const std::vector<std::filesystem::path> inputs = input_files(scenario);
  check_output_target(out, overwrite, inputs);
  check_memory(scenario, threads, vm.count("no-memory-check") == 0, std::cerr);

  ProgressBar bar(scenario.name, "resident-ticks", true);
  RunOptions run_options;
  run_options.threads = threads;
  run_options.progress = [&bar](double done, double total) { bar.update(done, total); };
  const RunResult result = run_scenario(scenario, run_options);
  write_result(result, out, overwrite, inputs);
  std::cerr << "wrote " << out.string() << " (" << scenario.name << ": " << total_residents(scenario)
            << " residents, " << scenario.replicates << " replicates, " << scenario.horizon_ticks
            << " ticks)\n";
  return 0;
}

int validate_command(const Args& args) {
  po::options_description options(kValidateHelp);
  options.add_options()("help,h", "show this help")(
      "scenario", po::value<std::vector<std::string>>()->required(), "scenario JSON files")(
      "threads,t", po::value<int>()->default_value(0), "threads the run would use, for the memory estimate")(
      "no-memory-check", "do not refuse a scenario whose estimated peak memory exceeds the free memory");
  po::positional_options_description positional;
  positional.add("scenario", -1);
  if (wants_help(args)) { std::cout << options << "\n"; return 0; }
  const auto vm = parse(args, options, positional);
  const int threads = checked_threads(vm);
  for (const std::string& file : vm["scenario"].as<std::vector<std::string>>()) {
    const Scenario s = load_scenario(file);
    std::cout << file << ": ok\n  scenario " << s.name << ", seed " << s.seed << ", " << s.replicates
              << " replicates, " << s.horizon_ticks << " ticks\n  " << s.buurten.size() << " buurten, "
              << total_residents(s) << " residents aged 15+\n";
    if (!s.data_notes.empty())
      std::cout << "  " << s.data_notes.size() << " values taken from a wider area or a default (CBS data):\n";
    for (std::size_t n = 0; n < std::min<std::size_t>(s.data_notes.size(), 10); ++n)
      std::cout << "    " << s.data_notes[n] << "\n";
    if (s.data_notes.size() > 10) std::cout << "    ...\n";
    describe_levers(std::cout, "levers", s.government.plan);
    if (s.government.role == Role::kaleidoscopic)
      describe_levers(std::cout, "levers where vulnerability >= threshold", s.government.vulnerable_plan);
    check_memory(s, threads, vm.count("no-memory-check") == 0, std::cout);
  }
  return 0;
}

int info_command(const Args& args) {
  po::options_description options(kInfoHelp);
  options.add_options()("help,h", "show this help")("file", po::value<std::string>()->required(), "result file");
  po::positional_options_description positional;
  positional.add("file", 1);
  if (wants_help(args)) { std::cout << options << "\n"; return 0; }
  const auto vm = parse(args, options, positional);
  std::cout << describe_result_file(vm["file"].as<std::string>());
  return 0;
}

}  // namespace wijksim::cli
