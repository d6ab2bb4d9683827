#include "engine/output/results_file.h"

#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <limits>
#include <optional>
#include <string>
#include <variant>

#include "engine/hdf5/appendable.h"
#include "engine/hdf5/attribute.h"
#include "engine/hdf5/dataset.h"
#include "engine/hdf5/file.h"
#include "engine/hdf5/group.h"
#include "engine/output/dimensions.h"
#include "engine/output/tally_datasets.h"
#include "engine/random/streams.h"

namespace seatcast {

const char* seatcast_version() {
  return "0.1.0";
}

namespace {

std::vector<double> to_vector(const Eigen::VectorXd& v) {
  return {v.data(), v.data() + v.size()};
}

void write_matrix(const h5::Handle& loc, std::string_view name, const Eigen::MatrixXd& m) {
  std::vector<double> data(static_cast<std::size_t>(m.size()));
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = 0; j < m.cols(); ++j) data[i * m.cols() + j] = m(i, j);
  h5::write_dataset<double>(loc, name, data,
                            {static_cast<hsize_t>(m.rows()), static_cast<hsize_t>(m.cols())});
}

std::string iso_date(std::int64_t day) {
  const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{day}}};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

// /model/trend: the dynamic model's daily state as shares (median and central 50% and
// 90% intervals, no election-day error) and the polls it followed.
void write_trend(const h5::Handle& model, const Scenario& s) {
  const models::PollTrend& t = *s.poll_trend;
  const h5::Handle g = h5::group(model, "trend");
  const std::vector<int> national = model_options(s.ballot);
  std::vector<std::string> ids;
  for (int k : t.fitted)
    ids.push_back(s.ballot[static_cast<std::size_t>(national[static_cast<std::size_t>(k)])].id);
  h5::write_strings(g, "options", ids);
  std::vector<std::string> dates;
  std::vector<std::int64_t> days;
  for (int d = 0; d < t.days(); ++d) {
    days.push_back(t.first_day + d);
    dates.push_back(iso_date(t.first_day + d));
  }
  h5::write_strings(g, "dates", dates);
  h5::write_dataset<std::int64_t>(g, "day", days, {days.size()});
  const std::vector<double> probs = {0.05, 0.25, 0.5, 0.75, 0.95};
  const std::vector<Eigen::MatrixXd> q = models::trend_share_quantiles(t, probs);
  const char* names[] = {"lower_90", "lower_50", "median", "upper_50", "upper_90"};
  for (std::size_t i = 0; i < probs.size(); ++i) write_matrix(g, names[i], q[i]);
  write_matrix(g, "log_mean", t.mean);
  h5::write_attribute<double>(g, "drift", t.drift);
  h5::write_attribute<std::int64_t>(g, "drift_estimated", t.drift_estimated ? 1 : 0);
  h5::write_attribute<double>(g, "log_likelihood", t.log_likelihood);
  h5::write_string_attribute(g, "election_date", dates.back());
  // The polls: pollster, middle fieldwork day, the shares as published (NaN: not
  // reported), the effective sample size each entered with.
  const h5::Handle pg = h5::group(g, "polls");
  std::vector<std::string> who, when;
  Eigen::MatrixXd shares(static_cast<Eigen::Index>(s.trend_polls.size()),
                         static_cast<Eigen::Index>(t.fitted.size()));
  for (std::size_t p = 0; p < s.trend_polls.size(); ++p) {
    const models::Poll& poll = s.trend_polls[p];
    who.push_back(poll.pollster);
    when.push_back(iso_date(poll.day));
    for (std::size_t k = 0; k < t.fitted.size(); ++k) {
      const auto& v = poll.percent[static_cast<std::size_t>(t.fitted[k])];
      shares(static_cast<Eigen::Index>(p), static_cast<Eigen::Index>(k)) =
          v ? *v / 100.0 : std::numeric_limits<double>::quiet_NaN();
    }
  }
  h5::write_strings(pg, "pollster", who);
  h5::write_strings(pg, "date", when);
  write_matrix(pg, "percent", shares * 100.0);
  h5::write_dataset<double>(pg, "weight", t.poll_weights, {t.poll_weights.size()});
}

void write_model(const h5::Handle& file, const Scenario& s) {
  const h5::Handle g = h5::group(file, "model");
  h5::write_string_attribute(g, "type", s.model_type);
  h5::write_attribute<std::int64_t>(g, "total_votes", s.total_votes);
  // The ids of the model's shares (the ballot less independents): its datasets' axis.
  std::vector<std::string> covered;
  for (int o : model_options(s.ballot)) covered.push_back(s.ballot[o].id);
  h5::write_strings(g, "options", covered);
  if (const auto* d = std::get_if<models::DirichletModel>(&s.model)) {
    h5::write_dataset<double>(g, "alpha", d->alpha(), {d->alpha().size()});
  } else if (const auto* ln = std::get_if<models::LogisticNormalModel>(&s.model)) {
    h5::write_dataset<double>(g, "mean_shares", to_vector(ln->mean_shares()),
                              {static_cast<hsize_t>(ln->size())});
    h5::write_dataset<double>(g, "sigma", to_vector(ln->sigma()),
                              {static_cast<hsize_t>(ln->size())});
    write_matrix(g, "correlation", ln->correlation());
    h5::write_attribute<double>(g, "t_dof", ln->t_dof());
    h5::write_attribute<double>(g, "noise_concentration", ln->noise_concentration());
  }
  if (s.poll_average) {
    const auto& a = *s.poll_average;
    write_matrix(g, "covariance", a.covariance);
    write_matrix(g, "sampling_covariance", a.sampling_cov);
    h5::write_dataset<double>(g, "log_mean", to_vector(a.log_mean),
                              {static_cast<hsize_t>(a.log_mean.size())});
    h5::write_dataset<double>(g, "poll_weights", a.poll_weights, {a.poll_weights.size()});
    // The settings the average was fitted with.
    const models::PollAverageSettings& ps = a.settings;
    h5::write_attribute<double>(g, "shared_error", ps.shared_error);
    h5::write_attribute<double>(g, "shared_error_dof", ps.shared_error_dof);
    h5::write_attribute<double>(g, "shared_error_points", ps.shared_error_points);
    h5::write_attribute<double>(g, "design_effect", ps.design_effect);
    h5::write_attribute<double>(g, "half_life_days", ps.half_life_days);
    h5::write_attribute<double>(g, "default_sample_size", ps.default_sample_size);
    h5::write_string_attribute(g, "undecided", models::to_string(ps.undecided));
    h5::write_string_attribute(g, "sampling", models::to_string(ps.sampling));
    std::string house = ps.house_effects.empty() ? "" : "given";
    if (ps.estimate_house_effects) house.append(house.empty() ? "estimated" : "+estimated");
    h5::write_string_attribute(g, "house_effects", house.empty() ? "none" : house);
    h5::write_attribute<double>(g, "house_effect_sd", ps.house_effect_sd);
    if (a.house_effects.rows() > 0) {  // [pollsters x options] log-scale offsets in use
      write_matrix(g, "house_effect_offsets", a.house_effects);
      h5::write_strings(g, "house_effect_pollsters", a.house_pollsters);
    }
  }
  if (s.poll_trend) write_trend(g, s);
}

void write_body(const h5::Handle& file, const ElectedBody& body, const BodyTally& t,
                std::uint64_t draws) {
  const h5::Handle g = h5::group(file, body.id());
  const auto& cfg = body.config();
  h5::write_string_attribute(g, "name", cfg.name);
  h5::write_attribute<std::int64_t>(g, "seats", body.seats());
  h5::write_attribute<std::int64_t>(g, "list_seats", body.list_seats());
  h5::write_attribute<std::int64_t>(g, "district_seats", body.district_seats());
  h5::write_attribute<std::int64_t>(g, "majority", body.majority());
  h5::write_attribute<std::int64_t>(g, "two_thirds", body.two_thirds());
  if (body.house_seats() != body.seats()) {  // a compensated house: its seats by law
    h5::write_attribute<std::int64_t>(g, "house_seats", body.house_seats());
    h5::write_attribute<std::int64_t>(g, "house_varies", body.house_varies() ? 1 : 0);
  }
  if (cfg.list_tier) {
    const ListTierConfig& l = *cfg.list_tier;
    h5::write_string_attribute(g, "list_method", to_string(l.method));
    h5::write_attribute<double>(g, "list_threshold", l.threshold.share());
    h5::write_string_attribute(g, "list_threshold_base", to_string(l.threshold.base()));
    h5::write_string_attribute(g, "list_tie_rule", to_string(l.tie_rule));
    if (l.threshold.strict()) h5::write_attribute<std::int64_t>(g, "list_threshold_strict", 1);
    if (l.threshold.base() == ThresholdBase::registered)
      h5::write_attribute<std::int64_t>(g, "list_threshold_registered", l.threshold.registered());
    if (l.threshold.has_alliance_shares()) {  // by member count from 1, the last repeating
      std::string shares;
      for (double x : l.threshold.shares())
        shares.append(shares.empty() ? "" : ",").append(fmt::format("{}", x));
      h5::write_string_attribute(g, "list_alliance_thresholds", shares);
    }
    if (l.alternative_district_seats > 0)
      h5::write_attribute<std::int64_t>(g, "list_alternative_district_seats",
                                        l.alternative_district_seats);
    std::string exempt;  // option indices, comma-separated
    for (std::size_t o = 0; o < l.exempt.size(); ++o)
      if (l.exempt[o]) exempt.append(exempt.empty() ? "" : ",").append(std::to_string(o));
    if (!exempt.empty()) h5::write_string_attribute(g, "list_exempt", exempt);
    if (l.runner_up) {
      h5::write_attribute<double>(g, "runner_up_coefficient", l.runner_up->coefficient());
      h5::write_attribute<std::int64_t>(g, "runner_up_min_seats", l.runner_up->min_seats());
    }
  }
  if (const DistrictTier* d = body.district_tier()) {
    h5::write_string_attribute(g, "district_swing", to_string(d->config().swing));
    h5::write_attribute<double>(g, "district_noise_sd", d->config().noise_sd);
    h5::write_attribute<double>(g, "district_region_correlation", d->config().region_correlation);
    h5::write_attribute<double>(g, "district_independent_sd", d->config().independent_sd);
    h5::write_string_attribute(g, "district_baselines", d->config().source);
    std::vector<std::string> ids, regions;
    for (const District& district : d->config().districts) {
      ids.push_back(district.id);
      regions.push_back(district.region);
    }
    h5::write_strings(g, "districts", ids);
    h5::write_strings(g, "district_regions", regions);
  }
  if (body.has_lists()) {
    // List quota and list statistics: group members and women on list seats (the
    // counts are the tally's, below).
    const h5::Handle q = h5::group(g, "lists");
    if (cfg.quota_share) h5::write_attribute<double>(q, "quota_share", *cfg.quota_share);
    std::vector<std::int64_t> lengths;
    for (const auto& l : cfg.lists) lengths.push_back(l ? l->length() : 0);
    h5::write_dataset<std::int64_t>(q, "length", lengths, {lengths.size()});
  }
  if (!cfg.coalitions.empty()) {
    const h5::Handle c = h5::group(g, "coalitions");
    std::vector<std::string> ids;
    std::vector<std::string> members;
    for (const Coalition& co : cfg.coalitions) {
      ids.push_back(co.id);
      std::string m;
      for (int o : co.members) m.append(m.empty() ? "" : ",").append(std::to_string(o));
      members.push_back(m);
    }
    h5::write_strings(c, "ids", ids);
    h5::write_strings(c, "members", members);  // option indices, comma-separated
  }
  if (cfg.pair)  // the options of /<body>/pair_seats
    h5::write_dataset<std::int64_t>(g, "pair",
                                    std::vector<std::int64_t>{(*cfg.pair)[0], (*cfg.pair)[1]}, {2});
  // Which seats the metric histograms measure; the histograms are the tally's.
  if (cfg.metrics)
    h5::write_string_attribute(h5::group(g, "metrics"), "seats",
                               cfg.list_tier ? "list" : "district");
  // Levels of areas: ids, magnitudes and parents, the labels of per-area histograms.
  for (const AreaLevel& level : body.levels()) {
    const h5::Handle lg = h5::group(g, "levels/" + level.id());
    std::vector<std::string> ids;
    std::vector<std::int64_t> seats, parents;
    for (int a = 0; a < level.areas(); ++a) {
      ids.push_back(level.config().areas[a].id);
      seats.push_back(level.magnitude(a));
      parents.push_back(level.parent_of(a));
    }
    h5::write_strings(lg, "areas", ids);
    h5::write_dataset<std::int64_t>(lg, "seats", seats, {seats.size()});
    const int parent = level.parent_level();
    h5::write_string_attribute(lg, "parent", parent < 0 ? "" : body.levels()[parent].id());
    if (parent >= 0) h5::write_dataset<std::int64_t>(lg, "parent_area", parents, {parents.size()});
  }
  // Tiers in stage order: what each allocates, where; their seat histograms are the
  // tally's (tiers/<id>/seats, or a second name of seats_pr or seats_district).
  std::vector<std::string> tier_ids;
  for (int i = 0; i < body.tiers(); ++i) {
    const ElectedBody::TierInfo& tier = body.tier(i);
    tier_ids.push_back(tier.id);
    const h5::Handle tg = h5::group(g, "tiers/" + tier.id);
    h5::write_string_attribute(tg, "kind", tier.district ? "district" : "list");
    h5::write_string_attribute(tg, "level", tier.level < 0 ? "" : body.levels()[tier.level].id());
    h5::write_attribute<std::int64_t>(tg, "seats", tier.seats);
    // The level's area ids again, here: the area axis of the tier's per-area seats must be
    // a dimension of this group or an ancestor (netCDF's rule, which xarray follows).
    if (tier.level >= 0) {
      const AreaLevel& level = body.levels()[tier.level];
      std::vector<std::string> ids;
      for (int a = 0; a < level.areas(); ++a) ids.push_back(level.config().areas[a].id);
      h5::write_strings(tg, "areas", ids);
    }
  }
  if (!tier_ids.empty()) h5::write_strings(g, "tier_order", tier_ids);
  write_tally_datasets(g, t, body.majority(), body.two_thirds(), draws);
}

}  // namespace

void write_common_root(const h5::Handle& f, const Scenario& scenario, const RunInfo& info) {
  h5::write_string_attribute(f, "format", kResultsFormat);
  h5::write_attribute<std::uint64_t>(f, "format_version", kResultsFormatVersion);
  h5::write_string_attribute(f, "seatcast_version", seatcast_version());
  h5::write_string_attribute(f, "generator", random::kGenerator);
  h5::write_attribute<std::uint64_t>(f, "draw_version", random::kDrawVersion);
  h5::write_attribute<std::uint64_t>(f, "seed", info.seed);
  h5::write_attribute<std::uint64_t>(f, "block_size", info.block_size);
  h5::write_attribute<std::int64_t>(f, "threads", info.threads);
  h5::write_attribute<std::int64_t>(f, "processes", info.processes);
  h5::write_string_attribute(f, "scenario", scenario.text);
  h5::write_string_attribute(f, "scenario_file", scenario.file);
  h5::write_string_attribute(f, "scenario_name", scenario.name);
  std::vector<std::string> ids, names, kinds;
  for (const auto& o : scenario.ballot) {
    ids.push_back(o.id);
    names.push_back(o.name);
    kinds.emplace_back(to_string(o.kind));
  }
  h5::write_strings(f, "options", ids);
  h5::write_strings(f, "option_names", names);
  h5::write_strings(f, "option_kinds", kinds);
}

struct ResultsWriter::Impl {
  h5::File file;
  const Scenario& scenario;
  const Simulation& sim;
  std::optional<h5::AppendableDataset<float>> shares;
  std::optional<h5::AppendableDataset<std::uint16_t>> seats;
};

ResultsWriter::ResultsWriter(const std::filesystem::path& path, const Scenario& scenario,
                             const Simulation& sim, const RunInfo& info, bool keep_draws,
                             const PartInfo* part)
    : impl_(new Impl{h5::File::create(path), scenario, sim, {}, {}}) {
  const h5::File& f = impl_->file;
  write_common_root(f, scenario, info);
  if (part) {
    // A part of a run: `draws` counts the draws this file's tallies hold (so every
    // histogram row still sums to it), run_draws the run's.
    const std::uint64_t first = part->block_begin * info.block_size;
    const std::uint64_t end = std::min(info.draws, part->block_end * info.block_size);
    h5::write_attribute<std::uint64_t>(f, "draws", end > first ? end - first : 0);
    h5::write_attribute<std::uint64_t>(f, "run_draws", info.draws);
    h5::write_string_attribute(f, "kind", part->kind);
    h5::write_attribute<std::uint64_t>(f, "block_begin", part->block_begin);
    h5::write_attribute<std::uint64_t>(f, "block_end", part->block_end);
    if (part->kind == kShardKind) {
      h5::write_attribute<std::uint64_t>(f, "shard", part->shard);
      h5::write_attribute<std::uint64_t>(f, "shards", part->shards);
    }
  } else {
    h5::write_attribute<std::uint64_t>(f, "draws", info.draws);
  }
  write_model(f, scenario);

  if (keep_draws) {
    const h5::Handle g = h5::group(f, "draws");
    const hsize_t o = scenario.ballot.size();
    const hsize_t b = sim.bodies.size();
    const h5::ChunkOptions chunks{4096, info.draws_gzip, info.draws_gzip > 0};
    impl_->shares.emplace(h5::AppendableDataset<float>::create(g, "shares", {o}, chunks));
    impl_->seats.emplace(h5::AppendableDataset<std::uint16_t>::create(g, "seats", {b, o}, chunks));
    std::vector<std::string> body_ids;
    for (const auto& body : sim.bodies) body_ids.push_back(body.id());
    h5::write_strings(g, "bodies", body_ids);
  }
}

ResultsWriter::~ResultsWriter() = default;

void ResultsWriter::append_block(const BlockRecord& block) {
  if (!impl_->shares) return;
  impl_->shares->append(block.shares, block.count);
  impl_->seats->append(block.seats, block.count);
}

void ResultsWriter::finish(const Tally& tally) {
  for (std::size_t b = 0; b < impl_->sim.bodies.size(); ++b)
    write_body(impl_->file, impl_->sim.bodies[b], tally.bodies[b], tally.draws);
  if (impl_->shares) impl_->shares->close();
  if (impl_->seats) impl_->seats->close();
  label_dimensions(impl_->file);
  impl_->file.close();
}

}  // namespace seatcast
