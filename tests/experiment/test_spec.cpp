// Experiment files and plans: valid files, precise errors, parameter mapping, seeds.
#include <catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>

#include "sim/experiment/plan.hpp"
#include "sim/experiment/spec.hpp"
#include "sim/scenario/input_error.hpp"

using namespace wijksim::experiment;
using nlohmann::json;

namespace {

const std::string kDataDir = std::string(WIJKSIM_SOURCE_DIR) + "/tests/experiment/data";

// A parsed experiment as if read from a file in the test data folder.
ExperimentSpec from_json(const json& root) { return experiment_from_json(root, kDataDir + "/test.json"); }

json roles_experiment() {
  return json::parse(R"({"name": "roles", "base": "small_base.json", "replicates": 3, "seed": 4,
    "scenarios": [{"name": "top_down", "overrides": {"government.role": "top_down"}},
                  {"name": "inviting", "overrides": {"government.role": "inviting"}}]})");
}

json design_experiment(const std::string& method) {
  json root = json::parse(R"({"base": "small_base.json", "design": {"samples": 4, "parameters": [
      {"path": "government.levers.invitation_reach", "min": 0, "max": 0.5},
      {"path": "government.levers.targeting", "choices": ["uniform", "under_represented"]}]}})");
  root["design"]["method"] = method;
  return root;
}

wijksim::InputError error_of(const json& root) {
  try {
    from_json(root);
  } catch (const wijksim::InputError& error) {
    return error;
  }
  FAIL("expected an InputError");
  throw;
}

}  // namespace

TEST_CASE("a named-scenario experiment reads its base and keeps the default outcomes") {
  const ExperimentSpec spec = load_experiment(kDataDir + "/small_roles.json");
  CHECK(spec.name == "small_roles");
  CHECK(spec.replicates == 2);
  CHECK(spec.design.method == DesignMethod::scenarios);
  REQUIRE(spec.scenarios.size() == 3);
  CHECK(spec.scenarios[1].overrides.at("government.role") == "inviting");
  CHECK(spec.base_scenario.at("name") == "small");
  CHECK(std::find(spec.outcomes.begin(), spec.outcomes.end(), "trust/mean") != spec.outcomes.end());
}

TEST_CASE("errors name the file, the JSON path, what was expected and what was found") {
  SECTION("a misspelt key gets a suggestion") {
    json root = roles_experiment();
    root["replicats"] = 2;
    const auto error = error_of(root);
    CHECK(error.file() == kDataDir + "/test.json");
    CHECK(error.json_path() == "replicats");
    CHECK(error.suggestion().find("replicates") != std::string::npos);
  }
  SECTION("a wrong type inside a scenario") {
    json root = roles_experiment();
    root["scenarios"][1]["name"] = 3;
    const auto error = error_of(root);
    CHECK(error.json_path() == "scenarios[1].name");
    CHECK(error.found() == "3 (a number)");
  }
  SECTION("an unknown design method") {
    const auto error = error_of(design_experiment("latin_hypercub"));
    CHECK(error.json_path() == "design.method");
    CHECK(error.suggestion().find("latin_hypercube") != std::string::npos);
  }
  SECTION("max not above min") {
    json root = design_experiment("sobol");
    root["design"]["parameters"][0]["max"] = 0;
    CHECK(error_of(root).json_path() == "design.parameters[0].max");
  }
  SECTION("both scenarios and a design") {
    json root = roles_experiment();
    root["design"] = design_experiment("sobol")["design"];
    CHECK(std::string(error_of(root).what()).find("not both") != std::string::npos);
  }
  SECTION("a missing base file") {
    json root = roles_experiment();
    root["base"] = "no_such_base.json";
    CHECK(error_of(root).json_path() == "base");
  }
  SECTION("a malformed outcome name") {
    json root = roles_experiment();
    root["outcomes"] = {"trust/mean", "trust"};
    CHECK(error_of(root).json_path() == "outcomes[1]");
  }
  SECTION("odd Morris levels") {
    json root = design_experiment("morris");
    root["design"]["levels"] = 5;
    CHECK(error_of(root).json_path() == "design.levels");
  }
  SECTION("a Latin hypercube without samples") {
    json root = design_experiment("latin_hypercube");
    root["design"].erase("samples");
    CHECK(error_of(root).json_path() == "design.samples");
  }
}

TEST_CASE("parameter values: numbers scale, integers and choices take equal-width bins") {
  ParameterRange number{.path = "x", .min = 2, .max = 4};
  CHECK(number.value_at(0.25) == Approx(2.5));
  ParameterRange whole{.path = "x", .min = 0, .max = 2, .integer = true};
  CHECK(whole.value_at(0.0) == 0);
  CHECK(whole.value_at(0.34) == 1);
  CHECK(whole.value_at(1.0) == 2);
  CHECK(whole.json_value(1).is_number_integer());
  ParameterRange choice{.path = "x", .min = 0, .max = 1, .choices = json::array({"a", "b"})};
  CHECK(choice.json_value(choice.value_at(0.7)) == "b");
  CHECK(choice.json_value(choice.value_at(0.2)) == "a");
}

TEST_CASE("a plan gives each run its overrides and a distinct, reproducible seed") {
  const ExperimentSpec spec = from_json(design_experiment("sobol"));
  const ExperimentPlan plan(spec);
  REQUIRE(plan.size() == 4 * (2 + 2));
  std::set<std::uint64_t> seeds;
  for (std::size_t i = 0; i < plan.size(); ++i) {
    const PlannedRun run = plan.run(i);
    seeds.insert(run.seed);
    CHECK(run.seed == ExperimentPlan(spec).run(i).seed);
    CHECK(run.overrides.at("government.levers.invitation_reach") == Approx(run.values[0]));
    const json merged = plan.scenario_json(run);
    CHECK(merged.at("seed") == run.seed);
    CHECK(merged.at("replicates") == 1);
  }
  CHECK(seeds.size() == plan.size());
  const auto scenario = plan.scenario(plan.run(2));
  CHECK(scenario.government.plan.levers.invitation_reach == Approx(plan.run(2).values[0]));
}

TEST_CASE("common random numbers give every run the same seed") {
  json root = roles_experiment();
  root["common_random_numbers"] = true;
  const ExperimentSpec spec = from_json(root);
  const ExperimentPlan plan(spec);
  CHECK(plan.run(0).seed == plan.run(1).seed);
}

TEST_CASE("a design point that makes an invalid scenario is reported against the experiment file") {
  json root = design_experiment("latin_hypercube");
  root["design"]["parameters"][0]["path"] = "government.levers.invitation_reech";
  const ExperimentSpec spec = from_json(root);
  const ExperimentPlan plan(spec);
  try {
    plan.scenario(plan.run(0));
    FAIL("expected an InputError");
  } catch (const wijksim::InputError& error) {
    CHECK(error.file() == kDataDir + "/test.json");
    CHECK(error.json_path() == "design.parameters");
    CHECK(std::string(error.what()).find("invitation_reech") != std::string::npos);
  }
}

TEST_CASE("the bundled experiments are valid in every run") {
  const std::string folder = std::string(WIJKSIM_SOURCE_DIR) + "/scenarios/experiments";
  for (const char* name : {"roles.json", "levers_sobol.json", "levers_morris.json"}) {
    INFO(name);
    const ExperimentSpec spec = load_experiment(folder + "/" + name);
    const ExperimentPlan plan(spec);
    CHECK(plan.size() > 1);
    for (std::size_t i = 0; i < plan.size(); ++i) CHECK_NOTHROW(plan.scenario(plan.run(i)));
  }
}
