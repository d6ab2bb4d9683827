#include "engine/sim/tally.h"

#include <stdexcept>
#include <string>

namespace seatcast {

namespace {

using tally::Kind;
using u64 = std::uint64_t;

constexpr const char* kCounterPaths[kCounters] = {"@runner_up_draws", "@threshold_waived_draws",
                                                  "@tie_draws", "@refused_tie_draws",
                                                  "@runoff_draws"};

std::string metric_path(Metric m) {
  return "metrics/" + std::string(to_string(m));
}

}  // namespace

std::vector<std::pair<std::string, double>> block_attributes(std::string_view path) {
  for (Metric m : kMetrics)
    if (path == metric_path(m)) return {{"min", bins_of(m).min}, {"bin_width", bins_of(m).width}};
  return {};
}

BodyTally::Index BodyTally::declare(const ElectedBody& body, tally::Layout& layout) {
  const u64 n = static_cast<u64>(body.options());
  const u64 pr = static_cast<u64>(body.list_seats()) + 1;
  const u64 s = static_cast<u64>(body.seats()) + 1;
  Index at;
  // What every body keeps.
  at.seats_pr = layout.add("seats_pr", Kind::histogram, {n, pr});
  at.seats_district = layout.add("seats_district", Kind::histogram,
                                 {n, static_cast<u64>(body.district_seats()) + 1});
  at.seats_total = layout.add("seats_total", Kind::histogram, {n, s});
  at.passed = layout.add("passed_threshold", Kind::counts, {n});
  for (int c = 0; c < kCounters; ++c) at.counters[c] = layout.add(kCounterPaths[c], Kind::counter);
  // Party lists: who fills the list seats.
  if (body.has_lists()) {
    at.group_seated = layout.add("lists/group_seated", Kind::histogram, {n, pr});
    at.women_seated = layout.add("lists/women_seated", Kind::histogram, {n, pr});
    at.body_group = layout.add("lists/body_group_seated", Kind::histogram, {pr});
    at.body_women = layout.add("lists/body_women_seated", Kind::histogram, {pr});
    at.vacant = layout.add("lists/vacant", Kind::histogram, {pr});
    at.quota_unmet = layout.add("lists@quota_unmet_draws", Kind::counter);
  }
  if (const auto c = body.config().coalitions.size(); c > 0)
    at.coalitions = layout.add("coalitions/seats", Kind::histogram, {c, s});
  if (body.config().pair) at.pair = layout.add("pair_seats", Kind::joint, {s, s});
  for (Metric m : kMetrics) {
    if (!body.config().metrics) break;
    const auto k = static_cast<std::size_t>(m);
    at.metric_counts[k] =
        layout.add(metric_path(m), Kind::histogram, {static_cast<u64>(bins_of(m).count)},
                   block_attributes(metric_path(m)));
    at.metric_sums[k] = layout.add(metric_path(m) + "@sum_micro", Kind::sum);
  }
  // Tiers: a histogram of their own when another tier of the same kind shares
  // seats_pr or seats_district; per-area seats where the allocation asks for them.
  int list_tiers = 0, district_tiers = 0;
  for (int t = 0; t < body.tiers(); ++t) ++(body.tier(t).district ? district_tiers : list_tiers);
  for (int t = 0; t < body.tiers(); ++t) {
    const ElectedBody::TierInfo& info = body.tier(t);
    const std::string base = "tiers/" + info.id;
    const bool shared = (info.district ? district_tiers : list_tiers) > 1;
    at.tiers.push_back(
        shared ? layout.add(base + "/seats", Kind::histogram, {n, static_cast<u64>(info.seats) + 1})
               : kNone);
    at.overhang.push_back(
        info.compensating ? layout.add(base + "/overhang", Kind::histogram, {n, s}) : kNone);
    at.areas.push_back(info.area_results && info.level >= 0
                           ? layout.add(base + "/area_seats", Kind::histogram,
                                        {static_cast<u64>(body.rows(info.level)), n,
                                         static_cast<u64>(info.max_area_seats) + 1})
                           : kNone);
  }
  if (body.house_varies()) {
    at.house = layout.add("house", Kind::histogram, {s});
    at.majority = layout.add("majority_draws", Kind::counts, {n});
    at.two_thirds = layout.add("two_thirds_draws", Kind::counts, {n});
    if (const auto c = body.config().coalitions.size(); c > 0)
      at.coalition_majority = layout.add("coalitions/majority_draws", Kind::counts, {c});
  }
  return at;
}

tally::Layout BodyTally::layout_of(const ElectedBody& body) {
  tally::Layout layout;
  declare(body, layout);
  return layout;
}

BodyTally::BodyTally(const ElectedBody& body) {
  at_ = declare(body, layout_);
  words_.assign(layout_.words(), 0);
  if (body.district_seats() == 0)
    derived_ = Derived::from_list;
  else if (body.list_seats() == 0)
    derived_ = Derived::from_districts;
  // Per-area rows of options that stand nowhere in the area: counted at settle().
  for (int t = 0; t < body.tiers(); ++t)
    if (at_.areas[t] != kNone && body.absent_rows(t))
      zero_rows_.push_back({at_.areas[t], body.absent_rows(t)});
}

BodyTally::BodyTally(tally::Layout layout, std::vector<std::uint64_t> words)
    : layout_(std::move(layout)), words_(std::move(words)) {
  if (words_.size() != layout_.words())
    throw std::invalid_argument("tally words do not fill the layout");
  find_blocks();
}

void BodyTally::find_blocks() {
  auto need = [&](const std::string& path, Kind kind) {
    const auto b = layout_.find(path);
    if (!b || layout_[*b].kind != kind)
      throw std::invalid_argument("the tally has no " + std::string(to_string(kind)) + " '" + path +
                                  "'");
    return *b;
  };
  auto maybe = [&](const std::string& path, Kind kind) {
    const auto b = layout_.find(path);
    if (b && layout_[*b].kind != kind)
      throw std::invalid_argument("the tally's '" + path + "' is not a " +
                                  std::string(to_string(kind)));
    return b ? *b : kNone;
  };
  at_.seats_pr = need("seats_pr", Kind::histogram);
  at_.seats_district = need("seats_district", Kind::histogram);
  at_.seats_total = need("seats_total", Kind::histogram);
  at_.passed = need("passed_threshold", Kind::counts);
  for (int c = 0; c < kCounters; ++c) at_.counters[c] = need(kCounterPaths[c], Kind::counter);
  at_.group_seated = maybe("lists/group_seated", Kind::histogram);
  if (at_.group_seated != kNone) {
    at_.women_seated = need("lists/women_seated", Kind::histogram);
    at_.body_group = need("lists/body_group_seated", Kind::histogram);
    at_.body_women = need("lists/body_women_seated", Kind::histogram);
    at_.vacant = need("lists/vacant", Kind::histogram);
    at_.quota_unmet = need("lists@quota_unmet_draws", Kind::counter);
  }
  at_.coalitions = maybe("coalitions/seats", Kind::histogram);
  at_.house = maybe("house", Kind::histogram);
  at_.majority = maybe("majority_draws", Kind::counts);
  at_.two_thirds = maybe("two_thirds_draws", Kind::counts);
  at_.coalition_majority = maybe("coalitions/majority_draws", Kind::counts);
  at_.pair = maybe("pair_seats", Kind::joint);
  for (Metric m : kMetrics) {
    const auto k = static_cast<std::size_t>(m);
    at_.metric_counts[k] = maybe(metric_path(m), Kind::histogram);
    at_.metric_sums[k] = maybe(metric_path(m) + "@sum_micro", Kind::sum);
    if ((at_.metric_counts[k] == kNone) != (at_.metric_sums[k] == kNone))
      throw std::invalid_argument("the tally's " + metric_path(m) +
                                  " lacks its histogram or its sum");
    if (at_.metric_counts[k] != kNone &&
        layout_[at_.metric_counts[k]].dims != std::vector<u64>{static_cast<u64>(bins_of(m).count)})
      throw std::invalid_argument("the tally's " + metric_path(m) + " has the wrong bins");
  }
}

SeatHistogram BodyTally::histogram(std::size_t b) const {
  const tally::Block& k = layout_[b];
  return {static_cast<int>(k.rows()), static_cast<int>(k.bins()) - 1, block(b)};
}

SeatHistogram BodyTally::coalitions() const {
  if (at_.coalitions == kNone)
    return {0, static_cast<int>(layout_[at_.seats_total].bins()) - 1, {}};
  return histogram(at_.coalitions);
}

std::span<const std::uint64_t> BodyTally::house() const {
  return at_.house == kNone ? std::span<const std::uint64_t>() : block(at_.house);
}
std::span<const std::uint64_t> BodyTally::majority_draws() const {
  return at_.majority == kNone ? std::span<const std::uint64_t>() : block(at_.majority);
}
std::span<const std::uint64_t> BodyTally::two_thirds_draws() const {
  return at_.two_thirds == kNone ? std::span<const std::uint64_t>() : block(at_.two_thirds);
}
std::span<const std::uint64_t> BodyTally::coalition_majority_draws() const {
  return at_.coalition_majority == kNone ? std::span<const std::uint64_t>()
                                         : block(at_.coalition_majority);
}

std::span<const std::uint64_t> BodyTally::pair() const {
  return at_.pair == kNone ? std::span<const std::uint64_t>() : block(at_.pair);
}

MetricHistograms BodyTally::metrics() const {
  std::array<std::vector<std::uint64_t>, kMetricCount> counts;
  std::array<MetricHistograms::Sum, kMetricCount> sums{};
  std::uint64_t draws = 0;
  for (Metric m : kMetrics) {
    const auto k = static_cast<std::size_t>(m);
    if (at_.metric_counts[k] == kNone) return MetricHistograms();
    const auto c = block(at_.metric_counts[k]);
    counts[k].assign(c.begin(), c.end());
    sums[k] = tally::read_sum(words_.data() + layout_[at_.metric_sums[k]].offset);
    if (k == 0)
      for (u64 x : c) draws += x;
  }
  return MetricHistograms::from_parts(std::move(counts), sums, draws);
}

void BodyTally::set_metrics(const MetricHistograms& h) {
  for (Metric m : kMetrics) {
    const auto k = static_cast<std::size_t>(m);
    const auto& c = h.counts(m);
    std::copy(c.begin(), c.end(), at(at_.metric_counts[k]));
    tally::write_sum(at(at_.metric_sums[k]), h.sum_micro(m));
  }
}

void BodyTally::add(const ElectedBody& body, const BodyDraw& draw) {
  const int n = body.options();
  auto add_row = [&](std::size_t b, std::span<const int> seats) {
    u64* w = at(b);
    const std::size_t stride = layout_[b].bins();
    for (int o = 0; o < n; ++o) ++w[o * stride + seats[o]];
  };
  switch (derived_) {
    case Derived::none:
      add_row(at_.seats_pr, draw.seats_pr);
      add_row(at_.seats_district, draw.seats_district);
      add_row(at_.seats_total, draw.seats_total);
      break;
    case Derived::from_list:
      add_row(at_.seats_pr, draw.seats_pr);
      break;
    case Derived::from_districts:
      add_row(at_.seats_district, draw.seats_district);
      break;
  }
  ++unsettled_;
  u64* passed = at(at_.passed);
  for (int o = 0; o < n; ++o) passed[o] += draw.passed[o];
  const bool events[kCounters] = {draw.list_events.runner_up_admitted,
                                  draw.list_events.threshold_waived, draw.list_events.tie,
                                  draw.list_events.refused, draw.district_events.runoff};
  for (int c = 0; c < kCounters; ++c) words_[layout_[at_.counters[c]].offset] += events[c];
  for (Metric m : kMetrics) {
    const auto k = static_cast<std::size_t>(m);
    if (at_.metric_counts[k] == kNone) break;  // [run] metrics = false
    const double x = draw.metrics.values[k];
    ++at(at_.metric_counts[k])[bins_of(m).bin(x)];
    // Metrics are never negative and far below 2^53 / 10^6: adding a half and
    // truncating rounds to nearest without a libm call.
    tally::add_to_sum(at(at_.metric_sums[k]), x > 0 ? static_cast<u64>(x * 1e6 + 0.5) : 0);
  }
  const BodyConfig& cfg = body.config();
  if (has_lists()) {
    add_row(at_.group_seated, draw.group_seated);
    add_row(at_.women_seated, draw.women_seated);
    int group = 0, women = 0;
    for (int o = 0; o < n; ++o) {
      group += draw.group_seated[o];
      women += draw.women_seated[o];
    }
    ++at(at_.body_group)[group];
    ++at(at_.body_women)[women];
    ++at(at_.vacant)[draw.vacant];
    words_[layout_[at_.quota_unmet].offset] += draw.quota_unmet;
  }
  if (at_.coalitions != kNone) {
    u64* w = at(at_.coalitions);
    const std::size_t stride = layout_[at_.coalitions].bins();
    for (std::size_t c = 0; c < cfg.coalitions.size(); ++c) {
      int seats = 0;
      for (int m : cfg.coalitions[c].members) seats += draw.seats_total[m];
      ++w[c * stride + seats];
    }
  }
  if (at_.pair != kNone)
    ++at(at_.pair)[static_cast<std::size_t>(draw.seats_total[(*cfg.pair)[0]]) * (body.seats() + 1) +
                   draw.seats_total[(*cfg.pair)[1]]];
  if (at_.house != kNone) {
    // Majorities of this draw's house: more than half, and two thirds (rounded up).
    const int house = draw.ledger.house;
    ++at(at_.house)[house];
    u64* maj = at(at_.majority);
    u64* two = at(at_.two_thirds);
    for (int o = 0; o < n; ++o) {
      maj[o] += 2 * draw.seats_total[o] > house;
      two[o] += 3 * draw.seats_total[o] >= 2 * house;
    }
    if (at_.coalition_majority != kNone) {
      u64* cm = at(at_.coalition_majority);
      for (std::size_t c = 0; c < cfg.coalitions.size(); ++c) {
        int seats = 0;
        for (int m : cfg.coalitions[c].members) seats += draw.seats_total[m];
        cm[c] += 2 * seats > house;
      }
    }
  }
  for (std::size_t t = 0; t < at_.tiers.size(); ++t) {
    if (at_.overhang[t] != kNone) add_row(at_.overhang[t], draw.ledger.overhang[t]);
    if (at_.tiers[t] != kNone) add_row(at_.tiers[t], draw.ledger.tier_seats[t]);
    if (at_.areas[t] == kNone) continue;
    // Per area: only the options standing there (the rest is counted by settle()).
    const int level = body.tier(static_cast<int>(t)).level;
    u64* w = at(at_.areas[t]);
    const std::size_t stride = layout_[at_.areas[t]].bins();
    const std::vector<int>& seats = draw.ledger.area_seats[t];
    for (int a = 0; a < body.rows(level); ++a) {
      const std::size_t row = static_cast<std::size_t>(a) * n;
      const std::span<const int> standing = body.tier_standing(static_cast<int>(t), a);
      if (standing.empty()) {
        for (int o = 0; o < n; ++o) ++w[(row + o) * stride + seats[row + o]];
      } else {
        for (int o : standing) ++w[(row + o) * stride + seats[row + o]];
      }
    }
  }
}

void BodyTally::settle() {
  if (unsettled_ == 0) return;
  for (const ZeroRows& z : zero_rows_) {
    const tally::Block& b = layout_[z.block];
    for (int r : *z.rows) words_[b.offset + static_cast<std::size_t>(r) * b.bins()] += unsettled_;
  }
  if (derived_ != Derived::none) {
    const std::size_t empty = derived_ == Derived::from_list ? at_.seats_district : at_.seats_pr;
    const std::size_t tier = derived_ == Derived::from_list ? at_.seats_pr : at_.seats_district;
    const tally::Block& e = layout_[empty];
    for (u64 r = 0; r < e.rows(); ++r) words_[e.offset + r * e.bins()] += unsettled_;
    // Same shape: the body's seats are the one tier's.
    const auto from = block(tier);
    std::copy(from.begin(), from.end(), at(at_.seats_total));
  }
  unsettled_ = 0;
}

void BodyTally::merge(const BodyTally& other) {
  if (!layout_.same_shape(other.layout_)) throw std::logic_error("tally layouts differ");
  layout_.add_words(words_, other.words_);
  // What other has not settled yet is settled here, by the same rule.
  if (derived_ == Derived::none) derived_ = other.derived_;
  if (zero_rows_.empty()) zero_rows_ = other.zero_rows_;
  unsettled_ += other.unsettled_;
}

Tally::Tally(std::span<const ElectedBody> body_list) {
  for (const auto& b : body_list) bodies.emplace_back(b);
}

void Tally::merge(const Tally& other) {
  draws += other.draws;
  for (std::size_t b = 0; b < bodies.size(); ++b) bodies[b].merge(other.bodies[b]);
}

}  // namespace seatcast
