// seatcast summarize: read a results file back and print its summaries (per option: the
// probabilities of passing the threshold and of a seat, mean and quantiles of seats, the
// probabilities of a majority and of two thirds of the body) as a table, CSV or JSON.
#include <fmt/core.h>

#include <string>
#include <vector>

#include "engine/cli/commands.h"
#include "engine/cli/table.h"
#include "engine/io/input_error.h"
#include "engine/io/wording.h"
#include "engine/output/results_reader.h"

namespace seatcast::cli {

namespace {

struct SummarizeArgs {
  std::string results;
  std::string format = "table";
  std::string body;
};

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

std::string json_string(std::string_view s) {
  std::string q = "\"";
  for (char c : s) {
    switch (c) {
      case '"':
        q += "\\\"";
        break;
      case '\\':
        q += "\\\\";
        break;
      case '\n':
        q += "\\n";
        break;
      case '\r':
        q += "\\r";
        break;
      case '\t':
        q += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20)
          q += fmt::format("\\u{:04x}", static_cast<unsigned>(static_cast<unsigned char>(c)));
        else
          q += c;
    }
  }
  return q + "\"";
}

// Shortest text that reads back as the same double (fmt's default), valid in CSV and JSON.
std::string number(double v) {
  return fmt::format("{}", v);
}

void print_table(const ResultsData& r, const std::vector<const BodyResults*>& bodies) {
  fmt::print("{}\n", r.scenario_name.empty() ? r.scenario_file : r.scenario_name);
  fmt::print("{}, seed {}{}; written by seatcast {} (results format {})\n",
             count_of(r.draws, "draw"), r.seed,
             r.block_size ? fmt::format(", blocks of {}", r.block_size) : std::string(),
             r.seatcast_version.empty() ? "?" : r.seatcast_version, r.format_version);
  fmt::print("results: {}\n", r.path);
  for (const BodyResults* b : bodies)
    print_body_table(
        r.options,
        BodyFigures{b->name, b->seats, b->list_seats, b->district_seats, b->majority, b->two_thirds,
                    b->coalitions, b->runner_up_rule, b->house, b->house_varies},
        b->tally, r.draws);
}

void print_csv(const ResultsData& r, const std::vector<const BodyResults*>& bodies) {
  fmt::print(
      "body,option,kind,p_passed,p_seats,mean,q05,q25,q50,q75,q95,p_majority,p_two_thirds\n");
  for (const BodyResults* b : bodies) {
    const auto summary = summarize(*b, r.draws);
    for (std::size_t o = 0; o < summary.size(); ++o) {
      const OptionSummary& s = summary[o];
      fmt::print("{},{},{},{},{},{},{},{},{},{},{},{},{}\n", csv_field(b->id),
                 csv_field(r.options[o].id), to_string(r.options[o].kind), number(s.p_passed),
                 number(s.p_seats), number(s.mean), s.q05, s.q25, s.q50, s.q75, s.q95,
                 number(s.p_majority), number(s.p_two_thirds));
    }
  }
}

void print_json(const ResultsData& r, const std::vector<const BodyResults*>& bodies) {
  std::string out = "{\n";
  out += fmt::format("  \"file\": {},\n", json_string(r.path));
  out += fmt::format("  \"format\": {},\n", json_string(r.format));
  out += fmt::format("  \"format_version\": {},\n", r.format_version);
  out += fmt::format("  \"seatcast_version\": {},\n", json_string(r.seatcast_version));
  out += fmt::format("  \"scenario_name\": {},\n", json_string(r.scenario_name));
  out += fmt::format("  \"scenario_file\": {},\n", json_string(r.scenario_file));
  out += fmt::format("  \"seed\": {},\n  \"draws\": {},\n  \"block_size\": {},\n", r.seed, r.draws,
                     r.block_size);
  out += "  \"bodies\": [";
  for (std::size_t i = 0; i < bodies.size(); ++i) {
    const BodyResults& b = *bodies[i];
    const BodyTally& t = b.tally;
    out += i ? ",\n    {\n" : "\n    {\n";
    out += fmt::format("      \"id\": {},\n      \"name\": {},\n", json_string(b.id),
                       json_string(b.name));
    out += fmt::format(
        "      \"seats\": {},\n      \"list_seats\": {},\n      \"district_seats\": {},\n"
        "      \"majority\": {},\n      \"two_thirds\": {},\n",
        b.seats, b.list_seats, b.district_seats, b.majority, b.two_thirds);
    out += fmt::format(
        "      \"events\": {{\"runner_up_draws\": {}, \"threshold_waived_draws\": {}, "
        "\"tie_draws\": {}, \"refused_tie_draws\": {}}},\n",
        t.runner_up_draws(), t.threshold_waived_draws(), t.tie_draws(), t.refused_draws());
    out += "      \"options\": [";
    const auto summary = summarize(b, r.draws);
    for (std::size_t o = 0; o < summary.size(); ++o) {
      const OptionSummary& s = summary[o];
      const BallotOption& opt = r.options[o];
      out += o ? ",\n        " : "\n        ";
      out += fmt::format(
          "{{\"id\": {}, \"name\": {}, \"kind\": {}, \"p_passed\": {}, \"p_seats\": {}, "
          "\"mean\": {}, \"q05\": {}, \"q25\": {}, \"q50\": {}, \"q75\": {}, \"q95\": {}, "
          "\"p_majority\": {}, \"p_two_thirds\": {}}}",
          json_string(opt.id), json_string(opt.name), json_string(to_string(opt.kind)),
          number(s.p_passed), number(s.p_seats), number(s.mean), s.q05, s.q25, s.q50, s.q75, s.q95,
          number(s.p_majority), number(s.p_two_thirds));
    }
    out += "\n      ]\n    }";
  }
  out += bodies.empty() ? "]\n}\n" : "\n  ]\n}\n";
  fmt::print("{}", out);
}

int summarize_results(const SummarizeArgs& a) {
  const ResultsData r = read_results(a.results);
  std::vector<const BodyResults*> bodies;
  if (a.body.empty()) {
    for (const auto& b : r.bodies) bodies.push_back(&b);
  } else if (const BodyResults* b = r.find_body(a.body)) {
    bodies.push_back(b);
  } else {
    std::string known;
    for (const auto& x : r.bodies) known += (known.empty() ? "" : ", ") + x.id;
    throw InputError(a.results, 0, "--body",
                     fmt::format("no body '{}' in this results file (it has: {})", a.body, known));
  }
  if (a.format == "csv") {
    print_csv(r, bodies);
  } else if (a.format == "json") {
    print_json(r, bodies);
  } else {
    print_table(r, bodies);
  }
  return 0;
}

}  // namespace

Command add_summarize(CLI::App& app) {
  auto a = std::make_shared<SummarizeArgs>();
  app.add_option("results", a->results, "Results file (HDF5) written by seatcast run")->required();
  app.add_option("-f,--format", a->format, "Output format: table (default), csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}));
  app.add_option("-b,--body", a->body, "Only this elected body (its id, e.g. mazhilis)");
  return [a] { return summarize_results(*a); };
}

}  // namespace seatcast::cli
