#include "engine/output/isolated_read.h"

#include <fcntl.h>
#include <fmt/core.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <system_error>

#include "engine/io/input_error.h"

namespace seatcast {

namespace {

// Set in a child of fails_in_child: a nested guard has nothing left to protect.
bool g_in_child = false;

std::string signal_text(int sig) {
  const char* name = sig == SIGSEGV   ? "SIGSEGV"
                     : sig == SIGBUS  ? "SIGBUS"
                     : sig == SIGABRT ? "SIGABRT"
                     : sig == SIGFPE  ? "SIGFPE"
                     : sig == SIGILL  ? "SIGILL"
                     : sig == SIGKILL ? "SIGKILL"
                                      : nullptr;
  const char* what = ::strsignal(sig);
  std::string lower = what ? what : "";
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name ? fmt::format("{}, {}", name, lower) : fmt::format("signal {}, {}", sig, lower);
}

[[noreturn]] void child(const std::function<void()>& work, int report, pid_t parent) {
  g_in_child = true;
  // Die of the signal itself, silently: no sanitizer or fuzzer handler reports (or
  // saves) what the parent turns into a refusal, and no core file is left.
  for (int sig : {SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL, SIGSYS, SIGTRAP})
    std::signal(sig, SIG_DFL);
  // A stop (Ctrl-C) is the parent's to handle; the child goes when the parent does.
  std::signal(SIGINT, SIG_IGN);
  std::signal(SIGTERM, SIG_IGN);
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) ::_exit(3);  // the parent went before the line above
  const rlimit no_core{0, 0};
  ::setrlimit(RLIMIT_CORE, &no_core);
  // Test hook: the end-to-end tests crash the child here, as libhdf5 would.
  if (std::getenv("SEATCAST_TEST_CRASH_READ")) std::raise(SIGSEGV);
  try {
    work();
  } catch (...) {
    // A refusal (or any error) is the parent's to meet again: it reads the same bytes.
  }
  const char done = 'F';
  const ssize_t n = ::write(report, &done, 1);
  ::_exit(n == 1 ? 0 : 3);
}

}  // namespace

std::optional<std::string> fails_in_child(const std::function<void()>& work,
                                          std::chrono::milliseconds limit) {
  if (g_in_child) {
    work();
    return std::nullopt;
  }
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0)
    throw std::system_error(errno, std::generic_category(), "pipe for a child's read");
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) {
    const int err = errno;
    ::close(fds[0]);
    ::close(fds[1]);
    throw std::system_error(err, std::generic_category(), "fork for a child's read");
  }
  if (pid == 0) {
    ::close(fds[0]);
    child(work, fds[1], parent);
  }
  ::close(fds[1]);
  // Wait for the report byte or the end of the pipe (the child gone), up to the limit.
  const auto deadline = std::chrono::steady_clock::now() + limit;
  bool finished = false, timed_out = false;
  for (;;) {
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) {
      timed_out = true;
      break;
    }
    // Rounded up, so the wait never ends before the limit.
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - now);
    pollfd p{fds[0], POLLIN, 0};
    const int r = ::poll(&p, 1, static_cast<int>(std::min<long long>(left.count(), 1000)));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) continue;
    char c = 0;
    const ssize_t n = ::read(fds[0], &c, 1);
    if (n < 0 && errno == EINTR) continue;
    finished = n == 1 && c == 'F';
    break;
  }
  ::close(fds[0]);
  if (timed_out) ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (timed_out)
    return fmt::format("reading it took longer than {:g} s",
                       static_cast<double>(limit.count()) / 1000.0);
  if (WIFSIGNALED(status))
    return fmt::format("libhdf5 crashed reading it: {}", signal_text(WTERMSIG(status)));
  if (!finished || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return fmt::format("reading it ended abnormally (exit status {})",
                       WIFEXITED(status) ? WEXITSTATUS(status) : -1);
  return std::nullopt;
}

std::chrono::milliseconds read_time_limit(std::uintmax_t bytes) {
  if (const char* env = std::getenv("SEATCAST_READ_TIMEOUT")) {
    char* end = nullptr;
    const double s = std::strtod(env, &end);
    if (end != env && *end == '\0' && s > 0)
      return std::chrono::milliseconds(static_cast<long long>(s * 1000));
  }
  return std::chrono::seconds(60 + bytes / (16u << 20));
}

void check_read_in_child(const std::filesystem::path& path, const std::function<void()>& read) {
  std::error_code ec;
  const std::uintmax_t bytes = std::filesystem::file_size(path, ec);
  if (const auto why = fails_in_child(read, read_time_limit(ec ? 0 : bytes)))
    throw InputError(path.string(), 0, "", fmt::format("damaged results file ({})", *why));
}

}  // namespace seatcast
