// The floor a draw is measured against: drawing only the random variates one draw needs
// (the vote model's, and the normals of district noise and regional electorates), with
// the same engine and samplers, and nothing else (no normalisation, no rules, no tally).
// A simulator cannot be faster than this. LegacyFloor is the same with the generator and
// samplers of before issue 18, so that one run gives the ratio between the two.
#pragma once

#include <cmath>
#include <cstddef>
#include <vector>

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/uniform_01.hpp>

#include "engine/random/normal.h"
#include "engine/random/streams.h"
#include "models/gamma.h"
#include "models/vote_model.h"

namespace seatcast::bench {

class VariateFloor {
 public:
  // body_normals: the normals the elected bodies draw (ElectedBody::variates_per_draw).
  explicit VariateFloor(const models::VoteModel& model, std::size_t body_normals = 0)
      : normals_(body_normals), batch_(body_normals) {
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
  // The bodies' normals as one batch, as the district tier and the levels draw them;
  // summing every one would make the floor the latency of a chain of additions.
  double draw(random::Engine& eng) {
    double sum = 0;
    for (const auto& g : gammas_) sum += g(eng);
    for (std::size_t i = batch_.size(); i < normals_; ++i) sum += random::normal(eng);
    if (!batch_.empty()) {
      random::fill_normals(eng, batch_.data(), batch_.size());
      sum += batch_.front() + batch_.back();
    }
    return sum;
  }

  std::size_t variates() const { return gammas_.size() + normals_; }
  std::size_t normals() const { return normals_; }
  const std::vector<double>& batch() const { return batch_; }
  std::vector<double> gamma_shapes() const {
    std::vector<double> out;
    for (const auto& g : gammas_) out.push_back(g.shape());
    return out;
  }

 private:
  std::vector<models::GammaSampler> gammas_;
  std::size_t normals_ = 0;
  std::vector<double> batch_;  // [the bodies' normals]
};

// The floor as it was before issue 18, for the ratio in one sitting: Boost's
// mt19937_64 with Boost's ziggurat normal, and Marsaglia-Tsang gammas over that normal
// (models/gamma.h's algorithm at the time, shapes boosted below 1 the same way).
class LegacyFloor {
 public:
  explicit LegacyFloor(const VariateFloor& like) : normals_(like.normals()), batch_(like.batch()) {
    for (double a : like.gamma_shapes()) shapes_.push_back(a);
  }

  double draw(boost::random::mt19937_64& eng) {
    double sum = 0;
    for (double a : shapes_) sum += gamma(eng, a);
    for (std::size_t i = batch_.size(); i < normals_; ++i) sum += normal_(eng);
    if (!batch_.empty()) {
      for (double& z : batch_) z = normal_(eng);
      sum += batch_.front() + batch_.back();
    }
    return sum;
  }

 private:
  double gamma(boost::random::mt19937_64& eng, double shape) {
    const bool boosted = shape < 1;
    const double d = (boosted ? shape + 1 : shape) - 1.0 / 3.0, c = 1 / std::sqrt(9 * d);
    double g;
    for (;;) {
      double x, v;
      do {
        x = normal_(eng);
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const double u = uniform_(eng), x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2 || std::log(u) < 0.5 * x2 + d * (1 - v + std::log(v))) {
        g = d * v;
        break;
      }
    }
    return boosted ? g * std::pow(uniform_(eng), 1 / shape) : g;
  }

  std::size_t normals_;
  std::vector<double> batch_;
  std::vector<double> shapes_;
  boost::random::normal_distribution<double> normal_;
  boost::random::uniform_01<double> uniform_;
};

}  // namespace seatcast::bench
