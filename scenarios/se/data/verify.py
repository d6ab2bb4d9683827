#!/usr/bin/python3
"""Recompute the Riksdag seat allocation of 11 September 2022 (and of 9 September 2018, the
simulation baseline) from the stored official votes, and compare with the official seats.
Stdlib only; exact integer / Fraction arithmetic.

The law as read (see SOURCES.md): Regeringsformen (1974:152) ch. 3 and Vallag (2005:837) ch. 14,
read in the English translation of ch. 14 stored at te.gob.mx (the Swedish text was not found in a
stored copy), with Valmyndigheten's own descriptions:
  - 349 seats: 310 fixed constituency seats (fasta valkretsmandat) in 29 valkretsar, 39 adjustment
    seats (utjämningsmandat);
  - only parties with at least 4 % of the votes in the whole country take part; a party with at
    least 12 % of the votes in a valkrets takes part in that valkrets's fixed seats;
  - ch. 14 (3 §): the fixed seats of each valkrets by the adjusted odd-number method: votes / 1.2
    while a party has no seat there, then / 3, / 5, / 7, ...;
  - (4 §): each party's national number: the same method on the whole country as one valkrets;
  - (return of seats, "återföring"): a party whose fixed seats exceed its national number returns
    the surplus, in the valkrets where it took a seat by the lowest comparative number (never in a
    valkrets with fewer than 3 fixed seats); the returned seat goes, by 3 §, to another party of that
    valkrets not yet proportionally represented. (Not triggered in 2022 or 2018; implemented and
    reported.)
  - adjustment seats: a party already proportionally represented by its fixed seats, or below 4 %,
    is disregarded; every other party gets national number - fixed seats. "Of the adjustment seats
    that a party has received, the first is added for the constituency where, after the
    distribution of the permanent constituency seats, the party has a greater comparative number
    than in other constituencies. The remaining seats are added one after the other for the
    constituency where the party has the greatest comparative number for each round of the
    continued application of the adjusted odd-number method to the party's number of votes in the
    constituencies. However, in a constituency where the party has not obtained any permanent
    constituency seat the comparative number when allocating the first seat shall be equivalent to
    the party's number of votes." So: votes / (2 s + 1) with s the party's seats there so far, i.e.
    divisor 1 (not 1.2) where it has none. Each party's seats are placed independently.
  - ties are decided by lot (2 §): a tie is reported (NOTE) and would need the official result.

Official seats compared (riksdag-2022-seats.csv): the national total per party, and, where
transcribed, the total (fixed + adjustment) per party and valkrets. The official split of those
totals into fixed and adjustment seats was not found in a stored copy; the split printed here is
computed. Prints one "matches:"/"MISMATCH:" line per check and exits 1 on any mismatch."""
import csv
import os
import sys
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
HOUSE, FIXED = 349, 310
NATIONAL, LOCAL = Fraction(4, 100), Fraction(12, 100)
FIRST = Fraction(6, 5)            # the first divisor 1.2
FAILED = []


def read(name, header):
    with open(os.path.join(HERE, name), newline='', encoding='utf-8') as f:
        rows = list(csv.reader(f))
    if rows[0] != header:
        sys.exit('%s: header %r, expected %r' % (name, rows[0], header))
    return rows[1:]


def check(ok, what, detail=''):
    print('%s %s%s' % ('matches:' if ok else 'MISMATCH:', what, ('  ' + detail) if detail else ''))
    if not ok:
        FAILED.append(what)


def divisor(s):
    """Adjusted odd-number method: 1.2 for the first seat, then 3, 5, 7, ..."""
    return FIRST if s == 0 else Fraction(2 * s + 1)


def best(cands, q, label):
    """The key with the largest comparison number q[key]; a tie is reported (decided by lot)."""
    top = max(q[c] for c in cands)
    winners = [c for c in cands if q[c] == top]
    if len(winners) > 1:
        print('NOTE: %s: equal comparison numbers %s (the law decides by lot)' % (label, winners))
    return winners[0]


def uddatal(votes, seats, label, start=None):
    """Seat by seat to the largest votes/divisor(seats so far)."""
    alloc = dict(start) if start else {o: 0 for o in votes}
    for _ in range(seats):
        q = {o: Fraction(votes[o]) / divisor(alloc[o]) for o in votes}
        alloc[best(list(votes), q, label)] += 1
    return alloc


def allocate(votes, fixed_seats, eligible, label):
    """The whole allocation: fixed seats per valkrets, national numbers, returns, adjustment seats
    and their placement. votes[area][party]; fixed_seats[area]; eligible = parties over 4 %."""
    fixed, taken = {}, {}      # taken[area][party]: comparison numbers by which its seats were won
    for a in sorted(votes):
        total = sum(votes[a].values())
        part = {o: v for o, v in votes[a].items() if o in eligible or v >= LOCAL * total}
        alloc = {o: 0 for o in part}
        taken[a] = {o: [] for o in part}
        for _ in range(fixed_seats[a]):
            q = {o: Fraction(part[o]) / divisor(alloc[o]) for o in part}
            w = best(list(part), q, '%s fixed %s' % (label, a))
            taken[a][w].append(q[w])
            alloc[w] += 1
        fixed[a] = alloc
    nat = {o: sum(votes[a].get(o, 0) for a in votes) for o in eligible}
    entitled = uddatal(nat, HOUSE, '%s national' % label)
    fixsum = {o: sum(fixed[a].get(o, 0) for a in fixed) for o in eligible}
    # Return of surplus fixed seats (återföring).
    returned = []
    while any(fixsum[o] > entitled[o] for o in eligible):
        o = next(o for o in eligible if fixsum[o] > entitled[o])
        where = [(min(taken[a][o]), a) for a in fixed if fixed[a].get(o) and fixed_seats[a] >= 3]
        low, a = min(where)
        taken[a][o].remove(low)
        fixed[a][o] -= 1
        fixsum[o] -= 1
        others = [p for p in fixed[a] if p != o and (p not in eligible or fixsum[p] < entitled[p])]
        q = {p: Fraction(votes[a][p]) / divisor(fixed[a][p]) for p in others}
        w = best(others, q, '%s returned seat %s' % (label, a))
        fixed[a][w] += 1
        if w in fixsum:
            fixsum[w] += 1
        returned.append((o, a, w))
    adj = {o: entitled[o] - fixsum[o] for o in eligible if fixsum[o] < entitled[o]}
    total = {a: dict(fixed[a]) for a in fixed}
    placed = {a: {} for a in fixed}
    for o in sorted(adj):
        for _ in range(adj[o]):
            q = {a: Fraction(votes[a].get(o, 0)) / (2 * total[a].get(o, 0) + 1) for a in total}
            a = best(sorted(total), q, '%s adjustment seat of %s' % (label, o))
            total[a][o] = total[a].get(o, 0) + 1
            placed[a][o] = placed[a].get(o, 0) + 1
    return {'fixed': fixed, 'entitled': entitled, 'fixsum': fixsum, 'returned': returned,
            'adj': adj, 'placed': placed, 'total': total}


def run(year, official_nat, official_area):
    print('--- Riksdag %s' % year)
    options = {o: (n, k, a) for o, n, k, a in read('options.csv', ['option', 'name', 'kind', 'aggregate'])}
    rows = read('riksdag-%s-valkretsar.csv' % year, ['area', 'name', 'seats', 'registered'])
    areas = {a: n for a, n, s, r in rows}
    fixed_seats = {a: int(s) for a, n, s, r in rows}
    votes = {}
    for a, o, v in read('riksdag-%s-votes.csv' % year, ['area', 'option', 'votes']):
        assert a in areas and o in options, (a, o)
        if options[o][1] == 'party':
            votes.setdefault(a, {})[o] = int(v)
    check(len(areas) == 29, '%s: 29 valkretsar' % year)
    check(sum(fixed_seats.values()) == FIXED, '%s: the fixed seats of the 29 valkretsar sum to %d'
          % (year, FIXED), 'sum %d' % sum(fixed_seats.values()))
    nat = {}
    for a in votes:
        for o, v in votes[a].items():
            nat[o] = nat.get(o, 0) + v
    total = sum(nat.values())
    eligible = sorted((o for o in nat if options[o][2] == 'no' and nat[o] >= NATIONAL * total),
                      key=lambda o: -nat[o])
    # Lists below 4 %: could one of them reach 12 % in a valkrets? In 2022 the small parties are
    # only given together (ovr); if even their sum stays below 12 % everywhere, none can.
    worst = max((Fraction(v, sum(votes[a].values())), a, o) for a in votes
                for o, v in votes[a].items() if o not in eligible)
    check(worst[0] < LOCAL, '%s: no list below 4 %% reaches 12 %% in any valkrets' % year,
          'largest: %s %.2f %% in %s' % (worst[2], 100 * float(worst[0]), worst[1]))
    aggregate_out = [o for o in nat if options[o][2] == 'yes']
    check(all(nat[o] < NATIONAL * total for o in aggregate_out),
          '%s: the aggregate of the other parties stays below 4 %% nationally' % year,
          ', '.join('%s %.2f %%' % (o, 100.0 * nat[o] / total) for o in aggregate_out))
    print('    4 %% of %d valid votes: %s' % (total, ', '.join(
        '%s %.2f %%' % (o, 100.0 * nat[o] / total) for o in eligible)))
    r = allocate(votes, fixed_seats, eligible, year)
    text = ', '.join('%s %d' % (o, r['entitled'][o]) for o in eligible)
    if official_nat:
        check(r['entitled'] == official_nat and sum(official_nat.values()) == HOUSE,
              '%s: national distribution of %d seats by the jämkade uddatalsmetoden: %s' % (year, HOUSE, text),
              '' if r['entitled'] == official_nat else 'official %r' % official_nat)
    else:
        print('    national distribution of %d seats (computed; no official seats in the data): %s'
              % (HOUSE, text))
    print('    fixed seats won (computed): %s' % ', '.join('%s %d' % (o, r['fixsum'][o]) for o in eligible))
    check(not r['returned'], '%s: no party\'s fixed seats exceed its national number (no seat returned)'
          % year, '; '.join('%s returns a seat in %s to %s' % x for x in r['returned']))
    n_adj = sum(r['adj'].values())
    check(n_adj == HOUSE - FIXED, '%s: %d adjustment seats' % (year, HOUSE - FIXED),
          ', '.join('%s %d' % (o, r['adj'].get(o, 0)) for o in eligible))
    for a in sorted(votes):
        print('    %-32s %2d fixed: %s' % (a, fixed_seats[a], ' '.join(
            '%s %d%s' % (o, r['total'][a].get(o, 0),
                         ('(%d adj)' % r['placed'][a][o]) if r['placed'][a].get(o) else '')
            for o in eligible if r['total'][a].get(o, 0))))
    for a in sorted(official_area):
        got = {o: r['total'][a].get(o, 0) for o in official_area[a]}
        check(got == official_area[a], '%s: seats per party in %s (fixed + adjustment): %s' % (
            year, a, ' '.join('%s %d' % (o, got[o]) for o in eligible if o in got)),
            '' if got == official_area[a] else 'official %r' % official_area[a])
    if official_area:
        print('    (%d of 29 valkretsar have official seats per party in the data)' % len(official_area))
    return r


def main():
    nat22, area22 = {}, {}
    for a, o, s, t in read('riksdag-2022-seats.csv', ['area', 'option', 'seats', 'tier']):
        assert t == 'total', t
        if a == '':
            nat22[o] = int(s)
        else:
            area22.setdefault(a, {})[o] = int(s)
    run('2022', nat22, area22)
    run('2018', None, {})
    if FAILED:
        print('%d check(s) failed' % len(FAILED))
        sys.exit(1)
    print('all checks match')


if __name__ == '__main__':
    main()
