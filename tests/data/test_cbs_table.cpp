// Reading KWB tables: every quirk of the CBS CSV and JSON formats on small hand-written files,
// clear errors on bad files, and the real tables in the shared data folder.
#include <catch.hpp>

#include <cmath>
#include <numeric>

#include "data_test_files.hpp"
#include "sim/data/cbs_table.hpp"

using namespace wijksim;
using wijksim::test::write_temp_file;
using Q = KwbQuantity;

namespace {

std::string error_message_of(const std::string& path) {
  try {
    read_kwb_table(path);
  } catch (const DataError& error) {
    return error.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("CSV quirks: BOM, quotes, padding, '.', '-', decimal comma, CRLF", "[data][csv]") {
  const std::string path = write_temp_file(
      "quirks.csv",
      "\xEF\xBB\xBF\"ID\";\"WijkenEnBuurten\";\"SoortRegio_2\";\"AantalInwoners_5\";\"k_0Tot15Jaar_8\";"
      "\"HuishoudensTotaal_28\";\"HuishoudensMetEenLaagInkomen_78\"\r\n"
      "\"1\";\"GM9999    \";\"Gemeente  \";\"   10000\";\"   1500\";\"    5000\";\"    10.5\"\r\n"
      "  \"2\" ; \"BU99990101\";\"Buurt     \";\"    4000\";\"      .\";\"       -\";\"  12,5\"\r\n"
      "\r\n");
  const KwbTable table = read_kwb_table(path);
  REQUIRE(std::string(table.layout->table_id) == "84583NED");
  REQUIRE(table.regions.size() == 2);
  const KwbRegion* gemeente = table.find("GM9999");
  const KwbRegion* buurt = table.find("BU99990101");
  REQUIRE(gemeente != nullptr);
  REQUIRE(buurt != nullptr);
  CHECK(gemeente->level == RegionLevel::gemeente);
  CHECK(buurt->level == RegionLevel::buurt);
  CHECK(gemeente->value(Q::inhabitants) == 10000);
  CHECK(gemeente->value(Q::low_income_households_pct) == Approx(10.5));
  CHECK(buurt->line == 3);
  CHECK_FALSE(buurt->has(Q::age_0_14));
  CHECK(buurt->value(Q::households) == 0);
  CHECK(buurt->value(Q::low_income_households_pct) == Approx(12.5));
  CHECK(table.has(Q::households));
  CHECK_FALSE(table.has(Q::education_low));
}

TEST_CASE("the 2024 column names are recognised as table 85984NED", "[data][csv]") {
  const std::string path = write_temp_file(
      "renamed.csv",
      "\"WijkenEnBuurten\";\"AantalInwoners_5\";\"HuishoudensTotaal_29\";\"HuishoudensMetKinderen_32\";"
      "\"BasisonderwijsVmboMbo1_75\";\"Nederland_17\"\n"
      "\"WK999901  \";\"  2000\";\"  900\";\"  300\";\"  400\";\"  1500\"\n");
  const KwbTable table = read_kwb_table(path);
  REQUIRE(std::string(table.layout->table_id) == "85984NED");
  const KwbRegion* wijk = table.find("WK999901");
  REQUIRE(wijk != nullptr);
  CHECK(wijk->level == RegionLevel::wijk);
  CHECK(wijk->value(Q::households) == 900);
  CHECK(wijk->value(Q::households_with_children) == 300);
  CHECK(wijk->value(Q::education_low) == 400);
  CHECK(wijk->value(Q::origin_dutch) == 1500);
}

TEST_CASE("malformed CSV files give errors naming file, row and column", "[data][csv]") {
  const std::string header = "\"WijkenEnBuurten\";\"AantalInwoners_5\";\"k_15Tot25Jaar_9\";\"HuishoudensTotaal_28\"\n";
  const std::string good_row = "\"GM9999\";\"100\";\"20\";\"50\"\n";

  SECTION("a bad number") {
    const std::string path = write_temp_file("bad_number.csv", header + good_row + "\"BU99990101\";\"40\";\"1x\";\"20\"\n");
    const std::string message = error_message_of(path);
    CHECK_THAT(message, Catch::Contains("bad_number.csv"));
    CHECK_THAT(message, Catch::Contains("row 3"));
    CHECK_THAT(message, Catch::Contains("column k_15Tot25Jaar_9"));
    CHECK_THAT(message, Catch::Contains("'1x'"));
  }
  SECTION("a row with too few fields") {
    const std::string path = write_temp_file("short_row.csv", header + good_row + "\"BU99990101\";\"40\";\"20\"\n");
    const std::string message = error_message_of(path);
    CHECK_THAT(message, Catch::Contains("row 3"));
    CHECK_THAT(message, Catch::Contains("expected 4 fields"));
  }
  SECTION("an unclosed quote") {
    const std::string path = write_temp_file("open_quote.csv", header + "\"GM9999\";\"100;\"20\";\"50\n");
    CHECK_THAT(error_message_of(path), Catch::Contains("row 2"));
  }
  SECTION("a region code of unknown kind") {
    const std::string path = write_temp_file("bad_code.csv", header + "\"XX9999\";\"100\";\"20\";\"50\"\n");
    const std::string message = error_message_of(path);
    CHECK_THAT(message, Catch::Contains("column WijkenEnBuurten"));
    CHECK_THAT(message, Catch::Contains("GM, WK or BU"));
  }
  SECTION("a negative count") {
    const std::string path = write_temp_file("negative.csv", header + "\"GM9999\";\"-100\";\"20\";\"50\"\n");
    CHECK_THAT(error_message_of(path), Catch::Contains("column AantalInwoners_5"));
  }
  SECTION("the region kind contradicts the code") {
    const std::string path = write_temp_file(
        "kind.csv", "\"WijkenEnBuurten\";\"SoortRegio_2\";\"AantalInwoners_5\";\"HuishoudensTotaal_28\"\n"
                    "\"WK999901\";\"Buurt     \";\"100\";\"50\"\n");
    CHECK_THAT(error_message_of(path), Catch::Contains("column SoortRegio_2"));
  }
  SECTION("a region twice") {
    const std::string path = write_temp_file("twice.csv", header + good_row + good_row);
    CHECK_THAT(error_message_of(path), Catch::Contains("appears twice (first on row 2)"));
  }
  SECTION("a header that is not a KWB table") {
    const std::string path = write_temp_file("not_kwb.csv", "\"WijkenEnBuurten\";\"Foo\"\n\"GM9999\";\"1\"\n");
    CHECK_THAT(error_message_of(path), Catch::Contains("no known KWB table"));
  }
  SECTION("a missing file") {
    CHECK_THAT(error_message_of("/nonexistent/kwb.csv"), Catch::Contains("cannot open"));
  }
}

TEST_CASE("OData JSON: a value list, a dictionary keyed by code, nulls and '.'", "[data][json]") {
  SECTION("value list with padded codes and a country row") {
    const std::string path = write_temp_file(
        "odata.json",
        R"({"odata.metadata": "x", "value": [
             {"ID": 0, "WijkenEnBuurten": "NL01      ", "SoortRegio_2": "Land      ", "AantalInwoners_5": 17942942,
              "Woningvoorraad_35": 8000000},
             {"ID": 1, "WijkenEnBuurten": "GM9999    ", "SoortRegio_2": "Gemeente  ", "AantalInwoners_5": 1000,
              "Woningvoorraad_35": 450, "HuishoudensTotaal_29": null},
             {"ID": 2, "WijkenEnBuurten": "BU99990101", "SoortRegio_2": "Buurt     ", "AantalInwoners_5": 400,
              "Woningvoorraad_35": 180, "HuishoudensTotaal_29": "."}]})");
    const KwbTable table = read_kwb_table(path);
    CHECK(std::string(table.layout->table_id) == "85984NED");
    REQUIRE(table.regions.size() == 2);
    REQUIRE(table.find("BU99990101") != nullptr);
    CHECK(table.find("BU99990101")->value(Q::inhabitants) == 400);
    CHECK_FALSE(table.find("GM9999")->has(Q::households));
    CHECK_FALSE(table.find("BU99990101")->has(Q::households));
  }
  SECTION("dictionary keyed by code") {
    const std::string path = write_temp_file(
        "dict.json", R"({"GM9999": {"AantalInwoners_5": 1000, "Woningvoorraad_35": 450},
                         "WK999901": {"AantalInwoners_5": 600, "Woningvoorraad_35": 250}})");
    const KwbTable table = read_kwb_table(path);
    REQUIRE(table.find("WK999901") != nullptr);
    CHECK(table.find("WK999901")->level == RegionLevel::wijk);
    CHECK(table.find("WK999901")->value(Q::inhabitants) == 600);
  }
  SECTION("a value of the wrong type names region and column") {
    const std::string path = write_temp_file(
        "bad.json", R"({"GM9999": {"AantalInwoners_5": [1], "Woningvoorraad_35": 450}})");
    const std::string message = error_message_of(path);
    CHECK_THAT(message, Catch::Contains("region GM9999"));
    CHECK_THAT(message, Catch::Contains("column AantalInwoners_5"));
  }
  SECTION("broken JSON") {
    CHECK_THAT(error_message_of(write_temp_file("broken.json", R"({"GM9999": {)")), Catch::Contains("not valid JSON"));
  }
}

namespace {

int count_level(const KwbTable& table, RegionLevel level) {
  return static_cast<int>(std::count_if(table.regions.begin(), table.regions.end(),
                                        [level](const KwbRegion& region) { return region.level == level; }));
}

}  // namespace

// Expected counts and figures below are those stated in shared/data/cbs-kwb/SOURCE.md.
TEST_CASE("real KWB 2019 tables: Amsterdam, Den Haag and the reduced Utrecht file", "[data][real]") {
  SECTION("Amsterdam") {
    REQUIRE_SHARED_CBS_FILE("amsterdam_2019_84583NED.csv");
    const KwbTable table = read_kwb_table(test::shared_cbs_file("amsterdam_2019_84583NED.csv"));
    CHECK(std::string(table.layout->table_id) == "84583NED");
    CHECK(count_level(table, RegionLevel::gemeente) == 1);
    CHECK(count_level(table, RegionLevel::wijk) == 99);
    CHECK(count_level(table, RegionLevel::buurt) == 479);
    CHECK(table.find("GM0363")->value(Q::inhabitants) == 862965);
    CHECK(table.find("GM0363")->municipality_name == "Amsterdam");
    for (std::size_t q = 0; q < kKwbQuantityCount; ++q) {
      if (!table.layout->columns[q].empty()) CHECK(table.has_column[q]);
    }
    CHECK(table.has(Q::origin_dutch));  // the inhabitants left after western and non-western
  }
  SECTION("Den Haag") {
    REQUIRE_SHARED_CBS_FILE("den_haag_2019_84583NED.csv");
    const KwbTable table = read_kwb_table(test::shared_cbs_file("den_haag_2019_84583NED.csv"));
    CHECK(count_level(table, RegionLevel::wijk) == 44);
    CHECK(count_level(table, RegionLevel::buurt) == 114);
    CHECK(table.find("GM0518")->value(Q::inhabitants) == 537833);
  }
  SECTION("Utrecht, reduced to 22 columns") {
    REQUIRE_SHARED_CBS_FILE("utrecht_2019_84583NED_reduced.csv");
    const KwbTable table = read_kwb_table(test::shared_cbs_file("utrecht_2019_84583NED_reduced.csv"));
    CHECK(count_level(table, RegionLevel::buurt) == 111);
    CHECK(table.find("GM0344")->value(Q::inhabitants) == 352866);
    const KwbRegion* noord = table.find("BU03440831");
    REQUIRE(noord != nullptr);
    CHECK(noord->value(Q::inhabitants) == 9140);
    CHECK(noord->value(Q::origin_non_western) / noord->value(Q::inhabitants) == Approx(0.63).margin(0.01));
    CHECK(table.has(Q::education_low));
    CHECK_FALSE(table.has(Q::owner_occupied_pct));
    CHECK_FALSE(table.has(Q::low_income_households_pct));
    CHECK_FALSE(table.has(Q::social_assistance));
  }
}

TEST_CASE("real KWB 2024 national extract: gemeenten and wijken", "[data][real]") {
  REQUIRE_SHARED_CBS_FILE("nl_2024_gemeente_wijk_85984NED.json");
  const KwbTable table = read_kwb_table(test::shared_cbs_file("nl_2024_gemeente_wijk_85984NED.json"));
  CHECK(std::string(table.layout->table_id) == "85984NED");
  CHECK(count_level(table, RegionLevel::gemeente) == 342);
  CHECK(count_level(table, RegionLevel::wijk) == 3393);
  CHECK(count_level(table, RegionLevel::buurt) == 0);
  double national = 0;
  for (const KwbRegion& region : table.regions) {
    if (region.level == RegionLevel::gemeente) national += region.value(Q::inhabitants);
  }
  CHECK(national == Approx(17.9e6).epsilon(0.01));
}
