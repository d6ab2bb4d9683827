// Running a command in the background, for tests that signal or kill it midway: start,
// wait for a file to appear, send a signal, and time how long the command takes to end.
#pragma once

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

extern char** environ;

namespace seatcast::testing {

class Background {
 public:
  // Runs `/bin/sh -c COMMAND`. COMMAND should end in `exec PROGRAM ...`, so that the
  // signals go to the program itself rather than to the shell.
  explicit Background(const std::string& command) {
    const char* argv[] = {"/bin/sh", "-c", command.c_str(), nullptr};
    if (posix_spawn(&pid_, "/bin/sh", nullptr, nullptr, const_cast<char**>(argv), environ) != 0)
      pid_ = -1;
  }
  ~Background() {
    if (pid_ > 0 && !done_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  bool started() const { return pid_ > 0; }

  // True once `path` exists; false after `timeout` or when the command ended first.
  bool wait_for_file(const std::filesystem::path& path, std::chrono::duration<double> timeout) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < until) {
      if (std::filesystem::exists(path)) return true;
      if (poll()) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return false;
  }
  // True when the command is still running.
  bool running() { return !poll(); }

  void signal(int sig) { ::kill(pid_, sig); }

  // Waits up to `timeout` for the end; returns the exit status, 128 + N for a signal N,
  // or -1 on timeout (the command is then killed).
  int wait(std::chrono::duration<double> timeout) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < until) {
      if (poll()) return status_;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return -1;
  }

 private:
  bool poll() {
    if (done_) return true;
    int raw = 0;
    if (::waitpid(pid_, &raw, WNOHANG) != pid_) return false;
    done_ = true;
    status_ = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
    return true;
  }
  pid_t pid_ = -1;
  bool done_ = false;
  int status_ = -1;
};

}  // namespace seatcast::testing
