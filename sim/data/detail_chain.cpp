// Building a unit's chain of rows (own row, same code in detail files when plausibly the same
// area, wijk, gemeente, gemeente in detail files) and labelling where a part came from.
#include "sim/data/detail_chain.hpp"

#include <algorithm>
#include <cmath>

namespace wijksim::cbs {
namespace {

using Q = KwbQuantity;

bool plausibly_same_area(const KwbRegion& main, const KwbRegion& detail) {
  const double a = main.value(Q::inhabitants);
  const double b = detail.value(Q::inhabitants);
  if (std::isnan(a) || std::isnan(b)) return false;
  if (a == b) return true;
  return std::min(a, b) > 0 && std::max(a, b) / std::min(a, b) <= kSameAreaMaxRatio;
}

std::string why_unusable(const KwbRegion& row, const Part& part) {
  const bool suppressed = std::any_of(part.needs.begin(), part.needs.end(), [&](Q q) { return !row.has(q); });
  return suppressed ? "suppressed" : "zero total";
}

}  // namespace

Chain chain_of(const std::vector<SourceTable>& sources, const KwbRegion& unit) {
  const SourceTable& main = sources.front();
  const std::string gemeente = parent_gemeente_code(unit.code);
  Chain chain{{{&unit, &main, Step::own_row}}, {}};
  for (auto detail = sources.begin() + 1; detail != sources.end(); ++detail) {
    const KwbRegion* row = detail->table->find(unit.code);
    if (row == nullptr) continue;
    if (plausibly_same_area(unit, *row)) {
      chain.links.push_back({row, &*detail, Step::same_code_in_detail});
    } else {
      chain.mismatches.push_back({&*detail, unit.value(Q::inhabitants), row->value(Q::inhabitants)});
    }
  }
  const std::string wijk = parent_wijk_code(unit.code);
  if (const KwbRegion* row = wijk.empty() ? nullptr : main.table->find(wijk)) {
    chain.links.push_back({row, &main, Step::wijk_row});
  }
  if (const KwbRegion* row = gemeente.empty() ? nullptr : main.table->find(gemeente)) {
    chain.links.push_back({row, &main, Step::gemeente_row});
  }
  for (auto detail = sources.begin() + 1; detail != sources.end(); ++detail) {
    if (const KwbRegion* row = gemeente.empty() ? nullptr : detail->table->find(gemeente)) {
      chain.links.push_back({row, &*detail, Step::gemeente_in_detail});
    }
  }
  return chain;
}

std::string describe(const Link& link) {
  return link.step == Step::same_code_in_detail || link.step == Step::gemeente_in_detail
             ? link.row->code + " in " + link.source->name
             : link.row->code;
}

std::string fallback_note(const Chain& chain, PartId id, const Link* taken, const std::string& tried) {
  const Link& own = chain.links.front();
  const Part& part = own.source->part(id);
  const std::string head = own.row->code + " " + std::string(part.name) + ": " + why_unusable(*own.row, part);
  if (taken != nullptr) return head + ", took " + describe(*taken);
  return head + (tried.empty() ? "" : ", also in " + tried) + ", took the model default";
}

std::string origin_label(const Origin& origin, const std::vector<SourceTable>& sources) {
  const std::string& name = sources[origin.table].name;
  switch (origin.step) {
    case Step::own_row: return "own row";
    case Step::same_code_in_detail: return "same code in " + name;
    case Step::wijk_row: return "wijk row";
    case Step::gemeente_row: return "gemeente row";
    case Step::gemeente_in_detail: return "gemeente in " + name;
    case Step::model_default: return "model default";
  }
  return "";
}

}  // namespace wijksim::cbs
