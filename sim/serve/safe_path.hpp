#pragma once
// Paths named by a studio client, confined to the folders the server allows: a client names a
// file relative to one of those folders, never by an absolute path, never through `..`, and
// never through a symlink that leads out of the folder.
#include <filesystem>
#include <optional>
#include <string>

namespace wijksim::serve {

// `relative` resolved inside `folder`, or nothing when it is empty, absolute, has a `..` or a
// control character, or (after following symlinks) lies outside `folder`. The file need not exist.
std::optional<std::filesystem::path> inside_folder(const std::filesystem::path& folder,
                                                   const std::string& relative);

// A plain file name made of letters, digits, '-', '_' and '.', not starting with '.'.
bool is_plain_name(const std::string& name);

}  // namespace wijksim::serve
