#pragma once
// The static attributes of a resident and the groups that outcomes are reported by.
// Category codes are stable: they are stored in result files.
#include <array>
#include <cstdint>
#include <string_view>

namespace wijksim {

inline constexpr std::array<std::string_view, 4> kAgeGroups{"15-24", "25-44", "45-64", "65+"};
inline constexpr std::array<std::string_view, 3> kEducationLevels{"low", "middle", "high"};
inline constexpr std::array<std::string_view, 3> kMigrationBackgrounds{"dutch", "western",
                                                                       "non_western"};
inline constexpr std::array<std::string_view, 3> kTenures{"owner", "private_rent", "social_rent"};

enum class Education : std::uint8_t { low = 0, middle = 1, high = 2 };
enum class Tenure : std::uint8_t { owner = 0, private_rent = 1, social_rent = 2 };
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

}  // namespace wijksim
