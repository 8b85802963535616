// Implementation of the RAII HDF5 layer: error translation, property lists that make output
// reproducible, chunk sizing, attributes, datasets and path handling.
#include "sim/io/h5.hpp"

#include <algorithm>
#include <numeric>
#include <utility>

namespace wijksim::h5 {
namespace {

// HDF5 1.10 closes the files still open when the process exits, and crashes doing so on a file
// whose close already failed (a full disk). Every file is closed by its handle, so the library's
// exit handler is turned off; that is only possible before the first HDF5 call.
[[maybe_unused]] const herr_t kNoExitHandler = H5dont_atexit();

constexpr unsigned kDeflateLevel = 4;
// Chunks of at most this many bytes keep partial reads cheap and compression effective.
constexpr std::size_t kTargetChunkBytes = 256 * 1024;

// HDF5 prints its error stack to stderr by default; we report through exceptions instead.
void silence_automatic_error_printing() { H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); }

// The outermost message names the API call that failed, the innermost says why.
std::string describe_hdf5_error_stack() {
  std::vector<std::string> messages;
  auto collect = [](unsigned, const H5E_error2_t* entry, void* sink) -> herr_t {
    if (entry->desc != nullptr && entry->desc[0] != '\0')
      static_cast<std::vector<std::string>*>(sink)->emplace_back(entry->desc);
    return 0;
  };
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, collect, &messages);
  H5Eclear2(H5E_DEFAULT);
  if (messages.empty()) return "no further detail from HDF5";
  if (messages.size() == 1 || messages.front() == messages.back()) return messages.front();
  return messages.front() + " (" + messages.back() + ")";
}

[[noreturn]] void raise(const std::string& file, const std::string& object, const std::string& action) {
  throw Error("HDF5: cannot " + action + " (file '" + file + "', object '" + object +
              "'): " + describe_hdf5_error_stack());
}

hid_t check_id(hid_t id, const std::string& file, const std::string& object, const std::string& action) {
  if (id < 0) raise(file, object, action);
  return id;
}

Handle property_list(hid_t cls, const std::string& file) {
  return Handle(check_id(H5Pcreate(cls), file, "/", "create a property list"), H5Pclose);
}

Handle variable_length_utf8_type(const std::string& file) {
  Handle type(check_id(H5Tcopy(H5T_C_S1), file, "/", "copy the string type"), H5Tclose);
  if (H5Tset_size(type.get(), H5T_VARIABLE) < 0 || H5Tset_cset(type.get(), H5T_CSET_UTF8) < 0)
    raise(file, "/", "set up a variable-length UTF-8 string type");
  return type;
}

Handle simple_space(const std::vector<hsize_t>& dims, const std::vector<hsize_t>& max_dims,
                    const std::string& file, const std::string& object) {
  return Handle(check_id(H5Screate_simple(static_cast<int>(dims.size()), dims.data(),
                                          max_dims.empty() ? nullptr : max_dims.data()),
                         file, object, "create a dataspace"),
                H5Sclose);
}

// Groups get no timestamps (reproducible bytes) and remember the order members were created.
Handle group_creation_list(const std::string& file) {
  Handle list = property_list(H5P_GROUP_CREATE, file);
  if (H5Pset_obj_track_times(list.get(), 0) < 0 ||
      H5Pset_link_creation_order(list.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED) < 0)
    raise(file, "/", "configure group creation");
  return list;
}

// HDF5 checksums chunks of fixed-size elements only; variable-length strings keep their text in
// the global heap, which the whole-file checksum (file_checksum.hpp) covers instead.
bool holds_variable_length(hid_t type) { return H5Tis_variable_str(type) > 0; }

// Halves the largest chunk dimension until a chunk fits the byte target.
std::vector<hsize_t> chunk_shape(const std::vector<hsize_t>& dims, std::size_t element_bytes) {
  std::vector<hsize_t> chunk(dims.size());
  std::transform(dims.begin(), dims.end(), chunk.begin(),
                 [](hsize_t extent) { return std::max<hsize_t>(extent, 1); });
  auto bytes = [&] {
    return std::accumulate(chunk.begin(), chunk.end(), hsize_t{element_bytes}, std::multiplies<>());
  };
  while (bytes() > kTargetChunkBytes) {
    auto largest = std::max_element(chunk.begin(), chunk.end());
    if (*largest == 1) break;
    *largest = (*largest + 1) / 2;
  }
  return chunk;
}

std::vector<hsize_t> to_hsize(const std::vector<std::size_t>& values) {
  return std::vector<hsize_t>(values.begin(), values.end());
}

// A zero extent cannot hold a fixed-size chunk, so empty axes are declared unlimited.
std::vector<hsize_t> max_dims_for(const std::vector<hsize_t>& dims) {
  std::vector<hsize_t> max_dims(dims);
  for (auto& extent : max_dims)
    if (extent == 0) extent = H5S_UNLIMITED;
  return max_dims;
}

std::string shape_text(const std::vector<std::size_t>& shape) {
  std::string text = "[";
  for (std::size_t i = 0; i < shape.size(); ++i) text += (i ? ", " : "") + std::to_string(shape[i]);
  return text + "]";
}

void require_matching_size(std::size_t values, const std::vector<std::size_t>& shape,
                           const std::string& file, const std::string& object) {
  const std::size_t expected =
      std::accumulate(shape.begin(), shape.end(), std::size_t{1}, std::multiplies<>());
  if (values != expected)
    throw Error("HDF5: cannot write dataset (file '" + file + "', object '" + object + "'): shape " +
                shape_text(shape) + " holds " + std::to_string(expected) + " values but " +
                std::to_string(values) + " were given");
}

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    if (end > start) parts.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

std::pair<std::string, std::string> split_parent(const std::string& path) {
  const auto slash = path.rfind('/');
  if (slash == std::string::npos) return {"", path};
  return {path.substr(0, slash), path.substr(slash + 1)};
}

}  // namespace

// ---- Handle -------------------------------------------------------------------------------

Handle::Handle(Handle&& other) noexcept
    : id_(std::exchange(other.id_, H5I_INVALID_HID)), closer_(other.closer_) {}

Handle& Handle::operator=(Handle&& other) noexcept {
  if (this != &other) {
    if (!close()) H5Eclear2(H5E_DEFAULT);
    id_ = std::exchange(other.id_, H5I_INVALID_HID);
    closer_ = other.closer_;
  }
  return *this;
}

Handle::~Handle() {
  if (!close()) H5Eclear2(H5E_DEFAULT);
}

// The id is given up before HDF5 is asked to close it: after a failed close HDF5 may already
// have released the id (or handed it to another object), so a second close could hit the wrong
// object. A close is attempted exactly once, whatever its outcome.
bool Handle::close() noexcept {
  const hid_t id = std::exchange(id_, H5I_INVALID_HID);
  if (id < 0) return true;
  return closer_(id) >= 0;
}

// ---- Object -------------------------------------------------------------------------------

Object::Object(Handle handle, std::string file_name, std::string path)
    : handle_(std::move(handle)), file_name_(std::move(file_name)), path_(std::move(path)) {}

void Object::fail(const std::string& action) const { raise(file_name_, path_, action); }

hid_t Object::check(hid_t id, const std::string& action) const {
  if (id < 0) fail(action);
  return id;
}

void Object::check_status(herr_t status, const std::string& action) const {
  if (status < 0) fail(action);
}

std::string Object::child_path(const std::string& name) const {
  if (name.empty()) return path_;
  if (name.front() == '/') return name;
  return path_ == "/" ? "/" + name : path_ + "/" + name;
}

bool Object::has_attribute(const std::string& name) const {
  const htri_t exists = H5Aexists(id(), name.c_str());
  if (exists < 0) fail("check for attribute '" + name + "'");
  return exists > 0;
}

Handle Object::open_attribute(const std::string& name) const {
  if (!has_attribute(name)) {
    throw Error("HDF5: attribute '" + name + "' is missing (file '" + file_name_ + "', object '" +
                path_ + "')");
  }
  return Handle(check(H5Aopen(id(), name.c_str(), H5P_DEFAULT), "open attribute '" + name + "'"),
                H5Aclose);
}

void Object::write_attribute(const std::string& name, hid_t file_type, hid_t memory_type,
                             hid_t space, const void* data) {
  if (has_attribute(name))
    check_status(H5Adelete(id(), name.c_str()), "replace attribute '" + name + "'");
  Handle attribute(check(H5Acreate2(id(), name.c_str(), file_type, space, H5P_DEFAULT, H5P_DEFAULT),
                         "create attribute '" + name + "'"),
                   H5Aclose);
  check_status(H5Awrite(attribute.get(), memory_type, data), "write attribute '" + name + "'");
}

void Object::write_string_attribute(const std::string& name, const std::string& value) {
  const Handle type = variable_length_utf8_type(file_name_);
  const Handle space(check(H5Screate(H5S_SCALAR), "create a dataspace"), H5Sclose);
  const char* text = value.c_str();
  write_attribute(name, type.get(), type.get(), space.get(), &text);
}

void Object::write_int64_attribute(const std::string& name, std::int64_t value) {
  const Handle space(check(H5Screate(H5S_SCALAR), "create a dataspace"), H5Sclose);
  write_attribute(name, H5T_STD_I64LE, H5T_NATIVE_INT64, space.get(), &value);
}

void Object::write_uint64_attribute(const std::string& name, std::uint64_t value) {
  const Handle space(check(H5Screate(H5S_SCALAR), "create a dataspace"), H5Sclose);
  write_attribute(name, H5T_STD_U64LE, H5T_NATIVE_UINT64, space.get(), &value);
}

void Object::write_double_attribute(const std::string& name, double value) {
  const Handle space(check(H5Screate(H5S_SCALAR), "create a dataspace"), H5Sclose);
  write_attribute(name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, space.get(), &value);
}

void Object::write_string_array_attribute(const std::string& name,
                                          const std::vector<std::string>& values) {
  const Handle type = variable_length_utf8_type(file_name_);
  const Handle space = simple_space({values.size()}, {}, file_name_, path_);
  std::vector<const char*> texts;
  for (const auto& value : values) texts.push_back(value.c_str());
  write_attribute(name, type.get(), type.get(), space.get(), texts.data());
}

namespace {

// Reads variable-length strings from an attribute or dataset and frees HDF5's copies.
template <typename Reader>
std::vector<std::string> read_variable_strings(hid_t stored_type, hid_t space, std::size_t count,
                                               const std::string& file, const std::string& object,
                                               Reader read) {
  if (H5Tget_class(stored_type) != H5T_STRING || H5Tis_variable_str(stored_type) <= 0)
    throw Error("HDF5: expected variable-length strings (file '" + file + "', object '" + object + "')");
  const Handle memory_type = variable_length_utf8_type(file);
  std::vector<char*> raw(count, nullptr);
  if (read(memory_type.get(), raw.data()) < 0) raise(file, object, "read strings");
  std::vector<std::string> values;
  values.reserve(count);
  for (char* text : raw) values.emplace_back(text ? text : "");
  if (count > 0 && H5Dvlen_reclaim(memory_type.get(), space, H5P_DEFAULT, raw.data()) < 0)
    raise(file, object, "free strings read");
  return values;
}

}  // namespace

std::vector<std::string> Object::read_string_array_attribute(const std::string& name) const {
  const Handle attribute = open_attribute(name);
  const Handle type(check(H5Aget_type(attribute.get()), "get the type of '" + name + "'"), H5Tclose);
  const Handle space(check(H5Aget_space(attribute.get()), "get the space of '" + name + "'"), H5Sclose);
  const hssize_t count = H5Sget_simple_extent_npoints(space.get());
  if (count < 0) fail("count the elements of '" + name + "'");
  return read_variable_strings(type.get(), space.get(), static_cast<std::size_t>(count), file_name_,
                               path_ + " attribute " + name, [&](hid_t memory_type, void* buffer) {
                                 return H5Aread(attribute.get(), memory_type, buffer);
                               });
}

std::string Object::read_string_attribute(const std::string& name) const {
  auto values = read_string_array_attribute(name);
  if (values.size() != 1)
    throw Error("HDF5: attribute '" + name + "' holds " + std::to_string(values.size()) +
                " strings, expected one (file '" + file_name_ + "', object '" + path_ + "')");
  return values.front();
}

namespace {

template <typename T>
T read_scalar_attribute(const Object& object, hid_t attribute, hid_t memory_type,
                        const std::string& name) {
  const Handle type(H5Aget_type(attribute), H5Tclose);
  if (type.get() < 0 || H5Tget_class(type.get()) == H5T_STRING)
    throw Error("HDF5: attribute '" + name + "' is not a number (file '" + object.file_name() +
                "', object '" + object.path() + "')");
  T value{};
  if (H5Aread(attribute, memory_type, &value) < 0)
    raise(object.file_name(), object.path(), "read attribute '" + name + "'");
  return value;
}

}  // namespace

std::int64_t Object::read_int64_attribute(const std::string& name) const {
  return read_scalar_attribute<std::int64_t>(*this, open_attribute(name).get(), H5T_NATIVE_INT64, name);
}

std::uint64_t Object::read_uint64_attribute(const std::string& name) const {
  return read_scalar_attribute<std::uint64_t>(*this, open_attribute(name).get(), H5T_NATIVE_UINT64, name);
}

double Object::read_double_attribute(const std::string& name) const {
  return read_scalar_attribute<double>(*this, open_attribute(name).get(), H5T_NATIVE_DOUBLE, name);
}

// ---- Dataset ------------------------------------------------------------------------------

std::vector<std::size_t> Dataset::shape() const {
  const Handle space(check(H5Dget_space(id()), "get the dataspace"), H5Sclose);
  const int rank = H5Sget_simple_extent_ndims(space.get());
  if (rank < 0) fail("get the rank");
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  if (H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr) < 0) fail("get the dimensions");
  return std::vector<std::size_t>(dims.begin(), dims.end());
}

std::size_t Dataset::rows() const {
  const auto dims = shape();
  return dims.empty() ? 1 : dims.front();
}

ElementType Dataset::element_type() const {
  const Handle type(check(H5Dget_type(id()), "get the element type"), H5Tclose);
  switch (H5Tget_class(type.get())) {
    case H5T_FLOAT:
      return H5Tget_size(type.get()) == 8 ? ElementType::float64 : ElementType::other;
    case H5T_INTEGER:
      return H5Tget_size(type.get()) == 8 && H5Tget_sign(type.get()) == H5T_SGN_2 ? ElementType::int64
                                                                                  : ElementType::other;
    case H5T_STRING:
      return H5Tis_variable_str(type.get()) > 0 ? ElementType::string : ElementType::other;
    default:
      return ElementType::other;
  }
}

namespace {

std::size_t element_count(const std::vector<std::size_t>& shape) {
  return std::accumulate(shape.begin(), shape.end(), std::size_t{1}, std::multiplies<>());
}

}  // namespace

std::vector<double> Dataset::read_float64() const {
  std::vector<double> values(element_count(shape()));
  if (!values.empty())
    check_status(H5Dread(id(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
                 "read as float64");
  return values;
}

std::vector<std::int64_t> Dataset::read_int64() const {
  std::vector<std::int64_t> values(element_count(shape()));
  if (values.empty()) return values;
  const Handle type(check(H5Dget_type(id()), "get the element type"), H5Tclose);
  if (H5Tget_class(type.get()) != H5T_ENUM) {
    check_status(H5Dread(id(), H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
                 "read as int64");
    return values;
  }
  // HDF5 converts enums only to enums: read the codes in the enum's own (native) layout, then
  // widen them as the integer type the enum is based on.
  const Handle memory_type(check(H5Tget_native_type(type.get(), H5T_DIR_ASCEND), "get the native enum type"),
                           H5Tclose);
  const Handle base(check(H5Tget_super(memory_type.get()), "get the enum's integer type"), H5Tclose);
  check_status(H5Dread(id(), memory_type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), "read the codes");
  check_status(H5Tconvert(base.get(), H5T_NATIVE_INT64, values.size(), values.data(), nullptr, H5P_DEFAULT),
               "widen the codes to int64");
  return values;
}

std::vector<std::string> Dataset::enum_labels() const {
  const Handle type(check(H5Dget_type(id()), "get the element type"), H5Tclose);
  if (H5Tget_class(type.get()) != H5T_ENUM) return {};
  const int members = H5Tget_nmembers(type.get());
  if (members < 0) fail("count the enum's members");
  std::vector<std::string> labels;
  for (int member = 0; member < members; ++member) {
    char* name = H5Tget_member_name(type.get(), static_cast<unsigned>(member));
    if (name == nullptr) fail("read the name of enum member " + std::to_string(member));
    labels.emplace_back(name);
    H5free_memory(name);
  }
  return labels;
}

void Dataset::make_scale(const std::string& name) {
  check_status(H5DSset_scale(id(), name.c_str()), "make it the dimension scale '" + name + "'");
}

void Dataset::attach_scale(const Dataset& scale, unsigned axis) {
  check_status(H5DSattach_scale(id(), scale.id(), axis),
               "attach the dimension scale '" + scale.path() + "' to axis " + std::to_string(axis));
}

std::vector<std::string> Dataset::dimension_names() const {
  std::vector<std::string> names;
  for (std::size_t axis = 0; axis < shape().size(); ++axis) {
    std::string name;
    auto take_name = [](hid_t, unsigned, hid_t scale, void* sink) -> herr_t {
      const ssize_t length = H5DSget_scale_name(scale, nullptr, 0);
      if (length <= 0) return 0;
      std::string text(static_cast<std::size_t>(length) + 1, '\0');
      H5DSget_scale_name(scale, text.data(), text.size());
      text.resize(static_cast<std::size_t>(length));
      *static_cast<std::string*>(sink) = text;
      return 1;  // the first scale names the axis
    };
    const int scales = H5DSget_num_scales(id(), static_cast<unsigned>(axis));
    if (scales < 0) fail("count the scales of axis " + std::to_string(axis));
    if (scales > 0 &&
        H5DSiterate_scales(id(), static_cast<unsigned>(axis), nullptr, take_name, &name) < 0)
      fail("read the scale of axis " + std::to_string(axis));
    names.push_back(name);
  }
  return names;
}

std::vector<std::string> Dataset::read_strings() const {
  const Handle type(check(H5Dget_type(id()), "get the element type"), H5Tclose);
  const Handle space(check(H5Dget_space(id()), "get the dataspace"), H5Sclose);
  return read_variable_strings(type.get(), space.get(), element_count(shape()), file_name(), path(),
                               [&](hid_t memory_type, void* buffer) {
                                 return H5Dread(id(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer);
                               });
}

void Dataset::append_rows(const std::vector<double>& values) {
  append(values.data(), values.size(), H5T_NATIVE_DOUBLE);
}

void Dataset::append_rows(const std::vector<std::int64_t>& values) {
  append(values.data(), values.size(), H5T_NATIVE_INT64);
}

void Dataset::append(const void* values, std::size_t count, hid_t memory_type) {
  const auto dims = to_hsize(shape());
  if (dims.empty() || dims.size() > 2) fail("append rows to a dataset that is not 1-D or 2-D");
  const hsize_t width = dims.size() == 2 ? dims[1] : 1;
  if (width == 0 || count % width != 0)
    throw Error("HDF5: cannot append " + std::to_string(count) + " values as rows of width " +
                std::to_string(width) + " (file '" + file_name() + "', object '" + path() + "')");
  if (count == 0) return;
  std::vector<hsize_t> grown(dims);
  grown[0] += count / width;
  check_status(H5Dset_extent(id(), grown.data()), "extend to " + std::to_string(grown[0]) + " rows");

  std::vector<hsize_t> start(dims.size(), 0), block(dims);
  start[0] = dims[0];
  block[0] = count / width;
  const Handle file_space(check(H5Dget_space(id()), "get the dataspace"), H5Sclose);
  check_status(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr,
                                   block.data(), nullptr),
               "select the appended rows");
  const Handle memory_space = simple_space(block, {}, file_name(), path());
  check_status(H5Dwrite(id(), memory_type, memory_space.get(), file_space.get(), H5P_DEFAULT, values),
               "write appended rows");
}

// ---- Group --------------------------------------------------------------------------------

bool Group::contains(const std::string& path) const {
  std::string prefix = path.starts_with('/') ? "/" : "";
  for (const auto& part : split_path(path)) {
    prefix += part;
    const htri_t exists = H5Lexists(id(), prefix.c_str(), H5P_DEFAULT);
    if (exists < 0) fail("look up '" + prefix + "'");
    if (exists == 0) return false;
    prefix += "/";
  }
  return true;
}

Group Group::open_group(const std::string& path) const {
  const std::string full = child_path(path);
  if (!contains(path)) throw Error("HDF5: group '" + full + "' does not exist (file '" + file_name() + "')");
  return Group(Handle(check(H5Gopen2(id(), path.c_str(), H5P_DEFAULT), "open group '" + full + "'"),
                      H5Gclose),
               file_name(), full);
}

Group Group::require_group(const std::string& path) {
  Group current(Handle(check(H5Oopen(id(), ".", H5P_DEFAULT), "reopen"), H5Oclose), file_name(),
                this->path());
  for (const auto& part : split_path(path)) {
    const std::string full = current.child_path(part);
    if (current.contains(part)) {
      current = current.open_group(part);
      continue;
    }
    const Handle creation = group_creation_list(file_name());
    current = Group(Handle(check(H5Gcreate2(current.id(), part.c_str(), H5P_DEFAULT, creation.get(),
                                            H5P_DEFAULT),
                                 "create group '" + full + "'"),
                           H5Gclose),
                    file_name(), full);
  }
  return current;
}

Dataset Group::open_dataset(const std::string& path) const {
  const std::string full = child_path(path);
  if (!contains(path))
    throw Error("HDF5: dataset '" + full + "' does not exist (file '" + file_name() + "')");
  return Dataset(Handle(check(H5Dopen2(id(), path.c_str(), H5P_DEFAULT), "open dataset '" + full + "'"),
                        H5Dclose),
                 file_name(), full);
}

std::vector<Group::Member> Group::members() const {
  const Handle creation(check(H5Gget_create_plist(id()), "get the creation properties"), H5Pclose);
  unsigned order_flags = 0;
  check_status(H5Pget_link_creation_order(creation.get(), &order_flags), "get the link order");
  const H5_index_t index =
      (order_flags & H5P_CRT_ORDER_INDEXED) ? H5_INDEX_CRT_ORDER : H5_INDEX_NAME;

  std::vector<Member> found;
  auto collect = [](hid_t group, const char* name, const H5L_info_t*, void* sink) -> herr_t {
    Member member{name, Member::Kind::other};
    const hid_t object = H5Oopen(group, name, H5P_DEFAULT);
    if (object >= 0) {
      const H5I_type_t type = H5Iget_type(object);
      if (type == H5I_GROUP) member.kind = Member::Kind::group;
      if (type == H5I_DATASET) member.kind = Member::Kind::dataset;
      H5Oclose(object);
    } else {
      H5Eclear2(H5E_DEFAULT);  // a dangling link is listed as "other"
    }
    static_cast<std::vector<Member>*>(sink)->push_back(std::move(member));
    return 0;
  };
  hsize_t position = 0;
  check_status(H5Literate(id(), index, H5_ITER_INC, &position, collect, &found), "list members");
  return found;
}

Dataset Group::create_dataset(const std::string& path, hid_t file_type, const std::vector<hsize_t>& dims,
                              const std::vector<hsize_t>& max_dims, const std::vector<hsize_t>& chunk) {
  const auto [parent_path, leaf] = split_parent(path);
  Group parent = require_group(parent_path);
  const std::string full = parent.child_path(leaf);

  const Handle creation = property_list(H5P_DATASET_CREATE, file_name());
  if (H5Pset_obj_track_times(creation.get(), 0) < 0 ||
      H5Pset_chunk(creation.get(), static_cast<int>(chunk.size()), chunk.data()) < 0 ||
      H5Pset_shuffle(creation.get()) < 0 || H5Pset_deflate(creation.get(), kDeflateLevel) < 0 ||
      (!holds_variable_length(file_type) && H5Pset_fletcher32(creation.get()) < 0))
    fail("configure chunking, compression and checksums for '" + full + "'");
  const Handle space = simple_space(dims, max_dims, file_name(), full);
  return Dataset(Handle(parent.check(H5Dcreate2(parent.id(), leaf.c_str(), file_type, space.get(),
                                                H5P_DEFAULT, creation.get(), H5P_DEFAULT),
                                     "create dataset '" + full + "'"),
                        H5Dclose),
                 file_name(), full);
}

Dataset Group::write_numbers(const std::string& path, const void* values, std::size_t count,
                             const std::vector<std::size_t>& shape, hid_t file_type, hid_t memory_type,
                             std::size_t element_bytes) {
  require_matching_size(count, shape, file_name(), child_path(path));
  const auto dims = to_hsize(shape);
  Dataset dataset = create_dataset(path, file_type, dims, max_dims_for(dims), chunk_shape(dims, element_bytes));
  if (count > 0)
    dataset.check_status(H5Dwrite(dataset.id(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values), "write");
  return dataset;
}

Dataset Group::write_float64_dataset(const std::string& path, const std::vector<double>& values,
                                     const std::vector<std::size_t>& shape) {
  return write_numbers(path, values.data(), values.size(), shape, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, 8);
}

Dataset Group::write_int64_dataset(const std::string& path, const std::vector<std::int64_t>& values,
                                   const std::vector<std::size_t>& shape) {
  return write_numbers(path, values.data(), values.size(), shape, H5T_STD_I64LE, H5T_NATIVE_INT64, 8);
}

Dataset Group::write_uint8_dataset(const std::string& path, const std::vector<std::uint8_t>& values,
                                   const std::vector<std::size_t>& shape) {
  return write_numbers(path, values.data(), values.size(), shape, H5T_STD_U8LE, H5T_NATIVE_UINT8, 1);
}

Dataset Group::write_enum_dataset(const std::string& path, const std::vector<std::uint8_t>& codes,
                                  const std::vector<std::string>& labels) {
  const std::string full = child_path(path);
  const Handle type(check(H5Tenum_create(H5T_NATIVE_UINT8), "create an enum type for '" + full + "'"), H5Tclose);
  for (std::size_t code = 0; code < labels.size(); ++code) {
    const auto value = static_cast<std::uint8_t>(code);
    if (code > 255 || H5Tenum_insert(type.get(), labels[code].c_str(), &value) < 0)
      fail("make label '" + labels[code] + "' code " + std::to_string(code) + " of the enum of '" + full +
           "' (labels must be distinct, non-empty and at most 256)");
  }
  return write_numbers(path, codes.data(), codes.size(), {codes.size()}, type.get(), type.get(), 1);
}

Dataset Group::write_string_dataset(const std::string& path, const std::vector<std::string>& values) {
  const Handle type = variable_length_utf8_type(file_name());
  const std::vector<hsize_t> dims{values.size()};
  Dataset dataset =
      create_dataset(path, type.get(), dims, max_dims_for(dims), chunk_shape(dims, sizeof(hvl_t)));
  std::vector<const char*> texts;
  texts.reserve(values.size());
  for (const auto& value : values) texts.push_back(value.c_str());
  if (!texts.empty())
    dataset.check_status(H5Dwrite(dataset.id(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, texts.data()),
                         "write");
  return dataset;
}

Dataset Group::create_extendable_dataset(const std::string& path, ElementType type,
                                         std::size_t row_width, std::size_t chunk_rows) {
  hid_t file_type = H5T_IEEE_F64LE;
  if (type == ElementType::int64) file_type = H5T_STD_I64LE;
  else if (type != ElementType::float64)
    throw Error("HDF5: extendable datasets hold float64 or int64 (file '" + file_name() +
                "', object '" + child_path(path) + "')");
  std::vector<hsize_t> dims{0}, max_dims{H5S_UNLIMITED}, chunk{std::max<hsize_t>(chunk_rows, 1)};
  if (row_width > 0) {
    dims.push_back(row_width);
    max_dims.push_back(row_width);
    chunk.push_back(row_width);
  }
  return create_dataset(path, file_type, dims, max_dims, chunk);
}

// ---- File ---------------------------------------------------------------------------------

File File::create(const std::filesystem::path& path, Existing existing) {
  silence_automatic_error_printing();
  const std::string name = path.string();
  // The root group is configured through the file creation list like any other group.
  const Handle creation = property_list(H5P_FILE_CREATE, name);
  if (H5Pset_obj_track_times(creation.get(), 0) < 0 ||
      H5Pset_link_creation_order(creation.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED) < 0 ||
      H5Pset_userblock(creation.get(), kUserBlockBytes) < 0)
    raise(name, "/", "configure file creation");
  const Handle access = property_list(H5P_FILE_ACCESS, name);
  // Closing must fail loudly, not linger, if a handle into the file is still open. The 1.8 object
  // format checksums HDF5's own metadata and stores attributes too large for an object header
  // (such as the column names of a series over 4,096 buurten) in dense storage.
  if (H5Pset_fclose_degree(access.get(), H5F_CLOSE_SEMI) < 0 ||
      H5Pset_libver_bounds(access.get(), H5F_LIBVER_V18, H5F_LIBVER_LATEST) < 0)
    raise(name, "/", "configure file access");
  const unsigned flags = existing == Existing::truncate ? H5F_ACC_TRUNC : H5F_ACC_EXCL;
  return File(Handle(check_id(H5Fcreate(name.c_str(), flags, creation.get(), access.get()), name, "/",
                              "create the file"),
                     H5Fclose),
              name);
}

namespace {

Handle open_file(const std::string& name, unsigned flags) {
  silence_automatic_error_printing();
  if (!std::filesystem::exists(name))
    throw Error("HDF5: cannot open file '" + name + "': it does not exist");
  // The default close degree: a stricter one would refuse files this process already has open.
  return Handle(check_id(H5Fopen(name.c_str(), flags, H5P_DEFAULT), name, "/", "open the file"), H5Fclose);
}

}  // namespace

File File::open_read_only(const std::filesystem::path& path) {
  return File(open_file(path.string(), H5F_ACC_RDONLY), path.string());
}

File File::open_read_write(const std::filesystem::path& path) {
  return File(open_file(path.string(), H5F_ACC_RDWR), path.string());
}

Group File::root() const {
  return Group(Handle(check_id(H5Gopen2(handle_.get(), "/", H5P_DEFAULT), name_, "/", "open the root group"),
                      H5Gclose),
               name_, "/");
}

void File::flush() {
  if (H5Fflush(handle_.get(), H5F_SCOPE_GLOBAL) < 0) raise(name_, "/", "flush the file");
}

// Checked before closing, because a close is attempted only once (see Handle::close).
void File::close() {
  const ssize_t open_objects = H5Fget_obj_count(handle_.get(), H5F_OBJ_ALL | H5F_OBJ_LOCAL);
  if (open_objects > 1)
    throw Error("HDF5: cannot close the file (file '" + name_ + "'): " + std::to_string(open_objects - 1) +
                " group(s), dataset(s) or attribute(s) are still open");
  if (!handle_.close()) raise(name_, "/", "close the file (writing its last data failed)");
}

bool is_hdf5_file(const std::filesystem::path& path) {
  silence_automatic_error_printing();
  if (!std::filesystem::is_regular_file(path)) return false;
  const htri_t result = H5Fis_hdf5(path.string().c_str());
  if (result < 0) H5Eclear2(H5E_DEFAULT);
  return result > 0;
}

}  // namespace wijksim::h5
