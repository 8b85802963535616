// From KWB rows to BuurtSpecs: residents, composition shares, fallbacks with notes, selection,
// vulnerability and liveability, and the nearest-detail order over detail files, on hand-made
// tables and on the real shared tables.
#include <catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <numeric>

#include <nlohmann/json.hpp>

#include "data_test_files.hpp"
#include "sim/data/cbs_buurten.hpp"

using namespace wijksim;
using wijksim::test::write_temp_file;

namespace {

// Teststad GM9999: wijk 01 (a poor buurt 0101 and a better-off 0102 whose education is
// suppressed), wijk 02 (buurt 0201 with suppressed tenure and low income, also suppressed in
// its wijk) and an empty buurt 0202.
std::string teststad_file() {
  return test::kwb2019_fixture("teststad_2019.csv");
}

CbsSelection select_file(const std::string& file) {
  CbsSelection selection;
  selection.file = file;
  return selection;
}

const BuurtSpec& by_code(const std::vector<BuurtSpec>& buurten, const std::string& code) {
  const auto it = std::find_if(buurten.begin(), buurten.end(), [&](const BuurtSpec& b) { return b.code == code; });
  REQUIRE(it != buurten.end());
  return *it;
}

bool has_note(const std::vector<std::string>& notes, const std::string& text) {
  return std::any_of(notes.begin(), notes.end(), [&](const std::string& note) { return note == text; });
}

template <std::size_t K>
double sum_of(const std::array<double, K>& shares) {
  return std::accumulate(shares.begin(), shares.end(), 0.0);
}

void check_shares_sum_to_one(const BuurtSpec& buurt) {
  INFO(buurt.code);
  CHECK(sum_of(buurt.composition.age_group) == Approx(1.0));
  CHECK(sum_of(buurt.composition.education) == Approx(1.0));
  CHECK(sum_of(buurt.composition.migration_background) == Approx(1.0));
  CHECK(sum_of(buurt.composition.tenure) == Approx(1.0));
}

}  // namespace

TEST_CASE("a hand-made municipality: residents, shares and fallbacks", "[data][buurten]") {
  std::vector<std::string> notes;
  const std::vector<BuurtSpec> buurten = read_cbs_buurten(select_file(teststad_file()), notes);
  REQUIRE(buurten.size() == 3);  // the empty buurt is left out
  CHECK(has_note(notes, "BU99990202: no residents aged 15+, left out"));

  const BuurtSpec& poor = by_code(buurten, "BU99990101");
  CHECK(poor.type == "cbs");
  CHECK(poor.wijk == "WK999901");
  CHECK(poor.residents == 4000 - 600);
  CHECK(poor.composition.age_group[0] == Approx(500.0 / 3400));
  CHECK(poor.composition.migration_background[0] == Approx(2400.0 / 4000));
  CHECK(poor.composition.migration_background[2] == Approx(1200.0 / 4000));
  CHECK(poor.composition.tenure[1] == Approx(0.10));  // private rent
  CHECK(poor.composition.tenure[2] == Approx(0.60));  // social rent
  CHECK(poor.composition.low_income == Approx(0.18));
  CHECK(poor.composition.household_size == Approx(3400.0 / 2000));
  CHECK(poor.composition.households_with_children == Approx(0.3));
  for (const BuurtSpec& buurt : buurten) check_shares_sum_to_one(buurt);

  SECTION("a suppressed buurt value falls back to its wijk") {
    const BuurtSpec& suppressed = by_code(buurten, "BU99990102");
    CHECK(suppressed.composition.education[0] == Approx(1500.0 / 4900));
    CHECK(suppressed.composition.education[1] == Approx(1900.0 / 4900));
    CHECK(has_note(notes, "BU99990102 education: suppressed, took WK999901"));
  }
  SECTION("suppressed in buurt and wijk falls back to the gemeente") {
    const BuurtSpec& both = by_code(buurten, "BU99990201");
    CHECK(both.composition.low_income == Approx(0.10));
    CHECK(has_note(notes, "BU99990201 low income: suppressed, took GM9999"));
    CHECK(both.composition.tenure[0] == Approx(0.65));
    CHECK(has_note(notes, "BU99990201 tenure: suppressed, took WK999902"));
  }
  SECTION("health limitation follows the age mix") {
    double expected = 0;
    for (std::size_t a = 0; a < 4; ++a) expected += poor.composition.age_group[a] * kHealthLimitationByAge[a];
    CHECK(poor.composition.health_limitation == Approx(expected));
  }
}

TEST_CASE("vulnerability ranks deprivation and leaves the starting liveability to the model", "[data][buurten]") {
  std::vector<std::string> notes;
  const std::vector<BuurtSpec> buurten = read_cbs_buurten(select_file(teststad_file()), notes);
  const BuurtSpec& poor = by_code(buurten, "BU99990101");
  for (const BuurtSpec& buurt : buurten) {
    CHECK(buurt.vulnerability > 0.0);
    CHECK(buurt.vulnerability < 1.0);
    if (&buurt == &poor) continue;
    CHECK(poor.vulnerability > buurt.vulnerability);
  }
  for (const BuurtSpec& buurt : buurten) CHECK_FALSE(buurt.liveability.has_value());
}

TEST_CASE("selection by code, scaling, and errors for codes not in the file", "[data][buurten]") {
  const std::string file = teststad_file();
  std::vector<std::string> notes;

  SECTION("by buurt and by wijk") {
    CbsSelection selection = select_file(file);
    selection.buurten = {"BU99990102"};
    selection.wijken = {"WK999902"};
    const auto buurten = read_cbs_buurten(selection, notes);
    REQUIRE(buurten.size() == 2);
    CHECK(buurten[0].code == "BU99990102");
    CHECK(buurten[1].code == "BU99990201");
  }
  SECTION("the selection does not change a buurt's vulnerability") {
    CbsSelection one = select_file(file);
    one.buurten = {"BU99990101"};
    const auto alone = read_cbs_buurten(one, notes);
    const auto all = read_cbs_buurten(select_file(file), notes);
    CHECK(alone.at(0).vulnerability == Approx(by_code(all, "BU99990101").vulnerability));
  }
  SECTION("scale keeps at least one resident") {
    CbsSelection selection = select_file(file);
    selection.scale = 0.1;
    CHECK(by_code(read_cbs_buurten(selection, notes), "BU99990101").residents == 340);
    selection.scale = 0.0001;
    for (const BuurtSpec& buurt : read_cbs_buurten(selection, notes)) CHECK(buurt.residents == 1);
  }
  SECTION("an unknown code names the nearest") {
    CbsSelection selection = select_file(file);
    selection.buurten = {"BU99990103"};
    try {
      read_cbs_buurten(selection, notes);
      FAIL("expected a DataError");
    } catch (const DataError& error) {
      CHECK(error.json_path() == "municipality.cbs.buurten[0]");
      CHECK_THAT(std::string(error.what()), Catch::Contains("nearest: BU9999010"));
    }
  }
  SECTION("a wijk code in the buurten list") {
    CbsSelection selection = select_file(file);
    selection.buurten = {"WK999901"};
    CHECK_THROWS_AS(read_cbs_buurten(selection, notes), DataError);
  }
}

// Figures checked against shared/data/cbs-kwb/SOURCE.md.
TEST_CASE("real Utrecht: Kanaleneiland from the reduced file", "[data][real]") {
  REQUIRE_SHARED_CBS_FILE("utrecht_2019_84583NED_reduced.csv");
  CbsSelection selection = select_file(test::shared_cbs_file("utrecht_2019_84583NED_reduced.csv"));
  selection.buurten = {"BU03440831", "BU03440832"};
  std::vector<std::string> notes;
  const auto buurten = read_cbs_buurten(selection, notes);
  REQUIRE(buurten.size() == 2);
  const BuurtSpec& noord = by_code(buurten, "BU03440831");
  const BuurtSpec& zuid = by_code(buurten, "BU03440832");
  CHECK(noord.residents > 0.7 * 9140);
  CHECK(noord.residents < 9140);
  CHECK(zuid.residents > 0.7 * 7365);
  CHECK(zuid.residents < 7365);
  CHECK(noord.composition.migration_background[2] == Approx(0.63).margin(0.01));
  CHECK(zuid.composition.migration_background[2] == Approx(0.65).margin(0.01));
  for (const BuurtSpec& buurt : buurten) {
    check_shares_sum_to_one(buurt);
    CHECK(buurt.vulnerability > 0.5);  // far more low educated than the Utrecht average
  }
  // The reduced file has no tenure, income or benefit columns: said once, not per buurt.
  CHECK(std::count_if(notes.begin(), notes.end(), [](const std::string& note) {
          return note.find("no tenure columns") != std::string::npos;
        }) == 1);
  CHECK(noord.composition.tenure == Composition{}.tenure);
}

TEST_CASE("real Amsterdam and Den Haag: whole municipality and one wijk", "[data][real]") {
  SECTION("all of Amsterdam adds up to the municipality") {
    REQUIRE_SHARED_CBS_FILE("amsterdam_2019_84583NED.csv");
    std::vector<std::string> notes;
    const auto buurten = read_cbs_buurten(select_file(test::shared_cbs_file("amsterdam_2019_84583NED.csv")), notes);
    CHECK(buurten.size() > 400);
    CHECK(buurten.size() <= 479);
    const double residents = std::accumulate(buurten.begin(), buurten.end(), 0.0,
                                             [](double sum, const BuurtSpec& b) { return sum + b.residents; });
    CHECK(residents == Approx(862965 * 0.85).epsilon(0.05));
    for (const BuurtSpec& buurt : buurten) check_shares_sum_to_one(buurt);
    const auto [least, most] = std::minmax_element(
        buurten.begin(), buurten.end(), [](const BuurtSpec& a, const BuurtSpec& b) { return a.vulnerability < b.vulnerability; });
    CHECK(least->vulnerability < 0.2);
    CHECK(most->vulnerability > 0.8);
  }
  SECTION("one wijk of Den Haag") {
    REQUIRE_SHARED_CBS_FILE("den_haag_2019_84583NED.csv");
    CbsSelection selection = select_file(test::shared_cbs_file("den_haag_2019_84583NED.csv"));
    selection.wijken = {"WK051828"};
    std::vector<std::string> notes;
    const auto buurten = read_cbs_buurten(selection, notes);
    REQUIRE_FALSE(buurten.empty());
    for (const BuurtSpec& buurt : buurten) CHECK(buurt.wijk == "WK051828");
  }
}

TEST_CASE("real national 2024 extract: one unit per wijk", "[data][real]") {
  REQUIRE_SHARED_CBS_FILE("nl_2024_gemeente_wijk_85984NED.json");
  std::vector<std::string> notes;
  const auto wijken =
      read_cbs_buurten(select_file(test::shared_cbs_file("nl_2024_gemeente_wijk_85984NED.json")), notes);
  CHECK(wijken.size() > 3300);
  CHECK(wijken.size() <= 3393);
  const double residents = std::accumulate(wijken.begin(), wijken.end(), 0.0,
                                           [](double sum, const BuurtSpec& b) { return sum + b.residents; });
  CHECK(residents == Approx(17.9e6 * kDefaultShareAged15Plus).epsilon(0.01));
  CHECK(wijken.front().code.starts_with("WK"));
  CHECK(wijken.front().wijk == wijken.front().code);
  CHECK(notes.size() < 200);  // missing columns are reported once for the file, not per wijk

  CbsSelection utrecht = select_file(test::shared_cbs_file("nl_2024_gemeente_wijk_85984NED.json"));
  utrecht.gemeenten = {"GM0344"};
  const auto utrecht_wijken = read_cbs_buurten(utrecht, notes);
  CHECK(utrecht_wijken.size() >= 10);
  for (const BuurtSpec& wijk : utrecht_wijken) CHECK(wijk.code.starts_with("WK0344"));
  utrecht.buurten = {"BU03440831"};
  CHECK_THROWS_AS(read_cbs_buurten(utrecht, notes), DataError);
}

TEST_CASE("the example scenarios in scenarios/cbs point at readable selections", "[data][real]") {
  REQUIRE_SHARED_CBS_FILE("amsterdam_2019_84583NED.csv");
  const std::filesystem::path folder = std::filesystem::path(WIJKSIM_SOURCE_DIR) / "scenarios" / "cbs";
  int scenarios = 0;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    if (entry.path().extension() != ".json") continue;
    INFO(entry.path().string());
    const nlohmann::json scenario = nlohmann::json::parse(std::ifstream(entry.path()));
    const nlohmann::json& cbs = scenario.at("municipality").at("cbs");
    CHECK(scenario.at("municipality").at("buurt_types").empty());
    CbsSelection selection;
    selection.file = (entry.path().parent_path() / cbs.at("file").get<std::string>()).string();
    selection.gemeenten = cbs.value("gemeenten", std::vector<std::string>{});
    selection.wijken = cbs.value("wijken", std::vector<std::string>{});
    selection.buurten = cbs.value("buurten", std::vector<std::string>{});
    for (const std::string& detail : cbs.value("detail", std::vector<std::string>{})) {
      selection.detail.push_back((entry.path().parent_path() / detail).string());
    }
    selection.scale = cbs.value("scale", 1.0);
    std::vector<std::string> notes;
    CHECK_FALSE(read_cbs_buurten(selection, notes).empty());
    ++scenarios;
  }
  CHECK(scenarios >= 3);
}

namespace {

// A 2024 main file with counts and dwellings only (like the national extract), except ages for
// WK999901 and migration counts for the gemeente GM9999. Its detail is a 2019 table of GM9999:
// WK999901 about the same size (used), WK999902 four times as large (another area, not used);
// WK999903 is not in the detail; GM8888 has no detail at all.
struct DetailFixture {
  std::string main = write_temp_file("detail_main_2024.json", R"({
    "GM9999": {"AantalInwoners_5": 10000, "Woningvoorraad_35": 5000,
               "Nederland_17": 7000, "EuropaExclusiefNederland_18": 1000, "BuitenEuropa_19": 2000},
    "WK999901": {"AantalInwoners_5": 4000, "Woningvoorraad_35": 2000, "k_0Tot15Jaar_8": 400,
                 "k_15Tot25Jaar_9": 1000, "k_25Tot45Jaar_10": 1200, "k_45Tot65Jaar_11": 800,
                 "k_65JaarOfOuder_12": 600},
    "WK999902": {"AantalInwoners_5": 1000, "Woningvoorraad_35": 500},
    "WK999903": {"AantalInwoners_5": 5000, "Woningvoorraad_35": 2500},
    "GM8888": {"AantalInwoners_5": 2000, "Woningvoorraad_35": 1000},
    "WK888801": {"AantalInwoners_5": 2000, "Woningvoorraad_35": 1000}})");
  std::string detail = test::kwb2019_fixture("detail_2019.csv");

  CbsSelection selection() const {
    CbsSelection selection;
    selection.file = main;
    selection.detail = {detail};
    return selection;
  }
};

bool has_note_containing(const std::vector<std::string>& notes, const std::string& text) {
  return std::any_of(notes.begin(), notes.end(),
                     [&](const std::string& note) { return note.find(text) != std::string::npos; });
}

}  // namespace

TEST_CASE("nearest detail: own row, same code in a detail file, gemeente, default", "[data][detail]") {
  const DetailFixture fixture;
  std::vector<std::string> notes;
  const auto wijken = read_cbs_buurten(fixture.selection(), notes);
  REQUIRE(wijken.size() == 4);
  const BuurtSpec& matched = by_code(wijken, "WK999901");
  const BuurtSpec& other_area = by_code(wijken, "WK999902");
  const BuurtSpec& not_in_detail = by_code(wijken, "WK999903");
  const BuurtSpec& no_detail = by_code(wijken, "WK888801");
  for (const BuurtSpec& wijk : wijken) check_shares_sum_to_one(wijk);

  SECTION("the unit's own row comes first") {
    CHECK(matched.residents == 3600);
    CHECK(matched.composition.age_group[0] == Approx(1000.0 / 3600));
  }
  SECTION("then the same code in a detail file, for every part the own row lacks") {
    CHECK(matched.composition.migration_background[2] == Approx(1400.0 / 4200));
    CHECK(matched.composition.education[0] == Approx(1400.0 / 3200));
    CHECK(matched.composition.tenure[2] == Approx(0.60));
    CHECK(matched.composition.low_income == Approx(0.18));
    CHECK(matched.composition.households_with_children == Approx(600.0 / 2000));
  }
  SECTION("a code whose inhabitants differ by more than a factor 1.5 is another area") {
    CHECK(other_area.composition.low_income == Approx(0.10));  // the gemeente's, not the wijk's 6%
    CHECK(other_area.composition.tenure[0] == Approx(0.50));
    CHECK(has_note_containing(notes, "WK999902 (1,000 against 4,000)"));
  }
  SECTION("the main file's gemeente comes before the gemeente in a detail file") {
    CHECK(not_in_detail.composition.migration_background[0] == Approx(0.7));  // 2024 GM9999
    CHECK(matched.composition.migration_background[0] != Approx(0.7));       // its own code in the detail
    CHECK(not_in_detail.composition.age_group[1] == Approx(3000.0 / 8500));  // 2019 GM9999
    CHECK(not_in_detail.residents == 4250);  // the 15+ share of the detail's gemeente
    CHECK(has_note(notes, "WK999903 age: suppressed, took GM9999 in detail_2019.csv"));
  }
  SECTION("without any detail, the model default") {
    const Composition defaults;
    CHECK(no_detail.composition.age_group == defaults.age_group);
    CHECK(no_detail.composition.education == defaults.education);
    CHECK(no_detail.composition.tenure == defaults.tenure);
    CHECK(no_detail.residents == static_cast<int>(std::lround(2000 * kDefaultShareAged15Plus)));
    CHECK(no_detail.vulnerability == 0.5);
    CHECK(has_note(notes, "WK888801 age: suppressed, also in GM8888, took the model default"));
  }
  SECTION("vulnerability inputs come from the detail too") {
    CHECK(matched.vulnerability > other_area.vulnerability);
    CHECK(other_area.vulnerability == Approx(not_in_detail.vulnerability));
  }
  SECTION("one summary of the sources, not a note per unit and part") {
    CHECK(has_note_containing(notes, "composition sources for 4 wijken"));
    CHECK(has_note_containing(notes, "education, tenure, low income, households with children, bijstand: 1 same "
                                     "code in detail_2019.csv, 2 gemeente in detail_2019.csv, 1 model default"));
    // A household count for the wijk's own area beats its own row's estimate per dwelling.
    CHECK(has_note_containing(notes, "household size: 3 own row, 1 same code in detail_2019.csv"));
    CHECK_FALSE(has_note_containing(notes, "WK999901 education"));  // the main file has no education at all
  }
}

TEST_CASE("household size from the dwelling stock when a table counts no households", "[data][detail]") {
  const DetailFixture fixture;
  CbsSelection selection;
  selection.file = fixture.main;
  std::vector<std::string> notes;
  const auto wijken = read_cbs_buurten(selection, notes);
  CHECK(by_code(wijken, "WK999901").composition.household_size == Approx(3600.0 / 2000));
  CHECK(by_code(wijken, "WK999903").composition.household_size == Approx(5000 * kDefaultShareAged15Plus / 2500));
  CHECK(has_note_containing(notes, "household size is residents 15+ per dwelling (Woningvoorraad_35)"));
  CHECK(by_code(wijken, "WK999901").composition.tenure == Composition{}.tenure);  // no detail given
}

TEST_CASE("a detail file that cannot be read names its scenario key", "[data][detail]") {
  const DetailFixture fixture;
  CbsSelection selection = fixture.selection();
  const std::string missing = (std::filesystem::temp_directory_path() / "wijksim_test_data" / "absent.csv").string();
  selection.detail.push_back(missing);
  std::vector<std::string> notes;
  try {
    read_cbs_buurten(selection, notes);
    FAIL("expected a DataError");
  } catch (const DataError& error) {
    CHECK(error.file() == missing);
    CHECK(error.json_path() == "municipality.cbs.detail[1]");
    CHECK_THAT(std::string(error.what()), Catch::Contains("cannot open the file"));
    CHECK_THAT(std::string(error.what()), Catch::Contains("municipality.cbs.detail[1]"));
  }
}

namespace {

struct CityDetail {
  std::string file;
  std::string gemeente;
};
const std::vector<CityDetail> kCityDetails{{"amsterdam_2019_84583NED.csv", "GM0363"},
                                           {"den_haag_2019_84583NED.csv", "GM0518"},
                                           {"utrecht_2019_84583NED_reduced.csv", "GM0344"}};

// The 2024 wijken of a gemeente whose code is in the 2019 table with a comparable count,
// counted here from the tables themselves, independently of the importer's chain.
std::size_t plausible_code_matches(const KwbTable& national, const KwbTable& city, const std::string& gemeente) {
  std::size_t matches = 0;
  for (const KwbRegion& wijk : national.regions) {
    if (wijk.level != RegionLevel::wijk || parent_gemeente_code(wijk.code) != gemeente) continue;
    const KwbRegion* old = city.find(wijk.code);
    const double now = wijk.value(KwbQuantity::inhabitants);
    if (old == nullptr || now <= 0) continue;
    const double then = old->value(KwbQuantity::inhabitants);
    if (std::max(now, then) <= 1.5 * std::min(now, then)) ++matches;
  }
  return matches;
}

}  // namespace

TEST_CASE("real national 2024 extract with the 2019 city tables as detail", "[data][real][detail]") {
  REQUIRE_SHARED_CBS_FILE("nl_2024_gemeente_wijk_85984NED.json");
  for (const CityDetail& city : kCityDetails) REQUIRE_SHARED_CBS_FILE(city.file);
  CbsSelection selection = select_file(test::shared_cbs_file("nl_2024_gemeente_wijk_85984NED.json"));
  for (const CityDetail& city : kCityDetails) selection.detail.push_back(test::shared_cbs_file(city.file));
  std::vector<std::string> notes;
  const auto wijken = read_cbs_buurten(selection, notes);
  CHECK(notes.size() < 200);

  const Composition defaults;
  int amsterdam = 0;
  for (const BuurtSpec& wijk : wijken) {
    if (wijk.gemeente != "GM0363") continue;
    ++amsterdam;
    INFO(wijk.code);
    CHECK(wijk.composition.age_group != defaults.age_group);
    CHECK(wijk.composition.migration_background != defaults.migration_background);
    CHECK(wijk.composition.education != defaults.education);
    CHECK(wijk.composition.tenure != defaults.tenure);
  }
  CHECK(amsterdam > 100);
  CHECK(by_code(wijken, "WK051828").composition.migration_background !=
        by_code(wijken, "WK051802").composition.migration_background);

  const KwbTable national = read_kwb_table(selection.file);
  for (const CityDetail& city : kCityDetails) {
    const std::size_t matches =
        plausible_code_matches(national, read_kwb_table(test::shared_cbs_file(city.file)), city.gemeente);
    INFO(city.file << ": " << matches << " wijken matched by code");
    if (matches == 0) {
      CHECK_FALSE(has_note_containing(notes, " same code in " + city.file));
    } else {
      CHECK(has_note_containing(notes, std::to_string(matches) + " same code in " + city.file));
    }
  }
  // Outside the three cities the extract still gives only counts.
  CHECK(by_code(wijken, "WK168000").composition.age_group == defaults.age_group);
}
