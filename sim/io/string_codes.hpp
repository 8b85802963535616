#pragma once
// String table columns with few distinct values, held as codes: a list of labels and one uint8
// code per row (code i means labels[i]). Repeated short strings cost about 30 bytes each in HDF5's
// uncompressed global heap, a code costs one byte before compression. This file owns the code
// table, the rule for which columns without a declared vocabulary are coded (string_codes_for)
// and the decoding every reader uses (decode_string_codes). How codes are laid out in the file
// (an HDF5 enum with a `labels` attribute) belongs to the writer; docs/output-format.md, *Tables*.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace wijksim {

// A column is coded when it has at most this many distinct values (codes fit a uint8 and the
// labels fit comfortably in an attribute) ...
inline constexpr std::size_t kMaxStringLabels = 255;
// ... and at most one distinct value per this many rows: a column of mostly unique strings
// (buurt codes and names) gains nothing from a code table.
inline constexpr std::size_t kMinRowsPerLabel = 2;

struct StringCodes {
  std::vector<std::string> labels;  // distinct: sorted by string_codes_for, a declared vocabulary in its order
  std::vector<std::uint8_t> codes;  // one per row
};

// The coded form of `values`, or nothing when the column should stay strings (see the rule above;
// an empty column stays strings).
std::optional<StringCodes> string_codes_for(const std::vector<std::string>& values);

// The strings behind `codes`; throws std::out_of_range naming `where` and the first code that
// is not an index into `labels`.
std::vector<std::string> decode_string_codes(const std::vector<std::int64_t>& codes,
                                             const std::vector<std::string>& labels, const std::string& where);

}  // namespace wijksim
