// Errors of the HDF5 interface. Every failing operation throws seatcast::h5::Error with a
// message that names the file and the object path, e.g.
//   cannot open 'x.h5': not an HDF5 file
//   '/mazhilis/seats_pr' not found in 'x.h5'
// The HDF5 library's own error printing is switched off while the interface runs
// (ErrorSilencer); its innermost message is appended to ours where it helps.
#pragma once

#include <stdexcept>
#include <string>

#include <hdf5.h>

namespace seatcast::h5 {

// Any failure of an HDF5 operation: missing object, wrong type, I/O error, bad file.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Scoped switch-off of the HDF5 error printing on this thread: saves the current automatic
// error handler, installs none, restores the saved one on destruction. Nests.
class ErrorSilencer {
 public:
  ErrorSilencer() noexcept;
  ~ErrorSilencer();
  ErrorSilencer(const ErrorSilencer&) = delete;
  ErrorSilencer& operator=(const ErrorSilencer&) = delete;

 private:
  H5E_auto2_t func_ = nullptr;
  void* data_ = nullptr;
  bool saved_ = false;
};

}  // namespace seatcast::h5
