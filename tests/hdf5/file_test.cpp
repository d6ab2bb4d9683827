#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <type_traits>
#include <vector>

#include <sys/resource.h>

#include <gtest/gtest.h>

#include "engine/hdf5/h5.h"
#include "tests/hdf5/support.h"

namespace seatcast::h5 {
namespace {

using testing::error_of;
using FileTest = testing::TempDir;

static_assert(!std::is_copy_constructible_v<Handle> &&
              std::is_nothrow_move_constructible_v<Handle>);
static_assert(!std::is_copy_constructible_v<File> && std::is_move_constructible_v<File>);
static_assert(std::is_base_of_v<std::runtime_error, Error>);

TEST_F(FileTest, CreateWriteCloseReopen) {
  const auto file_path = path("run.h5");
  {
    File file = File::create(file_path);
    EXPECT_TRUE(file.is_open());
    EXPECT_EQ(file.path(), file_path);
    write_scalar<std::uint64_t>(file, "draws", 1000);
    file.close();
    EXPECT_FALSE(file.is_open());
    file.close();  // a second close is a no-op
  }
  EXPECT_TRUE(is_hdf5(file_path));
  File file = File::open_read(file_path);
  EXPECT_EQ(read_scalar<std::uint64_t>(file, "draws"), 1000u);
}

TEST_F(FileTest, CreateTruncatesAnExistingFile) {
  const auto file_path = path("run.h5");
  {
    File file = File::create(file_path);
    write_scalar<double>(file, "old", 1.0);
    file.close();
  }
  File file = File::create(file_path);
  EXPECT_FALSE(exists(file, "old"));
}

TEST_F(FileTest, OpenWriteAddsToAFile) {
  const auto file_path = path("run.h5");
  File::create(file_path).close();
  {
    File file = File::open_write(file_path);
    write_scalar<std::int32_t>(file, "added", -3);
    file.close();
  }
  EXPECT_EQ(read_scalar<std::int32_t>(File::open_read(file_path), "added"), -3);
}

TEST_F(FileTest, MoveTransfersOwnership) {
  File a = File::create(path("a.h5"));
  File b = std::move(a);
  EXPECT_TRUE(b.is_open());
  EXPECT_FALSE(a.is_open());  // NOLINT(bugprone-use-after-move): moved-from is empty
  Handle g = group(b, "g");
  Handle h = std::move(g);
  EXPECT_FALSE(g.valid());  // NOLINT(bugprone-use-after-move)
  EXPECT_TRUE(h.valid());
  h.close();
  EXPECT_FALSE(h.valid());
}

TEST_F(FileTest, MissingFileNamesThePath) {
  const auto file_path = path("absent.h5");
  std::string message = error_of([&] { File::open_read(file_path); });
  EXPECT_EQ(message, "cannot open '" + file_path.string() + "': no such file");
  EXPECT_FALSE(is_hdf5(file_path));
}

TEST_F(FileTest, NonHdf5FileIsRefused) {
  const auto file_path = path("x.h5");
  std::ofstream(file_path) << "seats,votes\n1,2\n";
  EXPECT_FALSE(is_hdf5(file_path));
  std::string message = error_of([&] { File::open_read(file_path); });
  EXPECT_EQ(message, "cannot open '" + file_path.string() + "': not an HDF5 file");
  message = error_of([&] { File::open_write(file_path); });
  EXPECT_CONTAINS(message, "not an HDF5 file");
}

TEST_F(FileTest, TruncatedFileIsRefused) {
  const auto good = path("good.h5");
  {
    File file = File::create(good);
    std::vector<double> values(20000, 0.5);
    write_dataset<double>(file, "values", values);
    file.close();
  }
  const auto size = std::filesystem::file_size(good);
  ASSERT_GT(size, 100000u);
  const auto cut = path("cut.h5");
  std::filesystem::copy_file(good, cut);
  std::filesystem::resize_file(cut, size / 2);
  std::string message = error_of([&] { File::open_read(cut); });
  EXPECT_CONTAINS(message, "cannot open '" + cut.string() + "'");
  EXPECT_CONTAINS(message, "truncated");
}

TEST_F(FileTest, CreateInMissingDirectoryNamesThePath) {
  const auto file_path = path("no/such/dir/run.h5");
  std::string message = error_of([&] { File::create(file_path); });
  EXPECT_CONTAINS(message, "cannot create '" + file_path.string() + "'");
}

TEST_F(FileTest, WritingIntoAReadOnlyFileThrows) {
  const auto file_path = path("ro.h5");
  File::create(file_path).close();
  File file = File::open_read(file_path);
  std::string message = error_of([&] { write_scalar<double>(file, "x", 1.0); });
  EXPECT_CONTAINS(message, "'/x'");
  EXPECT_CONTAINS(message, file_path.string());
}

TEST_F(FileTest, UnwritableTargetSurfacesAsError) {
  if (!std::filesystem::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  // Every write to /dev/full fails with ENOSPC, like a full disk. A failed H5Fcreate leaks
  // a little HDF5-internal memory, so run it in a child that ends without leak checks.
  EXPECT_EXIT(
      {
        std::string message = error_of([] { File::create("/dev/full"); });
        std::_Exit(
            message == "cannot create '/dev/full': file write failed: No space left on device" ? 0
                                                                                               : 1);
      },
      ::testing::ExitedWithCode(0), "");
}

// Closes a file whose metadata no longer fits under a file size limit (like a full disk);
// returns the message of the h5::Error that close() must throw.
std::string close_with_full_disk(const std::filesystem::path& file_path) {
  File file = File::create(file_path);
  file.flush();
  const auto size = std::filesystem::file_size(file_path);
  // Groups and attributes stay in the metadata cache until the file is flushed.
  for (int i = 0; i < 50; ++i) {
    Handle g = group(file, "district_" + std::to_string(i));
    write_string_attribute(g, "name", std::string(100, 'd'));
  }
  std::signal(SIGXFSZ, SIG_IGN);
  rlimit limit{};
  getrlimit(RLIMIT_FSIZE, &limit);
  limit.rlim_cur = size;
  setrlimit(RLIMIT_FSIZE, &limit);
  std::string message = error_of([&] { file.close(); });
  if (file.is_open()) message += " [still open]";
  return message;
}

TEST_F(FileTest, FlushFailureAtCloseSurfacesAsError) {
  // The failure of the final flush must come out of close() as an h5::Error, never be
  // swallowed. HDF5 1.10 keeps damaged state after a failed close, so run it in a child.
  const auto file_path = path("limited.h5");
  const std::string expected =
      "cannot write '" + file_path.string() + "': file write failed: File too large";
  EXPECT_EXIT(
      {
        std::string message = close_with_full_disk(file_path);
        std::fputs(message.c_str(), stderr);
        std::_Exit(message == expected ? 0 : 1);
      },
      ::testing::ExitedWithCode(0), "");
}

TEST_F(FileTest, HdfErrorStackIsNotPrinted) {
  ::testing::internal::CaptureStderr();
  EXPECT_THROW(File::open_read(path("absent.h5")), Error);
  {
    File file = File::create(path("quiet.h5"));
    EXPECT_THROW(read_dataset<double>(file, "nothing"), Error);
    EXPECT_THROW(open_group(file, "a/b"), Error);
    EXPECT_FALSE(exists(file, "a/b/c"));
  }
  std::ofstream(path("text.h5")) << "not hdf5";
  EXPECT_THROW(File::open_read(path("text.h5")), Error);
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
}

}  // namespace
}  // namespace seatcast::h5
