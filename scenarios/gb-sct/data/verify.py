#!/usr/bin/python3
"""Recompute the Scottish Parliament 2021 seats from the CSVs here and compare with the official seats.

Per region: d'Hondt over the 7 additional-member seats, each list's divisor starting at
(constituency seats it won in the region + 1) and rising by 1 per list seat won; every list with
votes in parliament-2021-votes.csv (parties and independents) takes part. Exact arithmetic
(fractions.Fraction). Also: constituency winner = plurality of candidate votes where candidate votes
are present; national totals = constituency + list seats. Prints matches:/MISMATCH:/MISSING: lines;
exit 1 on any mismatch. Regions without list votes are reported as MISSING: exit 2 if anything is missing
and nothing mismatched, 0 only when all 8 regions were recomputed and matched."""
import csv, os, sys
from collections import defaultdict
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
rd = lambda n: list(csv.DictReader(open(os.path.join(HERE, n), encoding="utf-8")))
areas, votes, seats = rd("parliament-2021-areas.csv"), rd("parliament-2021-votes.csv"), rd("parliament-2021-seats.csv")

parent = {a["area"]: a["parent"] for a in areas}
regions = [a["area"] for a in areas if a["parent"] == "sct"]
nseats = {a["area"]: int(a["seats"]) for a in areas}
bad = 0
missing = 0

def say(ok, msg):
    global bad
    print(("matches: " if ok else "MISMATCH: ") + msg)
    if not ok:
        bad += 1

cwin = {s["area"]: s["option"] for s in seats if s["tier"] == "constituency"}
creg = defaultdict(lambda: defaultdict(int))
for c, o in cwin.items():
    creg[parent[c]][o] += 1
official = defaultdict(dict)
for s in seats:
    if s["tier"] == "region":
        official[s["area"]][s["option"]] = int(s["seats"])
totals = {s["option"]: int(s["seats"]) for s in seats if s["tier"] == "total"}

# 1. constituency winners = plurality (where candidate votes are present)
cand = defaultdict(dict)
for v in votes:
    if v["ballot"] == "candidate":
        cand[v["area"]][v["option"]] = int(v["votes"])
for c in sorted(cand):
    top = sorted(cand[c].items(), key=lambda kv: -kv[1])
    assert len(top) < 2 or top[0][1] != top[1][1], "tie in " + c
    say(top[0][0] == cwin[c], f"{c}: plurality {top[0][0]} ({top[0][1]}) vs official {cwin[c]}")
print(f"note: candidate votes present for {len(cand)} of {len(cwin)} constituencies; the other winners are taken as published")

# 2. d'Hondt per region
lst = defaultdict(dict)
for v in votes:
    if v["ballot"] == "list":
        lst[v["area"]][v["option"]] = int(v["votes"])
for r in regions:
    if r not in lst:
        missing += 1
        print(f"MISSING: {r}: no list votes in the data; allocation not recomputed (official {dict(sorted(official[r].items()))})")
        continue
    won = defaultdict(int)
    for _ in range(nseats[r]):
        q = {o: Fraction(v, creg[r][o] + won[o] + 1) for o, v in lst[r].items()}
        best = max(q.values())
        tied = [o for o in q if q[o] == best]
        assert len(tied) == 1, f"exact tie in {r}: {tied}"
        won[tied[0]] += 1
    got = {o: n for o, n in won.items() if n}
    say(got == official[r], f"{r}: d'Hondt {dict(sorted(got.items()))} vs official {dict(sorted(official[r].items()))}")
    # margin: last quotient that won vs best quotient that did not
    q = {o: Fraction(v, creg[r][o] + won[o] + 1) for o, v in lst[r].items()}
    nxt = max(q.values())
    last = min(Fraction(lst[r][o], creg[r][o] + won[o]) for o in got)
    print(f"  {r}: last seat at quotient {float(last):.1f}, next {max(q, key=q.get)} at {float(nxt):.1f}")

# 3. national totals
tot = defaultdict(int)
for o in cwin.values():
    tot[o] += 1
for r in official:
    for o, n in official[r].items():
        tot[o] += n
say(dict(tot) == totals, f"national totals {dict(sorted(tot.items()))} vs published {dict(sorted(totals.items()))}")
say(sum(tot.values()) == 129 and len(cwin) == 73, f"seats {sum(tot.values())} = 129, constituencies {len(cwin)} = 73")
sys.exit(1 if bad else (2 if missing else 0))
