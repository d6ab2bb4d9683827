#include "engine/districts/swing.h"

namespace seatcast {

std::optional<SwingModel> parse_swing_model(std::string_view text) {
  if (text == "logit-additive") return SwingModel::logit_additive;
  if (text == "proportional") return SwingModel::proportional;
  return std::nullopt;
}

std::string_view to_string(SwingModel model) {
  return model == SwingModel::logit_additive ? "logit-additive" : "proportional";
}

}  // namespace seatcast
