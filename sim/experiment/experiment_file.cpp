// Writing and reopening the experiment's HDF5 file (layout in the header).
#include "sim/experiment/experiment_file.hpp"

#include <cmath>
#include <limits>
#include <optional>

#include "sim/io/dimension_scales.hpp"
#include "sim/io/output_error.hpp"
#include "sim/io/version_stamp.hpp"

namespace wijksim::experiment {
namespace {

using h5::Handle;

constexpr std::size_t kScenarioBlock = 64;  // resolved scenarios written (and held) at a time

[[noreturn]] void raise(const std::string& file, const std::string& object, const std::string& action) {
  throw h5::Error("cannot " + action + " (file '" + file + "', object '" + object + "')");
}

hid_t checked(hid_t id, const std::string& file, const std::string& object, const std::string& action) {
  if (id < 0) raise(file, object, action);
  return id;
}

void checked_status(herr_t status, const std::string& file, const std::string& object,
                    const std::string& action) {
  if (status < 0) raise(file, object, action);
}

Handle simple_space(const std::vector<hsize_t>& dims, const std::string& file, const std::string& object) {
  return Handle(checked(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr), file,
                        object, "create a dataspace"),
                H5Sclose);
}

// A dataset whose storage is allocated, filled and addressed once at creation: later row writes
// go to fixed places in the file and leave every piece of HDF5 metadata as it was.
void create_preallocated(const h5::Group& root, const std::string& path, hid_t type,
                         const std::vector<hsize_t>& dims, const void* fill) {
  const std::string& file = root.file_name();
  Handle creation(checked(H5Pcreate(H5P_DATASET_CREATE), file, path, "create a property list"), H5Pclose);
  checked_status(H5Pset_layout(creation.get(), H5D_CONTIGUOUS), file, path, "set the layout");
  checked_status(H5Pset_alloc_time(creation.get(), H5D_ALLOC_TIME_EARLY), file, path, "set allocation");
  checked_status(H5Pset_fill_time(creation.get(), H5D_FILL_TIME_ALLOC), file, path, "set fill time");
  checked_status(H5Pset_fill_value(creation.get(), type, fill), file, path, "set the fill value");
  checked_status(H5Pset_obj_track_times(creation.get(), 0), file, path, "switch off timestamps");
  Handle space = simple_space(dims, file, path);
  Handle dataset(checked(H5Dcreate2(root.id(), path.c_str(), type, space.get(), H5P_DEFAULT,
                                    creation.get(), H5P_DEFAULT),
                         file, path, "create the dataset"),
                 H5Dclose);
}

// Writes rows [first, first + count) of a dataset from a buffer holding exactly those rows.
void write_rows(const h5::Group& root, const std::string& path, std::size_t first, std::size_t count,
                hid_t memory_type, const void* data) {
  const std::string& file = root.file_name();
  Handle dataset(checked(H5Dopen2(root.id(), path.c_str(), H5P_DEFAULT), file, path, "open the dataset"),
                 H5Dclose);
  Handle file_space(checked(H5Dget_space(dataset.get()), file, path, "get the dataspace"), H5Sclose);
  const int rank = H5Sget_simple_extent_ndims(file_space.get());
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  H5Sget_simple_extent_dims(file_space.get(), dims.data(), nullptr);
  std::vector<hsize_t> start(dims.size(), 0);
  std::vector<hsize_t> block = dims;
  start[0] = first;
  block[0] = count;
  checked_status(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr,
                                     block.data(), nullptr),
                 file, path, "select rows");
  Handle memory_space = simple_space(block, file, path);
  checked_status(H5Dwrite(dataset.get(), memory_type, memory_space.get(), file_space.get(), H5P_DEFAULT, data),
                 file, path, "write rows");
}

Handle utf8_string_type(const std::string& file) {
  Handle type(checked(H5Tcopy(H5T_C_S1), file, "/", "copy the string type"), H5Tclose);
  checked_status(H5Tset_size(type.get(), H5T_VARIABLE), file, "/", "make strings variable-length");
  checked_status(H5Tset_cset(type.get(), H5T_CSET_UTF8), file, "/", "mark strings UTF-8");
  return type;
}

// Resolved scenarios are large and numerous, so they are resolved and written a block at a time.
// Returns the buurt codes every run simulates, or nothing when the runs differ in their buurten.
std::optional<std::vector<std::string>> write_resolved_scenarios(const h5::Group& root, const ExperimentPlan& plan) {
  std::optional<std::vector<std::string>> shared_codes;
  bool shared = true;
  const std::string path = "runs/scenario_json";
  const std::string& file = root.file_name();
  Handle type = utf8_string_type(file);
  Handle creation(checked(H5Pcreate(H5P_DATASET_CREATE), file, path, "create a property list"), H5Pclose);
  const hsize_t chunk = std::min<hsize_t>(kScenarioBlock, std::max<std::size_t>(plan.size(), 1));
  checked_status(H5Pset_chunk(creation.get(), 1, &chunk), file, path, "set chunking");
  checked_status(H5Pset_deflate(creation.get(), 4), file, path, "set compression");
  checked_status(H5Pset_obj_track_times(creation.get(), 0), file, path, "switch off timestamps");
  Handle space = simple_space({plan.size()}, file, path);
  Handle dataset(checked(H5Dcreate2(root.id(), path.c_str(), type.get(), space.get(), H5P_DEFAULT,
                                    creation.get(), H5P_DEFAULT),
                         file, path, "create the dataset"),
                 H5Dclose);
  dataset.close();
  for (std::size_t first = 0; first < plan.size(); first += kScenarioBlock) {
    const std::size_t count = std::min(kScenarioBlock, plan.size() - first);
    std::vector<std::string> texts;
    for (std::size_t i = first; i < first + count; ++i) {
      const Scenario scenario = plan.scenario(plan.run(i));
      texts.push_back(scenario.resolved_json);
      std::vector<std::string> codes;
      for (const BuurtSpec& buurt : scenario.buurten) codes.push_back(buurt.code);
      if (!shared_codes) shared_codes = codes;
      shared = shared && *shared_codes == codes;
    }
    std::vector<const char*> pointers;
    for (const auto& text : texts) pointers.push_back(text.c_str());
    write_rows(root, path, first, count, type.get(), pointers.data());
  }
  return shared ? shared_codes : std::nullopt;
}

void write_design(h5::Group& root, const ExperimentPlan& plan) {
  const std::size_t runs = plan.size();
  const std::size_t k = plan.parameters().size();
  std::vector<std::int64_t> index, sample, changed, seed;
  std::vector<std::string> label, kind, overrides;
  std::vector<double> unit, values;
  for (std::size_t i = 0; i < runs; ++i) {
    const PlannedRun run = plan.run(i);
    index.push_back(static_cast<std::int64_t>(i));
    sample.push_back(run.row.sample);
    changed.push_back(run.row.changed);
    seed.push_back(static_cast<std::int64_t>(run.seed));
    label.push_back(run.label);
    kind.push_back(k == 0 ? "scenario" : row_kind_name(run.row.kind));
    overrides.push_back(run.overrides.dump());
    unit.insert(unit.end(), run.row.unit.begin(), run.row.unit.end());
    values.insert(values.end(), run.values.begin(), run.values.end());
  }
  root.write_int64_dataset("design/run", index, {runs});
  root.write_string_dataset("design/label", label);
  root.write_string_dataset("design/kind", kind);
  root.write_int64_dataset("design/sample", sample, {runs});
  root.write_int64_dataset("design/changed", changed, {runs});
  root.write_string_dataset("design/overrides", overrides);
  root.write_int64_dataset("runs/seed", seed, {runs});
  if (k == 0) return;

  std::vector<std::string> paths, choices;
  std::vector<double> minimum, maximum;
  std::vector<std::int64_t> integer;
  for (const auto& parameter : plan.parameters()) {
    paths.push_back(parameter.path);
    choices.push_back(parameter.categorical() ? parameter.choices.dump() : "");
    minimum.push_back(parameter.min);
    maximum.push_back(parameter.max);
    integer.push_back(parameter.integer ? 1 : 0);
  }
  root.write_float64_dataset("design/unit", unit, {runs, k}).write_string_array_attribute("columns", paths);
  root.write_float64_dataset("design/values", values, {runs, k}).write_string_array_attribute("columns", paths);
  root.write_string_dataset("parameters/path", paths);
  root.write_string_dataset("parameters/choices", choices);
  root.write_float64_dataset("parameters/min", minimum, {k});
  root.write_float64_dataset("parameters/max", maximum, {k});
  root.write_int64_dataset("parameters/integer", integer, {k});
}

// Names the axes of every dataset (dimension_scales.hpp): run, replicate, outcome and, for a
// design, parameter. Done at creation, so that writing a run's rows still changes no metadata.
void name_dimensions(h5::Group& root, const ExperimentPlan& plan,
                     const std::optional<std::vector<std::string>>& buurt_codes) {
  const ExperimentSpec& spec = plan.spec();
  DimensionScales scales(root.require_group(""));
  scales.add_positions("run", plan.size(), "a run of the experiment: one design point with its replicates");
  scales.add_positions("replicate", static_cast<std::size_t>(spec.replicates), "replicate 0..R-1");
  scales.add("outcome", spec.outcomes, "an outcome summarised per run and replicate");
  const auto attach = [&](const std::string& path, const std::vector<std::string>& dimensions) {
    h5::Dataset dataset = root.open_dataset(path);
    scales.attach(dataset, dimensions);
  };
  for (const char* path : {"design/run", "design/label", "design/kind", "design/sample", "design/changed",
                           "design/overrides", "runs/seed", "runs/scenario_json", "runs/residents", "runs/done"})
    attach(path, {"run"});
  attach("outcomes/values", {"run", "replicate", "outcome"});
  if (buurt_codes) {
    scales.add("buurt", *buurt_codes, "buurt, by its code, in the order every run simulates them");
    scales.add("buurt_outcome", std::vector<std::string>(kBuurtOutcomes.begin(), kBuurtOutcomes.end()),
               "a per-buurt series summarised per run, replicate and buurt");
    attach("outcomes/by_buurt", {"run", "replicate", "buurt", "buurt_outcome"});
  }
  if (plan.parameters().empty()) return;
  std::vector<std::string> paths;
  for (const auto& parameter : plan.parameters()) paths.push_back(parameter.path);
  scales.add("parameter", paths, "a parameter the design varies, by its scenario path");
  for (const char* path : {"design/unit", "design/values"}) attach(path, {"run", "parameter"});
  for (const char* path : {"parameters/path", "parameters/choices", "parameters/min", "parameters/max",
                           "parameters/integer"})
    attach(path, {"parameter"});
}

void write_root_attributes(h5::Group& root, const ExperimentPlan& plan, const ExecutionFacts& facts) {
  const ExperimentSpec& spec = plan.spec();
  write_version_stamp(root, kExperimentFormatVersion);
  root.write_string_attribute("kind", "experiment");
  root.write_string_attribute("experiment_name", spec.name);
  root.write_string_attribute("experiment_description", spec.description);
  root.write_string_attribute("experiment_file", spec.source_file);
  root.write_string_attribute("experiment_json", spec.canonical_json);
  root.write_string_attribute("base_file", spec.base_file);
  root.write_string_attribute("method", design_method_name(spec.design.method));
  root.write_uint64_attribute("seed", spec.seed);
  root.write_int64_attribute("common_random_numbers", spec.common_random_numbers ? 1 : 0);
  root.write_int64_attribute("replicates", spec.replicates);
  root.write_int64_attribute("runs", static_cast<std::int64_t>(plan.size()));
  root.write_int64_attribute("final_ticks", kTicksPerYear);
  root.write_int64_attribute("processes", facts.processes);
  root.write_int64_attribute("threads", facts.threads);
}

}  // namespace

ExperimentFile::ExperimentFile(h5::File file, std::size_t run_count, std::size_t replicates,
                               std::size_t outcomes, std::size_t buurt_values)
    : file_(std::move(file)),
      run_count_(run_count),
      replicates_(replicates),
      outcome_count_(outcomes),
      buurt_values_(buurt_values) {}

ExperimentFile ExperimentFile::create(const std::filesystem::path& path, const ExperimentPlan& plan,
                                      const ExecutionFacts& facts) {
  const ExperimentSpec& spec = plan.spec();
  h5::File file = h5::File::create(path, h5::File::Existing::fail);
  std::size_t buurt_values = 0;
  {
    h5::Group root = file.root();
    write_root_attributes(root, plan, facts);
    write_design(root, plan);
    root.require_group("outcomes");
    const auto buurt_codes = write_resolved_scenarios(root, plan);

    const hsize_t runs = plan.size();
    const std::int64_t not_counted = -1;
    const std::int64_t not_done = 0;
    const double missing = std::numeric_limits<double>::quiet_NaN();
    create_preallocated(root, "runs/residents", H5T_STD_I64LE, {runs}, &not_counted);
    create_preallocated(root, "outcomes/values", H5T_IEEE_F64LE,
                        {runs, static_cast<hsize_t>(spec.replicates), spec.outcomes.size()}, &missing);
    create_preallocated(root, "runs/done", H5T_STD_I64LE, {runs}, &not_done);

    h5::Dataset outcomes = root.open_dataset("outcomes/values");
    outcomes.write_string_array_attribute("columns", spec.outcomes);
    outcomes.write_string_attribute(
        "description", "final-year mean (last 52 ticks) per run and replicate; NaN until the run is done");
    if (buurt_codes) {
      const std::vector<hsize_t> dims{runs, static_cast<hsize_t>(spec.replicates), buurt_codes->size(),
                                      kBuurtOutcomes.size()};
      create_preallocated(root, "outcomes/by_buurt", H5T_IEEE_F64LE, dims, &missing);
      h5::Dataset by_buurt = root.open_dataset("outcomes/by_buurt");
      by_buurt.write_string_array_attribute("columns", std::vector<std::string>(kBuurtOutcomes.begin(), kBuurtOutcomes.end()));
      by_buurt.write_string_attribute("description", "final-year mean (last 52 ticks) of each per-buurt series, per run, "
                                                     "replicate and buurt; NaN until the run is done");
      buurt_values = dims[1] * dims[2] * dims[3];
    }
    name_dimensions(root, plan, buurt_codes);
  }
  file.flush();
  return ExperimentFile(std::move(file), plan.size(), static_cast<std::size_t>(spec.replicates),
                        spec.outcomes.size(), buurt_values);
}

ExperimentFile ExperimentFile::open_for_resume(const std::filesystem::path& path, const ExperimentPlan& plan) {
  const ExperimentSpec& spec = plan.spec();
  h5::File file = h5::File::open_read_write(path);
  std::size_t buurt_values = 0;
  {
    const h5::Group root = file.root();
    const bool same_experiment =
        root.has_attribute("experiment_json") &&
        root.read_string_attribute("experiment_json") == spec.canonical_json &&
        root.read_int64_attribute("runs") == static_cast<std::int64_t>(plan.size());
    if (!same_experiment) {
      throw OutputTargetError("cannot resume: " + path.string() + " was started from a different experiment"
                              " (the experiment file changed since); delete it to start again");
    }
    if (root.contains("outcomes/by_buurt")) {
      const auto shape = root.open_dataset("outcomes/by_buurt").shape();
      buurt_values = shape.at(1) * shape.at(2) * shape.at(3);
    }
  }
  return ExperimentFile(std::move(file), plan.size(), static_cast<std::size_t>(spec.replicates),
                        spec.outcomes.size(), buurt_values);
}

std::vector<bool> ExperimentFile::completed_runs() const {
  const auto flags = file_.root().open_dataset("runs/done").read_int64();
  std::vector<bool> done(flags.size());
  for (std::size_t i = 0; i < flags.size(); ++i) done[i] = flags[i] == 1;
  return done;
}

void ExperimentFile::write_run(const RunSummary& summary) {
  const auto row = static_cast<std::size_t>(summary.run);
  if (summary.run < 0 || row >= run_count_ || summary.outcomes.size() != replicates_ * outcome_count_ ||
      (buurt_values_ > 0 && summary.by_buurt.size() != buurt_values_)) {
    throw std::invalid_argument("run summary does not fit the experiment file (run " +
                                std::to_string(summary.run) + ")");
  }
  {
    const h5::Group root = file_.root();
    write_rows(root, "runs/residents", row, 1, H5T_NATIVE_INT64, &summary.residents);
    write_rows(root, "outcomes/values", row, 1, H5T_NATIVE_DOUBLE, summary.outcomes.data());
    if (buurt_values_ > 0) write_rows(root, "outcomes/by_buurt", row, 1, H5T_NATIVE_DOUBLE, summary.by_buurt.data());
  }
  // The flag must not reach the disk before the data it vouches for.
  file_.flush();
  const std::int64_t done = 1;
  write_rows(file_.root(), "runs/done", row, 1, H5T_NATIVE_INT64, &done);
  file_.flush();
}

void ExperimentFile::close() { file_.close(); }

}  // namespace wijksim::experiment
