#include "engine/hdf5/handle.h"

#include <utility>

#include "engine/hdf5/error.h"

namespace seatcast::h5 {

Handle& Handle::operator=(Handle&& other) noexcept {
  if (this != &other) {
    Handle old(std::exchange(id_, other.release()));
  }
  return *this;
}

Handle::~Handle() {
  if (id_ >= 0) {
    ErrorSilencer silence;
    H5Idec_ref(id_);
  }
}

hid_t Handle::release() noexcept {
  return std::exchange(id_, H5I_INVALID_HID);
}

void Handle::close() {
  if (id_ < 0) return;
  ErrorSilencer silence;
  hid_t id = release();
  if (H5Idec_ref(id) < 0) throw Error("HDF5 failed to release an identifier");
}

}  // namespace seatcast::h5
