#pragma once
// Suggestions for misspelt names (scenario keys, choices, CBS codes): the candidate closest to
// what the user wrote, by edit distance.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace wijksim {

// Levenshtein distance: insertions, deletions and substitutions of one byte each cost 1.
inline std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> previous(b.size() + 1), current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] != b[j - 1])});
    std::swap(previous, current);
  }
  return previous[b.size()];
}

// The candidate closest to `word` (the first of equally close ones), "" when there are none.
inline std::string closest_name(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = std::string::npos;
  for (const std::string& candidate : candidates) {
    const std::size_t distance = edit_distance(word, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

// The closest candidate when it is plausibly what was meant, else "": beyond about a third of
// the word changed, a suggestion misleads more than it helps.
inline std::string nearest_name(const std::string& word, const std::vector<std::string>& candidates) {
  const std::string best = closest_name(word, candidates);
  const std::size_t plausible = std::max<std::size_t>(2, word.size() / 3);
  return !best.empty() && edit_distance(word, best) <= plausible ? best : std::string();
}

}  // namespace wijksim
