#pragma once
// Helpers shared by the scenario tests: a temporary folder for scenario files and a way to catch
// the InputError a call throws.
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include <catch.hpp>

#include "sim/scenario/input_error.hpp"

namespace wijksim::testing {

class TempFolder {
 public:
  TempFolder() {
    std::random_device entropy;
    path_ = std::filesystem::temp_directory_path() /
            ("wijksim-scenario-test-" + std::to_string(entropy()));
    std::filesystem::create_directories(path_);
  }
  ~TempFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;

  std::filesystem::path write(const std::string& name, const std::string& text) const {
    const auto file = path_ / name;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file) << text;
    return file;
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// A municipality of one small archetype, for scenarios that test something else.
inline const char* kOneBuurtType = R"("municipality": {"buurt_types": [{"name": "plain"}]})";

template <class Call>
InputError input_error_from(Call call) {
  try {
    call();
  } catch (const InputError& error) {
    return error;
  }
  FAIL("expected an InputError");
  throw std::logic_error("unreachable");
}

}  // namespace wijksim::testing
