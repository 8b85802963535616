// Result writer and reader: the file is read back with the raw HDF5 C API (independent of
// sim/io) and compared value by value with the RunResult that was written.
#include <hdf5.h>

#include <algorithm>
#include <catch.hpp>
#include <cmath>
#include <cstring>
#include <fstream>

#include "sim/core/version.hpp"
#include "sim/io/file_checksum.hpp"
#include "sim/io/h5.hpp"
#include "sim/io/output_error.hpp"
#include "sim/io/result_reader.hpp"
#include "sim/io/result_writer.hpp"
#include "tests/io/common.hpp"
#include "tests/io/sample_result.hpp"

namespace {

using wijksim::RunResult;
using wijksim::testing::file_bytes;
using wijksim::testing::make_sample_result;
using wijksim::testing::ScratchFolder;

// Closes an HDF5 id at scope exit; the tests fail loudly if an open failed.
struct Raw {
  hid_t id;
  herr_t (*close)(hid_t);
  Raw(hid_t opened, herr_t (*closer)(hid_t)) : id(opened), close(closer) { REQUIRE(id >= 0); }
  ~Raw() { close(id); }
  Raw(const Raw&) = delete;
  Raw& operator=(const Raw&) = delete;
};

Raw open_raw_file(const std::filesystem::path& path) {
  return Raw(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
}

std::vector<std::string> raw_strings(hid_t attribute_or_dataset, bool is_attribute) {
  Raw stored(is_attribute ? H5Aget_type(attribute_or_dataset) : H5Dget_type(attribute_or_dataset), H5Tclose);
  REQUIRE(H5Tget_class(stored.id) == H5T_STRING);
  REQUIRE(H5Tis_variable_str(stored.id) > 0);
  REQUIRE(H5Tget_cset(stored.id) == H5T_CSET_UTF8);
  Raw space(is_attribute ? H5Aget_space(attribute_or_dataset) : H5Dget_space(attribute_or_dataset), H5Sclose);
  std::vector<char*> raw(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.id)));
  if (raw.empty()) return {};
  const herr_t status = is_attribute
                            ? H5Aread(attribute_or_dataset, stored.id, raw.data())
                            : H5Dread(attribute_or_dataset, stored.id, H5S_ALL, H5S_ALL, H5P_DEFAULT, raw.data());
  REQUIRE(status >= 0);
  std::vector<std::string> values(raw.begin(), raw.end());
  H5Dvlen_reclaim(stored.id, space.id, H5P_DEFAULT, raw.data());
  return values;
}

std::vector<std::string> raw_string_attribute(hid_t object, const char* name) {
  REQUIRE(H5Aexists(object, name) > 0);
  Raw attribute(H5Aopen(object, name, H5P_DEFAULT), H5Aclose);
  return raw_strings(attribute.id, true);
}

// Reads an integer attribute and checks it is stored as 64 bits with the expected sign.
template <typename T>
T raw_integer_attribute(hid_t object, const char* name, H5T_sign_t sign) {
  INFO("attribute " << name);
  REQUIRE(H5Aexists(object, name) > 0);
  Raw attribute(H5Aopen(object, name, H5P_DEFAULT), H5Aclose);
  Raw type(H5Aget_type(attribute.id), H5Tclose);
  REQUIRE(H5Tget_class(type.id) == H5T_INTEGER);
  REQUIRE(H5Tget_size(type.id) == 8);
  REQUIRE(H5Tget_sign(type.id) == sign);
  T value{};
  REQUIRE(H5Aread(attribute.id, sign == H5T_SGN_2 ? H5T_NATIVE_INT64 : H5T_NATIVE_UINT64, &value) >= 0);
  return value;
}

std::int64_t raw_int64_attribute(hid_t object, const char* name) {
  return raw_integer_attribute<std::int64_t>(object, name, H5T_SGN_2);
}

std::vector<hsize_t> raw_shape(hid_t dataset) {
  Raw space(H5Dget_space(dataset), H5Sclose);
  std::vector<hsize_t> dims(static_cast<std::size_t>(H5Sget_simple_extent_ndims(space.id)));
  H5Sget_simple_extent_dims(space.id, dims.data(), nullptr);
  return dims;
}

template <typename T>
std::vector<T> raw_numbers(hid_t dataset, hid_t memory_type) {
  Raw space(H5Dget_space(dataset), H5Sclose);
  std::vector<T> values(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.id)));
  if (!values.empty()) REQUIRE(H5Dread(dataset, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) >= 0);
  return values;
}

bool same_number(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

void require_same_values(const std::vector<double>& actual, const std::vector<double>& expected) {
  REQUIRE(actual.size() == expected.size());
  for (std::size_t i = 0; i < actual.size(); ++i) {
    INFO("element " << i << ": " << actual[i] << " vs " << expected[i]);
    REQUIRE(same_number(actual[i], expected[i]));
  }
}

// A string column as stored: the strings themselves, or uint8 codes (an enum) into a `labels` attribute.
std::vector<std::string> raw_text_column(hid_t dataset) {
  if (H5Aexists(dataset, "labels") <= 0) return raw_strings(dataset, false);
  Raw type(H5Dget_type(dataset), H5Tclose);
  // An enum over uint8 reads in its own type (HDF5 converts enums only to enums).
  const bool is_enum = H5Tget_class(type.id) == H5T_ENUM && H5Tget_size(type.id) == 1;
  REQUIRE((is_enum || H5Tequal(type.id, H5T_STD_U8LE) > 0));
  const auto labels = raw_string_attribute(dataset, "labels");
  std::vector<std::string> values;
  for (const auto code : raw_numbers<std::uint8_t>(dataset, is_enum ? type.id : H5T_NATIVE_UINT8)) {
    REQUIRE(code < labels.size());
    values.push_back(labels[code]);
  }
  return values;
}

bool has_temporary_file(const ScratchFolder& folder) {
  const auto names = folder.file_names();
  return std::any_of(names.begin(), names.end(),
                     [](const std::string& name) { return name.find(".tmp-") != std::string::npos; });
}

// Every dataset in the file, as paths from the root.
std::vector<std::string> all_datasets(hid_t file) {
  std::vector<std::string> paths;
  auto visit = [](hid_t, const char* name, const H5O_info_t* info, void* sink) -> herr_t {
    if (info->type == H5O_TYPE_DATASET) static_cast<std::vector<std::string>*>(sink)->push_back(name);
    return 0;
  };
  REQUIRE(H5Ovisit2(file, H5_INDEX_NAME, H5_ITER_INC, visit, &paths, H5O_INFO_BASIC) >= 0);
  return paths;
}

// The sample result written to a scratch folder and opened again with the raw HDF5 API.
struct WrittenSample {
  ScratchFolder folder;
  const RunResult result = make_sample_result();
  Raw file = write_and_open(result, folder / "out.h5");

  static Raw write_and_open(const RunResult& result, const std::filesystem::path& out) {
    wijksim::write_result(result, out, false);
    return open_raw_file(out);
  }
};

}  // namespace

TEST_CASE_METHOD(WrittenSample, "root attributes hold the run facts, the engine and format_version 4", "[io]") {
  Raw root(H5Gopen2(file.id, "/", H5P_DEFAULT), H5Gclose);
  CHECK(raw_int64_attribute(root.id, "format_version") == 4);
  CHECK(raw_string_attribute(root.id, "engine_version") == std::vector<std::string>{wijksim::kEngineVersion});
  CHECK(raw_string_attribute(root.id, "git_commit") == std::vector<std::string>{wijksim::kGitCommit});
  CHECK(raw_string_attribute(root.id, "scenario_name")[0] == result.info.scenario_name);
  CHECK(raw_string_attribute(root.id, "scenario_file")[0] == result.info.scenario_file);
  CHECK(raw_string_attribute(root.id, "scenario_json")[0] == result.info.scenario_json);
  CHECK(raw_integer_attribute<std::uint64_t>(root.id, "seed", H5T_SGN_NONE) == result.info.seed);
  CHECK(raw_int64_attribute(root.id, "replicates") == result.info.replicates);
  CHECK(raw_int64_attribute(root.id, "horizon_ticks") == result.info.horizon_ticks);
  CHECK(raw_int64_attribute(root.id, "output_every") == result.info.output_every);
  CHECK(raw_int64_attribute(root.id, "residents") == static_cast<std::int64_t>(result.info.residents));
  CHECK(raw_int64_attribute(root.id, "buurten") == static_cast<std::int64_t>(result.info.buurten));
  CHECK(raw_int64_attribute(root.id, "threads") == result.info.threads);

  Raw ticks(H5Dopen2(file.id, "/tick", H5P_DEFAULT), H5Dclose);
  CHECK(raw_shape(ticks.id) == std::vector<hsize_t>{result.ticks.size()});
  CHECK(raw_numbers<std::int64_t>(ticks.id, H5T_NATIVE_INT64) == result.ticks);
}

TEST_CASE_METHOD(WrittenSample, "every series is stored as [R, T] or [R, T, W] with its attributes and values",
                 "[io]") {
  for (const auto& series : result.series) {
    INFO("series " << series.spec.path);
    Raw dataset(H5Dopen2(file.id, ("/timeseries/" + series.spec.path).c_str(), H5P_DEFAULT), H5Dclose);
    std::vector<hsize_t> expected_shape{series.values.size(), result.ticks.size()};
    if (!series.spec.columns.empty()) expected_shape.push_back(series.spec.columns.size());
    CHECK(raw_shape(dataset.id) == expected_shape);

    Raw type(H5Dget_type(dataset.id), H5Tclose);
    CHECK(H5Tequal(type.id, H5T_IEEE_F64LE) > 0);
    std::vector<double> expected;
    for (const auto& replicate : series.values) expected.insert(expected.end(), replicate.begin(), replicate.end());
    require_same_values(raw_numbers<double>(dataset.id, H5T_NATIVE_DOUBLE), expected);

    CHECK(raw_string_attribute(dataset.id, "description")[0] == series.spec.description);
    CHECK(raw_string_attribute(dataset.id, "unit")[0] == series.spec.unit);
    if (series.spec.columns.empty()) {
      CHECK(H5Aexists(dataset.id, "columns") == 0);
    } else {
      CHECK(raw_string_attribute(dataset.id, "columns") == series.spec.columns);
      CHECK(raw_string_attribute(dataset.id, "column_axis")[0] == series.spec.column_axis);
    }
  }
}

TEST_CASE_METHOD(WrittenSample, "tables become groups of equally long typed columns with descriptions", "[io]") {
  for (const auto& table : result.tables) {
    INFO("table " << table.path);
    Raw group(H5Gopen2(file.id, ("/tables/" + table.path).c_str(), H5P_DEFAULT), H5Gclose);
    CHECK(raw_string_attribute(group.id, "description")[0] == table.description);
    for (std::size_t i = 0; i < table.columns.size(); ++i) {
      INFO("column " << table.column_names[i]);
      Raw dataset(H5Dopen2(group.id, table.column_names[i].c_str(), H5P_DEFAULT), H5Dclose);
      CHECK(raw_shape(dataset.id) == std::vector<hsize_t>{table.rows()});
      CHECK(raw_string_attribute(dataset.id, "description")[0] == table.column_descriptions[i]);
      Raw type(H5Dget_type(dataset.id), H5Tclose);
      if (const auto* ints = std::get_if<std::vector<std::int64_t>>(&table.columns[i])) {
        CHECK(H5Tequal(type.id, H5T_STD_I64LE) > 0);
        CHECK(raw_numbers<std::int64_t>(dataset.id, H5T_NATIVE_INT64) == *ints);
      } else if (const auto* doubles = std::get_if<std::vector<double>>(&table.columns[i])) {
        CHECK(H5Tequal(type.id, H5T_IEEE_F64LE) > 0);
        CHECK(raw_numbers<double>(dataset.id, H5T_NATIVE_DOUBLE) == *doubles);
      } else {
        CHECK(raw_text_column(dataset.id) == std::get<std::vector<std::string>>(table.columns[i]));
      }
    }
  }
}

TEST_CASE_METHOD(WrittenSample, "a column of a declared vocabulary is an enum coded in the declared order",
                 "[io][codes]") {
  Raw rung(H5Dopen2(file.id, "/tables/decisions/rung", H5P_DEFAULT), H5Dclose);
  Raw rung_type(H5Dget_type(rung.id), H5Tclose);
  REQUIRE(H5Tget_class(rung_type.id) == H5T_ENUM);
  const std::vector<std::string> declared{"inform", "consult", "advise", "co_produce", "co_decide"};
  REQUIRE(H5Tget_nmembers(rung_type.id) == static_cast<int>(declared.size()));
  for (unsigned member = 0; member < declared.size(); ++member) {
    char* name = H5Tget_member_name(rung_type.id, member);
    std::uint8_t value = 255;
    H5Tget_member_value(rung_type.id, member, &value);
    CHECK(std::string(name) == declared[member]);
    CHECK(value == member);
    H5free_memory(name);
  }
  CHECK(raw_string_attribute(rung.id, "labels") == declared);
  CHECK(raw_numbers<std::uint8_t>(rung.id, rung_type.id) == std::vector<std::uint8_t>{1, 4, 1, 0, 1, 4});
  CHECK(raw_string_attribute(rung.id, "description")[0] == "Ladder rung");

  // Every buurt code differs, and an empty column has nothing to code: both stay strings.
  for (const char* path : {"/tables/buurten/code", "/tables/initiatives/issue"}) {
    INFO("column " << path);
    Raw column(H5Dopen2(file.id, path, H5P_DEFAULT), H5Dclose);
    CHECK(H5Aexists(column.id, "labels") == 0);
    Raw type(H5Dget_type(column.id), H5Tclose);
    CHECK(H5Tget_class(type.id) == H5T_STRING);
  }
}

TEST_CASE("other few-valued string columns are enums over sorted labels, plain codes if a label is empty",
          "[io][codes]") {
  ScratchFolder folder;
  RunResult result = make_sample_result();
  wijksim::Table& decisions = result.tables[1];
  decisions.column_categories.clear();  // the rung column as an undeclared one
  decisions.column_names.push_back("gemeente");
  decisions.column_descriptions.push_back("empty for archetype buurten");
  decisions.columns.push_back(std::vector<std::string>(6, ""));
  wijksim::write_result(result, folder / "out.h5", false);
  const auto file = wijksim::h5::File::open_read_only(folder / "out.h5");
  const auto rung = file.root().open_dataset("tables/decisions/rung");
  CHECK(rung.enum_labels() == std::vector<std::string>{"co_decide", "consult", "inform"});
  CHECK(rung.read_int64() == std::vector<std::int64_t>{1, 0, 1, 2, 1, 0});
  const auto gemeente = file.root().open_dataset("tables/decisions/gemeente");
  CHECK(gemeente.enum_labels().empty());
  CHECK(gemeente.read_string_array_attribute("labels") == std::vector<std::string>{""});
  CHECK(wijksim::read_result(folder / "out.h5").tables[1].columns.back() == decisions.columns.back());
}

TEST_CASE("a value outside its column's declared categories is refused as a layout error", "[io][codes]") {
  ScratchFolder folder;
  RunResult result = make_sample_result();
  std::get<std::vector<std::string>>(result.tables[1].columns[2])[0] = "referendum";
  CHECK_THROWS_WITH(wijksim::write_result(result, folder / "out.h5", false),
                    Catch::Contains("value 'referendum' is not one of its declared categories"));
  CHECK_FALSE(std::filesystem::exists(folder / "out.h5"));
}

TEST_CASE("every axis is attached to the scale of its dimension at the root", "[io][dimensions]") {
  ScratchFolder folder;
  const RunResult result = make_sample_result();
  wijksim::write_result(result, folder / "out.h5", false);
  const auto file = wijksim::h5::File::open_read_only(folder / "out.h5");
  const auto root = file.root();
  using Names = std::vector<std::string>;
  CHECK(root.open_dataset("timeseries/participation/overall").dimension_names() == Names{"replicate", "tick"});
  CHECK(root.open_dataset("timeseries/participation/by_kind").dimension_names() == Names{"replicate", "tick", "kind"});
  CHECK(root.open_dataset("timeseries/liveability/by_buurt").dimension_names() == Names{"replicate", "tick", "buurt"});
  CHECK(root.open_dataset("tables/buurten/vulnerability").dimension_names() == Names{"buurt"});
  CHECK(root.open_dataset("tables/decisions/rung").dimension_names() == Names{"decision"});
  CHECK(root.open_dataset("tables/initiatives/buurt").dimension_names() == Names{"initiative"});
  CHECK(root.open_dataset("input/data_notes").dimension_names() == Names{"note"});
  // The scales hold the labels.
  CHECK(root.open_dataset("replicate").read_int64() == std::vector<std::int64_t>{0, 1});
  CHECK(root.open_dataset("tick").read_int64() == result.ticks);
  CHECK(root.open_dataset("kind").read_strings() == result.series[1].spec.columns);
  CHECK(root.open_dataset("buurt").read_strings() == result.series[3].spec.columns);
  CHECK(root.open_dataset("decision").read_int64() == std::vector<std::int64_t>{0, 1, 2, 3, 4, 5});
  CHECK(root.open_dataset("initiative").read_int64().empty());
}

TEST_CASE("two series that label a dimension differently break the layout", "[io][dimensions]") {
  ScratchFolder folder;
  RunResult result = make_sample_result();
  wijksim::Series other = result.series[3];
  other.spec.path = "trust/by_buurt";
  other.spec.columns[0] = "BU99999999";
  result.series.push_back(other);
  CHECK_THROWS_WITH(wijksim::write_result(result, folder / "out.h5", false),
                    Catch::Contains("label the dimension 'buurt' differently"));
}

TEST_CASE("every dataset is chunked with shuffle and deflate level 4, numbers with Fletcher-32", "[io]") {
  ScratchFolder folder;
  wijksim::write_result(make_sample_result(), folder / "out.h5", false);
  Raw file = open_raw_file(folder / "out.h5");
  const auto paths = all_datasets(file.id);
  REQUIRE(paths.size() > 10);
  for (const auto& path : paths) {
    INFO("dataset " << path);
    Raw dataset(H5Dopen2(file.id, path.c_str(), H5P_DEFAULT), H5Dclose);
    Raw creation(H5Dget_create_plist(dataset.id), H5Pclose);
    CHECK(H5Pget_layout(creation.id) == H5D_CHUNKED);
    Raw type(H5Dget_type(dataset.id), H5Tclose);
    // HDF5 checksums chunks of fixed-size elements only; the file checksum covers strings.
    const bool fixed_size = H5Tis_variable_str(type.id) <= 0;
    REQUIRE(H5Pget_nfilters(creation.id) == (fixed_size ? 3 : 2));
    unsigned flags = 0;
    std::size_t value_count = 1;
    unsigned deflate_level = 0;
    unsigned filter_config = 0;
    CHECK(H5Pget_filter2(creation.id, 0, &flags, &value_count, &deflate_level, 0, nullptr, &filter_config) ==
          H5Z_FILTER_SHUFFLE);
    value_count = 1;
    CHECK(H5Pget_filter2(creation.id, 1, &flags, &value_count, &deflate_level, 0, nullptr, &filter_config) ==
          H5Z_FILTER_DEFLATE);
    CHECK(deflate_level == 4);
    if (fixed_size) {
      value_count = 0;
      CHECK(H5Pget_filter2(creation.id, 2, &flags, &value_count, nullptr, 0, nullptr, &filter_config) ==
            H5Z_FILTER_FLETCHER32);
    }
  }
}

TEST_CASE("an existing file is refused without overwrite and left untouched", "[io]") {
  ScratchFolder folder;
  const auto out = folder / "out.h5";
  RunResult first = make_sample_result();
  wijksim::write_result(first, out, false);
  const std::string original = file_bytes(out);

  RunResult second = make_sample_result();
  second.info.seed = 7;
  try {
    wijksim::write_result(second, out, false);
    FAIL("overwriting without the flag should throw");
  } catch (const wijksim::OutputTargetError& error) {
    CHECK_THAT(error.what(), Catch::Contains("--overwrite") && Catch::Contains(out.string()));
  }
  CHECK(file_bytes(out) == original);
  CHECK_THROWS_AS(wijksim::check_output_target(out, false), wijksim::OutputTargetError);
  CHECK(!has_temporary_file(folder));

  wijksim::write_result(second, out, true);
  CHECK(wijksim::read_result_header(out).info.seed == 7);
}

TEST_CASE("bad targets fail before anything is written", "[io]") {
  ScratchFolder folder;
  CHECK_THROWS_AS(wijksim::check_output_target(folder / "missing" / "out.h5", true), wijksim::OutputTargetError);
  CHECK_THROWS_WITH(wijksim::write_result(make_sample_result(), folder / "missing" / "out.h5", true),
                    Catch::Contains("does not exist"));
  CHECK_THROWS_AS(wijksim::check_output_target(folder.path(), true), wijksim::OutputTargetError);
  CHECK_NOTHROW(wijksim::check_output_target(folder / "new.h5", false));
  CHECK(folder.file_names().empty());
}

TEST_CASE("a failure while writing leaves neither the target nor a temporary file", "[io]") {
  ScratchFolder folder;
  const auto out = folder / "out.h5";

  SECTION("a table with columns of unequal length") {
    RunResult result = make_sample_result();
    result.tables.back().columns.emplace_back(std::vector<double>{1.0});
    result.tables.back().column_names.push_back("extra");
    result.tables.back().column_descriptions.push_back("one row too many");
    CHECK_THROWS_WITH(wijksim::write_result(result, out, false),
                      Catch::Contains("initiatives") && Catch::Contains("extra"));
  }
  SECTION("a series with too few values for its ticks") {
    RunResult result = make_sample_result();
    result.series[1].values[1].pop_back();
    CHECK_THROWS_WITH(wijksim::write_result(result, out, false),
                      Catch::Contains("participation/by_kind") && Catch::Contains("replicate 1"));
  }
  SECTION("the same series path twice") {
    RunResult result = make_sample_result();
    result.series.push_back(result.series.front());
    CHECK_THROWS_WITH(wijksim::write_result(result, out, false), Catch::Contains("participation/overall"));
  }
  CHECK(!std::filesystem::exists(out));
  CHECK(!has_temporary_file(folder));
  CHECK(folder.file_names().empty());
}

TEST_CASE("identical content gives identical bytes", "[io]") {
  ScratchFolder folder;
  wijksim::write_result(make_sample_result(), folder / "a.h5", false);
  wijksim::write_result(make_sample_result(), folder / "b.h5", false);
  const std::string first = file_bytes(folder / "a.h5");
  CHECK(!first.empty());
  CHECK(first == file_bytes(folder / "b.h5"));
}

TEST_CASE("the reader returns what was written, in the written order", "[io]") {
  ScratchFolder folder;
  const RunResult written = make_sample_result();
  wijksim::write_result(written, folder / "out.h5", false);
  const RunResult read = wijksim::read_result(folder / "out.h5");

  CHECK(read.info.scenario_json == written.info.scenario_json);
  CHECK(read.info.seed == written.info.seed);
  CHECK(read.info.residents == written.info.residents);
  CHECK(read.info.data_notes == written.info.data_notes);
  CHECK(read.ticks == written.ticks);
  REQUIRE(read.series.size() == written.series.size());
  for (std::size_t s = 0; s < read.series.size(); ++s) {
    INFO("series " << written.series[s].spec.path);
    CHECK(read.series[s].spec.path == written.series[s].spec.path);
    CHECK(read.series[s].spec.columns == written.series[s].spec.columns);
    CHECK(read.series[s].spec.column_axis == written.series[s].spec.column_axis);
    REQUIRE(read.series[s].values.size() == written.series[s].values.size());
    for (std::size_t r = 0; r < read.series[s].values.size(); ++r)
      require_same_values(read.series[s].values[r], written.series[s].values[r]);
  }
  REQUIRE(read.tables.size() == written.tables.size());
  for (std::size_t t = 0; t < read.tables.size(); ++t) {
    CHECK(read.tables[t].path == written.tables[t].path);
    CHECK(read.tables[t].column_names == written.tables[t].column_names);
    CHECK(read.tables[t].column_descriptions == written.tables[t].column_descriptions);
    CHECK(read.tables[t].columns == written.tables[t].columns);
  }
  const auto by_kind = wijksim::read_series(folder / "out.h5", "participation/by_kind");
  CHECK(by_kind.spec.unit == "share");
  CHECK(by_kind.values == written.series[1].values);
}

TEST_CASE("the summary names the run, every series with its shape and every table", "[io]") {
  ScratchFolder folder;
  const RunResult result = make_sample_result();
  wijksim::write_result(result, folder / "out.h5", false);
  const std::string summary = wijksim::describe_result_file(folder / "out.h5");
  CHECK_THAT(summary, Catch::Contains("sample-noord (from scenarios/sample-noord.json)"));
  CHECK_THAT(summary, Catch::Contains("18446744073709551557"));
  CHECK_THAT(summary, Catch::Contains("0 to 16, every 4 (5 recorded)"));
  CHECK_THAT(summary, Catch::Contains("1234 residents in 3 buurten"));
  CHECK_THAT(summary, Catch::Contains(std::string("commit ") + wijksim::kGitCommit));
  CHECK_THAT(summary, Catch::Contains("format_version 4"));
  CHECK_THAT(summary, Catch::Contains("participation/\n"));
  CHECK_THAT(summary, Catch::Contains("by_kind") && Catch::Contains("2 x 5 x 6"));
  CHECK_THAT(summary, Catch::Contains("columns (buurt): BU03630000, BU03630001, BU03630002"));
  CHECK_THAT(summary, Catch::Contains("index 0-1"));
  CHECK_THAT(summary, Catch::Contains("decisions") && Catch::Contains("6 rows"));
  CHECK_THAT(summary, Catch::Contains("initiatives") && Catch::Contains("0 rows"));
}

TEST_CASE("the data notes are a 1-D string dataset /input/data_notes with a description", "[io][notes]") {
  ScratchFolder folder;
  RunResult result = make_sample_result();
  REQUIRE(result.info.data_notes.size() == 2);

  SECTION("as written") {
    wijksim::write_result(result, folder / "out.h5", false);
    Raw file = open_raw_file(folder / "out.h5");
    Raw notes(H5Dopen2(file.id, "/input/data_notes", H5P_DEFAULT), H5Dclose);
    CHECK(raw_shape(notes.id) == std::vector<hsize_t>{2});
    CHECK(raw_strings(notes.id, false) == result.info.data_notes);
    CHECK_THAT(raw_string_attribute(notes.id, "description")[0], Catch::Contains("CBS data"));
  }
  SECTION("empty when there are none") {
    result.info.data_notes.clear();
    wijksim::write_result(result, folder / "out.h5", false);
    Raw file = open_raw_file(folder / "out.h5");
    Raw notes(H5Dopen2(file.id, "/input/data_notes", H5P_DEFAULT), H5Dclose);
    CHECK(raw_shape(notes.id) == std::vector<hsize_t>{0});
    CHECK(wijksim::read_result(folder / "out.h5").info.data_notes.empty());
    CHECK_THAT(wijksim::describe_result_file(folder / "out.h5"),
               Catch::Contains("data notes   0 in /input/data_notes\n"));
  }
  SECTION("a version-1 file written before the notes were stored reads as having none") {
    wijksim::write_result(result, folder / "out.h5", false);
    {
      Raw file(H5Fopen((folder / "out.h5").c_str(), H5F_ACC_RDWR, H5P_DEFAULT), H5Fclose);
      REQUIRE(H5Ldelete(file.id, "/input/data_notes", H5P_DEFAULT) >= 0);
    }
    wijksim::seal_file((folder / "out.h5"));  // the edit above changed the bytes the checksum covers
    CHECK(wijksim::read_result(folder / "out.h5").info.data_notes.empty());
    CHECK_THAT(wijksim::describe_result_file(folder / "out.h5"),
               Catch::Contains("data notes   0 (the file predates /input/data_notes)"));
  }
}

namespace {

// A fit table as the engine writes it, reduced to the columns the summary reads; buurt is a row
// index into the sample's buurten table.
wijksim::Table fit_table_with_sources(const std::vector<std::int64_t>& buurten, const std::vector<std::string>& marginals,
                                      const std::vector<std::string>& sources) {
  wijksim::Table fit;
  fit.path = "fit";
  fit.description = "composition targets against the synthesised population";
  fit.column_names = {"buurt", "marginal", "source"};
  fit.column_descriptions = {"row index into buurten", "the composition field", "where the target came from"};
  fit.columns = {buurten, marginals, sources};
  return fit;
}

}  // namespace

TEST_CASE("the summary counts the data notes and the residents per marginal and source", "[io][notes]") {
  ScratchFolder folder;
  RunResult result = make_sample_result();

  SECTION("CBS buurten: each buurt weighed by its residents once per marginal, by kind and by source") {
    result.tables.push_back(fit_table_with_sources(
        {0, 0, 1, 1, 2, 2}, {"age_group", "age_group", "age_group", "age_group", "education", "education"},
        {"same code in a.csv", "same code in a.csv", "gemeente in b.csv", "gemeente in b.csv", "model default",
         "model default"}));
    wijksim::write_result(result, folder / "out.h5", false);
    const std::string summary = wijksim::describe_result_file(folder / "out.h5");
    CHECK_THAT(summary, Catch::Contains("data notes   2 in /input/data_notes (from reading the CBS data)"));
    CHECK_THAT(summary, Catch::Contains("share of residents per marginal by source"));
    // The sample's buurten have 400, 534 and 300 residents.
    CHECK_THAT(summary, Catch::Contains("age_group                 57.2% gemeente, 42.8% own unit\n"));
    CHECK_THAT(summary, Catch::Contains("(57.2% gemeente in b.csv, 42.8% same code in a.csv)\n"));
    CHECK_THAT(summary, Catch::Contains("education                 100.0% model default\n"));
  }
  SECTION("archetype buurten only: no composition line") {
    result.tables.push_back(fit_table_with_sources({0, 1}, {"age_group", "age_group"}, {"scenario", "scenario"}));
    wijksim::write_result(result, folder / "out.h5", false);
    CHECK_THAT(wijksim::describe_result_file(folder / "out.h5"), !Catch::Contains("per marginal by source"));
  }
}

TEST_CASE("files that are not readable wijksim results are refused with a reason", "[io]") {
  ScratchFolder folder;
  const auto path = folder / "other.h5";

  SECTION("missing file") {
    CHECK_THROWS_WITH(wijksim::describe_result_file(path), Catch::Contains("no such file"));
  }
  SECTION("not HDF5") {
    std::ofstream(path) << "tick,value\n0,1\n";
    CHECK_THROWS_WITH(wijksim::describe_result_file(path), Catch::Contains("not an HDF5 file"));
  }
  SECTION("HDF5 without format_version") {
    { Raw file(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose); }
    CHECK_THROWS_AS(wijksim::describe_result_file(path), wijksim::ResultFileError);
    CHECK_THROWS_WITH(wijksim::read_result(path), Catch::Contains("no format_version"));
  }
  SECTION("a newer format_version") {
    wijksim::write_result(make_sample_result(), path, false);
    {
      Raw file(H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), H5Fclose);
      Raw attribute(H5Aopen_by_name(file.id, "/", "format_version", H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
      const std::int64_t newer = wijksim::kFormatVersion + 1;
      REQUIRE(H5Awrite(attribute.id, H5T_NATIVE_INT64, &newer) >= 0);
    }
    wijksim::seal_file(path);  // the edit above changed the bytes the checksum covers
    CHECK_THROWS_WITH(wijksim::describe_result_file(path),
                      Catch::Contains("format_version " + std::to_string(wijksim::kFormatVersion + 1)) &&
                          Catch::Contains("newer wijksim"));
  }
  SECTION("a code outside its labels") {
    wijksim::write_result(make_sample_result(), path, false);
    {
      Raw file(H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), H5Fclose);
      Raw rung(H5Dopen2(file.id, "/tables/decisions/rung", H5P_DEFAULT), H5Dclose);
      const std::vector<std::uint8_t> codes{1, 0, 1, 5, 1, 0};  // 5 labels: 5 is one too many
      Raw enum_type(H5Dget_type(rung.id), H5Tclose);  // written as raw codes, as a damaged file may hold
      REQUIRE(H5Dwrite(rung.id, enum_type.id, H5S_ALL, H5S_ALL, H5P_DEFAULT, codes.data()) >= 0);
    }
    wijksim::seal_file(path);  // the edit above changed the bytes the checksum covers
    CHECK_THROWS_AS(wijksim::read_result(path), wijksim::ResultFileError);
    CHECK_THROWS_WITH(wijksim::read_result(path), Catch::Contains("/tables/decisions/rung") &&
                                                      Catch::Contains("row 3: code 5"));
  }
  SECTION("a result missing a required root attribute") {
    wijksim::write_result(make_sample_result(), path, false);
    {
      Raw file(H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), H5Fclose);
      REQUIRE(H5Adelete_by_name(file.id, "/", "residents", H5P_DEFAULT) >= 0);
    }
    wijksim::seal_file(path);  // the edit above changed the bytes the checksum covers
    CHECK_THROWS_AS(wijksim::read_result_header(path), wijksim::ResultFileError);
    CHECK_THROWS_WITH(wijksim::read_result_header(path), Catch::Contains("residents"));
  }
}

TEST_CASE("a format_version 1 file, with string columns stored as strings, reads the same", "[io][codes]") {
  ScratchFolder folder;
  const RunResult written = make_sample_result();
  const auto path = folder / "version1.h5";
  wijksim::write_result(written, path, false);
  {
    // Turn the file into what version 1 wrote: rung as strings, format_version 1.
    auto file = wijksim::h5::File::open_read_write(path);
    {
      auto root = file.root();
      root.write_int64_attribute("format_version", 1);
      auto decisions = root.open_group("tables/decisions");
      REQUIRE(H5Ldelete(decisions.id(), "rung", H5P_DEFAULT) >= 0);
      decisions.write_string_dataset("rung", std::get<std::vector<std::string>>(written.tables[1].columns[2]))
          .write_string_attribute("description", "Ladder rung");
    }
    file.close();
  }
  wijksim::seal_file(path);
  const RunResult read = wijksim::read_result(path);
  CHECK(wijksim::read_result_header(path).format_version == 1);
  const wijksim::Table& decisions = read.tables[1];
  REQUIRE(decisions.column_names.back() == "rung");  // recreated last
  CHECK(decisions.columns.back() == written.tables[1].columns[2]);
  CHECK(decisions.column_descriptions.back() == "Ladder rung");
}
