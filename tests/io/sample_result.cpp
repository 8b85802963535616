// Values come from simple formulas of (series, replicate, tick, column) so every stored number
// is distinct and a transposed or shifted write shows up as a mismatch.
#include "tests/io/sample_result.hpp"

#include <cmath>
#include <limits>

namespace wijksim::testing {
namespace {

Series make_series(SeriesSpec spec, int replicates, std::size_t ticks, double offset) {
  Series series{std::move(spec), {}};
  const std::size_t width = series.spec.width();
  for (int replicate = 0; replicate < replicates; ++replicate) {
    std::vector<double> values;
    for (std::size_t tick = 0; tick < ticks; ++tick)
      for (std::size_t column = 0; column < width; ++column)
        values.push_back(offset + replicate * 100.0 + static_cast<double>(tick) +
                         static_cast<double>(column) / 10.0);
    series.values.push_back(std::move(values));
  }
  return series;
}

}  // namespace

RunResult make_sample_result() {
  RunResult result;
  result.info.scenario_name = "sample-noord";
  result.info.scenario_file = "scenarios/sample-noord.json";
  result.info.scenario_json = R"({"name":"sample-noord","seed":18446744073709551557,"buurt":"Tuindorp Oostzaan"})";
  result.info.seed = 18446744073709551557ull;  // above INT64_MAX: must survive as uint64
  result.info.replicates = 2;
  result.info.horizon_ticks = 16;
  result.info.output_every = 4;
  result.info.residents = 1234;
  result.info.buurten = 3;
  result.info.threads = 2;
  result.info.data_notes = {"noord_2019.csv: KWB table 84583NED (2019), one unit per buurt",
                            "BU03630001 education: suppressed, took WK036300"};
  result.ticks = {0, 4, 8, 12, 16};
  const std::size_t ticks = result.ticks.size();

  result.series.push_back(make_series({"participation/overall", "Share of residents (15+) active in any activity.",
                                       "share", {}, ""},
                                      2, ticks, 0.5));
  result.series.push_back(make_series({"participation/by_kind", "Share active per kind of activity.", "share",
                                       {"initiative", "inform", "consult", "advise", "co_produce", "co_decide"},
                                       "kind"},
                                      2, ticks, 1000.0));
  Series ratio = make_series({"representation/education_ratio", "Participation rate high / low education.",
                              "ratio", {}, ""},
                             2, ticks, 2000.0);
  ratio.values[1][2] = std::numeric_limits<double>::quiet_NaN();  // nobody took part
  result.series.push_back(std::move(ratio));
  result.series.push_back(make_series({"liveability/by_buurt", "Mean of the three liveability parts.",
                                       "index 0-1", {"BU03630000", "BU03630001", "BU03630002"}, "buurt"},
                                      2, ticks, 3000.0));

  Table buurten;
  buurten.path = "buurten";
  buurten.description = "The buurten of the scenario.";
  buurten.column_names = {"code", "name", "residents", "vulnerability"};
  buurten.column_descriptions = {"CBS buurt code", "Buurt name", "Residents aged 15+", "Vulnerability 0-1"};
  buurten.columns = {std::vector<std::string>{"BU03630000", "BU03630001", "BU03630002"},
                     std::vector<std::string>{"Kadoelen", "Tuindorp Oostzaan", "Ĳburg-Zuid"},
                     std::vector<std::int64_t>{400, 534, 300}, std::vector<double>{0.25, 0.5, 0.75}};
  buurten.row_axis = "buurt";
  result.tables.push_back(std::move(buurten));

  Table decisions;
  decisions.path = "decisions";
  decisions.description = "Decisions taken with residents.";
  decisions.column_names = {"replicate", "tick", "rung", "representativeness"};
  decisions.column_descriptions = {"Replicate index", "Tick of the decision", "Ladder rung", "1 - dissimilarity"};
  // Three rungs over six rows: few enough distinct values to be stored as codes.
  decisions.columns = {std::vector<std::int64_t>{0, 0, 0, 1, 1, 1}, std::vector<std::int64_t>{4, 12, 16, 8, 12, 16},
                       std::vector<std::string>{"consult", "co_decide", "consult", "inform", "consult", "co_decide"},
                       std::vector<double>{0.9, 0.65, 0.7, 0.8, 0.72, 0.6}};
  decisions.row_axis = "decision";
  // A declared vocabulary: coded in this order (an HDF5 enum), not sorted.
  decisions.column_categories = {{}, {}, {"inform", "consult", "advise", "co_produce", "co_decide"}, {}};
  result.tables.push_back(std::move(decisions));

  Table empty;
  empty.path = "initiatives";
  empty.description = "Initiatives (none in this sample).";
  empty.column_names = {"buurt", "issue"};
  empty.column_descriptions = {"Index into buurten", "Issue type"};
  empty.columns = {std::vector<std::int64_t>{}, std::vector<std::string>{}};
  empty.row_axis = "initiative";
  result.tables.push_back(std::move(empty));
  return result;
}

}  // namespace wijksim::testing
