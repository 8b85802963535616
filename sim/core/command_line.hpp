#pragma once
// The words every front end's subcommand shares (the cli commands and `wijksim serve`): its
// arguments, the usage error main turns into exit status 2, and parsing them with
// Boost.Program_options the same way for every command. Users link Boost::program_options.
#include <boost/program_options.hpp>
#include <string>
#include <vector>

namespace wijksim {

// A subcommand's arguments, after the subcommand's name.
using CommandArgs = std::vector<std::string>;

// Thrown for a malformed command line; main prints it with a pointer to --help.
struct UsageError {
  std::string message;
};

// Malformed arguments become a UsageError.
inline boost::program_options::variables_map parse_command_line(
    const CommandArgs& args, const boost::program_options::options_description& options,
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
inline bool wants_help(const CommandArgs& args) {
  for (const std::string& a : args)
    if (a == "-h" || a == "--help") return true;
  return false;
}

}  // namespace wijksim
