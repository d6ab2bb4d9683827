// Handle: the owner of one HDF5 identifier (file, group, dataset, dataspace, datatype,
// attribute, property list). Move-only; the identifier is released when the handle dies.
// Functions of the interface take `const Handle&` as the location (a file or a group)
// to work in; id() is the escape hatch to the raw HDF5 C API.
#pragma once

#include <hdf5.h>

namespace seatcast::h5 {

class Handle {
 public:
  Handle() noexcept = default;
  // Takes ownership of `id` (a negative id makes an empty handle).
  explicit Handle(hid_t id) noexcept : id_(id < 0 ? H5I_INVALID_HID : id) {}
  Handle(Handle&& other) noexcept : id_(other.release()) {}
  Handle& operator=(Handle&& other) noexcept;
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  // Releases the identifier, ignoring errors (use close() to see them).
  ~Handle();

  // The raw identifier, H5I_INVALID_HID when empty.
  hid_t id() const noexcept { return id_; }
  // True when the handle owns an identifier.
  bool valid() const noexcept { return id_ >= 0; }
  explicit operator bool() const noexcept { return valid(); }
  // Gives up ownership without releasing; returns the identifier.
  hid_t release() noexcept;
  // Releases the identifier now; throws Error when HDF5 reports a failure. No-op if empty.
  void close();

 private:
  hid_t id_ = H5I_INVALID_HID;
};

}  // namespace seatcast::h5
