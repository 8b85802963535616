#pragma once
// `wijksim serve`: the studio, a local web page for comparing the municipality's roles.
#include "sim/core/command_line.hpp"

namespace wijksim::serve {

int serve_command(const CommandArgs& args);

}  // namespace wijksim::serve
