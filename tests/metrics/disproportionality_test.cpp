// Disproportionality indices, effective numbers of parties and wasted votes against
// values worked by hand (the arithmetic is in each comment), and their histograms.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "engine/metrics/disproportionality.h"

namespace seatcast {
namespace {

Ballot make_ballot(std::initializer_list<std::pair<const char*, OptionKind>> options) {
  Ballot b;
  for (const auto& [id, kind] : options) b.push_back({id, id, kind});
  return b;
}

MetricValues measure(const Ballot& b, const std::vector<Votes>& v, const std::vector<int>& s) {
  return Disproportionality(b).measure(v, s);
}

TEST(Metrics, ThreePartiesByHand) {
  // Votes 50/30/20 %, seats 6/3/1 of 10: differences 0.1, 0, -0.1.
  // Gallagher sqrt(1/2 x 0.02) = 0.1 -> 10; LH 1/2 x 0.2 = 0.1 -> 10;
  // ENP votes 1 / (0.25 + 0.09 + 0.04) = 1 / 0.38; seats 1 / (0.36 + 0.09 + 0.01) = 1 / 0.46.
  const Ballot b =
      make_ballot({{"a", OptionKind::party}, {"b", OptionKind::party}, {"c", OptionKind::party}});
  const MetricValues m = measure(b, {500, 300, 200}, {6, 3, 1});
  EXPECT_NEAR(m[Metric::gallagher], 10.0, 1e-12);
  EXPECT_NEAR(m[Metric::loosemore_hanby], 10.0, 1e-12);
  EXPECT_NEAR(m[Metric::enp_votes], 1 / 0.38, 1e-12);
  EXPECT_NEAR(m[Metric::enp_seats], 1 / 0.46, 1e-12);
  EXPECT_NEAR(m[Metric::wasted_share], 0.0, 1e-12);
}

TEST(Metrics, AgainstAllAndASeatlessListByHand) {
  // a 60, b 25, c 10, against all 5 (V = 100), invalid 50 (not counted); seats 7, 3, 0.
  // Differences -0.1, -0.05, 0.1, 0.05: squares 0.025 -> Gallagher 100 sqrt(0.0125)
  // = 11.1803...; LH 1/2 x 0.3 = 0.15 -> 15. Wasted: c 10 + against all 5 = 15%.
  // ENP votes over the contestants (95 votes): 9025 / (3600 + 625 + 100) = 2.0867...;
  // ENP seats 1 / (0.49 + 0.09) = 1.7241...
  const Ballot b = make_ballot({{"a", OptionKind::party},
                                {"b", OptionKind::party},
                                {"c", OptionKind::party},
                                {"x", OptionKind::against_all},
                                {"inv", OptionKind::invalid}});
  const MetricValues m = measure(b, {60, 25, 10, 5, 50}, {7, 3, 0, 0, 0});
  EXPECT_NEAR(m[Metric::gallagher], 100 * std::sqrt(0.0125), 1e-9);
  EXPECT_NEAR(m[Metric::loosemore_hanby], 15.0, 1e-9);
  EXPECT_NEAR(m[Metric::wasted_share], 15.0, 1e-9);
  EXPECT_NEAR(m[Metric::enp_votes], 9025.0 / 4325.0, 1e-12);
  EXPECT_NEAR(m[Metric::enp_seats], 1 / 0.58, 1e-12);
}

TEST(Metrics, EqualSharesGiveTheNumberOfParties) {
  const Ballot b = make_ballot({{"a", OptionKind::party},
                                {"b", OptionKind::party},
                                {"c", OptionKind::party},
                                {"d", OptionKind::party}});
  const MetricValues m = measure(b, {250, 250, 250, 250}, {5, 5, 5, 5});
  EXPECT_NEAR(m[Metric::enp_votes], 4.0, 1e-12);
  EXPECT_NEAR(m[Metric::enp_seats], 4.0, 1e-12);
  EXPECT_NEAR(m[Metric::gallagher], 0.0, 1e-12);
  EXPECT_NEAR(m[Metric::loosemore_hanby], 0.0, 1e-12);
}

TEST(Metrics, BlankVotesAreInTheBaseButNotWasted) {
  // a 80, b 10 (no seat), blank 10: wasted 10 of V = 100; blank is not a contestant.
  const Ballot b =
      make_ballot({{"a", OptionKind::party}, {"b", OptionKind::party}, {"bl", OptionKind::blank}});
  const MetricValues m = measure(b, {80, 10, 10}, {5, 0, 0});
  EXPECT_NEAR(m[Metric::wasted_share], 10.0, 1e-12);
  EXPECT_NEAR(m[Metric::enp_votes], 1 / (0.8 * 0.8 / 0.81 + 0.01 / 0.81), 1e-12);
  EXPECT_NEAR(m[Metric::loosemore_hanby], 20.0, 1e-12);  // 1/2 x (0.2 + 0.1 + 0.1)
}

TEST(Metrics, NoSeatsOrNoVotesGiveZero) {
  const Ballot b = make_ballot({{"a", OptionKind::party}, {"b", OptionKind::party}});
  for (double x : measure(b, {10, 20}, {0, 0}).values) EXPECT_EQ(x, 0.0);
  for (double x : measure(b, {0, 0}, {1, 1}).values) EXPECT_EQ(x, 0.0);
}

TEST(Metrics, Mazhilis2023OfficialResult) {
  // CEC final results, 27 March 2023: seats 40, 8, 6, 6, 5, 4, 0 of 69, against all
  // 248,291. Wasted: Baytaq 146,431 + against all 248,291 = 394,722 of 6,366,441.
  const Ballot b = make_ballot({{"amanat", OptionKind::party},
                                {"auyl", OptionKind::party},
                                {"respublica", OptionKind::party},
                                {"aq_jol", OptionKind::party},
                                {"qhp", OptionKind::party},
                                {"jsdp", OptionKind::party},
                                {"baytaq", OptionKind::party},
                                {"against_all", OptionKind::against_all}});
  const std::vector<Votes> v = {3431510, 693938, 547154, 535139, 432920, 331058, 146431, 248291};
  const std::vector<int> s = {40, 8, 6, 6, 5, 4, 0, 0};
  const MetricValues m = measure(b, v, s);
  EXPECT_NEAR(m[Metric::wasted_share], 100.0 * 394722 / 6366441, 1e-9);
  double sq = 0, ab = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const double d = v[i] / 6366441.0 - s[i] / 69.0;
    sq += d * d;
    ab += std::abs(d);
  }
  EXPECT_NEAR(m[Metric::gallagher], 100 * std::sqrt(sq / 2), 1e-9);
  EXPECT_NEAR(m[Metric::loosemore_hanby], 50 * ab, 1e-9);
  // 4.37 and 6.20 (LH equals the wasted share here: every list with seats is
  // over-represented).
  EXPECT_NEAR(m[Metric::gallagher], 4.3707, 1e-4);
  EXPECT_NEAR(m[Metric::loosemore_hanby], 6.2000, 1e-4);
}

TEST(MetricBins, EdgesAndClamping) {
  EXPECT_EQ(kPercentBins.bin(0.0), 0);
  EXPECT_EQ(kPercentBins.bin(0.05), 0);
  EXPECT_EQ(kPercentBins.bin(0.15), 1);
  EXPECT_EQ(kPercentBins.bin(99.95), 999);
  EXPECT_EQ(kPercentBins.bin(100.0), 999);
  EXPECT_EQ(kPercentBins.bin(250.0), 999);
  EXPECT_EQ(kPercentBins.bin(-1.0), 0);
  EXPECT_EQ(kPercentBins.bin(std::nan("")), 0);
  EXPECT_EQ(kEnpBins.bin(4.005), 400);
  EXPECT_EQ(kEnpBins.bin(20.0), 1999);
  EXPECT_EQ(kEnpBins.bin(35.0), 1999);
  EXPECT_EQ(bins_of(Metric::enp_votes).count, 2000);
  EXPECT_EQ(bins_of(Metric::wasted_share).count, 1000);
}

TEST(MetricHistograms, CountsSumToDrawsAndMergeInAnyOrder) {
  MetricHistograms a, b, c;
  MetricValues v;
  for (int i = 0; i < 1000; ++i) {
    for (Metric m : kMetrics) v[m] = 0.037 * i + static_cast<double>(m);
    (i % 3 ? a : b).add(v);
  }
  MetricHistograms ab = a, ba = b;
  ab.merge(b);
  ba.merge(a);
  for (Metric m : kMetrics) {
    const auto& counts = ab.counts(m);
    EXPECT_EQ(std::accumulate(counts.begin(), counts.end(), std::uint64_t{0}), 1000u);
    EXPECT_EQ(counts, ba.counts(m));
    EXPECT_EQ(ab.mean(m), ba.mean(m));
    // Mean of 0.037 i over i < 1000 is 0.037 x 499.5.
    EXPECT_NEAR(ab.mean(m), 0.037 * 499.5 + static_cast<double>(m), 1e-6);
  }
  EXPECT_EQ(ab.draws(), 1000u);
  EXPECT_EQ(c.mean(Metric::gallagher), 0.0);
}

}  // namespace
}  // namespace seatcast
