// Loading, defaults, extends, role resolution, the registry and the generated docs.
#include <catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "sim/scenario/load.hpp"
#include "sim/scenario/parameters.hpp"
#include "sim/scenario/roles.hpp"
#include "tests/scenario/scenario_test_support.hpp"

using namespace wijksim;
using wijksim::testing::input_error_from;
using wijksim::testing::kOneBuurtType;
using wijksim::testing::TempFolder;
using nlohmann::json;

namespace {

const std::filesystem::path kSourceDir = WIJKSIM_SOURCE_DIR;

Scenario from_text(const std::string& body) {
  return scenario_from_json(json::parse("{" + body + "}"), "test.json");
}

std::string read_file(const std::filesystem::path& file) {
  std::ifstream stream(file, std::ios::binary);
  std::ostringstream text;
  text << stream.rdbuf();
  return text.str();
}

bool has_path(const json& root, const std::string& dotted_path) {
  std::string pointer;
  for (char c : dotted_path) pointer += c == '.' ? '/' : c;
  return root.contains(json::json_pointer("/" + pointer));
}

bool same_levers(Levers a, Levers b) {
  for (const auto& parameter : parameters_of<Levers>().parameters) {
    if (parameter.read(a) != parameter.read(b)) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("every bundled scenario loads, with the role its file is named after") {
  for (const char* role : kRoleNames) {
    const auto file = kSourceDir / "scenarios" / (std::string(role) + ".json");
    INFO(file.string());
    const Scenario scenario = load_scenario(file);
    CHECK(scenario.name == role);
    CHECK(kRoleNames[static_cast<int>(scenario.government.role)] == std::string(role));
    CHECK(scenario.buurten.size() == 12);
    CHECK_FALSE(scenario.description.empty());
  }
  const Scenario base = load_scenario(kSourceDir / "scenarios" / "base.json");
  CHECK(base.horizon_ticks == 520);
  CHECK(base.replicates == 4);
  CHECK(base.seed == 20261123u);
  std::map<std::string, int> buurten_per_type;
  for (const auto& buurt : base.buurten) ++buurten_per_type[buurt.type];
  CHECK(buurten_per_type == std::map<std::string, int>{{"vulnerable", 4}, {"average", 5}, {"vital", 3}});
}

TEST_CASE("every bundled lever scenario loads and changes what its description says") {
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kSourceDir / "scenarios" / "levers")) {
    INFO(entry.path().string());
    const Scenario scenario = load_scenario(entry.path());
    CHECK(scenario.name == entry.path().stem().string());
    CHECK_FALSE(scenario.description.empty());
    CHECK(scenario.buurten.size() == 12);
    ++files;
  }
  CHECK(files >= 8);
  const Scenario workers = load_scenario(kSourceDir / "scenarios" / "levers" / "community_workers.json");
  CHECK(workers.government.role == Role::responsive);
  CHECK(workers.government.plan.levers.community_worker_hours_per_1000 == 10.0);
  const Scenario rule = load_scenario(kSourceDir / "scenarios" / "levers" / "representativeness_rule.json");
  CHECK(rule.government.plan.levers.representativeness_threshold == 0.85);
  CHECK(rule.government.plan.levers.rung == Rung::advise);
}

TEST_CASE("keys left out take the defaults of scenario.hpp") {
  const Scenario scenario = from_text(kOneBuurtType);
  CHECK(scenario.behaviour.peer_weight == BehaviourParams{}.peer_weight);
  CHECK(scenario.costs.per_invitation == CostParams{}.per_invitation);
  CHECK(scenario.horizon_ticks == Scenario{}.horizon_ticks);
  CHECK(scenario.buurten.at(0).composition.education == Composition{}.education);
  CHECK(scenario.government.role == Role::responsive);
}

TEST_CASE("given values land on the members their keys name") {
  const Scenario scenario = from_text(R"(
    "seed": 12345678901234, "behaviour": {"peer_weight": 3.25},
    "costs": {"per_invitation": {"door_to_door": 30}},
    "processes": {"input_use_by_rung": {"co_decide": 0.95}},
    "attributes": {"capacity_by_education": {"high": 0.2}},
    "government": {"role": "top_down", "levers": {"rung": "co_decide", "community_worker_hours_per_1000": 4}},
    "municipality": {"buurt_types": [{"name": "v", "count": 2, "residents": 900,
        "composition": {"tenure": {"owner": 0.1, "private_rent": 0.2, "social_rent": 0.7}},
        "liveability": {"safety": 0.3}, "community_centre": false}]})");
  CHECK(scenario.seed == 12345678901234u);
  CHECK(scenario.behaviour.peer_weight == 3.25);
  CHECK(scenario.costs.per_invitation[static_cast<int>(Channel::door_to_door)] == 30.0);
  CHECK(scenario.processes.input_use_by_rung[static_cast<int>(Rung::co_decide)] == 0.95);
  CHECK(scenario.attributes.capacity_by_education[2] == 0.2);
  CHECK(scenario.government.plan.levers.rung == Rung::co_decide);
  CHECK(scenario.government.plan.levers.community_worker_hours_per_1000 == 4.0);
  const BuurtSpec& buurt = scenario.buurten.at(1);
  CHECK(buurt.residents == 900);
  CHECK(buurt.composition.tenure == std::array<double, 3>{0.1, 0.2, 0.7});
  CHECK(buurt.liveability.value()[1] == 0.3);
  CHECK_FALSE(buurt.community_centre);
}

TEST_CASE("buurt types expand into coded, named buurten") {
  const Scenario scenario = from_text(R"("municipality": {"buurt_types": [
      {"name": "vulnerable", "count": 2, "vulnerability": 0.8}, {"name": "vital", "count": 1}]})");
  REQUIRE(scenario.buurten.size() == 3);
  CHECK(scenario.buurten[0].code == "BT1-1");
  CHECK(scenario.buurten[1].code == "BT1-2");
  CHECK(scenario.buurten[1].name == "vulnerable 2");
  CHECK(scenario.buurten[1].wijk == "vulnerable");
  CHECK(scenario.buurten[1].vulnerability == 0.8);
  CHECK(scenario.buurten[2].code == "BT2-1");
  CHECK(scenario.buurten[2].type == "vital");
}

TEST_CASE("registry paths are unique and each is bound to its own member") {
  std::set<std::string> paths;
  for (const auto& parameter : parameters_of<Scenario>().parameters) {
    INFO(parameter.path);
    CHECK(paths.insert(parameter.path).second);
    if (parameter.kind != ValueKind::number) continue;
    Scenario probe;
    const json before = parameters_of<Scenario>().find(parameter.path)->read(probe);
    parameter.write(probe, json(before.get<double>() == 0.0 ? 0.5 : 0.0));
    int changed = 0;
    Scenario untouched;
    for (const auto& other : parameters_of<Scenario>().parameters) {
      if (other.read(probe) != other.read(untouched)) ++changed;
    }
    CHECK(changed == 1);
  }
}

TEST_CASE("the resolved JSON holds every parameter and loads back to itself") {
  const Scenario scenario = load_scenario(kSourceDir / "scenarios" / "kaleidoscopic.json");
  const json resolved = json::parse(scenario.resolved_json);
  for (const auto& parameter : parameters_of<Scenario>().parameters) {
    INFO(parameter.path);
    CHECK(has_path(resolved, parameter.path));
  }
  for (const auto& parameter : parameters_of<Levers>().parameters) {
    CHECK(has_path(resolved, "government.levers." + parameter.path));
    CHECK(has_path(resolved, "government.vulnerable_levers." + parameter.path));
  }
  CHECK(resolved["municipality"]["buurt_types"].size() == 3);
  const Scenario reloaded = scenario_from_json(resolved, "resolved.json");
  CHECK(reloaded.resolved_json == scenario.resolved_json);
  CHECK(scenario.source_file == (kSourceDir / "scenarios" / "kaleidoscopic.json").lexically_normal().string());
}

TEST_CASE("role presets are applied, then the scenario's lever overrides") {
  const Scenario inviting = from_text(std::string(kOneBuurtType) +
      R"(, "government": {"role": "inviting", "levers": {"community_worker_hours_per_1000": 12}})");
  Levers expected = preset_levers(Role::inviting);
  expected.community_worker_hours_per_1000 = 12;
  CHECK(inviting.government.plan.role == Role::inviting);
  CHECK(same_levers(inviting.government.plan.levers, expected));

  const Scenario kaleidoscopic = from_text(std::string(kOneBuurtType) + R"(,
      "government": {"role": "kaleidoscopic", "kaleidoscopic_threshold": 0.6,
                     "levers": {"subsidy": 500},
                     "vulnerable_levers": {"community_worker_hours_per_1000": 20}})");
  const Government& government = kaleidoscopic.government;
  Levers vital = preset_levers(Role::kaleidoscopic);
  vital.subsidy = 500;
  Levers vulnerable = kaleidoscopic_vulnerable_levers();
  vulnerable.subsidy = 500;
  vulnerable.community_worker_hours_per_1000 = 20;
  CHECK(government.kaleidoscopic_threshold == 0.6);
  CHECK(government.plan.role == Role::responsive);
  CHECK(government.vulnerable_plan.role == Role::inviting);
  CHECK(same_levers(government.plan.levers, vital));
  CHECK(same_levers(government.vulnerable_plan.levers, vulnerable));
}

TEST_CASE("extends merges objects key by key, replaces arrays and resolves the CBS file") {
  TempFolder folder;
  folder.write("shared/parent.json", R"({"name": "parent", "behaviour": {"peer_weight": 1.0, "intercept": -7},
      "municipality": {"cbs": {"file": "../data/kwb.csv", "gemeenten": ["GM0344", "GM0363"]}}})");
  const auto child = folder.write("child.json", R"({"extends": "shared/parent.json",
      "behaviour": {"peer_weight": 2.0},
      "municipality": {"cbs": {"gemeenten": ["GM0518"], "boundaries": "maps/buurten.gpkg"}}})");
  const json merged = read_scenario_json(child);
  CHECK_FALSE(merged.contains("extends"));
  CHECK(merged["name"] == "parent");
  CHECK(merged["behaviour"]["peer_weight"] == 2.0);
  CHECK(merged["behaviour"]["intercept"] == -7);
  const json& cbs = merged["municipality"]["cbs"];
  CHECK(cbs["gemeenten"] == json::array({"GM0518"}));
  CHECK(std::filesystem::path(cbs["file"].get<std::string>()) == (folder.path() / "data/kwb.csv").lexically_normal());
  CHECK(std::filesystem::path(cbs["boundaries"].get<std::string>()) == folder.path() / "maps/buurten.gpkg");
  // Validation reads the data file; this one does not exist, and the message names it.
  const auto message = [&] {
    try {
      scenario_from_json(merged, child.string());
    } catch (const std::exception& e) {
      return std::string(e.what());
    }
    return std::string();
  }();
  CHECK(message.find("kwb.csv") != std::string::npos);
}

TEST_CASE("apply_override sets a dotted path, creating objects and indexing arrays") {
  const json merged = read_scenario_json(kSourceDir / "scenarios" / "inviting.json");
  json changed = apply_override(merged, "government.levers.community_worker_hours_per_1000", 24);
  changed = apply_override(changed, "municipality.buurt_types.0.count", 1);
  const Scenario scenario = scenario_from_json(changed, "override");
  CHECK(scenario.government.plan.levers.community_worker_hours_per_1000 == 24.0);
  CHECK(scenario.buurten.size() == 9);

  const json misspelt = apply_override(merged, "behaviour.peer_wieght", 1.0);
  const InputError error = input_error_from([&] { scenario_from_json(misspelt, "override"); });
  CHECK(error.json_path() == "behaviour.peer_wieght");
  CHECK(input_error_from([&] { apply_override(merged, "name.first", 1); }).json_path() == "name");
  CHECK(input_error_from([&] { apply_override(merged, "municipality.buurt_types.7.count", 1); })
            .json_path() == "municipality.buurt_types.7");
}

TEST_CASE("the schema carries the defaults and ranges of the registry") {
  const auto schema = scenario_schema();
  const auto& peer_weight = schema["properties"]["behaviour"]["properties"]["peer_weight"];
  CHECK(peer_weight["default"] == BehaviourParams{}.peer_weight);
  CHECK(peer_weight["minimum"] == 0.0);
  const auto& role = schema["properties"]["government"]["properties"]["role"];
  CHECK(role["enum"].size() == kRoleNames.size());
  const auto& buurt_type = schema["properties"]["municipality"]["properties"]["buurt_types"]["items"];
  CHECK(buurt_type["required"] == json::array({"name"}));
  CHECK(buurt_type["properties"]["composition"]["properties"]["education"]["properties"]["low"]["default"] ==
        Composition{}.education[0]);
}

TEST_CASE("docs/scenario.schema.json and docs/scenarios.md match the registry") {
  const auto docs = kSourceDir / "docs";
  const std::string how_to_fix =
      "regenerate them: cmake --build <build> --target wijksim_scenario_docs && "
      "<build>/sim/scenario/wijksim_scenario_docs";
  INFO(how_to_fix);
  CHECK(read_file(docs / "scenario.schema.json") == scenario_schema().dump(2) + "\n");
  const std::string guide = read_file(docs / "scenarios.md");
  CHECK(guide == with_generated_reference(guide));
}

TEST_CASE("kaleidoscopic invites where vulnerability is high, not in the average buurt") {
  const Scenario scenario = load_scenario(kSourceDir / "scenarios" / "kaleidoscopic.json");
  CHECK(scenario.government.kaleidoscopic_threshold == 0.65);
  int inviting = 0;
  for (const BuurtSpec& buurt : scenario.buurten) {
    const bool vulnerable_plan = &levers_for_buurt(scenario.government, buurt) == &scenario.government.vulnerable_plan.levers;
    CHECK(vulnerable_plan == (buurt.type == "vulnerable"));
    inviting += vulnerable_plan;
  }
  CHECK(inviting == 4);  // the four vulnerable buurten of base.json (vulnerability 0.8); not the five average (0.5)
}
