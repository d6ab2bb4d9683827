#!/usr/bin/python3
"""Recompute the Storting seat allocations of 13 September 2021 and 11 September 2017 from the
official votes by the law's algorithm, and compare them with the official seats. Stdlib only;
exact integer (Fraction) arithmetic.

Law: lov 28. juni 2002 nr. 57 om valg til Stortinget, fylkesting og kommunestyrer (valgloven),
the Act in force at both elections (replaced by the valgloven of 16 June 2023 nr. 62 from 2025);
169 members (Grunnloven § 57):
  § 11-3: the seats of each valgdistrikt (fylke); here the official number of each fylke;
  § 11-4 (1): all seats of a valgdistrikt but one are district seats (distriktsmandater); the
    last one is a seat at large (utjevningsmandat), allocated by the Riksvalgstyret;
  § 11-4 (2), (3): the district seats go to the lists by Sainte-Laguë's modified method: each
    list's votes divided by 1.4, 3, 5, 7, ...; equal quotients go to the list with more votes,
    then by lot;
  (the wording of §§ 11-5 and 11-6 was not read here: see SOURCES.md)
  § 11-5: only parties with at least 4 % of the votes of the whole country take part in the
    leveling; 169 seats, less the district seats won by the lists that do not take part, are
    distributed among them by their national votes with the same method; a party whose district
    seats exceed its number leaves the calculation with its district seats, and the calculation
    is repeated among the rest; each remaining party's leveling seats are its number less its
    district seats;
  § 11-6: the leveling seats go to the fylker: for each party with leveling seats and each fylke,
    its votes there divided by 2 x (its district seats there) + 1, divided by the fylke's average
    number of votes per district seat (its list votes over its district seats); the largest
    quotient takes the first leveling seat, and so on; a fylke that has its leveling seat and a
    party that has all its leveling seats leave the table.
Votes are the lists' votes (ballots); blank ballots (blank) and rejected ballots (invalid) count
for no list, nor in the 4 % base or the fylke averages (this reproduces valgresultat.no's
percentages and the official leveling quotients; see SOURCES.md).

Reads the CSVs of this folder. Prints one "matches" line per check, and exits 1 on any mismatch."""
import csv
import os
import sys
from collections import OrderedDict
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
HOUSE = 169
THRESHOLD = Fraction(4, 100)
FIRST = Fraction(7, 5)            # § 11-4 (3): the first divisor 1.4
NOT_LISTS = {'blank', 'invalid'}
FAILED = []


def read(name, header):
    with open(os.path.join(HERE, name), newline='', encoding='utf-8') as f:
        rows = list(csv.reader(f))
    if rows[0] != header:
        sys.exit('%s: header %r, expected %r' % (name, rows[0], header))
    for i, r in enumerate(rows[1:], 2):
        if len(r) != len(header):
            sys.exit('%s:%d: %d fields, expected %d' % (name, i, len(r), len(header)))
    return rows[1:]


def check(ok, what, detail=''):
    print('%s %s%s' % ('matches:' if ok else 'MISMATCH:', what, ('  ' + detail) if detail else ''))
    if not ok:
        FAILED.append(what)


def divisor(s):
    """§ 11-4 (3): 1.4 for a list's first seat, then 3, 5, 7, ..."""
    return FIRST if s == 0 else Fraction(2 * s + 1)


def modified_sainte_lague(votes, seats, label):
    """Seat by seat: the largest quotient votes/divisor wins; equal quotients go to the list with
    more votes (§ 11-4 (3)); a remaining tie (lot) is reported."""
    alloc = {o: 0 for o in votes}
    for _ in range(seats):
        key = {o: (votes[o] / divisor(alloc[o]), votes[o]) for o in votes}
        best = max(votes, key=lambda o: key[o])
        if sum(1 for o in votes if key[o] == key[best]) > 1:
            print('NOTE: %s: a seat decided by lot' % label)
        alloc[best] += 1
    return alloc


def rank_of(q, own, votes, k_max):
    """The 'mandatrang' of the quotient q of list `own` in a fylke: its position in the table of
    every list's first k_max quotients votes/1.4, votes/3, votes/5, ... (k_max = the fylke's
    district seats), largest first, equal quotients ordered by more votes (§ 11-4 (3)). Returns
    the range of positions (lo, hi): lo < hi where lists with equal votes have equal quotients
    (their order would be a lot; it never concerns a seat here)."""
    above = same = 0
    for o, v in votes.items():
        for k in range(k_max):
            x = Fraction(v) / divisor(k)
            if x < q:
                break
            if x > q or (o != own and v > votes[own]):
                above += 1
            elif o != own and v == votes[own]:
                same += 1
    return above + 1, above + 1 + same


def load(year):
    fylker = OrderedDict((a, (n, int(s), int(r))) for a, n, s, r in
                         read('storting-%s-fylker.csv' % year, ['area', 'name', 'seats', 'registered']))
    votes = OrderedDict((a, OrderedDict()) for a in fylker)
    blank = {}
    for a, o, v in read('storting-%s-votes.csv' % year, ['area', 'option', 'votes']):
        assert a in fylker, a
        if o in NOT_LISTS:
            blank.setdefault(a, {})[o] = int(v)
        else:
            assert o not in votes[a], (a, o)
            votes[a][o] = int(v)
    seats = {}
    for a, o, s, t in read('storting-%s-seats.csv' % year, ['area', 'option', 'seats', 'tier']):
        assert t in ('district', 'leveling'), t
        seats[(a, o, t)] = int(s)
    steps = {}
    for st, a, o, v in read('storting-%s-steps.csv' % year, ['step', 'area', 'option', 'value']):
        steps[(st, a, o)] = v
    return fylker, votes, seats, steps


def run(year):
    print('--- Storting %s' % year)
    fylker, votes, seats, steps = load(year)
    check(sum(s for _, s, _ in fylker.values()) == HOUSE and len(fylker) == 19,
          '%s: 19 fylker, %d seats in all (§ 11-2)' % (year, HOUSE))
    options = {o: (n, k, c) for o, n, k, c in read('options.csv', ['option', 'name', 'kind', 'category'])}

    # § 11-4: district seats in each fylke.
    district = OrderedDict()
    bad, rank_checks, rank_bad, q_bad, lots = [], 0, [], [], 0
    for a, (name, m, _) in fylker.items():
        v = votes[a]
        d = modified_sainte_lague(v, m - 1, '%s %s' % (year, a))
        district[a] = d
        for o in v:
            if d[o] != seats.get((a, o, 'district'), 0):
                bad.append('%s %s %d/%d' % (a, o, d[o], seats.get((a, o, 'district'), 0)))
        for (a2, o, t) in seats:
            if a2 == a and t == 'district' and o not in v:
                bad.append('%s %s: seats but no votes' % (a, o))
        # The official quotient and rank of each list's last district seat and of its next one.
        for o in v:
            for step, k in (('district-last', d[o] - 1), ('district-next', d[o])):
                if (step + '-quotient', a, o) not in steps:
                    continue
                q = Fraction(v[o]) / divisor(k)
                given = Fraction(steps[(step + '-quotient', a, o)])
                if abs(q - given) > Fraction(5, 10 ** 6):
                    q_bad.append('%s %s %s %s/%s' % (a, o, step, float(q), given))
                lo, hi = rank_of(q, o, v, m - 1)
                rank_checks += 1
                lots += lo < hi
                if not lo <= int(steps[(step + '-rank', a, o)]) <= hi:
                    rank_bad.append('%s %s %s %d-%d/%s' % (a, o, step, lo, hi,
                                                           steps[(step + '-rank', a, o)]))
    n_district = sum(sum(d.values()) for d in district.values())
    check(not bad, '%s: district seats of every list in every fylke (§ 11-4), %d seats' % (year, n_district),
          '; '.join(bad))
    check(not q_bad and not rank_bad,
          '%s: the official quotient (5 decimals) and rank (mandatrang) of every list\'s last and '
          'next district seat, %d of each' % (year, rank_checks),
          '; '.join(q_bad + rank_bad) or ('%d ranks shared by lists with equal votes (no seat '
                                          'concerned): either order accepted' % lots if lots else ''))

    # § 11-5: the national calculation.
    nat = {}
    for a in fylker:
        for o, x in votes[a].items():
            nat[o] = nat.get(o, 0) + x
    total = sum(nat.values())
    eligible = sorted((o for o in nat if nat[o] >= THRESHOLD * total), key=lambda o: -nat[o])
    # Only registered parties may get leveling seats; no list of partikategori 3 (not a
    # registered party) comes near 4 %, so the condition decides nothing here.
    assert all(options[o][2] in ('1', '2') for o in eligible), eligible
    dsum = {}
    for d in district.values():
        for o, s in d.items():
            dsum[o] = dsum.get(o, 0) + s
    house = HOUSE - sum(s for o, s in dsum.items() if o not in eligible)
    part = list(eligible)
    rounds = []
    while True:
        ent = modified_sainte_lague({o: Fraction(nat[o]) for o in part}, house, '%s national' % year)
        over = [o for o in part if dsum.get(o, 0) > ent[o]]
        rounds.append('%d seats among %s%s' % (house, '/'.join(part),
                                               (': out ' + '/'.join(over)) if over else ''))
        if not over:
            break
        for o in over:
            house -= dsum[o]
            part.remove(o)
    leveling = {o: ent[o] - dsum.get(o, 0) for o in part if ent[o] > dsum.get(o, 0)}
    official = {o: s for (a, o, t), s in seats.items() if a == '' and t == 'leveling'}
    print('    4 %% of %d list votes: %s; %s' % (
        total, ', '.join('%s %.2f %%' % (o, 100.0 * nat[o] / total) for o in eligible), '; '.join(rounds)))
    check(leveling == official and sum(leveling.values()) == 19,
          '%s: leveling seats per party (§ 11-5): %s' % (
              year, ', '.join('%s %d' % (o, s) for o, s in sorted(leveling.items(), key=lambda x: -x[1]))),
          '' if leveling == official else 'official %r' % official)
    nat_district = {o: s for (a, o, t), s in seats.items() if a == '' and t == 'district'}
    check(nat_district == {o: s for o, s in dsum.items() if s},
          '%s: national district seats per party equal the sum of the fylker' % year)

    # § 11-6: distributing the leveling seats to the fylker.
    quot = {}
    for a, (name, m, _) in fylker.items():
        v = votes[a]
        avg = Fraction(sum(v.values()), m - 1)
        for o in leveling:
            if o in v:
                quot[(a, o)] = Fraction(v[o], 2 * district[a].get(o, 0) + 1) / avg
    order = sorted(quot, key=lambda k: -quot[k])
    ties = [k for i, k in enumerate(order[1:], 1) if quot[k] == quot[order[i - 1]]]
    left, open_f, given, seq = dict(leveling), set(fylker), {}, []
    for a, o in order:
        if a in open_f and left[o] > 0:
            given[a] = o
            open_f.discard(a)
            left[o] -= 1
            seq.append((a, o, quot[(a, o)]))
    if ties:
        print('NOTE: %s: equal leveling quotients %r' % (year, ties))
    official_f = {a: o for (a, o, t), s in seats.items() if a and t == 'leveling'}
    check(given == official_f and len(given) == 19,
          '%s: the leveling seat of each of the 19 fylker (§ 11-6)' % year,
          '; '.join('%s %s/%s' % (a, given.get(a), official_f.get(a)) for a in fylker
                    if given.get(a) != official_f.get(a)))
    for i, (a, o, q) in enumerate(seq, 1):
        print('    %2d  %-24s %-5s %.6f' % (i, a, o, q))
    # The official quotient and rank of each party's last leveling seat (national answer).
    last = {o: (i, q) for i, (a, o, q) in enumerate(seq, 1)}
    bad, worst = [], 0.0
    for o in leveling:
        gq = float(steps[('leveling-last-quotient', '', o)])
        gr = int(steps[('leveling-last-rank', '', o)])
        worst = max(worst, abs(float(last[o][1]) - gq) / gq)
        if last[o][0] != gr or abs(float(last[o][1]) - gq) > 1e-12 * gq:
            bad.append('%s %d/%d %r/%r' % (o, last[o][0], gr, float(last[o][1]), gq))
    check(not bad, '%s: the official quotient and rank of each party\'s last leveling seat: %s' % (
        year, ', '.join('%s #%d' % (o, last[o][0]) for o in sorted(last, key=lambda o: last[o][0]))),
        '; '.join(bad) if bad else 'largest relative difference %.1e' % worst)
    totals = {}
    for a in fylker:
        for o, s in district[a].items():
            totals[o] = totals.get(o, 0) + s
    for o in leveling:
        totals[o] += leveling[o]
    print('    seats: ' + ', '.join('%s %d' % (o, s) for o, s in sorted(totals.items(), key=lambda x: -x[1]) if s))


def main():
    for year in ('2021', '2017'):
        run(year)
    if FAILED:
        print('%d check(s) failed' % len(FAILED))
        sys.exit(1)
    print('all checks match')


if __name__ == '__main__':
    main()
