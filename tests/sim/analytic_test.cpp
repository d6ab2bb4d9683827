// A whole run against an answer known in closed form. Two parties, one seat by D'Hondt:
// the seat goes to A exactly when A has more votes. Under a Dirichlet(a, b) A's share is
// Beta(a, b), so P(A wins) = 1 - I_{1/2}(a, b), and for integer a, b the regularised
// incomplete beta is a binomial tail: I_x(a, b) = P(Bin(a + b - 1, x) >= a).
#include <gtest/gtest.h>

#include <cmath>

#include "engine/sim/simulation.h"

namespace seatcast {
namespace {

// P(Beta(a, b) > 1/2) = 1 - P(Bin(a + b - 1, 1/2) >= a) for integer a, b.
double beta_above_half(int a, int b) {
  const int n = a + b - 1;
  double tail = 0;  // P(Bin(n, 1/2) >= a)
  for (int k = a; k <= n; ++k)
    tail += std::exp(std::lgamma(n + 1) - std::lgamma(k + 1) - std::lgamma(n - k + 1) -
                     n * std::log(2.0));
  return 1 - tail;
}

TEST(Analytic, OneSeatGoesToTheMajorityWithBetaProbability) {
  const int a = 21, b = 19;
  const double expected = beta_above_half(a, b);  // about 0.62
  Ballot ballot = {{"a", "a", OptionKind::party}, {"b", "b", OptionKind::party}};
  ListTierConfig cfg;
  cfg.seats = 1;
  cfg.method = Method::dhondt;
  BodyConfig body;
  body.id = body.name = "house";
  body.list_tier = cfg;
  models::VoteModel model = models::DirichletModel({double(a), double(b)});
  Simulation sim{ballot, model, model_options(ballot), 1'000'000'000, {}};
  sim.bodies.emplace_back(ballot, body, model_centre(model, ballot));
  const std::uint64_t draws = 400000;
  const RunResult r = run_simulation(sim, RunOptions{draws, 99, 2, 4096, nullptr});
  const double p = double(r.tally.bodies[0].seats_pr().row(0)[1]) / draws;
  const double se = std::sqrt(expected * (1 - expected) / draws);
  EXPECT_NEAR(p, expected, 5 * se) << "expected " << expected;  // 5 standard errors
  EXPECT_GT(expected, 0.6);
  EXPECT_LT(expected, 0.7);
}

}  // namespace
}  // namespace seatcast
