#include "sim/cli/scenario_options.hpp"

#include <cstdint>
#include <string>

namespace po = boost::program_options;

namespace wijksim::cli {
namespace {

template <class Value>
void add_shorthand(const po::variables_map& vm, const char* option, const char* path, std::vector<Setting>& settings) {
  if (!vm.count(option)) return;
  const Value value = vm[option].as<Value>();
  settings.push_back({path, value, "--" + std::string(option) + " " + std::to_string(value)});
}

}  // namespace

void add_setting_options(po::options_description& options) {
  options.add_options()
      ("set", po::value<std::vector<std::string>>()->composing(),
       "KEY.PATH=VALUE: set any scenario key by its JSON path (repeatable), e.g. "
       "government.levers.community_worker_hours=16")
      ("seed,s", po::value<std::uint64_t>(), "the scenario's seed (same as --set seed=N)")
      ("replicates,r", po::value<int>(), "number of replicates (same as --set replicates=N)")
      ("horizon", po::value<int>(), "horizon in ticks, i.e. weeks (same as --set horizon_ticks=N)");
}

std::vector<Setting> settings_from(const po::variables_map& vm) {
  std::vector<Setting> settings =
      parse_settings(vm.count("set") ? vm["set"].as<std::vector<std::string>>() : std::vector<std::string>{});
  add_shorthand<std::uint64_t>(vm, "seed", "seed", settings);
  add_shorthand<int>(vm, "replicates", "replicates", settings);
  add_shorthand<int>(vm, "horizon", "horizon_ticks", settings);
  return settings;
}

}  // namespace wijksim::cli
