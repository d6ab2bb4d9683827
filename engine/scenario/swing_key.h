// The `swing` key of a scenario table (district tiers, regional electorates, levels of
// areas): one reading and one message for every place that has it.
#pragma once

#include "engine/districts/swing.h"
#include "engine/scenario/toml_reader.h"

namespace seatcast {

inline SwingModel read_swing(const TomlTable& t, SwingModel fallback) {
  const std::string swing = t.optional_string("swing").value_or(std::string(to_string(fallback)));
  const auto sm = parse_swing_model(swing);
  if (!sm)
    t.fail("swing", "unknown swing '" + swing + "' (expected logit-additive or proportional)");
  return *sm;
}

}  // namespace seatcast
