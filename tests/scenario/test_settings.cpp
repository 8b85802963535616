// Command-line settings (--set KEY.PATH=VALUE): how text becomes a JSON value, and errors that
// name the setting behind them.
#include <catch.hpp>

#include <algorithm>
#include <regex>

#include "sim/scenario/load.hpp"
#include "sim/scenario/settings.hpp"
#include "tests/scenario/scenario_test_support.hpp"

using namespace wijksim;
using wijksim::testing::input_error_from;
using nlohmann::json;

namespace {

const std::filesystem::path kBase = std::filesystem::path(WIJKSIM_SOURCE_DIR) / "scenarios" / "base.json";

}  // namespace

TEST_CASE("a setting's value is JSON when it parses as JSON, else text") {
  CHECK(parse_setting("horizon_ticks=260").value == json(260));
  CHECK(parse_setting("government.levers.invitation_reach=0.5").value == json(0.5));
  CHECK(parse_setting("government.role=inviting").value == json("inviting"));
  CHECK(parse_setting("name=\"123\"").value == json("123"));
  CHECK(parse_setting("issue_events=[]").value == json::array());
  CHECK(parse_setting("description=two words").value == json("two words"));
  CHECK(parse_setting("description=").value == json(""));
}

TEST_CASE("a setting's path takes dots or brackets for list items") {
  CHECK(parse_setting("municipality.buurt_types[1].count=2").path == "municipality.buurt_types.1.count");
  CHECK(parse_setting("municipality.buurt_types.1.count=2").path == "municipality.buurt_types.1.count");
  CHECK(parse_setting("a=b=c").value == json("b=c"));
}

TEST_CASE("a setting without '=' or without a key is rejected with the expected form") {
  for (const char* text : {"horizon_ticks", "=5"}) {
    const InputError error = input_error_from([&] { parse_setting(text); });
    CHECK(error.file() == std::string("--set ") + text);
    CHECK(error.expected().find("KEY.PATH=VALUE") != std::string::npos);
  }
}

TEST_CASE("settings apply in order before validation and end up in the resolved scenario") {
  const Scenario scenario = load_scenario(kBase, parse_settings({"government.role=inviting",
      "government.levers.community_worker_hours_per_1000=16", "horizon_ticks=10", "horizon_ticks=12"}));
  CHECK(scenario.government.role == Role::inviting);
  CHECK(scenario.government.plan.levers.community_worker_hours_per_1000 == 16);
  CHECK(scenario.horizon_ticks == 12);
  const json resolved = json::parse(scenario.resolved_json);
  CHECK(resolved["government"]["levers"]["community_worker_hours_per_1000"] == 16);
  CHECK(resolved["horizon_ticks"] == 12);
}

TEST_CASE("an error at a key a setting gave names the setting and the file") {
  const InputError misspelt = input_error_from([&] {
    load_scenario(kBase, parse_settings({"government.levers.comunity_worker_hours_per_1000=16"}));
  });
  CHECK(misspelt.file() == "--set government.levers.comunity_worker_hours_per_1000=16 (on " + kBase.lexically_normal().string() + ")");
  CHECK(misspelt.json_path() == "government.levers.comunity_worker_hours_per_1000");
  CHECK(misspelt.suggestion() == "did you mean 'community_worker_hours_per_1000'?");

  const InputError section = input_error_from([&] { load_scenario(kBase, parse_settings({"govrnment.role=x"})); });
  CHECK(section.json_path() == "govrnment");
  CHECK(section.file().rfind("--set govrnment.role=x", 0) == 0);

  const InputError range = input_error_from([&] {
    load_scenario(kBase, parse_settings({"municipality.buurt_types[0].count=-1"}));
  });
  CHECK(range.file().rfind("--set municipality.buurt_types[0].count=-1", 0) == 0);
}

TEST_CASE("an error elsewhere still names only the file") {
  const json merged = json::parse(R"({"name": "x", "replicates": 0})");
  const InputError error = input_error_from([&] {
    scenario_with_settings(merged, parse_settings({"seed=3"}), "mine.json");
  });
  CHECK(error.file() == "mine.json");
}

TEST_CASE("a list index out of range names the setting") {
  const InputError error = input_error_from([&] {
    load_scenario(kBase, parse_settings({"municipality.buurt_types.9.count=1"}));
  });
  CHECK(error.file() == "--set municipality.buurt_types.9.count=1");
}

namespace {

const std::filesystem::path kDenHaag = std::filesystem::path(WIJKSIM_SOURCE_DIR) / "scenarios" / "cbs" / "den_haag.json";
const std::filesystem::path kNetherlands =
    std::filesystem::path(WIJKSIM_SOURCE_DIR) / "scenarios" / "cbs" / "netherlands.json";

// How many of the scenario's data notes start with `prefix`.
std::ptrdiff_t notes_starting(const Scenario& scenario, const std::string& prefix) {
  return std::count_if(scenario.data_notes.begin(), scenario.data_notes.end(),
                       [&](const std::string& note) { return note.rfind(prefix, 0) == 0; });
}

}  // namespace

TEST_CASE("a sample that leaves buurten below one street says so in the data notes", "[scale]") {
  const Scenario tenth = load_scenario(kDenHaag, parse_settings({"municipality.cbs.scale=0.1"}));
  REQUIRE(notes_starting(tenth, "scale: ") == 1);
  CHECK(tenth.data_notes.front().find("below one street (400 residents") != std::string::npos);
  CHECK(notes_starting(load_scenario(kDenHaag, parse_settings({"municipality.cbs.scale=1"})), "scale: ") == 0);
  // With a street of one resident no sampled buurt falls below it.
  CHECK(notes_starting(load_scenario(kDenHaag, parse_settings({"municipality.cbs.scale=0.1", "initiatives.reach=1"})),
                       "scale: ") == 0);
}

TEST_CASE("the scale note names the scenario's units: buurten, or wijken from the national tables", "[scale]") {
  // The studio's browser test reads the note with this pattern (web/test/studio_e2e.mjs).
  const auto sampled_below_a_street = [](const std::string& units) {
    return std::regex("scale: \\d+ of \\d+ " + units + " .* are sampled below one street");
  };
  const Scenario buurten = load_scenario(kDenHaag, parse_settings({"municipality.cbs.scale=0.1"}));
  CHECK(std::regex_search(buurten.data_notes.front(), sampled_below_a_street("buurten")));
  CHECK(buurten.data_notes.front().find("although the real buurt holds one") != std::string::npos);

  // Den Haag's 43 wijken at a fiftieth, as the studio runs a gemeente.
  const Scenario wijken = load_scenario(
      kNetherlands, parse_settings({"municipality.cbs.gemeenten=[\"GM0518\"]", "municipality.cbs.scale=0.02"}));
  REQUIRE(wijken.buurten.size() == 43);
  REQUIRE(notes_starting(wijken, "scale: ") == 1);
  CHECK(std::regex_search(wijken.data_notes.front(), sampled_below_a_street("wijken")));
  CHECK(wijken.data_notes.front().find("although the real wijk holds one") != std::string::npos);
  CHECK(wijken.data_notes.front().find("buurt") == std::string::npos);
}

TEST_CASE("real buurten smaller than a street are named in the data notes", "[scale]") {
  const Scenario full = load_scenario(kDenHaag, parse_settings({"municipality.cbs.scale=1"}));
  const auto below = std::count_if(full.buurten.begin(), full.buurten.end(),
                                   [&](const BuurtSpec& b) { return b.residents < full.initiatives.reach; });
  REQUIRE(below > 0);
  REQUIRE(notes_starting(full, "buurt size: ") == 1);
  const std::string named = "buurt size: " + std::to_string(below) + " of " + std::to_string(full.buurten.size()) +
                            " buurten";
  CHECK(notes_starting(full, named) == 1);
  // A sample does not make a real buurt smaller: the same buurten are named at a tenth.
  CHECK(notes_starting(load_scenario(kDenHaag, parse_settings({"municipality.cbs.scale=0.1"})), named) == 1);
  CHECK(notes_starting(load_scenario(kDenHaag, parse_settings({"initiatives.reach=1"})), "buurt size: ") == 0);
}
