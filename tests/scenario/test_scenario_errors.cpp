// Every kind of bad scenario input gives an InputError naming the file, the place, what was
// expected and what was found.
#include <catch.hpp>

#include "sim/scenario/json_text.hpp"
#include "sim/scenario/load.hpp"
#include "tests/scenario/scenario_test_support.hpp"

using namespace wijksim;
using wijksim::testing::input_error_from;
using wijksim::testing::kOneBuurtType;
using wijksim::testing::TempFolder;
using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

InputError error_for(const std::string& body) {
  return input_error_from(
      [&] { scenario_from_json(json::parse("{" + body + "}"), "scenarios/x.json"); });
}

}  // namespace

TEST_CASE("malformed JSON is reported with its line and column") {
  TempFolder folder;
  const auto file = folder.write("broken.json", "{\n  \"name\": \"x\",\n  \"seed\": 4,,\n}\n");
  const InputError error = input_error_from([&] { read_scenario_json(file); });
  CHECK(error.details().line == 3);
  CHECK(error.details().column == 13);
  CHECK(error.file() == file.string());
  CHECK_THAT(error.what(), Contains("line 3, column 13: malformed JSON"));
}

TEST_CASE("an unknown key names the nearest valid key") {
  const InputError error = error_for(std::string(kOneBuurtType) +
                                     R"(, "government": {"levers": {"comunity_worker_hours_per_1000": 3}})");
  CHECK(error.json_path() == "government.levers.comunity_worker_hours_per_1000");
  CHECK(error.suggestion() == "did you mean 'community_worker_hours_per_1000'?");
  CHECK(std::string(error.what()) ==
        "scenarios/x.json: at government.levers.comunity_worker_hours_per_1000: unknown key; "
        "did you mean 'community_worker_hours_per_1000'?");

  const InputError far = error_for(std::string(kOneBuurtType) + R"(, "network": {"zzz": 1})");
  CHECK_THAT(far.suggestion(), Contains("homophily") && Contains("neighbour_ties"));

  const InputError nested = error_for(R"("municipality": {"buurt_types": [{"name": "a",
      "composition": {"education": {"lowe": 0.3}}}]})");
  CHECK(nested.json_path() == "municipality.buurt_types[0].composition.education.lowe");
  CHECK(nested.suggestion() == "did you mean 'low'?");
}

TEST_CASE("a misspelt mechanism parameter names the nearest valid key") {
  const InputError invitations =
      error_for(std::string(kOneBuurtType) + R"(, "invitations": {"door_to_door_respons": 1.2})");
  CHECK(invitations.json_path() == "invitations.door_to_door_respons");
  CHECK(invitations.suggestion() == "did you mean 'door_to_door_response'?");

  const InputError workers =
      error_for(std::string(kOneBuurtType) + R"(, "community_workers": {"coachng": 0.1})");
  CHECK(workers.json_path() == "community_workers.coachng");
  CHECK(workers.suggestion() == "did you mean 'coaching'?");

  const InputError by_age = error_for(std::string(kOneBuurtType) +
                                      R"(, "invitations": {"online_response_by_age": {"65": 0.5}})");
  CHECK(by_age.json_path() == "invitations.online_response_by_age.65");
  CHECK(by_age.suggestion() == "did you mean '65+'?");
}

TEST_CASE("a value of the wrong type says what was expected and found") {
  const InputError error = error_for(std::string(kOneBuurtType) + R"(, "behaviour": {"peer_weight": "high"})");
  CHECK(std::string(error.what()) ==
        "scenarios/x.json: at behaviour.peer_weight: expected a number between 0 and 20, "
        "found \"high\" (a string)");
  CHECK(error_for(std::string(kOneBuurtType) + R"(, "replicates": 2.5)").expected() ==
        "an integer between 1 and 100000");
  CHECK(error_for(std::string(kOneBuurtType) + R"(, "behaviour": [])").expected() == "an object");
  CHECK(error_for(R"("municipality": {"buurt_types": [{"name": "a", "community_centre": 1}]})")
            .json_path() == "municipality.buurt_types[0].community_centre");
}

TEST_CASE("a value out of range says the range") {
  const InputError error = error_for(std::string(kOneBuurtType) + R"(, "network": {"homophily": 1.5})");
  CHECK(error.json_path() == "network.homophily");
  CHECK(error.expected() == "a number between 0 and 1");
  CHECK(error.found() == "1.5 (a number)");
  CHECK(error_for(std::string(kOneBuurtType) + R"(, "costs": {"process_fixed": -1})").expected() ==
        "a number between 0 and 1000000000");
}

TEST_CASE("shares that do not sum to 1 are refused") {
  const InputError composition = error_for(R"("municipality": {"buurt_types": [{"name": "a",
      "composition": {"education": {"low": 0.5, "middle": 0.5, "high": 0.5}}}]})");
  CHECK(composition.json_path() == "municipality.buurt_types[0].composition.education");
  CHECK_THAT(composition.found(), Contains("1.5") && Contains("middle 0.5"));

  const InputError channels = error_for(std::string(kOneBuurtType) +
      R"(, "government": {"role": "inviting", "levers": {"channel_mix": {"letter": 1}}})");
  CHECK(channels.json_path() == "government.levers.channel_mix");

  const InputError responses = error_for(std::string(kOneBuurtType) +
      R"(, "government": {"levers": {"initiative_response": {"support": 0.5, "conditional_subsidy": 0.2}}})");
  CHECK(responses.json_path() == "government.levers.initiative_response");

  const Scenario within_tolerance = scenario_from_json(json::parse(std::string("{") + kOneBuurtType +
      R"(, "government": {"levers": {"initiative_response": {"support": 0.6, "conditional_subsidy": 0.4000000001}}}})"),
      "x.json");
  CHECK(within_tolerance.government.plan.levers.initiative_response[1] == 0.4000000001);
}

TEST_CASE("an unknown role lists the valid roles") {
  const InputError error = error_for(std::string(kOneBuurtType) + R"(, "government": {"role": "invitng"})");
  CHECK(error.json_path() == "government.role");
  CHECK(error.expected() == "one of top_down, responsive, inviting, withdrawing, kaleidoscopic");
  CHECK(error.suggestion() == "did you mean 'inviting'?");
  const InputError vulnerable = error_for(std::string(kOneBuurtType) +
      R"(, "government": {"role": "inviting", "vulnerable_levers": {"subsidy": 1}})");
  CHECK(vulnerable.json_path() == "government.vulnerable_levers");
}

TEST_CASE("an extends cycle shows the chain") {
  TempFolder folder;
  folder.write("a.json", R"({"extends": "b.json"})");
  folder.write("b.json", R"({"extends": "c.json"})");
  folder.write("c.json", R"({"extends": "a.json"})");
  const InputError error = input_error_from([&] { read_scenario_json(folder.path() / "a.json"); });
  CHECK(error.json_path() == "extends");
  CHECK_THAT(error.what(), Contains("a.json -> ") && Contains("b.json -> ") && Contains("c.json -> "));
  CHECK_THAT(error.what(), Contains("extends cycle"));
}

TEST_CASE("a missing scenario or extended file is named") {
  TempFolder folder;
  const auto absent = folder.path() / "absent.json";
  const InputError missing = input_error_from([&] { load_scenario(absent); });
  CHECK(missing.file() == absent.string());
  CHECK_THAT(missing.what(), Contains("cannot open the file"));

  // An extended file that cannot be read is the naming file's mistake, at its `extends` key.
  const auto child = folder.write("child.json", R"({"extends": "nowhere/base.json"})");
  const InputError missing_parent = input_error_from([&] { load_scenario(child); });
  CHECK(missing_parent.file() == child.string());
  CHECK(missing_parent.json_path() == "extends");
  CHECK_THAT(missing_parent.what(), Contains((folder.path() / "nowhere/base.json").string()) &&
                                        Contains("cannot open the file"));
}

TEST_CASE("a scenario without buurten is refused") {
  CHECK(error_for(R"("name": "empty")").json_path() == "municipality");
  CHECK_THAT(error_for(R"("municipality": {"buurt_types": []})").what(), Contains("no buurten"));
  CHECK_THAT(error_for(R"("municipality": {"buurt_types": [{"name": "a", "count": 0}]})").what(),
             Contains("no buurten"));
  CHECK(error_for(R"("municipality": {"buurt_types": [{"count": 2}]})").json_path() ==
        "municipality.buurt_types[0].name");
}

TEST_CASE("buurt_types and cbs together are refused") {
  const InputError error = error_for(R"("municipality": {"buurt_types": [{"name": "a"}],
      "cbs": {"file": "kwb.csv"}})");
  CHECK(error.json_path() == "municipality");
  CHECK_THAT(error.what(), Contains("both buurt_types and cbs"));
}

TEST_CASE("issue events name a known issue, a week within the horizon and known places") {
  const std::string municipality = R"("municipality": {"buurt_types": [{"name": "vulnerable", "count": 2}]})";
  const Scenario scenario = scenario_from_json(
      json::parse("{" + municipality + R"(, "issue_events": [{"tick": 10, "issue": "youth", "buurten": ["vulnerable"]}]})"),
      "scenarios/x.json");
  REQUIRE(scenario.issue_events.size() == 1);
  CHECK(scenario.issue_events[0].issue == IssueType::youth);
  CHECK(scenario.issue_events[0].salience == 1.0);
  CHECK_THAT(scenario.resolved_json, Contains("\"issue_events\"") && Contains("\"youth\""));

  const InputError place = error_for(municipality + R"(, "issue_events": [{"tick": 10, "buurten": ["vulnerabel"]}])");
  CHECK(place.json_path() == "issue_events[0].buurten[0]");
  CHECK(place.suggestion() == "did you mean 'vulnerable'?");

  const InputError issue = error_for(municipality + R"(, "issue_events": [{"tick": 10, "issue": "school"}])");
  CHECK(issue.json_path() == "issue_events[0].issue");
  CHECK_THAT(issue.expected(), Contains("youth"));

  const InputError late = error_for(municipality + R"(, "horizon_ticks": 52, "issue_events": [{"tick": 52}])");
  CHECK(late.json_path() == "issue_events[0].tick");
  CHECK_THAT(late.expected(), Contains("below 52"));

  const InputError key = error_for(municipality + R"(, "issue_events": [{"tick": 1, "salince": 0.5}])");
  CHECK(key.suggestion() == "did you mean 'salience'?");
}

TEST_CASE("strict JSON: duplicate keys, nesting depth and numbers beyond a double name the place") {
  const auto error_in = [](const std::string& text) {
    return input_error_from([&] { parse_json_text(text, "x.json"); });
  };
  const InputError duplicate = error_in("{\n  \"government\": {\"role\": \"inviting\",\n \"role\": \"top_down\"}}");
  CHECK(duplicate.json_path() == "government.role");
  CHECK(duplicate.details().line == 3);
  CHECK_THAT(duplicate.what(), Contains("given twice"));
  // The same key in different objects, or written with an escape, is told apart correctly.
  CHECK_NOTHROW(parse_json_text(R"({"a": {"x": 1}, "b": {"x": 2}, "c": [{"x": 1}, {"x": 2}]})", "x.json"));
  CHECK(error_in(R"({"seed": 1, "se\u0065d": 2})").json_path() == "seed");

  const std::string deep = std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']');
  CHECK_NOTHROW(parse_json_text(deep, "x.json"));
  CHECK_THAT(error_in("[" + deep + "]").what(), Contains("nesting deeper than 64"));

  const InputError huge = error_in(R"({"levers": [1, 2, 1e309]})");
  CHECK(huge.json_path() == "levers[2]");
  CHECK(huge.found() == "1e309");
  CHECK_NOTHROW(parse_json_text(R"({"tiny": 1e-400, "text": "1e999"})", "x.json"));
}
