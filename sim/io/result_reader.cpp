// Reading result files back: the format_version gate, typed readers, and the summary that
// `wijksim info` prints.
#include "sim/io/result_reader.hpp"

#include <algorithm>
#include <functional>
#include <sstream>
#include <stdexcept>

#include "sim/io/composition_sources.hpp"
#include "sim/io/file_checksum.hpp"
#include "sim/io/h5.hpp"
#include "sim/io/output_error.hpp"
#include "sim/io/result_writer.hpp"
#include "sim/io/string_codes.hpp"

namespace wijksim {
namespace fs = std::filesystem;
namespace {

constexpr const char* kDataNotesPath = "input/data_notes";

// The recorded ticks: /tick (the tick dimension's scale) from format_version 4, /ticks before.
std::vector<std::int64_t> recorded_ticks(const h5::Group& root) {
  return root.open_dataset(root.contains("tick") ? "tick" : "ticks").read_int64();
}

// Opens the file only if it is a wijksim result this build can read.
h5::File open_result(const fs::path& path) {
  const std::string name = path.string();
  if (!fs::exists(path)) throw ResultFileError("cannot read '" + name + "': no such file");
  if (!fs::is_regular_file(path))
    throw ResultFileError("cannot read '" + name + "': not a regular file (a folder, device or pipe)");
  if (verify_file_seal(path) == FileSeal::unsealed)
    throw ResultFileError("'" + name + "' is incomplete: it carries no checksum, so it was never finished "
                          "(an interrupted run or experiment); run it again");
  if (!h5::is_hdf5_file(path))
    throw ResultFileError("'" + name + "' is not an HDF5 file, so not a wijksim result file");
  h5::File file = h5::File::open_read_only(path);
  const h5::Group root = file.root();
  if (!root.has_attribute("format_version"))
    throw ResultFileError("'" + name +
                          "' is an HDF5 file but not a wijksim result file (it has no format_version "
                          "attribute at the root)");
  if (root.has_attribute("kind") && root.read_string_attribute("kind") == "experiment")
    throw ResultFileError("'" + name + "' is an experiment file (from wijksim experiment), not the result of one " +
                          "run; read it with /usr/bin/python3 -m analysis experiment " + name +
                          " (or analysis report " + name + " -o FOLDER)");
  const std::int64_t version = root.read_int64_attribute("format_version");
  if (version > kFormatVersion)
    throw ResultFileError("'" + name + "' has format_version " + std::to_string(version) +
                          ", written by a newer wijksim; this build reads format_version up to " +
                          std::to_string(kFormatVersion) + ": use a newer wijksim to read it");
  if (version < 1)
    throw ResultFileError("'" + name + "' has format_version " + std::to_string(version) +
                          ", which no wijksim writes (expected 1 to " + std::to_string(kFormatVersion) + ")");
  return file;
}

// A file that passes the version gate but breaks the layout is still the user's input, so HDF5
// failures while reading become ResultFileError.
template <typename Read>
auto read_checked(const fs::path& path, Read read) {
  try {
    const h5::File file = open_result(path);
    return read(file.root());
  } catch (const h5::Error& error) {
    throw ResultFileError("cannot read '" + path.string() + "' as a wijksim result file: " + error.what());
  }
}

ResultHeader header_from(const h5::Group& root) {
  ResultHeader header;
  header.format_version = root.read_int64_attribute("format_version");
  header.engine_version = root.read_string_attribute("engine_version");
  header.git_commit = root.read_string_attribute("git_commit");
  RunInfo& info = header.info;
  info.scenario_name = root.read_string_attribute("scenario_name");
  info.scenario_file = root.read_string_attribute("scenario_file");
  info.scenario_json = root.read_string_attribute("scenario_json");
  info.seed = root.read_uint64_attribute("seed");
  info.replicates = static_cast<int>(root.read_int64_attribute("replicates"));
  info.horizon_ticks = static_cast<int>(root.read_int64_attribute("horizon_ticks"));
  info.output_every = static_cast<int>(root.read_int64_attribute("output_every"));
  info.residents = static_cast<std::size_t>(root.read_int64_attribute("residents"));
  info.buurten = static_cast<std::size_t>(root.read_int64_attribute("buurten"));
  info.threads = static_cast<int>(root.read_int64_attribute("threads"));
  // Files written before the notes were stored lack the dataset: read as no notes.
  if (root.contains(kDataNotesPath)) info.data_notes = root.open_dataset(kDataNotesPath).read_strings();
  return header;
}

std::string optional_string_attribute(const h5::Object& object, const std::string& name) {
  return object.has_attribute(name) ? object.read_string_attribute(name) : std::string();
}

Series series_from(const h5::Dataset& dataset, const std::string& series_path) {
  const auto shape = dataset.shape();
  if (shape.size() != 2 && shape.size() != 3)
    throw h5::Error("series '" + series_path + "' has " + std::to_string(shape.size()) +
                    " dimensions, expected [replicate, tick] or [replicate, tick, column]");
  Series series;
  series.spec.path = series_path;
  series.spec.description = optional_string_attribute(dataset, "description");
  series.spec.unit = optional_string_attribute(dataset, "unit");
  if (shape.size() == 3) {
    series.spec.columns = dataset.read_string_array_attribute("columns");
    series.spec.column_axis = optional_string_attribute(dataset, "column_axis");
    if (series.spec.columns.size() != shape[2])
      throw h5::Error("series '" + series_path + "' has " + std::to_string(shape[2]) + " columns but " +
                      std::to_string(series.spec.columns.size()) + " column names");
  }
  const auto values = dataset.read_float64();
  const std::size_t per_replicate = shape[0] == 0 ? 0 : values.size() / shape[0];
  for (std::size_t replicate = 0; replicate < shape[0]; ++replicate) {
    const auto begin = values.begin() + static_cast<std::ptrdiff_t>(replicate * per_replicate);
    series.values.emplace_back(begin, begin + static_cast<std::ptrdiff_t>(per_replicate));
  }
  return series;
}

// Series paths below /timeseries, depth first, in the order they were written.
std::vector<std::string> series_paths(const h5::Group& timeseries) {
  std::vector<std::string> paths;
  std::function<void(const h5::Group&, const std::string&)> walk = [&](const h5::Group& group,
                                                                     const std::string& prefix) {
    for (const auto& member : group.members()) {
      const std::string path = prefix.empty() ? member.name : prefix + "/" + member.name;
      if (member.kind == h5::Group::Member::Kind::dataset) paths.push_back(path);
      if (member.kind == h5::Group::Member::Kind::group) walk(group.open_group(member.name), path);
    }
  };
  walk(timeseries, "");
  return paths;
}

// A column with a `labels` attribute holds codes into it (from format_version 2 on); any other string
// column, and every string column of a version-1 file, holds the strings themselves.
std::vector<std::string> read_string_column(const h5::Dataset& dataset) {
  if (!dataset.has_attribute("labels")) return dataset.read_strings();
  const auto stored = dataset.element_type();
  if (stored == h5::ElementType::string || stored == h5::ElementType::float64)
    throw h5::Error("table column '" + dataset.path() + "' has labels but does not hold integer codes");
  try {
    return decode_string_codes(dataset.read_int64(), dataset.read_string_array_attribute("labels"),
                               "table column '" + dataset.path() + "'");
  } catch (const std::out_of_range& error) {
    throw h5::Error(error.what());
  }
}

Column column_from(const h5::Dataset& dataset) {
  if (dataset.has_attribute("labels")) return read_string_column(dataset);
  switch (dataset.element_type()) {
    case h5::ElementType::int64:
      return dataset.read_int64();
    case h5::ElementType::float64:
      return dataset.read_float64();
    case h5::ElementType::string:
      return dataset.read_strings();
    case h5::ElementType::other:
      break;
  }
  throw h5::Error("table column '" + dataset.path() + "' is not int64, float64 or a UTF-8 string");
}

Table table_from(const h5::Group& group, const std::string& name) {
  Table table;
  table.path = name;
  table.description = optional_string_attribute(group, "description");
  for (const auto& member : group.members()) {
    if (member.kind != h5::Group::Member::Kind::dataset) continue;
    const h5::Dataset dataset = group.open_dataset(member.name);
    table.column_names.push_back(member.name);
    table.column_descriptions.push_back(optional_string_attribute(dataset, "description"));
    table.columns.push_back(column_from(dataset));
  }
  return table;
}

std::vector<std::string> table_names(const h5::Group& tables) {
  std::vector<std::string> names;
  for (const auto& member : tables.members())
    if (member.kind == h5::Group::Member::Kind::group) names.push_back(member.name);
  return names;
}

// ---- the summary ----------------------------------------------------------------------------

std::string padded(const std::string& text, std::size_t width) {
  return text.size() >= width ? text + " " : text + std::string(width - text.size(), ' ');
}

std::string shape_text(const std::vector<std::size_t>& shape) {
  std::string text;
  for (std::size_t i = 0; i < shape.size(); ++i) text += (i ? " x " : "") + std::to_string(shape[i]);
  return text;
}

// Long label lists (buurt codes) are cut short; the file holds them all.
std::string list_text(const std::vector<std::string>& names, std::size_t shown = 8) {
  std::string text;
  for (std::size_t i = 0; i < names.size() && i < shown; ++i) text += (i ? ", " : "") + names[i];
  if (names.size() > shown) text += ", ... (" + std::to_string(names.size()) + " in all)";
  return text;
}

std::string ticks_text(const std::vector<std::int64_t>& ticks) {
  if (ticks.empty()) return "none recorded";
  const std::string count = std::to_string(ticks.size()) + " recorded";
  if (ticks.size() == 1) return "only tick " + std::to_string(ticks.front()) + " (" + count + ")";
  const std::int64_t step = ticks[1] - ticks[0];
  const bool regular = std::adjacent_find(ticks.begin(), ticks.end(), [step](auto a, auto b) {
                         return b - a != step;
                       }) == ticks.end();
  return std::to_string(ticks.front()) + " to " + std::to_string(ticks.back()) +
         (regular ? ", every " + std::to_string(step) : ", at irregular steps") + " (" + count + ")";
}

void describe_header(std::ostringstream& text, const ResultHeader& header,
                     const std::vector<std::int64_t>& ticks) {
  const RunInfo& info = header.info;
  text << "Run\n"
       << "  scenario     " << info.scenario_name << " (from " << info.scenario_file << ")\n"
       << "  seed         " << info.seed << "\n"
       << "  replicates   " << info.replicates << "\n"
       << "  ticks        " << ticks_text(ticks) << "; horizon " << info.horizon_ticks
       << " ticks, output every " << info.output_every << "; 1 tick = 1 week\n"
       << "  population   " << info.residents << " residents in " << info.buurten << " buurten\n"
       << "  threads      " << info.threads << " (informative only: results do not depend on it)\n\n";
}

void describe_input(std::ostringstream& text, const h5::Group& root, const RunInfo& info) {
  text << "Input\n  data notes   " << info.data_notes.size();
  if (root.contains(kDataNotesPath)) {
    text << " in /" << kDataNotesPath << (info.data_notes.empty() ? "" : " (from reading the CBS data)") << "\n";
  } else {
    text << " (the file predates /" << kDataNotesPath << ")\n";
  }
  if (root.contains("tables/fit")) {
    const Table fit = table_from(root.open_group("tables/fit"), "fit");
    const bool has_buurten = root.contains("tables/buurten");
    const Table buurten = has_buurten ? table_from(root.open_group("tables/buurten"), "buurten") : Table{};
    text << composition_sources_text(fit, has_buurten ? &buurten : nullptr);
  }
  text << "\n";
}

void describe_series(std::ostringstream& text, const h5::Group& timeseries) {
  const auto paths = series_paths(timeseries);
  text << "Time series in /timeseries (" << paths.size()
       << "; shape is replicates x ticks, or replicates x ticks x columns)\n";
  std::vector<std::pair<std::string, std::vector<std::string>>> folders;  // in written order
  for (const auto& path : paths) {
    const auto slash = path.rfind('/');
    const std::string folder = slash == std::string::npos ? "" : path.substr(0, slash);
    if (folders.empty() || folders.back().first != folder) folders.push_back({folder, {}});
    folders.back().second.push_back(path);
  }
  for (const auto& [folder, members] : folders) {
    const std::string indent = folder.empty() ? "  " : "    ";
    if (!folder.empty()) text << "  " << folder << "/\n";
    for (const auto& path : members) {
      const h5::Dataset dataset = timeseries.open_dataset(path);
      const std::string leaf = folder.empty() ? path : path.substr(folder.size() + 1);
      const std::string unit = optional_string_attribute(dataset, "unit");
      text << indent << padded(leaf, 22) << padded(shape_text(dataset.shape()), 14)
           << padded(unit.empty() ? "-" : unit, 12) << optional_string_attribute(dataset, "description")
           << "\n";
      if (dataset.has_attribute("columns"))
        text << indent << std::string(22, ' ') << "columns ("
             << optional_string_attribute(dataset, "column_axis")
             << "): " << list_text(dataset.read_string_array_attribute("columns")) << "\n";
    }
  }
  text << "\n";
}

void describe_tables(std::ostringstream& text, const h5::Group& tables) {
  const auto names = table_names(tables);
  text << "Tables in /tables (" << names.size() << ")\n";
  for (const auto& name : names) {
    const h5::Group group = tables.open_group(name);
    std::vector<std::string> columns;
    std::size_t rows = 0;
    for (const auto& member : group.members()) {
      if (member.kind != h5::Group::Member::Kind::dataset) continue;
      columns.push_back(member.name);
      rows = group.open_dataset(member.name).rows();
    }
    text << "  " << padded(name, 14) << padded(std::to_string(rows) + " rows", 12)
         << optional_string_attribute(group, "description") << "\n"
         << "  " << std::string(14, ' ') << "columns: " << list_text(columns, 12) << "\n";
  }
}

}  // namespace

ResultHeader read_result_header(const fs::path& file) {
  return read_checked(file, [](const h5::Group& root) { return header_from(root); });
}

std::vector<std::int64_t> read_ticks(const fs::path& file) {
  return read_checked(file, [](const h5::Group& root) { return recorded_ticks(root); });
}

Series read_series(const fs::path& file, const std::string& series_path) {
  return read_checked(file, [&](const h5::Group& root) {
    return series_from(root.open_group("timeseries").open_dataset(series_path), series_path);
  });
}

RunResult read_result(const fs::path& file) {
  return read_checked(file, [](const h5::Group& root) {
    RunResult result;
    result.info = header_from(root).info;
    result.ticks = recorded_ticks(root);
    const h5::Group timeseries = root.open_group("timeseries");
    for (const auto& path : series_paths(timeseries))
      result.series.push_back(series_from(timeseries.open_dataset(path), path));
    const h5::Group tables = root.open_group("tables");
    for (const auto& name : table_names(tables)) result.tables.push_back(table_from(tables.open_group(name), name));
    return result;
  });
}

std::string describe_result_file(const fs::path& file) {
  return read_checked(file, [&](const h5::Group& root) {
    const ResultHeader header = header_from(root);
    std::ostringstream text;
    text << "wijksim result file " << file.string() << "\n"
         << "  format_version " << header.format_version << ", written by wijksim "
         << header.engine_version << " (commit " << header.git_commit << ")\n"
         << "  checksum       "
         << (verify_file_seal(file) == FileSeal::verified ? "verified (whole-file CRC-32 and per-chunk Fletcher-32)"
                                                            : "none (written before wijksim stored checksums)")
         << "\n\n";
    describe_header(text, header, recorded_ticks(root));
    describe_input(text, root, header.info);
    describe_series(text, root.open_group("timeseries"));
    describe_tables(text, root.open_group("tables"));
    return text.str();
  });
}

}  // namespace wijksim
