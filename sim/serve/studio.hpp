#pragma once
// The studio's JSON API and static files, apart from HTTP: a request (method, path, query, body)
// goes in, a response comes out. http_server.cpp carries these over Boost.Beast and streams the
// progress events; the runs themselves go through the RunQueue and the executor below.
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/serve/run_plan.hpp"
#include "sim/serve/run_queue.hpp"

namespace wijksim::serve {

struct StudioConfig {
  StudioFolders folders;
  std::filesystem::path repository;  // analysis/ (the Python package) lives here
  std::filesystem::path web;         // the bundled front end (web/dist)
  std::string python = "/usr/bin/python3";
  std::string wijksim_command = "build/wijksim";  // as shown in the reproducing command lines
  RunLimits limits;  // also the runs executed at once and the engine threads per run
  int max_waiting_runs = 8;
};

struct ApiRequest {
  std::string method;
  std::string path;   // without the query
  std::string query;  // after '?', undecoded
  std::string body;
};

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body{};
  std::string download_name{};  // set: sent as an attachment
};

class Studio {
 public:
  explicit Studio(StudioConfig config);
  ~Studio();
  ApiResponse handle(const ApiRequest& request);
  // Before the server exits: unfinished runs are cancelled and leave nothing behind.
  void cancel_all() { queue_->cancel_all(std::chrono::seconds(30)); }

  // The run id of an events path (/api/runs/ID/events), if it is one.
  static std::optional<std::string> events_run(const std::string& path);
  // The next progress event of a run: its status once it changes after `seen` (or after the
  // timeout, as a heartbeat); nothing for an unknown run. Finished runs on disk report "done".
  std::optional<nlohmann::json> next_event(const std::string& id, std::uint64_t seen);

 private:
  ApiResponse route_api(const ApiRequest& request);
  ApiResponse run_api(const ApiRequest& request, const std::string& id, const std::string& rest);
  ApiResponse static_file(const std::string& path) const;
  // The request checked into a plan; a gemeente's place is labelled with its name.
  RunPlan plan(const std::string& body) const;
  ApiResponse submit(const std::string& body);
  ApiResponse validate(const std::string& body);
  ApiResponse run_details(const std::string& id);
  ApiResponse run_file(const std::string& id, const std::string& name);
  ApiResponse report(const std::string& id);
  ApiResponse exported_table(const std::string& id, const std::string& name);
  // The run's report folder, written by `analysis report` on first use; nothing for unknown runs.
  std::optional<std::filesystem::path> report_folder(const std::string& id);
  nlohmann::json list_runs() const;
  nlohmann::json places() const;

  StudioConfig config_;
  nlohmann::json gemeenten_;  // code, name, residents of every gemeente in the national table
  std::mutex report_mutex_;  // one report written at a time
  std::unique_ptr<RunQueue> queue_;
};

// 400 with the message of an InputError and its parts, as the CLI prints them.
ApiResponse input_error_response(int status, const std::exception& error);

}  // namespace wijksim::serve
