#pragma once
// Dataset-by-dataset comparison of two HDF5 files for the experiment tests: every dataset of
// one file must exist in the other with the same shape and values (NaN equals NaN); attributes
// are not compared, since some record facts such as the process count.
#include <catch.hpp>

#include <cmath>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "sim/io/h5.hpp"

namespace experiment_test {

struct DatasetContent {
  std::vector<std::size_t> shape;
  std::vector<std::string> strings;
  std::vector<std::int64_t> integers;
  std::vector<double> numbers;
};

inline void collect(const wijksim::h5::Group& group, const std::string& prefix,
                    std::map<std::string, DatasetContent>& out) {
  for (const auto& member : group.members()) {
    const std::string path = prefix + member.name;
    if (member.kind == wijksim::h5::Group::Member::Kind::group) {
      collect(group.open_group(member.name), path + "/", out);
      continue;
    }
    const auto dataset = group.open_dataset(member.name);
    DatasetContent content{dataset.shape(), {}, {}, {}};
    switch (dataset.element_type()) {
      case wijksim::h5::ElementType::string: content.strings = dataset.read_strings(); break;
      case wijksim::h5::ElementType::int64: content.integers = dataset.read_int64(); break;
      default: content.numbers = dataset.read_float64(); break;
    }
    out[path] = std::move(content);
  }
}

inline std::map<std::string, DatasetContent> read_all(const std::string& file) {
  std::map<std::string, DatasetContent> datasets;
  const auto opened = wijksim::h5::File::open_read_only(file);
  collect(opened.root(), "", datasets);
  return datasets;
}

inline bool same_numbers(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() &&
         (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

// Bitwise equality of every dataset (NaNs written by one code path share one bit pattern).
inline void require_same_datasets(const std::string& expected_file, const std::string& actual_file) {
  const auto expected = read_all(expected_file);
  const auto actual = read_all(actual_file);
  REQUIRE(expected.size() == actual.size());
  for (const auto& [path, content] : expected) {
    INFO("dataset " << path);
    REQUIRE(actual.count(path) == 1);
    const auto& other = actual.at(path);
    CHECK(content.shape == other.shape);
    CHECK(content.strings == other.strings);
    CHECK(content.integers == other.integers);
    CHECK(same_numbers(content.numbers, other.numbers));
  }
}

}  // namespace experiment_test
