// libFuzzer target: the votes CSV of `seatcast allocate` (and `seatcast backtest
// --truth`), from the CSV tokenizer to the checked table.
#include "engine/io/votes_csv.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return seatcast::fuzz::refuse_or_accept([&] {
    const seatcast::VotesTable t =
        seatcast::parse_votes_csv(seatcast::fuzz::text_of(data, size), "fuzz.csv");
    (void)t;
  });
}
