// Crash safety for real: the experiment runs in a child process that is killed with SIGKILL at
// random moments, then resumed, several times. After every kill the partial file must open and
// every run it marks done must equal the uninterrupted run's rows; the finished file must have
// exactly the uninterrupted run's datasets.
#include <catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <random>
#include <thread>

#include "h5_compare.hpp"
#include "sim/experiment/runner.hpp"

namespace fs = std::filesystem;

namespace {

const std::string kExperiment = std::string(WIJKSIM_SOURCE_DIR) + "/tests/experiment/data/kill_lhs.json";

pid_t start_driver(const fs::path& out) {
  const pid_t child = fork();
  if (child == 0) {
    execl(WIJKSIM_EXPERIMENT_DRIVER, WIJKSIM_EXPERIMENT_DRIVER, kExperiment.c_str(), out.c_str(),
          "--resume", "--threads", "1", static_cast<char*>(nullptr));
    _exit(127);
  }
  return child;
}

int wait_for(pid_t child) {
  int status = 0;
  waitpid(child, &status, 0);
  return status;
}

// Rows of the done runs in `partial` equal those of the reference file.
void require_done_rows_match(const fs::path& reference, const fs::path& partial) {
  const auto expected = experiment_test::read_all(reference);
  const auto actual = experiment_test::read_all(partial);
  const auto& done = actual.at("runs/done").integers;
  const auto& expected_values = expected.at("outcomes/values").numbers;
  const auto& actual_values = actual.at("outcomes/values").numbers;
  const std::size_t row_width = expected_values.size() / done.size();
  for (std::size_t run = 0; run < done.size(); ++run) {
    if (done[run] != 1) continue;
    INFO("run " << run);
    const std::vector<double> want(expected_values.begin() + run * row_width,
                                   expected_values.begin() + (run + 1) * row_width);
    const std::vector<double> got(actual_values.begin() + run * row_width,
                                  actual_values.begin() + (run + 1) * row_width);
    CHECK(experiment_test::same_numbers(want, got));
    CHECK(actual.at("runs/residents").integers[run] == expected.at("runs/residents").integers[run]);
  }
}

}  // namespace

TEST_CASE("an experiment killed with SIGKILL at random moments resumes to the uninterrupted result") {
  const fs::path folder = fs::temp_directory_path() / "wijksim_experiment_kill";
  fs::remove_all(folder);
  fs::create_directories(folder);

  const fs::path reference = folder / "reference.h5";
  const auto started = std::chrono::steady_clock::now();
  REQUIRE(wait_for(start_driver(reference)) == 0);
  const auto full_run = std::chrono::steady_clock::now() - started;
  const auto full_ms = std::chrono::duration_cast<std::chrono::milliseconds>(full_run).count();

  // Kill moments within the first third of an uninterrupted run's time: each restart has less
  // left to do, and the kills should land while the file is created, runs computed or written.
  std::mt19937 random(std::random_device{}());
  std::uniform_int_distribution<long> moment(1, std::max<long>(2, full_ms / 3));
  const fs::path out = folder / "killed.h5";
  const fs::path partial = wijksim::experiment::partial_path(out);
  int kills_that_landed = 0;
  for (int attempt = 0; attempt < 8 && !fs::exists(out); ++attempt) {
    const pid_t child = start_driver(out);
    std::this_thread::sleep_for(std::chrono::milliseconds(moment(random)));
    kill(child, SIGKILL);
    const int status = wait_for(child);
    if (WIFSIGNALED(status)) ++kills_that_landed;
    // A partial file, whenever it exists, can be resumed: it opens, and its done runs are right.
    if (fs::exists(partial)) require_done_rows_match(reference, partial);
  }
  WARN(kills_that_landed << " of the kills interrupted a running experiment");
  if (!fs::exists(out)) REQUIRE(wait_for(start_driver(out)) == 0);
  experiment_test::require_same_datasets(reference, out);
}
