// wijksim_scenario_docs: rewrites docs/scenario.schema.json and the generated reference section
// of docs/scenarios.md from the parameter registry. Usage: wijksim_scenario_docs [docs-folder]
#include <filesystem>
#include <iostream>

#include "sim/core/generated_docs.hpp"
#include "sim/scenario/reference.hpp"

int main(int argc, char** argv) {
  const std::filesystem::path docs = argc > 1 ? argv[1] : WIJKSIM_DOCS_DIR;
  try {
    wijksim::write_text_file(docs / "scenario.schema.json", wijksim::scenario_schema().dump(2) + "\n");
    const auto guide = docs / "scenarios.md";
    wijksim::write_text_file(guide, wijksim::with_generated_reference(wijksim::read_text_file(guide)));
  } catch (const std::exception& error) {
    std::cerr << "wijksim_scenario_docs: " << error.what() << "\n";
    return 1;
  }
  std::cout << "updated " << (docs / "scenario.schema.json").string() << " and "
            << (docs / "scenarios.md").string() << "\n";
  return 0;
}
