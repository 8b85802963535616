// wijksim_output_docs: rewrites docs/outputs.json and the generated output tables of
// docs/output-format.md from the output declarations. Usage: wijksim_output_docs [docs-folder]
#include <filesystem>

#include "sim/core/generated_docs.hpp"
#include "sim/metrics/output_docs.hpp"

int main(int argc, char** argv) {
  const std::filesystem::path docs = argc > 1 ? argv[1] : WIJKSIM_DOCS_DIR;
  return wijksim::regenerate_docs(
      "wijksim_output_docs", docs / "outputs.json", [] { return wijksim::outputs_json().dump(2) + "\n"; },
      docs / "output-format.md", [](const std::string& page) { return wijksim::with_generated_outputs(page); });
}
