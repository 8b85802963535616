// wijksim_output_docs: rewrites docs/outputs.json and the generated output tables of
// docs/output-format.md from the output declarations. Usage: wijksim_output_docs [docs-folder]
#include <filesystem>
#include <iostream>

#include "sim/core/generated_docs.hpp"
#include "sim/metrics/output_docs.hpp"

int main(int argc, char** argv) {
  const std::filesystem::path docs = argc > 1 ? argv[1] : WIJKSIM_DOCS_DIR;
  try {
    wijksim::write_text_file(docs / "outputs.json", wijksim::outputs_json().dump(2) + "\n");
    const auto page = docs / "output-format.md";
    wijksim::write_text_file(page, wijksim::with_generated_outputs(wijksim::read_text_file(page)));
  } catch (const std::exception& error) {
    std::cerr << "wijksim_output_docs: " << error.what() << "\n";
    return 1;
  }
  std::cout << "updated " << (docs / "outputs.json").string() << " and " << (docs / "output-format.md").string()
            << "\n";
  return 0;
}
