#!/usr/bin/python3
"""A one-page HTML report of a seatcast run, self-contained (figures embedded as PNG).

    /usr/bin/python3 scripts/report.py out.h5 -o report.html [--body mazhilis]

The page shows the run (scenario name, seed, draws, seatcast version), the poll trend
(scripts/plot_trend.py) when the model is polls-dynamic, for each body its
seat-distribution figure (as scripts/plot_seats.py draws it) and a summary table per
option (P(pass), P(seat), mean, median, 50% and 90% intervals, P(majority),
P(two thirds)), and the scenario file's text in a collapsible block. Exit status 2 for
a file that is not a readable seatcast results file.

Given a sweep file (seatcast sweep) instead, the page shows for each body the sweep
figure of scripts/plot_sweep.py and a table per setting: lists expected to pass, expected
seats per party, mean wasted votes and Gallagher index.
"""

import argparse
import base64
import datetime
import html
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from plot_seats import make_figure, png_bytes  # noqa: E402
from plot_trend import TrendError, read_trend, trend_figure  # noqa: E402
from plot_trend import png_bytes as trend_png  # noqa: E402
from seatcast_results import ResultsError, Sweep, open_file  # noqa: E402

STYLE = """
body { font-family: system-ui, sans-serif; max-width: 60em; margin: 2em auto; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 2em; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { padding: 0.2em 0.7em; border-bottom: 1px solid #ddd; text-align: right; }
th:first-child, td:first-child { text-align: left; }
dl.run { display: grid; grid-template-columns: max-content auto; gap: 0.1em 1em; }
dl.run dt { font-weight: bold; } dl.run dd { margin: 0; }
img { max-width: 100%; } pre { background: #f6f6f6; padding: 1em; overflow-x: auto; }
p.events { color: #555; }
"""


def pct(p):
    """As the seatcast table prints probabilities."""
    if 0 < p < 0.0005:
        return "&lt;0.1%"
    if 0.9995 < p < 1:
        return "&gt;99.9%"
    return f"{100 * p:.1f}%"


def body_table(body):
    e = html.escape
    rows = []
    for s in body.summary():
        listed = s["kind"] == "party"
        rows.append(
            "<tr>" + "".join(f"<td>{c}</td>" for c in (
                e(s["name"]) + (f' <small>({e(s["option"])})</small>'
                                if s["name"] != s["option"] else ""),
                pct(s["p_passed"]) if listed else "-", pct(s["p_seats"]), f'{s["mean"]:.2f}',
                s["q50"], f'{s["q25"]}&ndash;{s["q75"]}', f'{s["q05"]}&ndash;{s["q95"]}',
                pct(s["p_majority"]), pct(s["p_two_thirds"]))) + "</tr>")
    head = "".join(f"<th>{h}</th>" for h in (
        "option", "P(pass)", "P(seat)", "mean", "median", "50% interval", "90% interval",
        "P(majority)", "P(two thirds)"))
    return (f'<table class="summary" id="summary-{e(body.id)}">\n<thead><tr>{head}</tr></thead>\n'
            "<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>")


def events_line(body, draws):
    ev = body.events
    if not any(ev.values()):
        return ""
    parts = [f"runner-up rule {pct(ev['runner_up_draws'] / draws)} of draws",
             f"no list passed {pct(ev['threshold_waived_draws'] / draws)}",
             f"tie decided a seat {pct(ev['tie_draws'] / draws)}"]
    if ev["refused_tie_draws"]:
        parts.append(f"tie left undecided {pct(ev['refused_tie_draws'] / draws)}")
    return '<p class="events">Events: ' + "; ".join(parts) + ".</p>"


def render(r, bodies, width=10, height=5, dpi=100):
    e = html.escape
    sections = []
    for body in bodies:
        png = png_bytes(make_figure(r, [body], width, height, dpi), dpi)
        img = base64.b64encode(png).decode("ascii")
        sections.append(
            f'<section id="body-{e(body.id)}">\n<h2>{e(body.name)}</h2>\n'
            f"<p>{body.seats} seats ({body.list_seats} list, {body.district_seats} district); "
            f"majority {body.majority}, two thirds {body.two_thirds}.</p>\n"
            f'<img alt="Seat distributions in {e(body.name)}" '
            f'src="data:image/png;base64,{img}">\n'
            f"{body_table(body)}\n{events_line(body, r.draws)}\n</section>")
    try:  # the poll trend, when the model is polls-dynamic
        trend = read_trend(r.path)
        img = base64.b64encode(trend_png(trend_figure(trend, width, 6, dpi), dpi)).decode("ascii")
        sections.insert(0, '<section id="trend">\n<h2>Poll trend</h2>\n'
                           f'<img alt="Poll trend" src="data:image/png;base64,{img}">\n</section>')
    except TrendError:
        pass
    run = [("scenario", e(r.title)), ("scenario file", e(r.scenario_file or "?")),
           ("draws", f"{r.draws:,}"), ("seed", str(r.seed)),
           ("results file", e(os.path.abspath(r.path))),
           ("written by", f"seatcast {e(r.seatcast_version or '?')}, results format "
                          f"{r.format_version}")]
    stamp = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{e(r.title)}: seat odds</title>
<style>{STYLE}</style>
</head>
<body>
<h1>{e(r.title)}</h1>
<dl class="run">
{"".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in run)}
</dl>
{"".join(sections)}
<details>
<summary>Scenario file</summary>
<pre>{e(r.scenario)}</pre>
</details>
<p><small>Report made {stamp} by scripts/report.py.</small></p>
</body>
</html>
"""


def sweep_table(sweep, body):
    """Per setting: lists passing, expected seats per party, wasted votes, Gallagher."""
    e = html.escape
    methods = sweep.methods or [None]
    parties = body.lists()
    head = ("<tr><th>threshold</th>" + ("<th>method</th>" if sweep.methods else "") +
            "<th>lists</th>" + "".join(f"<th>{e(sweep.options[o])}</th>" for o in parties) +
            "<th>wasted %</th><th>Gallagher</th></tr>")
    rows = []
    for t, share in enumerate(sweep.thresholds):
        for m, method in enumerate(methods):
            cells = [f"{100 * share:g}%"] + ([e(method)] if sweep.methods else [])
            cells.append(f"{body.p_passed[t, m].sum():.2f}")
            cells += [f"{body.mean_seats[t, m, o]:.2f}" for o in parties]
            cells += [f"{body.mean_wasted[t, m]:.2f}", f"{body.mean_gallagher[t, m]:.2f}"]
            rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return (f'<table class="sweep" id="sweep-{e(body.id)}">\n{head}\n' + "\n".join(rows) +
            "\n</table>")


def render_sweep(s, bodies, width=10, height=7, dpi=100):
    from plot_sweep import make_figure as sweep_figure
    e = html.escape
    sections = []
    for body in bodies:
        png = png_bytes(sweep_figure(s, body, width, height, dpi), dpi)
        img = base64.b64encode(png).decode("ascii")
        sections.append(
            f'<section id="sweep-body-{e(body.id)}">\n<h2>{e(body.id)}: threshold sweep</h2>\n'
            f"<p>{body.seats} list seats; every setting on the same draws; differences are "
            f"taken against {e(body.reference)}.</p>\n"
            f'<img alt="Seats and entry against the threshold in {e(body.id)}" '
            f'src="data:image/png;base64,{img}">\n{sweep_table(s, body)}\n</section>')
    page = render(s, [], width, height, dpi)
    return page.replace("</dl>\n\n", "</dl>\n" + "".join(sections) + "\n", 1).replace(
        ": seat odds</title>", ": threshold sweep</title>", 1)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog=__doc__.split("\n\n", 2)[2])
    ap.add_argument("results", help="results file (HDF5) of seatcast run or seatcast sweep")
    ap.add_argument("-o", "--output", required=True, help="HTML file to write")
    ap.add_argument("--body", help="only this elected body (its id); default: every body")
    a = ap.parse_args(argv)
    try:
        r = open_file(a.results)
        bodies = [r.body(a.body)] if a.body else r.bodies
    except ResultsError as e:
        print(f"report: error: {e}", file=sys.stderr)
        return 2
    page = render_sweep(r, bodies) if isinstance(r, Sweep) else render(r, bodies)
    with open(a.output, "w", encoding="utf-8") as out:
        out.write(page)
    return 0


if __name__ == "__main__":
    sys.exit(main())
