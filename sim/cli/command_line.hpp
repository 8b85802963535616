#pragma once
// Parsing a subcommand's arguments with Boost.Program_options, the same way for every command.
#include <boost/program_options.hpp>
#include <string>

#include "sim/cli/commands.hpp"

namespace wijksim::cli {

// Malformed arguments become a UsageError, which main reports with a pointer to --help.
inline boost::program_options::variables_map parse(
    const Args& args, const boost::program_options::options_description& options,
    const boost::program_options::positional_options_description& positional) {
  namespace po = boost::program_options;
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(options).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError{e.what()};
  }
  return vm;
}

// Help is answered before parsing, so that it works without the required arguments.
inline bool wants_help(const Args& args) {
  for (const std::string& a : args)
    if (a == "-h" || a == "--help") return true;
  return false;
}

}  // namespace wijksim::cli
