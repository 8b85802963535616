// Wording of the notes about CBS files and sources; counts are written with thousands separators.
#include "sim/data/cbs_notes.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

#include "sim/data/cbs_buurten.hpp"

namespace wijksim::cbs {
namespace {

using Q = KwbQuantity;

// Mismatched codes listed by name in the note; the rest are counted.
constexpr std::size_t kMismatchesNamed = 10;

std::string missing_columns(const SourceTable& source, const Part& part) {
  std::string missing;
  for (Q q : part.needs) {
    if (source.table->has(q)) continue;
    const std::string_view key = source.table->layout->column(q);
    missing += (missing.empty() ? "" : ", ") + std::string(key.empty() ? kwb_quantity_name(q) : key);
  }
  return missing;
}

std::string with_thousands(std::size_t count) {
  const std::string digits = std::to_string(count);
  std::string text;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) text += ',';
    text += digits[i];
  }
  return text;
}

std::string inhabitants_text(double inhabitants) {
  return std::isnan(inhabitants) ? "no count" : with_thousands(static_cast<std::size_t>(std::lround(inhabitants)));
}

std::string factor_text(double factor) {
  std::ostringstream text;
  text << factor;
  return text.str();
}

}  // namespace

void note_main_file(const std::vector<SourceTable>& sources, RegionLevel unit_level, std::vector<std::string>& notes) {
  const SourceTable& main = sources.front();
  const KwbTable& table = *main.table;
  notes.push_back(table.file + ": KWB table " + std::string(table.layout->table_id) + " (" +
                  std::to_string(table.layout->year) + "), one unit per " + std::string(region_level_name(unit_level)));
  if (main.households_from_dwellings) {
    notes.push_back(table.file + ": no household count; household size is residents 15+ per dwelling (" +
                    std::string(table.layout->column(Q::dwellings)) + "), a little low as vacant dwellings count");
  }
  for (std::size_t p = 0; p < kPartCount; ++p) {
    const PartId id = static_cast<PartId>(p);
    if (main.has(id)) continue;
    const std::string last_resort = id == PartId::share_15_plus
                                        ? "national share " + std::to_string(kDefaultShareAged15Plus)
                                        : std::string("model default");
    notes.push_back(table.file + ": no " + std::string(main.part(id).name) + " columns (" +
                    missing_columns(main, main.part(id)) + "); every unit uses the " +
                    (any_source_has(sources, id) ? "nearest detail file that has it, else the " : "") + last_resort);
  }
}

void note_detail_files(const std::vector<SourceTable>& sources, std::vector<std::string>& notes) {
  for (auto detail = sources.begin() + 1; detail != sources.end(); ++detail) {
    const KwbTable& table = *detail->table;
    std::string lacking;
    for (std::size_t p = 0; p < kPartCount; ++p) {
      if (!detail->has(static_cast<PartId>(p))) lacking += (lacking.empty() ? "" : ", ") + std::string(detail->parts[p].name);
    }
    notes.push_back(table.file + ": detail, KWB table " + std::string(table.layout->table_id) + " (" +
                    std::to_string(table.layout->year) + "), " + std::to_string(table.regions.size()) + " regions" +
                    (lacking.empty() ? "" : "; has no " + lacking));
  }
}

std::string composition_sources_note(const std::vector<const UnitData*>& kept, const std::vector<SourceTable>& sources,
                                     RegionLevel unit_level) {
  std::vector<std::pair<std::map<Origin, std::size_t>, std::string>> groups;
  for (std::size_t p = 0; p < kPartCount; ++p) {
    std::map<Origin, std::size_t> counts;
    for (const UnitData* unit : kept) ++counts[unit->origins[p]];
    const auto same = std::find_if(groups.begin(), groups.end(), [&](const auto& group) { return group.first == counts; });
    const std::string name(sources.front().parts[p].name);
    if (same == groups.end()) {
      groups.emplace_back(std::move(counts), name);
    } else {
      same->second += ", " + name;
    }
  }
  std::string note =
      "composition sources for " + with_thousands(kept.size()) + " " + std::string(region_level_plural(unit_level));
  for (const auto& [counts, names] : groups) {
    note += "; " + names + ":";
    std::string separator = " ";
    for (const auto& [origin, count] : counts) {
      note += separator + with_thousands(count) + " " + origin_label(origin, sources);
      separator = ", ";
    }
  }
  return note;
}

std::vector<std::string> area_mismatch_notes(const std::vector<const UnitData*>& kept,
                                             const std::vector<SourceTable>& sources) {
  std::vector<std::string> notes;
  for (std::size_t d = 1; d < sources.size(); ++d) {
    std::string named;
    std::size_t count = 0;
    for (const UnitData* unit : kept) {
      for (const AreaMismatch& mismatch : unit->mismatches) {
        if (mismatch.source != &sources[d]) continue;
        if (++count > kMismatchesNamed) continue;
        named += (named.empty() ? "" : ", ") + unit->region->code + " (" +
                 inhabitants_text(mismatch.main_inhabitants) + " against " +
                 inhabitants_text(mismatch.detail_inhabitants) + ")";
      }
    }
    if (count == 0) continue;
    notes.push_back(sources[d].table->file + ": " + with_thousands(count) +
                    " codes of the main file hold a different number of inhabitants here (more than a factor " +
                    factor_text(kSameAreaMaxRatio) + " apart, so another area), not used: " + named +
                    (count > kMismatchesNamed ? " and " + with_thousands(count - kMismatchesNamed) + " more" : ""));
  }
  return notes;
}

}  // namespace wijksim::cbs
