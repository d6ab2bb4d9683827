#!/usr/bin/python3
"""A one-page HTML report of a seatcast run, self-contained (figures embedded as PNG).

    /usr/bin/python3 scripts/report.py out.h5 -o report.html [--body mazhilis]

The page shows the run (scenario name, seed, draws, seatcast version), the poll trend
(scripts/plot_trend.py) when the model is polls-dynamic, for each body its
seat-distribution figure (as scripts/plot_seats.py draws it) and a summary table per
option (P(pass), P(seat), mean, median, 50% and 90% intervals, P(majority),
P(two thirds)), an explorer of every body's and tier's seat distributions (choose the
view and the option; hover a bar for its probability: inline SVG and script, no network
needed), and the scenario file's text in a collapsible block. Exit status 2 for a file
that is not a readable seatcast results file.

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


EXPLORER_STYLE = """
#explorer { margin-top: 2em; } #explorer select { margin-right: 1em; }
#chart rect.bar { fill: #4a78b5; } #chart rect.bar:hover, #chart rect.bar.hot { fill: #d9822b; }
#chart text { font-size: 11px; fill: #444; }
#tip { min-height: 1.4em; font-variant-numeric: tabular-nums; }
"""

# The explorer's script: inline (no network), plain DOM and SVG. It draws the chosen
# view's (body or tier) distribution of the chosen option as bars; hovering a bar shows
# its seats and probability in #tip. Every bar carries data-option, data-seats and
# data-p (the probability to 1e-9), which tests/python/test_report.py reads in Chromium.
EXPLORER_SCRIPT = """
(function () {
  const data = JSON.parse(document.getElementById('explorer-data').textContent);
  const view = document.getElementById('view'), option = document.getElementById('option');
  const chart = document.getElementById('chart'), tip = document.getElementById('tip');
  const NS = 'http://www.w3.org/2000/svg';
  data.views.forEach((v, i) => view.add(new Option(v.label, String(i))));
  function pct(p) { return (100 * p).toFixed(2) + '%'; }
  function fillOptions() {
    const v = data.views[Number(view.value)], keep = option.value;
    option.length = 0;
    v.options.forEach((o, i) => option.add(new Option(o.name + ' (' + o.id + ')', String(i))));
    const again = v.options.findIndex(o => o.id === keep);
    option.value = String(again >= 0 ? again : 0);
  }
  function el(name, attrs) {
    const e = document.createElementNS(NS, name);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    return e;
  }
  function draw() {
    const v = data.views[Number(view.value)], o = v.options[Number(option.value)];
    while (chart.firstChild) chart.removeChild(chart.firstChild);
    let lo = o.p.findIndex(p => p > 0), hi = o.p.length - 1;
    while (hi > 0 && !(o.p[hi] > 0)) hi--;
    if (lo < 0) { lo = 0; hi = 0; }
    const W = 760, H = 260, left = 40, bottom = 30, n = hi - lo + 1;
    const top = Math.max.apply(null, o.p.slice(lo, hi + 1)) || 1, bw = (W - left) / n;
    chart.setAttribute('viewBox', '0 0 ' + W + ' ' + (H + bottom));
    for (let s = lo; s <= hi; s++) {
      const h = (o.p[s] / top) * H, x = left + (s - lo) * bw;
      const r = el('rect', {class: 'bar', x: x + 0.5, y: H - h, width: Math.max(bw - 1, 1),
                            height: Math.max(h, 0.5), 'data-option': o.id, 'data-seats': s,
                            'data-p': o.p[s].toFixed(9)});
      r.addEventListener('mouseover', () => {
        tip.textContent = o.name + ': ' + s + ' seats, ' + pct(o.p[s]);
        tip.dataset.option = o.id; tip.dataset.seats = String(s); tip.dataset.p = o.p[s].toFixed(9);
      });
      const t = el('title', {}); t.textContent = s + ' seats: ' + pct(o.p[s]);
      r.appendChild(t);
      chart.appendChild(r);
    }
    const step = Math.max(1, Math.ceil(n / 20));
    for (let s = lo; s <= hi; s += step) {
      const t = el('text', {x: left + (s - lo + 0.5) * bw, y: H + 16, 'text-anchor': 'middle'});
      t.textContent = String(s);
      chart.appendChild(t);
    }
    const y = el('text', {x: 0, y: 12}); y.textContent = pct(top);
    chart.appendChild(y);
    tip.textContent = 'Hover a bar: ' + v.label + ', ' + o.name;
  }
  view.addEventListener('change', () => { fillOptions(); draw(); });
  option.addEventListener('change', draw);
  fillOptions();
  draw();
  document.body.dataset.explorer = 'ready';
})();
"""


def explorer_views(r, bodies):
    """Each body's total and each of its tiers: option ids, names and P(seats = s)."""
    import h5py
    import numpy as np
    views = []
    with h5py.File(r.path, "r") as f:
        for body in bodies:
            g = f[body.id]
            sources = [(body.id, f"{body.name}: all {body.seats} seats", body.seats_total)]
            for t in [x.decode() if isinstance(x, bytes) else str(x)
                      for x in (g["tier_order"][()] if "tier_order" in g else [])]:
                seats = g["tiers"][t]["seats"][()]
                sources.append((f"{body.id}/{t}",
                                f"{body.name}: tier {t} ({seats.shape[1] - 1} seats)", seats))
            for vid, label, counts in sources:
                p = np.asarray(counts, dtype=np.float64) / r.draws
                options = [{"id": r.options[o], "name": r.option_names[o],
                            "p": [round(float(x), 12) for x in p[o]]}
                           for o in range(len(r.options)) if p[o][1:].sum() > 0]
                if options:
                    views.append({"id": vid, "label": label, "options": options})
    return views


def explorer(r, bodies):
    import json
    views = explorer_views(r, bodies)
    if not views:
        return ""
    # "</" cannot end the script element early: JSON's escape for "/" keeps the data whole.
    payload = json.dumps({"views": views}).replace("</", "<\\/")
    return ('<section id="explorer">\n<h2>Explore the distributions</h2>\n'
            '<p><label>View <select id="view"></select></label>'
            '<label>Option <select id="option"></select></label></p>\n'
            '<svg id="chart" role="img" aria-label="seat distribution" width="100%"></svg>\n'
            '<p id="tip"></p>\n'
            f'<script type="application/json" id="explorer-data">{payload}</script>\n'
            f"<script>{EXPLORER_SCRIPT}</script>\n</section>")


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
    interactive = explorer(r, bodies) if bodies else ""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{e(r.title)}: seat odds</title>
<style>{STYLE}{EXPLORER_STYLE}</style>
</head>
<body>
<h1>{e(r.title)}</h1>
<dl class="run">
{"".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in run)}
</dl>
{"".join(sections)}
{interactive}
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
