// Dimension scales below the root and their attachment (see the header).
#include "sim/io/dimension_scales.hpp"

#include <numeric>
#include <stdexcept>

namespace wijksim {

void DimensionScales::remember(const std::string& name, h5::Dataset dataset, std::size_t length,
                               std::vector<std::string> labels, const std::string& description) {
  dataset.make_scale(name);
  dataset.write_string_attribute("description", description);
  scales_.emplace(name, Scale{std::move(dataset), length, std::move(labels)});
}

void DimensionScales::add(const std::string& name, const std::vector<std::string>& labels,
                          const std::string& description) {
  if (const auto found = scales_.find(name); found != scales_.end()) {
    if (found->second.labels != labels)
      throw std::runtime_error("two datasets label the dimension '" + name + "' differently");
    return;
  }
  remember(name, root_.write_string_dataset(name, labels), labels.size(), labels, description);
}

void DimensionScales::add(const std::string& name, const std::vector<std::int64_t>& values,
                          const std::string& description) {
  if (scales_.count(name) > 0) throw std::runtime_error("the dimension '" + name + "' is made twice");
  remember(name, root_.write_int64_dataset(name, values, {values.size()}), values.size(), {}, description);
}

void DimensionScales::add_positions(const std::string& name, std::size_t length, const std::string& description) {
  std::vector<std::int64_t> positions(length);
  std::iota(positions.begin(), positions.end(), std::int64_t{0});
  add(name, positions, description);
}

void DimensionScales::attach(h5::Dataset& dataset, const std::vector<std::string>& dimensions) const {
  const auto shape = dataset.shape();
  if (shape.size() != dimensions.size())
    throw std::runtime_error("'" + dataset.path() + "' has " + std::to_string(shape.size()) + " axes but " +
                             std::to_string(dimensions.size()) + " dimension names");
  for (std::size_t axis = 0; axis < shape.size(); ++axis) {
    const auto found = scales_.find(dimensions[axis]);
    if (found == scales_.end())
      throw std::runtime_error("'" + dataset.path() + "': no dimension '" + dimensions[axis] + "' was made");
    if (found->second.length != shape[axis])
      throw std::runtime_error("'" + dataset.path() + "' axis " + std::to_string(axis) + " has length " +
                               std::to_string(shape[axis]) + " but the dimension '" + dimensions[axis] + "' has " +
                               std::to_string(found->second.length));
    dataset.attach_scale(found->second.dataset, static_cast<unsigned>(axis));
  }
}

}  // namespace wijksim
