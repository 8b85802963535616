#pragma once
// Text split at a separator, empty parts kept ("a..b" has three parts), so that a caller can
// refuse them with a message of its own: dotted scenario paths, comma lists on the command line.
#include <string>
#include <string_view>
#include <vector>

namespace wijksim {

inline std::vector<std::string> split_at(std::string_view text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(separator, start);
    parts.emplace_back(text.substr(start, end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

}  // namespace wijksim
