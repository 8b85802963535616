// wijksim_scenario_docs: rewrites docs/scenario.schema.json and the generated reference section
// of docs/scenarios.md from the parameter registry. Usage: wijksim_scenario_docs [docs-folder]
#include <filesystem>

#include "sim/core/generated_docs.hpp"
#include "sim/scenario/reference.hpp"

int main(int argc, char** argv) {
  const std::filesystem::path docs = argc > 1 ? argv[1] : WIJKSIM_DOCS_DIR;
  return wijksim::regenerate_docs(
      "wijksim_scenario_docs", docs / "scenario.schema.json", [] { return wijksim::scenario_schema().dump(2) + "\n"; },
      docs / "scenarios.md", [](const std::string& page) { return wijksim::with_generated_reference(page); });
}
