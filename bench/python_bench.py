#!/usr/bin/python3
"""Speed of seatcast from Python (bench/RESULTS.md, "From Python").

    PYTHONPATH=build/python /usr/bin/python3 bench/python_bench.py [--build build]

1. seatcast.allocate on 10^6 rows of 8 options (Hare, 69 seats, 5% of the valid votes),
   at 1 and 2 threads, against the same rule written in NumPy as a Python user would
   (vectorised whole parts, remainders ranked by a stable argsort); both must agree.
2. Scenario.run against `seatcast run` on the same scenario, draws, seed and threads
   (scenarios/kz/mazhilis-2023.toml, 3 x 10^6 draws, 2 threads): wall time, best of 3.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time

import numpy as np


def rows_of_votes(rows, options, seed=20261203):
    rng = np.random.default_rng(seed)
    w = rng.gamma(2.0, 1.0, size=(rows, options))
    w[:, 0] *= 6
    return (7_000_000 * w / w.sum(axis=1, keepdims=True)).astype(np.int64)


def numpy_hare(votes, seats, threshold):
    """Hare with a threshold of the valid votes, in NumPy (ties: the earlier list)."""
    base = votes.sum(axis=1, keepdims=True)
    passed = votes * 100 >= int(round(threshold * 100)) * base
    v = np.where(passed, votes, 0)
    total = v.sum(axis=1, keepdims=True)
    whole, rem = np.divmod(v * seats, total)
    left = seats - whole.sum(axis=1)
    order = np.argsort(-rem, axis=1, kind="stable")
    rank = np.empty_like(order)
    np.put_along_axis(rank, order, np.arange(votes.shape[1])[None, :].repeat(len(v), 0), 1)
    return whole + (rank < left[:, None])


def best_of(n, fn):
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build", default=os.path.join(os.path.dirname(__file__), "..", "build"))
    a = ap.parse_args()
    sys.path.insert(0, os.path.join(a.build, "python"))
    import seatcast

    votes = rows_of_votes(1_000_000, 8)
    ours = seatcast.allocate(votes, 69, "hare", threshold=0.05, threads=2)
    theirs = numpy_hare(votes, 69, 0.05)
    assert np.array_equal(ours, theirs), "seatcast and the NumPy rule disagree"
    print("== seatcast.allocate, 10^6 rows x 8 options, Hare 69 seats over 5%")
    for threads in (1, 2):
        t = best_of(5, lambda: seatcast.allocate(votes, 69, "hare", threshold=0.05,
                                                 threads=threads))
        print(f"seatcast.allocate  threads={threads}: {t * 1e3:7.1f} ms  {1e6 / t / 1e6:6.2f} M rows/s")
    t = best_of(3, lambda: numpy_hare(votes, 69, 0.05))
    print(f"NumPy (vectorised)           : {t * 1e3:7.1f} ms  {1e6 / t / 1e6:6.2f} M rows/s")

    root = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
    scenario = os.path.join(root, "scenarios", "kz", "mazhilis-2023.toml")
    exe = os.path.join(a.build, "engine", "cli", "seatcast")
    draws = 3_000_000
    print(f"== run: {os.path.relpath(scenario, root)}, {draws} draws, 2 threads, best of 3")
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "r.h5")
        cli = best_of(3, lambda: subprocess.run(
            [exe, "run", scenario, "-n", str(draws), "--seed", "1", "--threads", "2", "-q",
             "--force", "-o", out], check=True))
        s = seatcast.Scenario.load(scenario)
        py = best_of(3, lambda: s.run(draws=draws, seed=1, threads=2, output=out,
                                      overwrite=True, progress=False))
    print(f"seatcast run (CLI)   : {cli:6.3f} s  {draws / cli / 1e6:5.2f} M draws/s")
    print(f"Scenario.run (Python): {py:6.3f} s  {draws / py / 1e6:5.2f} M draws/s  "
          f"({100 * (py / cli - 1):+.1f}% against the CLI)")


if __name__ == "__main__":
    main()
