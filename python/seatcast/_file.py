"""The checked reader of a seatcast results file (the HDF5 layout of docs/DESIGN.md).

    from seatcast._file import Results    # or, from scripts/: from seatcast_results import Results
    with Results("out.h5") as r:
        r.draws, r.seed, r.scenario_name, r.options   # run and ballot
        body = r.body("mazhilis")                     # or r.bodies (all of them)
        body.seats_total                              # numpy uint64 [options, seats + 1]
        body.summary()                                # per-option dicts: mean, q05..q95, p_*

Opening checks what `seatcast summarize` checks: an HDF5 file with format
"seatcast-results", a format version this module reads, the datasets of every body with
shapes that agree with the options, and histogram rows that sum to `draws`. Anything
else raises ResultsError naming the file. Summaries use the definitions of
engine/sim/summary.cpp (quantile: the smallest s whose cumulative count reaches p of the
draws), so they agree with `seatcast summarize`.

Needs Debian's python3-h5py and python3-numpy: run with /usr/bin/python3.
"""

import os

import h5py
import numpy as np

FORMAT = "seatcast-results"
READABLE_VERSION = 1
QUANTILES = (("q05", 0.05), ("q25", 0.25), ("q50", 0.50), ("q75", 0.75), ("q95", 0.95))


class ResultsError(ValueError):
    """The file is not an intact seatcast results file this module can read."""

    def __init__(self, path, message):
        super().__init__(f"{path}: {message}")
        self.path = path


def _text(value):
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def histogram_mean(row):
    n = int(row.sum())
    return float(np.dot(np.arange(len(row), dtype=np.float64), row) / n) if n else 0.0


def histogram_quantile(row, p):
    """The smallest s whose cumulative count reaches p of the row's draws."""
    cum = np.cumsum(row, dtype=np.uint64)
    target = p * float(cum[-1]) * (1 - 1e-12)
    hits = np.nonzero((cum > 0) & (cum.astype(np.float64) >= target))[0]
    return int(hits[0]) if len(hits) else len(row) - 1


def probability_at_least(row, k):
    n = int(row.sum())
    return float(row[max(k, 0):].sum()) / n if n else 0.0


class Body:
    """One elected body: its seat lines, histograms and event counters."""

    def __init__(self, results, group):
        self.results = results
        self.id = group.name.lstrip("/")
        where = f"/{self.id}"
        attrs = group.attrs
        if "seats" not in attrs:
            raise ResultsError(results.path, f"{where}: missing attribute 'seats'")
        self.name = _text(attrs.get("name", self.id))
        self.seats = int(attrs["seats"])
        self.majority = int(attrs.get("majority", self.seats // 2 + 1))
        self.two_thirds = int(attrs.get("two_thirds", (2 * self.seats + 2) // 3))
        n = len(results.options)

        def histogram(name, seats):
            if name not in group:
                raise ResultsError(results.path, f"{where}/{name}: missing dataset")
            h = np.asarray(group[name][()], dtype=np.uint64)
            if seats is not None and h.shape != (n, seats + 1):
                raise ResultsError(results.path,
                                   f"{where}/{name}: shape {h.shape}, expected ({n}, {seats + 1})")
            if h.ndim != 2 or h.shape[0] != n:
                raise ResultsError(results.path,
                                   f"{where}/{name}: shape {h.shape}, expected ({n}, seats + 1)")
            bad = np.nonzero(h.sum(axis=1) != results.draws)[0]
            if len(bad):
                o = int(bad[0])
                raise ResultsError(results.path,
                                   f"{where}/{name}: row of '{results.options[o]}' counts "
                                   f"{int(h[o].sum())} draws, not {results.draws}")
            return h

        self.seats_pr = histogram("seats_pr", None)
        self.seats_district = histogram("seats_district", None)
        self.seats_total = histogram("seats_total", self.seats)
        self.list_seats = int(attrs.get("list_seats", self.seats_pr.shape[1] - 1))
        self.district_seats = int(attrs.get("district_seats", self.seats_district.shape[1] - 1))
        if "passed_threshold" not in group:
            raise ResultsError(results.path, f"{where}/passed_threshold: missing dataset")
        self.passed_threshold = np.asarray(group["passed_threshold"][()], dtype=np.uint64)
        if self.passed_threshold.shape != (n,):
            raise ResultsError(results.path, f"{where}/passed_threshold: shape "
                               f"{self.passed_threshold.shape}, expected ({n},)")
        self.events = {k: int(attrs.get(k, 0)) for k in
                       ("runner_up_draws", "threshold_waived_draws", "tie_draws",
                        "refused_tie_draws")}

    def distribution(self, option):
        """P(seats = s) for s = 0..seats of one option (index or id), from seats_total."""
        o = option if isinstance(option, int) else self.results.options.index(option)
        return self.seats_total[o] / float(self.results.draws)

    def summary(self):
        """Per option, in ballot order: a dict of the columns of `seatcast summarize --format csv`."""
        out = []
        r = self.results
        for o, option in enumerate(r.options):
            row = self.seats_total[o]
            s = {"body": self.id, "option": option, "name": r.option_names[o],
                 "kind": r.option_kinds[o],
                 "p_passed": float(self.passed_threshold[o]) / r.draws,
                 "p_seats": probability_at_least(row, 1),
                 "mean": histogram_mean(row)}
            for key, p in QUANTILES:
                s[key] = histogram_quantile(row, p)
            s["p_majority"] = probability_at_least(row, self.majority)
            s["p_two_thirds"] = probability_at_least(row, self.two_thirds)
            out.append(s)
        return out


class Results:
    """A seatcast results file, read and checked whole on opening (it is small: histograms)."""

    KIND = "run"  # the root attribute `kind` ("run" when absent)

    def _wrong_kind(self):
        if self.kind == "sweep":
            return ("a sweep file (seatcast sweep), not the results of a run: open it with "
                    "Sweep, plot it with scripts/plot_sweep.py")
        return f"kind is '{self.kind}': not the results of a run"

    def __init__(self, path):
        self.path = os.fspath(path)
        if not os.path.isfile(self.path):
            raise ResultsError(self.path, "no such file")
        if not h5py.is_hdf5(self.path):
            raise ResultsError(self.path, "not an HDF5 file, so not a seatcast results file")
        try:
            f = h5py.File(self.path, "r")
        except OSError as e:
            raise ResultsError(self.path, f"damaged or truncated HDF5 file ({e})") from e
        try:
            self._read(f)
        except (KeyError, OSError, TypeError) as e:
            raise ResultsError(self.path, f"cannot read it ({e})") from e
        finally:
            f.close()

    def _read(self, f):
        a = f.attrs
        if "format" not in a:
            raise ResultsError(self.path, f"no 'format' attribute: not a seatcast results file")
        self.format = _text(a["format"])
        if self.format != FORMAT:
            raise ResultsError(self.path, f"format is '{self.format}', not '{FORMAT}'")
        self.format_version = int(a["format_version"])
        if self.format_version > READABLE_VERSION:
            raise ResultsError(self.path, f"format version {self.format_version} is newer than "
                               f"this script reads ({READABLE_VERSION})")
        self.kind = _text(a.get("kind", "run"))
        if self.kind != self.KIND:
            raise ResultsError(self.path, self._wrong_kind())
        self.seatcast_version = _text(a.get("seatcast_version", ""))
        self.seed = int(a["seed"])
        self.draws = int(a["draws"])
        if self.draws <= 0:
            raise ResultsError(self.path, "a run of 0 draws has no results")
        self.block_size = int(a.get("block_size", 0))
        self.scenario = _text(a["scenario"])
        self.scenario_file = _text(a.get("scenario_file", ""))
        self.scenario_name = _text(a.get("scenario_name", ""))
        if "options" not in f:
            raise ResultsError(self.path, "/options: missing dataset")
        self.options = [_text(x) for x in f["options"][()]]
        n = len(self.options)
        self.option_names = ([_text(x) for x in f["option_names"][()]]
                             if "option_names" in f else list(self.options))
        self.option_kinds = ([_text(x) for x in f["option_kinds"][()]]
                             if "option_kinds" in f else ["party"] * n)
        if len(self.option_names) != n or len(self.option_kinds) != n:
            raise ResultsError(self.path, "option_names/option_kinds disagree with /options")
        self._read_bodies(f)

    def _read_bodies(self, f):
        self.bodies = [Body(self, f[name]) for name in sorted(f.keys())
                       if isinstance(f[name], h5py.Group) and "seats_total" in f[name]]
        if not self.bodies:
            raise ResultsError(self.path, "no elected body (no group with a seats_total dataset)")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    @property
    def title(self):
        return self.scenario_name or self.scenario_file or os.path.basename(self.path)

    def body(self, body_id=None):
        """The body with this id (the first body when None). Raises ResultsError if absent."""
        if body_id is None:
            return self.bodies[0]
        for b in self.bodies:
            if b.id == body_id:
                return b
        raise ResultsError(self.path, f"no body '{body_id}' (it has: "
                           f"{', '.join(b.id for b in self.bodies)})")


class SweepBody:
    """One body of a sweep file, every array with a method axis (of length 1 when the sweep
    gave no --method): seats_pr [T, M, O, S + 1], passed [T, M, O], mean_seats, diff_mean,
    diff_se [T, M, O], mean_wasted and mean_gallagher [T, M] (percent)."""

    def __init__(self, sweep, group):
        self.sweep = sweep
        self.id = group.name.rsplit("/", 1)[-1]
        path = sweep.path
        t, m, n = len(sweep.thresholds), len(sweep.methods or [None]), len(sweep.options)

        def array(name, *rest):
            if name not in group:
                raise ResultsError(path, f"{group.name}/{name}: missing dataset")
            a = group[name][()]
            want = (t, len(sweep.methods)) if sweep.methods else (t,)
            if a.shape[:len(want) + len(rest)] != want + rest:
                raise ResultsError(path, f"{group.name}/{name}: has shape {list(a.shape)}, "
                                   f"expected {list(want + rest)} first")
            return a.reshape((t, m) + a.shape[len(want):])

        self.seats_pr = array("seats_pr", n)
        self.seats = self.seats_pr.shape[-1] - 1
        if (self.seats_pr.sum(axis=-1) != sweep.draws).any():
            raise ResultsError(path, f"{group.name}/seats_pr: rows do not sum to the "
                               f"file's {sweep.draws} draws")
        self.passed = array("passed_threshold", n)
        self.mean_seats = array("mean_seats", n)
        self.diff_mean = array("diff_mean", n)
        self.diff_se = array("diff_se", n)
        self.mean_wasted = array("mean_wasted")
        self.mean_gallagher = array("mean_gallagher")
        self.reference = _text(group.attrs.get("reference", ""))
        self.list_method = _text(group.attrs.get("list_method", ""))
        self.list_threshold = float(group.attrs.get("list_threshold", np.nan))

    @property
    def p_passed(self):
        """[T, M, O]: the probability of passing the threshold."""
        return self.passed / self.sweep.draws

    def lists(self):
        """Indices of the options that stand as lists (kind party), in ballot order."""
        return [o for o, k in enumerate(self.sweep.option_kinds) if k == "party"]


class Sweep(Results):
    """A sweep file (seatcast sweep): root and options as a run's, then /sweep/thresholds,
    /sweep/methods (when given) and one SweepBody per body under /sweep."""

    KIND = "sweep"

    def _wrong_kind(self):
        return (f"kind is '{self.kind}': not a sweep file (seatcast sweep); "
                "a run's results are read with Results and plotted with plot_seats.py")

    def _read_bodies(self, f):
        if "sweep" not in f or "thresholds" not in f["sweep"]:
            raise ResultsError(self.path, "/sweep/thresholds: missing dataset")
        g = f["sweep"]
        self.thresholds = np.asarray(g["thresholds"][()], dtype=float)
        self.methods = [_text(x) for x in g["methods"][()]] if "methods" in g else None
        self.bodies = [SweepBody(self, g[name]) for name in sorted(g.keys())
                       if isinstance(g[name], h5py.Group)]
        if not self.bodies:
            raise ResultsError(self.path, "no body under /sweep")


def open_file(path):
    """A Sweep for a sweep file, else Results (which checks and refuses as usual)."""
    kind = None
    try:
        if os.path.isfile(path) and h5py.is_hdf5(path):
            with h5py.File(path, "r") as f:
                kind = _text(f.attrs.get("kind", "run"))
    except OSError:
        pass  # damaged: Results says so
    return Sweep(path) if kind == Sweep.KIND else Results(path)
