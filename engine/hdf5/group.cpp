#include "engine/hdf5/group.h"

#include <string>

#include "engine/hdf5/detail.h"
#include "engine/hdf5/error.h"

namespace seatcast::h5 {
namespace {

Handle open_group_quiet(hid_t loc, std::string_view path) {
  std::string name(path.empty() ? "." : path);
  Handle object = detail::checked(H5Oopen(loc, name.c_str(), H5P_DEFAULT), loc, path, "open");
  if (H5Iget_type(object.id()) != H5I_GROUP) detail::wrong(loc, path, "not a group");
  return object;
}

}  // namespace

Handle group(const Handle& parent, std::string_view path) {
  ErrorSilencer silence;
  hid_t loc = parent.id();
  if (detail::exists(loc, path)) return open_group_quiet(loc, path);
  Handle lcpl = detail::checked(H5Pcreate(H5P_LINK_CREATE), loc, path, "create group");
  detail::check(H5Pset_create_intermediate_group(lcpl.id(), 1), loc, path, "create group");
  detail::check(H5Pset_char_encoding(lcpl.id(), H5T_CSET_UTF8), loc, path, "create group");
  std::string name(path);
  return detail::checked(H5Gcreate2(loc, name.c_str(), lcpl.id(), H5P_DEFAULT, H5P_DEFAULT), loc,
                         path, "create group");
}

Handle open_group(const Handle& parent, std::string_view path) {
  ErrorSilencer silence;
  if (!detail::exists(parent.id(), path)) detail::not_found(parent.id(), path);
  return open_group_quiet(parent.id(), path);
}

bool exists(const Handle& loc, std::string_view path) {
  ErrorSilencer silence;
  return detail::exists(loc.id(), path);
}

void remove(const Handle& loc, std::string_view path) {
  ErrorSilencer silence;
  if (!detail::exists(loc.id(), path)) return;
  const std::string name(path);
  detail::check(H5Ldelete(loc.id(), name.c_str(), H5P_DEFAULT), loc.id(), path, "remove");
}

void link(const Handle& loc, std::string_view target, std::string_view path) {
  ErrorSilencer silence;
  Handle lcpl = detail::checked(H5Pcreate(H5P_LINK_CREATE), loc.id(), path, "link");
  detail::check(H5Pset_create_intermediate_group(lcpl.id(), 1), loc.id(), path, "link");
  const std::string from(target), name(path);
  detail::check(
      H5Lcreate_hard(loc.id(), from.c_str(), loc.id(), name.c_str(), lcpl.id(), H5P_DEFAULT),
      loc.id(), path, "link");
}

namespace {
herr_t collect(hid_t /*group*/, const char* name, const H5L_info_t* /*info*/, void* out) {
  static_cast<std::vector<std::string>*>(out)->emplace_back(name);
  return 0;
}
}  // namespace

std::vector<std::string> members(const Handle& group) {
  ErrorSilencer silence;
  std::vector<std::string> names;
  detail::check(H5Literate(group.id(), H5_INDEX_NAME, H5_ITER_INC, nullptr, collect, &names),
                group.id(), ".", "list members of");
  return names;
}

}  // namespace seatcast::h5
