// Column keys of KWB 2019 (84583NED) and KWB 2024 (85984NED), and recognising which one a
// file holds. Keys were read from the tables' headers and the 85984NED DataProperties codebook.
#include "sim/data/kwb_layout.hpp"

#include <algorithm>

#include "sim/data/data_error.hpp"

namespace wijksim {
namespace {

constexpr std::array<std::string_view, kKwbQuantityCount> kQuantityNames{
    "inhabitants",        "age_0_14",         "age_15_24",
    "age_25_44",          "age_45_64",        "age_65_plus",
    "origin_dutch",       "origin_western",   "origin_non_western",
    "households",         "households_with_children",
    "owner_occupied_pct", "social_rent_pct",  "private_rent_pct",
    "education_low",      "education_middle", "education_high",
    "low_income_households_pct", "social_assistance", "dwellings"};

std::vector<KwbLayout> make_layouts() {
  KwbLayout kwb2019{"84583NED",
                    2019,
                    {"AantalInwoners_5", "k_0Tot15Jaar_8", "k_15Tot25Jaar_9", "k_25Tot45Jaar_10",
                     "k_45Tot65Jaar_11", "k_65JaarOfOuder_12", "", "WestersTotaal_17",
                     "NietWestersTotaal_18", "HuishoudensTotaal_28", "HuishoudensMetKinderen_31",
                     "Koopwoningen_40",
                     "InBezitWoningcorporatie_42", "InBezitOverigeVerhuurders_43",
                     "OpleidingsniveauLaag_64", "OpleidingsniveauMiddelbaar_65",
                     "OpleidingsniveauHoog_66", "HuishoudensMetEenLaagInkomen_78",
                     "PersonenPerSoortUitkeringBijstand_83", "Woningvoorraad_34"},
                    {"Bevolkingsdichtheid_33"}};
  KwbLayout kwb2024{"85984NED",
                    2024,
                    {"AantalInwoners_5", "k_0Tot15Jaar_8", "k_15Tot25Jaar_9", "k_25Tot45Jaar_10",
                     "k_45Tot65Jaar_11", "k_65JaarOfOuder_12", "Nederland_17",
                     "EuropaExclusiefNederland_18", "BuitenEuropa_19", "HuishoudensTotaal_29",
                     "HuishoudensMetKinderen_32",
                     "Koopwoningen_47", "InBezitWoningcorporatie_49",
                     "InBezitOverigeVerhuurders_50", "BasisonderwijsVmboMbo1_75", "HavoVwoMbo24_76",
                     "HboWo_77", "HuishoudensMetEenLaagInkomen_89",
                     "PersonenPerSoortUitkeringBijstand_94", "Woningvoorraad_35"},
                    {"Bevolkingsdichtheid_34"}};
  return {kwb2019, kwb2024};
}

bool contains(const std::vector<std::string>& keys, std::string_view key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

bool key_in_layout(const KwbLayout& layout, std::string_view key) {
  return std::find(layout.columns.begin(), layout.columns.end(), key) != layout.columns.end() ||
         std::find(layout.extra_signature.begin(), layout.extra_signature.end(), key) !=
             layout.extra_signature.end();
}

// The keys of `layout` that no other known layout uses.
std::vector<std::string_view> distinctive_keys(const KwbLayout& layout) {
  std::vector<std::string_view> keys;
  auto consider = [&](std::string_view key) {
    if (key.empty()) return;
    for (const KwbLayout& other : known_kwb_layouts()) {
      if (&other != &layout && key_in_layout(other, key)) return;
    }
    keys.push_back(key);
  };
  for (std::string_view key : layout.columns) consider(key);
  for (std::string_view key : layout.extra_signature) consider(key);
  return keys;
}

}  // namespace

std::string_view kwb_quantity_name(KwbQuantity quantity) {
  return kQuantityNames[static_cast<std::size_t>(quantity)];
}

KwbUnit kwb_quantity_unit(KwbQuantity quantity) {
  switch (quantity) {
    case KwbQuantity::owner_occupied_pct:
    case KwbQuantity::social_rent_pct:
    case KwbQuantity::private_rent_pct:
    case KwbQuantity::low_income_households_pct:
      return KwbUnit::percent;
    default:
      return KwbUnit::count;
  }
}

const std::vector<KwbLayout>& known_kwb_layouts() {
  static const std::vector<KwbLayout> layouts = make_layouts();
  return layouts;
}

const KwbLayout& detect_kwb_layout(const std::vector<std::string>& column_keys,
                                   const std::string& file) {
  const KwbLayout* best = nullptr;
  int best_score = 0;
  bool tied = false;
  for (const KwbLayout& layout : known_kwb_layouts()) {
    int score = 0;
    for (std::string_view key : distinctive_keys(layout)) score += contains(column_keys, key);
    if (score > best_score) {
      best = &layout;
      best_score = score;
      tied = false;
    } else if (score == best_score && score > 0) {
      tied = true;
    }
  }
  if (best == nullptr || tied) {
    std::string expected;
    for (const KwbLayout& layout : known_kwb_layouts()) {
      expected += (expected.empty() ? "" : "; ") + std::string(layout.table_id) + " (e.g. " +
                  std::string(distinctive_keys(layout).front()) + ")";
    }
    throw DataError({file, 1, "", ""},
                    std::string(tied ? "the header matches more than one" : "the header matches no") +
                        " known KWB table; expected the column keys of " + expected);
  }
  if (!contains(column_keys, best->column(KwbQuantity::inhabitants))) {
    throw DataError({file, 1, "", std::string(best->column(KwbQuantity::inhabitants))},
                    "the header looks like KWB table " + std::string(best->table_id) +
                        " but lacks the number of inhabitants");
  }
  return *best;
}

}  // namespace wijksim
