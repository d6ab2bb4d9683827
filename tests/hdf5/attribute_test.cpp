#include <cstdint>
#include <limits>
#include <string>

#include <gtest/gtest.h>

#include "engine/hdf5/h5.h"
#include "tests/hdf5/support.h"

namespace seatcast::h5 {
namespace {

using testing::error_of;
using AttributeTest = testing::TempDir;

TEST_F(AttributeTest, OnFileGroupAndDataset) {
  const auto file_path = path("a.h5");
  {
    File file = File::create(file_path);
    write_string_attribute(file, "country", "Қазақстан");
    write_attribute<std::uint64_t>(file, "seed", std::numeric_limits<std::uint64_t>::max());
    Handle mazhilis = group(file, "mazhilis");
    write_attribute<std::int64_t>(mazhilis, "offset", -7);
    write_attribute<double>(mazhilis, "threshold", 0.05);
    write_dataset<double>(mazhilis, "shares", std::vector<double>{0.1, 0.9});
    Handle shares = open_dataset(mazhilis, "shares");
    write_string_attribute(shares, "units", "share of valid votes");
    write_attribute<std::uint16_t>(shares, "parties", 2);
    write_string_attribute(shares, "empty", "");
    file.close();
  }
  File file = File::open_read(file_path);
  EXPECT_EQ(read_string_attribute(file, "country"), "Қазақстан");
  EXPECT_EQ(read_attribute<std::uint64_t>(file, "seed"), std::numeric_limits<std::uint64_t>::max());
  Handle mazhilis = open_group(file, "mazhilis");
  EXPECT_EQ(read_attribute<std::int64_t>(mazhilis, "offset"), -7);
  EXPECT_EQ(read_attribute<double>(mazhilis, "threshold"), 0.05);
  Handle shares = open_dataset(file, "mazhilis/shares");
  EXPECT_EQ(read_string_attribute(shares, "units"), "share of valid votes");
  EXPECT_EQ(read_attribute<std::uint16_t>(shares, "parties"), 2);
  EXPECT_EQ(read_string_attribute(shares, "empty"), "");
  EXPECT_TRUE(has_attribute(shares, "units"));
  EXPECT_FALSE(has_attribute(shares, "colour"));
  EXPECT_FALSE(has_attribute(file, "units"));
}

TEST_F(AttributeTest, WritingReplaces) {
  File file = File::create(path("a.h5"));
  write_string_attribute(file, "note", "first");
  write_string_attribute(file, "note", "second");
  EXPECT_EQ(read_string_attribute(file, "note"), "second");
  write_attribute<double>(file, "note", 2.5);  // even with another type
  EXPECT_EQ(read_attribute<double>(file, "note"), 2.5);
}

TEST_F(AttributeTest, LargeStringAttributes) {
  const auto file_path = path("big.h5");
  // A scenario file of 200 kB and a 1 MB one, with multi-byte characters.
  std::string scenario;
  while (scenario.size() < 200 * 1024) scenario += "[party.amanat]\nname = \"Аманат\"\n";
  std::string huge(1 << 20, 'z');
  huge += "Қ";
  {
    File file = File::create(file_path);
    write_string_attribute(file, "scenario", scenario);
    Handle run = group(file, "run");
    write_string_attribute(run, "huge", huge);
    write_attribute<std::uint64_t>(run, "after", 5);
    file.close();
  }
  File file = File::open_read(file_path);
  EXPECT_EQ(read_string_attribute(file, "scenario"), scenario);
  Handle run = open_group(file, "run");
  EXPECT_EQ(read_string_attribute(run, "huge"), huge);
  EXPECT_EQ(read_attribute<std::uint64_t>(run, "after"), 5u);
}

TEST_F(AttributeTest, LargeFixedLengthAttributeUsesDenseStorage) {
  // A 200 kB fixed-length string attribute exceeds the 64 kB object header limit; files
  // made by File::create allow dense attribute storage, so it works.
  File file = File::create(path("dense.h5"));
  const std::string text(200 * 1024, 'q');
  Handle type(H5Tcopy(H5T_C_S1));
  ASSERT_GE(H5Tset_size(type.id(), text.size()), 0);
  Handle space(H5Screate(H5S_SCALAR));
  Handle attribute(
      H5Acreate2(file.handle().id(), "fixed", type.id(), space.id(), H5P_DEFAULT, H5P_DEFAULT));
  ASSERT_TRUE(attribute.valid());
  ASSERT_GE(H5Awrite(attribute.id(), type.id(), text.data()), 0);
  attribute.close();
  EXPECT_EQ(read_string_attribute(file, "fixed"), text);
}

TEST_F(AttributeTest, ErrorsNameAttributeAndObject) {
  const auto file_path = path("a.h5");
  File file = File::create(file_path);
  Handle mazhilis = group(file, "mazhilis");
  write_attribute<double>(mazhilis, "threshold", 0.05);
  EXPECT_EQ(error_of([&] { read_attribute<double>(mazhilis, "quota"); }),
            "attribute 'quota' of '/mazhilis' in '" + file_path.string() + "' not found");
  EXPECT_EQ(error_of([&] { read_attribute<std::uint64_t>(mazhilis, "threshold"); }),
            "attribute 'threshold' of '/mazhilis' in '" + file_path.string() +
                "': holds float64, cannot be read as uint64");
  EXPECT_CONTAINS(error_of([&] { read_string_attribute(mazhilis, "threshold"); }),
                  "holds float64, not a string");
  EXPECT_CONTAINS(error_of([&] { write_string_attribute(file, "bad", std::string("a\0b", 3)); }),
                  "NUL byte");
}

}  // namespace
}  // namespace seatcast::h5
