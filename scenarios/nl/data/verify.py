#!/usr/bin/python3
"""Recompute the Tweede Kamer 2023 seat allocation (150 seats, one national
district) from the CSVs here and compare with the official seats.

Kieswet, hoofdstuk P, paragraaf 2 (text in SOURCES.md):
  P 5  kiesdeler = sum of the list vote totals / number of seats (kept as an
       exact fraction);
  P 6  a list gets one seat for each time the kiesdeler is contained in its
       vote total (floor);
  P 7  (1) remaining seats (restzetels), since 150 >= 19, one by one to the list
       with the largest average votes per seat after receiving that seat
       (D'Hondt); equal averages: lot (reported, not decided here);
       (2) for the Tweede Kamer, lists whose vote total is below the kiesdeler
       do not take part -- so such a list gets no seat at all;
  P 9  absolute-majority correction (checked; does not apply in 2023);
  P 10 list exhaustion is not modelled (candidate counts are not in these files;
       PVV, the only list near the limit, won 37 seats).
Lists are single national lists (lijstengroepen count as one list, P 3);
lijstencombinaties no longer exist (abolished 2017), so none are applied.

Votes are read from rows with an empty area (national totals). If the file
holds kieskring rows instead, they are summed per option.

Usage: /usr/bin/python3 verify.py   (exit 0 and "national total matches" on success)
"""
import collections
import csv
import os
import sys
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
SEATS = 150


def read(name):
    with open(os.path.join(HERE, name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def apportion(votes, seats):
    total = sum(votes.values())
    quota = Fraction(total, seats)                                  # P 5
    full = {o: int(Fraction(v) / quota) for o, v in votes.items()}  # P 6
    won = dict(full)
    eligible = [o for o, v in votes.items() if v >= quota]          # P 7 (2)
    rest = seats - sum(full.values())
    steps = []
    for _ in range(rest):                                           # P 7 (1)
        avg = {o: Fraction(votes[o], won[o] + 1) for o in eligible}
        best = max(avg.values())
        top = [o for o in eligible if avg[o] == best]
        if len(top) > 1:
            print("  TIE (lot required) between %s" % top)
        o = top[0]
        won[o] += 1
        steps.append((o, best))
    # P 9: absolute majority of votes but not of seats -> would add one seat
    for o, v in votes.items():
        if 2 * v > total and 2 * won[o] <= seats:
            print("  P 9 would apply to %s (not expected in 2023)" % o)
    return quota, full, won, steps, eligible


def main():
    rows = read("tweede-kamer-2023-votes.csv")
    national = [r for r in rows if r["area"] == ""]
    use = national if national else rows
    votes = collections.Counter()
    for r in use:
        votes[r["option"]] += int(r["votes"])
    official = collections.Counter()
    for r in read("tweede-kamer-2023-seats.csv"):
        if r["area"] == "":
            official[r["option"]] += int(r["seats"])
    opts = {r["option"] for r in read("options.csv")}
    if set(votes) - opts:
        sys.exit("options missing from options.csv: %s" % sorted(set(votes) - opts))

    quota, full, won, steps, eligible = apportion(dict(votes), SEATS)
    total = sum(votes.values())
    print("valid votes (sum of lists): %d; kiesdeler = %s = %.4f" % (total, quota, float(quota)))
    print("full seats (P 6): %d; restzetels (P 7): %d; lists reaching the kiesdeler: %d of %d"
          % (sum(full.values()), len(steps), len(eligible), len(votes)))
    for i, (o, avg) in enumerate(steps, 1):
        print("  restzetel %d -> %-8s average %.2f" % (i, o, float(avg)))
    # next in line after the last restzetel (margin information)
    nxt = sorted(((Fraction(votes[o], won[o] + 1), o) for o in eligible), reverse=True)[0]
    print("  next (151st) average: %-8s %.2f" % (nxt[1], float(nxt[0])))

    bad = []
    print("%-22s %9s %5s %5s %8s" % ("option", "votes", "full", "seats", "official"))
    for o, v in votes.most_common():
        c, off = won.get(o, 0), official.get(o, 0)
        mark = "" if c == off else "  MISMATCH"
        if mark:
            bad.append(o)
        print("%-22s %9d %5d %5d %8d%s" % (o, v, full[o], c, off, mark))
    if sum(official.values()) != SEATS:
        print("official seats add up to %d, not %d" % (sum(official.values()), SEATS))
        return 1
    if bad:
        print("national total DOES NOT match: %s" % " ".join(bad))
        return 1
    print("national total matches (%d seats, %d lists)" % (SEATS, len(votes)))
    return 0


def verify_2021():
    """The 2021 baseline: the 37 lists of 17 March 2021 as published (tweede-kamer-2021-lists.csv)
    give, by the same articles, the official seats of each list; the summed baseline file is the
    sum of those lists by option id."""
    lists = read("tweede-kamer-2021-lists.csv")
    votes = {r["list"]: int(r["votes"]) for r in lists}
    official = {r["list"]: int(r["seats"]) for r in lists}
    assert len(votes) == len(lists) == 37
    summed = collections.Counter()
    for r in lists:
        summed[r["option"]] += int(r["votes"])
    base = collections.Counter()
    for r in read("tweede-kamer-2021-votes.csv"):
        assert r["area"] == "" and r["option"] not in base
        base[r["option"]] = int(r["votes"])
    opts = {r["option"] for r in read("tweede-kamer-2021-options.csv")}
    if base != summed or set(base) != opts:
        print("2021: tweede-kamer-2021-votes.csv is not the sum of the lists by option")
        return 1
    quota, full, won, steps, eligible = apportion(votes, SEATS)
    bad = [l for l in votes if won.get(l, 0) != official[l]]
    print("2021 valid votes %d; kiesdeler %.4f; %d restzetels; last to %s (average %.2f)"
          % (sum(votes.values()), float(quota), len(steps), steps[-1][0], float(steps[-1][1])))
    if bad or sum(official.values()) != SEATS:
        print("2021 baseline: seats DO NOT match for %s" % bad)
        return 1
    print("2021 baseline: all 37 lists match the official 2021 seats")
    return 0


if __name__ == "__main__":
    sys.exit(main() or verify_2021())
