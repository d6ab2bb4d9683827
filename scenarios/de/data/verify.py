#!/usr/bin/python3
"""Recompute the Bundestag seat allocations of 2025 and 2021 from the official votes by the law's
algorithm, and compare them with the official seats. Stdlib only; exact integer arithmetic.

2025 (BWG as reformed in 2023, text as last amended on 7 March 2024, with the Federal
Constitutional Court's judgment of 30 July 2024, 2 BvF 1/23, keeping the Grundmandatsklausel):
  § 4 (2): parties with < 5 % of the valid second votes in the whole country and fewer than three
    constituency pluralities are left out; lists of national-minority parties (SSW) are exempt.
  § 4 (1), § 6 (2): seats of successful independents are taken off the 630, and the second votes of
    their voters left out (none in 2025: checked).
  § 4 (2), § 5: the 630 seats go to the parties by Sainte-Laguë/Schepers (divisor method with
    standard rounding) on their national second votes (Oberverteilung);
  § 4 (3), § 5: each party's seats go to its Land lists the same way (Unterverteilung);
  § 6 (1): in each Land the party's constituency winners, ranked by falling first-vote share
    (their votes over the Wahlkreis's valid first votes), take the Land list's seats in that order
    (Zweitstimmendeckung); winners beyond the list's seats are not seated; the rest of the seats
    go to the list.
2021 (BWG as in force on 26 September 2021, § 6 in the wording of the 25th amending law of
14 November 2020, BGBl. I S. 2395):
  § 6 (3): threshold as above (5 % or three constituency seats; minority lists exempt);
  § 6 (2): first distribution: the 598 seats to the Länder by German population, then each Land's
    seats to the eligible Land lists by second votes (all Sainte-Laguë/Schepers);
  § 6 (5): each list gets the larger of its constituency seats and the mean of those and its first-
    distribution seats rounded up; a party's minimum is the larger of the sum of these and the sum
    of its first-distribution seats; the 598 are raised until every party gets its minimum, up to
    three constituency seats not covered by list seats being left out of account (they stay, as
    remaining overhang, and add to the total);
  § 6 (6): each party's seats to its Land lists by Sainte-Laguë/Schepers, every list getting at
    least its § 6 (5) minimum.
Ties at exactly .5 (decided by lot) are reported, not resolved.

Reads the CSVs of this folder. Prints one "matches" line per check, and exits 1 on any mismatch."""
import csv
import os
import sys
from collections import Counter, OrderedDict, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
# Parties of national minorities (§ 4 (2) S. 3 BWG 2025, § 6 (3) S. 2 BWG 2021): the Bundeswahl-
# ausschuss's finding, quoted in the Bundeswahlleiterin's press releases of both elections.
MINORITY = {'ssw'}
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


def sainte_lague(votes, seats, minimum=None, label=''):
    """Highest averages with divisors s + 1/2, starting from each option's minimum (which is the
    divisor method with standard rounding where no minimum binds, and § 6 (6) S. 2 BWG 2021 where
    one does). Returns {option: seats}; reports a tie for the last seat."""
    alloc = {o: (minimum or {}).get(o, 0) for o in votes}
    left = seats - sum(alloc.values())
    assert left >= 0, (label, seats, alloc)

    def better(a, b):   # votes[a]/(alloc[a]+1/2) > votes[b]/(alloc[b]+1/2), exactly
        return votes[a] * (2 * alloc[b] + 1) - votes[b] * (2 * alloc[a] + 1)
    for _ in range(left):
        best = None
        for o in votes:
            if best is None or better(o, best) > 0:
                best = o
        alloc[best] += 1
    # The next seat's best claim against the weakest seat given: equal means a lot (§ 5 (3)).
    nxt = max(votes, key=lambda o: (votes[o] / (2 * alloc[o] + 1)))
    last = [o for o in votes if alloc[o] > (minimum or {}).get(o, 0)]
    for o in last:
        if votes[o] * (2 * alloc[nxt] + 1) == votes[nxt] * (2 * alloc[o] - 1) and o != nxt:
            print('  UNRESOLVED tie (lot) in %s between %s and %s' % (label, o, nxt))
    return alloc


def load_votes(stem):
    wk = OrderedDict()
    for a, name, seats, parent, reg in read('%s-wahlkreise.csv' % stem,
                                            ['area', 'name', 'seats', 'parent', 'registered']):
        wk[a] = parent
    first, second = defaultdict(dict), defaultdict(dict)
    valid1 = Counter()
    for a, o, v, b in read('%s-votes.csv' % stem, ['area', 'option', 'votes', 'ballot']):
        if a not in wk or b not in ('candidate', 'list') or o not in KIND:
            sys.exit('%s-votes.csv: bad row %r' % (stem, (a, o, v, b)))
        if o == 'invalid':
            continue
        d = first if b == 'candidate' else second
        if o in d[a]:
            sys.exit('%s-votes.csv: duplicate %r' % (stem, (a, o, b)))
        d[a][o] = int(v)
        if b == 'candidate':
            valid1[a] += int(v)
    return wk, first, second, valid1


def winners_of(wk, first):
    win = {}
    for a in wk:
        v = first[a]
        best = max(v.values())
        top = [o for o in v if v[o] == best]
        if len(top) > 1:
            print('  UNRESOLVED tie (lot) for the plurality in %s: %s' % (a, top))
        win[a] = top[0]
    return win


def eligible(second, win, year):
    nat = Counter()
    for a in second:
        for o, v in second[a].items():
            nat[o] += v
    total = sum(nat.values())
    wins = Counter(o for o in win.values() if KIND[o] == 'party')
    elig = sorted(o for o in nat if KIND[o] == 'party' and
                  (20 * nat[o] >= total or wins[o] >= 3 or o in MINORITY))
    print('%d: %d valid second votes; eligible: %s' % (
        year, total, ', '.join('%s %.2f%%%s' % (o, 100 * nat[o] / total,
                                                ' (3+ constituencies)' if 20 * nat[o] < total and wins[o] >= 3 else
                                                ' (minority)' if 20 * nat[o] < total else '')
                               for o in sorted(elig, key=lambda o: -nat[o]))))
    return elig, nat


def by_land(wk, second, parties):
    land = defaultdict(Counter)
    for a, parent in wk.items():
        for o, v in second[a].items():
            if o in parties:
                land[o][parent] += v
    return land


def official_seats(stem):
    per = defaultdict(Counter)       # (area, tier) -> Counter(option)
    for a, o, s, t in read('%s-seats.csv' % stem, ['area', 'option', 'seats', 'tier']):
        per[(a, t)][o] += int(s)
    return per


def verify_2025():
    print('== Bundestag 2025 ==')
    wk, first, second, valid1 = load_votes('bundestag-2025')
    win = winners_of(wk, first)
    off_win = {a: (o, s == 'yes') for a, o, s in read('bundestag-2025-winners.csv',
                                                      ['area', 'option', 'seated'])}
    check(all(off_win[a][0] == win[a] for a in wk), '2025 plurality winner of every Wahlkreis (299)')
    indep = [a for a in wk if KIND[win[a]] != 'party']
    check(not indep, '2025 no successful independent (§ 6 (2)), so 630 seats and all second votes count',
          ', '.join(indep))
    elig, nat = eligible(second, win, 2025)
    ober = sainte_lague({o: nat[o] for o in elig}, 630, label='2025 Oberverteilung')
    off = official_seats('bundestag-2025')
    off_nat = {o: off[('', 'constituency')][o] + off[('', 'list')][o] for o in
               set(off[('', 'constituency')]) | set(off[('', 'list')])}
    check({o: s for o, s in ober.items() if s} == off_nat, '2025 Oberverteilung of 630 seats',
          ' '.join('%s %d' % (o, s) for o, s in sorted(ober.items(), key=lambda x: -x[1])))
    land = by_land(wk, second, elig)
    lands = sorted(set(wk.values()))
    seats = {}   # (land, party) -> seats of the Land list
    for o in elig:
        u = sainte_lague(dict(land[o]), ober[o], label='2025 Unterverteilung %s' % o)
        for l, s in u.items():
            seats[(l, o)] = s
    # Zweitstimmendeckung: per Land and party, winners by falling first-vote share.
    seated = {}
    for l in lands:
        for o in elig:
            ws = [a for a in wk if wk[a] == l and win[a] == o]
            ws.sort(key=lambda a: first[a][o] / valid1[a], reverse=True)
            for i in range(1, len(ws)):   # exact check that the order is strict
                a, b = ws[i - 1], ws[i]
                if first[a][o] * valid1[b] == first[b][o] * valid1[a]:
                    print('  UNRESOLVED tie (lot) of first-vote shares in %s: %s %s' % (l, a, b))
            n = seats.get((l, o), 0)
            for i, a in enumerate(ws):
                seated[a] = i < n
    uncovered = sorted(a for a in wk if not seated[a])
    off_unc = sorted(a for a in wk if not off_win[a][1])
    check(uncovered == off_unc, '2025 Zweitstimmendeckung: the %d winners left without a seat'
          % len(off_unc), ' '.join('%s(%s)' % (a, win[a]) for a in uncovered))
    wkseats = Counter()
    for a in wk:
        if seated[a]:
            wkseats[(wk[a], win[a])] += 1
    off_wk = {a: o for (a, t), c in off.items() if t == 'constituency' and a for o in c}
    mine = {a: win[a] for a in wk if seated[a]}
    check(mine == off_wk, '2025 seated constituency members, Wahlkreis by Wahlkreis (%d)' % len(mine))
    natwk = Counter(o for o in mine.values())
    check(all(natwk[o] == off[('', 'constituency')][o] for o in set(natwk) | set(off[('', 'constituency')])),
          '2025 national constituency seats per party (official "darunter Wahlkreissitze")')
    print('2025 per Land (computed; the official per-Land table is not in the data, see SOURCES.md):')
    print('  %-6s %s' % ('Land', '  '.join('%-16s' % o for o in elig)))
    for l in lands:
        cells = []
        for o in elig:
            s = seats.get((l, o), 0)
            cells.append('%-16s' % ('%d = %d+%d' % (s, wkseats[(l, o)], s - wkseats[(l, o)]) if s else '-'))
        print('  %-6s %s' % (l, '  '.join(cells)))
    print('  (seats = constituency + list)')


def verify_2021():
    print('== Bundestag 2021 ==')
    wk, first, second, valid1 = load_votes('bundestag-2021')
    win = winners_of(wk, first)
    off = official_seats('bundestag-2021')
    off_wk = {a: o for (a, t), c in off.items() if t == 'constituency' for o in c}
    check(off_wk == win, '2021 constituency winners, Wahlkreis by Wahlkreis (299, all seated)')
    check(all(KIND[o] == 'party' for o in win.values()), '2021 no successful independent (§ 6 (1) S. 2-3)')
    steps = defaultdict(dict)
    for s, a, o, v in read('bundestag-2021-steps.csv', ['step', 'area', 'option', 'value']):
        steps[s][(a, o)] = int(v)
    pop = {a: int(p) for a, p in read('bundestag-2021-population.csv', ['area', 'population'])}
    kont = sainte_lague(pop, 598, label='2021 Länder contingents')
    check(all(kont[a] == steps['land-seats-598'][(a, '')] for a in pop),
          '2021 first distribution: 598 seats to the Länder by German population')
    elig, nat = eligible(second, win, 2021)
    land = by_land(wk, second, elig)
    lands = sorted(pop)
    sk = {}
    for l in lands:
        v = {o: land[o][l] for o in elig if land[o][l]}
        for o, s in sainte_lague(v, kont[l], label='2021 contingent %s' % l).items():
            sk[(l, o)] = s
    won = Counter((wk[a], win[a]) for a in wk)
    mind, minimum, overhang = {}, {}, Counter()
    for o in elig:
        tot_sk = tot_min = 0
        for l in lands:
            if (l, o) not in sk and not won[(l, o)]:
                continue
            k, w = sk.get((l, o), 0), won[(l, o)]
            mind[(l, o)] = max(w, (w + k + 1) // 2)     # the mean rounded up (§ 6 (5) S. 2)
            overhang[o] += max(0, w - k)
            tot_sk += k
            tot_min += mind[(l, o)]
        minimum[o] = max(tot_sk, tot_min)
    spd_ok = all(sk.get((l, 'spd'), 0) == steps['list-contingent'][(l, 'spd')] and
                 won[(l, 'spd')] == steps['constituency-won'][(l, 'spd')] and
                 mind[(l, 'spd')] == steps['min-seats'][(l, 'spd')] for l in lands)
    check(spd_ok, '2021 SPD per Land: list contingents, constituencies won, minimum seats (official worked example)')
    check(all(minimum[o] == steps['min-seats'][('', o)] and overhang[o] == steps['overhang'][('', o)]
              for o in elig) and len(elig) == len([k for k in steps['min-seats'] if k[0] == '']),
          '2021 minimum seat numbers and threatened overhangs per party',
          ' '.join('%s %d/%d' % (o, minimum[o], overhang[o]) for o in sorted(elig, key=lambda o: -minimum[o])))
    check(all(nat[o] == steps['list-votes'][('', o)] for o in elig), '2021 second votes taken into account per party')
    # § 6 (5): raise the total until each party reaches its minimum, up to 3 overhangs left out.
    votes = {o: nat[o] for o in elig}
    n = 598
    while True:
        sl = sainte_lague(votes, n, label='2021 increase to %d' % n)
        short = {o: max(0, minimum[o] - sl[o]) for o in elig}
        if all(short[o] <= overhang[o] for o in elig) and sum(short.values()) <= 3:
            break
        n += 1
    party = {o: sl[o] + short[o] for o in elig}
    total = sum(party.values())
    check(all(sl[o] == steps['seats-at-733'][('', o)] and short[o] == steps['remaining-overhang'][('', o)]
              for o in elig), '2021 increase: %d seats by Sainte-Laguë + %d remaining overhang' % (n, total - n),
          ' '.join('%s %d%s' % (o, sl[o], '+%d' % short[o] if short[o] else '') for o in sorted(elig, key=lambda o: -party[o])))
    half = sum(votes.values())
    check(not any(2 * votes[o] > half for o in elig), '2021 majority clause (§ 6 (7)) not triggered')
    # § 6 (6): each party's seats to its Land lists, with the § 6 (5) minimum per list.
    final = {}
    for o in elig:
        v = {l: land[o][l] for l in lands if land[o][l]}
        mins = {l: mind.get((l, o), 0) for l in v}
        for l, s in sainte_lague(v, party[o], minimum=mins, label='2021 Unterverteilung %s' % o).items():
            final[(l, o)] = s
    check(all(final[(l, 'spd')] == steps['final-seats'][(l, 'spd')] for l in lands),
          '2021 SPD seats per Land list (official worked example)')
    off_land = Counter()
    for (a, t), c in off.items():
        for o, s in c.items():
            off_land[(a if t == 'list' else wk[a], o)] += s
    mine = Counter({k: s for k, s in final.items() if s})
    bad = sorted(k for k in set(mine) | set(off_land) if mine[k] != off_land[k])
    check(not bad and total == 736, '2021 seats per party and Land (%d Land lists), %d in all'
          % (len(mine), total), ' '.join('%s/%s %d vs %d' % (l, o, mine[(l, o)], off_land[(l, o)]) for l, o in bad))
    lst = Counter()
    for (a, t), c in off.items():
        if t == 'list':
            for o, s in c.items():
                lst[(a, o)] += s
    check(all(final[k] - won[k] == lst[k] for k in final if final[k]),
          '2021 list seats per Land list = seats - constituencies won (no Land list with overhang left)')


def main():
    global KIND
    KIND = {o: k for o, name, k in read('options.csv', ['option', 'name', 'kind'])}
    verify_2025()
    verify_2021()
    if FAILED:
        print('%d check(s) failed' % len(FAILED))
        sys.exit(1)
    print('all checks match')


if __name__ == '__main__':
    main()
