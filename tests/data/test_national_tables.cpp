// The national tables of shared/data/cbs-kwb (PDOK 2022 and 2024, tmap 2022, the 2014 buurt
// map): each quirk on a small hand-written file (tab and comma separation, CBS's negative codes,
// whole-number percentages, empty cells, missing columns), the classification mapping, the 2014
// buurten summed to wijken, completion from the gemeente, the order of sources per part, and the
// real files where they are present.
#include <catch.hpp>

#include <algorithm>
#include <numeric>

#include "data_test_files.hpp"
#include "sim/core/attributes.hpp"
#include "sim/data/cbs_buurten.hpp"
#include "sim/data/kwb_derived.hpp"

using namespace wijksim;
using wijksim::test::write_temp_file;
using Q = KwbQuantity;

namespace {

// Teststad GM9999 in 2014: two buurten in wijk 01 (the second with suppressed origin) and one
// in wijk 02. Tab-separated, percentages of inhabitants (p_hh_m_k of households).
std::string buurtkaart_2014() {
  return write_temp_file("teststad_2014.tsv",
                         "id\tbu_code\twk_code\tgm_code\taant_inw\tp_00_14_jr\tp_15_24_jr\tp_25_44_jr\tp_45_64_jr\t"
                         "p_65_eo_jr\taantal_hh\tp_hh_m_k\tp_west_al\tp_n_w_al\n"
                         "1\tBU99990101\tWK999901\tGM9999\t1000\t20\t10\t30\t25\t15\t400\t30\t10\t30\n"
                         "2\tBU99990102\tWK999901\tGM9999\t500\t10\t10\t30\t30\t20\t250\t20\t-99999997\t-99999997\n"
                         "3\tBU99990201\tWK999902\tGM9999\t2000\t15\t10\t35\t25\t15\t900\t25\t5\t5\n");
}

// 2024 wijken as PDOK gives them: comma-separated, unquoted, empty cells for suppressed figures.
std::string pdok_2024_wijken() {
  return write_temp_file("teststad_2024_wijken.csv",
                         "wijkcode,wijknaam,gemeentecode,gemeentenaam,aantal_inwoners,0_15,15_25,25_45,45_65,65plus,"
                         "huishoudens\n"
                         "WK999901,Noord,GM9999,Teststad,1600,20,10,30,25,15,700\n"
                         "WK999902,Zuid,GM9999,Teststad,2000,,,,,,\n"
                         "WK999903,Oost,GM9999,Teststad,400,10,20,30,20,20,200\n");
}

std::string pdok_2024_gemeenten() {
  return write_temp_file("teststad_2024_gemeenten.csv",
                         "gemeentecode,gemeentenaam,aantal_inwoners,0_15,15_25,25_45,45_65,65plus,huishoudens,"
                         "pct_hhd_met_kind,pct_herkomst_nl,pct_herkomst_europa,pct_herkomst_buiten_europa\n"
                         "GM9999,Teststad,4000,15,10,30,25,20,1800,25,70,10,20\n");
}

std::string pdok_2022_gemeenten() {
  return write_temp_file("teststad_2022_gemeenten.csv",
                         "gemeentecode,gemeentenaam,aantal_inwoners,koopwoningen,huurwoningen,pct_huurcorporatie,"
                         "opl_laag,opl_midden,opl_hoog,pct_rond_sociaal_min\n"
                         "GM9999,Teststad,3900,50,50,30,1000,2000,1000,8\n");
}

// The tmap extract: quoted strings, a level column, only the share highly educated, the share
// owner-occupied and the share of persons in the lowest 40% of incomes.
std::string tmap_2022() {
  return write_temp_file("teststad_2022_tmap.csv",
                         "\"level\",\"code\",\"name\",\"population\",\"dwelling_ownership\",\"income_low\","
                         "\"edu_appl_sci\"\n"
                         "\"gemeente\",\"GM9999\",\"Teststad\",3900,50,40,25\n"
                         "\"wijk\",\"WK999901\",\"Noord\",1600,20,60,20\n");
}

// The national 2024 extract: inhabitants and dwellings only.
std::string main_2024() {
  return write_temp_file("teststad_2024.json",
                         R"({"GM9999": {"AantalInwoners_5": 4000, "Woningvoorraad_35": 1900},
                             "WK999901": {"AantalInwoners_5": 1600, "Woningvoorraad_35": 800},
                             "WK999902": {"AantalInwoners_5": 2000, "Woningvoorraad_35": 900},
                             "WK999903": {"AantalInwoners_5": 400, "Woningvoorraad_35": 200}})");
}

const BuurtSpec& by_code(const std::vector<BuurtSpec>& buurten, const std::string& code) {
  const auto it = std::find_if(buurten.begin(), buurten.end(), [&](const BuurtSpec& b) { return b.code == code; });
  REQUIRE(it != buurten.end());
  return *it;
}

std::string source_of(const BuurtSpec& buurt, std::string_view field) {
  return buurt.composition_source[composition_field_index(field)];
}

}  // namespace

TEST_CASE("the 2014 buurt map: tabs, negative codes, percentages as counts, buurten summed to wijken",
          "[data][national]") {
  const KwbTable table = read_kwb_table(buurtkaart_2014());
  CHECK(table.layout->year == 2014);
  const KwbRegion& buurt = *table.find("BU99990101");
  CHECK(buurt.value(Q::age_0_14) == 200);
  CHECK(buurt.value(Q::households_with_children) == 120);  // 30% of 400 households
  CHECK(buurt.value(Q::origin_dutch) == 600);              // the remainder of 1,000
  CHECK_FALSE(table.find("BU99990102")->has(Q::origin_western));  // -99999997: suppressed
  const KwbRegion* wijk = table.find("WK999901");
  REQUIRE(wijk != nullptr);
  CHECK(wijk->level == RegionLevel::wijk);
  CHECK(wijk->value(Q::inhabitants) == 1500);
  CHECK(wijk->value(Q::age_0_14) == 250);
  // Origin from the buurten that have it only: the suppressed one adds nothing to any category.
  CHECK(wijk->value(Q::origin_western) == 100);
  CHECK(wijk->value(Q::origin_dutch) == 600);
  CHECK(table.find("GM9999")->value(Q::inhabitants) == 3500);
}

TEST_CASE("PDOK extracts: comma separation, empty cells, percentages rounded to counts as CBS does",
          "[data][national]") {
  const KwbTable wijken = read_kwb_table(pdok_2024_wijken());
  CHECK(wijken.find("WK999901")->value(Q::age_15_24) == 160);
  CHECK(wijken.find("WK999903")->value(Q::age_0_14) == 40);
  CHECK_FALSE(wijken.find("WK999902")->has(Q::age_0_14));
  CHECK_FALSE(wijken.has(Q::households_with_children));  // a column the file lacks
  CHECK(count_from_percent(7, 1234) == 85);              // 86.38 rounded to a multiple of 5
  const std::string out_of_range = write_temp_file("bad_pdok.csv",
                                                   "wijkcode,aantal_inwoners,0_15,15_25,25_45,45_65,65plus\n"
                                                   "WK999901,100,120,0,0,0,0\n");
  try {
    read_kwb_table(out_of_range);
    FAIL("a percentage above 100 was accepted");
  } catch (const DataError& error) {
    CHECK(error.line() == 2);
    CHECK(error.column() == "0_15");
  }
}

TEST_CASE("every part from the nearest real figure across tables of different years and levels",
          "[data][national]") {
  CbsSelection selection;
  selection.file = main_2024();
  selection.detail = {pdok_2024_wijken(), tmap_2022(), pdok_2024_gemeenten(), pdok_2022_gemeenten(),
                      buurtkaart_2014()};
  std::vector<std::string> notes;
  const std::vector<BuurtSpec> wijken = read_cbs_buurten(selection, notes);
  const BuurtSpec& noord = by_code(wijken, "WK999901");
  const BuurtSpec& zuid = by_code(wijken, "WK999902");
  const BuurtSpec& oost = by_code(wijken, "WK999903");

  SECTION("residents and age from the wijk's 2024 row, household size from its household count") {
    CHECK(noord.residents == 1600 - 320);
    CHECK(source_of(noord, "age_group") == "same code in teststad_2024_wijken.csv");
    CHECK(noord.composition.household_size == Approx(1280.0 / 700));
    CHECK(source_of(noord, "household_size") == "same code in teststad_2024_wijken.csv");
    CHECK(source_of(zuid, "age_group") == "same code in teststad_2014.tsv");  // suppressed in 2024
  }
  SECTION("education, tenure and low income: the wijk's own share, completed from its gemeente") {
    CHECK(noord.composition.education[2] == Approx(0.20));
    CHECK(noord.composition.education[0] == Approx(0.80 / 3));  // low : middle = 1,000 : 2,000
    CHECK(noord.composition.tenure[0] == Approx(0.20));
    CHECK(noord.composition.tenure[2] == Approx(0.80 * 0.6));  // corporations 30 of 50 rented
    CHECK(noord.composition.low_income == Approx(0.08 * 60 / 40));
    CHECK(source_of(noord, "education") == "same code in teststad_2022_tmap.csv");
    CHECK(source_of(zuid, "education") == "gemeente in teststad_2022_tmap.csv");
  }
  SECTION("migration: pre-2022 classification from the 2014 wijk, else post-2022 from the gemeente") {
    CHECK(noord.composition.migration_background[1] == Approx(0.1));
    CHECK(noord.composition.migration_background[2] == Approx(0.3));
    CHECK(source_of(noord, "migration_background") == "same code in teststad_2014.tsv");
    // Europe outside the Netherlands counts as western, the rest of the world as non-western.
    CHECK(oost.composition.migration_background[0] == Approx(0.7));
    CHECK(oost.composition.migration_background[1] == Approx(0.1));
    CHECK(oost.composition.migration_background[2] == Approx(0.2));
    CHECK(source_of(oost, "migration_background") == "gemeente in teststad_2024_gemeenten.csv");
  }
  SECTION("vulnerability from the completed indicators") {
    CHECK(noord.vulnerability != Approx(0.5));
  }
}

TEST_CASE("real national tables: rows and the spot checks of SOURCE.md", "[data][national][real]") {
  SECTION("2014 buurt map") {
    REQUIRE_SHARED_CBS_FILE("nl_2014_buurt_wijkbuurtkaart_82931NED.tsv");
    const KwbTable table = read_kwb_table(test::shared_cbs_file("nl_2014_buurt_wijkbuurtkaart_82931NED.tsv"));
    double buurten = 0;
    for (const KwbRegion& region : table.regions) {
      if (region.level == RegionLevel::buurt && region.has(Q::inhabitants)) buurten += region.value(Q::inhabitants);
    }
    CHECK(buurten == 16810205);
    CHECK(table.find("GM0363")->value(Q::inhabitants) == 810830);
    CHECK(table.find("GM0344")->value(Q::inhabitants) == 328060);
  }
  SECTION("PDOK 2024 wijken") {
    REQUIRE_SHARED_CBS_FILE("nl_2024_wijk_85984NED_pdok.csv");
    const KwbTable table = read_kwb_table(test::shared_cbs_file("nl_2024_wijk_85984NED_pdok.csv"));
    CHECK(table.regions.size() == 3393);
    const double total = std::accumulate(table.regions.begin(), table.regions.end(), 0.0,
                                         [](double sum, const KwbRegion& r) { return sum + r.value(Q::inhabitants); });
    CHECK(total == 17942715);
  }
  SECTION("PDOK 2024 gemeenten: Amsterdam's origin") {
    REQUIRE_SHARED_CBS_FILE("nl_2024_gemeente_85984NED_pdok.csv");
    const KwbTable table = read_kwb_table(test::shared_cbs_file("nl_2024_gemeente_85984NED_pdok.csv"));
    CHECK(table.regions.size() == 342);
    const KwbRegion& amsterdam = *table.find("GM0363");
    CHECK(amsterdam.value(Q::origin_western) / amsterdam.value(Q::inhabitants) == Approx(0.17).margin(0.001));
  }
  SECTION("PDOK 2022 gemeenten and tmap 2022") {
    REQUIRE_SHARED_CBS_FILE("nl_2022_gemeente_85318NED_pdok.csv");
    REQUIRE_SHARED_CBS_FILE("nl_2022_gemeente_wijk_85318NED_tmap.csv");
    const KwbTable pdok = read_kwb_table(test::shared_cbs_file("nl_2022_gemeente_85318NED_pdok.csv"));
    const KwbTable tmap = read_kwb_table(test::shared_cbs_file("nl_2022_gemeente_wijk_85318NED_tmap.csv"));
    CHECK(pdok.regions.size() == 345);
    CHECK(pdok.find("GM0363")->value(Q::education_high) == 349370);
    CHECK(pdok.find("GM0363")->value(Q::social_rent_pct) == 40);
    CHECK(tmap.regions.size() == 345 + 3340);
    CHECK(tmap.find("GM0363")->value(Q::inhabitants) == 882633);
  }
}
