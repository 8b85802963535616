#pragma once
// The options of every command that loads a scenario: --set KEY.PATH=VALUE and its shorthands
// --seed, --replicates and --horizon, all turned into one list of settings.
#include <boost/program_options.hpp>
#include <vector>

#include "sim/scenario/settings.hpp"

namespace wijksim::cli {

void add_setting_options(boost::program_options::options_description& options);

// The --set settings in the order given, then the shorthands (which therefore win).
std::vector<Setting> settings_from(const boost::program_options::variables_map& vm);

}  // namespace wijksim::cli
