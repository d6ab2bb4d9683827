#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "engine/hdf5/h5.h"
#include "tests/hdf5/support.h"

namespace seatcast::h5 {
namespace {

using testing::error_of;
using DatasetTest = testing::TempDir;

template <class T>
class TypedDatasetTest : public testing::TempDir {};
using ElementTypes = ::testing::Types<std::uint64_t, std::int64_t, std::uint32_t, std::int32_t,
                                      std::uint16_t, std::uint8_t, double, float>;
TYPED_TEST_SUITE(TypedDatasetTest, ElementTypes);

// Six distinct values of T including its extremes.
template <class T>
std::vector<T> sample() {
  using L = std::numeric_limits<T>;
  return {L::lowest(), L::max(), T(0), T(1), T(42), L::min()};
}

TYPED_TEST(TypedDatasetTest, RoundTripWithDims) {
  using T = TypeParam;
  const auto file_path = this->path("types.h5");
  const std::vector<T> values = sample<T>();
  {
    File file = File::create(file_path);
    write_dataset<T>(file, "m/matrix", values, {2, 3});
    write_dataset<T>(file, "flat", std::span<const T>(values));  // 1-D by default
    write_dataset<T>(file, "cube", values, {1, 2, 3});
    write_dataset<T>(file, "empty", std::vector<T>{}, {0, 4});
    write_scalar<T>(file, "scalar", values[1]);
    file.close();
  }
  File file = File::open_read(file_path);
  Array<T> matrix = read_dataset<T>(file, "m/matrix");
  EXPECT_EQ(matrix.dims, (std::vector<hsize_t>{2, 3}));
  EXPECT_EQ(matrix.data, values);
  Array<T> flat = read_dataset<T>(file, "/flat");
  EXPECT_EQ(flat.dims, (std::vector<hsize_t>{6}));
  EXPECT_EQ(flat.data, values);
  EXPECT_EQ(read_dataset<T>(file, "cube").dims, (std::vector<hsize_t>{1, 2, 3}));
  Array<T> empty = read_dataset<T>(file, "empty");
  EXPECT_EQ(empty.dims, (std::vector<hsize_t>{0, 4}));
  EXPECT_TRUE(empty.data.empty());
  EXPECT_EQ(read_scalar<T>(file, "scalar"), values[1]);
  EXPECT_EQ(read_dataset<T>(file, "scalar").dims, std::vector<hsize_t>{});
  EXPECT_EQ(dataset_dims(file, "m/matrix"), (std::vector<hsize_t>{2, 3}));
}

TYPED_TEST(TypedDatasetTest, StoredBytesAreNative) {
  // The same bytes come back through the raw API as a native type of T's width and class.
  using T = TypeParam;
  File file = File::create(this->path("bytes.h5"));
  const std::vector<T> values = sample<T>();
  write_dataset<T>(file, "v", values);
  Handle dataset = open_dataset(file, "v");
  Handle type(H5Dget_type(dataset.id()));
  EXPECT_EQ(H5Tget_size(type.id()), sizeof(T));
  EXPECT_EQ(H5Tget_class(type.id()), std::is_floating_point_v<T> ? H5T_FLOAT : H5T_INTEGER);
  std::vector<T> raw(values.size());
  Handle native(H5Tget_native_type(type.id(), H5T_DIR_ASCEND));
  ASSERT_GE(H5Dread(dataset.id(), native.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, raw.data()), 0);
  EXPECT_EQ(std::memcmp(raw.data(), values.data(), values.size() * sizeof(T)), 0);
}

TEST_F(DatasetTest, TypeMismatchIsRefused) {
  const auto file_path = path("x.h5");
  File file = File::create(file_path);
  write_dataset<double>(file, "mazhilis/shares", std::vector<double>{0.5, 0.25});
  write_dataset<std::uint32_t>(file, "u32", std::vector<std::uint32_t>{1});
  write_dataset<std::uint16_t>(file, "u16", std::vector<std::uint16_t>{1});
  EXPECT_EQ(error_of([&] { read_dataset<std::uint64_t>(file, "mazhilis/shares"); }),
            "'/mazhilis/shares' in '" + file_path.string() +
                "': holds float64, cannot be read as uint64");
  EXPECT_CONTAINS(error_of([&] { read_dataset<float>(file, "mazhilis/shares"); }),
                  "cannot be read as float32");
  EXPECT_CONTAINS(error_of([&] { read_dataset<std::int32_t>(file, "u32"); }),
                  "holds uint32, cannot be read as int32");
  EXPECT_CONTAINS(error_of([&] { read_dataset<std::uint64_t>(file, "u16"); }),
                  "holds uint16, cannot be read as uint64");
  EXPECT_CONTAINS(error_of([&] { read_scalar<double>(file, "mazhilis/shares"); }),
                  "expected a single value");
  EXPECT_CONTAINS(error_of([&] { read_strings(file, "u16"); }), "holds uint16, not strings");
}

TEST_F(DatasetTest, MissingDatasetNamesThePath) {
  const auto file_path = path("x.h5");
  File file = File::create(file_path);
  Handle mazhilis = group(file, "mazhilis");
  EXPECT_EQ(error_of([&] { read_dataset<double>(mazhilis, "seats_pr"); }),
            "'/mazhilis/seats_pr' not found in '" + file_path.string() + "'");
  EXPECT_EQ(error_of([&] { read_dataset<double>(file, "mazhilis/seats_pr"); }),
            "'/mazhilis/seats_pr' not found in '" + file_path.string() + "'");
  EXPECT_EQ(error_of([&] { read_strings(file, "/senate/names"); }),
            "'/senate/names' not found in '" + file_path.string() + "'");
  EXPECT_CONTAINS(error_of([&] { read_dataset<double>(file, "mazhilis"); }), "not a dataset");
}

TEST_F(DatasetTest, BadWritesAreRefused) {
  File file = File::create(path("x.h5"));
  const std::vector<double> values{1, 2, 3};
  EXPECT_CONTAINS(error_of([&] {
                    write_dataset<double>(file, "v", values, {2, 2});
                  }),
                  "dimensions [2, 2] do not match 3 elements");
  write_dataset<double>(file, "v", values);
  EXPECT_CONTAINS(error_of([&] { write_dataset<double>(file, "v", values); }),
                  "'/v' in '" + path("x.h5").string() + "': already exists");
  EXPECT_CONTAINS(error_of([&] { write_strings(file, "s", {std::string("a\0b", 3)}); }),
                  "NUL byte");
  EXPECT_EQ(read_dataset<double>(file, "v").data, values);
}

TEST_F(DatasetTest, StringsRoundTrip) {
  const auto file_path = path("s.h5");
  const std::vector<std::string> names{
      "Қазақстан", "Amanat", "", "Ақ жол", std::string(5000, 'x'), "🗳️ ballot"};
  const std::string manifest = std::string(1 << 20, 'm') + "Мәжіліс";
  {
    File file = File::create(file_path);
    write_strings(file, "parties/names", names);
    write_strings(file, "none", {});
    write_string(file, "manifest", manifest);
    file.close();
  }
  File file = File::open_read(file_path);
  EXPECT_EQ(read_strings(file, "parties/names"), names);
  EXPECT_TRUE(read_strings(file, "none").empty());
  EXPECT_EQ(dataset_dims(file, "none"), std::vector<hsize_t>{0});
  EXPECT_EQ(read_string(file, "manifest"), manifest);
  EXPECT_EQ(read_strings(file, "manifest"), std::vector<std::string>{manifest});
  EXPECT_CONTAINS(error_of([&] { read_string(file, "parties/names"); }),
                  "holds 6 strings, expected one");
  EXPECT_CONTAINS(error_of([&] { read_dataset<double>(file, "parties/names"); }),
                  "holds string, cannot be read as float64");
  // Stored as variable-length UTF-8.
  Handle dataset = open_dataset(file, "parties/names");
  Handle type(H5Dget_type(dataset.id()));
  EXPECT_GT(H5Tis_variable_str(type.id()), 0);
  EXPECT_EQ(H5Tget_cset(type.id()), H5T_CSET_UTF8);
}

TEST_F(DatasetTest, FixedLengthStringsAreRead) {
  // Files from other tools may hold fixed-length strings (null- or space-padded).
  File file = File::create(path("fixed.h5"));
  for (H5T_str_t pad : {H5T_STR_NULLPAD, H5T_STR_SPACEPAD, H5T_STR_NULLTERM}) {
    Handle type(H5Tcopy(H5T_C_S1));
    H5Tset_size(type.id(), 8);
    H5Tset_strpad(type.id(), pad);
    hsize_t dims[1] = {2};
    Handle space(H5Screate_simple(1, dims, nullptr));
    const std::string name = "pad" + std::to_string(static_cast<int>(pad));
    Handle dataset(H5Dcreate2(file.handle().id(), name.c_str(), type.id(), space.id(), H5P_DEFAULT,
                              H5P_DEFAULT, H5P_DEFAULT));
    const char* fill = pad == H5T_STR_SPACEPAD ? "ab      abcdefgh" : "ab\0\0\0\0\0\0abcdefg\0";
    ASSERT_GE(H5Dwrite(dataset.id(), type.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, fill), 0);
    dataset.close();
    const std::string second = pad == H5T_STR_SPACEPAD ? "abcdefgh" : "abcdefg";
    EXPECT_EQ(read_strings(file, name), (std::vector<std::string>{"ab", second}));
  }
}

}  // namespace
}  // namespace seatcast::h5
