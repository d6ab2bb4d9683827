#include "engine/scenario/scenario.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "engine/io/area_votes_csv.h"
#include "engine/io/csv.h"
#include "engine/io/input_error.h"
#include "engine/io/numbers.h"
#include "engine/io/percent.h"
#include "engine/io/wording.h"
#include "engine/scenario/data_file.h"
#include "engine/scenario/levels_reader.h"
#include "engine/scenario/limits.h"
#include "engine/scenario/polls_csv.h"
#include "engine/scenario/swing_key.h"
#include "engine/scenario/toml_reader.h"

namespace seatcast {

namespace {

constexpr std::int64_t kMaxSeats = kMaxListSeats;

bool is_identifier(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-')) return false;
  return true;
}

// options_file: a CSV of the ballot (`option`, optional `name` and `kind`), for ballots
// too long to write as [[options]] tables (Spain's Congreso: 60 candidacies).
Ballot read_ballot_file(const TomlTable& root, const std::string& file) {
  const std::string path = data_file(root, "options_file", file);
  const CsvTable csv = read_csv(path);
  const int id = csv.require("option");
  const auto name = csv.column("name");
  const auto kind = csv.column("kind");
  Ballot ballot;
  for (const CsvRow& row : csv.rows) {
    if (static_cast<std::int64_t>(ballot.size()) == kMaxOptions)
      throw InputError(path, row.line, "option",
                       "more than " + std::to_string(kMaxOptions) + " ballot options");
    BallotOption o;
    o.id = row.fields[id];
    if (!is_identifier(o.id))
      throw InputError(path, row.line, "option",
                       "'" + o.id + "' is not an identifier (letters, digits, _ and -)");
    if (find_option(ballot, o.id))
      throw InputError(path, row.line, "option", "option '" + o.id + "' appears twice");
    o.name = name && !row.fields[*name].empty() ? row.fields[*name] : o.id;
    const std::string k = kind && !row.fields[*kind].empty() ? row.fields[*kind] : "party";
    const auto parsed = parse_option_kind(k);
    if (!parsed)
      throw InputError(path, row.line, "kind",
                       "unknown kind '" + k +
                           "' (expected party, independent, against_all, blank, invalid, other)");
    o.kind = *parsed;
    ballot.push_back(std::move(o));
  }
  if (ballot.empty()) throw InputError(path, 0, "", "no options after the header");
  return ballot;
}

Ballot read_ballot(const TomlTable& root, const std::string& file) {
  if (root.has("options_file")) {
    if (root.has("options"))
      root.fail("options_file", "give the options as [[options]] or as options_file, not both");
    return read_ballot_file(root, file);
  }
  Ballot ballot;
  for (const TomlTable& t : table_array(root, "options", true)) {
    if (static_cast<std::int64_t>(ballot.size()) == kMaxOptions)
      t.fail("id", "more than " + std::to_string(kMaxOptions) + " ballot options");
    t.only({"id", "name", "kind"});
    BallotOption o;
    o.id = t.string("id");
    if (!is_identifier(o.id))
      t.fail("id", "'" + o.id + "' is not an identifier (letters, digits, _ and -)");
    if (find_option(ballot, o.id)) t.fail("id", "option '" + o.id + "' appears twice");
    o.name = t.optional_string("name").value_or(o.id);
    const std::string kind = t.optional_string("kind").value_or("party");
    const auto k = parse_option_kind(kind);
    if (!k)
      t.fail("kind", "unknown kind '" + kind +
                         "' (expected party, independent, against_all, blank, invalid, other)");
    o.kind = *k;
    ballot.push_back(std::move(o));
  }
  return ballot;
}

// A table with one number per option, e.g. [model.percent]: every option must appear.
std::vector<double> per_option(const TomlTable& t, const Ballot& ballot, bool allow_missing,
                               double missing_value) {
  std::vector<double> out(ballot.size(), missing_value);
  for (const auto& [k, v] : t.raw()) {
    const auto idx = find_option(ballot, k.str());
    if (!idx)
      t.fail(k.str(), "'" + std::string(k.str()) +
                          "' is not an option here (independents have no national share)");
    out[*idx] = t.real(k.str());
  }
  if (!allow_missing)
    for (std::size_t i = 0; i < ballot.size(); ++i)
      if (!t.has(ballot[i].id)) t.fail(ballot[i].id, "missing: every ballot option needs a value");
  return out;
}

// percent_file: the national shares of a counted result in the long form (area,
// option, votes; areas added up), e.g. the previous election as the centre of a
// what-if. Every option of the model must have votes there.
std::vector<double> read_percent_file(const TomlTable& model, const Ballot& ballot,
                                      const std::string& file) {
  const std::string path = data_file(model, "percent_file", file);
  const AreaVotesTable t = read_area_votes_csv(path);
  std::vector<double> v(ballot.size(), 0);
  for (const AreaVotesRow& r : t.rows) {
    if (r.candidate) continue;  // a two-vote system's national shares are its list votes
    const auto o = find_option(ballot, r.option);
    if (!o && r.votes == 0) continue;  // a list of no votes that the ballot leaves out
    if (!o)
      throw InputError(path, r.line, "option",
                       "'" + r.option + "' is not an option of the model (independents have none)");
    v[*o] += static_cast<double>(r.votes);
  }
  double sum = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v[i] <= 0)
      throw InputError(path, 0, "option", "no votes for option '" + ballot[i].id + "'");
    sum += v[i];
  }
  for (double& x : v) x /= sum;
  return v;
}

std::vector<double> read_percent(const TomlTable& model, const Ballot& ballot,
                                 const std::string& file) {
  if (model.has("percent_file")) {
    if (model.has("percent")) model.fail("percent_file", "give percent or percent_file, not both");
    return read_percent_file(model, ballot, file);
  }
  const TomlTable pct = model.table("percent");
  std::vector<double> v = per_option(pct, ballot, false, 0);
  double sum = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v[i] < 0) pct.fail(ballot[i].id, "a share must not be negative");
    sum += v[i];
  }
  // One rule for every percentage table (percent_sum_problem): a sum off 100 is a
  // mistake to point at, not something to normalise away; within the tolerance the
  // rounding is removed.
  if (const auto problem = percent_sum_problem(sum, PercentSum::complete)) pct.fail("", *problem);
  for (double& x : v) x /= sum;
  return v;
}

std::chrono::sys_days parse_date(const std::string& text, const std::string& file, int line,
                                 const std::string& field) {
  int y = 0;
  unsigned m = 0, d = 0;
  char dash1 = 0, dash2 = 0;
  std::istringstream in(text);
  in >> y >> dash1 >> m >> dash2 >> d;
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m},
                                        std::chrono::day{d}};
  if (!in || dash1 != '-' || dash2 != '-' || !ymd.ok() || !in.eof())
    throw InputError(file, line, field, "'" + text + "' is not a date (YYYY-MM-DD)");
  return std::chrono::sys_days{ymd};
}

// [model.prior_percent]: shares for options no poll reports (a new party, a minority
// list), in percent of the model's vote, with `prior_sigma` (one number or a table per
// prior option) their log-scale sd. Stated, never defaulted: the uncertainty of a share
// nobody measured is the user's judgement.
void read_priors(const TomlTable& m, const Ballot& ballot, models::PollAverageSettings& s) {
  const std::optional<TomlTable> pct = m.optional_table("prior_percent");
  if (!pct) {
    if (m.has("prior_sigma")) m.fail("prior_sigma", "only with [model.prior_percent]");
    return;
  }
  if (!m.has("prior_sigma"))
    m.fail("prior_sigma",
           "missing: [model.prior_percent] needs the priors' log-scale sd, e.g. prior_sigma = 0.3");
  const toml::node* sg = m.node("prior_sigma");
  const std::optional<TomlTable> sigma_table =
      sg->is_table() ? m.optional_table("prior_sigma") : std::nullopt;
  const double sigma_all = sigma_table ? 0 : m.real("prior_sigma");
  double sum = 0;
  for (const auto& [k, v] : pct->raw()) {
    const std::string id(k.str());
    const auto idx = find_option(ballot, id);
    if (!idx)
      pct->fail(id, "'" + id + "' is not an option here (independents have no national share)");
    const double p = pct->real(id);
    if (!(p > 0 && p < 100)) pct->fail(id, "a prior share must be above 0 and under 100 percent");
    double sigma = sigma_all;
    if (sigma_table) {
      if (!sigma_table->has(id)) sigma_table->fail(id, "missing: every prior option needs an sd");
      sigma = sigma_table->real(id);
    }
    if (sigma < 0 || sigma > 5)
      (sigma_table ? *sigma_table : m)
          .fail(sigma_table ? id : "prior_sigma", "a log-scale sd must be from 0 to 5");
    sum += p;
    s.priors[static_cast<int>(*idx)] = {p / 100, sigma};
  }
  if (sigma_table)
    for (const auto& [k, v] : sigma_table->raw())
      if (!pct->has(k.str())) sigma_table->fail(k.str(), "not in [model.prior_percent]");
  // Not percent_sum_problem: a few small shares sum to little by nature, so a small sum
  // says nothing about fractions here.
  if (sum >= 100)
    pct->fail("", "the prior shares sum to " + fmt::format("{:.2f}", sum) +
                      "; they must leave a share for the polled options (under 100)");
}

struct ModelRead {
  std::string type;
  models::VoteModel model;
  std::optional<models::PollAverage> average;
  Votes total_votes;
  std::optional<models::PollTrend> trend;
  std::vector<models::Poll> polls;  // the trend's, as used
  std::vector<std::string> notes;   // polls left out, and why
};

ModelRead read_model(const TomlTable& root, const Ballot& ballot, const std::string& file) {
  const TomlTable m = root.table("model");
  const std::string type = m.string("type");
  const std::int64_t total = m.integer("total_votes");
  if (total <= 0 || total > kMaxVotes)
    m.fail("total_votes", "must be a whole number from 1 to 10^12");

  if (type == "dirichlet") {
    m.only({"type", "total_votes", "sample_size", "prior", "percent", "percent_file"});
    const double n = m.real("sample_size");
    if (n <= 0) m.fail("sample_size", "must be positive");
    const double prior = m.optional_real("prior").value_or(1.0);
    if (prior < 0) m.fail("prior", "must not be negative");
    const std::vector<double> shares = read_percent(m, ballot, file);
    std::vector<double> alpha(shares.size());
    for (std::size_t i = 0; i < shares.size(); ++i) {
      alpha[i] = shares[i] * n + prior;
      if (alpha[i] <= 0)
        m.fail("prior",
               "option '" + ballot[i].id + "' has a zero share: a positive prior is needed");
    }
    return {type, models::DirichletModel(alpha), std::nullopt, total, std::nullopt, {}, {}};
  }

  if (type == "logistic-normal") {
    m.only({"type", "total_votes", "percent", "percent_file", "sigma", "correlation", "t_dof"});
    const std::vector<double> shares = read_percent(m, ballot, file);
    const int n = static_cast<int>(ballot.size());
    Eigen::VectorXd mean(n), sigma(n);
    for (int i = 0; i < n; ++i) {
      if (shares[i] <= 0) m.fail("percent", "option '" + ballot[i].id + "' needs a positive share");
      mean(i) = shares[i];
    }
    if (const toml::node* s = m.node("sigma"); s && s->is_table()) {
      const TomlTable st = m.table("sigma");
      const auto v = per_option(st, ballot, false, 0);
      for (int i = 0; i < n; ++i) sigma(i) = v[i];
    } else {
      sigma.setConstant(m.real("sigma"));
    }
    for (int i = 0; i < n; ++i)
      if (sigma(i) < 0) m.fail("sigma", "a spread must not be negative");
    Eigen::MatrixXd corr = Eigen::MatrixXd::Identity(n, n);
    for (const TomlTable& c : table_array(m, "correlation", false)) {
      c.only({"between", "rho"});
      const toml::array* pair = c.node("between") ? c.node("between")->as_array() : nullptr;
      if (!pair || pair->size() != 2 || !(*pair)[0].is_string() || !(*pair)[1].is_string())
        c.fail("between", "expected two option ids, e.g. between = [\"a\", \"b\"]");
      const auto a = find_option(ballot, *(*pair)[0].value<std::string_view>());
      const auto b = find_option(ballot, *(*pair)[1].value<std::string_view>());
      if (!a || !b || *a == *b) c.fail("between", "expected two different ballot option ids");
      const double rho = c.real("rho");
      if (rho <= -1 || rho >= 1) c.fail("rho", "a correlation must be strictly between -1 and 1");
      corr(*a, *b) = corr(*b, *a) = rho;
    }
    const double dof = m.optional_real("t_dof").value_or(0);
    if (dof != 0 && dof <= 2) m.fail("t_dof", "must be 0 (normal) or more than 2");
    try {
      return {type,
              models::LogisticNormalModel(mean, sigma, corr, dof),
              std::nullopt,
              total,
              std::nullopt,
              {},
              {}};
    } catch (const std::invalid_argument& e) {
      m.fail("correlation", e.what());
    }
  }

  if (type == "polls" || type == "polls-dynamic") {
    const bool dynamic = type == "polls-dynamic";
    if (dynamic)
      m.only({"type",
              "total_votes",
              "file",
              "election_date",
              "as_of",
              "drift",
              "default_sample_size",
              "design_effect",
              "shared_error",
              "shared_error_dof",
              "shared_error_points",
              "undecided_column",
              "undecided_separate",
              "ignore_columns",
              "undecided",
              "sampling",
              "house_effects",
              "estimate_house_effects",
              "house_effect_sd",
              "prior_percent",
              "prior_sigma"});
    else
      m.only({"type",
              "total_votes",
              "file",
              "reference_date",
              "default_sample_size",
              "design_effect",
              "half_life_days",
              "shared_error",
              "shared_error_dof",
              "shared_error_points",
              "undecided_column",
              "undecided_separate",
              "ignore_columns",
              "undecided",
              "sampling",
              "house_effects",
              "estimate_house_effects",
              "house_effect_sd",
              "prior_percent",
              "prior_sigma"});
    const std::string rel = m.string("file");
    const std::string csv_path = data_file(m, "file", file);
    models::PollAverageSettings s;
    const std::optional<double> default_n = m.optional_real("default_sample_size");
    s.default_sample_size = default_n.value_or(s.default_sample_size);
    if (s.default_sample_size <= 0) m.fail("default_sample_size", "must be positive");
    s.design_effect = m.optional_real("design_effect")
                          .value_or(dynamic ? models::kTrendDefaults.design_effect : 1.0);
    if (s.design_effect < 1) m.fail("design_effect", "must be at least 1");
    s.half_life_days = m.optional_real("half_life_days").value_or(0);
    if (s.half_life_days < 0) m.fail("half_life_days", "must not be negative");
    // The shared error: in points (a Dirichlet around the average, bounded tails) or
    // on the log scale (the same sd for every option); exactly one.
    const std::optional<double> points = m.optional_real("shared_error_points");
    const std::optional<double> log_scale = m.optional_real("shared_error");
    if (points && log_scale)
      m.fail("shared_error",
             "give either shared_error_points (percentage points) or shared_error (log "
             "scale), not both");
    if (!points && !log_scale && dynamic) {
      s.shared_error_points = models::kTrendDefaults.shared_error_points;
    } else if (!points && !log_scale) {
      m.fail("shared_error_points",
             "missing: the polling error all polls share, e.g. shared_error_points = 2.5 "
             "(sd in points of a 50% option; see the README)");
    } else if (points) {
      s.shared_error_points = *points;
      if (!(s.shared_error_points > 0) || s.shared_error_points > 25)
        m.fail("shared_error_points", "must be in (0, 25] percentage points");
      if (m.optional_real("shared_error_dof"))
        m.fail("shared_error_dof",
               "Student-t tails belong to the log-scale shared_error; the error in points "
               "has bounded tails of its own");
    } else {
      s.shared_error = *log_scale;
      if (s.shared_error <= 0 || s.shared_error > 5) m.fail("shared_error", "must be in (0, 5]");
      s.shared_error_dof = m.optional_real("shared_error_dof").value_or(0);
      if (s.shared_error_dof != 0 && s.shared_error_dof <= 2)
        m.fail("shared_error_dof", "must be 0 (normal) or more than 2");
    }
    const std::string undecided = m.optional_string("undecided").value_or("drop");
    if (undecided != "drop" && undecided != "proportional")
      m.fail("undecided", "expected \"drop\" or \"proportional\"");
    if (undecided == "proportional") s.undecided = models::UndecidedRule::proportional;
    const std::string sampling = m.optional_string("sampling").value_or("logistic-normal");
    if (sampling != "logistic-normal" && sampling != "dirichlet")
      m.fail("sampling", "expected \"logistic-normal\" or \"dirichlet\"");
    if (sampling == "dirichlet") s.sampling = models::PollSampling::dirichlet;
    const std::optional<bool> estimate = m.optional_bool("estimate_house_effects");
    s.estimate_house_effects =
        estimate.value_or(dynamic && models::kTrendDefaults.estimate_house_effects);
    s.house_effect_sd = m.optional_real("house_effect_sd").value_or(s.house_effect_sd);
    if (s.house_effect_sd <= 0 || s.house_effect_sd > 5)
      m.fail("house_effect_sd", "must be in (0, 5]");
    if (m.has("house_effect_sd") && !s.estimate_house_effects)
      m.fail("house_effect_sd",
             "only used with estimate_house_effects = true: add that, or remove this line");
    const std::optional<TomlTable> house = m.optional_table("house_effects");
    if (house)  // [model.house_effects."Pollster"] option = log-scale offset
      for (const auto& entry : house->raw()) {
        const TomlTable h = house->table(entry.first.str());
        std::vector<double> off = per_option(h, ballot, true, 0);
        for (std::size_t i = 0; i < off.size(); ++i)
          if (off[i] < -5 || off[i] > 5)
            h.fail(ballot[i].id, "a log-scale offset must be from -5 to 5");
        s.house_effects.emplace(std::string(entry.first.str()), std::move(off));
      }
    std::optional<std::chrono::sys_days> reference;
    if (auto r = m.optional_string("reference_date"))
      reference = parse_date(*r, file, m.line_of("reference_date"), m.field("reference_date"));
    if (s.half_life_days > 0 && !reference)
      m.fail("reference_date", "required when half_life_days is set");
    if (reference && !(s.half_life_days > 0))
      m.fail("reference_date",
             "only used for recency weights: set half_life_days too, or remove this line");
    read_priors(m, ballot, s);
    std::vector<std::string> ignore;
    if (const toml::node* ig = m.node("ignore_columns")) {
      const toml::array* arr = ig->as_array();
      if (!arr) m.fail("ignore_columns", "expected an array of column names");
      for (const auto& e : *arr) {
        if (!e.is_string()) m.fail("ignore_columns", "expected column names (strings)");
        ignore.emplace_back(*e.value<std::string_view>());
      }
    }
    PollsCsvLayout layout{m.optional_string("undecided_column").value_or("undecided"),
                          ignore,
                          default_n.has_value(),
                          file,
                          m.has("undecided_column"),
                          m.optional_bool("undecided_separate").value_or(false),
                          {}};
    for (const auto& [option, prior] : s.priors) layout.prior_options.push_back(option);
    const std::vector<PollRow> rows = read_polls_csv(csv_path, ballot, layout);
    // The trend's dates: election day (the forecast's), and as_of, the day the polls
    // stood (polls whose fieldwork ended after it are left out: a backtest's horizon).
    std::optional<std::chrono::sys_days> election, as_of;
    if (dynamic) {
      election = parse_date(m.string("election_date"), file, m.line_of("election_date"),
                            m.field("election_date"));
      if (auto a = m.optional_string("as_of")) {
        as_of = parse_date(*a, file, m.line_of("as_of"), m.field("as_of"));
        if (*as_of > *election) m.fail("as_of", "after election_date");
      }
    }
    std::vector<models::Poll> polls;
    std::vector<std::string> notes;
    for (const PollRow& r : rows) {
      models::Poll p = r.poll;
      // A date is checked even when no recency weight needs it: a bad one is a mistake.
      std::optional<std::chrono::sys_days> end, start;
      if (r.fieldwork_end) end = parse_date(*r.fieldwork_end, csv_path, r.line, "fieldwork_end");
      if (r.fieldwork_start)
        start = parse_date(*r.fieldwork_start, csv_path, r.line, "fieldwork_start");
      if (start && end && *end < *start)
        throw InputError(csv_path, r.line, "fieldwork_end",
                         "the fieldwork ends (" + *r.fieldwork_end + ") before it starts (" +
                             *r.fieldwork_start + ")");
      if (reference) {
        if (!end)
          throw InputError(csv_path, r.line, "fieldwork_end",
                           "a date is needed for recency weights");
        p.age_days = static_cast<double>((*reference - *end).count());
        if (p.age_days < 0)
          throw InputError(csv_path, r.line, "fieldwork_end", "after the reference date");
      }
      if (dynamic) {
        if (!end)
          throw InputError(csv_path, r.line, "fieldwork_end",
                           "a date is needed: the trend places each poll in time");
        const auto e = end->time_since_epoch().count();
        const auto b = start ? start->time_since_epoch().count() : e;
        p.day = b + (e - b) / 2;  // the fieldwork's middle day
        if (*end > *election)
          throw InputError(csv_path, r.line, "fieldwork_end",
                           "after election_date " + m.string("election_date"));
        if (as_of && *end > *as_of) continue;  // not yet published on as_of
      }
      // A poll of one option (the others empty, or in ignore_columns) says nothing about
      // the options' ratios, which is all the models read from a poll: left out, said.
      if (std::count_if(p.percent.begin(), p.percent.end(),
                        [](const std::optional<double>& v) { return v.has_value(); }) < 2) {
        notes.push_back(
            fmt::format("{}:{}: the poll by {} reports fewer than two of the "
                        "options here: left out (it says nothing about their ratios)",
                        csv_path, r.line, p.pollster));
        continue;
      }
      polls.push_back(std::move(p));
    }
    if (polls.empty()) m.fail("as_of", "no poll in " + rel + " had ended its fieldwork by then");
    if (s.estimate_house_effects) {  // with fewer than two repeat pollsters nothing is estimated
      std::map<std::string, int> count;
      for (const models::Poll& p : polls)
        if (!s.house_effects.count(p.pollster)) ++count[p.pollster];
      const auto repeat =
          std::count_if(count.begin(), count.end(), [](const auto& c) { return c.second >= 2; });
      if (repeat < 2 && !estimate)
        s.estimate_house_effects = false;  // the trend's default
      else if (repeat < 2)
        m.fail("estimate_house_effects",
               "needs at least two pollsters with two or more polls each (without given "
               "effects) in " +
                   rel + "; it has " + std::to_string(repeat) +
                   ": remove this line, or give the effects in [model.house_effects]");
    }
    if (house)  // a misspelt pollster must not be silently ignored
      for (const auto& entry : s.house_effects)
        if (std::none_of(polls.begin(), polls.end(),
                         [&](const models::Poll& p) { return p.pollster == entry.first; }))
          house->fail(entry.first,
                      std::string("no poll in ").append(rel).append(" is by this pollster"));
    // Every option needs polls or a prior share, never both (names, not indices).
    for (std::size_t i = 0; i < ballot.size(); ++i) {
      const auto reported = std::count_if(polls.begin(), polls.end(), [&](const models::Poll& p) {
        return p.percent[i].has_value();
      });
      const std::string option =
          "option '" + ballot[i].id + "'" +
          (ballot[i].name != ballot[i].id ? " (" + ballot[i].name + ")" : "");
      if (reported == 0 && !s.priors.count(static_cast<int>(i)))
        throw InputError(
            csv_path, 1, ballot[i].id,
            option + " is reported by no poll (every cell of its column is empty): " +
                "give it a prior share in the scenario's [model.prior_percent], e.g. " +
                ballot[i].id + " = 1.5, with prior_sigma");
      if (reported > 0 && s.priors.count(static_cast<int>(i)))
        m.table("prior_percent")
            .fail(ballot[i].id, option + " is reported by " + std::to_string(reported) +
                                    " poll(s) in " + rel +
                                    ": a prior share is only for an option no poll reports");
      if (house && s.priors.count(static_cast<int>(i)))
        for (const auto& entry : s.house_effects)
          if (house->table(entry.first).has(ballot[i].id))
            house->table(entry.first)
                .fail(ballot[i].id, "no poll reports this option (it has a prior share)");
    }
    try {
      if (dynamic) {
        models::PollTrendSettings ts;
        ts.poll = s;
        ts.election_day = election->time_since_epoch().count();
        if (auto d = m.optional_real("drift")) {
          if (*d < 0 || *d > 1) m.fail("drift", "a daily log-scale sd from 0 to 1");
          ts.drift = *d;
        }
        models::PollTrend trend =
            models::fit_poll_trend(polls, static_cast<int>(ballot.size()), ts);
        models::VoteModel model = models::to_vote_model(trend.forecast);
        models::PollAverage avg = trend.forecast;
        return {type,
                std::move(model),
                std::move(avg),
                total,
                std::move(trend),
                std::move(polls),
                std::move(notes)};
      }
      models::PollAverage avg = models::average_polls(polls, static_cast<int>(ballot.size()), s);
      models::VoteModel model = models::to_vote_model(avg);
      return {type, std::move(model), std::move(avg), total, std::nullopt, {}, std::move(notes)};
    } catch (const std::invalid_argument& e) {
      throw InputError(csv_path, 0, "", e.what());
    }
  }

  m.fail("type", "unknown model type '" + type +
                     "' (expected dirichlet, logistic-normal, polls or polls-dynamic)");
}

std::vector<int> option_ids(const TomlTable& t, std::string_view key, const Ballot& ballot);

// Which table a rule is read from: the older [body.list_tier], a filter stage (a
// threshold and no method) or an allocate stage (a method and an optional threshold).
enum class RuleUse { list_tier, filter, allocate };

ListTierConfig read_list_tier(const TomlTable& t, const Ballot& ballot,
                              RuleUse use = RuleUse::list_tier) {
  if (use == RuleUse::list_tier)
    t.only({"seats", "method", "threshold", "threshold_base", "threshold_strict", "first_divisor",
            "tie_rule", "runner_up", "registered_voters", "alliance_thresholds", "alliance_members",
            "exempt", "alternative_district_seats"});
  ListTierConfig c;
  // A stage's seats are checked where the stage is read (magnitudes in areas).
  if (use == RuleUse::list_tier) {
    const std::int64_t seats = t.integer("seats");
    if (seats < 1 || seats > kMaxSeats) t.fail("seats", "must be from 1 to 10000");
    c.seats = static_cast<int>(seats);
  }
  if (use != RuleUse::filter) {
    std::string method = t.string("method");
    // Plurality: the most votes take the area's one seat; D'Hondt with one seat is
    // exactly that, among the lists its filters admit.
    if (method == "plurality") method = "dhondt";
    const auto m = parse_method(method);
    if (!m) t.fail("method", unknown_name("method", method, method_names()));
    c.method = *m;
  }
  c.first_divisor = t.optional_real("first_divisor").value_or(1.4);
  if (c.first_divisor <= 0 || c.first_divisor > 100) t.fail("first_divisor", "must be in (0, 100]");
  if (t.has("first_divisor") && c.method != Method::modified_sainte_lague)
    t.fail("first_divisor", "only used with method = \"modified-sainte-lague\": remove this line");
  double threshold = 0;
  if (const toml::node* th = t.node("threshold"); th && th->is_string()) {
    if (use == RuleUse::list_tier || *th->value<std::string>() != "quota")
      t.fail("threshold", "expected a share (5% is 0.05)" +
                              std::string(use == RuleUse::list_tier ? "" : " or \"quota\""));
    c.quota_threshold = true;
  } else {
    threshold = t.optional_real("threshold").value_or(0.0);
  }
  if (threshold < 0 || threshold > 1)
    t.fail("threshold", "must be a share from 0 to 1 (5% is 0.05)");
  // Alliance thresholds by member count from 1, the last repeating; the first is the
  // single-party threshold.
  std::vector<double> alliance;
  if (const toml::node* n = t.node("alliance_thresholds")) {
    const toml::array* arr = n->as_array();
    if (!arr || arr->empty())
      t.fail("alliance_thresholds", "expected shares by member count, e.g. [0.05, 0.08, 0.11]");
    for (const auto& e : *arr) {
      const auto x = e.value<double>();
      if (!x || !(*x >= 0 && *x <= 1))
        t.fail("alliance_thresholds", "every entry must be a share from 0 to 1 (5% is 0.05)");
      alliance.push_back(*x);
    }
    const Fraction single = decimal_fraction(threshold), first = decimal_fraction(alliance[0]);
    if (t.has("threshold") && single.num * first.den != first.num * single.den)
      t.fail("alliance_thresholds",
             "the first share is the single-party threshold and differs from 'threshold'");
    threshold = alliance[0];
  }
  const std::string base = t.optional_string("threshold_base").value_or("valid");
  const auto b = parse_threshold_base(base);
  if (!b)
    t.fail("threshold_base",
           "unknown base '" + base + "' (expected valid, parties, cast, registered)");
  const auto registered = t.optional_integer("registered_voters");
  // A stage may instead take each area's roll (the areas files' `registered` column);
  // read_stages checks that the level gives one.
  const bool rolls = *b == ThresholdBase::registered && !registered && use != RuleUse::list_tier;
  if (*b == ThresholdBase::registered && !rolls) {
    if (!registered) t.fail("registered_voters", "required with threshold_base = \"registered\"");
    if (*registered < 1 || *registered > 1'000'000'000'000LL)
      t.fail("registered_voters", "must be from 1 to 10^12");
  } else if (registered) {
    t.fail("registered_voters", "only with threshold_base = \"registered\"");
  }
  const bool strict = t.optional_bool("threshold_strict").value_or(false);
  c.threshold = rolls ? Threshold::registered_in_areas(threshold, strict)
                      : Threshold(threshold, *b, strict, registered.value_or(0));
  if (!alliance.empty()) c.threshold.set_alliance_shares(alliance);
  if (auto members = t.optional_table("alliance_members")) {  // option id = member parties
    c.members.assign(ballot.size(), 1);
    for (const auto& entry : members->raw()) {
      const std::string id(entry.first.str());
      const auto idx = find_option(ballot, id);
      if (!idx || !wins_list_seats(ballot[*idx].kind))
        members->fail(id, "'" + id + "' is not a party option");
      const std::int64_t k = members->integer(id);
      if (k < 1 || k > 1000) members->fail(id, "member parties must be from 1 to 1000");
      c.members[*idx] = static_cast<int>(k);
    }
    // Member counts only choose a line among alliance_thresholds: without them every
    // list would face the single-party threshold, which is not what was written.
    if (alliance.empty())
      members->fail("",
                    "alliance_members needs alliance_thresholds in the same table (the "
                    "threshold by member count, e.g. alliance_thresholds = [0.05, 0.08, "
                    "0.11]); without them every list faces the single-party threshold");
  }
  if (t.has("exempt")) {  // lists exempt from the threshold (national minorities)
    c.exempt.assign(ballot.size(), 0);
    for (int o : option_ids(t, "exempt", ballot)) {
      if (!wins_list_seats(ballot[o].kind))
        t.fail("exempt", "'" + ballot[o].id + "' is not a party option");
      c.exempt[o] = 1;
    }
  }
  if (auto alt = t.optional_integer("alternative_district_seats")) {
    if (*alt < 1 || *alt > kMaxSeats)
      t.fail("alternative_district_seats", "must be from 1 to 10000");
    c.alternative_district_seats = static_cast<int>(*alt);
  }
  if (use == RuleUse::filter) return c;
  const std::string tie = t.optional_string("tie_rule").value_or("registration-order");
  const auto tr = parse_tie_rule(tie);
  if (!tr) t.fail("tie_rule", unknown_name("tie rule", tie, tie_rule_names()));
  c.tie_rule = *tr;
  if (auto ru = t.optional_table("runner_up")) {
    ru->only({"coefficient", "min_seats"});
    const double coef = ru->real("coefficient");
    if (coef <= 0 || coef > 1) ru->fail("coefficient", "must be in (0, 1]");
    const std::int64_t min = ru->integer("min_seats");
    if (min < 0 || (use == RuleUse::list_tier && min > c.seats))
      ru->fail("min_seats", "must be from 0 to the tier's seats");
    c.runner_up.emplace(coef, static_cast<int>(min));
  }
  return c;
}

// An array of option ids, e.g. members = ["a", "b"].
std::vector<int> option_ids(const TomlTable& t, std::string_view key, const Ballot& ballot) {
  const toml::node* n = t.node(key);
  const toml::array* arr = n ? n->as_array() : nullptr;
  if (!arr || arr->empty()) t.fail(key, "expected a non-empty array of option ids");
  std::vector<int> out;
  for (const auto& e : *arr) {
    const auto id = e.value<std::string_view>();
    const auto idx = id ? find_option(ballot, *id) : std::nullopt;
    if (!idx)
      t.fail(key, "expected ballot option ids; '" + std::string(id.value_or("?")) + "' is not one");
    if (std::find(out.begin(), out.end(), *idx) != out.end())
      t.fail(key, "an option appears twice");
    out.push_back(*idx);
  }
  return out;
}

// Districts and their candidates' baseline shares from a CSV: columns `district`,
// `region`, one column per standing option (percent; empty = no candidate there).
std::vector<District> read_districts(const std::string& path, const Ballot& ballot,
                                     const std::vector<std::string>& ignore) {
  const CsvTable csv = read_csv(path);
  const int dcol = csv.require("district");
  const int rcol = csv.require("region");
  std::vector<std::pair<int, int>> cols;  // (column, option)
  for (std::size_t c = 0; c < csv.header.size(); ++c) {
    const std::string& h = csv.header[c];
    if (static_cast<int>(c) == dcol || static_cast<int>(c) == rcol ||
        std::find(ignore.begin(), ignore.end(), h) != ignore.end())
      continue;
    const auto idx = find_option(ballot, h);
    if (!idx)
      throw InputError(path, 1, h,
                       "column is not a ballot option (list it in ignore_columns to skip it)");
    cols.emplace_back(static_cast<int>(c), *idx);
  }
  if (csv.rows.empty()) throw InputError(path, 0, "", "no districts after the header");
  std::vector<District> out;
  for (const CsvRow& row : csv.rows) {
    if (static_cast<std::int64_t>(out.size()) == kMaxDistricts)
      throw InputError(path, row.line, "district",
                       "more than " + std::to_string(kMaxDistricts) + " districts in one tier");
    District d;
    d.id = row.fields[dcol];
    d.region = row.fields[rcol];
    if (d.id.empty()) throw InputError(path, row.line, "district", "empty district id");
    double sum = 0;
    std::string summed;  // the columns added up, for the message
    int standing = 0;
    for (auto [c, o] : cols) {
      const std::string& text = row.fields[c];
      if (text.empty()) continue;
      const auto v = parse_real(text);
      if (!v) throw InputError(path, row.line, csv.header[c], "'" + text + "' is not a number");
      if (*v <= 0 || *v >= 100)
        throw InputError(path, row.line, csv.header[c],
                         "a baseline share must be between 0 and 100 percent");
      sum += *v;
      summed.append(summed.empty() ? "" : "+").append(csv.header[c]);
      d.candidates.push_back({o, *v / 100});
      const OptionKind k = ballot[o].kind;
      standing += k == OptionKind::party || k == OptionKind::independent;
    }
    if (standing == 0) throw InputError(path, row.line, "", "no candidate stands in this district");
    if (const auto problem = percent_sum_problem(sum, PercentSum::partial))
      throw InputError(path, row.line, summed, *problem);
    out.push_back(std::move(d));
  }
  return out;
}

DistrictTierConfig read_district_tier(const TomlTable& t, const Ballot& ballot,
                                      const std::string& file, bool stage = false) {
  if (stage)
    t.only({"type", "id", "file", "swing", "noise_sd", "region_correlation", "independent_sd",
            "ignore_columns"});
  else
    t.only({"file", "swing", "noise_sd", "region_correlation", "independent_sd", "ignore_columns"});
  DistrictTierConfig c;
  c.source = t.string("file");
  c.swing = read_swing(t, SwingModel::logit_additive);
  c.noise_sd = t.optional_real("noise_sd").value_or(0);
  if (c.noise_sd < 0 || c.noise_sd > 10) t.fail("noise_sd", "must be from 0 to 10");
  c.region_correlation = t.optional_real("region_correlation").value_or(0);
  if (c.region_correlation < 0 || c.region_correlation > 1)
    t.fail("region_correlation", "must be from 0 to 1");
  c.independent_sd = t.optional_real("independent_sd").value_or(0);
  if (c.independent_sd < 0 || c.independent_sd > 10)
    t.fail("independent_sd", "must be from 0 to 10");
  std::vector<std::string> ignore;
  if (const toml::node* ig = t.node("ignore_columns")) {
    const toml::array* arr = ig->as_array();
    if (!arr) t.fail("ignore_columns", "expected an array of column names");
    for (const auto& e : *arr) {
      if (!e.is_string()) t.fail("ignore_columns", "expected column names (strings)");
      ignore.emplace_back(*e.value<std::string_view>());
    }
  }
  c.districts = read_districts(data_file(t, "file", file), ballot, ignore);
  return c;
}

RegionalElectorate read_electorate(const TomlTable& t, const Ballot& ballot) {
  t.only({"total_votes", "swing", "noise_sd", "percent"});
  RegionalElectorate e;
  const std::int64_t total = t.integer("total_votes");
  if (total <= 0 || total > kMaxVotes)
    t.fail("total_votes", "must be a whole number from 1 to 10^12");
  e.total_votes = total;
  e.swing = read_swing(t, SwingModel::logit_additive);
  e.noise_sd = t.optional_real("noise_sd").value_or(0);
  if (e.noise_sd < 0 || e.noise_sd > 10) t.fail("noise_sd", "must be from 0 to 10");
  const TomlTable pct = t.table("percent");
  e.baseline = per_option(pct, ballot, true, 0);
  double sum = 0;
  for (std::size_t i = 0; i < ballot.size(); ++i) {
    if (e.baseline[i] < 0 || e.baseline[i] >= 100)
      pct.fail(ballot[i].id, "must be from 0 to under 100");
    if (e.baseline[i] > 0 && ballot[i].kind == OptionKind::independent)
      pct.fail(ballot[i].id, "independents have no list vote");
    sum += e.baseline[i];
    e.baseline[i] /= 100;
  }
  if (const auto problem = percent_sum_problem(sum, PercentSum::partial)) pct.fail("", *problem);
  return e;
}

PartyList read_list(const TomlTable& t) {
  t.only({"option", "length", "group_share", "women_share", "candidates"});
  try {
    if (const toml::node* c = t.node("candidates")) {
      const toml::array* arr = c->as_array();
      if (!arr)
        t.fail("candidates", "expected an array of flag strings, e.g. [\"w\", \"-\", \"yd\"]");
      std::vector<std::string> flags;
      for (const auto& e : *arr) {
        if (!e.is_string()) t.fail("candidates", "expected strings of flags w, y, d or \"-\"");
        flags.emplace_back(*e.value<std::string_view>());
      }
      return PartyList::from_flags(flags);
    }
    const std::int64_t length = t.integer("length");
    if (length < 0 || length > kMaxSeats * 10) t.fail("length", "must be from 0 to 100000");
    const double group = t.optional_real("group_share").value_or(0);
    const double women = t.optional_real("women_share").value_or(0);
    if (group < 0 || group > 1) t.fail("group_share", "must be a share from 0 to 1");
    if (women < 0 || women > group)
      t.fail("women_share", "must be from 0 to group_share (women are group members)");
    return PartyList::generate(static_cast<int>(length), group, women);
  } catch (const std::invalid_argument& e) {
    t.fail("candidates", e.what());
  }
}

// A list of names, written as one string or an array of strings (filter = "p3" or
// filters = ["nat", "p3"]).
std::vector<std::string> names(const TomlTable& t, std::string_view key) {
  std::vector<std::string> out;
  const toml::node* n = t.node(key);
  if (!n) return out;
  if (n->is_string()) return {*n->value<std::string>()};
  const toml::array* arr = n->as_array();
  if (!arr || arr->empty()) t.fail(key, "expected a name or an array of names");
  for (const auto& e : *arr) {
    if (!e.is_string()) t.fail(key, "expected names (strings)");
    out.push_back(*e.value<std::string>());
  }
  return out;
}

// bonus = { kind = "schedule" | "fixed" | "majority", from, seats, step, step_seats, max,
// majority, base }: shares as fractions (0.25), held in millionths.
void read_bonus(const TomlTable& b, AllocateConfig& a) {
  b.only({"kind", "from", "seats", "step", "step_seats", "max", "majority", "base"});
  if (a.level.size() > 0) b.fail("kind", "a bonus is for a national allocation (no level)");
  BonusRule r;
  const std::string kind = b.optional_string("kind").value_or("schedule");
  if (kind == "schedule") {
    r.kind = BonusRule::Kind::schedule;
  } else if (kind == "fixed") {
    r.kind = BonusRule::Kind::fixed;
  } else if (kind == "majority") {
    r.kind = BonusRule::Kind::majority;
  } else {
    b.fail("kind", unknown_name("bonus kind", kind, {"schedule", "fixed", "majority"}));
  }
  const auto micro = [&](const char* key, double fallback) {
    const double x = b.optional_real(key).value_or(fallback);
    if (!(x >= 0 && x <= 1)) b.fail(key, "must be a share from 0 to 1 (25% is 0.25)");
    return static_cast<std::int64_t>(std::llround(x * 1e6));
  };
  const auto count = [&](const char* key, bool required) {
    if (!required && !b.has(key)) return 0;
    const std::int64_t n = b.integer(key);
    if (n < 1 || n > kMaxSeats) b.fail(key, "must be from 1 to 10000");
    return static_cast<int>(n);
  };
  const bool majority = r.kind == BonusRule::Kind::majority;
  for (const char* key : {"seats", "step", "step_seats", "max"})
    if (majority && b.has(key)) b.fail(key, "not a setting of kind = \"majority\"");
  if (!majority && b.has("majority")) b.fail("majority", "only with kind = \"majority\"");
  r.from = micro("from", 0);
  if (majority) {
    r.majority = micro("majority", 0);
    if (r.majority <= 500000) b.fail("majority", "must be a share above 0.5");
  } else {
    r.seats = count("seats", true);
  }
  if (r.kind == BonusRule::Kind::schedule) {
    r.step = micro("step", 0);
    if (r.step <= 0) b.fail("step", "required: the share each further step of the schedule takes");
    r.step_seats = count("step_seats", false);
    if (r.step_seats == 0) r.step_seats = 1;
    r.max = count("max", true);
    if (r.max < r.seats) b.fail("max", "must be at least seats: the schedule must not fall");
  } else {
    for (const char* key : {"step", "step_seats", "max"})
      if (b.has(key)) b.fail(key, "only with kind = \"schedule\"");
  }
  if (a.seats > 0) {
    if (r.seats > a.seats || r.max > a.seats)
      b.fail(r.max > a.seats ? "max" : "seats",
             "more than the " + std::to_string(a.seats) + " seats allocated");
  }
  const std::string base = b.optional_string("base").value_or("parties");
  const auto tb = parse_threshold_base(base);
  if (!tb || *tb == ThresholdBase::registered)
    b.fail("base", unknown_name("bonus base", base, {"valid", "parties", "cast"}));
  a.bonus_base = *tb;
  a.bonus = r;
}

// agreements = [["a", "b"], ...]: surplus-vote agreements between pairs of party lists.
std::vector<std::array<int, 2>> read_agreements(const TomlTable& t, const Ballot& ballot) {
  std::vector<std::array<int, 2>> out;
  const toml::array* arr = t.node("agreements")->as_array();
  if (!arr) t.fail("agreements", "expected pairs of option ids, e.g. [[\"a\", \"b\"]]");
  std::set<int> seen;
  for (const auto& e : *arr) {
    const toml::array* pair = e.as_array();
    if (!pair || pair->size() != 2 || !(*pair)[0].is_string() || !(*pair)[1].is_string())
      t.fail("agreements", "expected pairs of option ids, e.g. [[\"a\", \"b\"]]");
    std::array<int, 2> p{};
    for (int k = 0; k < 2; ++k) {
      const std::string id = *(*pair)[k].value<std::string>();
      const auto o = find_option(ballot, id);
      if (!o) t.fail("agreements", "'" + id + "' is not an option of the ballot");
      if (!wins_list_seats(ballot[*o].kind))
        t.fail("agreements", "'" + id + "' is not a party list");
      if (!seen.insert(*o).second) t.fail("agreements", "'" + id + "' is in two agreements");
      p[k] = *o;
    }
    out.push_back(p);
  }
  return out;
}

// A compensate stage: the house, its method and overhang policy, the national filters
// that admit lists, the earlier tiers it compensates, and where its seats go.
template <class LevelOf>
CompensateConfig read_compensate(const TomlTable& t, const std::string& id,
                                 const std::vector<std::string>& tiers,
                                 const std::vector<std::string>& filters,
                                 const std::vector<std::string>& filter_levels,
                                 const LevelOf& level_of) {
  t.only({"type", "id", "seats", "method", "first_divisor", "tie_rule", "filter", "filters",
          "against", "overhang", "max_seats", "level", "distribute", "distribute_method",
          "distribute_prior", "seats_per_area", "area_results", "minimum", "uncompensated"});
  CompensateConfig c;
  c.id = id;
  const std::int64_t seats = t.integer("seats");
  if (seats < 1 || seats > kMaxSeats) t.fail("seats", "must be from 1 to 10000");
  c.rule.seats = static_cast<int>(seats);
  const auto method = [&](const char* key, const std::string& fallback) {
    const std::string m = t.optional_string(key).value_or(fallback);
    const auto parsed = parse_method(m);
    if (!parsed) t.fail(key, unknown_name("method", m, method_names()));
    return *parsed;
  };
  c.rule.method = method("method", t.string("method"));
  c.rule.first_divisor = t.optional_real("first_divisor").value_or(1.4);
  if (c.rule.first_divisor <= 0 || c.rule.first_divisor > 100)
    t.fail("first_divisor", "must be in (0, 100]");
  if (t.has("first_divisor") && c.rule.method != Method::modified_sainte_lague)
    t.fail("first_divisor", "only used with method = \"modified-sainte-lague\": remove this line");
  const std::string tie = t.optional_string("tie_rule").value_or("registration-order");
  const auto tr = parse_tie_rule(tie);
  if (!tr) t.fail("tie_rule", unknown_name("tie rule", tie, tie_rule_names()));
  c.rule.tie_rule = *tr;
  const std::string policy = t.string("overhang");
  const auto p = parse_overhang_policy(policy);
  if (!p) t.fail("overhang", unknown_name("overhang policy", policy, overhang_policy_names()));
  c.rule.policy = *p;
  if (auto m = t.optional_integer("max_seats")) {
    if (c.rule.policy != OverhangPolicy::level)
      t.fail("max_seats", "only with overhang = \"level\" (the house it may grow to)");
    if (*m < seats || *m > kMaxSeats) t.fail("max_seats", "must be from seats to 10000");
    c.rule.max_seats = static_cast<int>(*m);
  }
  if (t.has("filter") && t.has("filters")) t.fail("filters", "give filter or filters");
  if (t.has("filter") || t.has("filters")) {
    const char* key = t.has("filter") ? "filter" : "filters";
    c.filters = names(t, key);
    for (const std::string& f : c.filters) {
      const auto it = std::find(filters.begin(), filters.end(), f);
      if (it == filters.end()) t.fail(key, "no filter '" + f + "' before this stage");
      if (!filter_levels[it - filters.begin()].empty())
        t.fail(key, "filter '" + f + "' is in areas; a compensation admits lists nationally");
    }
  }
  c.against = names(t, "against");
  for (const std::string& a : c.against)
    if (std::find(tiers.begin(), tiers.end(), a) == tiers.end())
      t.fail("against", "no tier '" + a + "' before this stage");
  c.level = level_of(t);
  const std::string distribute =
      t.optional_string("distribute").value_or(c.level.empty() ? "none" : "");
  const std::vector<std::string> kinds{"none", "list-seats", "entitlement", "leveling"};
  const auto kind = std::find(kinds.begin(), kinds.end(), distribute);
  if (kind == kinds.end())
    t.fail("distribute",
           distribute.empty()
               ? std::string("required with level: list-seats, entitlement or leveling")
               : unknown_name("distribute", distribute, kinds));
  c.distribute = static_cast<Distribute>(kind - kinds.begin());  // in the enum's order
  if (c.distribute == Distribute::none && !c.level.empty())
    t.fail("distribute",
           "a level needs distribute = \"list-seats\", \"entitlement\" or \"leveling\"");
  if (auto k = t.optional_integer("seats_per_area")) {
    if (c.distribute != Distribute::leveling)
      t.fail("seats_per_area", "only with distribute = \"leveling\" (each area's leveling seats)");
    if (*k < 1 || *k > kMaxSeats) t.fail("seats_per_area", "must be from 1 to 10000");
    c.seats_per_area = static_cast<int>(*k);
  } else if (c.distribute == Distribute::leveling) {
    t.fail("seats_per_area", "required with distribute = \"leveling\": each area's leveling seats");
  }
  if (c.distribute != Distribute::none && c.level.empty())
    t.fail("distribute", "seats are distributed to the areas of a level: give `level`");
  if (c.distribute == Distribute::entitlement && c.rule.policy != OverhangPolicy::cap)
    t.fail("distribute", "entitlement is split to areas under overhang = \"cap\" only");
  c.distribute_method = method("distribute_method", std::string(to_string(c.rule.method)));
  if (auto p = t.optional_bool("distribute_prior")) {
    if (c.distribute != Distribute::list_seats)
      t.fail("distribute_prior", "only with distribute = \"list-seats\"");
    if (*p && is_largest_remainder(c.distribute_method))
      t.fail("distribute_prior",
             "earlier seats start the divisors of a divisor method: give "
             "distribute_method a divisor method");
    c.distribute_prior = *p;
  }
  if (t.has("distribute_method") && c.distribute == Distribute::none)
    t.fail("distribute_method", "only with distribute: remove this line");
  if (auto m = t.optional_string("minimum")) {
    if (*m != "contingents") t.fail("minimum", unknown_name("minimum", *m, {"contingents"}));
    if (c.rule.policy != OverhangPolicy::level || c.distribute != Distribute::list_seats)
      t.fail("minimum",
             "only with overhang = \"level\" and distribute = \"list-seats\" (the "
             "contingents are the seats of the level's areas)");
    if (is_largest_remainder(c.distribute_method))
      t.fail("minimum",
             "the seats go to the areas from each list's minimums by a divisor "
             "method: give distribute_method a divisor method");
    c.contingent_minimum = true;
  }
  if (auto u = t.optional_integer("uncompensated")) {
    if (!c.contingent_minimum)
      t.fail("uncompensated",
             "only with minimum = \"contingents\" (the overhang a party's "
             "contingents leave it may stay uncompensated)");
    if (*u < 0 || *u > kMaxSeats) t.fail("uncompensated", "must be from 0 to 10000");
    c.rule.uncompensated = static_cast<int>(*u);
  }
  c.area_results = t.optional_bool("area_results").value_or(false);
  if (c.area_results && c.level.empty())
    t.fail("area_results", "only where seats are distributed to a level's areas");
  return c;
}

// [[body.stages]]: filters, allocations and districts in the order they run. Names of
// levels, tiers and filters are checked here, with the line, against what comes before.
std::vector<StageConfig> read_stages(const TomlTable& body, const Ballot& ballot,
                                     const std::vector<AreaLevelConfig>& levels,
                                     const std::string& file) {
  std::vector<StageConfig> out;
  std::vector<std::string> tiers, filters;
  std::vector<std::string> filter_levels;
  std::set<std::string> ids;
  const auto level_of = [&](const TomlTable& t) {
    const std::string l = t.optional_string("level").value_or("");
    if (l.empty()) return l;
    for (const auto& lv : levels)
      if (lv.id == l) return l;
    t.fail("level", "no level '" + l + "' in this body (its [[body.levels]])");
  };
  const auto alternative = [&](const TomlTable& t, ListTierConfig& rule) {
    std::string tier;
    if (auto a = t.optional_table("alternative")) {
      a->only({"tier", "seats"});
      tier = a->string("tier");
      if (std::find(tiers.begin(), tiers.end(), tier) == tiers.end())
        a->fail("tier", "no tier '" + tier + "' before this stage");
      const std::int64_t n = a->integer("seats");
      if (n < 1 || n > kMaxSeats) a->fail("seats", "must be from 1 to 10000");
      rule.alternative_district_seats = static_cast<int>(n);
    }
    return tier;
  };
  // threshold_base = "registered" without registered_voters: each area's roll, so the
  // stage's level (any level at the nation) needs an areas file with `registered`.
  const auto need_rolls = [&](const TomlTable& t, const ListTierConfig& rule,
                              const std::string& level) {
    if (!rule.threshold.registered_from_areas()) return;
    const AreaLevelConfig* lv = nullptr;
    for (const auto& l : levels)
      if (level.empty() ? l.has_registered : l.id == level) {
        lv = &l;
        break;
      }
    if (!lv && level.empty())
      t.fail("registered_voters",
             levels.empty() ? "required with threshold_base = \"registered\" (the body has no "
                              "levels whose areas give registered voters)"
                            : "required with threshold_base = \"registered\", or a `registered` "
                              "column in the areas file of one of the body's levels");
    if (!lv->has_registered)
      throw InputError(lv->areas_file, 1, "registered",
                       "missing column: stage '" + t.string("id") + "' (" + t.file() + ":" +
                           std::to_string(t.line_of("threshold_base")) +
                           ") takes its threshold base from each area's registered voters; give "
                           "them here or registered_voters in the stage");
  };
  const auto filter_names = [&](const TomlTable& t, std::string_view key) {
    std::vector<std::string> fs = names(t, key);
    for (const std::string& f : fs)
      if (std::find(filters.begin(), filters.end(), f) == filters.end())
        t.fail(key, "no filter '" + f + "' before this stage");
    return fs;
  };
  for (const TomlTable& t : table_array(body, "stages", true)) {
    const std::string type = t.string("type");
    const std::string id = t.string("id");
    if (!is_identifier(id)) t.fail("id", "'" + id + "' is not an identifier");
    if (!ids.insert(id).second) t.fail("id", "stage '" + id + "' appears twice");
    if (type == "filter") {
      t.only({"type", "id", "level", "threshold", "threshold_base", "threshold_strict",
              "registered_voters", "alliance_thresholds", "alliance_members", "exempt",
              "alternative", "after", "seats"});
      FilterConfig f;
      f.id = id;
      f.level = level_of(t);
      f.rule = read_list_tier(t, ballot, RuleUse::filter);
      need_rolls(t, f.rule, f.level);
      if (auto a = t.optional_table("alternative"); a && a->has("filter")) {
        // "4% nationally or 12% in a constituency, then there only" (Sweden): the lists
        // an earlier filter admitted pass here too.
        a->only({"filter"});
        f.alternative_filter = a->string("filter");
        if (std::find(filters.begin(), filters.end(), f.alternative_filter) == filters.end())
          a->fail("filter", "no filter '" + f.alternative_filter + "' before this stage");
      } else {
        f.alternative_tier = alternative(t, f.rule);
      }
      f.after = filter_names(t, "after");
      if (auto n = t.optional_integer("seats")) {
        if (!f.rule.quota_threshold) t.fail("seats", "only with threshold = \"quota\"");
        if (!f.level.empty())
          t.fail("seats", "a quota in areas is of each area's magnitude: remove this line");
        if (*n < 1 || *n > kMaxSeats) t.fail("seats", "must be from 1 to 10000");
        f.quota_seats = static_cast<int>(*n);
      } else if (f.rule.quota_threshold && f.level.empty()) {
        t.fail("seats", "a quota at the nation needs the seats it is a quota of");
      }
      filters.push_back(id);
      filter_levels.push_back(f.level);
      out.emplace_back(std::move(f));
    } else if (type == "allocate") {
      t.only({"type",
              "id",
              "level",
              "seats",
              "method",
              "first_divisor",
              "tie_rule",
              "runner_up",
              "threshold",
              "threshold_base",
              "threshold_strict",
              "registered_voters",
              "alliance_thresholds",
              "alliance_members",
              "exempt",
              "alternative",
              "filter",
              "filters",
              "area_results",
              "ballot",
              "reserve",
              "bonus",
              "agreements",
              "prior",
              "fragments"});
      AllocateConfig a;
      a.id = id;
      a.level = level_of(t);
      a.rule = read_list_tier(t, ballot, RuleUse::allocate);
      need_rolls(t, a.rule, a.level);
      a.district = t.string("method") == "plurality";
      if (a.level.empty()) {
        const std::int64_t n = t.integer("seats");
        if (n < 1 || n > kMaxSeats) t.fail("seats", "must be from 1 to 10000");
        a.seats = static_cast<int>(n);
      } else if (t.has("seats")) {
        t.fail("seats", "an allocation in areas gives each area its magnitude: remove this line");
      }
      for (const auto& lv : levels)
        if (lv.id == a.level && !lv.seats &&
            std::all_of(lv.areas.begin(), lv.areas.end(),
                        [](const Area& ar) { return ar.magnitude == 0; }))
          t.fail("level",
                 "level '" + lv.id + "' has no magnitudes (no `seats` in " + lv.areas_file + ")");
      if (a.district && !a.level.empty()) {
        for (const auto& lv : levels) {
          if (lv.id != a.level) continue;
          if (lv.seats && lv.seats->by == AreaSize::votes)
            t.fail("method", "plurality needs single-member areas; level '" + lv.id +
                                 "' computes its magnitudes from the votes");
          for (const Area& ar : lv.areas)
            if (ar.magnitude != 1)
              t.fail("method", "plurality needs single-member areas; area '" + ar.id +
                                   "' of level '" + lv.id + "' has " +
                                   std::to_string(ar.magnitude) + " seats");
        }
      }
      if (a.district && a.level.empty() && a.seats != 1)
        t.fail("method", "plurality at the nation needs seats = 1");
      if (t.has("filter") && t.has("filters")) t.fail("filters", "give filter or filters");
      a.filters = filter_names(t, t.has("filter") ? "filter" : "filters");
      a.alternative_tier = alternative(t, a.rule);
      a.area_results = t.optional_bool("area_results").value_or(false);
      if (auto b = t.optional_table("bonus")) read_bonus(*b, a);
      if (t.has("agreements")) a.agreements = read_agreements(t, ballot);
      if (t.has("prior")) {
        for (const char* k : {"runner_up", "bonus", "agreements"})
          if (t.has(k)) t.fail(k, "not with prior (the seats won before are the divisors' start)");
        a.prior = names(t, "prior");
        for (const std::string& p : a.prior)
          if (std::find(tiers.begin(), tiers.end(), p) == tiers.end())
            t.fail("prior", "no tier '" + p + "' before this stage");
        if (is_largest_remainder(a.rule.method) || a.district)
          t.fail("prior", "seats won before start the divisors of a divisor method; method '" +
                              std::string(t.string("method")) + "' has none");
      }
      if (auto f = t.optional_string("fragments")) {
        if (std::find(tiers.begin(), tiers.end(), *f) == tiers.end())
          t.fail("fragments", "no tier '" + *f + "' before this stage");
        if (!a.level.empty())
          t.fail("fragments", "fragment votes add to the national votes: a national allocation");
        // The law's threshold is of the list votes: a filter before this stage reads them.
        for (const char* k :
             {"threshold", "runner_up", "alternative", "bonus", "agreements", "prior"})
          if (t.has(k))
            t.fail(k,
                   "not with fragments (these votes include them): put a threshold in a "
                   "filter stage before this one");
        a.fragments = *f;
      }
      if (auto r = t.optional_integer("reserve")) {
        if (a.level.empty()) t.fail("reserve", "seats are held back in the areas of a level");
        if (*r < 1 || *r > kMaxSeats) t.fail("reserve", "must be from 1 to 10000");
        for (const auto& lv : levels)
          if (lv.id == a.level)
            for (const Area& ar : lv.areas)
              if (!lv.seats && ar.magnitude <= *r)
                t.fail("reserve", "area '" + ar.id + "' has " + std::to_string(ar.magnitude) +
                                      " seats: nothing would be left to allocate");
        a.reserve = static_cast<int>(*r);
      }
      if (auto b = t.optional_string("ballot")) {
        if (*b != "list" && *b != "candidate")
          t.fail("ballot", unknown_name("ballot", *b, {"list", "candidate"}));
        a.candidate = *b == "candidate";
        if (a.candidate && a.level.empty())
          t.fail("ballot", "candidate votes are cast in the areas of a level: give `level`");
        for (const auto& lv : levels)
          if (lv.id == a.level && a.candidate) {
            const bool drawn = std::any_of(lv.areas.begin(), lv.areas.end(),
                                           [](const Area& ar) { return !ar.baseline.empty(); });
            const bool cands = std::any_of(lv.areas.begin(), lv.areas.end(), [](const Area& ar) {
              return !ar.candidate_baseline.empty();
            });
            if (drawn && !cands)
              t.fail("ballot", "level '" + lv.id +
                                   "' has no candidate votes in its baseline (rows of ballot "
                                   "candidate)");
          }
      }
      if (a.area_results && a.level.empty())
        t.fail("area_results", "only for an allocation in the areas of a level");
      tiers.push_back(id);
      out.emplace_back(std::move(a));
    } else if (type == "compensate") {
      out.emplace_back(read_compensate(t, id, tiers, filters, filter_levels, level_of));
      tiers.push_back(id);
    } else if (type == "districts") {
      DistrictsConfig d{id, read_district_tier(t, ballot, file, true)};
      tiers.push_back(id);
      out.emplace_back(std::move(d));
    } else {
      t.fail("type",
             unknown_name("stage type", type, {"filter", "allocate", "compensate", "districts"}));
    }
  }
  if (tiers.empty())
    body.fail("stages", "no allocate or districts stage: the body would have no seats");
  return out;
}

std::vector<BodyConfig> read_bodies(const TomlTable& root, const Ballot& ballot,
                                    const std::vector<double>& centre, const std::string& file,
                                    std::vector<int>& lines) {
  std::vector<BodyConfig> out;
  std::set<std::string> ids;
  for (const TomlTable& t : table_array(root, "body", true)) {
    if (static_cast<std::int64_t>(out.size()) == kMaxBodies)
      t.fail("id", "more than " + std::to_string(kMaxBodies) + " elected bodies");
    lines.push_back(t.line());
    t.only({"id", "name", "list_tier", "district_tier", "electorate", "lists", "list_quota",
            "coalitions", "pair", "levels", "stages"});
    BodyConfig b;
    b.id = t.string("id");
    if (!is_identifier(b.id))
      t.fail("id", "'" + b.id + "' is not an identifier (letters, digits, _ and -)");
    if (b.id == "options" || b.id == "draws" || b.id == "sweep" || b.id == "model" ||
        b.id == "option_names" || b.id == "option_kinds")
      t.fail("id", "'" + b.id + "' is reserved in the results file");
    if (!ids.insert(b.id).second) t.fail("id", "body '" + b.id + "' appears twice");
    b.name = t.optional_string("name").value_or(b.id);
    if (auto l = t.optional_table("list_tier")) b.list_tier = read_list_tier(*l, ballot);
    if (auto d = t.optional_table("district_tier"))
      b.district_tier = read_district_tier(*d, ballot, file);
    if (b.list_tier && b.list_tier->alternative_district_seats > 0 && !b.district_tier)
      t.table("list_tier")
          .fail("alternative_district_seats",
                "needs a district_tier in the same body (the seats it counts)");
    b.levels = read_levels(t, ballot, file);
    if (t.has("stages")) {
      if (b.list_tier || b.district_tier)
        t.fail("stages", "give the tiers either as stages or as list_tier/district_tier, not both");
      b.stages = read_stages(t, ballot, b.levels, file);
    } else if (!b.levels.empty()) {
      t.fail("levels", "levels of areas need [[body.stages]] that use them");
    }
    if (!b.list_tier && !b.district_tier && b.stages.empty())
      t.fail("", "a body needs stages ([[body.stages]]), or a list_tier, a district_tier or both");
    if (auto e = t.optional_table("electorate")) b.electorate = read_electorate(*e, ballot);

    b.lists.resize(ballot.size());
    for (const TomlTable& l : table_array(t, "lists", false)) {
      if (!b.list_tier && b.stages.empty()) l.fail("", "lists need a list tier");
      const std::string id = l.string("option");
      const auto idx = find_option(ballot, id);
      if (!idx || !wins_list_seats(ballot[*idx].kind))
        l.fail("option", "'" + id + "' is not a party option");
      if (b.lists[*idx]) l.fail("option", "a second list for '" + id + "'");
      b.lists[*idx] = read_list(l);
    }
    int candidates = 0;
    bool any_list = false;
    for (const auto& l : b.lists) {
      any_list = any_list || l.has_value();
      candidates += l ? l->length() : 0;
    }
    if (any_list) {
      for (std::size_t i = 0; i < ballot.size(); ++i)
        if (wins_list_seats(ballot[i].kind) && !b.lists[i])
          t.fail("lists",
                 "no list for party '" + ballot[i].id + "': give every party's list or none");
      if (b.list_tier && candidates < b.list_tier->seats)
        t.fail("lists", "the lists hold " + std::to_string(candidates) + " candidates for " +
                            std::to_string(b.list_tier->seats) + " list seats");
      if (b.list_tier && b.list_tier->runner_up)
        for (std::size_t i = 0; i < ballot.size(); ++i)
          if (b.lists[i] && b.lists[i]->length() < b.list_tier->runner_up->min_seats())
            t.fail("lists", "list '" + ballot[i].id +
                                "' is shorter than the runner-up minimum of " +
                                std::to_string(b.list_tier->runner_up->min_seats()) + " seats");
    }
    if (auto q = t.optional_table("list_quota")) {
      q->only({"share"});
      if (!any_list) q->fail("", "a list quota needs the parties' lists ([[body.lists]])");
      const double share = q->real("share");
      if (share < 0 || share > 1) q->fail("share", "must be a share from 0 to 1");
      b.quota_share = share;
    }
    for (const TomlTable& c : table_array(t, "coalitions", false)) {
      c.only({"id", "members"});
      Coalition co{c.string("id"), option_ids(c, "members", ballot)};
      if (!is_identifier(co.id)) c.fail("id", "not an identifier");
      for (const auto& other : b.coalitions)
        if (other.id == co.id) c.fail("id", "coalition '" + co.id + "' appears twice");
      b.coalitions.push_back(std::move(co));
    }
    if (t.has("pair")) {
      const std::vector<int> p = option_ids(t, "pair", ballot);
      if (p.size() != 2) t.fail("pair", "expected two option ids");
      b.pair = std::array<int, 2>{p[0], p[1]};
    } else {
      // Default: the two options with the largest national centre that can win seats.
      std::vector<int> idx;
      for (std::size_t i = 0; i < ballot.size(); ++i)
        if (wins_list_seats(ballot[i].kind)) idx.push_back(static_cast<int>(i));
      std::stable_sort(idx.begin(), idx.end(), [&](int a, int c) { return centre[a] > centre[c]; });
      if (idx.size() >= 2) b.pair = std::array<int, 2>{idx[0], idx[1]};
      b.pair_by_default = true;
    }
    out.push_back(std::move(b));
  }
  return out;
}

RunSettings read_run(const TomlTable& root) {
  RunSettings r;
  const auto t = root.optional_table("run");
  if (!t) return r;
  t->only({"draws", "seed", "block_size", "metrics"});
  if (auto d = t->optional_count("draws", 1, static_cast<std::uint64_t>(kMaxDraws))) r.draws = *d;
  if (auto s = t->optional_integer("seed")) {
    if (*s < 0) t->fail("seed", "must not be negative");
    r.seed = static_cast<std::uint64_t>(*s);
  }
  if (auto b = t->optional_integer("block_size")) {
    if (*b < 1 || *b > (1 << 20)) t->fail("block_size", "must be from 1 to 1048576");
    r.block_size = static_cast<std::uint64_t>(*b);
  }
  if (auto m = t->optional_bool("metrics")) r.metrics = *m;
  return r;
}

}  // namespace

Override parse_override(const std::string& text, const std::string& where) {
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0)
    throw InputError(where, 0, text, "expected KEY=VALUE, e.g. model.shared_error_points=3");
  return {text.substr(0, eq), text.substr(eq + 1)};
}

namespace {

void apply_override(toml::table& doc, const Override& o, const std::string& path) {
  const auto fail = [&](const std::string& why) {
    throw InputError(path, 0, o.key, "--set " + o.key + ": " + why);
  };
  std::vector<std::string> parts;
  for (std::size_t at = 0;;) {
    const auto dot = o.key.find('.', at);
    parts.push_back(o.key.substr(at, dot == std::string::npos ? dot : dot - at));
    if (dot == std::string::npos) break;
    at = dot + 1;
  }
  toml::node* here = &doc;
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    const std::string& part = parts[i];
    if (part.empty()) fail("an empty part in the key");
    if (auto* t = here->as_table()) {
      if (!t->contains(part)) t->insert(part, toml::table{});
      here = t->get(part);
    } else if (auto* a = here->as_array()) {
      std::size_t k = 0;
      const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), k);
      if (ec != std::errc() || end != part.data() + part.size()) {
        // Not a position: the element whose id is `part` (body.mazhilis.stages.list).
        k = a->size();
        for (std::size_t i = 0; i < a->size(); ++i)
          if (const auto* e = a->get(i)->as_table();
              e && e->get_as<std::string>("id") && e->get_as<std::string>("id")->get() == part)
            k = i;
        if (k == a->size())
          fail("'" + part + "' is neither a position in that array (0 to " +
               std::to_string(a->size()) + " - 1) nor the id of one of its tables");
      } else if (k >= a->size()) {
        fail("'" + part + "' is not a position in that array (0 to " + std::to_string(a->size()) +
             " - 1)");
      }
      here = a->get(k);
    } else {
      fail("'" + parts[i - 1] + "' is a value, not a table");
    }
  }
  auto* t = here->as_table();
  if (!t) fail("the key does not name a table's entry");
  toml::table value;
  try {
    value = toml::parse("v = " + o.value);
  } catch (const toml::parse_error&) {
    value = toml::table{{"v", o.value}};  // a bare word: a string
  }
  t->insert_or_assign(parts.back(), *value.get("v"));
}

}  // namespace

Scenario load_scenario(const std::string& path, const std::vector<Override>& overrides) {
  return parse_scenario(read_text(path), path, overrides);
}

Scenario parse_scenario(const std::string& text, const std::string& path,
                        const std::vector<Override>& overrides) {
  toml::table doc = parse_toml(text, path);
  for (const Override& o : overrides) apply_override(doc, o, path);
  const TomlTable root(doc, path, "");
  root.only({"scenario", "run", "options", "options_file", "model", "body"});

  std::string name, description;
  if (auto s = root.optional_table("scenario")) {
    s->only({"name", "description"});
    name = s->optional_string("name").value_or("");
    description = s->optional_string("description").value_or("");
  }
  Ballot ballot = read_ballot(root, path);
  // The national model covers every option but independents (district-only).
  Ballot national;
  for (int i : model_options(ballot)) national.push_back(ballot[i]);
  if (national.size() < 2)
    root.fail("options", "at least two options besides independents are needed");
  ModelRead model = read_model(root, national, path);
  const std::vector<double> centre = model_centre(model.model, ballot);
  std::vector<int> body_lines;
  std::vector<BodyConfig> bodies = read_bodies(root, ballot, centre, path, body_lines);
  RunSettings run = read_run(root);
  for (BodyConfig& b : bodies) b.metrics = run.metrics;

  if (models::size(model.model) != static_cast<int>(national.size()))
    throw InputError(path, 0, "model", "the model does not cover every ballot option");
  // What the reader cannot see alone (how stages, levels and lists fit together) the
  // body checks when it is built; its complaint is reported at the body's line.
  for (std::size_t b = 0; b < bodies.size(); ++b) {
    try {
      ElectedBody check(ballot, bodies[b], centre);
    } catch (const std::invalid_argument& e) {
      throw InputError(path, body_lines[b], "body", e.what());
    }
  }
  // The stored text records the overrides, so a results file says what ran and a resume
  // with other settings is refused as a different scenario.
  std::string stored = text;
  if (!overrides.empty()) {
    stored.append("\n# seatcast --set, applied on top of the file above:\n");
    for (const Override& o : overrides)
      stored.append("# ").append(o.key).append("=").append(o.value).append("\n");
  }
  return Scenario{path,
                  std::move(stored),
                  name,
                  description,
                  std::move(ballot),
                  model.type,
                  std::move(model.model),
                  std::move(model.average),
                  model.total_votes,
                  std::move(model.trend),
                  std::move(model.polls),
                  std::move(bodies),
                  run,
                  std::move(body_lines),
                  std::move(model.notes)};
}

Simulation make_simulation(const Scenario& s) {
  Simulation sim{s.ballot, s.model, model_options(s.ballot), s.total_votes, {}};
  const std::vector<double> centre = model_centre(s.model, s.ballot);
  for (const BodyConfig& b : s.bodies) sim.bodies.emplace_back(s.ballot, b, centre);
  return sim;
}

}  // namespace seatcast
