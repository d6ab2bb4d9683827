#!/usr/bin/python3
"""Chooses the dynamic model's default settings by the backtest, on the train group only.

    /usr/bin/python3 scripts/tune_backtest.py [--seatcast build/engine/cli/seatcast]
        [--elections scenarios/backtest/elections.toml] [-n 20000] [--horizons 0,7,30,90]
        [--points 1,1.5,...] [--deffs 1,1.5,...]

For every pair of shared_error_points and design_effect on a grid it runs
`seatcast backtest --elections ... --set model.shared_error_points=P --set
model.design_effect=D -f csv` and reads the pooled rows of the scenario's own model at
every horizon. The choice is the pair with the best pooled log score of shares on the
`train` group, averaged over the horizons (a proper score: it rewards sharp forecasts only
when they are right; one default serves every horizon), among those whose pooled train
90% intervals cover at least 85% of the truths on average over the horizons (with a few
elections a proper score alone can pick intervals that claim more than they cover); its
CRPS and coverage on the train and test groups are printed beside every other pair, so
the hold-out shows whether the choice carries over. Nothing is chosen per election.
"""

import argparse
import csv
import io
import subprocess
import sys

POINTS = [1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5]
DEFFS = [1.0, 1.5, 2.0, 3.0]


def pooled(seatcast, elections, draws, horizons, points, deff):
    """{horizon: {pooled row name: csv row}} of the forecast model."""
    out = subprocess.run(
        [seatcast, "backtest", "--elections", elections, "--horizons", horizons, "-n",
         str(draws), "-s", "1", "-f", "csv", "--set", f"model.shared_error_points={points}",
         "--set", f"model.design_effect={deff}"],
        check=True, capture_output=True, text=True).stdout
    rows = {}
    for r in csv.DictReader(io.StringIO(out)):
        if r["model"] == "forecast" and r["election"].startswith("pooled"):
            rows.setdefault(r["horizon"], {})[r["election"]] = r
    return rows


def mean_of(rows, group, column):
    values = [float(h[group][column]) for h in rows.values() if group in h]
    return sum(values) / len(values) if values else float("nan")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seatcast", default="build/engine/cli/seatcast")
    ap.add_argument("--elections", default="scenarios/backtest/elections.toml")
    ap.add_argument("-n", type=int, default=20000)
    ap.add_argument("--horizons", default="0,7,30,90")
    ap.add_argument("--points", default=",".join(map(str, POINTS)))
    ap.add_argument("--deffs", default=",".join(map(str, DEFFS)))
    a = ap.parse_args(argv)
    results = []
    for p in [float(x) for x in a.points.split(",")]:
        for d in [float(x) for x in a.deffs.split(",")]:
            results.append((p, d, pooled(a.seatcast, a.elections, a.n, a.horizons, p, d)))
    covering = [x for x in results if mean_of(x[2], "pooled-train", "share_cover_90") >= 0.85]
    best = max(covering or results,
               key=lambda x: mean_of(x[2], "pooled-train", "log_score_share"))
    print(f"means over horizons {a.horizons} of the pooled rows")
    print(f"{'points':>6} {'deff':>5} | {'train logS':>10} {'CRPS':>6} {'cov50':>6} {'cov90':>6} |"
          f" {'test logS':>9} {'CRPS':>6} {'cov50':>6} {'cov90':>6} | {'cov90 by horizon (train/test)'}")
    for p, d, rows in results:
        cells = []
        for g in ("pooled-train", "pooled-test"):
            cells.append(f"{mean_of(rows, g, 'log_score_share'):>10.3f} "
                         f"{mean_of(rows, g, 'crps_points'):>6.3f} "
                         f"{mean_of(rows, g, 'share_cover_50'):>6.2f} "
                         f"{mean_of(rows, g, 'share_cover_90'):>6.2f}")
        by = " ".join(f"{h}:{float(r['pooled-train']['share_cover_90']):.2f}/"
                      f"{float(r['pooled-test']['share_cover_90']) if 'pooled-test' in r else float('nan'):.2f}"
                      for h, r in rows.items())
        mark = " <- chosen" if (p, d) == best[:2] else ""
        print(f"{p:>6} {d:>5} | {cells[0]} | {cells[1]} | {by}{mark}")
    print(f"chosen: shared_error_points = {best[0]}, design_effect = {best[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
