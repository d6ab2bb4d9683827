#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "engine/hdf5/h5.h"
#include "tests/hdf5/support.h"

namespace seatcast::h5 {
namespace {

using testing::error_of;
using GroupTest = testing::TempDir;

TEST_F(GroupTest, NestedGroupsAreCreatedAndReopened) {
  const auto file_path = path("g.h5");
  {
    File file = File::create(file_path);
    Handle districts = group(file, "mazhilis/districts/almaty");
    write_scalar<std::int32_t>(districts, "seats", 3);
    Handle mazhilis = group(file, "mazhilis");  // opens the existing group
    Handle again = group(mazhilis, "districts");
    write_scalar<std::int32_t>(again, "count", 29);
    Handle senate = group(file, "/senate");
    file.close();
  }
  File file = File::open_read(file_path);
  EXPECT_TRUE(exists(file, "mazhilis"));
  EXPECT_TRUE(exists(file, "/mazhilis/districts/almaty"));
  EXPECT_TRUE(exists(file, "mazhilis/districts/almaty/seats"));
  EXPECT_TRUE(exists(file, "/"));
  EXPECT_FALSE(exists(file, "maslikhat"));
  EXPECT_FALSE(exists(file, "mazhilis/nothing/deeper"));
  EXPECT_FALSE(exists(file, "mazhilis/districts/count/below_a_dataset"));
  Handle districts = open_group(file, "mazhilis/districts");
  EXPECT_TRUE(exists(districts, "almaty/seats"));
  EXPECT_EQ(read_scalar<std::int32_t>(districts, "almaty/seats"), 3);
  EXPECT_EQ(read_scalar<std::int32_t>(districts, "count"), 29);
  EXPECT_EQ(members(file), (std::vector<std::string>{"mazhilis", "senate"}));
  EXPECT_EQ(members(districts), (std::vector<std::string>{"almaty", "count"}));
}

TEST_F(GroupTest, ErrorsNameThePath) {
  const auto file_path = path("g.h5");
  File file = File::create(file_path);
  Handle mazhilis = group(file, "mazhilis");
  write_scalar<double>(mazhilis, "turnout", 0.6);
  EXPECT_EQ(error_of([&] { open_group(mazhilis, "districts"); }),
            "'/mazhilis/districts' not found in '" + file_path.string() + "'");
  EXPECT_EQ(error_of([&] { open_group(file, "mazhilis/turnout"); }),
            "'/mazhilis/turnout' in '" + file_path.string() + "': not a group");
  EXPECT_CONTAINS(error_of([&] { group(file, "mazhilis/turnout"); }), "not a group");
  EXPECT_CONTAINS(error_of([&] { group(file, "mazhilis/turnout/below"); }),
                  "'/mazhilis/turnout/below'");
}

}  // namespace
}  // namespace seatcast::h5
