// libFuzzer target: a results file through read_results and the per-option summaries,
// as `seatcast summarize` reads it. HDF5 reads files by name, so each input is written
// to one temporary file of this process first. HDF5's own error printing stays off (the
// reader silences it; LLVMFuzzerInitialize also switches it off for good).
// read_results reads in a child process first (engine/output/isolated_read.h): a crash
// or hang of libhdf5 there is the refusal of a damaged file, as a user sees it, so what
// this target finds is a failure of seatcast's own code. The child's time limit
// (SEATCAST_READ_TIMEOUT, 20 s unless set) stays under libFuzzer's -timeout of
// scripts/fuzz.sh, so a hang in libhdf5 is met by the guard, not by libFuzzer.
#include <hdf5.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "engine/output/results_reader.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

const std::filesystem::path& input_file() {
  static const std::filesystem::path p =
      std::filesystem::temp_directory_path() /
      ("seatcast-fuzz-results-" + std::to_string(::getpid()) + ".h5");
  return p;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  ::setenv("SEATCAST_READ_TIMEOUT", "20", 0);
  std::atexit([] {
    std::error_code ec;
    std::filesystem::remove(input_file(), ec);
  });
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  {
    std::ofstream out(input_file(), std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  return seatcast::fuzz::refuse_or_accept([&] {
    const seatcast::ResultsData r = seatcast::read_results(input_file());
    for (const seatcast::BodyResults& b : r.bodies) (void)seatcast::summarize(b, r.draws);
  });
}
