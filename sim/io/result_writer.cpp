// The result file writer: target checks, the format_version 4 layout, and the
// write-to-temporary / fsync / rename sequence that makes files appear atomically.
#include "sim/io/result_writer.hpp"

#include <fcntl.h>
#include <climits>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <stdexcept>
#include <string>
#include <system_error>
#include <variant>

#include "sim/io/dimension_scales.hpp"
#include "sim/io/file_checksum.hpp"
#include "sim/io/h5.hpp"
#include "sim/io/output_error.hpp"
#include "sim/io/string_codes.hpp"
#include "sim/io/version_stamp.hpp"
#include "sim/metrics/outputs.hpp"

namespace wijksim {
namespace fs = std::filesystem;
namespace {

fs::path folder_of(const fs::path& out) {
  return out.has_parent_path() ? out.parent_path() : fs::path(".");
}

// ".tmp-" and a process id of up to 10 digits.
constexpr std::size_t kTemporarySuffixBytes = 15;

fs::path temporary_path_for(const fs::path& out) {
  return fs::path(out.string() + ".tmp-" + std::to_string(::getpid()));
}



void write_root_attributes(h5::Group& root, const RunInfo& info) {
  write_version_stamp(root, kFormatVersion);
  root.write_string_attribute("scenario_name", info.scenario_name);
  root.write_string_attribute("scenario_file", info.scenario_file);
  root.write_string_attribute("scenario_json", info.scenario_json);
  root.write_uint64_attribute("seed", info.seed);
  root.write_int64_attribute("replicates", info.replicates);
  root.write_int64_attribute("horizon_ticks", info.horizon_ticks);
  root.write_int64_attribute("output_every", info.output_every);
  root.write_int64_attribute("residents", static_cast<std::int64_t>(info.residents));
  root.write_int64_attribute("buurten", static_cast<std::int64_t>(info.buurten));
  root.write_int64_attribute("threads", info.threads);
}

// Joins [replicate][tick * width + column] into one row-major [R, T, W] block.
std::vector<double> flatten_series(const Series& series, std::size_t replicates, std::size_t ticks) {
  const std::size_t width = series.spec.width();
  const std::string name = "series '" + series.spec.path + "'";
  if (series.spec.path.empty()) throw std::runtime_error("a series has an empty path");
  if (series.values.size() != replicates)
    throw std::runtime_error(name + " has " + std::to_string(series.values.size()) +
                             " replicates, expected " + std::to_string(replicates) +
                             " (the run's replicates)");
  std::vector<double> flat;
  flat.reserve(replicates * ticks * width);
  for (std::size_t replicate = 0; replicate < replicates; ++replicate) {
    const auto& values = series.values[replicate];
    if (values.size() != ticks * width)
      throw std::runtime_error(name + ", replicate " + std::to_string(replicate) + ": " +
                               std::to_string(values.size()) + " values, expected " +
                               std::to_string(ticks) + " recorded ticks x " + std::to_string(width) +
                               " columns = " + std::to_string(ticks * width));
    flat.insert(flat.end(), values.begin(), values.end());
  }
  return flat;
}

void write_series(h5::Group& timeseries, const DimensionScales& scales, const Series& series,
                  std::size_t replicates, std::size_t ticks) {
  std::vector<std::size_t> shape{replicates, ticks};
  if (!series.spec.columns.empty()) shape.push_back(series.spec.columns.size());
  h5::Dataset dataset = timeseries.write_float64_dataset(
      series.spec.path, flatten_series(series, replicates, ticks), shape);
  dataset.write_string_attribute("description", series.spec.description);
  dataset.write_string_attribute("unit", series.spec.unit);
  std::vector<std::string> dimensions{kReplicateAxis.name.data(), kTickAxis.name.data()};
  if (!series.spec.columns.empty()) {
    dataset.write_string_array_attribute("columns", series.spec.columns);
    dataset.write_string_attribute("column_axis", series.spec.column_axis);
    dimensions.push_back(series.spec.column_axis);
  }
  scales.attach(dataset, dimensions);
}

void check_table_shape(const Table& table) {
  const std::string name = "table '" + table.path + "'";
  if (table.path.empty()) throw std::runtime_error("a table has an empty path");
  if (table.column_names.size() != table.columns.size() ||
      table.column_descriptions.size() != table.columns.size())
    throw std::runtime_error(name + " has " + std::to_string(table.columns.size()) + " columns but " +
                             std::to_string(table.column_names.size()) + " names and " +
                             std::to_string(table.column_descriptions.size()) + " descriptions");
  const std::size_t rows = table.rows();
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    const std::size_t length = std::visit([](const auto& values) { return values.size(); }, table.columns[i]);
    if (length != rows)
      throw std::runtime_error(name + ", column '" + table.column_names[i] + "': " + std::to_string(length) +
                               " rows, expected " + std::to_string(rows) + " like column '" +
                               table.column_names.front() + "'");
  }
}

// Codes into `categories` (in their order); a value outside them is a bug in the recorder.
StringCodes declared_codes(const std::vector<std::string>& values, const std::vector<std::string>& categories,
                           const std::string& where) {
  StringCodes coded{categories, {}};
  coded.codes.reserve(values.size());
  for (const std::string& value : values) {
    const auto position = std::find(categories.begin(), categories.end(), value);
    if (position == categories.end())
      throw std::runtime_error(where + ": value '" + value + "' is not one of its declared categories");
    coded.codes.push_back(static_cast<std::uint8_t>(position - categories.begin()));
  }
  return coded;
}

// A coded column is an HDF5 enum (so that h5dump and R show the labels) unless a label is empty,
// which an enum cannot name; the labels attribute carries the labels either way.
h5::Dataset write_coded(h5::Group& group, const std::string& name, const StringCodes& coded) {
  const bool nameable = std::none_of(coded.labels.begin(), coded.labels.end(),
                                     [](const std::string& label) { return label.empty(); });
  h5::Dataset dataset = nameable ? group.write_enum_dataset(name, coded.codes, coded.labels)
                                 : group.write_uint8_dataset(name, coded.codes, {coded.codes.size()});
  dataset.write_string_array_attribute("labels", coded.labels);
  return dataset;
}

h5::Dataset write_column(h5::Group& group, const std::string& name, const Column& column,
                         const std::vector<std::string>& categories) {
  struct Writer {
    h5::Group& group;
    const std::string& name;
    const std::vector<std::string>& categories;
    h5::Dataset operator()(const std::vector<std::int64_t>& values) const {
      return group.write_int64_dataset(name, values, {values.size()});
    }
    h5::Dataset operator()(const std::vector<double>& values) const {
      return group.write_float64_dataset(name, values, {values.size()});
    }
    h5::Dataset operator()(const std::vector<std::string>& values) const {
      if (!categories.empty())
        return write_coded(group, name, declared_codes(values, categories, "table column '" + group.path() + "/" + name + "'"));
      const auto coded = string_codes_for(values);
      if (!coded) return group.write_string_dataset(name, values);
      return write_coded(group, name, *coded);
    }
  };
  return std::visit(Writer{group, name, categories}, column);
}

void write_table(h5::Group& tables, const DimensionScales& scales, const Table& table) {
  h5::Group group = tables.require_group(table.path);
  group.write_string_attribute("description", table.description);
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    const bool declared = i < table.column_categories.size();
    h5::Dataset dataset = write_column(group, table.column_names[i], table.columns[i],
                                       declared ? table.column_categories[i] : std::vector<std::string>{});
    dataset.write_string_attribute("description", table.column_descriptions[i]);
    if (!table.row_axis.empty()) scales.attach(dataset, {table.row_axis});
  }
}

std::string dimension_meaning(const std::string& name) {
  const Dimension* declared = dimension_named(name);
  return declared ? std::string(declared->meaning) : name;
}

// The dimensions of the file, made before the datasets along them: replicates and ticks, the
// column axes of the series, then the row axes of the tables that no series made.
DimensionScales make_dimensions(h5::Group& root, const RunResult& result, std::size_t replicates) {
  DimensionScales scales(root.require_group(""));
  const std::string replicate(kReplicateAxis.name), tick(kTickAxis.name), note(kNoteAxis.name);
  scales.add_positions(replicate, replicates, dimension_meaning(replicate));
  scales.add(tick, result.ticks, dimension_meaning(tick));
  for (const Series& series : result.series) {
    if (!series.spec.columns.empty())
      scales.add(series.spec.column_axis, series.spec.columns, dimension_meaning(series.spec.column_axis));
  }
  for (const Table& table : result.tables) {
    check_table_shape(table);
    if (!table.row_axis.empty() && !scales.contains(table.row_axis))
      scales.add_positions(table.row_axis, table.rows(), dimension_meaning(table.row_axis));
  }
  scales.add_positions(note, result.info.data_notes.size(), dimension_meaning(note));
  return scales;
}

// Always written, empty when there are none, so that readers can tell "no notes" from a file
// written before notes were stored.
void write_data_notes(h5::Group& root, const DimensionScales& scales, const std::vector<std::string>& notes) {
  h5::Dataset dataset = root.require_group("input").write_string_dataset("data_notes", notes);
  scales.attach(dataset, {std::string(kNoteAxis.name)});
  dataset.write_string_attribute("description",
                                 "notes from reading the scenario's CBS data: files, fallbacks to a wider area "
                                 "or a default, and summaries of where the composition came from");
}

void write_contents(h5::Group root, const RunResult& result) {
  write_root_attributes(root, result.info);
  const auto replicates = static_cast<std::size_t>(std::max(result.info.replicates, 0));
  const DimensionScales scales = make_dimensions(root, result, replicates);
  h5::Group timeseries = root.require_group("timeseries");
  for (const auto& series : result.series) write_series(timeseries, scales, series, replicates, result.ticks.size());
  h5::Group tables = root.require_group("tables");
  for (const auto& table : result.tables) write_table(tables, scales, table);
  write_data_notes(root, scales, result.info.data_notes);
}

[[noreturn]] void throw_errno(const std::string& action, const fs::path& path) {
  throw std::system_error(errno, std::generic_category(), "cannot " + action + " '" + path.string() + "'");
}

// Makes the file's bytes (or a folder's entries) durable before we rely on them.
void sync_to_disk(const fs::path& path, int open_flags, const std::string& what) {
  const int descriptor = ::open(path.c_str(), open_flags);
  if (descriptor < 0) throw_errno("open " + what, path);
  const bool synced = ::fsync(descriptor) == 0;
  const int saved_errno = errno;
  ::close(descriptor);
  errno = saved_errno;
  if (!synced) throw_errno("fsync " + what, path);
}

}  // namespace

void check_output_target(const fs::path& out, bool overwrite, const std::vector<fs::path>& inputs) {
  const auto refuse = [&](const std::string& why) {
    throw OutputTargetError("cannot write '" + out.string() + "': " + why);
  };
  if (out.empty()) throw OutputTargetError("the output path is empty; give a file name such as results/run.h5");
  const std::string leaf = out.filename().string();
  if (leaf.empty() || leaf == "." || leaf == "..") refuse("it names a folder, expected a file name");
  if (leaf.size() + kTemporarySuffixBytes > NAME_MAX)
    refuse("the file name is longer than the file system allows (" + std::to_string(NAME_MAX - kTemporarySuffixBytes) +
           " bytes at most, to leave room for the temporary name)");
  const fs::path folder = folder_of(out);
  std::error_code error;
  if (!fs::is_directory(folder, error))
    refuse("folder '" + folder.string() + "' does not exist (create it first or choose another output path)");
  if (::access(folder.c_str(), W_OK | X_OK) != 0) refuse("folder '" + folder.string() + "' is not writable");
  const auto status = fs::symlink_status(out, error);
  if (!fs::exists(status)) return;
  if (fs::is_directory(status)) refuse("it is a folder, expected a file name");
  if (!overwrite)
    throw OutputTargetError("output file '" + out.string() +
                            "' already exists; pass --overwrite to replace it or choose another name");
  if (!fs::is_regular_file(status))
    refuse(std::string("it is ") + (fs::is_symlink(status) ? "a symbolic link" : "not a regular file") +
           " (a device, pipe or socket); --overwrite replaces regular files only");
  for (const fs::path& input : inputs) {
    if (fs::equivalent(out, input, error))
      refuse("it is one of this run's inputs ('" + input.string() + "'); choose another output name");
  }
}

std::string describe_write_errno() {
  if (errno == ENOSPC || errno == EDQUOT) return " (the disk is full)";
  if (errno == EFBIG) return " (the file size limit was reached)";
  return "";
}

void move_into_place(const fs::path& from, const fs::path& to) {
  sync_to_disk(from, O_RDONLY, "the written file");
  fs::rename(from, to);
  sync_to_disk(folder_of(to), O_RDONLY | O_DIRECTORY, "the output folder");
}

void write_result(const RunResult& result, const fs::path& out, bool overwrite,
                  const std::vector<fs::path>& inputs) {
  check_output_target(out, overwrite, inputs);
  const fs::path temporary = temporary_path_for(out);
  errno = 0;
  try {
    {
      h5::File file = h5::File::create(temporary, h5::File::Existing::truncate);
      write_contents(file.root(), result);
      file.close();
    }
    seal_file(temporary);
    move_into_place(temporary, out);
  } catch (const std::exception& failure) {
    const std::string cause = describe_write_errno();
    std::error_code ignored;
    fs::remove(temporary, ignored);
    // A result that breaks the layout is a bug, reported as such; the rest is the disk's doing.
    if (dynamic_cast<const h5::Error*>(&failure) == nullptr &&
        dynamic_cast<const std::system_error*>(&failure) == nullptr)
      throw;
    throw OutputWriteError("cannot write '" + out.string() + "': " + failure.what() + cause +
                           "; no file was written" +
                           (fs::exists(out, ignored) ? " and the existing one is unchanged" : ""));
  }
}

}  // namespace wijksim
