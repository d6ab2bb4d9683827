// Input a new user writes, end to end (issue 13): exit status 2, the message on standard
// error, no output file.
#include "tests/cli/cli_support.h"

namespace seatcast::testing {
namespace {

const std::string kScenario = R"([[options]]
id = "a"

[[options]]
id = "b"

[model]
type = "polls"
total_votes = 100000
file = "data/none.csv"
shared_error = 0.1

[[body]]
id = "house"

[body.list_tier]
seats = 10
method = "hare"
)";

TEST_F(CliTest, ADataFileThatDoesNotOpenNamesTheResolvedPathAndTheScenarioLine) {
  std::filesystem::create_directories(file("sub"));
  write("sub/s.toml", kScenario);
  const Outcome o = seatcast("run sub/s.toml -n 100 -o out.h5 -q");
  EXPECT_EQ(o.status, 2) << o.err;
  EXPECT_NE(o.err.find("sub/s.toml:10: field 'model.file': cannot open 'sub/data/none.csv' "
                       "('data/none.csv' beside the scenario file): No such file or directory"),
            std::string::npos)
      << o.err;
  EXPECT_FALSE(std::filesystem::exists(file("out.h5")));
}

TEST_F(CliTest, AllocateReadsExcelCsvAndNamesASemicolonSeparator) {
  write("bom.csv", "\xEF\xBB\xBFoption,votes\r\na,600\r\nb,400\r\n");
  Outcome o = seatcast("allocate bom.csv --seats 10 --method hare");
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_EQ(o.out, "option,kind,votes,passed,seats\na,party,600,1,6\nb,party,400,1,4\n");
  write("semi.csv", "option;votes\na;600\nb;400\n");
  o = seatcast("allocate semi.csv --seats 10 --method hare");
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("semi.csv:1: field 'option': the header has no 'option' column: the "
                       "header looks ';'-separated: seatcast reads comma-separated files"),
            std::string::npos)
      << o.err;
  EXPECT_EQ(o.out, "");
}

}  // namespace
}  // namespace seatcast::testing
