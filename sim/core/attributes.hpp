#pragma once
// The static attributes of a resident, the groups that outcomes are reported by and the fields of
// a buurt's composition. Category codes are stable: they are stored in result files.
#include <array>
#include <cstdint>
#include <stdexcept>
#include <string_view>

namespace wijksim {

inline constexpr std::array<std::string_view, 4> kAgeGroups{"15-24", "25-44", "45-64", "65+"};
inline constexpr std::array<std::string_view, 3> kEducationLevels{"low", "middle", "high"};
inline constexpr std::array<std::string_view, 3> kMigrationBackgrounds{"dutch", "western",
                                                                       "non_western"};
inline constexpr std::array<std::string_view, 3> kTenures{"owner", "private_rent", "social_rent"};
inline constexpr std::array<std::string_view, 2> kLowIncomeCategories{"no", "yes"};

enum class Education : std::uint8_t { low = 0, middle = 1, high = 2 };
enum class Tenure : std::uint8_t { owner = 0, private_rent = 1, social_rent = 2 };
inline constexpr std::uint8_t kYoungAdultAgeGroup = 0;
inline constexpr std::uint8_t kSeniorAgeGroup = 3;

// Bits of Residents::flags.
enum ResidentFlag : std::uint8_t {
  kLowIncome = 1u << 0,
  kHealthLimitation = 1u << 1,
  kParent = 1u << 2,  // children under 15 live in the household: a stake in youth issues
};

// Outcomes by group use one flat index over these dimensions, in this order.
struct GroupDimension {
  std::string_view name;
  int first;  // flat index of the dimension's first category
  int size;
};
inline constexpr std::array<GroupDimension, 5> kGroupDimensions{{
    {"education", 0, 3},
    {"age_group", 3, 4},
    {"migration_background", 7, 3},
    {"tenure", 10, 3},
    {"low_income", 13, 2},
}};
inline constexpr int kGroupCount = 15;
// The low educated: the category index, and also the flat group index, since education comes first.
inline constexpr int kLowEducation = static_cast<int>(Education::low);

// The flat group index of a resident in each dimension of kGroupDimensions, in order.
inline std::array<int, kGroupDimensions.size()> group_indices(std::uint8_t education, std::uint8_t age_group,
                                                              std::uint8_t migration, std::uint8_t tenure,
                                                              bool low_income) {
  return {education, 3 + age_group, 7 + migration, 10 + tenure, 13 + (low_income ? 1 : 0)};
}

// The fields of a Composition (sim/scenario/scenario.hpp) in declaration order, named as the fit
// table's marginals; BuurtSpec::composition_source holds one source label per field in this order.
inline constexpr std::array<std::string_view, 8> kCompositionFields{
    "age_group",  "education",         "migration_background", "tenure",
    "low_income", "health_limitation", "household_size",       "households_with_children"};

// The index of `field` in kCompositionFields; throws std::invalid_argument for an unknown name.
constexpr std::size_t composition_field_index(std::string_view field) {
  for (std::size_t i = 0; i < kCompositionFields.size(); ++i) {
    if (kCompositionFields[i] == field) return i;
  }
  throw std::invalid_argument("not a composition field");
}

}  // namespace wijksim
