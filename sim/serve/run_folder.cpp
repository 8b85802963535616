#include "sim/serve/run_folder.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>

#include "sim/engine/engine.hpp"
#include "sim/io/result_reader.hpp"
#include "sim/io/result_writer.hpp"
#include "sim/scenario/load.hpp"

extern char** environ;

namespace wijksim::serve {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

json read_json_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return json::parse(in, nullptr, false);
}

void write_json_atomically(const fs::path& file, const json& content) {
  const fs::path temporary = file.string() + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << content.dump(1) << "\n";
    if (!out) throw std::runtime_error("cannot write " + temporary.string());
  }
  fs::rename(temporary, file);
}

std::vector<std::string> stems(const json& manifest) {
  std::vector<std::string> names;
  if (!manifest.is_object() || !manifest.contains("alternatives") || !manifest["alternatives"].is_array()) return names;
  for (const json& alternative : manifest["alternatives"])
    if (alternative.contains("file_stem") && alternative["file_stem"].is_string())
      names.push_back(alternative["file_stem"].get<std::string>());
  return names;
}

std::string tail_of(const fs::path& file, std::size_t characters) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  const std::string all = text.str();
  return all.size() > characters ? all.substr(all.size() - characters) : all;
}

std::string shown(const fs::path& file) {
  const fs::path relative = fs::weakly_canonical(file).lexically_relative(fs::current_path());
  return relative.empty() || *relative.begin() == ".." ? file.string() : relative.string();
}

}  // namespace

json run_manifest(const fs::path& run_folder) {
  json manifest = read_json_file(run_folder / "run.json");
  return manifest.is_object() ? manifest : json(nullptr);
}

std::optional<std::vector<fs::path>> complete_results(const fs::path& run_folder) {
  const json manifest = read_json_file(run_folder / "run.json");
  const std::vector<std::string> names = stems(manifest);
  if (names.empty()) return std::nullopt;
  std::vector<fs::path> files;
  for (const std::string& stem : names) {
    files.push_back(run_folder / (stem + ".h5"));
    if (!fs::is_regular_file(files.back())) return std::nullopt;
  }
  return files;
}

json describe_run(const fs::path& run_folder) {
  const auto files = complete_results(run_folder);
  if (!files) return nullptr;
  const json manifest = read_json_file(run_folder / "run.json");
  json alternatives = json::array();
  for (const fs::path& file : *files) {
    const ResultHeader header = read_result_header(file);
    const json scenario = json::parse(header.info.scenario_json, nullptr, false);
    alternatives.push_back({{"file", file.filename().string()},
                            {"scenario", header.info.scenario_name},
                            {"role", scenario.is_object() ? scenario["government"].value("role", "") : ""},
                            {"seed", header.info.seed},
                            {"replicates", header.info.replicates},
                            {"horizon_ticks", header.info.horizon_ticks},
                            {"residents", header.info.residents},
                            {"buurten", header.info.buurten},
                            {"engine_version", header.engine_version},
                            {"git_commit", header.git_commit}});
  }
  return {{"id", run_folder.filename().string()},
          {"state", "done"},
          {"place", manifest.value("place", "")},
          {"created", manifest.value("created", "")},
          {"alternatives", alternatives}};
}

namespace {

// Words joined by spaces (appending, rather than chains of operator+, which GCC 12 misreads under -O3).
std::string command_line(std::initializer_list<std::string> words) {
  std::string line;
  for (const std::string& word : words) {
    if (!line.empty()) line += ' ';
    line += word;
  }
  return line;
}

}  // namespace

json reproducing_commands(const fs::path& run_folder, const StudioConfig& config) {
  const json manifest = read_json_file(run_folder / "run.json");
  json commands = json::array();
  std::string files;
  for (const std::string& stem : stems(manifest)) {
    const std::string result = shown(run_folder / (stem + ".h5"));
    commands.push_back(command_line({config.wijksim_command, "run", shown(run_folder / (stem + ".json")), "-o",
                                     result, "--overwrite"}));
    files = command_line({files, result});
  }
  if (!commands.empty()) {
    const std::string reference = manifest["alternatives"][0].value("name", "");
    commands.push_back(command_line({"PYTHONPATH=" + shown(config.repository), config.python, "-m analysis compare",
                                     files, "--reference", reference}));
  }
  return commands;
}

void run_analysis(const StudioConfig& config, const std::vector<std::string>& arguments,
                  const fs::path& log_file) {
  std::vector<std::string> argv_text{config.python, "-m"};
  argv_text.insert(argv_text.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (std::string& a : argv_text) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_text{"PYTHONPATH=" + config.repository.string(), "MPLBACKEND=Agg"};
  for (char** e = environ; *e; ++e) {
    const std::string entry = *e;
    if (entry.rfind("PYTHONPATH=", 0) != 0 && entry.rfind("MPLBACKEND=", 0) != 0) env_text.push_back(entry);
  }
  std::vector<char*> env;
  for (std::string& e : env_text) env.push_back(e.data());
  env.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), env.data());
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) throw std::runtime_error("cannot start " + config.python + ": " + std::strerror(spawned));
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw std::runtime_error("the analysis (python -m " + arguments.front() + ") failed: " + tail_of(log_file, 1500));
}

json run_summary(const fs::path& run_folder, const StudioConfig& config) {
  const fs::path file = run_folder / "summary.json";
  if (!fs::is_regular_file(file)) {
    const auto results = complete_results(run_folder);
    if (!results) throw std::runtime_error("run " + run_folder.filename().string() + " is not complete");
    std::vector<std::string> arguments{"analysis.studio_summary"};
    for (const fs::path& result : *results) arguments.push_back(result.string());
    arguments.insert(arguments.end(), {"--output", file.string()});
    run_analysis(config, arguments, run_folder / "analysis.log");
  }
  return read_json_file(file);
}

namespace {

void note_progress(Job& job, RunQueue& queue, std::size_t index, double done, double total,
                   std::chrono::steady_clock::time_point start,
                   std::chrono::steady_clock::time_point& last_update) {
  if (job.cancel_requested) throw RunCancelled{};
  const auto now = std::chrono::steady_clock::now();
  if (done < total && now - last_update < std::chrono::milliseconds(200)) return;
  last_update = now;
  queue.update(job, [&](Job& j) {
    AlternativeProgress& a = j.alternatives[index];
    a.done = done;
    a.total = total;
    a.seconds = std::chrono::duration<double>(now - start).count();
  });
}

void simulate_alternatives(Job& job, RunQueue& queue, const StudioConfig& config,
                           const std::vector<fs::path>& scenario_files, const fs::path& run_folder) {
  for (std::size_t i = 0; i < scenario_files.size(); ++i) {
    const Scenario scenario = load_scenario(scenario_files[i]);
    queue.update(job, [&](Job& j) { j.alternatives[i].state = RunState::running; });
    const auto start = std::chrono::steady_clock::now();
    auto last_update = start;
    RunOptions options;
    options.threads = config.limits.threads;
    options.progress = [&](double done, double total) {
      note_progress(job, queue, i, done, total, start, last_update);
    };
    const RunResult result = run_scenario(scenario, options);
    if (job.cancel_requested) throw RunCancelled{};
    write_result(result, run_folder / (job.plan.alternatives[i].file_stem + ".h5"), false);
    queue.update(job, [&](Job& j) { j.alternatives[i].state = RunState::done; });
  }
}

json manifest_of(const Job& job) {
  json alternatives = json::array();
  for (const PlannedAlternative& a : job.plan.alternatives)
    alternatives.push_back({{"name", a.name}, {"file_stem", a.file_stem}});
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char created[32];
  std::strftime(created, sizeof created, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return {{"id", job.id},
          {"place", job.plan.place_label},
          {"boundaries", job.plan.boundaries},
          {"created", created},
          {"request", job.plan.request},
          {"alternatives", alternatives}};
}

}  // namespace

void execute_run(Job& job, RunQueue& queue, const StudioConfig& config) {
  const fs::path run_folder = config.folders.results / job.id;
  try {
    fs::create_directories(run_folder);
    write_json_atomically(run_folder / "run.json", manifest_of(job));
    const std::vector<fs::path> scenario_files = write_scenario_files(job.plan, run_folder);
    simulate_alternatives(job, queue, config, scenario_files, run_folder);
    queue.update(job, [](Job& j) { j.state = RunState::analysing; });
    run_summary(run_folder, config);
    queue.update(job, [](Job& j) { j.state = RunState::done; });
  } catch (const RunCancelled&) {
    std::error_code ignored;
    fs::remove_all(run_folder, ignored);
    queue.update(job, [](Job& j) {
      j.state = RunState::cancelled;
      j.message = "cancelled; nothing was kept";
    });
  } catch (const std::exception& error) {
    std::error_code ignored;
    fs::remove_all(run_folder, ignored);
    const std::string message = error.what();
    queue.update(job, [&](Job& j) {
      j.state = RunState::failed;
      j.message = message;
    });
  }
}

}  // namespace wijksim::serve
