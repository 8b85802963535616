#include "sim/serve/studio.hpp"

#include <fstream>
#include <set>
#include <sstream>

#include "sim/core/version.hpp"
#include "sim/data/data_error.hpp"
#include "sim/engine/memory_estimate.hpp"
#include "sim/io/output_error.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/scenario/load.hpp"
#include "sim/scenario/parameters.hpp"
#include "sim/scenario/roles.hpp"
#include "sim/serve/run_folder.hpp"
#include "sim/serve/safe_path.hpp"

namespace wijksim::serve {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

ApiResponse json_response(int status, const json& body) {
  return {.status = status, .body = body.dump()};
}

ApiResponse error_response(int status, const std::string& message) {
  return json_response(status, {{"error", message}});
}

std::optional<std::string> read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string content_type_of(const fs::path& file) {
  const std::string extension = file.extension().string();
  if (extension == ".html") return "text/html; charset=utf-8";
  if (extension == ".js") return "text/javascript; charset=utf-8";
  if (extension == ".css") return "text/css; charset=utf-8";
  if (extension == ".json" || extension == ".geojson") return "application/json";
  if (extension == ".csv") return "text/csv; charset=utf-8";
  if (extension == ".png") return "image/png";
  if (extension == ".svg") return "image/svg+xml";
  if (extension == ".h5") return "application/x-hdf5";
  return "application/octet-stream";
}

const char* kind_name(ValueKind kind) {
  static const char* names[] = {"number", "integer", "boolean", "text", "text_list", "choice"};
  return names[static_cast<int>(kind)];
}

json number_or_null(double value) { return std::isfinite(value) ? json(value) : json(nullptr); }

template <class Target>
json describe_parameter(const Parameter<Target>& parameter, const std::string& prefix) {
  return {{"key", prefix + parameter.path},
          {"kind", kind_name(parameter.kind)},
          {"min", number_or_null(parameter.min)},
          {"max", number_or_null(parameter.max)},
          {"choices", parameter.choices},
          {"description", parameter.description}};
}

// The levers with each role's preset as default, then the model's other scenario parameters.
json parameter_registry() {
  json levers = json::array();
  for (const auto& parameter : parameters_of<Levers>().parameters) {
    json entry = describe_parameter(parameter, "government.levers.");
    json defaults = json::object();
    for (std::size_t role = 0; role < kRoleNames.size(); ++role) {
      Levers preset = preset_levers(static_cast<Role>(role));
      defaults[kRoleNames[role]] = parameter.read(preset);
    }
    entry["defaults"] = defaults;
    levers.push_back(entry);
  }
  json model = json::array();
  Scenario defaults;
  for (const auto& parameter : parameters_of<Scenario>().parameters) {
    const std::string section = parameter.path.substr(0, parameter.path.find('.'));
    if (parameter.path.find('.') == std::string::npos || section == "output" || section == "government") continue;
    if (parameter.kind == ValueKind::text || parameter.kind == ValueKind::text_list) continue;
    json entry = describe_parameter(parameter, "");
    entry["default"] = parameter.read(defaults);
    model.push_back(entry);
  }
  json roles = json::array();
  for (const char* role : kRoleNames) roles.push_back(role);
  return {{"roles", roles}, {"levers", levers}, {"model", model}};
}

// Code, name and residents of every gemeente: names from the boundaries, residents from the
// national KWB table.
json load_gemeenten(const StudioFolders& folders) {
  json gemeenten = json::array();
  const auto boundaries_path = folders.data_file(kGemeenteBoundaries);
  const auto table_path = folders.data_file(kNationalTable);
  if (!boundaries_path || !table_path) return gemeenten;
  std::ifstream boundaries_file(*boundaries_path);
  std::ifstream table_file(*table_path);
  const json boundaries = json::parse(boundaries_file, nullptr, false);
  const json table = json::parse(table_file, nullptr, false);
  if (!boundaries.is_object() || !table.is_object()) return gemeenten;
  for (const json& feature : boundaries.value("features", json::array())) {
    const json& properties = feature.value("properties", json::object());
    const std::string code = properties.value("gemeentecode", "");
    if (!table.contains(code)) continue;
    gemeenten.push_back({{"code", code},
                         {"name", properties.value("gemeentenaam", code)},
                         {"residents", table[code].value("AantalInwoners_5", 0)}});
  }
  std::sort(gemeenten.begin(), gemeenten.end(),
            [](const json& a, const json& b) { return a["name"].get<std::string>() < b["name"].get<std::string>(); });
  return gemeenten;
}

// Files below `folder` with one of the extensions, relative to it, skipping hidden folders.
std::vector<std::string> files_below(const fs::path& folder, const std::vector<std::string>& extensions) {
  std::vector<std::string> files;
  std::error_code error;
  for (auto it = fs::recursive_directory_iterator(folder, error); !error && it != fs::recursive_directory_iterator();
       it.increment(error)) {
    const fs::path& path = it->path();
    if (path.filename().string().front() == '.') {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file() &&
        std::find(extensions.begin(), extensions.end(), path.extension().string()) != extensions.end())
      files.push_back(path.lexically_relative(folder).string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

json parse_body(const std::string& body) {
  try {
    return json::parse(body);
  } catch (const json::parse_error& error) {
    throw InputError({.file = "run request", .problem = "malformed JSON: " + std::string(error.what())});
  }
}

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  std::stringstream stream(path);
  std::string part;
  while (std::getline(stream, part, '/'))
    if (!part.empty()) parts.push_back(part);
  return parts;
}

}  // namespace

ApiResponse input_error_response(int status, const std::exception& error) {
  json body = {{"error", error.what()}};
  if (const auto* input = dynamic_cast<const InputError*>(&error)) {
    body["file"] = input->file();
    body["json_path"] = input->json_path();
    body["problem"] = input->details().problem;
    body["expected"] = input->expected();
    body["found"] = input->found();
    body["suggestion"] = input->suggestion();
    if (const auto* alternative = dynamic_cast<const AlternativeInputError*>(input))
      body["alternative"] = alternative->index;
  }
  return json_response(status, body);
}

Studio::Studio(StudioConfig config)
    : config_(std::move(config)), gemeenten_(load_gemeenten(config_.folders)) {
  fs::create_directories(config_.folders.results);
  queue_ = std::make_unique<RunQueue>([this](Job& job, RunQueue& queue) { execute_run(job, queue, config_); },
                                      config_.limits.concurrent_runs, config_.max_waiting_runs);
}

Studio::~Studio() = default;

ApiResponse Studio::handle(const ApiRequest& request) {
  try {
    if (request.path.rfind("/api/", 0) == 0) return route_api(request);
    if (request.method != "GET" && request.method != "HEAD") return error_response(405, "method not allowed");
    return static_file(request.path);
  } catch (const InputError& error) {
    return input_error_response(400, error);
  } catch (const DataError& error) {
    return input_error_response(400, error);
  } catch (const std::exception& error) {
    return error_response(500, std::string("internal error: ") + error.what());
  }
}

ApiResponse Studio::route_api(const ApiRequest& request) {
  const std::vector<std::string> parts = split_path(request.path);  // "api", ...
  const bool get = request.method == "GET";
  const bool post = request.method == "POST";
  if (parts.size() == 2 && get && parts[1] == "info") {
    return json_response(200, {{"engine_version", kEngineVersion},
                               {"git_commit", kGitCommit},
                               {"limits",
                                {{"max_alternatives", config_.limits.max_alternatives},
                                 {"max_replicates", config_.limits.max_replicates},
                                 {"max_horizon_ticks", config_.limits.max_horizon_ticks},
                                 {"max_run_bytes", config_.limits.max_run_bytes}}}});
  }
  if (parts.size() == 2 && get && parts[1] == "places") return json_response(200, places());
  if (parts.size() == 2 && get && parts[1] == "parameters") return json_response(200, parameter_registry());
  if (parts.size() == 3 && get && parts[1] == "geo") {
    const auto path = parts[2] == "gemeenten" ? config_.folders.data_file(kGemeenteBoundaries) : std::nullopt;
    const auto text = path ? read_file(*path) : std::nullopt;
    if (!text) return error_response(404, "no gemeente boundaries in the data folder");
    return {.body = *text};
  }
  if (parts.size() == 2 && get && parts[1] == "boundaries") {
    // ?file=NAME: a boundaries file inside the data folder.
    const std::string prefix = "file=";
    const std::string named = request.query.rfind(prefix, 0) == 0 ? request.query.substr(prefix.size()) : "";
    const auto path = config_.folders.data_file(named);
    if (!path || (path->extension() != ".geojson" && path->extension() != ".json"))
      return error_response(404, "boundaries: no .geojson file by that name inside the data folders");
    const auto text = read_file(*path);
    if (!text) return error_response(404, "no such boundaries file: " + named);
    return {.body = *text};
  }
  if (parts.size() == 2 && post && parts[1] == "validate") return validate(request.body);
  if (parts.size() == 2 && parts[1] == "runs") {
    if (post) return submit(request.body);
    if (get) return json_response(200, list_runs());
  }
  if (parts.size() >= 3 && parts[1] == "runs") {
    std::string rest;
    for (std::size_t i = 3; i < parts.size(); ++i) rest += (rest.empty() ? "" : "/") + parts[i];
    if (!is_plain_name(parts[2])) return error_response(404, "no such run");
    return run_api(request, parts[2], rest);
  }
  return error_response(404, "no such API: " + request.method + " " + request.path);
}

ApiResponse Studio::run_api(const ApiRequest& request, const std::string& id, const std::string& rest) {
  if (rest.empty() && request.method == "GET") return run_details(id);
  if (rest == "cancel" && request.method == "POST") {
    if (!queue_->cancel(id)) return error_response(409, "run " + id + " is not queued or running");
    return json_response(202, {{"id", id}, {"cancelling", true}});
  }
  if (rest == "report" && request.method == "GET") return report(id);
  if (rest.rfind("export/", 0) == 0 && request.method == "GET") return exported_table(id, rest.substr(7));
  if (rest.rfind("files/", 0) == 0 && request.method == "GET") return run_file(id, rest.substr(6));
  return error_response(404, "no such API: " + request.method + " " + request.path);
}

RunPlan Studio::plan(const std::string& body) const {
  RunPlan plan = plan_run(parse_body(body), config_.folders, config_.limits);
  for (const json& gemeente : gemeenten_)
    if (gemeente["code"] == plan.place_label)
      plan.place_label = gemeente["name"].get<std::string>() + " (" + plan.place_label + ")";
  return plan;
}

ApiResponse Studio::validate(const std::string& body) {
  const RunPlan plan = this->plan(body);
  json alternatives = json::array();
  for (const PlannedAlternative& a : plan.alternatives) alternatives.push_back(a.name);
  return json_response(200, {{"ok", true},
                             {"place", plan.place_label},
                             {"residents", plan.residents},
                             {"estimated_memory", format_bytes(plan.estimated_bytes)},
                             {"buurten", plan.alternatives.front().scenario.buurten.size()},
                             {"alternatives", alternatives}});
}

ApiResponse Studio::submit(const std::string& body) {
  RunPlan plan = this->plan(body);
  const auto id = queue_->submit(std::move(plan));
  if (!id) return error_response(503, "the run queue is full; try again when a run has finished");
  return json_response(202, *queue_->status(*id));
}

json Studio::list_runs() const {
  json runs = json::array();
  std::set<std::string> active;
  for (json& run : queue_->unfinished()) {
    active.insert(run["id"].get<std::string>());
    runs.push_back(std::move(run));
  }
  std::vector<fs::path> folders;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(config_.folders.results, error))
    if (entry.is_directory() && is_plain_name(entry.path().filename().string())) folders.push_back(entry.path());
  std::sort(folders.rbegin(), folders.rend());
  for (const fs::path& folder : folders) {
    if (active.count(folder.filename().string())) continue;
    try {
      json run = describe_run(folder);
      if (!run.is_null()) runs.push_back(std::move(run));
    } catch (const std::exception&) {
      // A folder whose files are not readable results is not a run to offer.
    }
  }
  return {{"runs", runs}};
}

ApiResponse Studio::run_details(const std::string& id) {
  json details = queue_->status(id).value_or(json(nullptr));
  const fs::path folder = config_.folders.results / id;
  const bool finished = details.is_null() || details["state"] == "done";
  if (finished) {
    json described = describe_run(folder);
    if (described.is_null()) return details.is_null() ? error_response(404, "no such run: " + id) : json_response(200, details);
    if (details.is_null()) details = described;
    details["results"] = described["alternatives"];
    details["summary"] = run_summary(folder, config_);
    details["commands"] = reproducing_commands(folder, config_);
    details["boundaries"] = run_manifest(folder).value("boundaries", "");
    json files = json::array();
    for (const std::string& name : files_below(folder, {".h5", ".json", ".csv"}))
      if (name.find('/') == std::string::npos && name != "run.json")
        files.push_back({{"name", name}, {"bytes", fs::file_size(folder / name)}});
    details["files"] = files;
  }
  return json_response(200, details);
}

ApiResponse Studio::run_file(const std::string& id, const std::string& name) {
  const fs::path folder = config_.folders.results / id;
  if (!is_plain_name(name) || !complete_results(folder)) return error_response(404, "no such file");
  const auto path = inside_folder(folder, name);
  const auto text = path ? read_file(*path) : std::nullopt;
  if (!text) return error_response(404, "no such file: " + name);
  return {.content_type = content_type_of(*path), .body = *text, .download_name = name};
}

std::optional<fs::path> Studio::report_folder(const std::string& id) {
  const fs::path folder = config_.folders.results / id;
  const auto results = complete_results(folder);
  if (!results) return std::nullopt;
  std::lock_guard lock(report_mutex_);
  if (!fs::is_regular_file(folder / "report" / "index.html")) {
    std::vector<std::string> arguments{"analysis", "report"};
    for (const fs::path& result : *results) arguments.push_back(result.string());
    arguments.insert(arguments.end(), {"-o", (folder / "report").string()});
    run_analysis(config_, arguments, folder / "report.log");
  }
  return folder / "report";
}

ApiResponse Studio::report(const std::string& id) {
  const auto folder = report_folder(id);
  if (!folder) return error_response(404, "no such run: " + id);
  return {.content_type = "text/html; charset=utf-8", .body = read_file(*folder / "index.html").value_or("")};
}

ApiResponse Studio::exported_table(const std::string& id, const std::string& name) {
  if (!is_plain_name(name) || fs::path(name).extension() != ".csv") return error_response(404, "no such table");
  const auto folder = report_folder(id);
  const auto text = folder ? read_file(*folder / name) : std::nullopt;
  if (!text) return error_response(404, "no such table: " + name);
  return {.content_type = "text/csv; charset=utf-8", .body = *text, .download_name = name};
}

json Studio::places() const {
  json scenarios = json::array();
  for (const std::string& file : files_below(config_.folders.scenarios, {".json"})) {
    if (file.rfind("experiments/", 0) == 0) continue;
    try {
      const json merged = read_scenario_json(config_.folders.scenarios / file);
      scenarios.push_back({{"file", file},
                           {"name", merged.value("name", file)},
                           {"description", merged.value("description", "")},
                           {"cbs", merged.contains("municipality") && merged["municipality"].contains("cbs")}});
    } catch (const std::exception&) {
      // A file that is not a scenario is not offered.
    }
  }
  json tables = json::array();
  json boundaries = json::array();
  for (const fs::path& folder : config_.folders.data_folders()) {
    for (const std::string& file : files_below(folder, {".csv"})) tables.push_back(file);
    for (const std::string& file : files_below(folder, {".geojson"}))
      if (file != kGemeenteBoundaries) boundaries.push_back(file);
  }
  return {{"scenarios", scenarios}, {"gemeenten", gemeenten_}, {"kwb_tables", tables}, {"boundaries", boundaries}};
}

ApiResponse Studio::static_file(const std::string& path) const {
  const std::string name = path == "/" ? "index.html" : path.substr(1);
  if (!is_plain_name(name)) return error_response(404, "not found");
  const auto file = inside_folder(config_.web, name);
  const auto text = file ? read_file(*file) : std::nullopt;
  if (!text) {
    if (name == "index.html")
      return {.status = 503, .content_type = "text/plain; charset=utf-8",
              .body = "The studio's front end is not built: run ./wijksim.sh build (it runs npm ci and the "
                      "bundler in web/).\n"};
    return error_response(404, "not found");
  }
  return {.content_type = content_type_of(*file), .body = *text};
}

std::optional<std::string> Studio::events_run(const std::string& path) {
  const std::vector<std::string> parts = split_path(path);
  if (parts.size() == 4 && parts[0] == "api" && parts[1] == "runs" && parts[3] == "events" && is_plain_name(parts[2]))
    return parts[2];
  return std::nullopt;
}

std::optional<json> Studio::next_event(const std::string& id, std::uint64_t seen) {
  if (auto status = queue_->wait_for_change(id, seen, std::chrono::seconds(10))) return status;
  const json described = describe_run(config_.folders.results / id);
  if (described.is_null()) return std::nullopt;
  return described;
}

}  // namespace wijksim::serve
