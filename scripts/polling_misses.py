#!/usr/bin/python3
"""Final-week polling misses of past elections: the evidence behind the shared error.

Usage: scripts/polling_misses.py DIR [DAYS]

DIR holds one folder per election with polls.csv (pollster, fieldwork_start,
fieldwork_end, sample_size, one column per party in percent, ...) and result.csv
(option, votes, percent); the election day is in ELECTION_DAYS below or a line
'election_day: YYYY-MM-DD' in the folder's SOURCES.md. For each election the polls whose
fieldwork ended within DAYS (7) of election day are averaged per party (the last five
polls when fewer than three), and the miss of each party is compared with the official
share, both renormalised over the parties polled. Printed: each miss, their root mean
square by party size in points and on the logit scale, and the fit of the shape
sd(miss) = k sqrt(p (1 - p)) (seatcast's shared_error_points = 50 k).
"""
import csv
import datetime
import math
import os
import re
import sys

ELECTION_DAYS = {
    "germany-2021": "2021-09-26", "germany-2025": "2025-02-23", "sweden-2022": "2022-09-11",
    "new-zealand-2020": "2020-10-17", "austria-2019": "2019-09-29",
    "spain-2019-11": "2019-11-10", "netherlands-2021": "2021-03-17", "poland-2019": "2019-10-13",
}


def election_day(folder, name):
    if name in ELECTION_DAYS:
        return datetime.date.fromisoformat(ELECTION_DAYS[name])
    with open(os.path.join(folder, "SOURCES.md"), encoding="utf-8") as f:
        m = re.search(r"election_day:\s*(\d{4}-\d{2}-\d{2})", f.read())
    if not m:
        sys.exit(f"{folder}: no election day known")
    return datetime.date.fromisoformat(m.group(1))


def misses(folder, name, days):
    day = election_day(folder, name)
    with open(os.path.join(folder, "result.csv"), encoding="utf-8") as f:
        result = {r["option"]: float(r["percent"]) for r in csv.DictReader(f)}
    with open(os.path.join(folder, "polls.csv"), encoding="utf-8") as f:
        polls = list(csv.DictReader(f))
    last = [p for p in polls
            if (day - datetime.date.fromisoformat(p["fieldwork_end"])).days <= days]
    if len(last) < 3:
        last = sorted(polls, key=lambda p: p["fieldwork_end"])[-5:]
    average = {}
    for party in result:
        if party == "other":
            continue
        values = [float(p[party]) for p in last if p.get(party) not in (None, "")]
        if values and sum(values) > 0 and result[party] > 0:
            average[party] = sum(values) / len(values)
    polled, official = sum(average.values()), sum(result[q] for q in average)
    out = []
    for party, value in average.items():
        p, r = value / polled, result[party] / official
        logit = math.log(r / (1 - r)) - math.log(p / (1 - p))
        out.append((name, party, 100 * p, 100 * r, logit, len(last)))
    return out


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    root, days = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 7
    rows = []
    for name in sorted(os.listdir(root)):
        folder = os.path.join(root, name)
        if os.path.isfile(os.path.join(folder, "polls.csv")):
            rows += misses(folder, name, days)
    print("election          party      polled  result   miss  logit  polls")
    for name, party, p, r, logit, n in rows:
        print(f"{name:<17} {party:<10} {p:6.1f} {r:7.1f} {r - p:+6.1f} {logit:+6.3f} {n:6d}")
    print(f"\n{len(rows)} misses; mean absolute miss {sum(abs(r[3] - r[2]) for r in rows) / len(rows):.2f} points")
    print("size     n  rms points  rms logit")
    for lo, hi in [(0, 5), (5, 10), (10, 20), (20, 100)]:
        s = [r for r in rows if lo <= r[2] < hi]
        if s:
            pts = math.sqrt(sum((r[3] - r[2]) ** 2 for r in s) / len(s))
            lg = math.sqrt(sum(r[4] ** 2 for r in s) / len(s))
            print(f"{lo:>2}-{hi:<3}% {len(s):3d} {pts:10.2f} {lg:10.3f}")
    var = [((r[3] - r[2]) / 100) ** 2 / ((r[2] / 100) * (1 - r[2] / 100)) for r in rows]
    k = math.sqrt(sum(var) / len(var))
    z = [(r[3] - r[2]) / 100 / (k * math.sqrt(r[2] / 100 * (1 - r[2] / 100))) for r in rows]
    n = len(z)
    print(f"\nshape sd = k sqrt(p(1-p)): k = {k:.4f}, i.e. shared_error_points = {50 * k:.2f}")
    print(f"standardised misses: kurtosis {sum(x ** 4 for x in z) / n:.2f} (normal 3); "
          f"|z| > 2: {sum(abs(x) > 2 for x in z)} of {n} (normal {0.0455 * n:.1f}); "
          f"|z| > 3: {sum(abs(x) > 3 for x in z)} (normal {0.0027 * n:.2f}); "
          f"largest |z| {max(abs(x) for x in z):.2f}")
    for name in sorted({r[0] for r in rows}):
        s = [v for v, r in zip(var, rows) if r[0] == name]
        print(f"  {name:<17} shared_error_points {50 * math.sqrt(sum(s) / len(s)):.2f}")


if __name__ == "__main__":
    main()
