// [run] metrics = false: the same seats as with metrics, no metric in the file, and
// every reader of the file still works; a bad value is refused naming line and field.
#include "engine/hdf5/attribute.h"
#include "engine/hdf5/dataset.h"
#include "engine/hdf5/file.h"
#include "engine/hdf5/group.h"
#include "tests/cli/cli_support.h"

namespace seatcast::testing {
namespace {

const std::string kScenario = "scenarios/kz/mazhilis-2023.toml";

TEST_F(CliTest, MetricsOffKeepsTheSeatsAndDropsTheMetrics) {
  const std::string text = shipped_scenario(kScenario);
  ASSERT_NE(text.find("[run]\n"), std::string::npos);
  write("on.toml", text);
  write("off.toml", replaced(text, "[run]\n", "[run]\nmetrics = false\n"));
  for (const char* name : {"on", "off"}) {
    const Outcome o =
        seatcast(std::string("run ") + name + ".toml -n 20000 -s 9 -t 2 -q -o " + name + ".h5");
    ASSERT_EQ(o.status, 0) << o.err;
  }
  const h5::File on = h5::File::open_read(file("on.h5"));
  const h5::File off = h5::File::open_read(file("off.h5"));
  EXPECT_TRUE(h5::exists(on, "mazhilis/metrics/gallagher"));
  EXPECT_FALSE(h5::exists(off, "mazhilis/metrics"));
  for (const char* path : {"mazhilis/seats_total", "mazhilis/seats_pr", "mazhilis/seats_district",
                           "mazhilis/passed_threshold", "mazhilis/lists/vacant"}) {
    const auto a = h5::read_dataset<std::uint64_t>(on, path);
    const auto b = h5::read_dataset<std::uint64_t>(off, path);
    EXPECT_EQ(a.dims, b.dims) << path;
    EXPECT_EQ(a.data, b.data) << path;
  }
  EXPECT_EQ(h5::read_string_attribute(off, "generator"), "philox4x32-10");
  const Outcome s = seatcast("summarize off.h5 --format csv");
  EXPECT_EQ(s.status, 0) << s.err;
  EXPECT_NE(s.out.find("amanat"), std::string::npos);
}

TEST_F(CliTest, MetricsMustBeTrueOrFalse) {
  const std::string text = replaced(shipped_scenario(kScenario), "[run]\n", "[run]\nmetrics = 0\n");
  write("bad.toml", text);
  const Outcome o = seatcast("run bad.toml -n 100 -q -o out.h5");
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("bad.toml"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("metrics"), std::string::npos) << o.err;
  EXPECT_FALSE(std::filesystem::exists(file("out.h5")));
}

}  // namespace
}  // namespace seatcast::testing
