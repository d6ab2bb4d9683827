#include "engine/output/pending_file.h"

#include <signal.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <fstream>
#include <system_error>

namespace seatcast {

namespace fs = std::filesystem;

namespace {

// The first 8 characters of the kernel's boot id: a pid means nothing across a reboot.
const std::string& boot_tag() {
  static const std::string tag = [] {
    std::ifstream in("/proc/sys/kernel/random/boot_id");
    std::string id, out;
    std::getline(in, id);
    for (char c : id)
      if (std::isxdigit(static_cast<unsigned char>(c)) && out.size() < 8) out += c;
    return out.empty() ? std::string("0") : out;
  }();
  return tag;
}

// The host name, kept to characters safe in a file name.
const std::string& host_tag() {
  static const std::string tag = [] {
    char buf[256] = {};
    if (::gethostname(buf, sizeof buf - 1) != 0) return std::string("host");
    std::string out;
    for (const char* p = buf; *p; ++p) {
      const unsigned char c = static_cast<unsigned char>(*p);
      out += std::isalnum(c) || c == '.' || c == '_' || c == '-' ? *p : '_';
    }
    return out.empty() ? std::string("host") : out;
  }();
  return tag;
}

// Whether the temporary named `rest` (what follows "TARGET.tmp-") was left by a writer
// that is gone. Unknown shapes are not ours to remove.
bool stale(const std::string& rest) {
  std::size_t digits = 0;
  while (digits < rest.size() && std::isdigit(static_cast<unsigned char>(rest[digits]))) ++digits;
  if (digits == 0 || digits > 18) return false;
  const long pid = std::stol(rest.substr(0, digits));
  if (digits < rest.size()) {
    // PID-BOOT-HOST; a bare PID is an older seatcast's name, judged by the pid alone.
    if (rest[digits] != '-') return false;
    const std::size_t dash = rest.find('-', digits + 1);
    if (dash == std::string::npos) return false;
    if (rest.substr(dash + 1) != host_tag()) return false;  // another host: cannot tell
    if (rest.substr(digits + 1, dash - digits - 1) != boot_tag()) return true;  // before a boot
  }
  if (pid <= 0 || pid == static_cast<long>(::getpid())) return false;
  // EPERM: a live process of another user.
  return ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
}

}  // namespace

void check_output_path(const fs::path& target) {
  std::error_code ec;
  if (fs::is_directory(target, ec))
    throw OutputError("cannot write '" + target.string() + "': it is a directory");
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  const auto status = fs::status(dir, ec);
  if (!fs::exists(status))
    throw OutputError("cannot write '" + target.string() + "': directory '" + dir.string() +
                      "' does not exist");
  if (!fs::is_directory(status))
    throw OutputError("cannot write '" + target.string() + "': '" + dir.string() +
                      "' is not a directory");
}

fs::path temporary_name(const fs::path& target, long pid) {
  fs::path t = target;
  t += ".tmp-" + std::to_string(pid) + "-" + boot_tag() + "-" + host_tag();
  return t;
}

std::vector<fs::path> remove_stale_temporaries(const fs::path& target) {
  std::vector<fs::path> removed;
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  const std::string prefix = target.filename().string() + ".tmp-";
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) continue;
    if (!stale(name.substr(prefix.size()))) continue;
    std::error_code gone;
    if (fs::remove(it->path(), gone)) removed.push_back(it->path());
  }
  return removed;
}

PendingFile::PendingFile(fs::path target, bool overwrite)
    : target_(std::move(target)), overwrite_(overwrite) {
  check_output_path(target_);
  if (fs::exists(target_) && !overwrite_)
    throw OutputExists("'" + target_.string() +
                       "' exists already; choose another name with -o or pass --force");
  remove_stale_temporaries(target_);
  temporary_ = temporary_name(target_, static_cast<long>(::getpid()));
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
