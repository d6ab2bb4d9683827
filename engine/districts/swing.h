// Swing: moving a baseline of shares (a district, a region) by the national change of a
// draw. Logit-additive (default): logit(p) + logit(s) - logit(m) for each option, where
// s is the option's national share in the draw and m its national centre; proportional:
// log(p) + log(s) - log(m), i.e. the baseline scaled by s / m. Either way the result is a
// score per candidate whose softmax is the new share and whose order is the vote order.
#pragma once

#include <cmath>
#include <optional>
#include <string_view>

namespace seatcast {

enum class SwingModel : std::uint8_t { logit_additive, proportional };

std::optional<SwingModel> parse_swing_model(std::string_view text);
std::string_view to_string(SwingModel model);

// Shares are clamped away from 0 and 1 so that a vanishing party stays finite.
inline double clamp_share(double p) {
  return std::fmin(std::fmax(p, 1e-12), 1 - 1e-12);
}

// The transform of a share on the scale where swing adds.
inline double swing_scale(SwingModel model, double p) {
  p = clamp_share(p);
  return model == SwingModel::logit_additive ? std::log(p / (1 - p)) : std::log(p);
}

}  // namespace seatcast
