// Sizing of the resident columns: every column always has one row per resident.
#include "sim/population/population.hpp"

namespace wijksim {

void Residents::resize(std::size_t n) {
  buurt.resize(n);
  household.resize(n);
  age_group.resize(n);
  education.resize(n);
  migration.resize(n);
  tenure.resize(n);
  flags.resize(n);
  capacity.resize(n);
  motivation.resize(n);
  trust.resize(n);
  loneliness.resize(n);
}

}  // namespace wijksim
