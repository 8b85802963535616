#pragma once
// What every file wijksim writes (a result, an experiment) carries at its root: the version of
// the layout it follows and the engine and commit that wrote it.
#include <cstdint>

#include "sim/core/version.hpp"
#include "sim/io/h5.hpp"

namespace wijksim {

inline void write_version_stamp(h5::Group& root, std::int64_t format_version) {
  root.write_int64_attribute("format_version", format_version);
  root.write_string_attribute("engine_version", kEngineVersion);
  root.write_string_attribute("git_commit", kGitCommit);
}

}  // namespace wijksim
