// The documented limits (engine/scenario/limits.h, README "Limits"): a scenario or a run
// just over each is refused before any work, with exit status 2 and a message naming the
// file, the line and the field; just at the limit it is accepted.
#include <cstdlib>
#include <regex>
#include <string>

#include "tests/cli/cli_support.h"

namespace seatcast::testing {
namespace {

const std::string kBench = quote(source("scenarios/bench/kz-list-dirichlet.toml"));

// A Dirichlet scenario with `options` parties of equal share and `bodies` list-tier bodies
// of `seats` seats each; option o has id "p<o>", body b id "b<b>".
std::string scenario(int options, int bodies, int seats, const std::string& extra_body = "") {
  std::string t = "[model]\ntype = \"dirichlet\"\ntotal_votes = 1000000\nsample_size = 1000\n";
  t.append("[model.percent]\n");
  // Percentages summing to 100 (within the rounding of to_string), as every table must.
  const std::string share = std::to_string(100.0 / options);
  for (int o = 0; o < options; ++o)
    t.append("p").append(std::to_string(o)).append(" = ").append(share).append("\n");
  for (int o = 0; o < options; ++o)
    t.append("[[options]]\nid = \"p").append(std::to_string(o)).append("\"\n");
  for (int b = 0; b < bodies; ++b) {
    t.append("[[body]]\nid = \"b").append(std::to_string(b)).append("\"\n");
    t.append(extra_body);
    t.append("[body.list_tier]\nseats = ")
        .append(std::to_string(seats))
        .append("\nmethod = \"dhondt\"\n");
  }
  return t;
}

// The number of the first line of `s` that equals `text`.
int line_of(const std::string& s, const std::string& text) {
  int line = 1;
  std::size_t start = 0;
  while (start < s.size()) {
    const std::size_t end = s.find('\n', start);
    if (s.substr(start, end - start) == text) return line;
    ++line;
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return -1;
}

class Limits : public CliTest {
 protected:
  void expect_refused(const std::string& args, const std::string& where, const std::string& field,
                      const std::string& why) {
    const Outcome o = seatcast(args);
    EXPECT_EQ(o.status, 2) << args << "\n" << o.err;
    EXPECT_NE(o.err.find("seatcast: error: " + where + ": field '" + field + "': "),
              std::string::npos)
        << o.err;
    EXPECT_NE(o.err.find(why), std::string::npos) << "expected '" << why << "' in " << o.err;
  }
};

TEST_F(Limits, AThousandOptionsButNotOneMore) {
  write("ok.toml", scenario(1000, 1, 10));
  EXPECT_EQ(seatcast("validate ok.toml").status, 0);
  const std::string text = scenario(1001, 1, 10);
  write("over.toml", text);
  expect_refused("validate over.toml",
                 "over.toml:" + std::to_string(line_of(text, "id = \"p1000\"")), "options[1000].id",
                 "more than 1000 ballot options");
  EXPECT_EQ(seatcast("run over.toml -n 10 -q -o out.h5").status, 2);
  EXPECT_FALSE(std::filesystem::exists(file("out.h5")));
}

TEST_F(Limits, AHundredBodiesButNotOneMore) {
  write("ok.toml", scenario(2, 100, 1));
  EXPECT_EQ(seatcast("validate ok.toml").status, 0);
  const std::string text = scenario(2, 101, 1);
  write("over.toml", text);
  expect_refused("validate over.toml",
                 "over.toml:" + std::to_string(line_of(text, "id = \"b100\"")), "body[100].id",
                 "more than 100 elected bodies");
}

TEST_F(Limits, TenThousandListSeatsButNotOneMore) {
  write("ok.toml", scenario(2, 1, 10000));
  EXPECT_EQ(seatcast("validate ok.toml").status, 0);
  const std::string text = scenario(2, 1, 10001);
  write("over.toml", text);
  expect_refused("validate over.toml",
                 "over.toml:" + std::to_string(line_of(text, "seats = 10001")),
                 "body[0].list_tier.seats", "must be from 1 to 10000");
}

TEST_F(Limits, TenThousandDistrictsButNotOneMore) {
  std::string csv = "district,region,p0,p1\n";
  for (int d = 0; d < 10000; ++d) csv.append("d").append(std::to_string(d)).append(",r,40,50\n");
  write("ok.csv", csv);
  write("over.csv", csv + "d10000,r,40,50\n");
  std::string text = scenario(2, 1, 5, "[body.district_tier]\nfile = \"ok.csv\"\n");
  write("ok.toml", text);
  EXPECT_EQ(seatcast("validate ok.toml").status, 0);
  text.replace(text.find("ok.csv"), 6, "over.csv");
  write("over.toml", text);
  // The CSV (beside the scenario) and its line: the header is line 1, d10000 line 10002.
  expect_refused("validate over.toml", "over.csv:10002", "district",
                 "more than 10000 districts in one tier");
}

TEST_F(Limits, DrawsUpTo10To12) {
  std::string text = scenario(2, 1, 3) + "[run]\ndraws = 1000000000001\n";
  write("over.toml", text);
  expect_refused("validate over.toml",
                 "over.toml:" + std::to_string(line_of(text, "draws = 1000000000001")), "run.draws",
                 "must be from 1 to 10^12");
  text.replace(text.find("1000000000001"), 13, "1000000000000");
  write("ok.toml", text);
  EXPECT_EQ(seatcast("validate ok.toml").status, 0);
  const Outcome o = seatcast("run ok.toml -n 1000000000001 -q -o out.h5");
  EXPECT_EQ(o.status, 2) << o.err;
  EXPECT_NE(o.err.find("--draws"), std::string::npos) << o.err;
  EXPECT_FALSE(std::filesystem::exists(file("out.h5")));
}

// The memory check is exact at its boundary: SEATCAST_MEMORY_LIMIT stands in for the
// physical memory so the test does not depend on the machine.
TEST_F(Limits, TalliesThatDoNotFitInMemoryAreRefusedWithTheSizeNeeded) {
  ::setenv("SEATCAST_MEMORY_LIMIT", "1", 1);
  const Outcome probe = seatcast("run " + kBench + " -n 1000 -t 3 -q -o out.h5");
  std::smatch m;
  const std::regex need("need [0-9.]+ MiB \\(([0-9]+) bytes\\)");
  ASSERT_TRUE(std::regex_search(probe.err, m, need)) << probe.err;
  const std::uint64_t bytes = std::stoull(m[1]);
  // Four sets of tallies (3 workers + 1 merged) of one 69-seat body over 8 options: the
  // histograms, the 70 x 70 pair table and the metric bins, about 4 x 125 KB.
  EXPECT_GT(bytes, 4u * 100'000u);
  EXPECT_LT(bytes, 4u * 200'000u);
  EXPECT_EQ(bytes % 4, 0u);
  ::setenv("SEATCAST_MEMORY_LIMIT", std::to_string(bytes - 1).c_str(), 1);
  const Outcome over = seatcast("run " + kBench + " -n 1000 -t 3 -q -o out.h5");
  EXPECT_EQ(over.status, 2) << over.err;
  EXPECT_NE(over.err.find(":51: field 'body[0]': the run would need"), std::string::npos)
      << over.err;
  EXPECT_NE(over.err.find("(" + std::to_string(bytes) + " bytes)"), std::string::npos) << over.err;
  EXPECT_NE(over.err.find("3 worker threads + 1 merged set"), std::string::npos) << over.err;
  EXPECT_NE(over.err.find("SEATCAST_MEMORY_LIMIT"), std::string::npos) << over.err;
  EXPECT_FALSE(std::filesystem::exists(file("out.h5")));
  EXPECT_EQ(file_count(), 0u);
  ::setenv("SEATCAST_MEMORY_LIMIT", std::to_string(bytes).c_str(), 1);
  const Outcome ok = seatcast("run " + kBench + " -n 1000 -t 3 -q -o out.h5");
  ::unsetenv("SEATCAST_MEMORY_LIMIT");
  EXPECT_EQ(ok.status, 0) << ok.err;
}

TEST_F(Limits, WithoutAnOverrideTheLimitIsHalfThePhysicalMemory) {
  // 1024 workers of a 10 000-seat body: the 10 001^2 pair table alone is 800 MB a set
  // (asked for: the default pair is kept only in bodies of up to 1000 seats).
  write("big.toml", scenario(2, 1, 10000, "pair = [\"p0\", \"p1\"]\n"));
  const Outcome o = seatcast("run big.toml -n 10 -t 1024 -q -o out.h5");
  EXPECT_EQ(o.status, 2) << o.err;
  EXPECT_NE(o.err.find("half of the physical memory"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("GiB"), std::string::npos) << o.err;
  EXPECT_FALSE(std::filesystem::exists(file("out.h5")));
}

}  // namespace
}  // namespace seatcast::testing
