#pragma once
// The municipality's roles: each role's preset (a named bundle of lever values), how a
// scenario's government section resolves into plans, and which plan holds in a buurt.
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "sim/scenario/scenario.hpp"

namespace wijksim {

// The lever values a role stands for before a scenario overrides any of them.
Levers preset_levers(Role role);

// Kaleidoscopic's plan for vulnerable buurten: inviting with more community-worker hours.
Levers kaleidoscopic_vulnerable_levers();

// Fills government.plan and government.vulnerable_plan from the role's presets and the
// scenario's government section (`section`, nullptr when absent): government.levers, and for
// kaleidoscopic government.vulnerable_levers. Throws InputError naming `file` and the JSON path.
void resolve_government(const nlohmann::json* section, const std::string& file, Government& government);

// The levers in force in one buurt: kaleidoscopic mixes roles by the buurt's vulnerability.
const Levers& levers_for_buurt(const Government& government, const BuurtSpec& buurt);

}  // namespace wijksim
