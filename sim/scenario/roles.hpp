#pragma once
// The municipality's role presets: each role is a named bundle of lever values.
#include "sim/scenario/scenario.hpp"

namespace wijksim {

// The lever values a role stands for before a scenario overrides any of them.
Levers preset_levers(Role role);

// Kaleidoscopic's plan for vulnerable buurten: inviting with more community-worker hours.
Levers kaleidoscopic_vulnerable_levers();

// The levers in force in one buurt: kaleidoscopic mixes roles by the buurt's vulnerability.
const Levers& levers_for_buurt(const Government& government, const BuurtSpec& buurt);

}  // namespace wijksim
