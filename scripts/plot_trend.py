#!/usr/bin/python3
"""The poll trend of a seatcast run (model type polls-dynamic) as a PNG.

    /usr/bin/python3 scripts/plot_trend.py out.h5 -o trend.png [--width 10 --height 6 --dpi 100]

One line per polled option: the trend's median share on each day, with its central 50%
and 90% intervals as bands (the state of vote intention, without the election-day
error), and the polls as points (each poll's shares among the options it reported).
The right edge is election day. Exit status 2 for a file without a trend
(/model/trend is written only for polls-dynamic) or that is not a results file.
"""

import argparse
import datetime
import io
import sys

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


class TrendError(ValueError):
    pass


def read_trend(path):
    """The trend group as plain arrays: dates, options, median, bands, polls."""
    try:
        with h5py.File(path, "r") as f:
            if "model/trend" not in f:
                raise TrendError(f"{path}: no /model/trend (the model is not polls-dynamic)")
            t = f["model/trend"]
            out = {k: t[k][()] for k in ("median", "lower_50", "upper_50", "lower_90", "upper_90")}
            out["options"] = [s.decode() for s in t["options"][()]]
            out["dates"] = [datetime.date.fromisoformat(s.decode()) for s in t["dates"][()]]
            out["poll_dates"] = [datetime.date.fromisoformat(s.decode())
                                 for s in t["polls/date"][()]]
            out["poll_percent"] = t["polls/percent"][()]
            out["drift"] = float(t.attrs["drift"])
            return out
    except (OSError, KeyError) as e:
        raise TrendError(f"{path}: not a readable seatcast results file with a trend ({e})")


def trend_figure(trend, width=10, height=6, dpi=100):
    fig, ax = plt.subplots(figsize=(width, height), dpi=dpi)
    dates = trend["dates"]
    pct = trend["poll_percent"]
    reported = np.nansum(pct, axis=1, keepdims=True)
    colours = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for k, option in enumerate(trend["options"]):
        c = colours[k % len(colours)]
        ax.fill_between(dates, 100 * trend["lower_90"][:, k], 100 * trend["upper_90"][:, k],
                        color=c, alpha=0.15, linewidth=0)
        ax.fill_between(dates, 100 * trend["lower_50"][:, k], 100 * trend["upper_50"][:, k],
                        color=c, alpha=0.3, linewidth=0)
        ax.plot(dates, 100 * trend["median"][:, k], color=c, linewidth=1.5, label=option)
        ax.scatter(trend["poll_dates"], 100 * pct[:, k] / reported[:, 0], color=c, s=6, alpha=0.6)
    ax.axvline(dates[-1], color="#555", linestyle="--", linewidth=1)
    ax.set_ylabel("share of the vote (%)")
    ax.set_title(f"Poll trend to election day {dates[-1].isoformat()} "
                 f"(daily drift {trend['drift']:.4f}; bands: 50% and 90%)")
    ax.legend(loc="upper left", fontsize="small", ncol=2)
    ax.grid(alpha=0.3)
    fig.autofmt_xdate()
    fig.tight_layout()
    return fig


def png_bytes(fig, dpi):
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    plt.close(fig)
    return buf.getvalue()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("results")
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--width", type=float, default=10)
    ap.add_argument("--height", type=float, default=6)
    ap.add_argument("--dpi", type=int, default=100)
    a = ap.parse_args(argv)
    try:
        trend = read_trend(a.results)
    except TrendError as e:
        print(f"plot_trend: error: {e}", file=sys.stderr)
        return 2
    with open(a.output, "wb") as out:
        out.write(png_bytes(trend_figure(trend, a.width, a.height, a.dpi), a.dpi))
    return 0


if __name__ == "__main__":
    sys.exit(main())
