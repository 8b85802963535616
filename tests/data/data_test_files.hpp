#pragma once
// Helpers for the data tests: writing hand-made KWB files to a temporary folder, and locating
// the real CBS files in the shared data folder (the tests that need them skip when absent).
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace wijksim::test {

inline std::string write_temp_file(const std::string& name, const std::string& text) {
  const std::filesystem::path folder = std::filesystem::temp_directory_path() / "wijksim_test_data";
  std::filesystem::create_directories(folder);
  const std::filesystem::path path = folder / name;
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

inline std::string shared_cbs_file(const std::string& name) {
  return std::string(WIJKSIM_SHARED_DIR) + "/data/cbs-kwb/" + name;
}

inline bool have_shared_cbs_file(const std::string& name) {
  return std::filesystem::exists(shared_cbs_file(name));
}

}  // namespace wijksim::test

// Skips the rest of a test case, with a visible warning, when a real CBS file is not present.
#define REQUIRE_SHARED_CBS_FILE(name)                                                         \
  do {                                                                                        \
    if (!wijksim::test::have_shared_cbs_file(name)) {                                         \
      WARN("SKIPPED: real CBS file not found: " << wijksim::test::shared_cbs_file(name));     \
      return;                                                                                 \
    }                                                                                         \
  } while (false)

namespace wijksim::test {

// A KWB 2019 (84583NED) file as CBS writes it: BOM, every field quoted and padded to width 10.
inline std::string kwb2019_csv(const std::vector<std::vector<std::string>>& rows) {
  const std::vector<std::string> header{
      "WijkenEnBuurten",           "SoortRegio_2",
      "AantalInwoners_5",          "k_0Tot15Jaar_8",
      "k_15Tot25Jaar_9",           "k_25Tot45Jaar_10",
      "k_45Tot65Jaar_11",          "k_65JaarOfOuder_12",
      "WestersTotaal_17",          "NietWestersTotaal_18",
      "HuishoudensTotaal_28",      "HuishoudensMetKinderen_31",
      "Koopwoningen_40",           "InBezitWoningcorporatie_42",
      "InBezitOverigeVerhuurders_43", "OpleidingsniveauLaag_64",
      "OpleidingsniveauMiddelbaar_65", "OpleidingsniveauHoog_66",
      "HuishoudensMetEenLaagInkomen_78", "PersonenPerSoortUitkeringBijstand_83"};
  const auto quoted_line = [](const std::vector<std::string>& fields, bool pad) {
    std::string line;
    for (std::size_t i = 0; i < fields.size(); ++i) {
      std::string field = fields[i];
      if (pad && field.size() < 10) field = (i < 2 ? field + std::string(10 - field.size(), ' ')
                                                   : std::string(10 - field.size(), ' ') + field);
      line += (i ? ";\"" : "\"") + field + "\"";
    }
    return line + "\r\n";
  };
  std::string text = "\xEF\xBB\xBF" + quoted_line(header, false);
  for (const auto& row : rows) text += quoted_line(row, true);
  return text;
}

}  // namespace wijksim::test
