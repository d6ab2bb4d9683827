"""Scenario: a scenario file (or text) with overrides, run and allocated by the engine.

Overrides are the dotted keys of `seatcast run --set KEY=VALUE` (README, "Changing a
setting from the command line"): tables by name, arrays of tables by position or by the
`id` of an entry, so "body.mazhilis.stages.list.threshold" and "body.0.stages.0.threshold"
name the same value. Each set() re-reads the scenario at once, so a bad key or value
raises InputError there, naming the key.
"""

import io
import json
import math
import os
import shutil
import tempfile

import pandas as pd


def _toml_value(value):
    """A Python value written as the TOML value `--set` reads."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value} is not a value a scenario can hold")
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)  # a TOML basic string: JSON's escapes are TOML's
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write a {type(value).__name__} as a scenario value")


class _Progress:
    """progress=True: a tqdm bar when tqdm is installed, else nothing."""

    def __init__(self, progress):
        self.callback, self.bar = None, None
        if callable(progress):
            self.callback = progress
        elif progress:
            try:
                from tqdm.auto import tqdm
            except ImportError:
                return
            self._tqdm = tqdm
            self.callback = self._update

    def _update(self, done, total):
        if self.bar is None:
            self.bar = self._tqdm(total=total, unit="draw", unit_scale=True, desc="seatcast")
        self.bar.update(done - self.bar.n)

    def close(self):
        if self.bar is not None:
            self.bar.close()


class Scenario:
    """A scenario, as `seatcast run` reads it; build with Scenario.load or from_toml."""

    def __init__(self, source, text=None):
        # source: the file's path; text: the scenario's text when it is not read from a file
        self._source, self._text, self._sets = source, text, []
        self._loaded = self._load()

    @classmethod
    def load(cls, path):
        """The scenario file at `path` (its data files are found beside it, as on the CLI)."""
        return cls(os.fspath(path))

    @classmethod
    def from_toml(cls, text, name="<scenario text>"):
        """A scenario from its TOML text. Relative data paths are read from the current
        directory; `name` is what error messages and the results file call it."""
        return cls(name, text)

    def _load(self, sets=None):
        from . import _engine
        sets = self._sets if sets is None else sets
        if self._text is None:
            return _engine().load(self._source, sets)
        return _engine().from_text(self._text, self._source, sets)

    def set(self, key, value):
        """Changes one setting (a dotted key, as `run --set`); returns the scenario."""
        sets = self._sets + [f"{key}={_toml_value(value)}"]
        self._loaded = self._load(sets)  # raises InputError, leaving the scenario as it was
        self._sets = sets
        return self

    def copy(self):
        other = Scenario.__new__(Scenario)
        other._source, other._text, other._sets = self._source, self._text, list(self._sets)
        other._loaded = self._loaded
        return other

    @property
    def overrides(self):
        """The settings changed so far, as `--set` arguments."""
        return list(self._sets)

    @property
    def name(self):
        return self._loaded.name

    @property
    def file(self):
        return self._loaded.file

    @property
    def text(self):
        """The scenario's text as a run records it (overrides appended as comments)."""
        return self._loaded.text

    @property
    def options(self):
        return list(self._loaded.options)

    @property
    def bodies(self):
        return list(self._loaded.bodies)

    @property
    def draws(self):
        return self._loaded.draws

    @property
    def seed(self):
        return self._loaded.seed

    def run(self, draws=None, seed=None, threads=None, keep_draws=False, output=None,
            overwrite=False, progress=True):
        """Runs the scenario and returns its Results.

        draws, seed: the scenario's [run] values unless given; threads: None = all cores
        (results do not depend on it). output: the results file to write (refused if it
        exists, unless overwrite=True); None = a temporary file that lives as long as the
        Results (Results.save copies it). keep_draws: also store every draw (needed for
        Results.coalition of coalitions the scenario does not name). progress: True = a
        tqdm bar when tqdm is installed, a callable(done, total), or False. The GIL is
        released while the draws run; Ctrl-C stops the run and writes nothing.
        """
        from . import _engine
        from ._results import Results
        tmpdir = None
        if output is None:
            tmpdir = tempfile.mkdtemp(prefix="seatcast-")
            path = os.path.join(tmpdir, "results.h5")
        else:
            path = os.fspath(output)
        bar = _Progress(progress)
        try:
            info = _engine().run(self._loaded, path, draws=int(draws or 0),
                                 seed=None if seed is None else int(seed),
                                 threads=int(threads or 0), keep_draws=bool(keep_draws),
                                 overwrite=bool(overwrite), progress=bar.callback)
        except BaseException:
            if tmpdir:
                shutil.rmtree(tmpdir, ignore_errors=True)
            raise
        finally:
            bar.close()
        results = Results(path, _owned_dir=tmpdir)
        results.run_seconds = info["seconds"]
        results.threads = info["threads"]
        return results

    def allocate(self, votes, body=None):
        """Counted votes through one body's stages (`seatcast allocate --scenario`).

        votes: a pandas DataFrame (or a CSV path) in the long form area, option, votes
        [, ballot]. Returns a DataFrame area, option, seats: one row per area and option
        that stands there, then the rows of area "total", as the command's CSV.
        """
        from . import _engine
        if isinstance(votes, (str, os.PathLike)):
            name = os.fspath(votes)
            with open(name, encoding="utf-8") as f:
                text = f.read()
        else:
            name = "votes table"
            buf = io.StringIO()
            pd.DataFrame(votes).to_csv(buf, index=False)
            text = buf.getvalue()
        body_id, rows, uncounted = _engine().allocate_table(self._loaded, body or "", text,
                                                            name)
        out = pd.DataFrame(rows, columns=["area", "option", "seats"])
        out.attrs["body"] = body_id
        out.attrs["uncounted_tiers"] = list(uncounted)  # tiers the table gave no votes
        return out

    def __repr__(self):
        extra = f", {len(self._sets)} overrides" if self._sets else ""
        return f"<seatcast.Scenario {self.name or self.file!r}{extra}>"

