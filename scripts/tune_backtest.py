#!/usr/bin/python3
"""Chooses the dynamic model's default settings by the backtest, on the train group only.

    /usr/bin/python3 scripts/tune_backtest.py [--seatcast build/engine/cli/seatcast]
        [--elections scenarios/backtest/elections.toml] [-n 20000] [--horizon 0]

For every pair of shared_error_points and design_effect on a grid it runs
`seatcast backtest --elections ... --set model.shared_error_points=P --set
model.design_effect=D -f csv` and reads the pooled rows of the scenario's own model.
The choice is the pair with the best pooled log score of shares on the `train` group
(a proper score: it rewards sharp forecasts only when they are right) among those whose
pooled train 90% intervals cover at least 85% of the truths (with a few elections a
proper score alone can pick intervals that claim more than they cover); its CRPS and
coverage on the train and test groups are printed beside every other pair, so the
hold-out shows whether the choice carries over. Nothing is chosen per election.
"""

import argparse
import csv
import io
import subprocess
import sys

POINTS = [1.0, 1.5, 2.0, 2.5, 3.0, 3.5]
DEFFS = [1.0, 1.5, 2.0, 3.0, 4.0]


def pooled(seatcast, elections, draws, horizon, points, deff):
    out = subprocess.run(
        [seatcast, "backtest", "--elections", elections, "--horizons", str(horizon), "-n",
         str(draws), "-s", "1", "-f", "csv", "--set", f"model.shared_error_points={points}",
         "--set", f"model.design_effect={deff}"],
        check=True, capture_output=True, text=True).stdout
    rows = {}
    for r in csv.DictReader(io.StringIO(out)):
        if r["model"] == "forecast" and r["election"].startswith("pooled"):
            rows[r["election"]] = r
    return rows


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seatcast", default="build/engine/cli/seatcast")
    ap.add_argument("--elections", default="scenarios/backtest/elections.toml")
    ap.add_argument("-n", type=int, default=20000)
    ap.add_argument("--horizon", type=int, default=0)
    a = ap.parse_args(argv)
    results = []
    for p in POINTS:
        for d in DEFFS:
            rows = pooled(a.seatcast, a.elections, a.n, a.horizon, p, d)
            results.append((p, d, rows))
    covering = [x for x in results if float(x[2]["pooled-train"]["share_cover_90"]) >= 0.85]
    best = max(covering or results, key=lambda x: float(x[2]["pooled-train"]["log_score_share"]))
    print(f"{'points':>6} {'deff':>5} | {'train logS':>10} {'CRPS':>6} {'cov50':>6} {'cov90':>6} |"
          f" {'test logS':>9} {'CRPS':>6} {'cov50':>6} {'cov90':>6}")
    for p, d, rows in results:
        tr, te = rows["pooled-train"], rows.get("pooled-test")
        mark = " <- chosen" if (p, d) == best[:2] else ""
        line = (f"{p:>6} {d:>5} | {float(tr['log_score_share']):>10.3f} {float(tr['crps_points']):>6.3f}"
                f" {float(tr['share_cover_50']):>6.2f} {float(tr['share_cover_90']):>6.2f} |")
        if te:
            line += (f" {float(te['log_score_share']):>9.3f} {float(te['crps_points']):>6.3f}"
                     f" {float(te['share_cover_50']):>6.2f} {float(te['share_cover_90']):>6.2f}")
        print(line + mark)
    print(f"chosen: shared_error_points = {best[0]}, design_effect = {best[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
