// run, validate and info: thin wrappers that connect the stages of the data flow.
#include "sim/cli/commands.hpp"

#include <boost/program_options.hpp>
#include <iostream>

#include "sim/cli/scenario_options.hpp"
#include "sim/core/command_line.hpp"
#include "sim/data/cbs_buurten.hpp"
#include "sim/io/result_reader.hpp"
#include "sim/io/result_writer.hpp"
#include "sim/scenario/load.hpp"
#include "sim/scenario/roles.hpp"
#include "sim/scenario/settings.hpp"

namespace po = boost::program_options;

namespace wijksim::cli {
namespace {

const char* kRunHelp = R"(Usage: wijksim run SCENARIO.json -o OUT.h5 [options]

Runs a scenario (all its replicates) and writes one HDF5 result file. The file appears only
when complete; an existing file is kept unless --overwrite is given.

Any scenario key can be set without editing the file: --set KEY.PATH=VALUE (repeatable) is
applied before validation, checked exactly like the file and recorded in the result's resolved
scenario. VALUE is read as JSON (16, true, [1,2]) or else as text (inviting).

Examples:
  wijksim run scenarios/inviting.json -o results/inviting.h5
  wijksim run scenarios/base.json -o quick.h5 --replicates 1 --horizon 104 --threads 2
  wijksim run scenarios/inviting.json -o results/inviting.h5 --seed 7 --overwrite
  wijksim run scenarios/top_down.json -o more_workers.h5 \
      --set government.levers.community_worker_hours_per_1000=10 --set horizon_ticks=260

Options)";

const char* kValidateHelp = R"(Usage: wijksim validate SCENARIO.json [MORE.json ...] [--set KEY.PATH=VALUE ...]

Checks scenario files without running them and prints what each one resolves to: buurten,
residents, the role and the levers in force. Settings (--set, as for run) are applied to each
file first. Exit status 2 names the first problem found.

Examples:
  wijksim validate scenarios/*.json
  wijksim validate scenarios/base.json --set government.role=inviting --set government.levers.rung=co_decide

Options)";

const char* kInfoHelp = R"(Usage: wijksim info RESULT.h5

Tells in words what a result file holds: the scenario, seed, engine version and commit, and
every time series and table with its shape and meaning (see docs/output-format.md).

Example:
  wijksim info results/inviting.h5

Options)";

void describe_levers(std::ostream& out, const char* label, const RolePlan& plan) {
  const Levers& l = plan.levers;
  out << "  " << label << ": role " << kRoleNames[static_cast<int>(plan.role)]
      << ", invitation reach " << l.invitation_reach << "/year (" << kTargetingNames[static_cast<int>(l.targeting)]
      << "), " << l.processes_per_year << " processes/year at rung " << kRungNames[static_cast<int>(l.rung)]
      << ", community workers " << l.community_worker_hours_per_1000 << " h/week per 1,000 residents, residents' budget "
      << l.residents_budget << " euro/resident/year, maintenance x" << l.maintenance << "\n";
}

}  // namespace

int run_command(const CommandArgs& args) {
  po::options_description options(kRunHelp);
  options.add_options()
      ("help,h", "show this help")
      ("scenario", po::value<std::string>()->required(), "scenario JSON file")
      ("output,o", po::value<std::string>()->required(), "result file to write (.h5)");
  const std::optional<RunCommandLine> line =
      parse_run_command(args, options, "replace OUT.h5 if it exists (a regular file that is not one of the inputs)");
  if (!line) return 0;
  const std::filesystem::path out = line->vm["output"].as<std::string>();
  check_output_target(out, line->overwrite, {line->scenario_file});
  const Scenario scenario = load_scenario(line->scenario_file, settings_from(line->vm));
  const std::vector<std::filesystem::path> inputs = input_files(scenario);
  check_output_target(out, line->overwrite, inputs);
  check_memory(scenario, line->threads, line->memory_check, std::cerr);
  run_and_write(scenario, scenario.name, *line, out, inputs);
  return 0;
}

int validate_command(const CommandArgs& args) {
  po::options_description options(kValidateHelp);
  options.add_options()("help,h", "show this help")(
      "scenario", po::value<std::vector<std::string>>()->required(), "scenario JSON files")(
      "threads,t", po::value<int>()->default_value(0), "threads the run would use, for the memory estimate")(
      "no-memory-check", "do not refuse a scenario whose estimated peak memory exceeds the free memory");
  add_setting_options(options);
  po::positional_options_description positional;
  positional.add("scenario", -1);
  if (wants_help(args)) { std::cout << options << "\n"; return 0; }
  const auto vm = parse_command_line(args, options, positional);
  const int threads = checked_threads(vm);
  const std::vector<Setting> settings = settings_from(vm);
  for (const std::string& file : vm["scenario"].as<std::vector<std::string>>()) {
    const Scenario s = load_scenario(file, settings);
    std::cout << file << ": ok\n  scenario " << s.name << ", seed " << s.seed << ", " << s.replicates
              << " replicates, " << s.horizon_ticks << " ticks\n  " << s.buurten.size() << " "
              << region_level_plural(unit_level(s.buurten)) << ", "
              << total_residents(s) << " residents aged 15+\n";
    if (!s.data_notes.empty())
      std::cout << "  " << s.data_notes.size() << " notes on the CBS data (values taken from a wider area or a default, the sample):\n";
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

int info_command(const CommandArgs& args) {
  po::options_description options(kInfoHelp);
  options.add_options()("help,h", "show this help")("file", po::value<std::string>()->required(), "result file");
  po::positional_options_description positional;
  positional.add("file", 1);
  if (wants_help(args)) { std::cout << options << "\n"; return 0; }
  const auto vm = parse_command_line(args, options, positional);
  std::cout << describe_result_file(vm["file"].as<std::string>());
  return 0;
}

}  // namespace wijksim::cli
