#include <cstdint>
#include <numeric>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "engine/hdf5/h5.h"
#include "tests/hdf5/support.h"

namespace seatcast::h5 {
namespace {

using testing::error_of;
using AppendableTest = testing::TempDir;

template <class T>
class TypedAppendableTest : public testing::TempDir {};
using StreamTypes = ::testing::Types<double, float, std::uint16_t, std::uint32_t>;
TYPED_TEST_SUITE(TypedAppendableTest, StreamTypes);

// Checks the creation properties of dataset `name`: chunked with `chunk` and filtered by
// shuffle then deflate at `level`.
void expect_chunked_deflated(const Handle& loc, const std::string& name,
                             const std::vector<hsize_t>& chunk, unsigned level) {
  Handle dataset = open_dataset(loc, name);
  Handle dcpl(H5Dget_create_plist(dataset.id()));
  ASSERT_TRUE(dcpl.valid());
  EXPECT_EQ(H5Pget_layout(dcpl.id()), H5D_CHUNKED);
  std::vector<hsize_t> got(chunk.size());
  EXPECT_EQ(H5Pget_chunk(dcpl.id(), static_cast<int>(got.size()), got.data()),
            static_cast<int>(chunk.size()));
  EXPECT_EQ(got, chunk);
  ASSERT_EQ(H5Pget_nfilters(dcpl.id()), 2);
  unsigned flags = 0;
  std::size_t n_values = 4;
  unsigned values[4] = {};
  char filter_name[64];
  unsigned config = 0;
  EXPECT_EQ(H5Pget_filter2(dcpl.id(), 0, &flags, &n_values, values, sizeof filter_name, filter_name,
                           &config),
            H5Z_FILTER_SHUFFLE);
  n_values = 4;
  EXPECT_EQ(H5Pget_filter2(dcpl.id(), 1, &flags, &n_values, values, sizeof filter_name, filter_name,
                           &config),
            H5Z_FILTER_DEFLATE);
  ASSERT_GE(n_values, 1u);
  EXPECT_EQ(values[0], level);
}

TYPED_TEST(TypedAppendableTest, TenAppendsReadBackEqual) {
  using T = TypeParam;
  const auto file_path = this->path("draws.h5");
  const hsize_t columns = 7;
  std::vector<T> all;
  {
    File file = File::create(file_path);
    auto draws = AppendableDataset<T>::create(group(file, "mazhilis"), "seats", {columns},
                                              {.chunk_rows = 16, .gzip_level = 6});
    for (hsize_t k = 1; k <= 10; ++k) {  // 1 + 2 + ... + 10 = 55 rows
      std::vector<T> block(k * columns);
      for (std::size_t i = 0; i < block.size(); ++i) {
        block[i] = static_cast<T>((all.size() + i) % 1000) / T(2);
      }
      draws.append(block, k);
      all.insert(all.end(), block.begin(), block.end());
      EXPECT_EQ(draws.rows(), k * (k + 1) / 2);
    }
    EXPECT_EQ(draws.row_size(), columns);
    draws.close();
    file.close();
  }
  File file = File::open_read(file_path);
  Array<T> back = read_dataset<T>(file, "mazhilis/seats");
  EXPECT_EQ(back.dims, (std::vector<hsize_t>{55, columns}));
  EXPECT_EQ(back.data, all);
  expect_chunked_deflated(file, "mazhilis/seats", {16, columns}, 6);
  Handle dataset = open_dataset(file, "mazhilis/seats");
  Handle space(H5Dget_space(dataset.id()));
  hsize_t dims[2], max_dims[2];
  ASSERT_EQ(H5Sget_simple_extent_dims(space.id(), dims, max_dims), 2);
  EXPECT_EQ(max_dims[0], H5S_UNLIMITED);
  EXPECT_EQ(max_dims[1], columns);
}

TEST_F(AppendableTest, ScalarRowsAndReopen) {
  const auto file_path = path("turnout.h5");
  {
    File file = File::create(file_path);
    auto turnout = AppendableDataset<double>::create(file, "turnout", {});
    turnout.append(std::vector<double>{0.61, 0.62}, 2);
    turnout.append(std::vector<double>{}, 0);  // nothing to do
    file.close();
  }
  {
    File file = File::open_write(file_path);
    auto turnout = AppendableDataset<double>::open(file, "turnout");
    EXPECT_EQ(turnout.rows(), 2u);
    EXPECT_TRUE(turnout.row_shape().empty());
    turnout.append(std::vector<double>{0.63}, 1);
    write_string_attribute(turnout.handle(), "units", "share");
    EXPECT_CONTAINS(error_of([&] { AppendableDataset<float>::open(file, "turnout"); }),
                    "holds float64, cannot be written as float32");
    turnout.close();
    file.close();
  }
  File file = File::open_read(file_path);
  EXPECT_EQ(read_dataset<double>(file, "turnout").data, (std::vector<double>{0.61, 0.62, 0.63}));
  expect_chunked_deflated(file, "turnout", {1024}, 4);
  EXPECT_EQ(read_string_attribute(open_dataset(file, "turnout"), "units"), "share");
}

TEST_F(AppendableTest, FixedRowsWrittenOutOfOrder) {
  const auto file_path = path("fixed.h5");
  const hsize_t rows = 100, districts = 3, parties = 4;
  const hsize_t row = districts * parties;
  std::vector<std::uint32_t> expected(rows * row);
  std::iota(expected.begin(), expected.end(), 0u);
  {
    File file = File::create(file_path);
    auto votes = AppendableDataset<std::uint32_t>::create_fixed(
        file, "votes", rows, {districts, parties}, {.chunk_rows = 32, .gzip_level = 1});
    EXPECT_EQ(votes.rows(), rows);
    // Blocks of 25 draws finishing in the order 3, 0, 2, 1.
    for (hsize_t block : {3, 0, 2, 1}) {
      std::span<const std::uint32_t> part(expected.data() + block * 25 * row, 25 * row);
      votes.write_rows(block * 25, 25, part);
    }
    EXPECT_CONTAINS(
        error_of([&] { votes.write_rows(90, 20, std::vector<std::uint32_t>(20 * row)); }),
        "rows 90..110 are past the end (100 rows)");
    EXPECT_CONTAINS(error_of([&] { votes.append(std::vector<std::uint32_t>(row), 1); }),
                    "past the end");
    file.close();
  }
  File file = File::open_read(file_path);
  Array<std::uint32_t> back = read_dataset<std::uint32_t>(file, "votes");
  EXPECT_EQ(back.dims, (std::vector<hsize_t>{rows, districts, parties}));
  EXPECT_EQ(back.data, expected);
}

TEST_F(AppendableTest, ChunkRowsAreCappedForSmallFixedDatasets) {
  File file = File::create(path("small.h5"));
  AppendableDataset<float>::create_fixed(file, "small", 5, {2}, {.chunk_rows = 1024});
  expect_chunked_deflated(file, "small", {5, 2}, 4);
}

TEST_F(AppendableTest, WriteRowsGrowsAnExtendibleDataset) {
  File file = File::create(path("grow.h5"));
  auto data = AppendableDataset<std::uint16_t>::create(file, "d", {2});
  data.write_rows(3, 1, std::vector<std::uint16_t>{7, 8});
  EXPECT_EQ(data.rows(), 4u);
  data.write_rows(0, 1, std::vector<std::uint16_t>{1, 2});
  EXPECT_EQ(read_dataset<std::uint16_t>(file, "d").data,
            (std::vector<std::uint16_t>{1, 2, 0, 0, 0, 0, 7, 8}));
}

TEST_F(AppendableTest, BadInputIsRefused) {
  const auto file_path = path("bad.h5");
  File file = File::create(file_path);
  auto data = AppendableDataset<double>::create(file, "d", {3});
  EXPECT_EQ(error_of([&] { data.append(std::vector<double>(5), 2); }),
            "'/d' in '" + file_path.string() + "': got 5 values for 2 rows of 3");
  EXPECT_CONTAINS(error_of([&] { AppendableDataset<double>::create(file, "d", {3}); }),
                  "already exists");
  EXPECT_CONTAINS(error_of([&] { AppendableDataset<double>::create(file, "z", {0}); }),
                  "zero extent");
  EXPECT_CONTAINS(
      error_of([&] { AppendableDataset<double>::create(file, "c", {3}, {.chunk_rows = 0}); }),
      "chunk_rows must be positive");
  EXPECT_CONTAINS(
      error_of([&] { AppendableDataset<double>::create(file, "g", {3}, {.gzip_level = 10}); }),
      "gzip level");
  write_dataset<double>(file, "plain", std::vector<double>{1});
  EXPECT_CONTAINS(error_of([&] { AppendableDataset<double>::open(file, "plain"); }),
                  "is not chunked");
  EXPECT_EQ(error_of([&] { AppendableDataset<double>::open(file, "absent"); }),
            "'/absent' not found in '" + file_path.string() + "'");
  data.close();
  EXPECT_CONTAINS(error_of([&] { data.append(std::vector<double>(3), 1); }), "closed");
}

TEST_F(AppendableTest, UncompressedWhenLevelIsZero) {
  File file = File::create(path("raw.h5"));
  auto data = AppendableDataset<double>::create(file, "d", {2}, {.gzip_level = 0});
  data.append(std::vector<double>{1, 2}, 1);
  Handle dcpl(H5Dget_create_plist(data.handle().id()));
  EXPECT_EQ(H5Pget_nfilters(dcpl.id()), 0);
}

}  // namespace
}  // namespace seatcast::h5
