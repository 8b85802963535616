#pragma once
// `wijksim serve`: the studio, a local web page for comparing the municipality's roles.
#include "sim/cli/commands.hpp"

namespace wijksim::serve {

int serve_command(const cli::Args& args);

}  // namespace wijksim::serve
