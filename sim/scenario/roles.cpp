#include "sim/scenario/roles.hpp"

#include "sim/scenario/input_error.hpp"
#include "sim/scenario/parameter_walk.hpp"
#include "sim/scenario/parameters.hpp"

namespace wijksim {
namespace {

// Each role's preset: the levers in which it differs from the defaults in scenario.hpp. Inviting's
// 5 community-worker hours per 1,000 residents are 8 h a week in a buurt of 1,600.
constexpr Levers kTopDown{.invitation_reach = 0.15, .channel_mix = {0.8, 0.2, 0, 0, 0, 0}, .processes_per_year = 1.0,
                          .rung = Rung::consult, .initiative_response = {0.0, 0.1, 0.7, 0.2}};
constexpr Levers kResponsive{.initiative_response = {0.6, 0.4, 0.0, 0.0}, .subsidy = 2000.0};
constexpr Levers kInviting{
    .invitation_reach = 0.6, .channel_mix = {0.25, 0.15, 0.2, 0.1, 0.1, 0.2}, .targeting = Targeting::under_represented,
    .processes_per_year = 2.0, .rung = Rung::advise, .process_invitation = Targeting::under_represented,
    .initiative_response = {0.5, 0.3, 0.2, 0.0}, .subsidy = 2000.0, .community_worker_hours_per_1000 = 5.0,
    .residents_budget = 5.0};
constexpr Levers kWithdrawing{.invitation_reach = 0.1, .channel_mix = {0.5, 0.5, 0, 0, 0, 0},
                              .initiative_response = {0.0, 0.5, 0.5, 0.0}, .subsidy = 1000.0, .maintenance = 0.6};

// The preset with the scenario's overrides applied in order, then its share groups checked.
Levers resolve_levers(Levers preset, const std::vector<const nlohmann::json*>& overrides,
                      const JsonPlace& place) {
  for (const nlohmann::json* lever_values : overrides) {
    if (lever_values) apply_parameters(parameters_of<Levers>(), *lever_values, place, preset);
  }
  check_share_groups(parameters_of<Levers>(), place, preset);
  return preset;
}

}  // namespace

Levers preset_levers(Role role) {
  switch (role) {
    case Role::top_down: return kTopDown;
    case Role::responsive: return kResponsive;
    case Role::inviting: return kInviting;
    case Role::withdrawing: return kWithdrawing;
    case Role::kaleidoscopic: return kResponsive;  // the vital side; see kaleidoscopic_vulnerable_levers
  }
  return kResponsive;
}

Levers kaleidoscopic_vulnerable_levers() {
  Levers l = kInviting;
  l.community_worker_hours_per_1000 = 10.0;  // 16 h a week in a buurt of 1,600
  return l;
}

// The plans of a role: kaleidoscopic has a vital (responsive) and a vulnerable (inviting) plan;
// any other role one plan for all buurten.
void resolve_government(const nlohmann::json* section, const std::string& file, Government& government) {
  const nlohmann::json* levers = section ? child_of(*section, "levers") : nullptr;
  const nlohmann::json* vulnerable_levers = section ? child_of(*section, "vulnerable_levers") : nullptr;
  const JsonPlace levers_place{file, "government.levers"};
  if (government.role != Role::kaleidoscopic) {
    if (vulnerable_levers) {
      throw InputError({.file = file,
                        .json_path = "government.vulnerable_levers",
                        .problem = "only the kaleidoscopic role has a vulnerable plan",
                        .suggestion = "set government.role to \"kaleidoscopic\" or remove this key"});
    }
    government.plan = {government.role,
                       resolve_levers(preset_levers(government.role), {levers}, levers_place)};
    government.vulnerable_plan = government.plan;
    return;
  }
  // Kaleidoscopic answers vital buurten responsively and invites in vulnerable ones.
  government.plan = {Role::responsive,
                     resolve_levers(preset_levers(Role::kaleidoscopic), {levers}, levers_place)};
  government.vulnerable_plan = {
      Role::inviting, resolve_levers(kaleidoscopic_vulnerable_levers(), {levers, vulnerable_levers},
                                     {file, "government.vulnerable_levers"})};
}

const Levers& levers_for_buurt(const Government& government, const BuurtSpec& buurt) {
  if (government.role == Role::kaleidoscopic &&
      buurt.vulnerability >= government.kaleidoscopic_threshold) {
    return government.vulnerable_plan.levers;
  }
  return government.plan.levers;
}

}  // namespace wijksim
