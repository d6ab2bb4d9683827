#include "engine/hdf5/detail.h"

#include <cstdint>
#include <limits>
#include <type_traits>

namespace seatcast::h5::detail {
namespace {

herr_t innermost(unsigned /*n*/, const H5E_error2_t* err, void* out) {
  auto* message = static_cast<std::string*>(out);
  if (message->empty() && err != nullptr && err->desc != nullptr && err->desc[0] != '\0') {
    *message = err->desc;
  }
  return 0;
}

// Reads a name through one of HDF5's (id, buffer, size) -> length functions.
template <class Getter>
std::string get_name(Getter getter, hid_t id) {
  ssize_t length = getter(id, nullptr, 0);
  if (length <= 0) return {};
  std::string name(static_cast<std::size_t>(length) + 1, '\0');
  if (getter(id, name.data(), name.size()) < 0) return {};
  name.resize(static_cast<std::size_t>(length));
  return name;
}

}  // namespace

std::string hdf5_message() {
  std::string message;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, innermost, &message);
  // System call failures carry time, descriptor and buffer addresses; keep what and why:
  // "file write failed: No space left on device".
  static constexpr std::string_view errno_key = ", error message = '";
  if (std::size_t at = message.find(errno_key); at != std::string::npos) {
    std::size_t start = at + errno_key.size();
    std::size_t end = message.find('\'', start);
    std::string what = message.substr(0, message.find(':'));
    message = what + ": " + message.substr(start, end == std::string::npos ? end : end - start);
  }
  for (char& c : message) {
    if (c == '\n') c = ' ';
  }
  while (!message.empty() && message.back() == ' ') message.pop_back();
  return message;
}

std::string file_name(hid_t loc) {
  std::string name = get_name(H5Fget_name, loc);
  return name.empty() ? std::string("?") : name;
}

std::string object_path(hid_t loc, std::string_view name) {
  if (!name.empty() && name.front() == '/') return std::string(name);
  std::string base = get_name(H5Iget_name, loc);
  if (base.empty()) base.push_back('/');
  if (name.empty() || name == ".") return base;
  if (base.back() != '/') base += '/';
  return base + std::string(name);
}

void fail(hid_t loc, std::string_view name, std::string_view action) {
  std::string message = hdf5_message();  // before any other HDF5 call clears the stack
  std::string text = "cannot " + std::string(action) + " '" + object_path(loc, name) + "' in '" +
                     file_name(loc) + "'";
  if (!message.empty()) text += ": " + message;
  throw Error(text);
}

void not_found(hid_t loc, std::string_view name) {
  throw Error("'" + object_path(loc, name) + "' not found in '" + file_name(loc) + "'");
}

void wrong(hid_t loc, std::string_view name, std::string_view problem) {
  throw Error("'" + object_path(loc, name) + "' in '" + file_name(loc) +
              "': " + std::string(problem));
}

Handle checked(hid_t id, hid_t loc, std::string_view name, std::string_view action) {
  if (id < 0) fail(loc, name, action);
  return Handle(id);
}

void check(herr_t status, hid_t loc, std::string_view name, std::string_view action) {
  if (status < 0) fail(loc, name, action);
}

template <Element T>
hid_t native_type() {
  if constexpr (std::same_as<T, std::uint64_t>) return H5T_NATIVE_UINT64;
  if constexpr (std::same_as<T, std::int64_t>) return H5T_NATIVE_INT64;
  if constexpr (std::same_as<T, std::uint32_t>) return H5T_NATIVE_UINT32;
  if constexpr (std::same_as<T, std::int32_t>) return H5T_NATIVE_INT32;
  if constexpr (std::same_as<T, std::uint16_t>) return H5T_NATIVE_UINT16;
  if constexpr (std::same_as<T, std::uint8_t>) return H5T_NATIVE_UINT8;
  if constexpr (std::same_as<T, double>) return H5T_NATIVE_DOUBLE;
  if constexpr (std::same_as<T, float>) return H5T_NATIVE_FLOAT;
}

template <Element T>
bool holds(hid_t type) {
  if (H5Tget_size(type) != sizeof(T)) return false;
  H5T_class_t cls = H5Tget_class(type);
  if constexpr (std::floating_point<T>) {
    return cls == H5T_FLOAT;
  } else {
    if (cls != H5T_INTEGER) return false;
    H5T_sign_t sign = H5Tget_sign(type);
    return std::is_signed_v<T> ? sign == H5T_SGN_2 : sign == H5T_SGN_NONE;
  }
}

#define SEATCAST_H5_INSTANTIATE(T) \
  template hid_t native_type<T>(); \
  template bool holds<T>(hid_t);
SEATCAST_H5_FOR_EACH_ELEMENT(SEATCAST_H5_INSTANTIATE)
#undef SEATCAST_H5_INSTANTIATE

std::string type_name(hid_t type) {
  std::string bits = std::to_string(8 * H5Tget_size(type));
  switch (H5Tget_class(type)) {
    case H5T_INTEGER:
      return (H5Tget_sign(type) == H5T_SGN_NONE ? "uint" : "int") + bits;
    case H5T_FLOAT:
      return "float" + bits;
    case H5T_STRING:
      return "string";
    case H5T_COMPOUND:
      return "compound";
    case H5T_ENUM:
      return "enum";
    case H5T_ARRAY:
      return "array";
    case H5T_VLEN:
      return "variable-length sequence";
    case H5T_BITFIELD:
      return "bitfield";
    case H5T_OPAQUE:
      return "opaque";
    case H5T_REFERENCE:
      return "reference";
    default:
      return "unknown type";
  }
}

Handle vlen_string_type() {
  Handle type(H5Tcopy(H5T_C_S1));
  if (!type || H5Tset_size(type.id(), H5T_VARIABLE) < 0 ||
      H5Tset_cset(type.id(), H5T_CSET_UTF8) < 0) {
    throw Error("cannot make a variable-length string type: " + hdf5_message());
  }
  return type;
}

bool is_string(hid_t type) {
  return H5Tget_class(type) == H5T_STRING;
}

std::vector<hsize_t> extent(hid_t space) {
  int rank = H5Sget_simple_extent_ndims(space);
  if (rank < 0) throw Error("cannot read a dataspace: " + hdf5_message());
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  if (rank > 0 && H5Sget_simple_extent_dims(space, dims.data(), nullptr) < 0) {
    throw Error("cannot read a dataspace: " + hdf5_message());
  }
  return dims;
}

hsize_t element_count(const std::vector<hsize_t>& dims) {
  hsize_t count = 1;
  for (hsize_t d : dims) {
    if (d != 0 && count > std::numeric_limits<hsize_t>::max() / d) {
      throw Error("dimensions " + dims_text(dims) + " overflow");
    }
    count *= d;
  }
  return count;
}

std::string dims_text(const std::vector<hsize_t>& dims) {
  std::string text = "[";
  for (std::size_t i = 0; i < dims.size(); ++i) {
    if (i > 0) text += ", ";
    text += std::to_string(dims[i]);
  }
  return text + "]";
}

}  // namespace seatcast::h5::detail

namespace seatcast::h5::detail {

bool exists(hid_t loc, std::string_view path) {
  if (path.empty() || path == "." || path == "/") return true;
  std::string name(path);
  // H5Lexists fails unless every intermediate link exists, so test each prefix in turn.
  std::size_t pos = name.front() == '/' ? 1 : 0;
  while (pos <= name.size()) {
    std::size_t slash = name.find('/', pos);
    if (slash == std::string::npos) slash = name.size();
    if (slash > pos) {  // skip empty components ("a//b", trailing '/')
      if (H5Lexists(loc, name.substr(0, slash).c_str(), H5P_DEFAULT) <= 0) return false;
    }
    pos = slash + 1;
  }
  // The link exists; make sure it leads to an object (not a dangling soft link).
  return H5Oexists_by_name(loc, name.c_str(), H5P_DEFAULT) > 0;
}

void close(Handle& handle, hid_t loc, std::string_view name) {
  if (!handle) return;
  check(H5Idec_ref(handle.release()), loc, name, "close");
}

void check_c_string(std::string_view text, hid_t loc, std::string_view name) {
  if (text.find('\0') != std::string_view::npos) {
    wrong(loc, name, "string contains a NUL byte, which HDF5 strings cannot hold");
  }
}

}  // namespace seatcast::h5::detail
