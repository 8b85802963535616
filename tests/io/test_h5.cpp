// The RAII HDF5 layer on its own: attributes, datasets, extendable datasets that survive a
// reopen (the experiment runner's resume), member order, and error messages.
#include <catch.hpp>
#include <cmath>

#include "sim/io/h5.hpp"
#include "tests/io/common.hpp"

namespace h5 = wijksim::h5;
using wijksim::testing::ScratchFolder;

TEST_CASE("attributes of every kind round-trip", "[io][h5]") {
  ScratchFolder folder;
  const auto path = folder / "attributes.h5";
  {
    auto file = h5::File::create(path);
    {
      auto group = file.root().require_group("a/b/c");
      group.write_string_attribute("name", "Ĳsselmonde");
      group.write_int64_attribute("count", -42);
      group.write_uint64_attribute("seed", 18446744073709551615ull);
      group.write_double_attribute("share", 0.125);
      group.write_string_array_attribute("labels", {"low", "", "high"});
      group.write_int64_attribute("count", 43);  // replacing keeps one attribute
    }
    file.close();
  }
  auto file = h5::File::open_read_only(path);
  const auto group = file.root().open_group("a/b/c");
  CHECK(group.path() == "/a/b/c");
  CHECK(group.read_string_attribute("name") == "Ĳsselmonde");
  CHECK(group.read_int64_attribute("count") == 43);
  CHECK(group.read_uint64_attribute("seed") == 18446744073709551615ull);
  CHECK(group.read_double_attribute("share") == 0.125);
  CHECK(group.read_string_array_attribute("labels") == std::vector<std::string>{"low", "", "high"});
  CHECK(!group.has_attribute("missing"));
  CHECK_THROWS_WITH(group.read_string_attribute("count"), Catch::Contains("count"));
  CHECK_THROWS_WITH(group.read_int64_attribute("name"), Catch::Contains("not a number"));
}

TEST_CASE("N-D datasets keep shape and values; members list in creation order", "[io][h5]") {
  ScratchFolder folder;
  const auto path = folder / "datasets.h5";
  const std::vector<double> cube{1.5, -2.0, NAN, 4.0, 5.0, 6.25};
  {
    auto file = h5::File::create(path);
    auto root = file.root();
    root.write_float64_dataset("z/cube", cube, {1, 2, 3});
    root.write_int64_dataset("y", {7, 8, 9}, {3});
    root.write_string_dataset("x", {"één", "twee"});
    root.write_float64_dataset("empty", {}, {0});
    CHECK_THROWS_WITH(root.write_float64_dataset("wrong", {1.0, 2.0}, {3}),
                      Catch::Contains("wrong") && Catch::Contains(path.string()));
  }
  auto file = h5::File::open_read_only(path);
  const auto root = file.root();
  const auto members = root.members();
  REQUIRE(members.size() == 4);
  CHECK(members[0].name == "z");
  CHECK(members[0].kind == h5::Group::Member::Kind::group);
  CHECK(members[1].name == "y");
  CHECK(members[3].name == "empty");
  CHECK(members[3].kind == h5::Group::Member::Kind::dataset);

  const auto dataset = root.open_dataset("z/cube");
  CHECK(dataset.shape() == std::vector<std::size_t>{1, 2, 3});
  CHECK(dataset.element_type() == h5::ElementType::float64);
  const auto values = dataset.read_float64();
  REQUIRE(values.size() == cube.size());
  CHECK(std::isnan(values[2]));
  CHECK(values[5] == 6.25);
  CHECK(root.open_dataset("y").read_int64() == std::vector<std::int64_t>{7, 8, 9});
  CHECK(root.open_dataset("y").read_float64() == std::vector<double>{7, 8, 9});
  CHECK(root.open_dataset("x").read_strings() == std::vector<std::string>{"één", "twee"});
  CHECK(root.open_dataset("x").element_type() == h5::ElementType::string);
  CHECK(root.open_dataset("empty").rows() == 0);
}

TEST_CASE("extendable datasets grow by rows and resume after reopening", "[io][h5]") {
  ScratchFolder folder;
  const auto path = folder / "rows.h5";
  {
    auto file = h5::File::create(path);
    {
      auto root = file.root();
      auto table = root.create_extendable_dataset("runs/metrics", h5::ElementType::float64, 3, 2);
      auto ids = root.create_extendable_dataset("runs/id", h5::ElementType::int64, 0);
      table.append_rows(std::vector<double>{1, 2, 3, 4, 5, 6});
      ids.append_rows(std::vector<std::int64_t>{10, 11});
      CHECK_THROWS_WITH(table.append_rows(std::vector<double>{1, 2}), Catch::Contains("width 3"));
      CHECK(table.rows() == 2);
    }
    file.close();
  }
  {
    auto file = h5::File::open_read_write(path);
    {
      auto table = file.root().open_dataset("runs/metrics");
      CHECK(table.rows() == 2);
      table.append_rows(std::vector<double>{7, 8, 9});
      file.root().open_dataset("runs/id").append_rows(std::vector<std::int64_t>{12});
    }
    file.close();
  }
  auto file = h5::File::open_read_only(path);
  const auto table = file.root().open_dataset("runs/metrics");
  CHECK(table.shape() == std::vector<std::size_t>{3, 3});
  CHECK(table.read_float64() == std::vector<double>{1, 2, 3, 4, 5, 6, 7, 8, 9});
  CHECK(file.root().open_dataset("runs/id").read_int64() == std::vector<std::int64_t>{10, 11, 12});
}

TEST_CASE("failures name the file and the object", "[io][h5]") {
  ScratchFolder folder;
  const auto path = folder / "errors.h5";
  {
    auto file = h5::File::create(path);
    {
      const auto root = file.root();
      CHECK_THROWS_WITH(file.close(), Catch::Contains("still open"));
    }
    file.close();
  }
  CHECK_THROWS_WITH(h5::File::create(path), Catch::Contains(path.string()) && Catch::Contains("create"));
  CHECK_THROWS_WITH(h5::File::open_read_only(folder / "absent.h5"), Catch::Contains("does not exist"));
  auto file = h5::File::open_read_only(path);
  CHECK_THROWS_WITH(file.root().open_dataset("timeseries/x"),
                    Catch::Contains("/timeseries/x") && Catch::Contains(path.string()));
  CHECK_THROWS_AS(file.root().require_group("new"), h5::Error);  // read-only file
}
