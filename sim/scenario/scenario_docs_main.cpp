// wijksim_scenario_docs: rewrites docs/scenario.schema.json and the generated reference section
// of docs/scenarios.md from the parameter registry. Usage: wijksim_scenario_docs [docs-folder]
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "sim/scenario/reference.hpp"

namespace {

std::string read_file(const std::filesystem::path& file) {
  std::ifstream stream(file, std::ios::binary);
  if (!stream) throw std::runtime_error("cannot read " + file.string());
  std::ostringstream text;
  text << stream.rdbuf();
  return text.str();
}

void write_file(const std::filesystem::path& file, const std::string& text) {
  std::ofstream stream(file, std::ios::binary);
  stream << text;
  if (!stream) throw std::runtime_error("cannot write " + file.string());
}

}  // namespace

int main(int argc, char** argv) {
  const std::filesystem::path docs = argc > 1 ? argv[1] : WIJKSIM_DOCS_DIR;
  try {
    write_file(docs / "scenario.schema.json", wijksim::scenario_schema().dump(2) + "\n");
    const auto guide = docs / "scenarios.md";
    write_file(guide, wijksim::with_generated_reference(read_file(guide)));
  } catch (const std::exception& error) {
    std::cerr << "wijksim_scenario_docs: " << error.what() << "\n";
    return 1;
  }
  std::cout << "updated " << (docs / "scenario.schema.json").string() << " and "
            << (docs / "scenarios.md").string() << "\n";
  return 0;
}
