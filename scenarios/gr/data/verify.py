#!/usr/bin/python3
"""Recomputes the national seats of the Greek Parliament for the elections of 21 May 2023 (law
4406/2016: simple proportional) and 25 June 2023 (law 4654/2020: bonus to the first party) from
the CSVs next to this file, and compares them with the official seats. Exact integer arithmetic,
stdlib only. Prints one "matches:" or "MISMATCH:" line per check; exits 1 on any mismatch.

The rules (see SOURCES.md for the articles):
  * 300 seats: 285 in the 59 constituencies and 15 State seats (Επικρατείας).
  * Only parties with at least 3 % of the valid votes of the whole country take part
    (votes cast abroad included: they count for the State lists only).
  * May 2023: the 300 seats are shared among them by the Hare quota (valid votes of the qualifying
    parties / 300), the seats left over going to the largest remainders. The 15 State seats are
    shared among the same parties in the same way (Hare on 15).
  * June 2023: the first party gets a bonus: 20 seats at 25 % of the valid votes, one more for
    each full half point above 25 %, 50 at 40 % and above. The other 300 - bonus seats are shared
    among all qualifying parties (the first one included) as in May.
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


def hare(seats, votes):
    """Largest remainders with the Hare quota; refuses a tie for the last seat."""
    total = sum(votes.values())
    out = {p: v * seats // total for p, v in votes.items()}
    rem = sorted(votes, key=lambda p: -(votes[p] * seats % total))
    left = seats - sum(out.values())
    if left:
        r = [votes[p] * seats % total for p in rem]
        assert left == len(r) or r[left - 1] != r[left], 'tie for the last remainder seat'
    for p in rem[:left]:
        out[p] += 1
    return out


def fmt(d):
    return ' '.join('%s %d' % (p, v) for p, v in sorted(d.items(), key=lambda x: (-x[1], x[0])))


def bonus(share):
    """law 4654/2020: seats of the first party's bonus for its share (a Fraction of 1) of the valid votes."""
    if share < Fraction(25, 100):
        return 0
    return min(50, 20 + int((share - Fraction(25, 100)) / Fraction(5, 1000)))


def load(election):
    areas = {r['area']: r for r in rows('parliament-%s-constituencies.csv' % election)}
    kinds = {r['option']: r['kind'] for r in rows('options.csv')}
    dom = {}          # party -> votes in the 59 constituencies
    valid = {}        # constituency -> valid votes
    for r in rows('parliament-%s-votes.csv' % election):
        assert r['area'] in areas and r['area'] != 'gr'
        if kinds[r['option']] in ('party', 'independent'):
            dom[r['option']] = dom.get(r['option'], 0) + int(r['votes'])
            valid[r['area']] = valid.get(r['area'], 0) + int(r['votes'])
    nat = {r['option']: int(r['votes']) for r in rows('parliament-%s-national.csv' % election)}
    nat.update({r['item']: int(r['value']) for r in rows('parliament-2023-totals.csv')
                if r['election'] == election})
    return areas, kinds, dom, valid, nat


def may():
    print('== 21 May 2023 (law 4406/2016)')
    areas, kinds, dom, valid, nat = load('2023-05')
    seats = rows('parliament-2023-05-seats.csv')
    D = sum(valid.values())
    V = nat['valid']
    parties = {p: v for p, v in nat.items() if p in kinds and kinds[p] == 'party'}
    # the national figures include the votes cast abroad: each must be at least the domestic sum,
    # and all the extra votes together cannot exceed the extra valid votes
    extra = {p: parties[p] - dom[p] for p in parties}
    check(all(x >= 0 for x in extra.values()) and sum(extra.values()) <= V - D,
          'national votes of the %d listed parties >= their sums over the 59 constituencies, and the '
          'differences (%d) <= national valid %d - constituency valid %d = %d (votes cast abroad)'
          % (len(parties), sum(extra.values()), V, D, V - D))
    # threshold: 3 % of the national valid votes
    q = {p: v for p, v in parties.items() if 100 * v >= 3 * V}
    out = [p for p in parties if p not in q]
    others = max(v for p, v in dom.items() if p not in parties)
    ok = 100 * (others + V - D) < 3 * V
    check(ok and sorted(q) == sorted(['nd', 'syriza', 'pasok-kinal', 'kke', 'elliniki-lysi']),
          'threshold 3%% of %d valid votes = %s: qualify %s; below: %s, and every other party '
          '(at most %d in the constituencies + %d abroad)'
          % (V, Fraction(3 * V, 100), ', '.join(sorted(q)), ', '.join(out), others, V - D))
    official = {}
    state = {}
    const = {}
    for r in seats:
        if r['area'] == '':
            official[r['option']] = official.get(r['option'], 0) + int(r['seats'])
            if r['tier'] == 'state':
                state[r['option']] = int(r['seats'])
            else:
                const[r['option']] = int(r['seats'])
    total = hare(300, q)
    check(total == official and sum(total.values()) == 300,
          'Hare on 300 among the qualifying parties: %s (official: %s)' % (fmt(total), fmt(official)))
    st = hare(15, q)
    check(st == state, 'the 15 State seats, Hare on 15: %s (official: national seats minus '
          'the constituency seats of the Ministry\'s files: %s)' % (fmt(st), fmt(state)))
    per = {}
    bad = []
    for r in seats:
        if r['area']:
            per[r['area']] = per.get(r['area'], 0) + int(r['seats'])
    for a, r in areas.items():
        if a != 'gr' and per.get(a, 0) != int(r['seats']):
            bad.append(a)
    csum = {}
    for r in seats:
        if r['area']:
            csum[r['option']] = csum.get(r['option'], 0) + int(r['seats'])
    check(not bad and csum == const and sum(csum.values()) == 285,
          'the constituency seats of the 59 files add up to each constituency\'s magnitude and, '
          'per party, to its national seats minus its State seats (%s)' % fmt(csum))
    dq = {p: dom[p] for p in q}
    d300 = hare(300, dq)
    print('info: with the constituency votes only (no votes from abroad) Hare on 300 gives %s' % fmt(d300))


def june():
    print('== 25 June 2023 (law 4654/2020)')
    areas, kinds, dom, valid, nat = load('2023-06')
    D = sum(valid.values())
    parties = {p: v for p, v in nat.items() if p in kinds and kinds[p] == 'party'}
    official = {r['option']: int(r['seats']) for r in rows('parliament-2023-06-seats.csv')}
    extra = {p: parties[p] - dom[p] for p in parties}
    amin = sum(extra.values())           # valid votes abroad: at least what the eight parties got there
    amax = nat['registered-abroad']      # at most the voters registered abroad
    check(all(x >= 0 for x in extra.values()) and amin <= amax,
          'national votes of the %d listed parties >= their sums over the 59 constituencies; '
          'their votes from abroad (%d) <= the %d voters registered abroad'
          % (len(parties), amin, amax))
    vlo, vhi = D + amin, D + amax        # national valid votes lie in [vlo, vhi]
    print('info: constituency valid votes %d; national valid votes between %d and %d' % (D, vlo, vhi))
    q = {p: v for p, v in parties.items() if 100 * v >= 3 * vhi}
    others = {p: v + (amax - amin) for p, v in dom.items() if p not in parties}
    below = all(100 * v < 3 * vlo for v in others.values())
    worst = max(others, key=others.get)
    check(len(q) == len(parties) and below,
          'threshold 3%%: the eight listed parties pass even against %d valid votes (smallest: '
          'plefsi-eleftherias %d >= %s); every other party stays below even with all %d unaccounted '
          'votes abroad (largest: %s at most %d < %s)'
          % (vhi, parties['plefsi-eleftherias'], Fraction(3 * vhi, 100), amax - amin, worst,
             others[worst], Fraction(3 * vlo, 100)))
    first = max(q, key=q.get)
    blo, bhi = bonus(Fraction(q[first], vhi)), bonus(Fraction(q[first], vlo))
    check(first == 'nd' and blo == bhi == 50,
          'bonus: first party %s with %d votes, %.4f%% to %.4f%% of the valid votes -> %d seats'
          % (first, q[first], 100 * q[first] / vhi, 100 * q[first] / vlo, blo))
    rest = hare(300 - blo, q)
    total = dict(rest)
    total[first] += blo
    check(total == official, 'Hare on %d among the qualifying parties: %s; with the bonus: %s '
          '(official: %s)' % (300 - blo, fmt(rest), fmt(total), fmt(official)))
    check(sum(int(r['seats']) for a, r in areas.items() if a != 'gr') == 285
          and int(areas['gr']['seats']) == 15, '285 constituency seats in 59 constituencies, 15 State seats')
    drest = hare(300 - blo, {p: dom[p] for p in q})
    print('info: with the constituency votes only (no votes from abroad) Hare on %d gives %s'
          % (300 - blo, fmt(drest)))


may()
june()
if FAIL:
    print('%d MISMATCH(ES)' % len(FAIL))
    sys.exit(1)
print('all checks match')
