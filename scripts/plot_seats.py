#!/usr/bin/python3
"""Seat distributions of a seatcast run, one row per party, as a PNG.

    /usr/bin/python3 scripts/plot_seats.py out.h5 -o seats.png [--body mazhilis]
                     [--width 10 --height 6 --dpi 100]

Every option that won a seat in any draw gets a row: its seat histogram drawn as a
violin (bar height = probability of that many seats, scaled per row), a dot at the
median and a line over the 90% interval. Dashed vertical lines mark the body's
majority and two-thirds thresholds. Without --body every body of the file gets a panel.
The image is exactly width*dpi x height*dpi pixels. Exit status 2 for a file that is not
a readable seatcast results file.
"""

import argparse
import io
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import matplotlib  # noqa: E402

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from seatcast_results import Results, ResultsError  # noqa: E402

MAJORITY_COLOUR = "#c0392b"
TWO_THIRDS_COLOUR = "#7d3c98"


def parties_with_seats(body):
    """Indices of the options that won at least one seat in some draw, in ballot order."""
    return [o for o in range(len(body.results.options)) if body.seats_total[o, 1:].sum() > 0]


def plot_body(ax, body):
    """Draws one body's seat distributions on `ax`."""
    r = body.results
    rows = parties_with_seats(body)
    summary = body.summary()
    cmap = plt.get_cmap("tab10")
    seats = np.arange(body.seats + 1)
    for i, o in enumerate(rows):
        y = len(rows) - 1 - i  # first party on top
        p = body.distribution(o)
        half = 0.42 * p / p.max()
        keep = p > 0
        ax.bar(seats[keep], 2 * half[keep], bottom=y - half[keep], width=0.9,
               color=cmap(i % 10), alpha=0.75, linewidth=0)
        s = summary[o]
        ax.plot([s["q05"], s["q95"]], [y, y], color="black", linewidth=1)
        ax.plot([s["q50"]], [y], "o", color="black", markersize=3)
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels([r.option_names[o] for o in reversed(rows)])
    ax.set_ylim(-0.6, max(len(rows), 1) - 0.4)
    ax.set_xlim(-0.5, body.seats + 0.5)
    ax.set_xlabel("seats")
    for line, label, colour in ((body.majority, "majority", MAJORITY_COLOUR),
                                (body.two_thirds, "two thirds", TWO_THIRDS_COLOUR)):
        ax.axvline(line - 0.5, color=colour, linestyle="--", linewidth=1)
        ax.text(line - 0.5, 1.0, f" {label} {line}", transform=ax.get_xaxis_transform(),
                color=colour, fontsize=8, ha="left", va="bottom")
    ax.set_title(f"{body.name}: {body.seats} seats", loc="left", fontsize=10, pad=14)
    ax.grid(axis="x", alpha=0.3)
    if not rows:
        ax.text(0.5, 0.5, "no option won a seat", transform=ax.transAxes, ha="center")


def make_figure(results, bodies, width, height, dpi):
    """A figure with one panel per body, width x height inches at dpi."""
    fig, axes = plt.subplots(len(bodies), 1, figsize=(width, height), dpi=dpi,
                             squeeze=False, layout="constrained")
    for ax, body in zip(axes[:, 0], bodies):
        plot_body(ax, body)
    fig.suptitle(f"{results.title}  ({results.draws:,} draws, seed {results.seed})",
                 fontsize=11)
    return fig


def png_bytes(fig, dpi):
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    plt.close(fig)
    return buf.getvalue()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog=__doc__.split("\n\n", 2)[2])
    ap.add_argument("results", help="results file (HDF5) written by seatcast run")
    ap.add_argument("-o", "--output", required=True, help="PNG file to write")
    ap.add_argument("--body", help="only this elected body (its id); default: every body")
    ap.add_argument("--width", type=float, default=10, help="inches (default 10)")
    ap.add_argument("--height", type=float, default=6, help="inches (default 6)")
    ap.add_argument("--dpi", type=float, default=100, help="pixels per inch (default 100)")
    a = ap.parse_args(argv)
    if a.width <= 0 or a.height <= 0 or a.dpi <= 0:
        ap.error("--width, --height and --dpi must be positive")
    try:
        r = Results(a.results)
        bodies = [r.body(a.body)] if a.body else r.bodies
    except ResultsError as e:
        print(f"plot_seats: error: {e}", file=sys.stderr)
        return 2
    data = png_bytes(make_figure(r, bodies, a.width, a.height, a.dpi), a.dpi)
    with open(a.output, "wb") as out:
        out.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
