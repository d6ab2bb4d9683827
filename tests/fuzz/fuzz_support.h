// What the libFuzzer targets share: the one rule of this harness. A fuzz input must end
// in a result or in an InputError (the error a user sees with exit status 2); any other
// exception escapes LLVMFuzzerTestOneInput, std::terminate aborts, and libFuzzer records
// the input as a crash, exactly as a sanitizer report would.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "engine/io/input_error.h"

namespace seatcast::fuzz {

inline std::string text_of(const std::uint8_t* data, std::size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

// Runs `parse` on one input; an InputError is the expected refusal of bad input.
template <class F>
int refuse_or_accept(F parse) {
  try {
    parse();
  } catch (const InputError&) {
  }
  return 0;
}

}  // namespace seatcast::fuzz
