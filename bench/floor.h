// The floor a draw is measured against: drawing only the random variates one draw needs
// (the vote model's, and the normals of district noise and regional electorates), with
// the same engine and samplers, and nothing else (no normalisation, no rules, no tally).
// A simulator cannot be faster than this.
#pragma once

#include <cstddef>
#include <vector>

#include <boost/random/normal_distribution.hpp>

#include "engine/random/streams.h"
#include "models/gamma.h"
#include "models/vote_model.h"

namespace seatcast::bench {

class VariateFloor {
 public:
  // body_normals: the normals the elected bodies draw (ElectedBody::variates_per_draw).
  explicit VariateFloor(const models::VoteModel& model, std::size_t body_normals = 0)
      : normals_(body_normals) {
    if (const auto* d = std::get_if<models::DirichletModel>(&model)) {
      for (double a : d->alpha()) gammas_.emplace_back(a);
    } else if (const auto* ln = std::get_if<models::LogisticNormalModel>(&model)) {
      normals_ += static_cast<std::size_t>(ln->size());
      if (ln->student_t())  // one mixing variable per option
        for (int i = 0; i < ln->size(); ++i) gammas_.emplace_back(ln->t_dof() / 2);
      if (ln->noise_concentration() > 0)  // the Dirichlet noise, at the mean's shapes
        for (int i = 0; i < ln->size(); ++i)
          gammas_.emplace_back(ln->noise_concentration() * ln->mean_shares()(i));
    }
  }

  // One draw's variates; returns their sum so the compiler cannot drop them.
  double draw(random::Engine& eng) {
    double sum = 0;
    for (const auto& g : gammas_) sum += g(eng);
    for (std::size_t i = 0; i < normals_; ++i) sum += normal_(eng);
    return sum;
  }

  std::size_t variates() const { return gammas_.size() + normals_; }

 private:
  std::vector<models::GammaSampler> gammas_;
  std::size_t normals_ = 0;
  boost::random::normal_distribution<double> normal_;
};

}  // namespace seatcast::bench
