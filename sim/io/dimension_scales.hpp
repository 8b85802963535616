#pragma once
// Named dimensions in an HDF5 file, as HDF5 dimension scales (H5DS): one 1-D dataset per
// dimension, directly below the root so that every dataset in the file can reach it (netCDF-4
// readers such as xarray's h5netcdf look for a dimension in the dataset's own group and its
// ancestors, and name it after the scale dataset). Each scale holds the dimension's labels
// (buurt codes, group names, recorded ticks) or its positions 0..n-1, and every dataset along
// the dimension has that axis attached to it. Used by the result and the experiment writers.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "sim/io/h5.hpp"

namespace wijksim {

class DimensionScales {
 public:
  explicit DimensionScales(h5::Group root) : root_(std::move(root)) {}

  // Creates the scale /<name> holding `labels`, with a description attribute. Adding a name
  // again is allowed only with the same labels: two datasets that disagree on a dimension's
  // labels break the layout (std::runtime_error).
  void add(const std::string& name, const std::vector<std::string>& labels, const std::string& description);
  void add(const std::string& name, const std::vector<std::int64_t>& values, const std::string& description);
  // 0, 1, ..., length - 1.
  void add_positions(const std::string& name, std::size_t length, const std::string& description);
  bool contains(const std::string& name) const { return scales_.count(name) > 0; }

  // Attaches axis i of `dataset` to the scale dimensions[i]; the axis and the scale must be
  // equally long.
  void attach(h5::Dataset& dataset, const std::vector<std::string>& dimensions) const;

 private:
  struct Scale {
    h5::Dataset dataset;
    std::size_t length;
    std::vector<std::string> labels;  // for the same-labels check of string scales
  };
  void remember(const std::string& name, h5::Dataset dataset, std::size_t length, std::vector<std::string> labels,
                const std::string& description);

  h5::Group root_;
  std::map<std::string, Scale> scales_;
};

}  // namespace wijksim
