// Running the seatcast executable as a user would, for end-to-end tests: arguments in,
// exit status, standard output and standard error out. Each test works in a directory
// of its own under the system temporary directory.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace seatcast::testing {

struct Outcome {
  int status = -1;
  std::string out;
  std::string err;
};

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// A file of the source tree.
inline std::string source(const std::string& rel) {
  std::string p = SEATCAST_SOURCE_DIR;
  p.append("/").append(rel);
  return p;
}

// `text` with every `from` replaced by `to`.
inline std::string replaced(const std::string& text, const std::string& from,
                            const std::string& to) {
  std::string out;
  std::size_t at = 0;
  for (std::size_t hit; (hit = text.find(from, at)) != std::string::npos; at = hit + from.size())
    out.append(text, at, hit - at).append(to);
  return out.append(text, at, std::string::npos);
}

// A shipped scenario's text with its data paths ("data/...") made absolute, so that a
// copy of it runs from a test directory.
inline std::string shipped_scenario(const std::string& rel) {
  const std::string dir = source(std::filesystem::path(rel).parent_path().string() + "/data/");
  return replaced(slurp(source(rel)), "\"data/", std::string(1, '"').append(dir));
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ostringstream name;
    name << "seatcast-cli-" << ::getpid() << "-"
         << ::testing::UnitTest::GetInstance()->current_test_info()->name();
    dir_ = std::filesystem::temp_directory_path() / name.str();
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Runs a shell command line (quoted where needed) in the test directory, with no
  // input, and collects its exit status and output.
  Outcome shell(const std::string& command) {
    const auto out = dir_ / "stdout.txt", err = dir_ / "stderr.txt";
    std::string cmd = "cd " + quote(dir_.string()) + " && ";
    cmd.append(command).append(" >").append(quote(out.string()));
    cmd.append(" 2>").append(quote(err.string())).append(" </dev/null");
    const int raw = std::system(cmd.c_str());
    Outcome o;
    o.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    o.out = slurp(out);
    o.err = slurp(err);
    std::filesystem::remove(out);
    std::filesystem::remove(err);
    return o;
  }

  // Runs `seatcast ARGS` (ARGS already quoted where needed) in the test directory.
  Outcome seatcast(const std::string& args) { return shell(quote(SEATCAST_EXE) + " " + args); }

  std::filesystem::path file(const std::string& name) const { return dir_ / name; }
  std::filesystem::path write(const std::string& name, const std::string& text) const {
    std::ofstream(dir_ / name) << text;
    return dir_ / name;
  }
  // Files in the test directory, to check nothing was left behind.
  std::size_t file_count() const {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir_)) ++n;
    return n;
  }

  std::filesystem::path dir_;
};

}  // namespace seatcast::testing
