#include "models/vote_model.h"

#include <type_traits>

namespace seatcast::models {

int size(const VoteModel& model) {
  return std::visit([](const auto& m) { return m.size(); }, model);
}

std::string_view kind_name(const VoteModel& model) {
  return std::visit(
      [](const auto& m) -> std::string_view {
        if constexpr (std::is_same_v<std::decay_t<decltype(m)>, DirichletModel>) {
          return "dirichlet";
        } else {
          return "logistic-normal";
        }
      },
      model);
}

std::size_t variates_per_draw(const VoteModel& model) {
  return std::visit([](const auto& m) { return m.variates_per_draw(); }, model);
}

void sample(const VoteModel& model, random::Engine& eng, std::span<double> shares) {
  std::visit([&](const auto& m) { m.sample(eng, shares); }, model);
}

}  // namespace seatcast::models
