// Column keys of KWB 2019 (84583NED) and KWB 2024 (85984NED) as CBS publishes them, of the
// national extracts described in shared/data/cbs-kwb/SOURCE.md (PDOK 2022 and 2024, tmap 2022,
// the 2014 buurt map), and recognising which one a file holds. Keys were read from the files'
// headers and the 85984NED DataProperties codebook.
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
    "low_income_households_pct", "social_assistance", "dwellings",
    "rented_pct",         "education_high_pct", "low_income_persons_pct"};

using Q = KwbQuantity;

struct Column {
  Q quantity;
  std::string_view key;
  PercentOf percent_of = PercentOf::none;
};

// A layout of a national extract: its code column and the columns it has.
KwbLayout extract_layout(std::string_view table_id, int year, std::string_view signature, std::string_view code_key,
                         const std::vector<Column>& columns) {
  KwbLayout layout;
  layout.table_id = table_id;
  layout.year = year;
  layout.extra_signature = {signature};
  layout.code_key = code_key;
  for (const Column& column : columns) {
    layout.columns[static_cast<std::size_t>(column.quantity)] = column.key;
    layout.percent_of[static_cast<std::size_t>(column.quantity)] = column.percent_of;
  }
  return layout;
}

constexpr PercentOf kOfInhabitants = PercentOf::inhabitants;
constexpr PercentOf kOfHouseholds = PercentOf::households;

// The PDOK extracts give the five age groups under the same keys, as % of inhabitants.
std::vector<Column> with_pdok_ages(std::vector<Column> columns) {
  columns.insert(columns.end(), {{Q::age_0_14, "0_15", kOfInhabitants},
                                 {Q::age_15_24, "15_25", kOfInhabitants},
                                 {Q::age_25_44, "25_45", kOfInhabitants},
                                 {Q::age_45_64, "45_65", kOfInhabitants},
                                 {Q::age_65_plus, "65plus", kOfInhabitants}});
  return columns;
}

// KWB 2024 through PDOK, per wijk (nl_2024_wijk_85984NED_pdok.csv).
KwbLayout pdok_2024_wijk() {
  return extract_layout("85984NED (PDOK wijken)", 2024, "wijkcode", "wijkcode",
                        with_pdok_ages({{Q::inhabitants, "aantal_inwoners"},
                         {Q::households, "huishoudens"}}));
}

// KWB 2024 through PDOK, per gemeente (nl_2024_gemeente_85984NED_pdok.csv): origin by the
// post-2022 classification.
KwbLayout pdok_2024_gemeente() {
  return extract_layout("85984NED (PDOK gemeenten)", 2024, "pct_herkomst_buiten_europa", "gemeentecode",
                        with_pdok_ages({{Q::inhabitants, "aantal_inwoners"},
                         {Q::origin_dutch, "pct_herkomst_nl", kOfInhabitants},
                         {Q::origin_western, "pct_herkomst_europa", kOfInhabitants},
                         {Q::origin_non_western, "pct_herkomst_buiten_europa", kOfInhabitants},
                         {Q::households, "huishoudens"},
                         {Q::households_with_children, "pct_hhd_met_kind", kOfHouseholds}}));
}

// KWB 2022 through PDOK, per gemeente (nl_2022_gemeente_85318NED_pdok.csv): education counts,
// tenure and households around the social minimum, which stand in for households with a low
// income (docs/data.md).
KwbLayout pdok_2022_gemeente() {
  return extract_layout("85318NED (PDOK gemeenten)", 2022, "pct_rond_sociaal_min", "gemeentecode",
                        with_pdok_ages({{Q::inhabitants, "aantal_inwoners"},
                         {Q::households, "huishoudens"},
                         {Q::households_with_children, "pct_hhd_met_kind", kOfHouseholds},
                         {Q::owner_occupied_pct, "koopwoningen"},
                         {Q::rented_pct, "huurwoningen"},
                         {Q::social_rent_pct, "pct_huurcorporatie"},
                         {Q::education_low, "opl_laag"},
                         {Q::education_middle, "opl_midden"},
                         {Q::education_high, "opl_hoog"},
                         {Q::low_income_households_pct, "pct_rond_sociaal_min"},
                         {Q::dwellings, "woningvoorraad"}}));
}

// KWB 2022 per gemeente and wijk as the R package tmap ships it (nl_2022_gemeente_wijk_85318NED_tmap.csv):
// only the share highly educated, the share owner-occupied and the share of persons in the
// national lowest 40% of incomes; the rest of each part is completed from the gemeente.
KwbLayout tmap_2022() {
  KwbLayout layout = extract_layout("85318NED (tmap)", 2022, "edu_appl_sci", "code",
                                    {{Q::inhabitants, "population"},
                                     {Q::age_0_14, "pop_0_14", kOfInhabitants},
                                     {Q::age_15_24, "pop_15_24", kOfInhabitants},
                                     {Q::age_25_44, "pop_25_44", kOfInhabitants},
                                     {Q::age_45_64, "pop_45_64", kOfInhabitants},
                                     {Q::age_65_plus, "pop_65plus", kOfInhabitants},
                                     {Q::owner_occupied_pct, "dwelling_ownership"},
                                     {Q::education_high_pct, "edu_appl_sci"},
                                     {Q::low_income_persons_pct, "income_low"},
                                     {Q::dwellings, "dwelling_total"}});
  layout.level_key = "level";
  return layout;
}

// The attributes of the CBS Wijk- en Buurtkaart 2014 (82931NED), every buurt of 2014
// (nl_2014_buurt_wijkbuurtkaart_82931NED.tsv): origin by the pre-2022 classification.
KwbLayout buurtkaart_2014() {
  KwbLayout layout = extract_layout("82931NED (Wijk- en Buurtkaart)", 2014, "p_n_w_al", "bu_code",
                                    {{Q::inhabitants, "aant_inw"},
                                     {Q::age_0_14, "p_00_14_jr", kOfInhabitants},
                                     {Q::age_15_24, "p_15_24_jr", kOfInhabitants},
                                     {Q::age_25_44, "p_25_44_jr", kOfInhabitants},
                                     {Q::age_45_64, "p_45_64_jr", kOfInhabitants},
                                     {Q::age_65_plus, "p_65_eo_jr", kOfInhabitants},
                                     {Q::origin_western, "p_west_al", kOfInhabitants},
                                     {Q::origin_non_western, "p_n_w_al", kOfInhabitants},
                                     {Q::households, "aantal_hh"},
                                     {Q::households_with_children, "p_hh_m_k", kOfHouseholds}});
  layout.sums_buurten = true;
  return layout;
}

// KWB as CBS publishes it (StatLine CSV or OData JSON): all counts, Dutch origin implicit in 2019.
KwbLayout statline(std::string_view table_id, int year, std::string_view signature,
                   const std::array<std::string_view, 20>& keys) {
  KwbLayout layout = extract_layout(table_id, year, signature, "", {});
  std::copy(keys.begin(), keys.end(), layout.columns.begin());
  return layout;
}

std::vector<KwbLayout> make_layouts() {
  const KwbLayout kwb2019 = statline(
      "84583NED", 2019, "Bevolkingsdichtheid_33",
      {"AantalInwoners_5", "k_0Tot15Jaar_8", "k_15Tot25Jaar_9", "k_25Tot45Jaar_10", "k_45Tot65Jaar_11",
       "k_65JaarOfOuder_12", "", "WestersTotaal_17", "NietWestersTotaal_18", "HuishoudensTotaal_28",
       "HuishoudensMetKinderen_31", "Koopwoningen_40", "InBezitWoningcorporatie_42", "InBezitOverigeVerhuurders_43",
       "OpleidingsniveauLaag_64", "OpleidingsniveauMiddelbaar_65", "OpleidingsniveauHoog_66",
       "HuishoudensMetEenLaagInkomen_78", "PersonenPerSoortUitkeringBijstand_83", "Woningvoorraad_34"});
  const KwbLayout kwb2024 = statline(
      "85984NED", 2024, "Bevolkingsdichtheid_34",
      {"AantalInwoners_5", "k_0Tot15Jaar_8", "k_15Tot25Jaar_9", "k_25Tot45Jaar_10", "k_45Tot65Jaar_11",
       "k_65JaarOfOuder_12", "Nederland_17", "EuropaExclusiefNederland_18", "BuitenEuropa_19",
       "HuishoudensTotaal_29", "HuishoudensMetKinderen_32", "Koopwoningen_47", "InBezitWoningcorporatie_49",
       "InBezitOverigeVerhuurders_50", "BasisonderwijsVmboMbo1_75", "HavoVwoMbo24_76", "HboWo_77",
       "HuishoudensMetEenLaagInkomen_89", "PersonenPerSoortUitkeringBijstand_94", "Woningvoorraad_35"});
  return {kwb2019, kwb2024, pdok_2024_wijk(), pdok_2024_gemeente(), pdok_2022_gemeente(), tmap_2022(),
          buurtkaart_2014()};
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
    case KwbQuantity::rented_pct:
    case KwbQuantity::education_high_pct:
    case KwbQuantity::low_income_persons_pct:
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
