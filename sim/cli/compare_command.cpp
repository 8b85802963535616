// wijksim compare: one scenario run once per alternative (a role each, or each value of one
// setting) with common random numbers, then the decision summary and the report of analysis/.
#include <spawn.h>
#include <sys/wait.h>

#include <algorithm>
#include <boost/program_options.hpp>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <set>

#include "sim/cli/commands.hpp"
#include "sim/cli/scenario_options.hpp"
#include "sim/core/command_line.hpp"
#include "sim/core/split.hpp"
#include "sim/io/result_writer.hpp"
#include "sim/scenario/load.hpp"

extern char** environ;

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace wijksim::cli {
namespace {

const char* kCompareHelp = R"(Usage: wijksim compare SCENARIO.json --roles ROLE,ROLE,... -o FOLDER [options]
       wijksim compare SCENARIO.json --vary KEY.PATH=V1,V2,... -o FOLDER [options]

Answers "which alternative, at what cost" in one command. Runs the scenario once per
alternative -- each role, or each value of one setting -- with common random numbers: every
alternative uses the same seed, so replicate r of each has the same residents and the same
random draws, and differences between alternatives are paired. Writes FOLDER/<alternative>.h5,
prints the decision summary against the reference (the first alternative unless --reference):
paired changes with 95% intervals in the liveability gap, past-year participation, representation
and trust, the cost per year for the whole municipality and per resident, and the cost per extra
past-year participant with low education. Then writes FOLDER/report/index.html.

Roles: top_down, responsive, inviting, withdrawing, kaleidoscopic. --set applies to every
alternative (as in wijksim run); the analysis needs /usr/bin/python3 with Debian's python3-h5py,
-pandas, -scipy and -matplotlib (or WIJKSIM_PYTHON).

Examples:
  wijksim compare scenarios/cbs/den_haag.json --roles top_down,inviting,kaleidoscopic -o results/den_haag
  wijksim compare scenarios/base.json --roles top_down,responsive,inviting,withdrawing,kaleidoscopic \
      --replicates 10 -o results/roles
  wijksim compare scenarios/inviting.json --vary government.levers.community_worker_hours_per_1000=0,5,10 \
      --set horizon_ticks=260 -o results/workers

Options)";

struct Alternative {
  std::string name;
  std::vector<Setting> settings;
};

std::vector<Alternative> roles_alternatives(const std::string& list) {
  std::vector<Alternative> alternatives;
  for (const std::string& role : split_at(list, ',')) {
    Setting setting = parse_setting("government.role=" + role);
    setting.origin = "--roles: " + role;
    alternatives.push_back({role, {setting}});
  }
  return alternatives;
}

// "government.levers.community_worker_hours_per_1000=0,5,10" -> "community_worker_hours_per_1000=0", ...
std::vector<Alternative> varied_alternatives(const std::string& assignment) {
  const std::size_t equals = assignment.find('=');
  if (equals == std::string::npos) throw UsageError{"--vary expects KEY.PATH=V1,V2,... (found '" + assignment + "')"};
  const std::string key = assignment.substr(0, equals);
  const std::string leaf = key.substr(key.find_last_of('.') + 1);
  std::vector<Alternative> alternatives;
  for (const std::string& value : split_at(assignment.substr(equals + 1), ',')) {
    Setting setting = parse_setting(key + "=" + value);
    setting.origin = "--vary " + key + "=" + value;
    alternatives.push_back({leaf + "=" + value, {setting}});
  }
  return alternatives;
}

std::vector<Alternative> alternatives_from(const po::variables_map& vm) {
  if (vm.count("roles") == vm.count("vary")) throw UsageError{"give either --roles or --vary"};
  std::vector<Alternative> alternatives = vm.count("roles") ? roles_alternatives(vm["roles"].as<std::string>())
                                                            : varied_alternatives(vm["vary"].as<std::string>());
  std::set<std::string> names;
  for (const Alternative& alternative : alternatives) {
    if (alternative.name.empty() || alternative.name.back() == '=')
      throw UsageError{"an empty alternative in the list (two commas, or a trailing comma)"};
    if (!names.insert(alternative.name).second) throw UsageError{"'" + alternative.name + "' is listed twice"};
  }
  if (alternatives.size() < 2) throw UsageError{"compare needs at least two alternatives"};
  return alternatives;
}

std::string file_name(const std::string& name) {
  std::string safe = name;
  for (char& c : safe) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-' && c != '.' && c != '=') c = '_';
  }
  return safe + ".h5";
}

// Runs `/usr/bin/python3 -m analysis ARGS` with this source tree's analysis/ on the path and
// returns its exit status.
int run_analysis(const std::vector<std::string>& arguments) {
  const char* python_override = std::getenv("WIJKSIM_PYTHON");
  const std::string python = python_override ? python_override : "/usr/bin/python3";
  const char* old_path = std::getenv("PYTHONPATH");
  const std::string path = std::string(WIJKSIM_ANALYSIS_ROOT) + (old_path ? std::string(":") + old_path : "");
  setenv("PYTHONPATH", path.c_str(), 1);
  std::vector<std::string> words{python, "-m", "analysis"};
  words.insert(words.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (std::string& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);
  std::cout.flush();
  pid_t child = 0;
  if (posix_spawn(&child, python.c_str(), nullptr, nullptr, argv.data(), environ) != 0) {
    std::cerr << "wijksim compare: cannot start " << python << " for the analysis; run it yourself:\n  PYTHONPATH="
              << WIJKSIM_ANALYSIS_ROOT << " /usr/bin/python3 -m analysis compare ...\n";
    return 1;
  }
  int status = 0;
  waitpid(child, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

}  // namespace

int compare_command(const CommandArgs& args) {
  po::options_description options(kCompareHelp);
  options.add_options()
      ("help,h", "show this help")
      ("scenario", po::value<std::string>()->required(), "scenario JSON file (the common base)")
      ("roles", po::value<std::string>(), "ROLE,ROLE,...: one alternative per role")
      ("vary", po::value<std::string>(), "KEY.PATH=V1,V2,...: one alternative per value of one setting")
      ("output,o", po::value<std::string>()->required(), "folder for the result files and the report")
      ("reference", po::value<std::string>(), "the alternative the others are compared against (default: the first)")
      ("boundaries", po::value<std::string>(), "buurt boundaries (GeoJSON or GeoPackage) for maps in the report")
      ("no-report", "print the decision summary only; write no report");
  const std::optional<RunCommandLine> line = parse_run_command(args, options, "replace result files that exist");
  if (!line) return 0;
  const po::variables_map& vm = line->vm;
  const std::vector<Alternative> alternatives = alternatives_from(vm);
  const std::string reference = vm.count("reference") ? vm["reference"].as<std::string>() : alternatives.front().name;
  if (std::none_of(alternatives.begin(), alternatives.end(), [&](const Alternative& a) { return a.name == reference; }))
    throw UsageError{"--reference " + reference + " is not one of the alternatives"};

  // Everything is checked before anything runs: a bad setting or target loses nothing.
  const nlohmann::json merged = read_scenario_json(line->scenario_file);
  const std::vector<Setting> common = settings_from(vm);
  const std::string source = fs::path(line->scenario_file).lexically_normal().string();
  std::vector<Scenario> scenarios;
  for (const Alternative& alternative : alternatives) {
    std::vector<Setting> settings = common;
    settings.insert(settings.end(), alternative.settings.begin(), alternative.settings.end());
    settings.push_back({"name", alternative.name, "the alternative's name " + alternative.name});
    scenarios.push_back(scenario_with_settings(merged, settings, source));
  }
  const fs::path folder = vm["output"].as<std::string>();
  check_memory(scenarios.front(), line->threads, line->memory_check, std::cerr);
  fs::create_directories(folder);
  const std::vector<fs::path> inputs = input_files(scenarios.front());
  std::vector<std::string> files;
  for (const Alternative& alternative : alternatives) {
    files.push_back((folder / file_name(alternative.name)).string());
    check_output_target(files.back(), line->overwrite, inputs);
  }

  for (std::size_t a = 0; a < scenarios.size(); ++a) {
    const std::string label = scenarios[a].name + " (" + std::to_string(a + 1) + "/" + std::to_string(scenarios.size()) + ")";
    run_and_write(scenarios[a], label, *line, files[a], inputs);
  }

  std::vector<std::string> analysis{"compare"};
  analysis.insert(analysis.end(), files.begin(), files.end());
  analysis.insert(analysis.end(), {"--reference", reference});
  if (!vm.count("no-report")) analysis.insert(analysis.end(), {"--report", (folder / "report").string()});
  if (vm.count("boundaries")) analysis.insert(analysis.end(), {"--boundaries", vm["boundaries"].as<std::string>()});
  return run_analysis(analysis);
}

}  // namespace wijksim::cli
