// A result file that appears whole or not at all. It is written under a temporary name
// beside the target and renamed over it only when complete; if the run fails or is
// interrupted, the temporary file is removed and nothing stands under the result name.
// An existing result is never replaced unless the caller allows it (--force).
#pragma once

#include <filesystem>
#include <stdexcept>

namespace seatcast {

// The target exists and overwriting was not allowed.
class OutputExists : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class PendingFile {
 public:
  // Checks up front, before any work: the target must not exist (unless overwrite) and
  // its directory must exist.
  PendingFile(std::filesystem::path target, bool overwrite);
  PendingFile(const PendingFile&) = delete;
  PendingFile& operator=(const PendingFile&) = delete;
  ~PendingFile();

  const std::filesystem::path& temporary() const { return temporary_; }
  const std::filesystem::path& target() const { return target_; }

  // Renames the temporary file to the target (atomic within one file system).
  void commit();
  // Removes the temporary file now (also done by the destructor when not committed).
  void discard() noexcept;

 private:
  std::filesystem::path target_;
  std::filesystem::path temporary_;
  bool overwrite_;
  bool committed_ = false;
};

}  // namespace seatcast
