#!/usr/bin/python3
"""Recompute what the stored official data allow of the Riksdag seat allocation of 11 September
2022 (and the national figures of 9 September 2018, the simulation baseline), and compare with
the official seats. Stdlib only; exact integer (Fraction) arithmetic.

Law: Regeringsformen (1974:152) ch. 3 and Vallag (2005:837) ch. 14 (texts not read here; the
method as described by Valmyndigheten and in the English translation of ch. 14, see SOURCES.md):
  - 349 seats: 310 fixed constituency seats (fasta valkretsmandat) in 29 valkretsar and 39
    adjustment seats (utjämningsmandat);
  - only parties with at least 4 % of the valid votes in the whole country take part, and a party
    with at least 12 % of the valid votes in a valkrets takes part in that valkrets's fixed seats;
  - the jämkade uddatalsmetoden: a party's votes divided by 1.2 for its first seat, then by 3, 5,
    7, ...; the national distribution (totalfördelning) gives the 349 seats among the parties
    over 4 % with the whole country as one constituency, and each party's adjustment seats are its
    national number less its fixed seats.
What cannot be recomputed here: the fixed seats of each valkrets (their numbers for 2022 were not
found in a stored copy), hence neither the fixed seats per party and valkrets nor the placing of
the 39 adjustment seats. See SOURCES.md.

Reads the CSVs of this folder. Prints one "matches" line per check, and exits 1 on any mismatch."""
import csv
import os
import sys
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
HOUSE = 349
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
    return FIRST if s == 0 else Fraction(2 * s + 1)


def uddatal(votes, seats, label):
    """Seat by seat, the largest comparison number votes/divisor; a tie is reported."""
    alloc = {o: 0 for o in votes}
    for _ in range(seats):
        q = {o: Fraction(votes[o]) / divisor(alloc[o]) for o in votes}
        best = max(votes, key=lambda o: (q[o], votes[o]))
        if sum(1 for o in votes if q[o] == q[best]) > 1:
            print('NOTE: %s: equal comparison numbers for a seat' % label)
        alloc[best] += 1
    return alloc


def run(year, official):
    print('--- Riksdag %s' % year)
    options = {o: (n, k, a) for o, n, k, a in read('options.csv', ['option', 'name', 'kind', 'aggregate'])}
    areas = {a: n for a, n, s, r in read('riksdag-%s-valkretsar.csv' % year,
                                          ['area', 'name', 'seats', 'registered'])}
    votes = {}
    for a, o, v in read('riksdag-%s-votes.csv' % year, ['area', 'option', 'votes']):
        assert a in areas and o in options, (a, o)
        if options[o][1] == 'party':
            votes.setdefault(a, {})[o] = int(v)
    check(len(areas) == 29, '%s: 29 valkretsar' % year)
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
    alloc = uddatal({o: nat[o] for o in eligible}, HOUSE, '%s national' % year)
    text = ', '.join('%s %d' % (o, alloc[o]) for o in eligible)
    if official is None:
        print('    national distribution of %d seats (computed; no official seats in the data): %s'
              % (HOUSE, text))
        return
    check(alloc == official and sum(official.values()) == HOUSE,
          '%s: national distribution of %d seats by the jämkade uddatalsmetoden: %s' % (year, HOUSE, text),
          '' if alloc == official else 'official %r' % official)


def main():
    official = {o: int(s) for a, o, s, t in read('riksdag-2022-seats.csv', ['area', 'option', 'seats', 'tier'])
                if a == '' and t == 'total'}
    run('2022', official)
    run('2018', None)
    if FAILED:
        print('%d check(s) failed' % len(FAILED))
        sys.exit(1)
    print('all checks match')


if __name__ == '__main__':
    main()
