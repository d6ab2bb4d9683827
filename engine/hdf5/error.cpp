#include "engine/hdf5/error.h"

namespace seatcast::h5 {

ErrorSilencer::ErrorSilencer() noexcept {
  saved_ = H5Eget_auto2(H5E_DEFAULT, &func_, &data_) >= 0;
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

ErrorSilencer::~ErrorSilencer() {
  if (saved_) H5Eset_auto2(H5E_DEFAULT, func_, data_);
}

}  // namespace seatcast::h5
