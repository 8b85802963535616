// Command-line settings: KEY.PATH=VALUE text -> a JSON value at a dotted path of the scenario.
#include "sim/scenario/settings.hpp"

#include <algorithm>

#include "sim/scenario/input_error.hpp"
#include "sim/scenario/load.hpp"

namespace wijksim {
namespace {

using nlohmann::json;

const char* kSettingForm = "KEY.PATH=VALUE, e.g. government.levers.community_worker_hours_per_1000=10";

// "a.b[0].c" -> "a.b.0.c": the form of the loader's messages is accepted as well.
std::string dotted(std::string_view path) {
  std::string text;
  for (const char c : path) {
    if (c == '[') {
      text += '.';
    } else if (c != ']') {
      text += c;
    }
  }
  return text;
}

// The loader's messages write list items as "[0]"; settings are compared in dotted form.
bool on_the_way(const std::string& error_path, const std::string& setting_path) {
  const std::string error = dotted(error_path);
  const auto below = [](const std::string& longer, const std::string& prefix) {
    return longer.compare(0, prefix.size(), prefix) == 0 &&
           (longer.size() == prefix.size() || longer[prefix.size()] == '.');
  };
  return !error.empty() && (below(error, setting_path) || below(setting_path, error));
}

const Setting* setting_behind(const InputError& error, const std::vector<Setting>& settings) {
  // The last setting of a path is the one in force.
  const auto found = std::find_if(settings.rbegin(), settings.rend(), [&](const Setting& s) {
    return on_the_way(error.json_path(), s.path);
  });
  return found == settings.rend() ? nullptr : &*found;
}

InputError naming_setting(const InputError& error, const Setting& setting, const std::string& source_file) {
  InputErrorDetails details = error.details();
  details.file = setting.origin + " (on " + source_file + ")";
  return InputError(std::move(details));
}

}  // namespace

Setting parse_setting(std::string_view assignment) {
  const std::size_t equals = assignment.find('=');
  const std::string text(assignment);
  if (equals == std::string_view::npos || equals == 0) {
    throw InputError({.file = "--set " + text,
                      .expected = kSettingForm,
                      .found = equals == 0 ? "no key before '='" : "no '='"});
  }
  Setting setting{dotted(assignment.substr(0, equals)), json(), "--set " + text};
  const std::string value(assignment.substr(equals + 1));
  // Numbers, booleans, lists and quoted strings are JSON; any other text is a string, so that
  // government.role=inviting needs no quotes.
  setting.value = json::parse(value, nullptr, false);
  if (setting.value.is_discarded()) setting.value = value;
  return setting;
}

std::vector<Setting> parse_settings(const std::vector<std::string>& assignments) {
  std::vector<Setting> settings;
  for (const std::string& assignment : assignments) settings.push_back(parse_setting(assignment));
  return settings;
}

json apply_settings(json merged, const std::vector<Setting>& settings) {
  for (const Setting& setting : settings) {
    try {
      merged = apply_override(std::move(merged), setting.path, setting.value);
    } catch (const InputError& error) {
      InputErrorDetails details = error.details();
      details.file = setting.origin;
      throw InputError(std::move(details));
    }
  }
  return merged;
}

Scenario scenario_with_settings(const json& merged, const std::vector<Setting>& settings,
                                const std::string& source_file) {
  const json applied = apply_settings(merged, settings);
  try {
    return scenario_from_json(applied, source_file);
  } catch (const InputError& error) {
    const Setting* setting = setting_behind(error, settings);
    if (setting == nullptr) throw;
    throw naming_setting(error, *setting, source_file);
  }
}

Scenario load_scenario(const std::filesystem::path& file, const std::vector<Setting>& settings) {
  return scenario_with_settings(read_scenario_json(file), settings, file.lexically_normal().string());
}

}  // namespace wijksim
