"""seatcast from Python: run scenarios, allocate seats, read results as labelled arrays.

    import seatcast
    s = seatcast.Scenario.load("scenarios/kz/mazhilis-2023.toml")
    s.set("body.mazhilis.stages.list.threshold", 0.07)   # the keys of `run --set`
    r = s.run(draws=100_000, seed=1, threads=2)          # the GIL is released meanwhile
    r.seats("mazhilis")                                  # xarray (option, seats): P(seats)
    r.summary("mazhilis")                                # pandas: the printed table
    seatcast.allocate(votes, seats=69, method="hare", threshold=0.05)

The engine is the same C++ library as the command line's (the extension _seatcast);
results are the same HDF5 files, read back by seatcast.open. Reading a results file needs
only h5py, numpy, pandas and xarray (Debian's python3-* packages): `seatcast.open` works
from a checkout's python/ folder without the extension.
"""

import numpy as _np

from ._file import ResultsError
from ._results import Coalition, Results, open  # noqa: A004 (seatcast.open is the API)
from ._scenario import Scenario


def _engine():
    try:
        from . import _seatcast
    except ImportError as e:  # a checkout's python/ folder: reading works, running does not
        raise ImportError(
            "seatcast's engine (_seatcast) is not built here: build with scripts/build.sh "
            "and put <build>/python on sys.path (README, 'From Python')") from e
    return _seatcast


def _input_error(file, line, field, message):
    """An InputError worded as the engine words them: "file:line: field 'f': why"."""
    where = f"{file}:{line}" if line > 0 else file
    text = f"{where}: " + (f"field '{field}': " if field else "") + message
    err = _engine().InputError(text)
    err.file, err.line, err.field = file, line, field
    return err


def __getattr__(name):
    # seatcast.InputError and seatcast.OutputExists are the engine's own exception types.
    if name in ("InputError", "OutputExists"):
        return getattr(_engine(), name)
    raise AttributeError(f"module 'seatcast' has no attribute '{name}'")


def allocate(votes, seats, method, threshold=0.0, threshold_base="valid", strict=False,
             registered=0, tie_rule="registration-order", first_divisor=1.4, kinds=None,
             exempt=None, threads=None, passed=False, lot_seed=0):
    """Seats for every row of `votes` (integers [..., options]) by one list tier's rules.

    The exact rules of `seatcast allocate` (engine/rules/list_tier.h): a list passes with
    votes >= threshold x base (> with strict; base valid, parties, cast or registered),
    then `method` shares `seats` among the lists that pass (when none passes, all take
    part). kinds: one option kind per column (party, independent, against_all, blank,
    invalid, other; default all party); exempt: column indices exempt from the threshold.
    Rows run in parallel in C++ (threads: None = all cores) with the GIL released; a tie
    decided by lot (tie_rule="lot") is keyed by lot_seed + the row's index, so results do
    not depend on the thread count. Returns int32 seats of votes' shape, and with
    passed=True also a bool array of who passed the threshold.
    """
    v = _np.asarray(votes)
    if v.ndim < 1 or v.shape[-1] == 0:
        raise _input_error("allocate", 0, "votes", "expected an array [..., options]")
    if not _np.issubdtype(v.dtype, _np.integer):
        if not _np.issubdtype(v.dtype, _np.floating) or not _np.all(_np.mod(v, 1) == 0):
            raise _input_error("allocate", 0, "votes", "expected whole numbers of votes")
    shape = v.shape
    rows = v.reshape(-1, shape[-1]).astype(_np.int64, copy=False)
    seats_out, passed_out, _events = _engine().allocate_rows(
        rows, int(seats), str(method), float(threshold), str(threshold_base), bool(strict),
        int(registered), str(tie_rule), float(first_divisor), list(kinds or []),
        [int(e) for e in (exempt or [])], int(threads or 0), int(lot_seed))
    seats_out = seats_out.reshape(shape)
    return (seats_out, passed_out.reshape(shape)) if passed else seats_out


__all__ = ["Scenario", "Results", "Coalition", "ResultsError", "InputError", "OutputExists",
           "allocate", "open"]
