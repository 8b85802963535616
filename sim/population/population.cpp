// Sizing of the resident columns: every column always has one row per resident.
#include "sim/population/population.hpp"

namespace wijksim {

void Residents::resize(std::size_t n) {
  std::apply([n](auto&... column) { (column.resize(n), ...); }, all());
}

}  // namespace wijksim
