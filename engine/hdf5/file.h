// HDF5 files: create (truncating), open for reading or writing, flush and a close that
// reports errors. A File converts to `const Handle&`, so it is the root location for the
// group, dataset and attribute functions. New files allow the HDF5 1.8 formats and later,
// so attributes of any size (dense attribute storage) and compact groups are available.
// HDF5's own exit-time closing of forgotten files is switched off (see error.cpp): a file
// is complete only once close() returned, so always close() files that matter.
#pragma once

#include <filesystem>

#include "engine/hdf5/handle.h"

namespace seatcast::h5 {

class File {
 public:
  // Creates `path`, replacing any existing file (the caller decides about overwriting and
  // writes to a temporary name first if it wants atomic replacement). Throws Error.
  static File create(const std::filesystem::path& path);
  // Opens an existing HDF5 file read-only. Throws Error naming the path when the file is
  // missing, not an HDF5 file, or damaged (e.g. truncated).
  static File open_read(const std::filesystem::path& path);
  // Opens an existing HDF5 file for reading and writing. Throws Error as open_read.
  static File open_write(const std::filesystem::path& path);

  File(File&&) noexcept = default;
  File& operator=(File&&) noexcept = default;
  // Closes the file if still open, ignoring errors: call close() to see them.
  ~File() = default;

  // The root location of the file.
  const Handle& handle() const noexcept { return handle_; }
  operator const Handle&() const noexcept { return handle_; }
  // The path given when the file was created or opened.
  const std::filesystem::path& path() const noexcept { return path_; }
  bool is_open() const noexcept { return handle_.valid(); }

  // Writes all buffered data of the file to disk. Throws Error on failure (e.g. disk full).
  void flush();
  // Flushes and closes the file; throws Error on failure. Objects of the file that are
  // still open (groups, datasets) keep it open until they are released, so release them
  // first for a fully checked close. No-op if already closed.
  void close();

 private:
  File(Handle handle, std::filesystem::path path)
      : handle_(std::move(handle)), path_(std::move(path)) {}
  Handle handle_;
  std::filesystem::path path_;
};

// True when `path` is a readable file with an HDF5 signature; false otherwise (missing,
// unreadable, not HDF5). Does not check that the rest of the file is intact.
bool is_hdf5(const std::filesystem::path& path) noexcept;

}  // namespace seatcast::h5
