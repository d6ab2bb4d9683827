#include "engine/output/pending_file.h"

#include <unistd.h>

#include <system_error>

namespace seatcast {

namespace fs = std::filesystem;

PendingFile::PendingFile(fs::path target, bool overwrite)
    : target_(std::move(target)), overwrite_(overwrite) {
  if (fs::exists(target_) && !overwrite_)
    throw OutputExists("'" + target_.string() +
                       "' exists already; choose another name with -o or pass --force");
  const fs::path dir = target_.has_parent_path() ? target_.parent_path() : fs::path(".");
  if (!fs::is_directory(dir))
    throw std::runtime_error("cannot write '" + target_.string() + "': directory '" +
                             dir.string() + "' does not exist");
  temporary_ = target_;
  temporary_ += ".tmp-" + std::to_string(::getpid());
}

PendingFile::~PendingFile() {
  if (!committed_) discard();
}

void PendingFile::commit() {
  if (fs::exists(target_) && !overwrite_)
    throw OutputExists("'" + target_.string() + "' appeared during the run; it was not replaced");
  fs::rename(temporary_, target_);
  committed_ = true;
}

void PendingFile::discard() noexcept {
  std::error_code ec;
  fs::remove(temporary_, ec);
}

}  // namespace seatcast
