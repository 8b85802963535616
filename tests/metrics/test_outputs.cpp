// The output declarations: the generated docs follow them, and the fixed axes have the widths the
// recorder fills.
#include <catch.hpp>

#include <filesystem>
#include <set>
#include <string>

#include "sim/core/attributes.hpp"
#include "sim/core/generated_docs.hpp"
#include "sim/metrics/output_docs.hpp"
#include "sim/metrics/outputs.hpp"
#include "sim/model/state.hpp"

using namespace wijksim;

TEST_CASE("docs/outputs.json and docs/output-format.md match the output declarations", "[metrics][docs]") {
  const std::filesystem::path docs = std::filesystem::path(WIJKSIM_SOURCE_DIR) / "docs";
  INFO("regenerate them: cmake --build <build> --target wijksim_output_docs && <build>/sim/metrics/wijksim_output_docs");
  CHECK(read_text_file(docs / "outputs.json") == outputs_json().dump(2) + "\n");
  const std::string page = read_text_file(docs / "output-format.md");
  CHECK(page == with_generated_outputs(page));
}

TEST_CASE("the fixed column axes have the widths the recorder fills", "[metrics]") {
  CHECK(kind_labels().size() == 1 + kRungNames.size());
  CHECK(group_labels().size() == static_cast<std::size_t>(kGroupCount));
  CHECK(group_labels().front() == "education=low");
  CHECK(group_labels().back() == "low_income=yes");
  CHECK(dimension_labels().size() == kGroupDimensions.size());
  CHECK(part_labels().size() == static_cast<std::size_t>(kLiveabilityPartCount));
  CHECK(lever_labels().size() == static_cast<std::size_t>(kCostLeverCount));
  CHECK(issue_labels().size() == static_cast<std::size_t>(kIssueTypeCount));
}

TEST_CASE("every series has a unit and a description, and names a declared path", "[metrics]") {
  std::set<std::string_view> paths;
  for (const SeriesDeclaration& series : kSeries) {
    INFO(series.path);
    CHECK(series.path.find('/') != std::string_view::npos);
    CHECK(!series.unit.empty());
    CHECK(!series.description.empty());
    paths.insert(series.path);
  }
  CHECK(paths.size() == kSeries.size());
}

TEST_CASE("a series' dimensions are replicate, tick and its column axis", "[metrics]") {
  const SeriesDeclaration& by_buurt = kSeries[SeriesId("liveability/by_buurt").index];
  const auto axes = by_buurt.dimensions();
  REQUIRE(axes.size() == 3);
  CHECK(axes[0]->name == "replicate");
  CHECK(axes[1]->name == "tick");
  CHECK(axes[1]->labels_from == "tick");
  CHECK(axes[2]->labels_from == "tables/buurten/code");
  CHECK(axis_labels(*axes[2], {"BU1", "BU2"}) == std::vector<std::string>{"BU1", "BU2"});
  CHECK(kSeries[SeriesId("trust/mean").index].dimensions().size() == 2);
}
