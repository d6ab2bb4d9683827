#include "engine/hdf5/attribute.h"

#include <string>
#include <vector>

#include "engine/hdf5/detail.h"
#include "engine/hdf5/error.h"

namespace seatcast::h5 {
namespace {

// "attribute 'units' of '/mazhilis' in 'x.h5'"
std::string where(hid_t object, std::string_view name) {
  return "attribute '" + std::string(name) + "' of '" + detail::object_path(object, ".") +
         "' in '" + detail::file_name(object) + "'";
}

[[noreturn]] void fail(hid_t object, std::string_view name, std::string_view action) {
  std::string message = detail::hdf5_message();  // before other calls clear the stack
  std::string text = "cannot " + std::string(action) + " " + where(object, name);
  if (!message.empty()) text += ": " + message;
  throw Error(text);
}

[[noreturn]] void wrong(hid_t object, std::string_view name, std::string_view problem) {
  throw Error(where(object, name) + ": " + std::string(problem));
}

Handle checked(hid_t id, hid_t object, std::string_view name, std::string_view action) {
  if (id < 0) fail(object, name, action);
  return Handle(id);
}

void check(herr_t status, hid_t object, std::string_view name, std::string_view action) {
  if (status < 0) fail(object, name, action);
}

// Creates attribute `name` of `object`, removing an existing one of that name first.
Handle create(hid_t object, std::string_view name, hid_t type, hid_t space) {
  std::string key(name);
  htri_t present = H5Aexists(object, key.c_str());
  if (present < 0) fail(object, name, "write");
  if (present > 0) check(H5Adelete(object, key.c_str()), object, name, "replace");
  Handle acpl = checked(H5Pcreate(H5P_ATTRIBUTE_CREATE), object, name, "write");
  check(H5Pset_char_encoding(acpl.id(), H5T_CSET_UTF8), object, name, "write");
  return checked(H5Acreate2(object, key.c_str(), type, space, acpl.id(), H5P_DEFAULT), object, name,
                 "write");
}

// Opens attribute `name` of `object`; returns it with its stored type and dataspace.
struct Opened {
  Handle attribute, type, space;
};
Opened open(hid_t object, std::string_view name) {
  std::string key(name);
  htri_t present = H5Aexists(object, key.c_str());
  if (present < 0) fail(object, name, "read");
  if (present == 0) throw Error(where(object, name) + " not found");
  Opened opened;
  opened.attribute = checked(H5Aopen(object, key.c_str(), H5P_DEFAULT), object, name, "open");
  opened.type = checked(H5Aget_type(opened.attribute.id()), object, name, "read");
  opened.space = checked(H5Aget_space(opened.attribute.id()), object, name, "read");
  return opened;
}

void close(Handle& attribute, hid_t object, std::string_view name) {
  check(H5Aclose(attribute.release()), object, name, "write");
}

}  // namespace

bool has_attribute(const Handle& object, std::string_view name) {
  ErrorSilencer silence;
  std::string key(name);
  htri_t present = H5Aexists(object.id(), key.c_str());
  if (present < 0) fail(object.id(), name, "look up");
  return present > 0;
}

void remove_attribute(const Handle& object, std::string_view name) {
  if (!has_attribute(object, name)) return;
  ErrorSilencer silence;
  const std::string key(name);
  if (H5Adelete(object.id(), key.c_str()) < 0) fail(object.id(), name, "remove");
}

void write_string_attribute(const Handle& object, std::string_view name, std::string_view value) {
  ErrorSilencer silence;
  std::string text(value);
  if (text.find('\0') != std::string::npos) {
    wrong(object.id(), name, "string contains a NUL byte, which HDF5 strings cannot hold");
  }
  const char* pointer = text.c_str();
  Handle type = detail::vlen_string_type();
  Handle space = checked(H5Screate(H5S_SCALAR), object.id(), name, "write");
  Handle attribute = create(object.id(), name, type.id(), space.id());
  check(H5Awrite(attribute.id(), type.id(), &pointer), object.id(), name, "write");
  close(attribute, object.id(), name);
}

std::string read_string_attribute(const Handle& object, std::string_view name) {
  ErrorSilencer silence;
  Opened opened = open(object.id(), name);
  if (!detail::is_string(opened.type.id())) {
    wrong(object.id(), name, "holds " + detail::type_name(opened.type.id()) + ", not a string");
  }
  std::vector<std::string> values = detail::read_string_values(
      opened.type.id(), opened.space.id(), [&](hid_t memory, void* buffer) {
        check(H5Aread(opened.attribute.id(), memory, buffer), object.id(), name, "read");
      });
  if (values.size() != 1) {
    wrong(object.id(), name, "holds " + std::to_string(values.size()) + " strings, expected one");
  }
  return std::move(values.front());
}

template <Element T>
void write_attribute(const Handle& object, std::string_view name, T value) {
  ErrorSilencer silence;
  Handle space = checked(H5Screate(H5S_SCALAR), object.id(), name, "write");
  Handle attribute = create(object.id(), name, detail::native_type<T>(), space.id());
  check(H5Awrite(attribute.id(), detail::native_type<T>(), &value), object.id(), name, "write");
  close(attribute, object.id(), name);
}

template <Element T>
T read_attribute(const Handle& object, std::string_view name) {
  ErrorSilencer silence;
  Opened opened = open(object.id(), name);
  if (!detail::holds<T>(opened.type.id())) {
    wrong(object.id(), name,
          "holds " + detail::type_name(opened.type.id()) + ", cannot be read as " +
              std::string(element_name<T>()));
  }
  std::vector<hsize_t> dims = detail::extent(opened.space.id());
  if (detail::element_count(dims) != 1) {
    wrong(object.id(), name, "holds " + detail::dims_text(dims) + " values, expected one");
  }
  T value{};
  check(H5Aread(opened.attribute.id(), detail::native_type<T>(), &value), object.id(), name,
        "read");
  return value;
}

#define SEATCAST_H5_INSTANTIATE(T)                                      \
  template void write_attribute<T>(const Handle&, std::string_view, T); \
  template T read_attribute<T>(const Handle&, std::string_view);
SEATCAST_H5_FOR_EACH_ELEMENT(SEATCAST_H5_INSTANTIATE)
#undef SEATCAST_H5_INSTANTIATE

}  // namespace seatcast::h5
