// libFuzzer target: a scenario's TOML text through parse_scenario and make_simulation,
// as `seatcast run` and `seatcast validate` take it. The text is placed in
// scenarios/kz/ of the source tree, so `file = "data/..."` reaches the shipped polls and
// district CSVs (read only) and the fuzzer explores the CSV readers behind the model and
// the district tier too, not only the TOML layer.
#include <string>

#include "engine/scenario/scenario.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = SEATCAST_SOURCE_DIR "/scenarios/kz/fuzz-input.toml";
  return seatcast::fuzz::refuse_or_accept([&] {
    const seatcast::Scenario s =
        seatcast::parse_scenario(seatcast::fuzz::text_of(data, size), path);
    const seatcast::Simulation sim = seatcast::make_simulation(s);
    (void)sim;
  });
}
