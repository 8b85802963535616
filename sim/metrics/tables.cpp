#include "sim/metrics/tables.hpp"

#include <string>

namespace wijksim {
namespace {

using Ints = std::vector<std::int64_t>;
using Doubles = std::vector<double>;
using Strings = std::vector<std::string>;

struct ColumnDef {
  const char* name;
  const char* description;
  Column empty;
};

Table make_table(const char* path, const char* description, const std::vector<ColumnDef>& defs) {
  Table t;
  t.path = path;
  t.description = description;
  for (const ColumnDef& d : defs) {
    t.column_names.emplace_back(d.name);
    t.column_descriptions.emplace_back(d.description);
    t.columns.push_back(d.empty);
  }
  return t;
}

}  // namespace

Table buurten_table(const Scenario& scenario) {
  Table t = make_table("buurten", "The buurten simulated, in the order of the by_buurt columns",
                       {{"code", "Buurt code", Strings{}},
                        {"name", "Buurt name", Strings{}},
                        {"wijk", "Wijk the buurt belongs to", Strings{}},
                        {"type", "Archetype, or cbs for buurten read from data", Strings{}},
                        {"residents", "Residents aged 15 and over simulated", Ints{}},
                        {"vulnerability", "Vulnerability, 0 vital to 1 most vulnerable", Doubles{}},
                        {"liveability_start", "Starting liveability, mean of the three parts", Doubles{}}});
  for (const BuurtSpec& b : scenario.buurten) {
    std::get<Strings>(t.columns[0]).push_back(b.code);
    std::get<Strings>(t.columns[1]).push_back(b.name);
    std::get<Strings>(t.columns[2]).push_back(b.wijk);
    std::get<Strings>(t.columns[3]).push_back(b.type);
    std::get<Ints>(t.columns[4]).push_back(b.residents);
    std::get<Doubles>(t.columns[5]).push_back(b.vulnerability);
    std::get<Doubles>(t.columns[6]).push_back((b.liveability[0] + b.liveability[1] + b.liveability[2]) / 3.0);
  }
  return t;
}

Table decisions_table() {
  return make_table("decisions", "Collective decisions: closed government processes and residents' budget rounds",
                    {{"replicate", "Replicate", Ints{}},
                     {"tick", "Tick of the decision", Ints{}},
                     {"buurt", "Index into the buurten table", Ints{}},
                     {"kind", "Ladder rung of the process, or residents_budget", Strings{}},
                     {"participants", "Residents whose voice went into the decision", Ints{}},
                     {"representativeness", "1 minus the education dissimilarity between participants and the buurt", Doubles{}},
                     {"input_used", "1 if the participants' input was used, 0 if it was neutralised", Ints{}}});
}

Table initiatives_table() {
  return make_table("initiatives", "Every initiative founded, with how it ended",
                    {{"replicate", "Replicate", Ints{}},
                     {"buurt", "Index into the buurten table", Ints{}},
                     {"founded_tick", "Tick it was founded", Ints{}},
                     {"ended_tick", "Tick it ended, -1 if still active at the horizon", Ints{}},
                     {"issue", "Issue type it was founded around", Strings{}},
                     {"outcome", "succeeded, dissolved, obstructed, refused_conditions or active", Strings{}},
                     {"peak_members", "Largest number of members at once", Ints{}},
                     {"response", "The municipality's answer to its request for support, or none", Strings{}}});
}

Table replicates_table(const std::vector<double>& matthew_index) {
  Table t = make_table("replicates", "Summary figures per replicate",
                       {{"replicate", "Replicate", Ints{}},
                        {"matthew_index", "Correlation across buurten between starting liveability and its change", Doubles{}}});
  for (std::size_t r = 0; r < matthew_index.size(); ++r) {
    std::get<Ints>(t.columns[0]).push_back(static_cast<std::int64_t>(r));
    std::get<Doubles>(t.columns[1]).push_back(matthew_index[r]);
  }
  return t;
}

Table concatenate(const std::vector<Table>& parts) {
  Table all = parts.front();
  for (std::size_t p = 1; p < parts.size(); ++p) {
    for (std::size_t c = 0; c < all.columns.size(); ++c) {
      std::visit([&](auto& into) {
        const auto& from = std::get<std::decay_t<decltype(into)>>(parts[p].columns[c]);
        into.insert(into.end(), from.begin(), from.end());
      }, all.columns[c]);
    }
  }
  return all;
}

}  // namespace wijksim
