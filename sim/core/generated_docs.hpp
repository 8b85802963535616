#pragma once
// Documentation generated from a declaration (the parameter registry, the output declarations)
// lives between two marker lines in a hand-written page; the generators replace that part and
// tests compare it with what the declaration gives now.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace wijksim {

// `document` with the text between `begin_marker` and `end_marker` replaced by `content`.
// Throws std::runtime_error when the markers are missing or out of order.
inline std::string with_generated_section(const std::string& document, const std::string& begin_marker,
                                          const std::string& end_marker, const std::string& content) {
  const std::size_t begin = document.find(begin_marker);
  const std::size_t end = document.find(end_marker);
  if (begin == std::string::npos || end == std::string::npos || end < begin) {
    throw std::runtime_error("the document lacks the markers '" + begin_marker + "' and '" + end_marker + "'");
  }
  const std::size_t content_start = begin + begin_marker.size();
  return document.substr(0, content_start) + "\n" + content + "\n" + document.substr(end);
}

inline std::string read_text_file(const std::filesystem::path& file) {
  std::ifstream stream(file, std::ios::binary);
  if (!stream) throw std::runtime_error("cannot read " + file.string());
  std::ostringstream text;
  text << stream.rdbuf();
  return text.str();
}

inline void write_text_file(const std::filesystem::path& file, const std::string& text) {
  std::ofstream stream(file, std::ios::binary);
  stream << text;
  if (!stream) throw std::runtime_error("cannot write " + file.string());
}

// What each generator's main does: writes `json_text()` to `json_file` and rewrites the
// generated section of `page` with `with_generated` (the page in, the page with its section
// replaced out), then says what it updated, or why it could not. Returns the exit status.
template <class JsonText, class WithGenerated>
int regenerate_docs(const char* program, const std::filesystem::path& json_file, JsonText json_text,
                    const std::filesystem::path& page, WithGenerated with_generated) {
  try {
    write_text_file(json_file, json_text());
    write_text_file(page, with_generated(read_text_file(page)));
  } catch (const std::exception& error) {
    std::cerr << program << ": " << error.what() << "\n";
    return 1;
  }
  std::cout << "updated " << json_file.string() << " and " << page.string() << "\n";
  return 0;
}

}  // namespace wijksim
