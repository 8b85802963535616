// The JSON Schema and the markdown reference tables, both generated from the parameter registry.
#include "sim/scenario/reference.hpp"

#include <cmath>
#include <map>
#include <stdexcept>

#include "sim/core/generated_docs.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/scenario/parameter_walk.hpp"
#include "sim/scenario/parameters.hpp"
#include "sim/scenario/roles.hpp"

namespace wijksim {
namespace {

using nlohmann::ordered_json;

constexpr const char* kBeginMarker =
    "<!-- BEGIN GENERATED REFERENCE: written by wijksim_scenario_docs, do not edit by hand -->";
constexpr const char* kEndMarker = "<!-- END GENERATED REFERENCE -->";

// ---- JSON Schema ----

ordered_json empty_object_schema() {
  return {{"type", "object"},
          {"additionalProperties", false},
          {"properties", ordered_json::object()}};
}

// The schema node of the object at `keys`, created on the way.
ordered_json& object_node(ordered_json& root, const std::vector<std::string>& keys) {
  ordered_json* node = &root;
  for (const auto& key : keys) {
    ordered_json& child = (*node)["properties"][key];
    if (child.is_null()) child = empty_object_schema();
    node = &child;
  }
  return *node;
}

template <class Target>
ordered_json table_schema(const ParameterTable<Target>& table, bool with_defaults,
                          const std::map<std::string, ordered_json>& nested) {
  ordered_json root = empty_object_schema();
  Target defaults{};
  for (const auto& parameter : table.parameters) {
    std::vector<std::string> keys = split_path(parameter.path);
    const std::string leaf = keys.back();
    keys.pop_back();
    ordered_json& parent = object_node(root, keys);
    ordered_json schema = value_schema(parameter);
    if (parameter.required) {
      parent["required"].push_back(leaf);
    } else if (with_defaults) {
      schema["default"] = parameter.read(defaults);
    }
    parent["properties"][leaf] = std::move(schema);
  }
  for (const auto& [path, schema] : nested) {
    std::vector<std::string> keys = split_path(path);
    const std::string leaf = keys.back();
    keys.pop_back();
    object_node(root, keys)["properties"][leaf] = schema;
  }
  return root;
}

ordered_json levers_schema(const std::string& description) {
  ordered_json schema = table_schema(parameters_of<Levers>(), false, {});
  schema["description"] = description;
  return schema;
}

// ---- markdown ----

std::string code(const std::string& text) { return "`" + text + "`"; }

template <class Target>
std::string range_text(const Parameter<Target>& parameter) {
  switch (parameter.kind) {
    case ValueKind::number:
    case ValueKind::integer: {
      const bool has_min = std::isfinite(parameter.min);
      const bool has_max = std::isfinite(parameter.max);
      if (has_min && has_max) {
        return format_number(parameter.min) + " to " + format_number(parameter.max);
      }
      if (has_min) return ">= " + format_number(parameter.min);
      if (has_max) return "<= " + format_number(parameter.max);
      return "any";
    }
    case ValueKind::boolean: return "true or false";
    case ValueKind::text: return "text";
    case ValueKind::text_list: return "list of text";
    case ValueKind::choice: {
      std::string text;
      for (const auto& name : parameter.choices) text += (text.empty() ? "" : ", ") + code(name);
      return text;
    }
  }
  return "";
}

std::string value_text(const nlohmann::json& value) { return code(value.dump()); }

std::string markdown_row(const std::vector<std::string>& cells) {
  std::string row = "|";
  for (const auto& cell : cells) row.append(" ").append(cell).append(" |");
  return row + "\n";
}

std::string heading(const std::string& title) { return "\n### " + title + "\n\n"; }

constexpr const char* kTableHeader = "| key | default | range | meaning |\n|---|---|---|---|\n";

template <class Target>
std::string parameter_row(const Parameter<Target>& parameter, Target& defaults) {
  const std::string default_text =
      parameter.required ? "required" : value_text(parameter.read(defaults));
  return markdown_row({code(parameter.path), default_text, range_text(parameter), parameter.description});
}

template <class Target>
std::string single_table(const ParameterTable<Target>& table) {
  Target defaults{};
  std::string text = kTableHeader;
  for (const auto& parameter : table.parameters) text += parameter_row(parameter, defaults);
  return text;
}

// One table per first key of the path ("behaviour", ...); keys without a dot go under `top_title`.
template <class Target>
std::string sectioned_tables(const ParameterTable<Target>& table, const std::string& top_title) {
  std::vector<std::string> sections;
  std::map<std::string, std::string> rows;
  Target defaults{};
  for (const auto& parameter : table.parameters) {
    const std::size_t dot = parameter.path.find('.');
    const std::string section = dot == std::string::npos ? top_title : parameter.path.substr(0, dot);
    if (!rows.count(section)) sections.push_back(section);
    rows[section] += parameter_row(parameter, defaults);
  }
  std::string text;
  for (const auto& section : sections) text += heading(section) + kTableHeader + rows[section];
  return text;
}

std::string lever_table() {
  std::string text = "| key | range | meaning |\n|---|---|---|\n";
  for (const auto& parameter : parameters_of<Levers>().parameters) {
    text += markdown_row({code(parameter.path), range_text(parameter), parameter.description});
  }
  return text;
}

std::string role_preset_table() {
  struct Column {
    std::string title;
    Levers levers;
  };
  std::vector<Column> columns;
  for (std::size_t r = 0; r < kRoleNames.size(); ++r) {
    const auto role = static_cast<Role>(r);
    const std::string title = role == Role::kaleidoscopic ? "kaleidoscopic (below threshold)" : kRoleNames[r];
    columns.push_back({title, preset_levers(role)});
  }
  columns.push_back({"kaleidoscopic (at or above threshold)", kaleidoscopic_vulnerable_levers()});

  std::vector<std::string> header{"lever"};
  for (const auto& column : columns) header.push_back(column.title);
  std::string text = markdown_row(header);
  text += markdown_row(std::vector<std::string>(header.size(), "---"));
  for (const auto& parameter : parameters_of<Levers>().parameters) {
    std::vector<std::string> cells{code(parameter.path)};
    for (auto& column : columns) cells.push_back(value_text(parameter.read(column.levers)));
    text += markdown_row(cells);
  }
  return text;
}

}  // namespace

// The schema sees one file, not the chain it extends: a file that extends a CBS scenario may change
// only its scale, so cbs.file is not required here; the loader requires it of the merged scenario.
ordered_json cbs_schema() {
  ordered_json schema = table_schema(parameters_of<CbsSelection>(), true, {});
  schema.erase("required");
  ordered_json& file = schema["properties"]["file"];
  file["description"] = file["description"].get<std::string>() + " (required, here or in the file this one extends)";
  return schema;
}

ordered_json scenario_schema() {
  const ordered_json buurt_type = table_schema(parameters_of<BuurtType>(), true, {});
  const std::map<std::string, ordered_json> nested{
      {"municipality.buurt_types",
       {{"type", "array"},
        {"description", "archetypes of the synthetic municipality; not together with cbs, except as the "
                        "empty list with which a file that extends an archetype scenario switches to cbs"},
        {"items", buurt_type}}},
      {"municipality.cbs", cbs_schema()},
      {"issue_events",
       {{"type", "array"},
        {"description", "issues that arise at a given week in chosen buurten (e.g. a school closing)"},
        {"items", table_schema(parameters_of<IssueEvent>(), true, {})}}},
      {"government.levers",
       levers_schema("overrides of the role preset's levers (kaleidoscopic: of both plans)")},
      {"government.vulnerable_levers",
       levers_schema("kaleidoscopic only: overrides of the plan for vulnerable buurten")},
  };
  ordered_json body = table_schema(parameters_of<Scenario>(), true, nested);
  body["properties"]["municipality"]["not"] = {
      {"required", {"buurt_types", "cbs"}}, {"properties", {{"buurt_types", {{"minItems", 1}}}}}};

  ordered_json schema;
  schema["$schema"] = "https://json-schema.org/draft/2020-12/schema";
  schema["title"] = "wijksim scenario";
  schema["description"] =
      "A wijksim scenario file; see docs/scenarios.md. Shares within a group must sum to 1.";
  schema["type"] = "object";
  schema["additionalProperties"] = false;
  schema["properties"]["extends"] = {
      {"type", "string"},
      {"description", "scenario file this one builds on, relative to this file"}};
  for (auto& [key, value] : body["properties"].items()) schema["properties"][key] = value;
  return schema;
}

std::string scenario_reference_markdown() {
  std::string text;
  text += sectioned_tables(parameters_of<Scenario>(), "Run settings");
  text += heading("municipality.buurt_types (each archetype)");
  text += "Keys of one element of the `buurt_types` list.\n\n";
  text += single_table(parameters_of<BuurtType>());
  text += heading("municipality.cbs");
  text += single_table(parameters_of<CbsSelection>());
  text += heading("issue_events (each event)");
  text += "Keys of one element of the `issue_events` list: an issue that arises at a given week, "
          "on top of the issues that arise by chance.\n\n";
  text += single_table(parameters_of<IssueEvent>());
  text += heading("government.levers and government.vulnerable_levers");
  text += "A lever you leave out keeps the value of the role preset (next table).\n\n";
  text += lever_table();
  text += heading("Role presets");
  text += "The lever values of each role before a scenario overrides them "
          "(generated from sim/scenario/roles.cpp).\n\n";
  text += role_preset_table();
  return text;
}

std::string with_generated_reference(const std::string& document) {
  return with_generated_section(document, kBeginMarker, kEndMarker, scenario_reference_markdown());
}

}  // namespace wijksim
