#include "sim/serve/safe_path.hpp"

#include <algorithm>
#include <cctype>

namespace wijksim::serve {

namespace fs = std::filesystem;

namespace {

bool has_control_character(const std::string& text) {
  return std::any_of(text.begin(), text.end(),
                     [](unsigned char c) { return c < 0x20 || c == 0x7f || c == '\\'; });
}

// `path` equals `folder` or lies below it, both canonical.
bool is_within(const fs::path& path, const fs::path& folder) {
  const auto [folder_end, path_at] = std::mismatch(folder.begin(), folder.end(), path.begin(), path.end());
  return folder_end == folder.end();
}

}  // namespace

std::optional<fs::path> inside_folder(const fs::path& folder, const std::string& relative) {
  if (relative.empty() || has_control_character(relative)) return std::nullopt;
  const fs::path named(relative);
  if (named.is_absolute() || named.has_root_name() || named.has_root_directory()) return std::nullopt;
  for (const fs::path& part : named) {
    if (part == "..") return std::nullopt;
  }
  std::error_code error;
  const fs::path root = fs::canonical(folder, error);
  if (error) return std::nullopt;
  // weakly_canonical follows every symlink of the existing prefix, so a link out is caught here.
  const fs::path resolved = fs::weakly_canonical(root / named, error);
  if (error || !is_within(resolved, root)) return std::nullopt;
  return resolved;
}

bool is_plain_name(const std::string& name) {
  if (name.empty() || name.size() > 200 || name.front() == '.') return false;
  return std::all_of(name.begin(), name.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '-' || c == '_' || c == '.';
  });
}

}  // namespace wijksim::serve
