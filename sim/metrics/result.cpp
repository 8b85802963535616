// Out-of-line members of the run result types.
#include "sim/metrics/result.hpp"

namespace wijksim {

// Columns are meant to be equally long; the writer checks that, so the first one decides.
std::size_t Table::rows() const {
  if (columns.empty()) return 0;
  return std::visit([](const auto& values) { return values.size(); }, columns.front());
}

}  // namespace wijksim
