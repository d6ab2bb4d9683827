#!/usr/bin/python3
"""Recompute the Sejm 2023 seat allocation from the CSVs here and compare with
the official seats.

Law applied (Kodeks wyborczy, Dz.U. 2011 nr 21 poz. 112 as amended):
  art. 196 par. 1  only lists of committees with >= 5 % of the valid votes cast
                   nationally take part in the allocation;
  art. 196 par. 2  coalition committees (options.csv coalition=1) need >= 8 %;
  art. 197         committees of voters of registered national-minority
                   organisations that filed the declaration are exempt from
                   the 5 % condition (options.csv exempt=1);
  art. 232         seats in each district by D'Hondt (divisors 1, 2, 3, ...);
                   a tie for the last seat goes to the list with more votes
                   (art. 232 par. 2) -- reported if it ever decides anything.
National valid votes = sum over all districts and lists of votes.csv (equal to
the PKW column "Liczba glosow waznych oddanych lacznie na wszystkie listy").

Usage: /usr/bin/python3 verify.py   (exit 0 and "all 41 areas match" on success)
"""
import collections
import csv
import os
import sys
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))


def read(name):
    with open(os.path.join(HERE, name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def dhondt(votes, seats):
    """votes: {option: int}. Returns ({option: seats}, tie_note_or_None)."""
    quotients = []
    for o, v in votes.items():
        for d in range(1, seats + 1):
            quotients.append((Fraction(v, d), v, o))
    # highest quotient first; equal quotients: more votes first (art. 232 par. 2)
    quotients.sort(key=lambda q: (q[0], q[1]), reverse=True)
    won = collections.Counter(o for _, _, o in quotients[:seats])
    tie = None
    if seats < len(quotients) and quotients[seats - 1][0] == quotients[seats][0]:
        tie = "tie at last seat between %s and %s" % (quotients[seats - 1][2], quotients[seats][2])
    return won, tie


def main():
    votes = collections.defaultdict(dict)
    for r in read("sejm-2023-votes.csv"):
        votes[r["area"]][r["option"]] = int(r["votes"])
    official = collections.defaultdict(collections.Counter)
    for r in read("sejm-2023-seats.csv"):
        official[r["area"]][r["option"]] += int(r["seats"])
    mags = {r["area"]: int(r["seats"]) for r in read("magnitudes.csv")}
    opts = {r["option"]: r for r in read("options.csv")}

    unknown = {o for a in votes for o in votes[a]} - set(opts)
    if unknown:
        sys.exit("options missing from options.csv: %s" % sorted(unknown))
    if set(votes) != set(mags):
        sys.exit("areas differ between votes.csv and magnitudes.csv")

    national = collections.Counter()
    for a in votes:
        for o, v in votes[a].items():
            national[o] += v
    total = sum(national.values())
    print("national valid votes: %d; magnitudes total %d in %d areas"
          % (total, sum(mags.values()), len(mags)))

    eligible = set()
    for o, v in national.most_common():
        op = opts[o]
        need = Fraction(8, 100) if op["coalition"] == "1" else Fraction(5, 100)
        share = Fraction(v, total)
        ok = op["exempt"] == "1" or share >= need
        if ok:
            eligible.add(o)
        print("  %-14s %9d %7.3f%%  threshold %s%s -> %s"
              % (o, v, float(100 * share), "8%" if need == Fraction(8, 100) else "5%",
                 " (exempt, art. 197)" if op["exempt"] == "1" else "",
                 "in" if ok else "out"))

    computed_total = collections.Counter()
    official_total = collections.Counter()
    bad = []
    for a in sorted(mags):
        elig_votes = {o: v for o, v in votes[a].items() if o in eligible}
        won, tie = dhondt(elig_votes, mags[a])
        if tie:
            print("  %s: %s" % (a, tie))
        off = +official[a]
        computed_total.update(won)
        official_total.update(off)
        if won != off:
            bad.append(a)
            print("  MISMATCH %s: computed %s official %s" % (a, dict(won), dict(off)))

    print("total computed:", dict(computed_total.most_common()))
    print("total official:", dict(official_total.most_common()))
    if computed_total != official_total or sum(official_total.values()) != 460:
        print("totals DO NOT match")
        return 1
    if bad:
        print("%d of %d areas do not match: %s" % (len(bad), len(mags), " ".join(bad)))
        return 1
    print("all %d areas match" % len(mags))
    return 0


# Official national seats of 13 October 2019 as the PKW announced them on 14 October 2019
# (ISBnews/gazetaprawna.pl 15.10.2019, interia.pl, zw.lt; see SOURCES.md), on the 2019 ids.
OFFICIAL_2019 = {"pis": 235, "ko": 134, "lewica": 49, "td": 30, "konfederacja": 11, "mn": 1}


def verify_2019():
    """The 2019 baseline (sejm-2019-votes.csv, sejm-2019-options.csv) with the same magnitudes
    (Kodeks wyborczy, zalacznik nr 1, unchanged between 2019 and 2023) and the same law gives
    the official national seats of 2019. Per-district official seats are not in the sources."""
    votes = collections.defaultdict(dict)
    for r in read("sejm-2019-votes.csv"):
        assert r["option"] not in votes[r["area"]]
        votes[r["area"]][r["option"]] = int(r["votes"])
    mags = {r["area"]: int(r["seats"]) for r in read("magnitudes.csv")}
    opts = {r["option"]: r for r in read("sejm-2019-options.csv")}
    assert set(votes) == set(mags) and {o for a in votes for o in votes[a]} <= set(opts)
    national = collections.Counter()
    for a in votes:
        national.update(votes[a])
    total = sum(national.values())
    eligible = {o for o, v in national.items()
                if opts[o]["exempt"] == "1"
                or Fraction(v, total) >= (Fraction(8, 100) if opts[o]["coalition"] == "1" else Fraction(5, 100))}
    won_total = collections.Counter()
    for a in sorted(mags):
        won, tie = dhondt({o: v for o, v in votes[a].items() if o in eligible}, mags[a])
        if tie:
            print("  2019 %s: %s" % (a, tie))
        won_total.update(won)
    print("2019 national valid votes %d; computed seats %s" % (total, dict(won_total.most_common())))
    if dict(won_total) != OFFICIAL_2019:
        print("2019 official seats %s: DO NOT match" % OFFICIAL_2019)
        return 1
    print("2019 baseline: national seats match the official 2019 result")
    return 0


if __name__ == "__main__":
    sys.exit(main() or verify_2019())
