#include "engine/body/elected_body.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "engine/random/normal.h"

namespace seatcast {

namespace {

std::invalid_argument body_error(const std::string& body, const std::string& what) {
  return std::invalid_argument("body " + body + ": " + what);
}

bool no_votes(std::span<const Votes> votes) {
  return std::all_of(votes.begin(), votes.end(), [](Votes v) { return v == 0; });
}

}  // namespace

ElectedBody::ElectedBody(const Ballot& ballot, BodyConfig config, std::span<const double> centre)
    : config_(std::move(config)), options_(static_cast<int>(ballot.size())), metrics_(ballot) {
  if (config_.electorate && !config_.levels.empty())
    throw body_error(config_.id, "an electorate and levels of areas exclude each other");
  if ((config_.list_tier || config_.district_tier) && !config_.stages.empty())
    throw body_error(config_.id, "list_tier/district_tier and stages exclude each other");
  config_.lists.resize(options_);
  for (const auto& l : config_.lists) has_lists_ = has_lists_ || l.has_value();
  if (config_.electorate) {
    const auto& e = *config_.electorate;
    if (e.baseline.size() != static_cast<std::size_t>(options_))
      throw body_error(config_.id, "the regional baseline must cover every option");
    for (int o = 0; o < options_; ++o) {
      swings_.push_back(centre[o] > 0);
      centre_scale_.push_back(centre[o] > 0 ? swing_scale(e.swing, centre[o]) : 0);
    }
  }
  std::vector<std::uint8_t> covered(options_), valid(options_);
  for (int o = 0; o < options_; ++o) {
    covered[o] = centre[o] > 0;
    valid[o] = ballot[o].kind != OptionKind::invalid;  // an area's size: its valid votes
  }
  for (const AreaLevelConfig& l : config_.levels) {
    if (l.parent_level >= static_cast<int>(levels_.size()))
      throw body_error(config_.id, "level " + l.id + " comes before its parent");
    levels_.emplace_back(l, options_, covered, valid);
    if (levels_.back().seats_from_votes()) votes_seats_levels_.push_back(levels_.size() - 1);
    // The nation's roll: the first level that gives one (every level partitions the nation).
    if (l.has_registered && national_registered_ == 0)
      for (const Area& a : l.areas) national_registered_ += a.registered;
  }
  build_stages(ballot, centre);
  if (tiers_.empty()) throw body_error(config_.id, "no tier");
  if (config_.pair_by_default && seats() > kMaxDefaultPairSeats) config_.pair.reset();
  for (const TierInfo& t : tiers_) {
    std::vector<int> rows;
    if (t.area_results && t.level >= 0 && levels_[t.level].has_baseline()) {
      std::vector<std::uint8_t> stands(options_);
      for (int a = 0; a < levels_[t.level].areas(); ++a) {
        // No one standing (a poll cancelled: no candidate votes) reads as everyone in the
        // tallies, which count every option of such an area each draw.
        const std::span<const int> standing =
            tier_standing(static_cast<int>(&t - tiers_.data()), a);
        if (standing.empty()) continue;
        std::fill(stands.begin(), stands.end(), 0);
        for (int o : standing) stands[o] = 1;
        for (int o = 0; o < options_; ++o)
          if (!stands[o]) rows.push_back(a * options_ + o);
      }
    }
    absent_.push_back(rows.empty() ? nullptr
                                   : std::make_shared<const std::vector<int>>(std::move(rows)));
  }
}

std::span<const int> ElectedBody::tier_standing(int t, int area) const {
  const TierInfo& info = tiers_[t];
  if (info.level < 0 || !levels_[info.level].has_baseline()) return {};
  const AreaLevel& l = levels_[info.level];
  return info.candidate ? l.candidates(area) : l.standing(area);
}

int ElectedBody::tier_index(const std::string& id) const {
  for (std::size_t t = 0; t < tiers_.size(); ++t)
    if (tiers_[t].id == id) return static_cast<int>(t);
  return -1;
}

int ElectedBody::level_index(const std::string& id) const {
  for (std::size_t l = 0; l < levels_.size(); ++l)
    if (levels_[l].id() == id) return static_cast<int>(l);
  return -1;
}

const DistrictTier* ElectedBody::district_tier() const {
  if (districts_stage_ < 0) return nullptr;
  return &std::get<DistrictsStage>(stages_[districts_stage_]).districts;
}

const ListTier* ElectedBody::list_tier() const {
  if (list_stage_ < 0) return nullptr;
  return &std::get<AllocateStage>(stages_[list_stage_]).rule;
}

std::optional<std::vector<int>> ElectedBody::containing_rows(int from, int to) const {
  std::vector<int> out;
  for (int a = 0; a < rows(from); ++a) {
    int l = from, row = from < 0 ? 0 : a;
    while (to >= 0 && l != to) {
      if (l < 0) return std::nullopt;
      row = levels_[l].parent_of(row);
      l = levels_[l].parent_level();
    }
    out.push_back(to < 0 ? 0 : row);
  }
  return out;
}

FilterRef ElectedBody::filter_ref(const std::string& filter, int level) const {
  FilterRef ref;
  const auto it = std::find(filter_ids_.begin(), filter_ids_.end(), filter);
  if (it == filter_ids_.end())
    throw body_error(config_.id, "no filter '" + filter + "' before the stage that names it");
  ref.filter = static_cast<int>(it - filter_ids_.begin());
  // The filter must be at the stage's level, a coarser one that contains it, or the nation.
  auto rows_of = containing_rows(level, filter_levels_[ref.filter]);
  if (!rows_of)
    throw body_error(config_.id,
                     "filter '" + filter + "' is at a level that does not contain the stage's");
  ref.rows = std::move(*rows_of);
  return ref;
}

template <class TierOf, class LevelOf>
void ElectedBody::build_compensate(const CompensateConfig& c, const Ballot& ballot,
                                   const TierOf& tier_of, const LevelOf& level_of) {
  if (tier_index(c.id) >= 0) throw body_error(config_.id, "tier '" + c.id + "' twice");
  CompensateStage s{.id = c.id,
                    .tier = static_cast<int>(tiers_.size()),
                    .level = level_of(c.level),
                    .rule = Compensation(c.rule)};
  for (const std::string& f : c.filters) {
    s.filters.push_back(filter_ref(f, -1));
    if (filter_levels_[s.filters.back().filter] >= 0)
      throw body_error(config_.id, "stage " + c.id + ": filter " + f +
                                       " is in areas; a compensation admits lists nationally");
  }
  int against_seats = 0;
  for (const std::string& t : c.against) {
    s.against.push_back(tier_of(t));
    against_seats += tiers_[s.against.back()].nominal;
  }
  if (s.against.empty()) throw body_error(config_.id, "stage " + c.id + ": nothing to compensate");
  for (const BallotOption& o : ballot) {
    s.deducted.push_back(o.kind == OptionKind::independent);
    s.party.push_back(wins_list_seats(o.kind));
    s.valid.push_back(o.kind != OptionKind::invalid);
    s.list_vote.push_back(counts_in_base(ThresholdBase::parties, o.kind));
  }
  s.distribute_method = Apportionment(c.distribute_method);
  s.tie_rule = c.rule.tie_rule;
  s.area_results = c.area_results && s.level >= 0;
  const OverhangPolicy policy = c.rule.policy;
  s.distribute = c.distribute;
  if (s.distribute == Distribute::entitlement && policy != OverhangPolicy::cap)
    throw body_error(config_.id, "stage " + c.id + ": distribute = entitlement is for cap");
  if (s.distribute == Distribute::leveling) {
    s.seats_per_area = c.seats_per_area;
    if (s.against.size() != 1 || tiers_[s.against[0]].level != s.level)
      throw body_error(config_.id, "stage " + c.id +
                                       ": leveling seats go to the areas of the one tier it "
                                       "compensates");
  }
  s.distribute_prior = c.distribute_prior;
  s.contingent_minimum = c.contingent_minimum;
  if (s.contingent_minimum) {
    if (policy != OverhangPolicy::level || s.distribute != Distribute::list_seats)
      throw body_error(config_.id, "stage " + c.id +
                                       ": minimum = contingents needs overhang = level and "
                                       "distribute = list-seats");
    if (levels_[s.level].seats_from_votes() || levels_[s.level].seats() <= 0)
      throw body_error(config_.id, "stage " + c.id +
                                       ": the contingents are the fixed seats of level " +
                                       levels_[s.level].id());
    if (is_largest_remainder(c.distribute_method))
      throw body_error(config_.id, "stage " + c.id +
                                       ": minimum = contingents needs a divisor distribute_method");
    s.contingent_method = Apportionment(c.rule.method, c.rule.first_divisor);
    for (int t : s.against) {
      auto row_of = containing_rows(tiers_[t].level, s.level);
      if (!row_of)
        throw body_error(config_.id, "stage " + c.id + ": the areas of tier " + tiers_[t].id +
                                         " do not lie in level " + levels_[s.level].id());
      s.against_rows.push_back(std::move(*row_of));
    }
  }
  if (s.distribute_prior)
    for (int t : s.against)
      if (tiers_[t].level != s.level)
        throw body_error(config_.id, "stage " + c.id + ": distribute_prior needs tier " +
                                         tiers_[t].id + " in the areas it distributes to");
  if ((s.distribute == Distribute::none) != (s.level < 0))
    throw body_error(config_.id,
                     "stage " + c.id + ": distribute needs a level and a level needs it");
  if (policy == OverhangPolicy::cap) {
    // Seats not taken up are the weakest winners of one single-member tier.
    if (s.against.size() != 1)
      throw body_error(config_.id, "stage " + c.id + ": cap compensates one tier of winners");
    const TierInfo& w = tiers_[s.against[0]];
    if (w.level < 0 || w.max_area_seats != 1 || levels_[w.level].seats_from_votes())
      throw body_error(config_.id,
                       "stage " + c.id + ": cap needs single-member areas in tier " + w.id);
    s.winners_tier = s.against[0];
    auto parents = containing_rows(w.level, s.level);
    if (!parents)
      throw body_error(config_.id, "stage " + c.id + ": the areas of tier " + w.id +
                                       " do not lie in level " + levels_[s.level].id());
    s.winners_parent = std::move(*parents);
  }
  // What one list may hold: the house, or under level the largest house.
  const int capacity = policy == OverhangPolicy::level ? s.rule.max_seats() : c.rule.seats;
  const int nominal = c.rule.seats - against_seats;
  if (nominal < 0)
    throw body_error(config_.id, "stage " + c.id + ": the earlier tiers hold more than its seats");
  house_varies_ =
      house_varies_ || policy == OverhangPolicy::grow || policy == OverhangPolicy::level;
  tiers_.push_back(
      {s.id, s.level, capacity, capacity, false, s.area_results, false, nominal, true});
  stages_.emplace_back(std::move(s));
}

void ElectedBody::build_stages(const Ballot& ballot, std::span<const double> centre) {
  std::vector<StageConfig> configs = config_.stages;
  if (config_.district_tier)
    configs.emplace_back(DistrictsConfig{"districts", *config_.district_tier});
  if (config_.list_tier) {
    AllocateConfig a;
    a.id = "list";
    a.seats = config_.list_tier->seats;
    a.rule = *config_.list_tier;
    if (a.rule.alternative_district_seats > 0) a.alternative_tier = "districts";
    configs.emplace_back(std::move(a));
  }
  // Districts swing from the centre of the electorate they sit in: a region's baseline
  // for a regional body, the national centre otherwise.
  std::vector<double> district_centre(centre.begin(), centre.end());
  if (config_.electorate) {
    const auto& b = config_.electorate->baseline;
    double sum = 0;
    for (double x : b) sum += x;
    for (std::size_t o = 0; o < b.size() && o < district_centre.size(); ++o)
      district_centre[o] = centre[o] > 0 && sum > 0 ? b[o] / sum : 0;
  }
  const auto level_of = [&](const std::string& id) {
    if (id.empty()) return -1;
    const int l = level_index(id);
    if (l < 0) throw body_error(config_.id, "no level '" + id + "'");
    return l;
  };
  // A threshold of base "registered" without a number takes each area's roll.
  const auto area_rolls = [&](const ListTier& rule, int level, const std::string& stage) {
    if (!rule.config().threshold.registered_from_areas()) return false;
    if (level < 0 ? national_registered_ == 0 : !levels_[level].config().has_registered)
      throw body_error(config_.id, "stage " + stage +
                                       ": threshold base registered needs registered_voters or "
                                       "the areas' registered voters");
    return true;
  };
  const auto tier_of = [&](const std::string& id) {
    if (id.empty()) return -1;
    const int t = tier_index(id);
    if (t < 0) throw body_error(config_.id, "no tier '" + id + "' before the stage that names it");
    return t;
  };
  for (const StageConfig& sc : configs) {
    if (const auto* f = std::get_if<FilterConfig>(&sc)) {
      FilterStage s{
          f->id,          level_of(f->level),           filters_, ListTier(ballot, f->rule),
          f->quota_seats, tier_of(f->alternative_tier), {}};
      if (s.rule.config().quota_threshold && s.level < 0 && s.quota_seats < 1)
        throw body_error(config_.id, "filter " + f->id + ": a quota at the nation needs its seats");
      for (const std::string& after : f->after) s.after.push_back(filter_ref(after, s.level));
      if (!f->alternative_filter.empty())
        s.alternative_filter = filter_ref(f->alternative_filter, s.level);
      s.area_registered = area_rolls(s.rule, s.level, f->id);
      filter_ids_.push_back(f->id);
      filter_levels_.push_back(s.level);
      ++filters_;
      stages_.emplace_back(std::move(s));
    } else if (const auto* a = std::get_if<AllocateConfig>(&sc)) {
      if (tier_index(a->id) >= 0) throw body_error(config_.id, "tier '" + a->id + "' twice");
      const int level = level_of(a->level);
      ListTierConfig rule = a->rule;
      rule.seats = level < 0 ? a->seats : levels_[level].max_magnitude();
      rule.independents_stand = a->candidate;
      AllocateStage s{a->id,
                      level,
                      level < 0 ? a->seats : levels_[level].seats(),
                      static_cast<int>(tiers_.size()),
                      ListTier(ballot, rule),
                      {},
                      -1,
                      a->district,
                      a->area_results && level >= 0};
      for (const std::string& f : a->filters) s.filters.push_back(filter_ref(f, s.level));
      s.alternative_tier = tier_of(a->alternative_tier);
      s.area_registered = area_rolls(s.rule, s.level, a->id);
      s.candidate = a->candidate;
      s.reserve = a->reserve;
      s.bonus = a->bonus;
      s.agreements = a->agreements;
      s.pair_split = Apportionment(rule.method, rule.first_divisor);
      if (!a->fragments.empty()) {
        s.fragments_tier = tier_of(a->fragments);
        const TierInfo& ft = tiers_[s.fragments_tier];
        if (level >= 0 || ft.level < 0 || ft.max_area_seats != 1 || !ft.candidate ||
            levels_[ft.level].seats_from_votes())
          throw body_error(config_.id, "stage " + a->id +
                                           ": fragment votes go from a single-member tier on the "
                                           "candidate vote to a national allocation");
        for (const BallotOption& o : ballot) {
          s.fragment_to.push_back(wins_list_seats(o.kind));
          s.fragment_runner.push_back(wins_list_seats(o.kind) || o.kind == OptionKind::independent);
        }
      }
      for (const std::string& p : a->prior) {
        AllocateStage::Prior prior{tier_of(p)};
        const int pl = tiers_[prior.tier].level;
        if (is_largest_remainder(rule.method))
          throw body_error(config_.id, "stage " + a->id + ": prior seats need a divisor method");
        auto rows_of = containing_rows(pl, level);
        if (!rows_of)
          throw body_error(config_.id, "stage " + a->id + ": the areas of tier " + p +
                                           " do not lie in level " + levels_[level].id());
        prior.row = std::move(*rows_of);
        s.prior.push_back(std::move(prior));
      }
      if (s.bonus) {
        if (s.level >= 0)
          throw body_error(config_.id, "stage " + a->id + ": a bonus is for a national allocation");
        if (const auto why = s.bonus->invalid(s.seats))
          throw body_error(config_.id, "stage " + a->id + ": bonus: " + *why);
        for (const BallotOption& o : ballot)
          s.bonus_base.push_back(counts_in_base(a->bonus_base, o.kind));
      }
      if (s.reserve > 0) {
        s.seats -= s.reserve * levels_[level].areas();
        if (levels_[level].seats_from_votes())
          throw body_error(config_.id, "stage " + a->id + ": reserve needs fixed magnitudes");
      }
      const ListTierConfig& rc = s.rule.config();
      const bool no_line = std::all_of(rc.threshold.shares().begin(), rc.threshold.shares().end(),
                                       [](double x) { return x == 0; }) &&
                           !rc.threshold.strict() && !rc.quota_threshold;
      s.plurality = s.district && s.filters.empty() && s.alternative_tier < 0 && !rc.runner_up &&
                    no_line && level >= 0 && levels_[level].max_magnitude() == 1 &&
                    !levels_[level].seats_from_votes();
      for (const BallotOption& o : ballot)
        s.may_win.push_back(wins_list_seats(o.kind) ||
                            (s.candidate && o.kind == OptionKind::independent));
      if (s.candidate && s.level < 0)
        throw body_error(config_.id, "stage " + a->id + ": candidate votes are cast in areas");
      if (s.candidate && levels_[s.level].has_baseline() && !levels_[s.level].has_candidates())
        throw body_error(config_.id, "stage " + a->id + " reads the candidate votes of level " +
                                         levels_[s.level].id() +
                                         ", whose baseline has none (rows of ballot candidate)");
      const int max_seats = s.level < 0 ? s.seats : levels_[s.level].max_magnitude() - s.reserve;
      tiers_.push_back(
          {s.id, s.level, s.seats, max_seats, s.district, s.area_results, s.candidate, s.seats});
      if (a->id == "list" && config_.list_tier) list_stage_ = static_cast<int>(stages_.size());
      stages_.emplace_back(std::move(s));
    } else if (const auto* c = std::get_if<CompensateConfig>(&sc)) {
      build_compensate(*c, ballot, tier_of, level_of);
    } else {
      const auto& d = std::get<DistrictsConfig>(sc);
      if (tier_index(d.id) >= 0) throw body_error(config_.id, "tier '" + d.id + "' twice");
      DistrictsStage s{d.id, static_cast<int>(tiers_.size()),
                       DistrictTier(ballot, d.config, district_centre)};
      tiers_.push_back({d.id, -1, s.districts.seats(), s.districts.seats(), true, false, false,
                        s.districts.seats()});
      if (districts_stage_ < 0) districts_stage_ = static_cast<int>(stages_.size());
      stages_.emplace_back(std::move(s));
    }
  }
  for (const TierInfo& t : tiers_) {
    (t.district ? district_seats_ : list_seats_) += t.seats;
    house_seats_ += t.nominal;
  }
  // Party lists fill the one list tier (several list tiers would need lists per tier).
  const auto list_tiers =
      std::count_if(tiers_.begin(), tiers_.end(), [](const TierInfo& t) { return !t.district; });
  if (has_lists_ && list_tiers > 1)
    throw body_error(config_.id, "party lists with more than one list tier");
}

std::size_t ElectedBody::variates_per_draw() const {
  std::size_t n = 0;
  if (const DistrictTier* d = district_tier()) n += d->variates_per_draw();
  for (const AreaLevel& l : levels_) n += l.variates_per_draw();
  if (config_.electorate && config_.electorate->noise_sd > 0) n += options_;
  return n;
}

BodyDraw ElectedBody::make_draw() const {
  BodyDraw d;
  for (auto* v : {&d.seats_pr, &d.seats_district, &d.seats_total, &d.group_seated, &d.women_seated})
    v->assign(options_, 0);
  d.passed.assign(options_, 0);
  Ledger& l = d.ledger;
  l.national.assign(options_, 0);
  for (const AreaLevel& level : levels_) {
    l.level_votes.emplace_back(static_cast<std::size_t>(level.areas()) * options_, 0);
    // Counted candidate votes are added up from the finest level: every level holds them.
    const bool read =
        std::any_of(tiers_.begin(), tiers_.end(), [](const TierInfo& t) { return t.candidate; });
    l.candidate_votes.emplace_back(
        level.has_candidates() || read ? static_cast<std::size_t>(level.areas()) * options_ : 0, 0);
    // Fixed magnitudes stay as written; computed ones are overwritten every draw.
    auto& m = l.magnitudes.emplace_back(static_cast<std::size_t>(level.areas()), 0);
    for (int a = 0; a < level.areas(); ++a) m[a] = level.magnitude(a);
  }
  l.eligible.resize(filters_);
  for (const Stage& s : stages_)
    if (const auto* f = std::get_if<FilterStage>(&s))
      l.eligible[f->index].assign(static_cast<std::size_t>(rows(f->level)) * options_, 0);
  for (const TierInfo& t : tiers_) {
    // Per-area rows only where there are areas: a national tier's seats are tier_seats.
    l.area_seats.emplace_back(t.level < 0 ? 0 : static_cast<std::size_t>(rows(t.level)) * options_,
                              0);
    l.tier_seats.emplace_back(options_, 0);
    l.overhang.emplace_back(t.compensating ? options_ : 0, 0);
  }
  l.district_votes.resize(tiers_.size());
  for (const Stage& s : stages_)
    if (const auto* ds = std::get_if<DistrictsStage>(&s))
      l.district_votes[ds->tier].assign(static_cast<std::size_t>(ds->districts.seats()) * options_,
                                        0);
  return d;
}

void ElectedBody::begin_block(BodyScratch& scratch, std::uint64_t seed, std::uint64_t block,
                              std::uint64_t body_index) const {
  scratch.level_rngs.resize(levels_.size());
  for (std::size_t l = 0; l < levels_.size(); ++l)
    scratch.level_rngs[l] =
        random::make_engine(seed, block, random::Stage::area_noise, body_index * 4096 + l);
}

void ElectedBody::regional_vote(std::span<const double> shares, BodyScratch& scratch,
                                random::Engine& rng) const {
  const RegionalElectorate& e = *config_.electorate;
  scratch.shares.resize(options_);
  scratch.votes.resize(options_);
  random::NormalDistribution normal;
  double sum = 0;
  for (int o = 0; o < options_; ++o) {
    double p = 0;
    if (e.baseline[o] > 0) {
      double score = swing_scale(e.swing, e.baseline[o]);
      if (swings_[o]) score += swing_scale(e.swing, shares[o]) - centre_scale_[o];
      if (e.noise_sd > 0) score += e.noise_sd * normal(rng);
      p = e.swing == SwingModel::logit_additive ? 1 / (1 + std::exp(-score)) : std::exp(score);
    }
    scratch.shares[o] = p;
    sum += p;
  }
  for (int o = 0; o < options_; ++o) {
    scratch.shares[o] /= sum;
    scratch.votes[o] = std::llround(scratch.shares[o] * static_cast<double>(e.total_votes));
  }
}

void ElectedBody::seat_lists(BodyDraw& out) const {
  out.vacant = 0;
  out.quota_unmet = false;
  for (int o = 0; o < options_; ++o) {
    const auto& list = config_.lists[o];
    if (!list) {
      out.group_seated[o] = out.women_seated[o] = 0;
      continue;
    }
    const int won = out.seats_pr[o];
    const int fill = std::min(won, list->length());
    const int need = config_.quota_share ? quota_need(*config_.quota_share, fill) : 0;
    const PartyList::Seating s = list->seat(won, need);
    out.seats_pr[o] = s.seated;
    out.vacant += s.vacant;
    out.group_seated[o] = s.group;
    out.women_seated[o] = s.women;
    out.quota_unmet = out.quota_unmet || !s.quota_met;
  }
}

std::span<const Votes> ElectedBody::row_votes(const BodyDraw& out, int level, int row,
                                              bool candidate) const {
  if (level < 0) return out.ledger.national;
  return std::span<const Votes>(candidate ? out.ledger.candidate_votes[level]
                                          : out.ledger.level_votes[level])
      .subspan(static_cast<std::size_t>(row) * options_, options_);
}

bool ElectedBody::allowed_row(const std::vector<FilterRef>& refs, int row, const BodyDraw& out,
                              BodyScratch& scratch) const {
  if (refs.empty()) return false;
  const std::size_t n = static_cast<std::size_t>(options_);
  scratch.allowed.resize(n);
  std::uint8_t* allowed = scratch.allowed.data();
  const std::uint8_t* first =
      out.ledger.eligible[refs[0].filter].data() + static_cast<std::size_t>(refs[0].rows[row]) * n;
  std::copy(first, first + n, allowed);
  for (std::size_t k = 1; k < refs.size(); ++k) {
    const std::uint8_t* e = out.ledger.eligible[refs[k].filter].data() +
                            static_cast<std::size_t>(refs[k].rows[row]) * n;
    for (std::size_t o = 0; o < n; ++o) allowed[o] &= e[o];
  }
  return true;
}

void ElectedBody::run_filter(const FilterStage& f, BodyDraw& out, BodyScratch& scratch,
                             bool counted) const {
  const std::span<const int> alt =
      f.alternative_tier >= 0 ? std::span<const int>(out.ledger.tier_seats[f.alternative_tier])
                              : std::span<const int>();
  std::vector<std::uint8_t>& eligible = out.ledger.eligible[f.index];
  for (int r = 0; r < rows(f.level); ++r) {
    const bool filtered = allowed_row(f.after, r, out, scratch);
    const int seats = f.level < 0 ? f.quota_seats : out.ledger.magnitudes[f.level][r];
    const int passing = f.rule.filter_area(
        row_votes(out, f.level, r), seats,
        filtered ? std::span<const std::uint8_t>(scratch.allowed) : std::span<const std::uint8_t>(),
        alt,
        std::span<std::uint8_t>(eligible).subspan(static_cast<std::size_t>(r) * options_, options_),
        nullptr, standing(f.level, r, counted), f.area_registered ? registered(f.level, r) : 0);
    bool waived = passing == 0;
    if (f.alternative_filter) {
      const FilterRef& ref = *f.alternative_filter;
      const std::uint8_t* alt_row =
          out.ledger.eligible[ref.filter].data() + static_cast<std::size_t>(ref.rows[r]) * options_;
      std::uint8_t* row = eligible.data() + static_cast<std::size_t>(r) * options_;
      bool admits = false;
      for (int o = 0; o < options_; ++o)
        admits |= alt_row[o] != 0 && (!filtered || scratch.allowed[o] != 0);
      if (admits) {
        // A waived threshold admitted every list; the alternative's lists replace them.
        for (int o = 0; o < options_; ++o) {
          const bool alt_pass = alt_row[o] != 0 && (!filtered || scratch.allowed[o] != 0);
          row[o] = static_cast<std::uint8_t>((waived ? 0 : row[o]) | alt_pass);
        }
        waived = false;
      }
    }
    if (waived) out.list_events.threshold_waived = true;
  }
}

void ElectedBody::run_allocate(const AllocateStage& a, BodyDraw& out, BodyScratch& scratch,
                               std::uint64_t lot_key, bool counted) const {
  Ledger& l = out.ledger;
  const std::span<const int> alt = a.alternative_tier >= 0
                                       ? std::span<const int>(l.tier_seats[a.alternative_tier])
                                       : std::span<const int>();
  std::vector<int>& total = l.tier_seats[a.tier];
  std::fill(total.begin(), total.end(), 0);
  scratch.passed.resize(options_);
  const int n_rows = rows(a.level);
  // Seats won before, per row of this level: the earlier tiers' seats added up in the
  // areas each row contains.
  std::vector<int>& prior = scratch.allocate_prior;
  if (!a.prior.empty()) {
    prior.assign(static_cast<std::size_t>(n_rows) * options_, 0);
    for (const AllocateStage::Prior& p : a.prior) {
      const bool national = tiers_[p.tier].level < 0;
      const std::vector<int>& from = national ? l.tier_seats[p.tier] : l.area_seats[p.tier];
      for (std::size_t r = 0; r < p.row.size(); ++r) {
        int* to = prior.data() + static_cast<std::size_t>(p.row[r]) * options_;
        const int* seats = from.data() + r * options_;
        for (int o = 0; o < options_; ++o) to[o] += seats[o];
      }
    }
  }
  // The draw loop's common case (Spain's provinces): an allocation among the lists the
  // filters admitted, with nothing else to decide, on drawn votes.
  const bool lean = !counted && a.level >= 0 && !a.candidate && !a.plurality && !a.bonus &&
                    a.agreements.empty() && a.prior.empty() && a.fragments_tier < 0 &&
                    a.alternative_tier < 0 && a.rule.allocates_only();
  int* winner_of = nullptr;  // the plurality winner per row, for a cap later
  if (a.plurality && a.level >= 0) {
    if (scratch.row_winner.size() <= static_cast<std::size_t>(a.tier))
      scratch.row_winner.resize(static_cast<std::size_t>(a.tier) + 1);
    scratch.row_winner[a.tier].assign(static_cast<std::size_t>(n_rows), -1);
    winner_of = scratch.row_winner[a.tier].data();
  }
  for (int r = 0; r < n_rows; ++r) {
    const int seats = a.level < 0 ? a.seats : l.magnitudes[a.level][r] - a.reserve;
    const std::span<int> seats_out =
        a.level < 0 ? std::span<int>(total)
                    : std::span<int>(l.area_seats[a.tier])
                          .subspan(static_cast<std::size_t>(r) * options_, options_);
    // A constituency without a candidate vote cast (a poll cancelled: New Zealand's Port
    // Waikato, 2023) elects no one.
    if (seats == 0 || (a.candidate && (counted ? no_votes(row_votes(out, a.level, r, true))
                                               : levels_[a.level].candidates(r).empty()))) {
      std::fill(seats_out.begin(), seats_out.end(), 0);
      continue;
    }
    const std::span<const int> only = standing(a.level, r, counted, a.candidate);
    if (a.plurality && plurality_seat(a, row_votes(out, a.level, r, a.candidate), only, seats_out,
                                      total, seats == 1 ? winner_of + r : nullptr))
      continue;
    // Each area's lot is its own: the draw's key mixed with the tier and the area.
    const std::uint64_t key =
        n_rows == 1 && a.level < 0
            ? lot_key
            : random::mix64(lot_key ^ random::mix64((a.tier + 1) * 65536ULL + r));
    if (lean && !only.empty()) {
      // One filter's row is read where it is; several are combined in scratch.allowed.
      const std::uint8_t* allowed =
          a.filters.size() == 1 ? l.eligible[a.filters[0].filter].data() +
                                      static_cast<std::size_t>(a.filters[0].rows[r]) * options_
          : allowed_row(a.filters, r, out, scratch) ? scratch.allowed.data()
                                                    : nullptr;
      ListTierEvents e;
      if (a.rule.allocate_standing(row_votes(out, a.level, r), seats, allowed, only, seats_out,
                                   total.data(), a.district ? nullptr : out.passed.data(),
                                   scratch.list, key, e)) {
        out.list_events.tie |= e.tie;
        out.list_events.refused |= e.refused;
        continue;
      }
    }
    const bool filtered = allowed_row(a.filters, r, out, scratch);
    // A bonus (national allocations only) comes off the seats first, or tops the first
    // list up after (BonusRule).
    const std::span<const Votes> votes =
        a.fragments_tier >= 0 ? std::span<const Votes>(fragment_votes(a, out, scratch, counted))
                              : row_votes(out, a.level, r, a.candidate);
    int first = -1, bonus = 0;
    if (a.bonus) {
      Votes base = 0;
      for (int o = 0; o < options_; ++o) {
        base += a.bonus_base[o] ? votes[o] : 0;
        if (a.may_win[o] && votes[o] > 0 && (first < 0 || votes[o] > votes[first])) first = o;
      }
      if (first >= 0) bonus = a.bonus->seats_for(votes[first], base, seats);
    }
    ListTierEvents e = a.rule.evaluate_area(
        votes, seats - bonus,
        filtered ? std::span<const std::uint8_t>(scratch.allowed) : std::span<const std::uint8_t>(),
        alt, seats_out, scratch.passed, scratch.list, key, nullptr, only,
        a.area_registered ? registered(a.level, r) : 0,
        a.prior.empty() ? std::span<const int>()
                        : std::span<const int>(prior).subspan(
                              static_cast<std::size_t>(r) * options_, options_));
    if (bonus > 0) seats_out[first] += bonus;
    if (!a.agreements.empty()) {
      // Pairs whose lists both take part count as one list, then share its seats.
      std::vector<Votes>& merged = scratch.votes;
      merged.assign(votes.begin(), votes.end());
      if (!filtered) scratch.allowed.assign(static_cast<std::size_t>(options_), 1);
      bool joined = false;
      for (const auto& [p, q] : a.agreements)
        if (scratch.passed[p] && scratch.passed[q]) {
          merged[p] += merged[q];
          merged[q] = 0;
          scratch.allowed[q] = 0;
          joined = true;
        }
      if (joined) {
        e = a.rule.evaluate_area(merged, seats, scratch.allowed, alt, seats_out, scratch.passed,
                                 scratch.list, key, nullptr, {},
                                 a.area_registered ? registered(a.level, r) : 0);
        for (const auto& [p, q] : a.agreements) {
          if (scratch.allowed[q] != 0) continue;  // not joined
          const std::array<Votes, 2> pair{votes[p], votes[q]};
          std::array<int, 2> split{0, 0};
          const AllocationOutcome o = a.pair_split.allocate(
              pair, seats_out[p], split, scratch.compensation.apportionment,
              TieBreak{a.rule.config().tie_rule, random::mix64(key ^ (p + 1))});
          e.tie |= o.tie;
          e.refused |= o.refused;
          seats_out[p] = split[0];
          seats_out[q] = split[1];
          scratch.passed[q] = 1;
        }
      }
    }
    if (a.bonus && a.bonus->kind == BonusRule::Kind::majority && first >= 0 &&
        scratch.passed[first] && seats_out[first] < a.bonus->majority_seats(seats)) {
      // Topped up: the others share what the first list leaves.
      const int need = a.bonus->majority_seats(seats);
      if (!filtered) scratch.allowed.assign(static_cast<std::size_t>(options_), 1);
      scratch.allowed[first] = 0;
      e = a.rule.evaluate_area(votes, seats - need, scratch.allowed, alt, seats_out, scratch.passed,
                               scratch.list, key, nullptr, only,
                               a.area_registered ? registered(a.level, r) : 0);
      seats_out[first] = need;
      scratch.passed[first] = 1;
    }
    const bool in_areas = a.level >= 0;  // a national tier wrote its total directly
    if (!only.empty()) {                 // seats and passes are zero outside the standing options
      if (in_areas)
        for (int o : only) total[o] += seats_out[o];
      if (!a.district)
        for (int o : only) out.passed[o] |= scratch.passed[o];
    } else {
      const int n = options_;
      if (in_areas)
        for (int o = 0; o < n; ++o) total[o] += seats_out[o];
      if (!a.district)
        for (int o = 0; o < n; ++o) out.passed[o] |= scratch.passed[o];
    }
    if (winner_of != nullptr && seats == 1)
      for (int o = 0; o < options_; ++o)
        if (seats_out[o] > 0) winner_of[r] = o;
    out.list_events.runner_up_admitted |= e.runner_up_admitted;
    out.list_events.threshold_waived |= e.threshold_waived;
    out.list_events.tie |= e.tie;
    out.list_events.refused |= e.refused;
  }
}

std::vector<Votes>& ElectedBody::fragment_votes(const AllocateStage& a, const BodyDraw& out,
                                                BodyScratch& scratch, bool counted) const {
  // The national list votes plus, from each constituency of the fragments tier, the
  // candidate votes of its losers and its winner's votes beyond the runner-up's + 1, each
  // to the candidate's party (Hungary, Act CCIII of 2011 § 15).
  const Ledger& l = out.ledger;
  const std::size_t n = static_cast<std::size_t>(options_);
  std::vector<Votes>& sum = scratch.fragments;
  sum.assign(l.national.begin(), l.national.end());
  const TierInfo& ft = tiers_[a.fragments_tier];
  const std::vector<int>& won = l.area_seats[a.fragments_tier];
  for (int r = 0; r < rows(ft.level); ++r) {
    const std::span<const Votes> v = row_votes(out, ft.level, r, true);
    const std::span<const int> only = standing(ft.level, r, counted, true);
    int winner = -1;
    Votes runner_up = 0;
    const auto find_winner = [&](std::size_t o) {
      if (won[static_cast<std::size_t>(r) * n + o] > 0) winner = static_cast<int>(o);
    };
    const auto find_runner_up = [&](std::size_t o) {
      if (static_cast<int>(o) != winner && a.fragment_runner[o])
        runner_up = std::max(runner_up, v[o]);
    };
    const auto add = [&](std::size_t o) {
      if (!a.fragment_to[o] || v[o] <= 0) return;
      sum[o] += static_cast<int>(o) == winner ? std::max<Votes>(0, v[o] - runner_up - 1) : v[o];
    };
    const auto each = [&](const auto& visit) {
      if (only.empty()) {
        for (std::size_t o = 0; o < n; ++o) visit(o);
      } else {
        for (int o : only) visit(static_cast<std::size_t>(o));
      }
    };
    each(find_winner);
    each(find_runner_up);
    each(add);
  }
  return sum;
}

bool ElectedBody::plurality_seat(const AllocateStage& a, std::span<const Votes> votes,
                                 std::span<const int> only, std::span<int> seats_out,
                                 std::vector<int>& total, int* winner) const {
  // The most votes among the options that may win; a tie for first (or no votes) is the
  // rule's to settle, so the general path takes it.
  int best = -1;
  bool tie = false;
  const auto visit = [&](int o) {
    if (!a.may_win[o] || votes[o] <= 0) return;
    if (best < 0 || votes[o] > votes[best]) {
      best = o;
      tie = false;
    } else if (votes[o] == votes[best]) {
      tie = true;
    }
  };
  if (only.empty()) {
    for (int o = 0; o < options_; ++o) visit(o);
  } else {
    for (int o : only) visit(o);
  }
  if (best < 0 || tie) return false;
  if (only.empty()) {
    std::fill(seats_out.begin(), seats_out.end(), 0);
  } else {
    for (int o : only) seats_out[o] = 0;
  }
  seats_out[best] = 1;
  ++total[best];
  if (winner != nullptr) *winner = best;
  return true;
}

void ElectedBody::run_compensate(const CompensateStage& c, BodyDraw& out, BodyScratch& scratch,
                                 std::uint64_t lot_key, [[maybe_unused]] bool counted) const {
  Ledger& l = out.ledger;
  const std::size_t n = static_cast<std::size_t>(options_);
  const OverhangPolicy policy = c.rule.config().policy;
  std::vector<int>& prior = scratch.prior;
  prior.assign(n, 0);
  for (int t : c.against)
    for (std::size_t o = 0; o < n; ++o) prior[o] += l.tier_seats[t][o];
  // Admitted: a list the filters pass. Independents' seats, and (but under cap) those of
  // lists not admitted, stay with their winners and come off the house first.
  const bool filtered = allowed_row(c.filters, 0, out, scratch);
  scratch.passed.resize(n);
  int deducted = 0;
  for (std::size_t o = 0; o < n; ++o) {
    const bool in = c.party[o] && (!filtered || scratch.allowed[o]) && l.national[o] > 0;
    scratch.passed[o] = in;
    if (c.deducted[o] || (!in && policy != OverhangPolicy::cap)) deducted += prior[o];
  }
  scratch.entitled.resize(n);
  const std::uint64_t key = random::mix64(lot_key ^ random::mix64((c.tier + 1) * 65536ULL));
  LevelNeed level_need;
  if (c.contingent_minimum) {
    contingent_needs(c, out, scratch, key);
    level_need = {scratch.need, scratch.slack, scratch.remaining};
  }
  const Entitlement e =
      c.rule.entitle(l.national, scratch.passed, prior, deducted, scratch.entitled,
                     scratch.compensation, TieBreak{c.tie_rule, key}, level_need);
  out.list_events.tie |= e.outcome.tie;
  out.list_events.refused |= e.outcome.refused || e.short_of;
  for (std::size_t o = 0; o < n; ++o) out.passed[o] |= scratch.passed[o];
  std::vector<int>& seats = l.tier_seats[c.tier];
  std::vector<int>& over = l.overhang[c.tier];
  std::fill(over.begin(), over.end(), 0);
  if (policy == OverhangPolicy::cap) {
    cap_winners(c, out, scratch, counted);
    return;
  }
  for (std::size_t o = 0; o < n; ++o) {
    seats[o] = scratch.passed[o] ? std::max(0, scratch.entitled[o] - prior[o]) : 0;
    if (scratch.passed[o] && policy == OverhangPolicy::grow)
      over[o] = std::max(0, prior[o] - scratch.entitled[o]);
  }
  if (c.distribute == Distribute::leveling) {
    level_areas(c, out, scratch);
    return;
  }
  if (c.distribute != Distribute::list_seats) return;
  if (c.contingent_minimum) {
    minimum_areas(c, out, scratch, key);
    return;
  }
  // Each list's compensating seats to the areas by its votes there (with
  // distribute_prior, after its earlier seats there).
  const int areas = rows(c.level);
  std::vector<int>& area = l.area_seats[c.tier];
  std::fill(area.begin(), area.end(), 0);
  for (std::size_t o = 0; o < n; ++o) {
    if (seats[o] == 0) continue;
    scratch.area_prior.resize(static_cast<std::size_t>(areas));
    if (c.distribute_prior)
      for (int a = 0; a < areas; ++a) {
        int before = 0;
        for (int t : c.against) before += l.area_seats[t][static_cast<std::size_t>(a) * n + o];
        scratch.area_prior[a] = before;
      }
    place_list(c, out, scratch, o, seats[o], c.distribute_prior, key);
    for (int a = 0; a < areas; ++a)
      area[static_cast<std::size_t>(a) * n + o] = scratch.area_share[a];
  }
}

void ElectedBody::place_list(const CompensateStage& c, BodyDraw& out, BodyScratch& scratch,
                             std::size_t o, int seats, bool after_prior, std::uint64_t key) const {
  const int areas = rows(c.level);
  scratch.area_votes.resize(static_cast<std::size_t>(areas));
  scratch.area_share.resize(static_cast<std::size_t>(areas));
  for (int a = 0; a < areas; ++a) scratch.area_votes[a] = row_votes(out, c.level, a)[o];
  const AllocationOutcome d = c.distribute_method.allocate(
      scratch.area_votes, seats, scratch.area_share, scratch.compensation.apportionment,
      TieBreak{c.tie_rule, random::mix64(key ^ (o + 1))}, nullptr,
      after_prior ? std::span<const int>(scratch.area_prior) : std::span<const int>());
  out.list_events.tie |= d.tie;
  out.list_events.refused |= d.refused;
}

void ElectedBody::contingent_needs(const CompensateStage& c, BodyDraw& out, BodyScratch& scratch,
                                   std::uint64_t key) const {
  const Ledger& l = out.ledger;
  const std::size_t n = static_cast<std::size_t>(options_);
  const int areas = rows(c.level);
  const std::size_t cells = static_cast<std::size_t>(areas) * n;
  std::vector<int>& won = scratch.area_won;
  won.assign(cells, 0);
  for (std::size_t k = 0; k < c.against.size(); ++k) {
    const std::vector<int>& seats = l.area_seats[c.against[k]];
    const std::vector<int>& row = c.against_rows[k];
    for (std::size_t a = 0; a < row.size(); ++a)
      for (std::size_t o = 0; o < n; ++o)
        won[static_cast<std::size_t>(row[a]) * n + o] += seats[a * n + o];
  }
  scratch.area_minimum.assign(cells, 0);
  scratch.need.assign(n, 0);   // the contingents added up, then the need
  scratch.slack.assign(n, 0);  // the overhang a list's contingents leave it
  scratch.remaining.assign(n, 0);
  scratch.admitted_votes.resize(n);
  scratch.area_share.assign(n, 0);
  std::vector<int>& summed = scratch.contingent;  // the minimums added up
  summed.assign(n, 0);
  for (int a = 0; a < areas; ++a) {
    const std::span<const Votes> v = row_votes(out, c.level, a);
    for (std::size_t o = 0; o < n; ++o) scratch.admitted_votes[o] = scratch.passed[o] ? v[o] : 0;
    const AllocationOutcome d = c.contingent_method.allocate(
        scratch.admitted_votes, levels_[c.level].magnitude(a), scratch.area_share,
        scratch.compensation.apportionment,
        TieBreak{c.tie_rule, random::mix64(key ^ (0x100000ULL + static_cast<std::uint64_t>(a)))});
    out.list_events.tie |= d.tie;
    out.list_events.refused |= d.refused;
    for (std::size_t o = 0; o < n; ++o) {
      if (!scratch.passed[o]) continue;
      const int k = scratch.area_share[o];
      const int w = won[static_cast<std::size_t>(a) * n + o];
      const int m = std::max(w, (w + k + 1) / 2);  // the mean rounded up (§ 6 (5) S. 2)
      scratch.area_minimum[static_cast<std::size_t>(a) * n + o] = m;
      scratch.need[o] += k;
      summed[o] += m;
      scratch.slack[o] += std::max(0, w - k);
    }
  }
  for (std::size_t o = 0; o < n; ++o) scratch.need[o] = std::max(scratch.need[o], summed[o]);
}

void ElectedBody::minimum_areas(const CompensateStage& c, BodyDraw& out, BodyScratch& scratch,
                                std::uint64_t key) const {
  // Each list's seats (entitlement, its winners' included) to the areas by
  // distribute_method, starting from its minimum in each; its list seats there are the
  // rest after its winners (§ 6 (6)).
  Ledger& l = out.ledger;
  const std::size_t n = static_cast<std::size_t>(options_);
  const int areas = rows(c.level);
  std::vector<int>& area = l.area_seats[c.tier];
  std::fill(area.begin(), area.end(), 0);
  scratch.area_prior.resize(static_cast<std::size_t>(areas));
  std::vector<int>& over = l.overhang[c.tier];
  for (std::size_t o = 0; o < n; ++o) {
    over[o] = scratch.passed[o] ? scratch.remaining[o] : 0;
    if (!scratch.passed[o] || scratch.entitled[o] == 0) continue;
    int floor = 0;
    for (int a = 0; a < areas; ++a) {
      scratch.area_prior[a] = scratch.area_minimum[static_cast<std::size_t>(a) * n + o];
      floor += scratch.area_prior[a];
    }
    const int more = scratch.entitled[o] - floor;
    if (more < 0) out.list_events.refused = true;  // a house too short (max_seats)
    place_list(c, out, scratch, o, std::max(more, 0), true, key);
    for (int a = 0; a < areas; ++a) {
      const std::size_t cell = static_cast<std::size_t>(a) * n + o;
      area[cell] = scratch.area_prior[a] + scratch.area_share[a] - scratch.area_won[cell];
    }
  }
}

void ElectedBody::level_areas(const CompensateStage& c, BodyDraw& out, BodyScratch& scratch) const {
  Ledger& l = out.ledger;
  const std::size_t n = static_cast<std::size_t>(options_);
  const int areas = rows(c.level);
  const std::vector<int>& earlier = l.area_seats[c.against[0]];
  std::vector<int>& area = l.area_seats[c.tier];
  std::fill(area.begin(), area.end(), 0);
  // (area, list) claims: votes / (2 d + 1) over the area's list votes per earlier seat,
  // i.e. votes x earlier seats of the area / ((2 d + 1) x list votes of the area).
  std::vector<BodyScratch::Winner>& w = scratch.winners;
  w.clear();
  // Only the lists with leveling seats claim (a few of the options); pointers, not
  // vectors, so that no push_back makes the loop reload them.
  std::vector<int>& claiming = scratch.claiming;
  claiming.clear();
  const int* seats_to_place = l.tier_seats[c.tier].data();
  for (std::size_t o = 0; o < n; ++o)
    if (seats_to_place[o] > 0) claiming.push_back(static_cast<int>(o));
  const std::uint8_t* list_vote = c.list_vote.data();
  for (int a = 0; a < areas; ++a) {
    const Votes* v = row_votes(out, c.level, a).data();
    const int* won = earlier.data() + static_cast<std::size_t>(a) * n;
    Votes list_votes = 0;
    int seats = 0;
    for (std::size_t o = 0; o < n; ++o) {
      list_votes += list_vote[o] ? v[o] : 0;
      seats += won[o];
    }
    const Votes per_seat = std::max(seats, 1);
    const Votes base = std::max<Votes>(list_votes, 1);
    for (int o : claiming)
      if (v[o] > 0)
        w.push_back({a, o, a, v[o] * per_seat, static_cast<Votes>(2 * won[o] + 1) * base});
  }
  // The claims in falling order of votes / valid, ties by the earlier area, then list
  // (the order they were made in): sorted as (-quotient rounded, index) pairs, then
  // every run of neighbours closer than a rounding error (the two divisions: 2^-52 of
  // the larger) sorted again by the exact quotients. Outside such runs the rounded
  // order is the exact one.
  __extension__ typedef __int128 Wide;
  int remaining = 0;
  for (std::size_t o = 0; o < n; ++o) remaining += seats_to_place[o];
  std::vector<std::pair<double, int>>& order = scratch.claim_order;
  order.resize(w.size());
  for (std::size_t i = 0; i < w.size(); ++i)
    order[i] = {-static_cast<double>(w[i].votes) / static_cast<double>(w[i].valid),
                static_cast<int>(i)};
  std::sort(order.begin(), order.end());
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i + 1;
    while (j < order.size() && order[j].first - order[j - 1].first <= -1e-12 * order[j - 1].first)
      ++j;
    if (j - i > 1)
      std::sort(order.begin() + static_cast<std::ptrdiff_t>(i),
                order.begin() + static_cast<std::ptrdiff_t>(j),
                [&](const std::pair<double, int>& p, const std::pair<double, int>& q) {
                  const BodyScratch::Winner& x = w[p.second];
                  const BodyScratch::Winner& y = w[q.second];
                  const Wide lhs = static_cast<Wide>(x.votes) * y.valid;
                  const Wide rhs = static_cast<Wide>(y.votes) * x.valid;
                  return lhs != rhs ? lhs > rhs : p.second < q.second;
                });
    i = j;
  }
  std::vector<int>& left = scratch.prior;  // the lists' seats still to place
  std::copy(l.tier_seats[c.tier].begin(), l.tier_seats[c.tier].end(), left.begin());
  std::vector<int>& open = scratch.area_share;  // each area's seats still open
  open.assign(static_cast<std::size_t>(areas), c.seats_per_area);
  for (std::size_t i = 0; remaining > 0 && i < order.size(); ++i) {
    const BodyScratch::Winner& x = w[order[i].second];
    if (open[x.area] == 0 || left[x.option] == 0) continue;
    --open[x.area];
    --left[x.option];
    --remaining;
    ++area[static_cast<std::size_t>(x.area) * n + x.option];
  }
  // Seats the table could not place (a list with no votes where seats were open) stay
  // national; the draw reports them as refused.
  for (std::size_t o = 0; o < n; ++o) out.list_events.refused |= left[o] > 0;
}

void ElectedBody::cap_winners(const CompensateStage& c, BodyDraw& out, BodyScratch& scratch,
                              bool counted) const {
  // Each list's entitlement (nationally, or split among the areas of c.level by its
  // votes there) is first taken up by its winners in tier c.winners_tier, strongest
  // share of their area's valid votes first; winners beyond it are not seated; the rest
  // are its list seats.
  Ledger& l = out.ledger;
  const std::size_t n = static_cast<std::size_t>(options_);
  const TierInfo& wt = tiers_[c.winners_tier];
  const int groups = c.level < 0 ? 1 : rows(c.level);
  std::vector<int>& share = scratch.area_share;  // [groups x options] each list's seats there
  share.assign(static_cast<std::size_t>(groups) * n, 0);
  const std::uint64_t key = 0x5ea7ca9ULL;
  if (c.level < 0) {
    std::copy(scratch.entitled.begin(), scratch.entitled.end(), share.begin());
  } else {
    scratch.area_votes.resize(static_cast<std::size_t>(groups));
    std::vector<int>& part = scratch.compensation.seats;
    part.resize(static_cast<std::size_t>(groups));
    for (std::size_t o = 0; o < n; ++o) {
      if (scratch.entitled[o] == 0) continue;
      for (int g = 0; g < groups; ++g) scratch.area_votes[g] = row_votes(out, c.level, g)[o];
      const AllocationOutcome d = c.distribute_method.allocate(
          scratch.area_votes, scratch.entitled[o], part, scratch.compensation.apportionment,
          TieBreak{c.tie_rule, random::mix64(key ^ (o + 1))});
      out.list_events.tie |= d.tie;
      out.list_events.refused |= d.refused;
      for (int g = 0; g < groups; ++g) share[static_cast<std::size_t>(g) * n + o] = part[g];
    }
  }
  // The winners by group and list. A cell (group, list) with no more winners than its
  // share seats them all; only the winners of the others are ranked, strongest first
  // (ties: the earlier area), so that the weakest are the ones not seated.
  std::vector<BodyScratch::Winner>& w = scratch.winners;
  w.clear();
  std::vector<int>& cell = scratch.cell_winners;
  cell.assign(static_cast<std::size_t>(groups) * n, 0);
  std::vector<int>& won = l.area_seats[c.winners_tier];
  const int n_rows = rows(wt.level);
  const int* hint =
      scratch.row_winner.size() > static_cast<std::size_t>(c.winners_tier) &&
              scratch.row_winner[c.winners_tier].size() == static_cast<std::size_t>(n_rows)
          ? scratch.row_winner[c.winners_tier].data()
          : nullptr;
  for (int a = 0; a < n_rows; ++a) {
    const int* seated = won.data() + static_cast<std::size_t>(a) * n;
    // One seat a row: the allocation's winner, if it still holds the seat, is the only one.
    int winner = hint != nullptr && hint[a] >= 0 && seated[hint[a]] > 0 ? hint[a] : -1;
    if (winner < 0) {
      const std::span<const int> only = standing(wt.level, a, counted, wt.candidate);
      if (only.empty()) {
        for (std::size_t o = 0; o < n; ++o)
          if (seated[o] > 0) winner = static_cast<int>(o);
      } else {
        for (int o : only)
          if (seated[o] > 0) winner = o;
      }
    }
    if (winner >= 0 && !c.deducted[winner]) {
      w.push_back({c.winners_parent[a], winner, a, 0, 0});
      ++cell[static_cast<std::size_t>(c.winners_parent[a]) * n + winner];
    }
  }
  // Only the winners of over-subscribed cells are ranked: their votes and their area's
  // valid votes are read for them alone.
  std::size_t capped = 0;
  for (std::size_t i = 0; i < w.size(); ++i) {
    const std::size_t k = static_cast<std::size_t>(w[i].group) * n + w[i].option;
    if (cell[k] <= share[k]) continue;
    BodyScratch::Winner& x = w[capped++] = w[i];
    const std::span<const Votes> v = row_votes(out, wt.level, x.area, wt.candidate);
    // Drawn votes are zero outside the options standing in the area: only they are read.
    const std::span<const int> only = standing(wt.level, x.area, counted, wt.candidate);
    Votes valid = 0;
    if (only.empty()) {
      for (std::size_t o = 0; o < n; ++o) valid += c.valid[o] ? v[o] : 0;
    } else {
      for (int o : only) valid += c.valid[o] ? v[o] : 0;
    }
    x.votes = v[x.option];
    x.valid = valid;
  }
  w.resize(capped);
  for (std::size_t k = 0; k < cell.size(); ++k)
    if (cell[k] <= share[k]) share[k] -= cell[k];  // every winner there seated
  __extension__ typedef __int128 Wide;             // votes x votes, exact
  std::sort(w.begin(), w.end(), [](const BodyScratch::Winner& x, const BodyScratch::Winner& y) {
    if (x.group != y.group) return x.group < y.group;
    if (x.option != y.option) return x.option < y.option;
    const Wide lhs = static_cast<Wide>(x.votes) * y.valid;
    const Wide rhs = static_cast<Wide>(y.votes) * x.valid;
    if (lhs != rhs) return lhs > rhs;
    return x.area < y.area;
  });
  std::vector<int>& over = l.overhang[c.tier];
  std::vector<int>& taken = l.tier_seats[c.winners_tier];
  for (std::size_t i = 0; i < w.size();) {
    std::size_t j = i;
    int& left = share[static_cast<std::size_t>(w[i].group) * n + w[i].option];
    for (; j < w.size() && w[j].group == w[i].group && w[j].option == w[i].option; ++j) {
      if (left > 0) {
        --left;  // seated: one seat of the share taken up
        continue;
      }
      won[static_cast<std::size_t>(w[j].area) * n + w[j].option] = 0;
      --taken[w[j].option];
      ++over[w[j].option];
    }
    i = j;
  }
  // What is left of each share: list seats.
  int* seats = l.tier_seats[c.tier].data();
  std::fill(seats, seats + n, 0);
  for (int g = 0; g < groups; ++g) {
    const int* from = share.data() + static_cast<std::size_t>(g) * n;
    for (std::size_t o = 0; o < n; ++o) seats[o] += from[o];
  }
  if (c.level >= 0) std::copy(share.begin(), share.end(), l.area_seats[c.tier].begin());
}

void ElectedBody::counted_districts(const DistrictsStage& s, BodyDraw& out) const {
  // Counted results: each district goes to the option with the most votes in it (the
  // candidates' votes, Ledger::district_votes); a tie for first is a runoff the counted
  // votes cannot settle, reported as such and left to the earlier-registered option.
  Ledger& l = out.ledger;
  std::vector<int>& seats = l.tier_seats[s.tier];
  std::fill(seats.begin(), seats.end(), 0);
  const std::vector<Votes>& votes = l.district_votes[s.tier];
  for (int d = 0; d < s.districts.seats(); ++d) {
    const PluralityWinner w = plurality_winner(
        std::span<const Votes>(votes).subspan(static_cast<std::size_t>(d) * options_, options_));
    if (w.option >= 0) ++seats[w.option];
    out.district_events.runoff |= w.tie;
  }
}

void ElectedBody::run_stages(std::span<const double> shares, BodyDraw& out, BodyScratch& scratch,
                             random::Engine& rng, std::uint64_t lot_key, bool counted, int begin,
                             int end) const {
  Ledger& l = out.ledger;
  if (begin == 0) {
    // Passed: the list passed the threshold of some area's list allocation (for one
    // national list tier: passed its threshold; the runner-up and waived lists did not).
    out.list_events = {};
    out.district_events = {};
    std::fill(out.passed.begin(), out.passed.end(), std::uint8_t{0});
    // Magnitudes computed from the draw's votes come before every stage.
    if (!votes_seats_levels_.empty()) level_seats(out, scratch, lot_key);
  }
  if (end < 0) end = static_cast<int>(stages_.size());
  for (int i = begin; i < end; ++i) {
    std::visit(
        [&](const auto& s) {
          using S = std::decay_t<decltype(s)>;
          if constexpr (std::is_same_v<S, FilterStage>) {
            run_filter(s, out, scratch, counted);
          } else if constexpr (std::is_same_v<S, AllocateStage>) {
            run_allocate(s, out, scratch, lot_key, counted);
          } else if constexpr (std::is_same_v<S, CompensateStage>) {
            run_compensate(s, out, scratch, lot_key, counted);
          } else if (counted) {
            counted_districts(s, out);
          } else {
            std::vector<int>& seats = l.tier_seats[s.tier];
            std::fill(seats.begin(), seats.end(), 0);
            const DistrictEvents e = s.districts.evaluate(shares, seats, rng, scratch.district);
            out.district_events.runoff |= e.runoff;
          }
        },
        stages_[i]);
  }
}

void ElectedBody::finish(BodyDraw& out) const {
  const Ledger& l = out.ledger;
  std::fill(out.seats_pr.begin(), out.seats_pr.end(), 0);
  std::fill(out.seats_district.begin(), out.seats_district.end(), 0);
  for (std::size_t t = 0; t < tiers_.size(); ++t) {
    std::vector<int>& to = tiers_[t].district ? out.seats_district : out.seats_pr;
    for (int o = 0; o < options_; ++o) to[o] += l.tier_seats[t][o];
  }
  if (has_lists_) seat_lists(out);
  out.ledger.house = 0;
  for (int i = 0; i < options_; ++i) {
    out.seats_total[i] = out.seats_pr[i] + out.seats_district[i];
    out.ledger.house += out.seats_total[i];
  }
  if (config_.metrics)
    out.metrics = metrics_.measure(l.national, list_seats_ > 0 ? out.seats_pr : out.seats_district);
}

Votes ElectedBody::registered(int level, int row) const {
  return level < 0 ? national_registered_ : levels_[level].registered(row);
}

void ElectedBody::level_seats(BodyDraw& out, BodyScratch& scratch, std::uint64_t lot_key) const {
  // Magnitudes from this draw's votes, before any stage reads them; a lot among equal
  // sizes has its own key per level.
  for (std::size_t k : votes_seats_levels_) {
    const AllocationOutcome o =
        levels_[k].apportion(out.ledger.level_votes[k], out.ledger.magnitudes[k], scratch.area,
                             random::mix64(lot_key ^ random::mix64(0x5ea75ULL + k)));
    out.list_events.tie |= o.tie;
    out.list_events.refused |= o.refused;
  }
}

void ElectedBody::sum_finest(BodyDraw& out) const {
  // National stages read the sum of the finest level, so that thresholds and
  // allocations see the same votes.
  Ledger& l = out.ledger;
  const std::vector<Votes>& finest = l.level_votes.back();
  std::fill(l.national.begin(), l.national.end(), 0);
  for (std::size_t row = 0; row < finest.size(); row += options_)
    for (int o = 0; o < options_; ++o) l.national[o] += finest[row + o];
}

std::span<const double> ElectedBody::draw_votes(std::span<const double> shares,
                                                std::span<const Votes> votes, BodyDraw& out,
                                                BodyScratch& scratch, random::Engine& rng) const {
  Ledger& l = out.ledger;
  if (config_.electorate) {
    regional_vote(shares, scratch, rng);
    std::copy(scratch.votes.begin(), scratch.votes.end(), l.national.begin());
    return scratch.shares;
  }
  if (levels_.empty()) {
    std::copy(votes.begin(), votes.end(), l.national.begin());
  } else {
    // National stages read the sum of the finest level, added up as it is drawn.
    for (std::size_t k = 0; k < levels_.size(); ++k) {
      const int parent = levels_[k].parent_level();
      const std::span<const Votes> from =
          parent < 0 ? votes : std::span<const Votes>(l.level_votes[parent]);
      levels_[k].draw(from, l.level_votes[k], scratch.level_rngs[k], scratch.area,
                      l.candidate_votes[k],
                      k + 1 == levels_.size() ? std::span<Votes>(l.national) : std::span<Votes>());
    }
  }
  return shares;
}

void ElectedBody::evaluate(std::span<const double> shares, std::span<const Votes> votes,
                           BodyDraw& out, BodyScratch& scratch, random::Engine& rng,
                           std::uint64_t lot_key) const {
  const std::span<const double> body_shares = draw_votes(shares, votes, out, scratch, rng);
  run_stages(body_shares, out, scratch, rng, lot_key, false);
  finish(out);
}

void ElectedBody::evaluate_counted(std::span<const Votes> national, BodyDraw& out,
                                   BodyScratch& scratch, std::uint64_t lot_key) const {
  if (levels_.empty()) {
    std::copy(national.begin(), national.end(), out.ledger.national.begin());
  } else {
    sum_finest(out);
  }
  random::Engine unused;
  std::vector<double> shares(options_, 0);
  run_stages(shares, out, scratch, unused, lot_key, true);
  finish(out);
}

int ElectedBody::stage_index(const std::string& id) const {
  for (std::size_t i = 0; i < stages_.size(); ++i)
    if (std::visit([](const auto& s) -> const std::string& { return s.id; }, stages_[i]) == id)
      return static_cast<int>(i);
  return -1;
}

const ListTier* ElectedBody::stage_rule(int stage) const {
  if (const auto* f = std::get_if<FilterStage>(&stages_[stage])) return &f->rule;
  if (const auto* a = std::get_if<AllocateStage>(&stages_[stage])) return &a->rule;
  return nullptr;
}

void ElectedBody::set_stage_rule(int stage, ListTier rule) {
  if (auto* f = std::get_if<FilterStage>(&stages_[stage]))
    f->rule = std::move(rule);
  else if (auto* a = std::get_if<AllocateStage>(&stages_[stage]))
    a->rule = std::move(rule);
  else
    throw std::invalid_argument("a districts stage has no threshold or method");
}

}  // namespace seatcast
