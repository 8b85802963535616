// Starting capacity, motivation, trust and loneliness from the attribute parameters and the life-course
// rules (sim/model/rules.hpp).
#include "sim/population/starting_values.hpp"

#include "sim/core/attributes.hpp"
#include "sim/model/rules.hpp"
#include "sim/population/categories.hpp"

namespace wijksim {
namespace {

bool lives_alone(const BuurtRows& rows, std::uint32_t i) {
  const bool shares_with_previous = i > 0 && rows.household[i - 1] == rows.household[i];
  const bool shares_with_next = i + 1 < rows.size() && rows.household[i + 1] == rows.household[i];
  return !shares_with_previous && !shares_with_next;
}

}  // namespace

void draw_starting_values(const AttributeParams& params, double vulnerability,
                          std::uint64_t seed, std::uint32_t replicate, BuurtRows& rows) {
  for (std::uint32_t i = 0; i < rows.size(); ++i) {
    RandomStream stream = resident_synthesis_stream(seed, replicate, rows.first + i);
    for (int skipped = 0; skipped < kCategoryDraws; ++skipped) stream.next_u32();

    const bool low_income = rows.flags[i] & kLowIncome;
    const bool health_limited = rows.flags[i] & kHealthLimitation;
    const bool senior = rows.age_group[i] == kSeniorAgeGroup;
    const bool owner = rows.tenure[i] == static_cast<std::uint8_t>(Tenure::owner);

    const double capacity = params.capacity_base +
                            params.capacity_by_education[rows.education[i]] -
                            (health_limited ? params.capacity_health_penalty : 0.0) -
                            (low_income ? params.capacity_low_income_penalty : 0.0) +
                            rules::life_course_time(params, rows.age_group[i], rows.flags[i]);
    const double motivation = params.motivation_base +
                              (owner ? params.motivation_owner_bonus : 0.0) +
                              (senior ? params.motivation_senior_bonus : 0.0) +
                              rules::life_course_attachment(params, rows.age_group[i]);
    const double trust = params.trust_base + params.trust_by_education[rows.education[i]] +
                         params.trust_by_migration[rows.migration[i]] -
                         params.trust_vulnerability_penalty * vulnerability;
    const double loneliness = params.loneliness_base +
                              (senior ? params.loneliness_senior_bonus : 0.0) +
                              (lives_alone(rows, i) ? params.loneliness_single_bonus : 0.0);

    rows.capacity[i] = static_cast<float>(stream.beta_like(capacity, params.capacity_spread));
    rows.motivation[i] =
        static_cast<float>(stream.beta_like(motivation, params.motivation_spread));
    rows.trust[i] = static_cast<float>(stream.beta_like(trust, params.trust_spread));
    rows.loneliness[i] =
        static_cast<float>(stream.beta_like(loneliness, params.loneliness_spread));
  }
}

}  // namespace wijksim
