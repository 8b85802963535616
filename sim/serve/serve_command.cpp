// `wijksim serve`: options, the folders the studio may use, the token, and the start-up message.
#include <boost/asio/ip/address.hpp>
#include <fstream>
#include <iostream>
#include <random>
#include <thread>

#include "sim/core/command_line.hpp"
#include "sim/serve/http_server.hpp"
#include "sim/serve/serve.hpp"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace wijksim::serve {
namespace {

const char* kServeHelp = R"(Usage: wijksim serve [options]

Starts the studio: a page in your browser where you pick a place (a bundled scenario, a gemeente
from the CBS tables, or your own KWB table), set up to five alternatives (a role each and any
lever), run them with progress, and compare them: the decision summary, time series, cost against
effect and maps, with the result files, the report and the command lines that reproduce each run.
Results go to --results, one folder per run; earlier runs are listed from those files.

It listens on 127.0.0.1 only, unless --address names another address; then every request must
carry the token printed at start (the printed address includes it; --require-token asks for
it on 127.0.0.1 too). See docs/studio.md.

Examples:
  build/wijksim serve                      then open the address it prints
  build/wijksim serve --port 9000 --results my_runs
  build/wijksim serve --address 0.0.0.0    reachable from other machines, with a token

Options)";

std::string random_token() {
  std::random_device device;
  const char* digits = "0123456789abcdef";
  std::string token;
  for (int i = 0; i < 32; ++i) token += digits[device() % 16];
  return token;
}

fs::path existing_folder(const std::string& value, const char* option) {
  std::error_code error;
  const fs::path folder = fs::canonical(value, error);
  if (error || !fs::is_directory(folder))
    throw UsageError{std::string("--") + option + ": no such folder: " + value};
  return folder;
}

}  // namespace

int serve_command(const CommandArgs& args) {
  const fs::path repository = WIJKSIM_SOURCE_DIR;
  po::options_description options(kServeHelp);
  options.add_options()
      ("help,h", "show this help")
      ("address", po::value<std::string>()->default_value("127.0.0.1"), "address to listen on")
      ("port,p", po::value<std::uint16_t>()->default_value(8765), "port to listen on (0: any free port)")
      ("results", po::value<std::string>()->default_value("results/studio"), "folder for the runs (created if missing)")
      ("scenarios", po::value<std::string>()->default_value((repository / "scenarios").string()), "bundled scenarios")
      ("data", po::value<std::string>()->default_value((repository / ".." / "shared" / "data").lexically_normal().string()),
       "CBS tables and boundaries (see docs/data.md)")
      ("own-data", po::value<std::string>(), "a folder with your own KWB tables (.csv) and buurt boundaries (.geojson)")
      ("web", po::value<std::string>()->default_value((repository / "web" / "dist").string()), "the built front end")
      ("require-token", "ask for the printed token even on 127.0.0.1 (on a machine shared with other users)")
      ("concurrent", po::value<int>()->default_value(1), "runs executed at the same time (others wait in the queue)")
      ("threads,t", po::value<int>()->default_value(0), "engine threads per run; 0 = all cores")
      ("max-run-memory", po::value<double>()->default_value(0),
       "largest run in MiB of estimated peak memory; 0 = the free memory, shared by the concurrent runs");
  if (wants_help(args)) {
    std::cout << options << "\n";
    return 0;
  }
  const auto vm = parse_command_line(args, options, {});
  HttpConfig http;
  http.address = vm["address"].as<std::string>();
  http.port = vm["port"].as<std::uint16_t>();
  boost::system::error_code bad_address;
  const auto address = boost::asio::ip::make_address(http.address, bad_address);
  if (bad_address) throw UsageError{"--address: not an IP address: " + http.address};
  if (!address.is_loopback() || vm.count("require-token")) http.token = random_token();

  StudioConfig config;
  fs::create_directories(vm["results"].as<std::string>());
  config.folders = {.scenarios = existing_folder(vm["scenarios"].as<std::string>(), "scenarios"),
                    .data = existing_folder(vm["data"].as<std::string>(), "data"),
                    .own_data = vm.count("own-data") ? existing_folder(vm["own-data"].as<std::string>(), "own-data")
                                                     : fs::path(),
                    .results = existing_folder(vm["results"].as<std::string>(), "results")};
  config.repository = repository;
  config.web = vm["web"].as<std::string>();
  config.limits.concurrent_runs = std::max(1, vm["concurrent"].as<int>());
  config.limits.threads = std::max(0, vm["threads"].as<int>());
  config.limits.max_run_bytes = vm["max-run-memory"].as<double>() * 1024 * 1024;
  if (!fs::is_regular_file(config.web / "index.html"))
    std::cerr << "wijksim serve: the front end is not built (" << (config.web / "index.html").string()
              << " is missing); run ./wijksim.sh build\n";
  Studio studio(config);
  serve_http(studio, http, [&](std::uint16_t port) {
    const std::string host = address.is_loopback() ? "127.0.0.1" : http.address;
    std::cout << "wijksim studio: open http://" << (address.is_v6() ? "[" + host + "]" : host) << ":" << port << "/"
              << (http.token.empty() ? "" : "?token=" + http.token) << "\n"
              << "  results in " << config.folders.results.string() << "; Ctrl-C stops (unfinished runs are dropped)\n"
              << std::flush;
  });
  std::cout << "wijksim studio: stopping; unfinished runs are cancelled\n" << std::flush;
  studio.cancel_all();
  std::_Exit(0);  // connection threads may still hold the studio; the result files are complete
}

}  // namespace wijksim::serve
