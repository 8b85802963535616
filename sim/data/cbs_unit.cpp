// Resolving one unit: each part from the nearest row that has it, the share with a health
// limitation from the age mix, and the deprivation indicators from the parts that double as them.
#include "sim/data/cbs_unit.hpp"

#include "sim/data/cbs_buurten.hpp"

namespace wijksim::cbs {
namespace {

// A household count for the unit's own area (its code in a detail file) beats the estimate per
// dwelling of its own row: the dwelling stock includes vacant dwellings.
std::optional<double> household_size_of_area(const Chain& chain, const std::vector<SourceTable>& sources,
                                             std::array<Origin, kPartCount>& origins) {
  if (!chain.links.front().source->households_from_dwellings) return std::nullopt;
  Chain same_area;
  for (const Link& link : chain.links) {
    if (link.step == Step::same_code_in_detail && !link.source->households_from_dwellings) {
      same_area.links.push_back(link);
    }
  }
  if (same_area.links.empty()) return std::nullopt;
  Origin origin;
  auto size = resolve(same_area, sources, PartId::household_size, household_size_of, origin, nullptr);
  if (size) origins[static_cast<std::size_t>(PartId::household_size)] = origin;
  return size;
}

}  // namespace

UnitData resolve_unit(const std::vector<SourceTable>& sources, const KwbRegion& unit, std::vector<std::string>* notes) {
  Chain chain = chain_of(sources, unit);
  UnitData data;
  data.region = &unit;
  data.mismatches = std::move(chain.mismatches);
  Composition& composition = data.composition;
  const auto take = [&](PartId id, auto extract) {
    return resolve(chain, sources, id, extract, data.origins[static_cast<std::size_t>(id)], notes);
  };

  const double inhabitants = unit.has(KwbQuantity::inhabitants) ? unit.value(KwbQuantity::inhabitants) : 0.0;
  if (const auto own_adults = residents_15_plus_of(unit)) {
    data.residents_15_plus = *own_adults;
    data.origins[static_cast<std::size_t>(PartId::share_15_plus)] = {Step::own_row, 0};
  } else {
    data.residents_15_plus =
        inhabitants * take(PartId::share_15_plus, share_15_plus_of).value_or(kDefaultShareAged15Plus);
  }
  if (data.residents_15_plus <= 0) return data;

  if (auto age = take(PartId::age, age_of)) composition.age_group = *age;
  if (auto origin = take(PartId::migration, migration_of)) composition.migration_background = *origin;
  if (auto education = take(PartId::education, education_of)) {
    composition.education = *education;
    data.indicators[low_education] = (*education)[0];
  }
  if (auto tenure = take(PartId::tenure, tenure_of)) {
    composition.tenure = *tenure;
    data.indicators[social_rent] = (*tenure)[2];
  }
  if (auto low = take(PartId::low_income, low_income_of)) {
    composition.low_income = *low;
    data.indicators[low_income] = *low;
  }
  if (auto size = household_size_of_area(chain, sources, data.origins)) {
    composition.household_size = *size;
  } else if (auto size = take(PartId::household_size, household_size_of)) {
    composition.household_size = *size;
  }
  if (auto children = take(PartId::children, children_of)) composition.households_with_children = *children;
  if (auto assistance = take(PartId::social_assistance, social_assistance_of)) {
    data.indicators[social_assistance] = *assistance;
  }
  composition.health_limitation = health_limitation_share(composition.age_group);
  return data;
}

}  // namespace wijksim::cbs
