#pragma once
// The nearest-detail order (docs/data.md, "Missing values and fallbacks"): the chain of rows a
// unit can draw a part from, nearest first, and `resolve`, which takes each part from the first
// row that has it and records where it came from.
#include <cstddef>
#include <string>
#include <type_traits>
#include <vector>

#include "sim/data/cbs_parts.hpp"

namespace wijksim::cbs {

// A code of one table year may cover a different area in another (wijken are redrawn); a detail
// row whose inhabitants differ more than this factor from the main row is not used.
inline constexpr double kSameAreaMaxRatio = 1.5;

// The steps of the nearest-detail order, nearest first.
enum class Step { own_row, same_code_in_detail, wijk_row, gemeente_row, gemeente_in_detail, model_default };

struct Link {
  const KwbRegion* row;
  const SourceTable* source;
  Step step;
};

// A detail row with the unit's code whose inhabitants say it is another area.
struct AreaMismatch {
  const SourceTable* source;
  double main_inhabitants;
  double detail_inhabitants;
};

struct Chain {
  std::vector<Link> links;  // the unit's own row first
  std::vector<AreaMismatch> mismatches;
};

Chain chain_of(const std::vector<SourceTable>& sources, const KwbRegion& unit);

// Where a unit's value of one part came from: a step and the index of its table in the sources.
struct Origin {
  Step step = Step::model_default;
  std::size_t table = 0;
  auto operator<=>(const Origin&) const = default;
};

// The label of an origin as in the notes and the fit table's `source` column.
std::string origin_label(const Origin& origin, const std::vector<SourceTable>& sources);

// The note when a unit's own row cannot give a part: why, and which row (or default) it took.
std::string fallback_note(const Chain& chain, PartId id, const Link* taken, const std::string& tried);
std::string describe(const Link& link);

template <class Extract>
auto extract_from(Extract extract, const KwbRegion& row, const SourceTable& source) {
  if constexpr (std::is_invocable_v<Extract, const KwbRegion&>) {
    return extract(row);
  } else {
    return extract(row, source);
  }
}

// The first link in the chain whose table has the part and whose row yields a value, with its
// origin. A note when the main file has the part but the unit's own row cannot give it; a part
// the main file lacks altogether is summarised once for all units instead.
template <class Extract>
auto resolve(const Chain& chain, const std::vector<SourceTable>& sources, PartId id, Extract extract, Origin& origin,
             std::vector<std::string>* notes) {
  const Link& own = chain.links.front();
  const bool note = notes != nullptr && own.source->has(id);
  std::string tried;
  for (std::size_t i = 0; i < chain.links.size(); ++i) {
    const Link& link = chain.links[i];
    if (!link.source->has(id)) continue;
    if (auto value = extract_from(extract, *link.row, *link.source)) {
      origin = {link.step, static_cast<std::size_t>(link.source - sources.data())};
      if (i > 0 && note) notes->push_back(fallback_note(chain, id, &link, tried));
      return value;
    }
    if (i > 0) tried += (tried.empty() ? "" : ", ") + describe(link);
  }
  origin = {Step::model_default, 0};
  if (note) notes->push_back(fallback_note(chain, id, nullptr, tried));
  return decltype(extract_from(extract, *own.row, *own.source)){};
}

}  // namespace wijksim::cbs
