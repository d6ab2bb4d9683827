// A result file that appears whole or not at all. It is written under a temporary name
// beside the target and renamed over it only when complete; if the run fails or is
// interrupted, the temporary file is removed and nothing stands under the result name.
// An existing result is never replaced unless the caller allows it (--force).
//
// A process killed outright (kill -9, a node lost) cannot remove its temporary file.
// The name says who wrote it (TARGET.tmp-PID-BOOT-HOST: the process id, the first 8
// characters of the kernel's boot id, the host name), so the next PendingFile of the
// same target removes temporaries of this host whose writer is gone: written before the
// last boot, or by a process that no longer exists. Temporaries of other hosts (a shared
// file system) and of live processes are left alone.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace seatcast {

// The output named on the command line cannot be written as asked: the user's to fix
// (exit status 2), found before any work.
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The target exists and overwriting was not allowed.
class OutputExists : public OutputError {
 public:
  using OutputError::OutputError;
};

class PendingFile {
 public:
  // Checks up front, before any work: the target must not exist (unless overwrite) nor
  // be a directory, and its directory must exist (else OutputError). Then removes the
  // stale temporaries of the target (remove_stale_temporaries).
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

// Throws OutputError unless `target` could be written: its directory exists and it is
// not itself a directory ("cannot write 'nodir/out.h5': directory 'nodir' does not
// exist"). The check PendingFile makes, for outputs opened later.
void check_output_path(const std::filesystem::path& target);

// The temporary name of `target` for the process `pid` of this host and boot.
std::filesystem::path temporary_name(const std::filesystem::path& target, long pid);

// Removes the temporaries of `target` left by processes that are gone (see above);
// returns what it removed. Never throws: a temporary it cannot remove stays.
std::vector<std::filesystem::path> remove_stale_temporaries(const std::filesystem::path& target);

}  // namespace seatcast
