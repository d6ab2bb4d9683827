#include "engine/hdf5/error.h"

namespace seatcast::h5 {
namespace {

// HDF5 1.10 registers an exit handler that closes the files still open. When a file's last
// flush failed (a full disk), HDF5 has already freed the file but keeps its identifier, and
// that handler then reads freed memory: a crash or an endless loop at exit, after the error
// was reported cleanly. Files here are closed by their owners (File, Handle), so opt out of
// the handler; this has to happen before HDF5 initialises, hence a static initialiser.
[[maybe_unused]] const bool no_exit_handler = [] {
  H5dont_atexit();
  return true;
}();

}  // namespace

ErrorSilencer::ErrorSilencer() noexcept {
  saved_ = H5Eget_auto2(H5E_DEFAULT, &func_, &data_) >= 0;
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

ErrorSilencer::~ErrorSilencer() {
  if (saved_) H5Eset_auto2(H5E_DEFAULT, func_, data_);
}

}  // namespace seatcast::h5
