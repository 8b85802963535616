// The MPI runner under mpirun with 2 and 3 processes (one coordinator, one or two workers) must
// write the same datasets as the single-process runner.
#include <catch.hpp>

#include <cstdlib>
#include <filesystem>

#include "h5_compare.hpp"

namespace fs = std::filesystem;

namespace {

const std::string kDataDir = std::string(WIJKSIM_SOURCE_DIR) + "/tests/experiment/data";
const std::string kExperiment = kDataDir + "/small_lhs.json";
const std::string kLongerExperiment = kDataDir + "/kill_lhs.json";

int run_command(const std::string& command) {
  INFO(command);
  return std::system(command.c_str());
}

std::string mpirun(int processes, const fs::path& out, const std::string& experiment = kExperiment) {
  // Loopback only; the settings let Open MPI run in containers and as root.
  return "OMPI_MCA_btl_vader_single_copy_mechanism=none mpirun --allow-run-as-root --oversubscribe "
         "--mca btl self,vader -np " + std::to_string(processes) + " " WIJKSIM_EXPERIMENT_DRIVER " " +
         experiment + " " + out.string() + " --mpi --threads 1";
}

}  // namespace

TEST_CASE("MPI runs with 2 and 3 processes write the single-process datasets") {
  const fs::path folder = fs::temp_directory_path() / "wijksim_experiment_mpi";
  fs::remove_all(folder);
  fs::create_directories(folder);
  const fs::path single = folder / "single.h5";
  REQUIRE(run_command(std::string(WIJKSIM_EXPERIMENT_DRIVER) + " " + kExperiment + " " + single.string() +
                      " --threads 1") == 0);
  for (int processes : {2, 3}) {
    const fs::path out = folder / ("np" + std::to_string(processes) + ".h5");
    REQUIRE(run_command(mpirun(processes, out)) == 0);
    experiment_test::require_same_datasets(single, out);
    const auto file = wijksim::h5::File::open_read_only(out);
    CHECK(file.root().read_int64_attribute("processes") == processes);
  }
}

TEST_CASE("an MPI run resumes the partial file of a killed single-process run") {
  const fs::path folder = fs::temp_directory_path() / "wijksim_experiment_mpi_resume";
  fs::remove_all(folder);
  fs::create_directories(folder);
  const fs::path single = folder / "single.h5";
  REQUIRE(run_command(std::string(WIJKSIM_EXPERIMENT_DRIVER) + " " + kLongerExperiment + " " + single.string()) == 0);
  const fs::path out = folder / "resumed.h5";
  // Killed (or, on a very fast machine, finished) after a moment; either way --resume completes it.
  run_command("timeout -s KILL 0.15 " WIJKSIM_EXPERIMENT_DRIVER " " + kLongerExperiment + " " + out.string() +
              " --threads 1");
  REQUIRE(run_command(mpirun(3, out, kLongerExperiment) + " --resume") == 0);
  experiment_test::require_same_datasets(single, out);
}
