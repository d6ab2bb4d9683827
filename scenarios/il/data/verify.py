#!/usr/bin/python3
"""Recomputes the 120 seats of the Knesset for the elections of 1 November 2022 and 23 March 2021
from the CSVs next to this file, and compares them with the official seats. Exact integer
arithmetic, stdlib only. Prints one "matches:" or "MISMATCH:" line per check; exits 1 on any
mismatch.

The rules, Knesset Elections Law [Consolidated Version] 5729-1969 (see SOURCES.md):
  s. 81(a)  only lists with at least 3.25 % of all valid votes take part;
  s. 81(b)  the quota ("המודד") is the valid votes of the participating lists / 120, an integer;
  s. 81(c)  each list gets floor(votes / quota) seats;
  s. 81(d)  each remaining seat goes, one at a time, to the list with the largest votes / (seats + 1)
            (Bader-Ofer; a tie is decided by lot, refused here);
  s. 82     two lists with a surplus-vote agreement, both taking part, count as one list for
            s. 81; the seats of the pair are then shared between the two in the same way.
"""
import csv
import sys
from fractions import Fraction
from pathlib import Path

HERE = Path(__file__).resolve().parent
FAIL = []


def check(ok, what):
    print(('matches: ' if ok else 'MISMATCH: ') + what)
    if not ok:
        FAIL.append(what)


def rows(name):
    with open(HERE / name, newline='', encoding='utf-8') as f:
        return list(csv.DictReader(f))


def bader_ofer(seats, votes):
    """s. 81(b)-(d): integer quota, whole quotas, then largest averages."""
    total = sum(votes.values())
    quota = total // seats
    out = {p: v // quota for p, v in votes.items()}
    assert sum(out.values()) <= seats
    while sum(out.values()) < seats:
        avg = {p: Fraction(v, out[p] + 1) for p, v in votes.items()}
        best = max(avg.values())
        win = [p for p in avg if avg[p] == best]
        assert len(win) == 1, 'tie for a remaining seat: decided by lot'
        out[win[0]] += 1
    return out


def dhondt(seats, votes):
    out = {p: 0 for p in votes}
    for _ in range(seats):
        avg = {p: Fraction(v, out[p] + 1) for p, v in votes.items()}
        out[max(avg, key=avg.get)] += 1
    return out


def allocate(votes, valid, pairs):
    part = {p: v for p, v in votes.items() if 10000 * v >= 325 * valid}
    units, members = {}, {}
    paired = set()
    for a, b in pairs:
        if a in part and b in part:
            units[a + '+' + b] = part[a] + part[b]
            members[a + '+' + b] = (a, b)
            paired |= {a, b}
    for p in part:
        if p not in paired:
            units[p] = part[p]
    first = bader_ofer(120, units)
    seats = {}
    for u, n in first.items():
        if u in members:
            a, b = members[u]
            seats.update(bader_ofer(n, {a: part[a], b: part[b]}) if n else {a: 0, b: 0})
        else:
            seats[u] = n
    return part, units, first, {p: n for p, n in seats.items() if n}


def fmt(d):
    return ' '.join('%s %d' % (p, v) for p, v in sorted(d.items(), key=lambda x: (-x[1], x[0])))


def election(year):
    print('== %s' % year)
    kinds = {r['option']: r['kind'] for r in rows('options.csv')}
    votes = {r['option']: int(r['votes']) for r in rows('knesset-%s-votes.csv' % year)
             if kinds[r['option']] == 'party'}
    invalid = sum(int(r['votes']) for r in rows('knesset-%s-votes.csv' % year)
                  if kinds[r['option']] == 'invalid')
    area = rows('knesset-%s-areas.csv' % year)[0]
    valid = sum(votes.values())
    check(valid + invalid <= int(area['registered']) and int(area['seats']) == 120,
          'one national area of 120 seats; valid %d + invalid %d <= registered %s'
          % (valid, invalid, area['registered']))
    pairs = [(r['option'], r['partner']) for r in rows('knesset-%s-agreements.csv' % year)]
    official = {r['option']: int(r['seats']) for r in rows('knesset-%s-seats.csv' % year)}
    part, units, first, seats = allocate(votes, valid, pairs)
    below = sorted((p for p in votes if p not in part), key=lambda p: -votes[p])
    check(sorted(part) == sorted(official),
          'threshold 3.25%% of %d = %s: %d lists take part (%s); largest below: %s %d'
          % (valid, Fraction(325 * valid, 10000), len(part), ', '.join(sorted(part)),
             below[0], votes[below[0]]))
    used = [u for u in units if '+' in u]
    dropped = [a + '+' + b for a, b in pairs if a + '+' + b not in units]
    print('info: agreements in force: %s; not in force (a partner below the threshold): %s'
          % (', '.join(used) or 'none', ', '.join(dropped) or 'none'))
    print('info: quota %d; first allocation among %d units: %s'
          % (sum(units.values()) // 120, len(units), fmt(first)))
    check(seats == official, 'Bader-Ofer with the surplus agreements: %s (official: %s)'
          % (fmt(seats), fmt(official)))
    check(dhondt(120, units) == first,
          'the same first allocation by plain D\'Hondt (Bader-Ofer is D\'Hondt)')
    _, _, _, alone = allocate(votes, valid, [])
    diff = {p: alone.get(p, 0) - seats.get(p, 0) for p in set(alone) | set(seats)
            if alone.get(p, 0) != seats.get(p, 0)}
    print('info: without any agreement the seats would differ by: %s' % (fmt(diff) or 'nothing'))
    for pair in pairs:
        _, _, _, other = allocate(votes, valid, [q for q in pairs if q != pair])
        d = {p: other.get(p, 0) - seats.get(p, 0) for p in set(other) | set(seats)
             if other.get(p, 0) != seats.get(p, 0)}
        print('info: without the agreement %s+%s: %s' % (pair[0], pair[1], fmt(d) or 'no change'))


election('2022')
election('2021')
if FAIL:
    print('%d MISMATCH(ES)' % len(FAIL))
    sys.exit(1)
print('all checks match')
