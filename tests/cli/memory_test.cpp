// The memory check's estimates (engine/scenario/limits.h) against a run: the peak
// resident memory a run with kept draws, or with per-area seat distributions, needs
// beyond the same run without them must be what run_memory_bytes says, within a factor
// of 1.5 either way. It once sized the kept records for a quarter of the wave
// run_simulation holds.
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <iostream>
#include <string>
#include <vector>

#include "tests/cli/cli_support.h"

extern char** environ;

namespace seatcast::testing {
namespace {

// 50 options, 1 list tier of 20 seats, blocks of 2048 draws: at 2 threads a wave is 64
// blocks (131,072 draws), whose records are 131,072 x 50 x (4 + 2) bytes = 37.5 MiB,
// well above the noise of a run's other memory (a few MiB). One wave exactly.
std::string scenario() {
  std::string t = "[run]\nblock_size = 2048\n";
  t.append("[model]\ntype = \"dirichlet\"\ntotal_votes = 1000000\nsample_size = 1000\n");
  t.append("[model.percent]\n");
  for (int o = 0; o < 50; ++o) t.append("p").append(std::to_string(o)).append(" = 2\n");
  for (int o = 0; o < 50; ++o)
    t.append("[[options]]\nid = \"p").append(std::to_string(o)).append("\"\n");
  t.append("[[body]]\nid = \"b\"\n[body.list_tier]\nseats = 20\nmethod = \"dhondt\"\n");
  return t;
}

class KeptDrawsMemory : public CliTest {
 protected:
  // The bytes the memory check says a run needs (the refusal under a 1-byte limit).
  std::uint64_t estimate(const std::string& args, const std::string& scenario = "mem.toml") {
    const Outcome o = seatcast("run " + scenario + " " + args);
    EXPECT_EQ(o.status, 2) << o.err;
    // "the run would need 37.7 MiB (39552984 bytes) for its tallies ..."
    const std::size_t need = o.err.find("would need ");
    const std::size_t open = need == std::string::npos ? need : o.err.find('(', need);
    if (open == std::string::npos) {
      ADD_FAILURE() << o.err;
      return 0;
    }
    return std::stoull(o.err.substr(open + 1));
  }
  // Peak resident bytes of `seatcast run mem.toml ARGS` (its own, from wait4).
  long peak(const std::vector<std::string>& args, const std::string& scenario = "mem.toml") {
    std::vector<std::string> words = {SEATCAST_EXE, "run", file(scenario).string()};
    words.insert(words.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& w : words) argv.push_back(w.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = -1;
    const int started = posix_spawn(&pid, SEATCAST_EXE, &fa, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    EXPECT_EQ(started, 0);
    int status = 0;
    rusage use{};
    EXPECT_EQ(::wait4(pid, &status, 0, &use), pid);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    return use.ru_maxrss * 1024L;  // Linux: kilobytes
  }
};

TEST_F(KeptDrawsMemory, TheEstimateOfKeptDrawsIsWhatARunTakes) {
  write("mem.toml", scenario());
  const std::string common = "-n 131072 -t 2 -q --force";
  ::setenv("SEATCAST_MEMORY_LIMIT", "1", 1);
  const std::uint64_t plain = estimate(common + " -o a.h5");
  const std::uint64_t kept = estimate(common + " -o a.h5 --keep-draws");
  ::unsetenv("SEATCAST_MEMORY_LIMIT");
  ASSERT_GT(kept, plain);
  const double estimated = static_cast<double>(kept - plain);
  EXPECT_EQ(kept - plain, 131072u * 50u * 6u);  // one wave of 64 blocks of 2048 draws

#if defined(__SANITIZE_ADDRESS__)
  // AddressSanitizer's redzones, shadow and quarantine are no part of what a user runs.
  GTEST_SKIP() << "peak memory is not the product's under AddressSanitizer";
#endif
  const std::vector<std::string> run = {"-n", "131072", "-t", "2", "-q", "--force", "-o"};
  std::vector<std::string> a = run, b = run;
  a.push_back(file("a.h5").string());
  b.push_back(file("b.h5").string());
  b.push_back("--keep-draws");
  const long with = peak(b), without = peak(a);
  const double measured = static_cast<double>(with - without);
  std::cout << "peak RSS: " << without << " bytes without kept draws, " << with
            << " with; increase " << measured << ", estimated " << estimated << "\n";
  EXPECT_GT(measured, estimated / 1.5) << "measured " << measured << ", estimated " << estimated;
  EXPECT_LT(measured, estimated * 1.5) << "measured " << measured << ", estimated " << estimated;
}

// 100 options, 5000 single-member areas with 3 options standing in each: per-area seats
// are [5000, 100, 2] = 10^6 counts, 8 MB a set of tallies, against a few MB of the rest.
std::string area_scenario(bool area_results) {
  std::string t = "[run]\nblock_size = 64\n";
  t.append("[model]\ntype = \"logistic-normal\"\nsigma = 0.05\ntotal_votes = 10000000\n");
  t.append("[model.percent]\n");
  for (int o = 0; o < 100; ++o) t.append("p").append(std::to_string(o)).append(" = 1\n");
  for (int o = 0; o < 100; ++o)
    t.append("[[options]]\nid = \"p").append(std::to_string(o)).append("\"\n");
  t.append("[[body]]\nid = \"b\"\n[[body.levels]]\nid = \"seat\"\nareas = \"areas.csv\"\n");
  t.append("baseline = \"votes.csv\"\nnoise_sd = 0.2\n");
  t.append("[[body.stages]]\ntype = \"allocate\"\nid = \"fptp\"\nlevel = \"seat\"\n");
  t.append("method = \"dhondt\"\n");
  if (area_results) t.append("area_results = true\n");
  return t;
}

TEST_F(KeptDrawsMemory, TheEstimateOfPerAreaTalliesIsWhatARunTakes) {
  std::string areas = "area,name,seats\n", votes = "area,option,votes\n";
  for (int a = 0; a < 5000; ++a) {
    // (Appended, not "a" + std::to_string(a): GCC 12 warns falsely on that, -Wrestrict.)
    const std::string id = std::string("a").append(std::to_string(a));
    areas.append(id).append(",").append(id).append(",1\n");
    for (int k = 0; k < 3; ++k)
      votes.append(id)
          .append(",p")
          .append(std::to_string((a + 37 * k) % 100))
          .append(",")
          .append(std::to_string(1000 + 100 * k))
          .append("\n");
  }
  write("areas.csv", areas);
  write("votes.csv", votes);
  write("plain.toml", area_scenario(false));
  write("areas.toml", area_scenario(true));
  const std::string common = "-n 256 -t 1 -q --force -o x.h5";
  ::setenv("SEATCAST_MEMORY_LIMIT", "1", 1);
  const std::uint64_t plain = estimate(common, "plain.toml");
  const std::uint64_t with_areas = estimate(common, "areas.toml");
  ::unsetenv("SEATCAST_MEMORY_LIMIT");
  // One worker and the merged set, each with 5000 x 100 x 2 counts more.
  ASSERT_EQ(with_areas - plain, 2u * 5000u * 100u * 2u * 8u);
  const double estimated = static_cast<double>(with_areas - plain);

#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "peak memory is not the product's under AddressSanitizer";
#endif
  const std::vector<std::string> run = {"-n", "256", "-t", "1", "-q", "--force", "-o"};
  std::vector<std::string> a = run, b = run;
  a.push_back(file("a.h5").string());
  b.push_back(file("b.h5").string());
  const long without = peak(a, "plain.toml"), with = peak(b, "areas.toml");
  const double measured = static_cast<double>(with - without);
  std::cout << "peak RSS: " << without << " bytes without per-area seats, " << with
            << " with; increase " << measured << ", estimated " << estimated << "\n";
  EXPECT_GT(measured, estimated / 1.5) << "measured " << measured << ", estimated " << estimated;
  EXPECT_LT(measured, estimated * 1.5) << "measured " << measured << ", estimated " << estimated;
}

}  // namespace
}  // namespace seatcast::testing
