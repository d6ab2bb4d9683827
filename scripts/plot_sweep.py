#!/usr/bin/python3
"""Expected seats and the chance of entering parliament against the threshold, from a
`seatcast sweep` file, as a PNG.

    /usr/bin/python3 scripts/plot_sweep.py sweep.h5 -o sweep.png [--body mazhilis]
                     [--width 10 --height 7 --dpi 100]

Two panels share the threshold axis (percent): expected list seats per party, and the
probability that the party passes the threshold. One line per party (colour) and, when
the sweep compared methods, per method (line style). A dotted vertical line marks the
body's own threshold. Every setting was evaluated on the same draws, so the lines are
smooth and their differences are paired. The image is exactly width*dpi x height*dpi
pixels. Exit status 2 for a file that is not a readable sweep file.
"""

import argparse
import io
import os
import sys
import textwrap

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import matplotlib  # noqa: E402

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402

from seatcast_results import ResultsError, Sweep  # noqa: E402

LINE_STYLES = ("-", "--", ":", "-.", (0, (5, 1)), (0, (3, 1, 1, 1)), (0, (1, 2)),
               (0, (5, 5)), (0, (3, 5, 1, 5)), (0, (1, 1)), (0, (4, 1, 1, 1, 1, 1)))


def fit_width(fig, text, room):
    """Wraps `text` (a Text artist of fig) onto more lines, and failing that shrinks its font,
    until it is at most `room(fig)` pixels wide once laid out. A title wider than the figure
    is cut at both edges (a centred suptitle) or at the right (a left-aligned axes title)."""
    renderer = fig.canvas.get_renderer()
    lines = text.get_text().split("\n")
    longest = max(len(line) for line in lines)
    columns = longest
    while True:
        fig.canvas.draw()  # runs the constrained layout, which moves the axes titles
        if text.get_window_extent(renderer).width <= room(fig):
            return
        if columns > 20:
            columns = max(20, int(columns * 0.85))
            text.set_text("\n".join(textwrap.fill(line, columns) for line in lines))
        elif text.get_fontsize() > 6:
            text.set_fontsize(text.get_fontsize() - 1)
        else:
            return  # nothing smaller is readable


def make_figure(sweep, body, width, height, dpi):
    """The two-panel figure of one body of a sweep, width x height inches at dpi."""
    fig, (seats_ax, pass_ax) = plt.subplots(2, 1, figsize=(width, height), dpi=dpi,
                                            sharex=True, layout="constrained")
    x = 100 * sweep.thresholds
    methods = sweep.methods or [body.list_method or "own method"]
    cmap = plt.get_cmap("tab10")
    parties = body.lists()
    marker = "o" if len(x) <= 25 else None
    for i, o in enumerate(parties):
        colour = cmap(i % 10)
        for m, method in enumerate(methods):
            style = LINE_STYLES[m % len(LINE_STYLES)]
            seats_ax.plot(x, body.mean_seats[:, m, o], color=colour, linestyle=style,
                          marker=marker, markersize=3, linewidth=1.4)
            pass_ax.plot(x, body.p_passed[:, m, o], color=colour, linestyle=style,
                         marker=marker, markersize=3, linewidth=1.4)
    for ax in (seats_ax, pass_ax):
        if body.list_threshold == body.list_threshold:  # not NaN
            ax.axvline(100 * body.list_threshold, color="grey", linestyle=":", linewidth=1)
        ax.grid(alpha=0.3)
    seats_ax.set_ylabel("expected list seats")
    seats_ax.set_ylim(bottom=0)
    seats = f"{body.seats} list seat{'' if body.seats == 1 else 's'}"
    axes_title = seats_ax.set_title(f"{body.id}: {seats}; dotted line: the scenario's "
                                    f"threshold ({100 * body.list_threshold:g}%)", loc="left",
                                    fontsize=10)
    pass_ax.set_ylabel("P(passes the threshold)")
    pass_ax.set_ylim(-0.02, 1.02)
    pass_ax.set_xlabel("threshold (% of the base)")
    handles = [Line2D([], [], color=cmap(i % 10), linewidth=2)
               for i in range(len(parties))]
    labels = [sweep.option_names[o] for o in parties]
    if sweep.methods:
        handles += [Line2D([], [], color="black", linestyle=LINE_STYLES[m % len(LINE_STYLES)])
                    for m in range(len(methods))]
        labels += methods
    seats_ax.legend(handles, labels, fontsize=8, loc="center left", bbox_to_anchor=(1.01, 0.5),
                    frameon=False)
    # The scenario's name and the run's facts on lines of their own, each wrapped to the
    # figure's width: one line of both was wider than a 10-inch figure for the Mazhilis.
    draws = f"{sweep.draws:,} draw{'' if sweep.draws == 1 else 's'}"
    title = fig.suptitle(f"{sweep.title}\n{draws}, seed {sweep.seed}, the same draws for every "
                         f"setting", fontsize=11)
    margin = 0.02 * width * dpi
    fit_width(fig, title, lambda f: f.bbox.width - 2 * margin)
    fit_width(fig, axes_title,
              lambda f: f.bbox.width - margin - seats_ax.get_window_extent().x0)
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
    ap.add_argument("sweep", help="sweep file (HDF5) written by seatcast sweep")
    ap.add_argument("-o", "--output", required=True, help="PNG file to write")
    ap.add_argument("--body", help="the body to plot (its id); default: the first")
    ap.add_argument("--width", type=float, default=10, help="inches (default 10)")
    ap.add_argument("--height", type=float, default=7, help="inches (default 7)")
    ap.add_argument("--dpi", type=float, default=100, help="pixels per inch (default 100)")
    a = ap.parse_args(argv)
    if a.width <= 0 or a.height <= 0 or a.dpi <= 0:
        ap.error("--width, --height and --dpi must be positive")
    try:
        s = Sweep(a.sweep)
        body = s.body(a.body)
    except ResultsError as e:
        print(f"plot_sweep: error: {e}", file=sys.stderr)
        return 2
    data = png_bytes(make_figure(s, body, a.width, a.height, a.dpi), a.dpi)
    with open(a.output, "wb") as out:
        out.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
