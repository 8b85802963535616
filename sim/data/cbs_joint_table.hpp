#pragma once
// Reading CBS's national joint table of the population aged 15+ by sex, age, migration
// background and highest education attained (StatLine 82275NED, Labour Force Survey, as CSV with
// labels: ';'-separated, quoted, UTF-8 with a BOM, counts in thousands), summed over sex into
// the model's 4 age groups x 3 education levels x 3 migration backgrounds. It is the seed of the
// joint table each buurt is fitted to (docs/data.md, "How the joint table is built").
#include <string>
#include <vector>

namespace wijksim {

inline constexpr std::size_t kJointTableCells = 4 * 3 * 3;

// Cells in the order of joint_cell (sim/population/joint_table.hpp): age group slowest, then
// education, migration background fastest. Throws DataError naming the line and column of an
// unknown label, a cell that is not a number, or a cell of the 36 that the file does not give.
std::vector<double> read_cbs_joint_table(const std::string& path);
std::vector<double> parse_cbs_joint_table(const std::string& text, const std::string& file);

}  // namespace wijksim
