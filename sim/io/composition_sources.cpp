// Shares of residents per marginal and source of the fit table, weighted by the buurten's
// residents; each buurt counts once per marginal.
#include "sim/io/composition_sources.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <unordered_map>
#include <variant>
#include <vector>

namespace wijksim {
namespace {

using Strings = std::vector<std::string>;
using Ints = std::vector<std::int64_t>;

const Column* column_named(const Table& table, const std::string& name) {
  const auto it = std::find(table.column_names.begin(), table.column_names.end(), name);
  return it == table.column_names.end() ? nullptr : &table.columns[static_cast<std::size_t>(it - table.column_names.begin())];
}

// The kind of a source label, in the nearest-detail order of docs/data.md.
std::string kind_of(const std::string& source) {
  if (source == "own row" || source.starts_with("same code in ")) return "own unit";
  if (source == "wijk row") return "wijk";
  if (source == "gemeente row" || source.starts_with("gemeente in ")) return "gemeente";
  if (source == "model default") return "model default";
  return source;  // "assumed rates by age", "scenario"
}

// Each fit row's buurt as a key into the residents weights.
std::vector<std::string> buurt_keys(const Column& buurt) {
  std::vector<std::string> keys;
  if (const auto* indices = std::get_if<Ints>(&buurt)) {
    for (std::int64_t index : *indices) keys.push_back("#" + std::to_string(index));
  } else if (const auto* codes = std::get_if<Strings>(&buurt)) {
    keys = *codes;
  }
  return keys;
}

std::unordered_map<std::string, double> residents_by_key(const Table* buurten) {
  std::unordered_map<std::string, double> weights;
  if (buurten == nullptr) return weights;
  const Column* residents = column_named(*buurten, "residents");
  const Column* codes = column_named(*buurten, "code");
  const auto* counts = residents ? std::get_if<Ints>(residents) : nullptr;
  if (counts == nullptr) return weights;
  const auto* code_strings = codes ? std::get_if<Strings>(codes) : nullptr;
  for (std::size_t row = 0; row < counts->size(); ++row) {
    weights["#" + std::to_string(row)] = static_cast<double>((*counts)[row]);
    if (code_strings && row < code_strings->size()) weights[(*code_strings)[row]] = static_cast<double>((*counts)[row]);
  }
  return weights;
}

std::string percent(double share) {
  char text[16];
  std::snprintf(text, sizeof text, "%.1f%%", 100.0 * share);
  return text;
}

std::string shares_text(const std::map<std::string, double>& weights, double total) {
  std::vector<std::pair<std::string, double>> sorted(weights.begin(), weights.end());
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  std::string text;
  for (const auto& [label, weight] : sorted) text += (text.empty() ? "" : ", ") + percent(weight / total) + " " + label;
  return text;
}

}  // namespace

std::string composition_sources_text(const Table& fit, const Table* buurten) {
  const Column* buurt = column_named(fit, "buurt");
  const Column* marginal = column_named(fit, "marginal");
  const Column* source = column_named(fit, "source");
  const auto* sources = source ? std::get_if<Strings>(source) : nullptr;
  const auto* marginals = marginal ? std::get_if<Strings>(marginal) : nullptr;
  if (buurt == nullptr || sources == nullptr) return "";
  if (std::all_of(sources->begin(), sources->end(), [](const std::string& s) { return s == "scenario"; })) return "";
  const std::vector<std::string> keys = buurt_keys(*buurt);
  const std::unordered_map<std::string, double> residents = residents_by_key(buurten);
  const bool weighted = !residents.empty();

  struct Sums {
    std::map<std::string, double> by_kind, by_source;
    double total = 0;
  };
  std::vector<std::string> order;
  std::map<std::string, Sums> per_marginal;
  std::set<std::pair<std::string, std::string>> counted;  // (marginal, buurt)
  for (std::size_t row = 0; row < sources->size() && row < keys.size(); ++row) {
    const std::string name = marginals && row < marginals->size() ? (*marginals)[row] : "all marginals";
    if (!counted.insert({name, keys[row]}).second) continue;
    if (!per_marginal.contains(name)) order.push_back(name);
    const auto weight_it = residents.find(keys[row]);
    const double weight = weighted ? (weight_it == residents.end() ? 0.0 : weight_it->second) : 1.0;
    Sums& sums = per_marginal[name];
    sums.by_kind[kind_of((*sources)[row])] += weight;
    sums.by_source[(*sources)[row]] += weight;
    sums.total += weight;
  }
  std::string text = std::string("  composition  share of ") + (weighted ? "residents" : "units") +
                     " per marginal by source (column source of /tables/fit):\n";
  for (const std::string& name : order) {
    const Sums& sums = per_marginal[name];
    if (sums.total <= 0) continue;
    std::string padded = name;
    padded.resize(std::max<std::size_t>(padded.size() + 1, 26), ' ');
    text += "    " + padded + shares_text(sums.by_kind, sums.total) + "\n";
    const bool labels_say_more = std::any_of(sums.by_source.begin(), sums.by_source.end(),
                                             [](const auto& entry) { return kind_of(entry.first) != entry.first; });
    if (labels_say_more) {
      text += "    " + std::string(padded.size(), ' ') + "(" + shares_text(sums.by_source, sums.total) + ")\n";
    }
  }
  return text;
}

}  // namespace wijksim
