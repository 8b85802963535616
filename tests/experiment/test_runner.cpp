// The single-process runner on a small scenario: file layout, determinism, interruption and
// resume inside one process, and refusals that protect existing results.
#include <catch.hpp>

#include <filesystem>

#include "h5_compare.hpp"
#include "sim/experiment/runner.hpp"

using namespace wijksim::experiment;
namespace fs = std::filesystem;

namespace {

const std::string kDataDir = std::string(WIJKSIM_SOURCE_DIR) + "/tests/experiment/data";

fs::path fresh_folder(const std::string& name) {
  const fs::path folder = fs::temp_directory_path() / ("wijksim_experiment_" + name);
  fs::remove_all(folder);
  fs::create_directories(folder);
  return folder;
}

ExperimentOptions options(int threads, bool resume = false) {
  ExperimentOptions made;
  made.threads = threads;
  made.resume = resume;
  return made;
}

struct StopAfter : std::runtime_error {
  StopAfter() : std::runtime_error("stopped on purpose") {}
};

}  // namespace

TEST_CASE("a named-scenario experiment writes one complete row per run") {
  const fs::path folder = fresh_folder("layout");
  const ExperimentSpec spec = load_experiment(kDataDir + "/small_roles.json");
  const fs::path out = folder / "roles.h5";
  const auto report = run_experiment(spec, out, options(2));
  CHECK(report.runs == 3);
  CHECK(report.computed == 3);
  CHECK(fs::exists(out));
  CHECK_FALSE(fs::exists(partial_path(out)));

  const auto file = wijksim::h5::File::open_read_only(out);
  const auto root = file.root();
  CHECK(root.read_string_attribute("kind") == "experiment");
  CHECK(root.read_string_attribute("method") == "scenarios");
  CHECK(root.open_dataset("runs/done").read_int64() == std::vector<std::int64_t>{1, 1, 1});
  CHECK(root.open_dataset("design/label").read_strings() ==
        std::vector<std::string>{"top_down", "inviting", "withdrawing"});
  const auto outcomes = root.open_dataset("outcomes/values");
  CHECK(outcomes.shape() == std::vector<std::size_t>{3, 2, spec.outcomes.size()});
  const auto values = outcomes.read_float64();
  for (std::size_t i = 0; i < values.size(); i += spec.outcomes.size()) {
    CHECK(values[i] >= 0.0);  // participation/overall, the first default outcome
    CHECK(values[i] <= 1.0);
  }
  for (std::int64_t residents : root.open_dataset("runs/residents").read_int64()) CHECK(residents == 300);
  const auto scenarios = root.open_dataset("runs/scenario_json").read_strings();
  REQUIRE(scenarios.size() == 3);
  const auto second = nlohmann::json::parse(scenarios[1]);
  CHECK(second.at("government").at("role") == "inviting");
  CHECK(second.at("replicates") == 2);
}

TEST_CASE("results do not depend on threads, and an interrupted experiment resumes to the same file") {
  const fs::path folder = fresh_folder("resume");
  const ExperimentSpec spec = load_experiment(kDataDir + "/small_lhs.json");
  const fs::path reference = folder / "reference.h5";
  run_experiment(spec, reference, options(1));
  const fs::path with_two_threads = folder / "two_threads.h5";
  run_experiment(spec, with_two_threads, options(2));
  experiment_test::require_same_datasets(reference, with_two_threads);

  const fs::path out = folder / "interrupted.h5";
  ExperimentOptions stop_early = options(2);
  stop_early.on_run_done = [](const RunProgress& progress) {
    if (progress.done == 3) throw StopAfter();
  };
  CHECK_THROWS_AS(run_experiment(spec, out, stop_early), StopAfter);
  REQUIRE(fs::exists(partial_path(out)));
  CHECK_THROWS_WITH(run_experiment(spec, out, options(2)), Catch::Contains("--resume"));

  const auto report = run_experiment(spec, out, options(2, true));
  CHECK(report.already_done == 3);
  CHECK(report.computed == report.runs - 3);
  experiment_test::require_same_datasets(reference, out);

  const auto again = run_experiment(spec, out, options(0, true));
  CHECK(again.computed == 0);
  CHECK_THROWS_WITH(run_experiment(spec, out, {}), Catch::Contains("exists"));
}

TEST_CASE("design values and the scenarios they produce agree") {
  const fs::path folder = fresh_folder("design");
  const ExperimentSpec spec = load_experiment(kDataDir + "/small_lhs.json");
  const fs::path out = folder / "lhs.h5";
  run_experiment(spec, out, options(2));
  const auto file = wijksim::h5::File::open_read_only(out);
  const auto root = file.root();
  const auto values = root.open_dataset("design/values").read_float64();
  const auto scenarios = root.open_dataset("runs/scenario_json").read_strings();
  REQUIRE(values.size() == 8 * 3);
  for (std::size_t run = 0; run < 8; ++run) {
    const auto scenario = nlohmann::json::parse(scenarios[run]);
    const auto& levers = scenario.at("government").at("levers");
    CHECK(levers.at("invitation_reach").get<double>() == Approx(values[run * 3]));
    CHECK(levers.at("community_worker_hours_per_1000").get<double>() == values[run * 3 + 1]);
    const char* targeting = values[run * 3 + 2] == 0 ? "uniform" : "under_represented";
    CHECK(levers.at("targeting") == targeting);
  }
}

TEST_CASE("a partial file of another experiment is not resumed") {
  const fs::path folder = fresh_folder("other");
  const ExperimentSpec roles = load_experiment(kDataDir + "/small_roles.json");
  const ExperimentSpec lhs = load_experiment(kDataDir + "/small_lhs.json");
  const fs::path out = folder / "mixed.h5";
  ExperimentOptions stop_early;
  stop_early.on_run_done = [](const RunProgress&) { throw StopAfter(); };
  CHECK_THROWS_AS(run_experiment(roles, out, stop_early), StopAfter);
  CHECK_THROWS_WITH(run_experiment(lhs, out, options(0, true)), Catch::Contains("different experiment"));
}
