// VoteModel: the national vote-share model of a scenario, either a Dirichlet or a
// logistic-normal (optionally Student-t) model, as a closed std::variant; free functions
// for its size, kind name and cost, and VoteSampler, the non-allocating per-thread entry
// point that a simulation's hot loop calls once per draw (std::visit, no virtual calls).
#pragma once

#include <cstddef>
#include <span>
#include <string_view>
#include <variant>

#include "engine/random/streams.h"
#include "models/dirichlet.h"
#include "models/logistic_normal.h"

namespace seatcast::models {

using VoteModel = std::variant<DirichletModel, LogisticNormalModel>;

// Number of options (shares per draw).
int size(const VoteModel& model);
// "dirichlet" or "logistic-normal".
std::string_view kind_name(const VoteModel& model);
// Random variates per draw: gammas for Dirichlet; normals (+ a gamma per option each for
// Student-t tails and for the Dirichlet noise).
std::size_t variates_per_draw(const VoteModel& model);
// One draw of the shares into `shares` (size(model) entries); does not allocate.
void sample(const VoteModel& model, random::Engine& eng, std::span<double> shares);

// A per-thread (or per-block) sampler. It keeps its own copy of the model, so it has no
// lifetime tie to the scenario and threads share nothing. Neither model needs scratch
// memory (both build each draw in the output span), so sample() never allocates.
class VoteSampler {
 public:
  explicit VoteSampler(const VoteModel& model) : model_(model) {}

  int size() const { return models::size(model_); }
  const VoteModel& model() const noexcept { return model_; }

  void sample(random::Engine& eng, std::span<double> shares) const {
    std::visit([&](const auto& m) { m.sample(eng, shares); }, model_);
  }

 private:
  VoteModel model_;
};

}  // namespace seatcast::models
