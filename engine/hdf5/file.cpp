#include "engine/hdf5/file.h"

#include <system_error>
#include <utility>

#include "engine/hdf5/detail.h"
#include "engine/hdf5/error.h"

namespace seatcast::h5 {
namespace {

[[noreturn]] void file_error(std::string_view action, const std::filesystem::path& path,
                             std::string_view reason) {
  std::string text = "cannot " + std::string(action) + " '" + path.string() + "'";
  if (!reason.empty()) text += ": " + std::string(reason);
  throw Error(text);
}

// File access properties of the interface: 1.8 formats and later (dense attribute storage).
Handle access_plist(std::string_view action, const std::filesystem::path& path) {
  Handle fapl(H5Pcreate(H5P_FILE_ACCESS));
  if (!fapl || H5Pset_libver_bounds(fapl.id(), H5F_LIBVER_V18, H5F_LIBVER_LATEST) < 0) {
    file_error(action, path, detail::hdf5_message());
  }
  return fapl;
}

Handle open_existing(const std::filesystem::path& path, unsigned flags, std::string_view action) {
  std::error_code ec;
  auto status = std::filesystem::status(path, ec);
  if (!std::filesystem::exists(status)) file_error(action, path, "no such file");
  if (std::filesystem::is_directory(status)) file_error(action, path, "is a directory");
  htri_t hdf5 = H5Fis_hdf5(path.c_str());
  if (hdf5 == 0) file_error(action, path, "not an HDF5 file");
  if (hdf5 < 0) file_error(action, path, detail::hdf5_message());
  Handle fapl = access_plist(action, path);
  hid_t id = H5Fopen(path.c_str(), flags, fapl.id());
  if (id < 0) {
    std::string message = detail::hdf5_message();
    file_error(action, path, message.empty() ? "damaged HDF5 file" : message);
  }
  return Handle(id);
}

}  // namespace

File File::create(const std::filesystem::path& path) {
  ErrorSilencer silence;
  Handle fapl = access_plist("create", path);
  hid_t id = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl.id());
  if (id < 0) file_error("create", path, detail::hdf5_message());
  return File(Handle(id), path);
}

File File::open_read(const std::filesystem::path& path) {
  ErrorSilencer silence;
  return File(open_existing(path, H5F_ACC_RDONLY, "open"), path);
}

File File::open_write(const std::filesystem::path& path) {
  ErrorSilencer silence;
  return File(open_existing(path, H5F_ACC_RDWR, "open for writing"), path);
}

void File::flush() {
  if (!handle_) throw Error("cannot flush '" + path_.string() + "': file is closed");
  ErrorSilencer silence;
  if (H5Fflush(handle_.id(), H5F_SCOPE_GLOBAL) < 0) {
    file_error("flush", path_, detail::hdf5_message());
  }
}

void File::close() {
  if (!handle_) return;
  ErrorSilencer silence;
  Handle handle = std::move(handle_);  // closed (silently) even when we throw below
  if (H5Fflush(handle.id(), H5F_SCOPE_GLOBAL) < 0) {
    file_error("write", path_, detail::hdf5_message());
  }
  if (H5Fclose(handle.release()) < 0) file_error("close", path_, detail::hdf5_message());
}

bool is_hdf5(const std::filesystem::path& path) noexcept {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return false;
  ErrorSilencer silence;
  return H5Fis_hdf5(path.c_str()) > 0;
}

}  // namespace seatcast::h5
