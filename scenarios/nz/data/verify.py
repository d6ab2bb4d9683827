#!/usr/bin/python3
"""Recompute the seats of the New Zealand House of Representatives at the general elections of
17 October 2020 and 14 October 2023 from the official votes, and compare them with the official
seats. Stdlib only; exact integer arithmetic.

The law (Electoral Act 1993, Part 6, "List seats", ss 191-193):
  each electorate returns the candidate with the most valid candidate votes (plurality);
  s 191(2)-(3): the party votes of every party on the party-vote part of the ballot are totalled;
  s 191(4): a party is disregarded if it has less than 5% of all party votes AND none of its
    electorate candidates was elected; s 191(4A): such a party is treated as not on the ballot;
  s 191: the remaining totals are divided by 1, 3, 5, 7, ... (Sainte-Lague) and the 120 seats,
    less the electorates won by candidates of parties not on the party vote and by independents,
    go to the highest quotients;
  s 192: a party's list seats are its seats so found less its electorate seats; a party whose
    electorate seats exceed them keeps them, and the House grows by the difference (overhang).
Ties at the last seat (decided by lot) are reported, not resolved.

Reads the CSVs of this folder. Prints one "matches" line per check, and exits 1 on a mismatch."""
import csv
import os
import sys
from collections import Counter, OrderedDict, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
SEATS = 120
THRESHOLD = (5, 100)        # s 191(4)(a): at least 5% of all party votes
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


KIND = {o: k for o, n, k in read('options.csv', ['option', 'name', 'kind'])}


def sainte_lague(votes, seats):
    """Highest quotients votes/(2s+1): returns ({party: seats}, [party of seat 1, 2, ...])."""
    alloc = {p: 0 for p in votes}
    order = []
    for _ in range(seats):
        best = None
        for p in votes:     # votes[p]/(2a_p+1) > votes[best]/(2a_best+1), exactly
            if best is None or votes[p] * (2 * alloc[best] + 1) > votes[best] * (2 * alloc[p] + 1):
                best = p
        alloc[best] += 1
        order.append(best)
    # a tie between the last seat given and the best quotient left would be decided by lot
    last = order[-1]
    for p in votes:
        if p != last and votes[p] * (2 * alloc[last] - 1) == votes[last] * (2 * alloc[p] + 1):
            print('  UNRESOLVED tie (lot) for seat %d between %s and %s' % (seats, last, p))
    return alloc, order


def verify(year):
    stem = 'house-%s' % year
    areas = OrderedDict((a, (n, parent)) for a, n, s, parent, reg in
                        read(stem + '-electorates.csv', ['area', 'name', 'seats', 'parent', 'registered']))
    cand, lst = defaultdict(dict), defaultdict(dict)
    for a, o, v, b in read(stem + '-votes.csv', ['area', 'option', 'votes', 'ballot']):
        if a not in areas or o not in KIND or b not in ('candidate', 'list'):
            sys.exit('%s-votes.csv: bad row %r' % (stem, (a, o, v, b)))
        if KIND[o] == 'invalid':
            continue
        d = cand if b == 'candidate' else lst
        assert o not in d[a], (a, o, b)
        d[a][o] = int(v)
    official_winner, official = {}, defaultdict(dict)
    for a, o, s, t in read(stem + '-seats.csv', ['area', 'option', 'seats', 'tier']):
        if a:
            official_winner[a] = o
        else:
            official[t][o] = int(s)
    print('== %s general election: %d electorates (%d general, %d Maori)' % (
        year, len(areas), sum(1 for n, p in areas.values() if p == 'general'),
        sum(1 for n, p in areas.values() if p == 'maori')))

    # electorate winners: plurality of valid candidate votes
    winner = {}
    for a in areas:
        if not cand.get(a):
            print('  %s: no candidate votes (poll for the electorate candidate cancelled); no member '
                  'elected at the general election' % areas[a][0])
            continue
        ranked = sorted(cand[a].items(), key=lambda kv: -kv[1])
        if ranked[0][1] == ranked[1][1]:
            print('  UNRESOLVED tie in %s' % a)
        winner[a] = ranked[0][0]
    check(winner == official_winner, '%s: plurality winner of each of the %d electorates with a poll' % (year, len(winner)),
          ', '.join('%s %s/%s' % (a, winner.get(a), official_winner.get(a))
                    for a in areas if winner.get(a) != official_winner.get(a)))
    el = Counter(winner.values())
    check(dict(el) == official['electorate'], '%s: electorate seats per party' % year,
          ' '.join('%s %d' % kv for kv in el.most_common()))

    # party votes and the threshold, s 191(4)
    total = Counter()
    for a in areas:
        total.update(lst[a])
    all_votes = sum(total.values())
    qualified = OrderedDict()
    for p, v in total.most_common():
        if v * THRESHOLD[1] >= THRESHOLD[0] * all_votes or el.get(p, 0) >= 1:
            qualified[p] = v
    print('  party votes %d; qualified: %s' % (all_votes, ', '.join(
        '%s %.2f%%%s' % (p, 100.0 * v / all_votes, '' if v * 20 >= all_votes else ' (electorate seat)')
        for p, v in qualified.items())))
    # electorates won by independents or by parties not on the party vote are taken off the 120
    off = sum(n for p, n in el.items() if p not in total)
    print('  electorates won by independents or parties not on the party vote: %d' % off)
    alloc, order = sainte_lague(qualified, SEATS - off)

    # the official Sainte-Lague table: which quotient (party, divisor) got seat no. k
    official_order = {}
    for step, area, o, v in read(stem + '-steps.csv', ['step', 'area', 'option', 'value']):
        if step == 'sainte-lague-seat':
            official_order[int(v)] = (o, int(area[len('divisor-'):]))
    mine, count = {}, Counter()
    for k, p in enumerate(order, 1):
        count[p] += 1
        mine[k] = (p, 2 * count[p] - 1)
    check(mine == official_order, '%s: the order of all %d seats in the official quotient table' % (year, SEATS - off))

    # s 192: list seats, overhang
    list_seats, overhang = {}, {}
    for p, n in alloc.items():
        e = el.get(p, 0)
        list_seats[p] = max(0, n - e)
        if e > n:
            overhang[p] = e - n
    house = SEATS + sum(overhang.values()) + off
    print('  entitlement (120): %s' % ' '.join('%s %d' % (p, n) for p, n in alloc.items()))
    check({p: n for p, n in list_seats.items() if n} == official['list'], '%s: list seats per party' % year,
          ' '.join('%s %d' % (p, n) for p, n in list_seats.items() if n))
    total_official = sum(official['list'].values()) + sum(official['electorate'].values())
    check(house == total_official, '%s: house size %d (overhang %s)' % (
        year, house, ', '.join('%s +%d' % kv for kv in overhang.items()) or 'none'))
    for p in sorted(set(official['list']) | set(official['electorate']), key=lambda p: -alloc.get(p, 0)):
        t = official['list'].get(p, 0) + official['electorate'].get(p, 0)
        mine_t = list_seats.get(p, 0) + el.get(p, 0)
        print('  %-16s electorate %2d  list %2d  total %2d' % (p, el.get(p, 0), list_seats.get(p, 0), mine_t))
        if mine_t != t:
            check(False, '%s: %s total seats %d, official %d' % (year, p, mine_t, t))


verify('2023')
verify('2020')
if FAILED:
    print('%d MISMATCHES' % len(FAILED))
    sys.exit(1)
print('all checks match')
