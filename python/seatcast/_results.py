"""Results: a run's results file as labelled arrays (xarray) and tables (pandas).

Everything is read from the HDF5 file of the run (the layout of README, "The results
file"), checked on opening by seatcast._file.Results, so a file written by the command
line and one written from Python read the same. Probabilities are counts / draws.
"""

import os
import shutil
import weakref

import h5py
import numpy as np
import pandas as pd
import xarray as xr

from ._file import QUANTILES, ResultsError, Sweep, _text, histogram_mean, histogram_quantile
from ._file import Results as _FileResults


def open(path):  # noqa: A001 (seatcast.open is the API)
    """The results file at `path`: a Results for a run, a seatcast._file.Sweep for a sweep."""
    path = os.fspath(path)
    try:
        with h5py.File(path, "r") as f:
            kind = _text(f.attrs.get("kind", "run"))
    except OSError:
        kind = "run"  # damaged or missing: Results says so
    return Sweep(path) if kind == "sweep" else Results(path)


class Coalition:
    """The seats of a set of options together, draw by draw.

    seats: xarray (seats) of P(the members hold s seats); p_majority / p_two_thirds: of
    each draw's own house size where it varies (a compensated house), else of the body's.
    """

    def __init__(self, members, body, counts, majority_hits, two_thirds_hits, draws):
        self.members, self.body, self.draws = list(members), body, int(draws)
        p = counts / float(draws)
        self.seats = xr.DataArray(p, dims=["seats"], coords={"seats": np.arange(len(p))},
                                  name="probability",
                                  attrs={"body": body, "members": ",".join(self.members)})
        self.mean = histogram_mean(counts)
        self.quantiles = {k: histogram_quantile(counts, q) for k, q in QUANTILES}
        self.p_majority = majority_hits / float(draws)
        self.p_two_thirds = two_thirds_hits / float(draws)

    def __repr__(self):
        return (f"<Coalition {'+'.join(self.members)} in {self.body}: mean {self.mean:.2f}, "
                f"P(majority) {self.p_majority:.4f}>")


class Results:
    """A run's results. bodies, options, draws, seed; seats(), summary(), coalition()."""

    def __init__(self, path, _owned_dir=None):
        self.path = os.fspath(path)
        self._file = _FileResults(self.path)  # checks the whole file (ResultsError)
        self.run_seconds = None
        self.threads = None
        if _owned_dir:  # a temporary file of Scenario.run: removed with this object
            self._cleanup = weakref.finalize(self, shutil.rmtree, _owned_dir, True)

    # --- the run -------------------------------------------------------------------
    @property
    def draws(self):
        return self._file.draws

    @property
    def seed(self):
        return self._file.seed

    @property
    def options(self):
        return list(self._file.options)

    @property
    def option_names(self):
        return list(self._file.option_names)

    @property
    def option_kinds(self):
        return list(self._file.option_kinds)

    @property
    def bodies(self):
        return [b.id for b in self._file.bodies]

    @property
    def scenario_text(self):
        return self._file.scenario

    @property
    def title(self):
        return self._file.title

    def save(self, path, overwrite=False):
        """Copies the results file to `path` (refused if it exists, unless overwrite)."""
        path = os.fspath(path)
        if os.path.exists(path) and not overwrite:
            raise FileExistsError(f"{path} exists already: pass overwrite=True to replace it")
        tmp = path + ".partial"
        shutil.copyfile(self.path, tmp)
        os.replace(tmp, path)
        return path

    def _body(self, body):
        return self._file.body(body)

    def _group(self, f, body):
        return f[self._body(body).id]

    # --- seat distributions ----------------------------------------------------------
    def _distribution(self, counts, body, what):
        p = np.asarray(counts, dtype=np.float64) / self.draws
        return xr.DataArray(
            p, dims=["option", "seats"],
            coords={"option": self.options, "seats": np.arange(p.shape[1]),
                    "name": ("option", self.option_names)},
            name="probability", attrs={"body": body, "seats_of": what, "draws": self.draws})

    def seats(self, body=None, tier=None):
        """P(option o wins s seats): xarray (option, seats) of the body's total, or of one
        tier (an allocate or districts stage's id; tiers() lists them)."""
        b = self._body(body)
        if tier is None:
            return self._distribution(b.seats_total, b.id, "total")
        with h5py.File(self.path, "r") as f:
            g = f[b.id]
            if "tiers" not in g or tier not in g["tiers"]:
                raise ResultsError(self.path, f"/{b.id}: no tier '{tier}' (it has: "
                                   f"{', '.join(self.tiers(b.id)) or 'none'})")
            counts = g["tiers"][tier]["seats"][()]
        return self._distribution(counts, b.id, tier)

    def tiers(self, body=None):
        """The body's tiers (allocate and districts stages), in stage order."""
        b = self._body(body)
        with h5py.File(self.path, "r") as f:
            g = f[b.id]
            return [_text(t) for t in g["tier_order"][()]] if "tier_order" in g else []

    def area_seats(self, body=None, tier=None):
        """P(option o wins s seats in area a of a tier): xarray (area, option, seats), for
        runs whose scenario asks for area_results; for single-member areas seats is 0..1,
        so .sel(seats=1) is the probability that each option wins each area."""
        b = self._body(body)
        with h5py.File(self.path, "r") as f:
            g = f[b.id]
            tiers = [t for t in self.tiers(b.id)
                     if "area_seats" in g["tiers"][t]] if "tiers" in g else []
            if tier is None and len(tiers) == 1:
                tier = tiers[0]
            if tier not in tiers:
                raise ResultsError(self.path, f"/{b.id}: no per-area seats for tier "
                                   f"'{tier}' (tiers with them: {', '.join(tiers) or 'none'}; "
                                   "set area_results = true in the scenario's [run])")
            t = g["tiers"][tier]
            counts = t["area_seats"][()]
            level = _text(t.attrs.get("level", ""))
            areas = ([_text(a) for a in g["levels"][level]["areas"][()]]
                     if level and "levels" in g and level in g["levels"]
                     else [str(a) for a in range(counts.shape[0])])
        p = counts.astype(np.float64) / self.draws
        return xr.DataArray(p, dims=["area", "option", "seats"],
                            coords={"area": areas, "option": self.options,
                                    "seats": np.arange(p.shape[2])},
                            name="probability",
                            attrs={"body": b.id, "tier": tier, "level": level})

    def passed(self, body=None):
        """P(option o passes the threshold): xarray (option)."""
        b = self._body(body)
        return xr.DataArray(b.passed_threshold / float(self.draws), dims=["option"],
                            coords={"option": self.options}, name="p_passed")

    def summary(self, body=None):
        """The printed table's columns per option: pandas DataFrame indexed by option."""
        b = self._body(body)
        frame = pd.DataFrame(b.summary()).set_index("option")
        frame.attrs.update(body=b.id, seats=b.seats, majority=b.majority, draws=self.draws)
        return frame

    # --- kept draws ------------------------------------------------------------------
    def _kept(self, f, what):
        if "draws" not in f or what not in f["draws"]:
            raise ResultsError(self.path, "no kept draws in this file: run with "
                               "keep_draws=True (seatcast run --keep-draws) to ask about "
                               "coalitions or draws the scenario did not name")
        return f["draws"]

    def draws_seats(self, body=None):
        """Every draw's total seats: xarray (draw, option), from kept draws."""
        b = self._body(body)
        with h5py.File(self.path, "r") as f:
            d = self._kept(f, "seats")
            order = [_text(x) for x in d["bodies"][()]]
            seats = d["seats"][:, order.index(b.id), :]
        return xr.DataArray(seats, dims=["draw", "option"], coords={"option": self.options},
                            name="seats", attrs={"body": b.id})

    def draws_shares(self):
        """Every draw's vote shares: xarray (draw, option), from kept draws."""
        with h5py.File(self.path, "r") as f:
            shares = self._kept(f, "shares")["shares"][()]
        return xr.DataArray(shares, dims=["draw", "option"], coords={"option": self.options},
                            name="share")

    def coalition(self, members, body=None):
        """The seats of `members` (option ids) together: a Coalition.

        A coalition the scenario named is read from its histogram; any other needs the
        run's kept draws (keep_draws=True), and is counted draw by draw, with majorities
        of each draw's own house size."""
        b = self._body(body)
        members = list(members)
        unknown = [m for m in members if m not in self.options]
        if unknown or not members:
            raise ValueError(f"unknown option(s) {unknown} (options: {', '.join(self.options)})"
                             if unknown else "a coalition needs at least one member")
        index = sorted(self.options.index(m) for m in members)
        with h5py.File(self.path, "r") as f:
            g = f[b.id]
            varies = bool(g.attrs.get("house_varies", 0))
            if "coalitions" in g and not varies:
                c = g["coalitions"]
                for k, named in enumerate(c["members"][()] if "members" in c else []):
                    # option indices, comma-separated
                    if sorted(int(i) for i in _text(named).split(",") if i) == index:
                        counts = np.asarray(c["seats"][k], dtype=np.uint64)
                        major = counts[b.majority:].sum()
                        two = counts[b.two_thirds:].sum()
                        return Coalition(members, b.id, counts, major, two, self.draws)
            d = self._kept(f, "seats")
            order = [_text(x) for x in d["bodies"][()]]
            seats = d["seats"][:, order.index(b.id), :].astype(np.int64)
        together = seats[:, index].sum(axis=1)
        if not varies:
            major, two = together >= b.majority, together >= b.two_thirds
        else:  # each draw's own house: more than half, at least two thirds (rounded up)
            house = seats.sum(axis=1)
            major, two = 2 * together > house, 3 * together >= 2 * house
        counts = np.bincount(together, minlength=b.seats_total.shape[1]).astype(np.uint64)
        return Coalition(members, b.id, counts, int(major.sum()), int(two.sum()), self.draws)

    # --- the model's trend ------------------------------------------------------------
    def trend(self):
        """The dynamic poll model's daily trend: xarray Dataset (date, option) of median,
        lower_50, upper_50, lower_90, upper_90 (shares), or None for other models."""
        with h5py.File(self.path, "r") as f:
            if "model" not in f or "trend" not in f["model"]:
                return None
            t = f["model"]["trend"]
            dates = pd.to_datetime([_text(x) for x in t["dates"][()]])
            options = [_text(x) for x in t["options"][()]]
            data = {k: (("date", "option"), t[k][()])
                    for k in ("median", "lower_50", "upper_50", "lower_90", "upper_90")}
            attrs = {k: (v.item() if hasattr(v, "item") else _text(v))
                     for k, v in t.attrs.items()}
        return xr.Dataset(data, coords={"date": dates, "option": options}, attrs=attrs)

    def __repr__(self):
        return (f"<seatcast.Results {self.title!r}: {self.draws} draws, "
                f"bodies {', '.join(self.bodies)}>")
