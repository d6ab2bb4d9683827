// The dynamic poll model end to end: a polls-dynamic scenario runs and stores its daily
// trend (/model/trend: dates to election day, shares with intervals in order, the polls
// used); `as_of` leaves out polls not yet published; bad poll files (a date that does not
// parse, a fieldwork end before its start, a share over 100, a poll after election day)
// exit 2 naming the file, line and field, and leave no results file; --set overrides
// a setting and a misspelt one is refused.
#include "engine/hdf5/dataset.h"
#include "engine/hdf5/file.h"
#include "tests/cli/cli_support.h"

namespace seatcast::testing {
namespace {

const std::string kPolls =
    "pollster,fieldwork_start,fieldwork_end,sample_size,a,b,c,undecided\n"
    "X,2024-01-01,2024-01-03,1000,40,35,25,\n"
    "Y,2024-01-10,2024-01-12,800,38,37,25,10\n"
    "X,2024-02-01,2024-02-02,1200,42,33,25,\n"
    "Y,2024-02-20,2024-02-24,900,41,34,25,\n";

std::string scenario(const std::string& extra = "") {
  return "[run]\ndraws = 2000\nseed = 3\n"
         "[[options]]\nid = \"a\"\n[[options]]\nid = \"b\"\n[[options]]\nid = \"c\"\n"
         "[model]\ntype = \"polls-dynamic\"\nfile = \"polls.csv\"\nelection_date = \"2024-03-10\"\n"
         "total_votes = 1000000\nundecided_separate = true\n" +
         extra +
         "[[body]]\nid = \"h\"\nname = \"House\"\n[body.list_tier]\nseats = 100\n"
         "method = \"sainte-lague\"\nthreshold = 0.05\n";
}

class PollTrendCli : public CliTest {};

TEST_F(PollTrendCli, RunStoresTheDailyTrendToElectionDay) {
  write("polls.csv", kPolls);
  write("s.toml", scenario());
  const Outcome o = seatcast("run s.toml -o out.h5 -t 2");
  ASSERT_EQ(o.status, 0) << o.err;
  const h5::File f = h5::File::open_read(file("out.h5"));
  const auto dates = h5::read_strings(f.handle(), "model/trend/dates");
  ASSERT_EQ(dates.size(), 69u);  // 2024-01-02 (the first poll's middle day) to 2024-03-10
  EXPECT_EQ(dates.front(), "2024-01-02");
  EXPECT_EQ(dates.back(), "2024-03-10");
  const auto lo = h5::read_dataset<double>(f.handle(), "model/trend/lower_90");
  const auto med = h5::read_dataset<double>(f.handle(), "model/trend/median");
  const auto hi = h5::read_dataset<double>(f.handle(), "model/trend/upper_90");
  ASSERT_EQ(med.data.size(), 69u * 3u);
  for (std::size_t i = 0; i < med.data.size(); ++i) {
    EXPECT_LT(lo.data[i], med.data[i]);
    EXPECT_LT(med.data[i], hi.data[i]);
  }
  // The 90% interval on election day is wider than on the last poll's day (2024-02-22).
  const std::size_t last_poll = 51, end = 68;
  EXPECT_GT(hi.data[end * 3] - lo.data[end * 3], hi.data[last_poll * 3] - lo.data[last_poll * 3]);
  EXPECT_EQ(h5::read_strings(f.handle(), "model/trend/polls/pollster").size(), 4u);
}

TEST_F(PollTrendCli, AsOfLeavesOutPollsNotYetPublished) {
  write("polls.csv", kPolls);
  write("s.toml", scenario("as_of = \"2024-02-10\"\n"));
  ASSERT_EQ(seatcast("run s.toml -o out.h5").status, 0);
  const h5::File f = h5::File::open_read(file("out.h5"));
  EXPECT_EQ(h5::read_strings(f.handle(), "model/trend/polls/pollster").size(), 3u);
  // The same by --set on the command line.
  write("t.toml", scenario());
  const Outcome o = seatcast("run t.toml -o set.h5 --set 'model.as_of=\"2024-02-10\"'");
  ASSERT_EQ(o.status, 0) << o.err;
  const h5::File g = h5::File::open_read(file("set.h5"));
  EXPECT_EQ(h5::read_strings(g.handle(), "model/trend/polls/pollster").size(), 3u);
  const Outcome bad = seatcast("run t.toml -o bad.h5 --set model.drfit=0.01");
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("drfit"), std::string::npos) << bad.err;
}

void expect_refused(const std::filesystem::path& out, const Outcome& o, const std::string& where) {
  EXPECT_EQ(o.status, 2) << o.err;
  EXPECT_NE(o.err.find(where), std::string::npos) << o.err;
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST_F(PollTrendCli, BadPollFilesExitTwoNamingFileLineAndField) {
  write("s.toml", scenario());
  const auto with_row = [&](const std::string& row) {
    write("polls.csv", kPolls + row);
    return seatcast("run s.toml -o out.h5");
  };
  expect_refused(file("out.h5"), with_row("Z,2024-02-30,2024-03-01,500,40,35,25,\n"),
                 "polls.csv:6: field 'fieldwork_start'");
  expect_refused(file("out.h5"), with_row("Z,2024-03-01,2024-02-27,500,40,35,25,\n"),
                 "polls.csv:6: field 'fieldwork_end'");
  expect_refused(file("out.h5"), with_row("Z,2024-03-01,2024-03-02,500,140,35,25,\n"),
                 "polls.csv:6: field 'a'");
  expect_refused(file("out.h5"), with_row("Z,2024-03-01,2024-03-12,500,40,35,25,\n"),
                 "polls.csv:6: field 'fieldwork_end'");
  // Dates out of order are fine.
  write("polls.csv",
        "pollster,fieldwork_start,fieldwork_end,sample_size,a,b,c,undecided\n"
        "Y,2024-02-20,2024-02-24,900,41,34,25,\nX,2024-01-01,2024-01-03,1000,40,35,25,\n");
  EXPECT_EQ(seatcast("run s.toml -o out.h5").status, 0);
}

}  // namespace
}  // namespace seatcast::testing
