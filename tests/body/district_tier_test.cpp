// The district tier: the winner is the top candidate, "against all" never wins, the
// national swing moves districts the right way, ties go to a fair runoff lot.
#include <gtest/gtest.h>

#include <numeric>

#include "engine/districts/district_tier.h"

namespace seatcast {
namespace {

const Ballot kBallot = {{"a", "a", OptionKind::party},
                        {"b", "b", OptionKind::party},
                        {"x", "x", OptionKind::against_all},
                        {"ind", "ind", OptionKind::independent}};
const std::vector<double> kCentre = {0.5, 0.4, 0.1, 0.0};

DistrictTierConfig config(std::vector<District> districts) {
  DistrictTierConfig c;
  c.districts = std::move(districts);
  return c;
}

std::vector<int> seats_of(const DistrictTier& tier, const std::vector<double>& shares,
                          std::uint64_t seed = 1) {
  std::vector<int> seats(kBallot.size(), 0);
  random::Engine rng(seed);
  DistrictScratch scratch;
  tier.evaluate(shares, seats, rng, scratch);
  return seats;
}

TEST(DistrictTier, WithoutNoiseTheTopBaselineWinsAtTheCentre) {
  const DistrictTier tier(kBallot,
                          config({{"1", "r", {{0, 0.45}, {1, 0.35}, {2, 0.20}}},
                                  {"2", "r", {{0, 0.30}, {3, 0.40}, {2, 0.30}}},
                                  {"3", "s", {{1, 0.50}, {0, 0.30}}}}),
                          kCentre);
  EXPECT_EQ(seats_of(tier, kCentre), (std::vector<int>{1, 1, 0, 1}));
}

TEST(DistrictTier, AgainstAllNeverWinsEvenWhenLargest) {
  const DistrictTier tier(kBallot, config({{"1", "r", {{0, 0.2}, {1, 0.1}, {2, 0.7}}}}), kCentre);
  EXPECT_EQ(seats_of(tier, kCentre), (std::vector<int>{1, 0, 0, 0}));
}

TEST(DistrictTier, NationalSwingMovesTheDistrict) {
  // At the centre b leads a 0.42 to 0.40; when a's national share rises from 0.5 to 0.6
  // (logit +0.405) and b's falls from 0.4 to 0.3 (logit -0.442), a wins.
  const DistrictTier tier(kBallot, config({{"1", "r", {{0, 0.40}, {1, 0.42}}}}), kCentre);
  EXPECT_EQ(seats_of(tier, kCentre)[1], 1);
  EXPECT_EQ(seats_of(tier, {0.6, 0.3, 0.1, 0.0})[0], 1);
}

TEST(DistrictTier, ProportionalSwingScalesShares) {
  DistrictTierConfig c = config({{"1", "r", {{0, 0.40}, {1, 0.42}}}});
  c.swing = SwingModel::proportional;
  const DistrictTier tier(kBallot, c, kCentre);
  // a x 0.52/0.5 = 0.416 < b x 0.41/0.4 = 0.4305: b holds; a x 0.6/0.5 = 0.48 wins.
  EXPECT_EQ(seats_of(tier, {0.52, 0.41, 0.07, 0.0})[1], 1);
  EXPECT_EQ(seats_of(tier, {0.6, 0.3, 0.1, 0.0})[0], 1);
}

TEST(DistrictTier, ExactTieGoesToAFairRunoff) {
  const DistrictTier tier(kBallot, config({{"1", "r", {{0, 0.4}, {3, 0.4}}}}),
                          std::vector<double>{0, 0, 0, 0});  // no swing at all
  int a = 0;
  const int n = 4000;
  for (int i = 0; i < n; ++i) {
    std::vector<int> seats(4, 0);
    random::Engine rng(i);
    DistrictScratch scratch;
    const DistrictEvents ev =
        tier.evaluate(std::vector<double>{0.5, 0.4, 0.1, 0}, seats, rng, scratch);
    EXPECT_TRUE(ev.runoff);
    a += seats[0];
    EXPECT_EQ(seats[0] + seats[3], 1);
  }
  EXPECT_NEAR(a / double(n), 0.5, 5 * std::sqrt(0.25 / n));  // 5 standard errors
}

TEST(DistrictTier, NoiseGivesTheTrailerItsNormalProbability) {
  // a 0.5 vs ind 0.4 with per-candidate noise sd 0.3 and no regional part: the logit
  // gap 0.405 over sd 0.3 x sqrt(2): P(ind wins) = Phi(-0.955) = 0.170.
  DistrictTierConfig c = config({{"1", "r", {{0, 0.5}, {3, 0.4}}}});
  c.noise_sd = 0.3;
  const DistrictTier tier(kBallot, c, kCentre);
  random::Engine rng(7);
  DistrictScratch scratch;
  int ind = 0;
  const int n = 100000;
  for (int i = 0; i < n; ++i) {
    std::vector<int> seats(4, 0);
    tier.evaluate(kCentre, seats, rng, scratch);
    ind += seats[3];
  }
  const double logit_gap = std::log(0.5 / 0.5) - std::log(0.4 / 0.6);
  const double expected = 0.5 * std::erfc(logit_gap / (0.3 * std::sqrt(2.0)) / std::sqrt(2.0));
  EXPECT_NEAR(ind / double(n), expected, 5 * std::sqrt(expected * (1 - expected) / n));
}

// P(a wins both of two districts, a 0.5 against b 0.5 in each, noise sd 0.3 with half
// its variance regional), from the draws.
double both_won(const std::vector<District>& districts, std::size_t expected_variates) {
  DistrictTierConfig c = config(districts);
  c.noise_sd = 0.3;
  c.region_correlation = 0.5;
  const DistrictTier tier(kBallot, c, kCentre);
  EXPECT_EQ(tier.variates_per_draw(), expected_variates);
  random::Engine rng(11);
  DistrictScratch scratch;
  const int n = 60000;
  int both = 0;
  std::vector<int> seats(4);
  for (int i = 0; i < n; ++i) {
    std::fill(seats.begin(), seats.end(), 0);
    tier.evaluate(kCentre, seats, rng, scratch);
    both += seats[0] == 2;
  }
  return both / double(n);
}

TEST(DistrictTier, RegionalEffectsCorrelateARegionsDistricts) {
  // Same region: the vote differences share the regional part, correlation 1/2, so
  // P(a wins both) = 1/4 + asin(1/2) / (2 pi) = 1/3. Variates: the shared effects of a and
  // b (2) and one own normal per candidate (4).
  const double same =
      both_won({{"1", "r", {{0, 0.5}, {1, 0.5}}}, {"2", "r", {{0, 0.5}, {1, 0.5}}}}, 6);
  EXPECT_NEAR(same, 1.0 / 3, 5 * std::sqrt((1.0 / 3) * (2.0 / 3) / 60000));
  // Regions of one district each: independent, 1/4; each regional effect reaches one
  // candidate and is drawn as part of its own normal (4 variates).
  const double apart =
      both_won({{"1", "r", {{0, 0.5}, {1, 0.5}}}, {"2", "s", {{0, 0.5}, {1, 0.5}}}}, 4);
  EXPECT_NEAR(apart, 0.25, 5 * std::sqrt(0.25 * 0.75 / 60000));
}

TEST(DistrictTier, AnIndependentsNormalsAddUp) {
  // a 0.5 vs ind 0.4 in a one-district region, noise sd 0.3 (half regional) and an
  // independent effect of sd 0.5: the score difference has variance 0.09 (a's own and
  // regional parts) + 0.09 + 0.25 (ind's), one normal per candidate.
  DistrictTierConfig c = config({{"1", "r", {{0, 0.5}, {3, 0.4}}}});
  c.noise_sd = 0.3;
  c.region_correlation = 0.5;
  c.independent_sd = 0.5;
  const DistrictTier tier(kBallot, c, kCentre);
  EXPECT_EQ(tier.variates_per_draw(), 2u);
  random::Engine rng(5);
  DistrictScratch scratch;
  int ind = 0;
  const int n = 100000;
  std::vector<int> seats(4);
  for (int i = 0; i < n; ++i) {
    std::fill(seats.begin(), seats.end(), 0);
    tier.evaluate(kCentre, seats, rng, scratch);
    ind += seats[3];
  }
  const double logit_gap = -std::log(0.4 / 0.6);
  const double expected =
      0.5 * std::erfc(logit_gap / std::sqrt(0.09 + 0.09 + 0.25) / std::sqrt(2.0));
  EXPECT_NEAR(ind / double(n), expected, 5 * std::sqrt(expected * (1 - expected) / n));
}

TEST(DistrictTier, RefusesADistrictWithoutCandidates) {
  EXPECT_THROW(DistrictTier(kBallot, config({{"1", "r", {{2, 0.5}}}}), kCentre),
               std::invalid_argument);
}

}  // namespace
}  // namespace seatcast
