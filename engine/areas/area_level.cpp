#include "engine/areas/area_level.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "engine/random/normal.h"
#include "engine/simd/exp.h"

namespace seatcast {

std::vector<int> apportion_areas(const LevelSeats& seats, std::span<const Votes> sizes,
                                 AllocationOutcome* outcome, std::uint64_t lot_key) {
  std::vector<int> out(sizes.size(), 0);
  ApportionmentScratch scratch;
  const AllocationOutcome o =
      Apportionment(seats.method)
          .allocate(sizes, seats.total, out, scratch, TieBreak{seats.tie_rule, lot_key});
  if (outcome) *outcome = o;
  return out;
}

AreaLevel::AreaLevel(AreaLevelConfig config, int options, std::span<const std::uint8_t> covered,
                     std::span<const std::uint8_t> counted)
    : config_(std::move(config)),
      options_(options),
      covered_(covered.begin(), covered.end()),
      counted_(counted.begin(), counted.end()) {
  if (config_.areas.empty()) throw std::invalid_argument("level " + config_.id + " has no area");
  if (covered_.size() != static_cast<std::size_t>(options_))
    throw std::invalid_argument("level " + config_.id + ": covered needs one entry per option");
  if (counted_.empty()) counted_.assign(static_cast<std::size_t>(options_), 1);
  if (counted_.size() != static_cast<std::size_t>(options_))
    throw std::invalid_argument("level " + config_.id + ": counted needs one entry per option");
  if (!(config_.turnout_sd >= 0))
    throw std::invalid_argument("level " + config_.id + ": turnout_sd < 0");
  from_votes_ = config_.seats && config_.seats->by == AreaSize::votes;
  if (from_votes_) {
    if (config_.seats->total < 1)
      throw std::invalid_argument("level " + config_.id + ": computed seats need a total >= 1");
    apportionment_ = Apportionment(config_.seats->method);
  }
  for (const Area& a : config_.areas) {
    if (from_votes_ && a.magnitude != 0)
      throw std::invalid_argument("level " + config_.id + ", area " + a.id +
                                  ": a fixed magnitude and seats by votes exclude each other");
    seats_ += a.magnitude;
    max_magnitude_ = std::max(max_magnitude_, a.magnitude);
    parent_areas_ = std::max(parent_areas_, a.parent + 1);
    if (!a.baseline.empty()) has_baseline_ = true;
  }
  // Computed per draw: any area may take every seat, so the total bounds each.
  if (from_votes_) seats_ = max_magnitude_ = config_.seats->total;
  turnout_sd_ = config_.turnout_sd;
  const std::size_t n = config_.areas.size();
  const std::size_t o_n = static_cast<std::size_t>(options_);
  baseline_total_.assign(o_n, 0);
  size_.assign(n, 0);
  base_scale_.assign(n * o_n, 0);
  base_share_.assign(n * o_n, 0);
  parent_ref_.assign(static_cast<std::size_t>(parent_areas_) * o_n, 0);
  parent_share_.assign(parent_areas_ * o_n, 0);
  if (!has_baseline_) return;
  std::vector<double> parent_votes(parent_share_.size(), 0);
  for (std::size_t a = 0; a < n; ++a) {
    const Area& area = config_.areas[a];
    if (area.baseline.size() != o_n)
      throw std::invalid_argument("level " + config_.id + ", area " + area.id +
                                  ": a baseline needs one entry per option");
    Votes total = 0;
    for (Votes v : area.baseline) total += v;
    if (total <= 0)
      throw std::invalid_argument("level " + config_.id + ", area " + area.id +
                                  ": the baseline has no votes");
    size_[a] = static_cast<double>(total);
    const std::size_t p = static_cast<std::size_t>(std::max(area.parent, 0));
    for (std::size_t o = 0; o < o_n; ++o) {
      const Votes v = area.baseline[o];
      baseline_total_[o] += v;
      parent_votes[p * o_n + o] += static_cast<double>(v);
      const double share = static_cast<double>(v) / size_[a];
      base_share_[a * o_n + o] = share;
      base_scale_[a * o_n + o] = v > 0 ? swing_scale(config_.swing, share) : 0;
    }
  }
  for (std::size_t p = 0; p < static_cast<std::size_t>(parent_areas_); ++p) {
    double total = 0;
    for (std::size_t o = 0; o < o_n; ++o) total += parent_votes[p * o_n + o];
    for (std::size_t o = 0; o < o_n; ++o) {
      const double share = total > 0 ? parent_votes[p * o_n + o] / total : 0;
      parent_share_[p * o_n + o] = share;
      parent_ref_[p * o_n + o] = share > 0 ? swing_scale(config_.swing, share) : 0;
    }
  }
  // The options standing in each area (a baseline above 0), so a draw visits no other.
  standing_offset_.push_back(0);
  for (std::size_t a = 0; a < n; ++a) {
    for (std::size_t o = 0; o < o_n; ++o)
      if (base_share_[a * o_n + o] > 0) {
        standing_.push_back(static_cast<int>(o));
        standing_share_.push_back(base_share_[a * o_n + o]);
      }
    standing_offset_.push_back(static_cast<int>(standing_.size()));
  }
  // The candidate vote: its own shares, moved like the list vote of the same option.
  cand_offset_.push_back(0);
  for (const Area& area : config_.areas) has_candidates_ |= !area.candidate_baseline.empty();
  if (has_candidates_) {
    cand_size_.assign(n, 0);
  }
  for (std::size_t a = 0; a < n && has_candidates_; ++a) {
    const Area& area = config_.areas[a];
    if (area.candidate_baseline.size() != o_n)
      throw std::invalid_argument("level " + config_.id + ", area " + area.id +
                                  ": no candidate votes in the baseline (give every area some)");
    Votes total = 0;
    for (Votes v : area.candidate_baseline) total += v;
    cand_size_[a] = static_cast<double>(total);
    for (std::size_t o = 0; o < o_n; ++o) {
      const Votes v = area.candidate_baseline[o];
      if (v <= 0) continue;
      const double share = static_cast<double>(v) / cand_size_[a];
      cand_share_.push_back(share);
      cand_scale_.push_back(swing_scale(config_.swing, share));
      cand_standing_.push_back(static_cast<int>(o));
    }
    cand_offset_.push_back(static_cast<int>(cand_standing_.size()));
  }
  const double var = config_.noise_sd * config_.noise_sd;
  own_sd_ = std::sqrt(var * (1 - config_.parent_correlation));
  shared_sd_ = std::sqrt(var * config_.parent_correlation);
}

std::size_t AreaLevel::variates_per_draw() const {
  std::size_t n = 0;
  if (turnout_sd_ > 0) n += config_.areas.size();
  if (own_sd_ > 0) n += standing_.size();
  if (shared_sd_ > 0) n += static_cast<std::size_t>(parent_areas_) * options_;
  return n;
}

void AreaLevel::draw(std::span<const Votes> parent_votes, std::span<Votes> out, random::Engine& rng,
                     AreaScratch& scratch, std::span<Votes> candidate_out,
                     std::span<Votes> sum_out) const {
  const std::size_t o_n = static_cast<std::size_t>(options_);
  const std::size_t parents = static_cast<std::size_t>(parent_areas_);
  const double turnout_shift = -0.5 * turnout_sd_ * turnout_sd_;
  const bool logit = config_.swing == SwingModel::logit_additive;
  // All the level's normals as one batch, read in the stream's order: the shared effects
  // (parent area by parent area), then each area's own and its turnout.
  const std::size_t variates = variates_per_draw();
  scratch.normals.resize(variates);
  random::fill_normals(rng, scratch.normals.data(), variates);
  const double* z = scratch.normals.data();
  // The parent's move once per parent area and option: for proportional swing the factor
  // s / ref, with the noise (shared and own) as a log-normal factor on it, so that no log
  // is needed; for logit swing scale(s) - scale(ref) plus the shared noise. Each area then
  // only adds its own.
  const bool proportional = config_.swing == SwingModel::proportional;
  scratch.shared.resize(parents * o_n);
  for (std::size_t p = 0; p < parents; ++p) {
    const Votes* pv = parent_votes.data() + p * o_n;
    double parent_total = 0;
    for (std::size_t o = 0; o < o_n; ++o) parent_total += static_cast<double>(pv[o]);
    const double inv_parent = parent_total > 0 ? 1 / parent_total : 0;
    for (std::size_t o = 0; o < o_n; ++o) {
      const double ref = parent_share_[p * o_n + o];
      const bool swings = covered_[o] && ref > 0;
      const double s = static_cast<double>(pv[o]) * inv_parent;
      double& move = scratch.shared[p * o_n + o];
      if (proportional)
        move = swings ? s / ref : 1.0;
      else
        move = swings ? swing_scale(config_.swing, s) - parent_ref_[p * o_n + o] : 0.0;
    }
  }
  scratch.shared_noise.assign(shared_sd_ > 0 && proportional ? parents * o_n : 0, 0.0);
  if (shared_sd_ > 0) {
    double* to = proportional ? scratch.shared_noise.data() : scratch.shared.data();
    for (std::size_t i = 0; i < parents * o_n; ++i) to[i] += shared_sd_ * *z++;
  }
  scratch.score.resize(o_n);
  std::fill(sum_out.begin(), sum_out.end(), Votes{0});
  const bool candidates = has_candidates_ && !candidate_out.empty();
  const std::size_t n_areas = config_.areas.size();
  // Every standing option's noise (proportional) or log-weight (the logistic's exponent,
  // logit) in the stream's order, each area's own normals and then its turnout's, and one
  // batched exp over the whole level, so the vector lanes stay full. Without noise the
  // factors are exp(0) = 1 exactly.
  scratch.turnout.resize(n_areas);
  scratch.weights.resize(standing_.size());
  if (candidates) scratch.level_moved.resize(standing_.size());
  const bool shared_noise = !scratch.shared_noise.empty();
  // Own noise alone: the level's normals are the standing options', in order.
  const bool own_only = proportional && !shared_noise && turnout_sd_ == 0;
  if (own_only) {
    // Locals, so that the loop is not reloading own_sd_ after every store (aliasing).
    const double sd = own_sd_;
    double* to = scratch.weights.data();
    const std::size_t m = standing_.size();
    if (sd > 0) {
      for (std::size_t k = 0; k < m; ++k) to[k] = sd * z[k];
      z += m;
    } else {
      std::fill(to, to + m, 0.0);
    }
  }
  for (std::size_t a = 0; a < n_areas && !own_only; ++a) {
    const std::size_t p = static_cast<std::size_t>(std::max(config_.areas[a].parent, 0));
    const double* move = scratch.shared.data() + p * o_n;
    const double* noise = shared_noise ? scratch.shared_noise.data() + p * o_n : nullptr;
    for (int k = standing_offset_[a]; k < standing_offset_[a + 1]; ++k) {
      const std::size_t o = static_cast<std::size_t>(standing_[k]);
      if (proportional) {
        double x = noise ? noise[o] : 0.0;
        if (own_sd_ > 0) x += own_sd_ * *z++;
        scratch.weights[k] = x;
      } else {
        double moved = move[o];
        if (own_sd_ > 0) moved += own_sd_ * *z++;
        scratch.weights[k] = -(base_scale_[a * o_n + o] + moved);
        if (candidates) scratch.level_moved[k] = moved;
      }
    }
    scratch.turnout[a] = turnout_sd_ > 0 ? turnout_sd_ * *z++ + turnout_shift : 0.0;
  }
  simd::exp(scratch.weights.data(), scratch.weights.data(), standing_.size());
  // A mean-one log-normal factor on each area's size: exp(sd z - sd^2 / 2).
  if (turnout_sd_ > 0) simd::exp(scratch.turnout.data(), scratch.turnout.data(), n_areas);
  // An option without a list vote in the area keeps its candidates' baseline share.
  if (candidates) scratch.moved.assign(o_n, logit ? 0.0 : 1.0);
  for (std::size_t a = 0; a < n_areas; ++a) {
    const std::size_t p = static_cast<std::size_t>(std::max(config_.areas[a].parent, 0));
    const double* move = scratch.shared.data() + p * o_n;
    double sum = 0;
    Votes* v = out.data() + a * o_n;
    const int* begin = standing_.data() + standing_offset_[a];
    const int* end = standing_.data() + standing_offset_[a + 1];
    // The weights in place, in the standing options' order.
    double* w = scratch.weights.data();
    for (int k = standing_offset_[a]; k < standing_offset_[a + 1]; ++k) {
      const std::size_t o = static_cast<std::size_t>(standing_[k]);
      const double e = w[k];
      // Proportional swing: the candidates take the same factor on their own baseline
      // (logit keeps the move itself).
      const double factor = move[o] * e;
      // Summed from the register: the store to moved may alias w, which would make the
      // sum wait on a reload of every weight.
      const double weight = logit ? 1 / (1 + e) : standing_share_[k] * factor;
      w[k] = weight;
      if (candidates) scratch.moved[o] = logit ? scratch.level_moved[k] : factor;
      sum += weight;
    }
    const double turnout = turnout_sd_ > 0 ? scratch.turnout[a] : 1.0;
    const double scale = sum > 0 ? size_[a] * turnout / sum : 0;
    // Shares are never negative: adding a half and truncating rounds to nearest.
    for (int k = standing_offset_[a]; k < standing_offset_[a + 1]; ++k)
      v[standing_[k]] = static_cast<Votes>(w[k] * scale + 0.5);
    if (!sum_out.empty())
      for (const int* it = begin; it != end; ++it) sum_out[*it] += v[*it];
    if (!candidates) continue;
    draw_candidates(a, turnout, candidate_out, scratch);
    for (const int* it = begin; it != end; ++it) scratch.moved[*it] = logit ? 0.0 : 1.0;
  }
}

void AreaLevel::draw_candidates(std::size_t a, double turnout, std::span<Votes> out,
                                AreaScratch& scratch) const {
  const std::size_t o_n = static_cast<std::size_t>(options_);
  // scratch.moved: a factor on the baseline share (proportional swing) or a move of the
  // logit (logit-additive).
  const bool logit = config_.swing == SwingModel::logit_additive;
  Votes* v = out.data() + a * o_n;
  const std::span<const int> stand = candidates(static_cast<int>(a));
  double sum = 0;
  const std::size_t first = static_cast<std::size_t>(cand_offset_[a]);
  for (std::size_t i = 0; i < stand.size(); ++i) {
    const int o = stand[i];
    const double w = logit ? 1 / (1 + std::exp(-(cand_scale_[first + i] + scratch.moved[o])))
                           : cand_share_[first + i] * scratch.moved[o];
    scratch.score[i] = w;  // in the entries' order (at most options of them)
    sum += w;
  }
  const double scale = sum > 0 ? cand_size_[a] * turnout / sum : 0;
  for (std::size_t i = 0; i < stand.size(); ++i)
    v[stand[i]] = static_cast<Votes>(scratch.score[i] * scale + 0.5);
}

AllocationOutcome AreaLevel::apportion(std::span<const Votes> votes, std::span<int> magnitudes,
                                       AreaScratch& scratch, std::uint64_t lot_key) const {
  const std::size_t n = config_.areas.size();
  const std::size_t o_n = static_cast<std::size_t>(options_);
  scratch.sizes.resize(n);
  for (std::size_t a = 0; a < n; ++a) {
    const Votes* v = votes.data() + a * o_n;
    Votes size = 0;
    for (std::size_t o = 0; o < o_n; ++o) size += counted_[o] ? v[o] : 0;
    scratch.sizes[a] = size;
  }
  return apportionment_.allocate(scratch.sizes, config_.seats->total, magnitudes,
                                 scratch.apportionment, TieBreak{config_.seats->tie_rule, lot_key});
}

}  // namespace seatcast
