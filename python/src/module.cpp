// _seatcast: the C++ engine as a Python extension (pybind11). The package `seatcast`
// (python/seatcast/) wraps it in the Python face users see; this file only translates.
//
// What it offers: a scenario loaded from a file or from text with dotted-key overrides
// (the rules of `seatcast run --set`), a run of it to a results file with the GIL
// released, a counted-votes table through a scenario's body (`allocate --scenario`), and
// many vote vectors through one list tier at once (engine/batch/row_allocation.h).
// Errors: InputError (a bad scenario, poll file, table or argument: the same
// "file:line: field: why" message as the command line), OutputExists (the results file
// exists and overwrite was not asked), RuntimeError otherwise.
#include <pybind11/functional.h>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "engine/batch/row_allocation.h"
#include "engine/io/area_votes_csv.h"
#include "engine/io/input_error.h"
#include "engine/output/pending_file.h"
#include "engine/output/results_file.h"
#include "engine/scenario/counted.h"
#include "engine/scenario/limits.h"
#include "engine/scenario/scenario.h"

namespace py = pybind11;
using namespace seatcast;

namespace {

std::vector<Override> overrides_of(const std::vector<std::string>& sets) {
  std::vector<Override> out;
  for (const std::string& kv : sets) out.push_back(parse_override(kv, "set"));
  return out;
}

// A scenario as loaded: its text and overrides are kept so that a run records them.
struct PyScenario {
  Scenario scenario;
};

PyScenario load(const std::string& path, const std::vector<std::string>& sets) {
  return {load_scenario(path, overrides_of(sets))};
}

PyScenario from_text(const std::string& text, const std::string& name,
                     const std::vector<std::string>& sets) {
  return {parse_scenario(text, name, overrides_of(sets))};
}

// Runs the scenario and writes the results file at `output` (under a temporary name,
// renamed when whole, as `seatcast run` does). progress(done, total) is called between
// waves of blocks with the GIL held; a KeyboardInterrupt (or any exception) raised there
// stops the run between blocks and writes nothing.
py::dict run(const PyScenario& s, const std::string& output, std::uint64_t draws,
             std::optional<std::uint64_t> seed, int threads, bool keep_draws, bool overwrite,
             const std::function<void(std::uint64_t, std::uint64_t)>& progress) {
  Scenario scenario = s.scenario;
  if (draws > 0) scenario.run.draws = draws;
  if (seed) scenario.run.seed = *seed;
  if (threads <= 0) threads = static_cast<int>(std::thread::hardware_concurrency());
  if (threads <= 0) threads = 1;
  std::atomic<bool> cancel{false};
  std::optional<py::error_already_set> raised;
  double seconds = 0;
  std::uint64_t done_draws = 0;
  {
    PendingFile pending(output, overwrite);
    const Simulation sim = make_simulation(scenario);
    check_run_memory(scenario, sim, threads, keep_draws, 0);
    RunOptions opt{scenario.run.draws, scenario.run.seed, threads, scenario.run.block_size,
                   &cancel};
    std::optional<ResultsWriter> writer;
    writer.emplace(pending.temporary(), scenario, sim,
                   RunInfo{opt.seed, opt.draws, opt.block_size, threads, 1, 0}, keep_draws);
    BlockSink sink;
    if (keep_draws) sink = [&](const BlockRecord& b) { writer->append_block(b); };
    auto last = std::chrono::steady_clock::now() - std::chrono::seconds(1);
    const ProgressFn report = [&](std::uint64_t done, std::uint64_t total) {
      // At most ten calls a second (and the last): the GIL is not taken per wave.
      const auto now = std::chrono::steady_clock::now();
      if (done < total && now - last < std::chrono::milliseconds(100)) return;
      last = now;
      py::gil_scoped_acquire gil;
      try {
        if (PyErr_CheckSignals() != 0) throw py::error_already_set();
        if (progress) progress(done, total);
      } catch (py::error_already_set& e) {
        if (!raised) raised.emplace(std::move(e));
        cancel.store(true);
      }
    };
    const auto began = std::chrono::steady_clock::now();
    RunResult result;
    {
      py::gil_scoped_release release;
      result = run_simulation(sim, opt, report, sink);
    }
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
    if (raised) throw std::move(*raised);  // the pending file removes its temporary
    if (result.cancelled) throw std::runtime_error("the run was stopped; no result written");
    {
      py::gil_scoped_release release;
      writer->finish(result.tally);
      writer.reset();
      pending.commit();
    }
    done_draws = result.tally.draws;
  }
  py::dict info;
  info["path"] = output;
  info["draws"] = done_draws;
  info["seconds"] = seconds;
  info["threads"] = threads;
  return info;
}

const ElectedBody& find_body(const Simulation& sim, const std::string& id, const Scenario& s) {
  if (id.empty()) {
    if (sim.bodies.size() == 1) return sim.bodies.front();
    std::string ids;
    for (const auto& b : sim.bodies) ids += (ids.empty() ? "" : ", ") + b.id();
    throw InputError(s.file, 0, "body", "the scenario has several bodies (" + ids + "): name one");
  }
  for (const auto& b : sim.bodies)
    if (b.id() == id) return b;
  throw InputError(s.file, 0, "body", "no body '" + id + "' in the scenario");
}

// A counted table (CSV text in the long form area,option,votes[,ballot]) through one
// body's stages: (body id, [(area, option, seats)] with the "total" rows last, uncounted tiers).
py::tuple allocate_table(const PyScenario& s, const std::string& body_id, const std::string& csv,
                         const std::string& name) {
  const Simulation sim = make_simulation(s.scenario);
  const ElectedBody& body = find_body(sim, body_id, s.scenario);
  const AreaVotesTable votes = parse_area_votes_csv(csv, name);
  const CountedResult r = allocate_counted(body, s.scenario.ballot, votes);
  const Ballot& ballot = s.scenario.ballot;
  const int options = static_cast<int>(ballot.size());
  py::list rows;
  for (const AreaSeats& a : seats_by_area(body, options, r))
    for (int o = 0; o < options; ++o)
      if (a.seats[o] > 0 || stands_in(body, options, r, a.area, o))
        rows.append(py::make_tuple(a.area, ballot[o].id, a.seats[o]));
  // The rows of area "total": options with seats or national votes (as the CLI's CSV).
  for (int o = 0; o < options; ++o)
    if (r.draw.seats_total[o] > 0 || r.draw.ledger.national[o] > 0)
      rows.append(py::make_tuple("total", ballot[o].id, r.draw.seats_total[o]));
  py::list uncounted;
  for (int t : r.uncounted) uncounted.append(body.tier(t).id);
  return py::make_tuple(body.id(), rows, uncounted);
}

// votes: int64 [rows, options]; returns (seats int32 [rows, options], passed bool [rows,
// options], events dict).
py::tuple allocate_rows_py(
    py::array_t<std::int64_t, py::array::c_style | py::array::forcecast> votes, int seats,
    const std::string& method, double threshold, const std::string& base, bool strict,
    std::int64_t registered, const std::string& tie_rule, double first_divisor,
    const std::vector<std::string>& kinds, const std::vector<int>& exempt, int threads,
    std::uint64_t lot_seed) {
  const auto bad = [](const std::string& field, const std::string& why) {
    throw InputError("allocate", 0, field, why);
  };
  if (votes.ndim() != 2) bad("votes", "expected a 2-d array [rows, options]");
  const auto rows = static_cast<std::size_t>(votes.shape(0));
  const auto options = static_cast<std::size_t>(votes.shape(1));
  if (options == 0) bad("votes", "no options (the last axis is empty)");
  if (seats < 0 || seats > 10000) bad("seats", "must be from 0 to 10000");
  const auto m = parse_method(method);
  if (!m) bad("method", "unknown method '" + method + "'");
  if (!(threshold >= 0 && threshold <= 1)) bad("threshold", "must be a share from 0 to 1");
  const auto b = parse_threshold_base(base);
  if (!b) bad("threshold_base", "unknown base '" + base + "' (valid, parties, cast, registered)");
  if (*b == ThresholdBase::registered && registered < 1)
    bad("registered", "required (>= 1) with threshold_base='registered'");
  const auto tie = parse_tie_rule(tie_rule);
  if (!tie) bad("tie_rule", "unknown tie rule '" + tie_rule + "'");
  if (!(first_divisor > 0 && first_divisor <= 100)) bad("first_divisor", "must be in (0, 100]");
  Ballot ballot(options);
  for (std::size_t o = 0; o < options; ++o) {
    ballot[o].id = "option" + std::to_string(o);
    if (!kinds.empty()) {
      if (kinds.size() != options) bad("kinds", "one kind per option (the last axis)");
      const auto k = parse_option_kind(kinds[o]);
      if (!k) bad("kinds", "unknown kind '" + kinds[o] + "'");
      ballot[o].kind = *k;
    }
  }
  ListTierConfig cfg;
  cfg.seats = seats;
  cfg.method = *m;
  cfg.threshold = Threshold(threshold, *b, strict, registered);
  cfg.tie_rule = *tie;
  cfg.first_divisor = first_divisor;
  if (!exempt.empty()) {
    cfg.exempt.assign(options, 0);
    for (int e : exempt) {
      if (e < 0 || static_cast<std::size_t>(e) >= options)
        bad("exempt", "option index " + std::to_string(e) + " is out of range");
      cfg.exempt[e] = 1;
    }
  }
  const ListTier tier(ballot, cfg);
  const std::int64_t* v = votes.data();
  for (std::size_t i = 0; i < rows * options; ++i)
    if (v[i] < 0) bad("votes", "votes must be >= 0");
  py::array_t<std::int32_t> out({votes.shape(0), votes.shape(1)});
  py::array_t<bool> passed({votes.shape(0), votes.shape(1)});
  static_assert(sizeof(bool) == sizeof(std::uint8_t));
  RowAllocationEvents events;
  {
    const std::span<const Votes> in(v, rows * options);
    const std::span<std::int32_t> seats_out(out.mutable_data(), rows * options);
    const std::span<std::uint8_t> passed_out(reinterpret_cast<std::uint8_t*>(passed.mutable_data()),
                                             rows * options);
    py::gil_scoped_release release;
    events = allocate_rows(tier, in, options, seats_out, passed_out, threads, lot_seed);
  }
  py::dict e;
  e["threshold_waived"] = events.threshold_waived;
  e["ties"] = events.ties;
  e["refused"] = events.refused;
  return py::make_tuple(out, passed, e);
}

}  // namespace

PYBIND11_MODULE(_seatcast, m) {
  m.doc() = "seatcast's C++ engine (use the seatcast package)";
  m.attr("version") = seatcast_version();
  static py::exception<InputError> input_error(m, "InputError", PyExc_ValueError);
  static py::exception<OutputExists> output_exists(m, "OutputExists", PyExc_FileExistsError);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const InputError& e) {
      // An instance with the parts of the message as attributes, for programs to read.
      py::object err = py::reinterpret_borrow<py::object>(input_error.ptr())(e.what());
      err.attr("file") = e.file();
      err.attr("line") = e.line();
      err.attr("field") = e.field();
      PyErr_SetObject(input_error.ptr(), err.ptr());
    } catch (const OutputExists& e) {
      output_exists(e.what());
    } catch (const OutputError& e) {
      PyErr_SetString(PyExc_OSError, e.what());
    }
  });

  py::class_<PyScenario>(m, "Scenario")
      .def_property_readonly("file", [](const PyScenario& s) { return s.scenario.file; })
      .def_property_readonly("name", [](const PyScenario& s) { return s.scenario.name; })
      .def_property_readonly("text", [](const PyScenario& s) { return s.scenario.text; })
      .def_property_readonly("draws", [](const PyScenario& s) { return s.scenario.run.draws; })
      .def_property_readonly("seed", [](const PyScenario& s) { return s.scenario.run.seed; })
      .def_property_readonly("options",
                             [](const PyScenario& s) {
                               std::vector<std::string> ids;
                               for (const auto& o : s.scenario.ballot) ids.push_back(o.id);
                               return ids;
                             })
      .def_property_readonly("bodies", [](const PyScenario& s) {
        std::vector<std::string> ids;
        for (const BodyConfig& b : s.scenario.bodies) ids.push_back(b.id);
        return ids;
      });
  m.def("load", &load, py::arg("path"), py::arg("sets") = std::vector<std::string>{});
  m.def("from_text", &from_text, py::arg("text"), py::arg("name"),
        py::arg("sets") = std::vector<std::string>{});
  m.def("run", &run, py::arg("scenario"), py::arg("output"), py::arg("draws") = 0,
        py::arg("seed") = py::none(), py::arg("threads") = 0, py::arg("keep_draws") = false,
        py::arg("overwrite") = false, py::arg("progress") = nullptr);
  m.def("allocate_table", &allocate_table, py::arg("scenario"), py::arg("body"), py::arg("csv"),
        py::arg("name"));
  m.def("allocate_rows", &allocate_rows_py, py::arg("votes"), py::arg("seats"), py::arg("method"),
        py::arg("threshold") = 0.0, py::arg("threshold_base") = "valid", py::arg("strict") = false,
        py::arg("registered") = 0, py::arg("tie_rule") = "registration-order",
        py::arg("first_divisor") = 1.4, py::arg("kinds") = std::vector<std::string>{},
        py::arg("exempt") = std::vector<int>{}, py::arg("threads") = 0, py::arg("lot_seed") = 0);
}
