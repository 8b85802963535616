#pragma once
// A small RAII layer over the HDF5 C API, shared by the result writer/reader and the
// experiment runner. Handles close themselves; every HDF5 call is checked and a failure becomes
// h5::Error naming the file and the object. Objects are created without modification times and
// with link creation order tracked, so identical content gives byte-identical files and readers
// list members in the order they were written.
#include <hdf5.h>
#include <hdf5_hl.h>

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace wijksim::h5 {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Owns one hid_t and closes it with the matching H5?close function.
class Handle {
 public:
  using Closer = herr_t (*)(hid_t);
  Handle() = default;
  Handle(hid_t id, Closer closer) noexcept : id_(id), closer_(closer) {}
  Handle(Handle&& other) noexcept;
  Handle& operator=(Handle&& other) noexcept;
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle();

  hid_t get() const { return id_; }
  // Closes now and reports whether HDF5 accepted it (a file close can fail while flushing);
  // on failure the reason stays on the HDF5 error stack for the caller to report.
  bool close() noexcept;

 private:
  hid_t id_ = H5I_INVALID_HID;
  Closer closer_ = nullptr;
};

enum class ElementType { float64, int64, string, other };

// A group or dataset: something that carries attributes.
class Object {
 public:
  const std::string& file_name() const { return file_name_; }
  const std::string& path() const { return path_; }
  hid_t id() const { return handle_.get(); }

  bool has_attribute(const std::string& name) const;
  void write_string_attribute(const std::string& name, const std::string& value);
  void write_int64_attribute(const std::string& name, std::int64_t value);
  void write_uint64_attribute(const std::string& name, std::uint64_t value);
  void write_double_attribute(const std::string& name, double value);
  void write_string_array_attribute(const std::string& name, const std::vector<std::string>& values);

  std::string read_string_attribute(const std::string& name) const;
  std::int64_t read_int64_attribute(const std::string& name) const;
  std::uint64_t read_uint64_attribute(const std::string& name) const;
  double read_double_attribute(const std::string& name) const;
  std::vector<std::string> read_string_array_attribute(const std::string& name) const;

 protected:
  Object(Handle handle, std::string file_name, std::string path);
  // Throws h5::Error "<action> (file '<file>', object '<path>'): <HDF5's own reason>".
  [[noreturn]] void fail(const std::string& action) const;
  hid_t check(hid_t id, const std::string& action) const;
  void check_status(herr_t status, const std::string& action) const;
  std::string child_path(const std::string& name) const;

 private:
  Handle open_attribute(const std::string& name) const;
  void write_attribute(const std::string& name, hid_t file_type, hid_t memory_type, hid_t space,
                       const void* data);

  Handle handle_;
  std::string file_name_;
  std::string path_;
};

class Dataset : public Object {
 public:
  std::vector<std::size_t> shape() const;
  // Length of the first dimension.
  std::size_t rows() const;
  ElementType element_type() const;

  // Reads every element in row-major order, converting numbers to the requested type; an enum
  // dataset reads as its integer codes.
  std::vector<double> read_float64() const;
  std::vector<std::int64_t> read_int64() const;
  std::vector<std::string> read_strings() const;

  // For datasets made by Group::create_extendable_dataset: appends whole rows; values.size()
  // must be a multiple of the row width (1 for a 1-D dataset).
  void append_rows(const std::vector<double>& values);
  void append_rows(const std::vector<std::int64_t>& values);

  // Dimension scales (HDF5's H5DS convention, which netCDF-4, xarray, R and h5dump read): this
  // 1-D dataset becomes the scale of the dimension `name`, or axis `axis` of this dataset is
  // labelled by `scale`.
  void make_scale(const std::string& name);
  void attach_scale(const Dataset& scale, unsigned axis);
  // The name of the scale attached to each axis, "" for an axis without one.
  std::vector<std::string> dimension_names() const;
  // The labels of an enum dataset in code order (empty for any other dataset).
  std::vector<std::string> enum_labels() const;

 private:
  friend class Group;
  using Object::Object;
  void append(const void* values, std::size_t count, hid_t memory_type);
};

class Group : public Object {
 public:
  struct Member {
    std::string name;
    enum class Kind { group, dataset, other } kind;
  };

  bool contains(const std::string& path) const;
  Group open_group(const std::string& path) const;
  // Opens the group, creating it and any missing intermediate groups.
  Group require_group(const std::string& path);
  Dataset open_dataset(const std::string& path) const;
  // Members in creation order when the group tracks it, otherwise by name.
  std::vector<Member> members() const;

  // Dataset paths may contain '/': missing parent groups are created. Datasets are chunked and
  // compressed with shuffle + deflate(4); shape is row-major and must match values.size().
  Dataset write_float64_dataset(const std::string& path, const std::vector<double>& values,
                                const std::vector<std::size_t>& shape);
  Dataset write_int64_dataset(const std::string& path, const std::vector<std::int64_t>& values,
                              const std::vector<std::size_t>& shape);
  // Small unsigned numbers, e.g. codes into a list of labels.
  Dataset write_uint8_dataset(const std::string& path, const std::vector<std::uint8_t>& values,
                              const std::vector<std::size_t>& shape);
  // 1-D codes of an HDF5 enum type over uint8 whose member i is labels[i] (non-empty, distinct),
  // so that h5dump, R and netCDF tools show the labels.
  Dataset write_enum_dataset(const std::string& path, const std::vector<std::uint8_t>& codes,
                             const std::vector<std::string>& labels);
  // 1-D, variable-length UTF-8 strings.
  Dataset write_string_dataset(const std::string& path, const std::vector<std::string>& values);
  // Starts with zero rows and grows through Dataset::append_rows. row_width 0 makes a 1-D
  // dataset, otherwise a 2-D dataset [rows, row_width].
  Dataset create_extendable_dataset(const std::string& path, ElementType type,
                                    std::size_t row_width, std::size_t chunk_rows = 1024);

 private:
  friend class File;
  using Object::Object;
  Dataset create_dataset(const std::string& path, hid_t file_type, const std::vector<hsize_t>& dims,
                         const std::vector<hsize_t>& max_dims, const std::vector<hsize_t>& chunk);
  // The body of the write_*_dataset functions: `count` elements of `element_bytes` at `values`.
  Dataset write_numbers(const std::string& path, const void* values, std::size_t count,
                        const std::vector<std::size_t>& shape, hid_t file_type, hid_t memory_type,
                        std::size_t element_bytes);
};

// Files made by File::create start with a user block of this size, which HDF5 skips and
// file_checksum.hpp fills with a checksum of everything after it.
inline constexpr hsize_t kUserBlockBytes = 512;

class File {
 public:
  enum class Existing { fail, truncate };
  static File create(const std::filesystem::path& path, Existing existing = Existing::fail);
  static File open_read_only(const std::filesystem::path& path);
  static File open_read_write(const std::filesystem::path& path);

  const std::string& name() const { return name_; }
  Group root() const;
  void flush();
  // Closes and checks that everything reached the file. For a file made by create(), every
  // Group and Dataset obtained from it must have been destroyed first, or closing fails.
  void close();

 private:
  File(Handle handle, std::string name) : handle_(std::move(handle)), name_(std::move(name)) {}
  Handle handle_;
  std::string name_;
};

// True when the file exists and starts with an HDF5 signature.
bool is_hdf5_file(const std::filesystem::path& path);

}  // namespace wijksim::h5
