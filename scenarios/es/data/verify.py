#!/usr/bin/python3
"""Recompute the Congreso de los Diputados 2023 seat allocation from the official votes and
compare it with the official seats.

Law applied (Ley Orgánica 5/1985, LOREG):
  * art. 163: in each province, lists with less than 3% of the valid votes cast in the
    constituency are excluded; valid votes = votes to candidacies + blank ballots (art. 96);
    remaining seats by D'Hondt (divide by 1, 2, ..., M; the M largest quotients win).
    Ties of quotients: the seat goes to the list with the larger total vote; if the totals are
    also equal, the first tie is decided by lot and the following ones alternately (163.1.c) -
    such a case cannot be decided from the data and is reported as unresolved.
  * art. 170: Ceuta and Melilla elect one deputy each; the most-voted candidate wins
    (no threshold).
Reads: congreso-2023-votes.csv, congreso-2023-seats.csv, magnitudes.csv, options.csv (same folder).
Prints one line per area and a national total; exits 0 and prints "all N areas match" only if
every area matches."""
import csv, os, re, sys
from collections import OrderedDict
HERE = os.path.dirname(os.path.abspath(__file__))
PLURALITY_AREAS = {'51-ceuta', '52-melilla'}
THRESHOLD = (3, 100)   # 3 %
ID = re.compile(r'^[a-z0-9_-]+$')

def read(name, header):
    with open(os.path.join(HERE, name), newline='', encoding='utf-8') as f:
        rows = list(csv.reader(f))
    if rows[0] != header:
        sys.exit('%s: header %r, expected %r' % (name, rows[0], header))
    for r in rows[1:]:
        if len(r) != len(header):
            sys.exit('%s: bad row %r' % (name, r))
    return rows[1:]

def dhondt(votes, seats, tie_more_votes=True):
    """votes: {option: votes}; returns ({option: seats}, [notes]). Exact integer comparisons."""
    alloc = {o: 0 for o in votes}
    notes = []
    for _ in range(seats):
        best = None
        tied = []
        for o, v in votes.items():
            d = alloc[o] + 1
            if best is None:
                best, tied = (v, d), [o]
                continue
            lhs, rhs = v * best[1], best[0] * d          # compare v/d with best
            if lhs > rhs:
                best, tied = (v, d), [o]
            elif lhs == rhs:
                tied.append(o)
        if len(tied) > 1:
            key = (lambda o: votes[o]) if tie_more_votes else (lambda o: -votes[o])
            tied.sort(key=key, reverse=True)
            if key(tied[0]) == key(tied[1]):
                notes.append('UNRESOLVED tie (lot) between %s' % ', '.join(tied))
            else:
                notes.append('quotient tie %s resolved by total votes -> %s' % (', '.join(tied), tied[0]))
        alloc[tied[0]] += 1
    return {o: s for o, s in alloc.items() if s}, notes

def main():
    kinds = {}
    for o, name, kind in read('options.csv', ['option', 'name', 'kind']):
        if not ID.match(o) or kind not in ('party', 'blank', 'invalid') or o in kinds:
            sys.exit('options.csv: bad option row %r' % o)
        kinds[o] = kind
    mags = OrderedDict()
    for a, name, s in read('magnitudes.csv', ['area', 'name', 'seats']):
        mags[a] = int(s)
    votes = OrderedDict((a, OrderedDict()) for a in mags)
    for a, o, v in read('congreso-2023-votes.csv', ['area', 'option', 'votes']):
        if a not in votes or o not in kinds or o in votes[a] or int(v) < 0:
            sys.exit('votes: bad row %r' % ([a, o, v],))
        votes[a][o] = int(v)
    official = OrderedDict((a, {}) for a in mags)
    for a, o, s in read('congreso-2023-seats.csv', ['area', 'option', 'seats']):
        if a not in official or o in official[a] or kinds.get(o) != 'party' or o not in votes[a]:
            sys.exit('seats: bad row %r' % ([a, o, s],))
        if int(s):
            official[a][o] = int(s)
    bad = 0
    nat_calc, nat_off = {}, {}
    tv = {}
    for a, m in mags.items():
        party = {o: v for o, v in votes[a].items() if kinds[o] == 'party'}
        valid = sum(party.values()) + sum(v for o, v in votes[a].items() if kinds[o] == 'blank')
        for o, v in votes[a].items():
            tv[o] = tv.get(o, 0) + v
        if sum(official[a].values()) != m:
            print('%-28s official seats add to %d, magnitude is %d' % (a, sum(official[a].values()), m))
            bad += 1
            continue
        notes = []
        if a in PLURALITY_AREAS:
            assert m == 1
            top = max(party.values())
            win = [o for o, v in party.items() if v == top]
            if len(win) > 1:
                notes.append('UNRESOLVED plurality tie %s' % win)
            calc = {win[0]: 1}
            rule = 'plurality'
        else:
            elig = {o: v for o, v in party.items() if v * THRESHOLD[1] >= THRESHOLD[0] * valid}
            calc, notes = dhondt(elig, m, tie_more_votes=True)
            rule = "D'Hondt, 3%% of %d valid = %d lists eligible" % (valid, len(elig))
        for o, s in calc.items():
            nat_calc[o] = nat_calc.get(o, 0) + s
        for o, s in official[a].items():
            nat_off[o] = nat_off.get(o, 0) + s
        ok = calc == official[a] and not any(n.startswith('UNRESOLVED') for n in notes)
        bad += not ok
        fmt = lambda d: ' '.join('%s=%d' % (o, s) for o, s in sorted(d.items(), key=lambda x: (-x[1], x[0])))
        print('%-28s %-5s M=%-2d [%s] %s%s' % (a, 'OK' if ok else 'DIFF', m, rule, fmt(calc),
              '' if ok else '  | official: ' + fmt(official[a])) + ''.join('\n    note: ' + n for n in notes))
    print('national computed: ' + ' '.join('%s=%d' % x for x in sorted(nat_calc.items(), key=lambda x: (-x[1], x[0]))))
    print('national official: ' + ' '.join('%s=%d' % x for x in sorted(nat_off.items(), key=lambda x: (-x[1], x[0]))))
    print('total seats computed %d, official %d, magnitudes %d' % (sum(nat_calc.values()), sum(nat_off.values()), sum(mags.values())))
    tp = sum(v for o, v in tv.items() if kinds[o] == 'party')
    tb = sum(v for o, v in tv.items() if kinds[o] == 'blank')
    ti = sum(v for o, v in tv.items() if kinds[o] == 'invalid')
    print('total votes: candidacies %d, blank %d, valid %d, invalid %d, cast %d' % (tp, tb, tp + tb, ti, tp + tb + ti))
    if bad or nat_calc != nat_off:
        print('%d of %d areas do not match' % (bad, len(mags)))
        sys.exit(1)
    print('all %d areas match' % len(mags))

# Official national seats of 10 November 2019, by MIR national grouping, as the elected deputies
# of record 08 of 02201911_TOTA give them (quoted in the header of
# victoriano/sistemaelectoral@5039c695 src/data/elections2019N.ts, whose generator checks it).
OFFICIAL_2019 = {'PSOE': 120, 'PP': 89, 'VOX': 52, 'UP': 35, 'ERC': 13, 'Cs': 10, 'JUNTS': 8, 'PNV': 6,
                 'BILDU': 5, 'MASPAIS': 2, 'CUP': 2, 'CCA': 2, 'NA+': 2, 'COMPROMIS': 1, 'PRC': 1,
                 'BNG': 1, 'TERUEL': 1}
GROUP_2019 = {'PODEMOS-IU': 'UP', 'ECP-GUANYEM EL CANVI': 'UP', 'PODEMOS-EU': 'UP',
              'ERC-SOBIRANISTES': 'ERC', 'JxCAT-JUNTS': 'JUNTS', 'EAJ-PNV': 'PNV', 'EH Bildu': 'BILDU',
              'MÁS PAÍS-EQUO': 'MASPAIS', 'MÁS PAÍS': 'MASPAIS', 'M PAÍS-CHA-EQUO': 'MASPAIS',
              'CUP-PR': 'CUP', 'CCa-PNC-NC': 'CCA', 'MÉS COMPROMÍS': 'COMPROMIS', '¡TERUEL EXISTE!': 'TERUEL'}

def verify_2019():
    """The 2019 baseline: every 2019 list as published (congreso-2019-lists.csv), the 2019
    magnitudes and the blank votes give, by the same law, the official national seats of 2019."""
    mags = OrderedDict((a, int(s)) for a, n, s in read('congreso-2019-magnitudes.csv', ['area', 'name', 'seats']))
    lists = OrderedDict((a, OrderedDict()) for a in mags)
    for a, sg, o, v in read('congreso-2019-lists.csv', ['area', 'siglas', 'option', 'votes']):
        assert sg not in lists[a], (a, sg)
        lists[a][sg] = int(v)
    blank, summed = {}, {}
    for a, o, v in read('congreso-2019-votes.csv', ['area', 'option', 'votes']):
        if o == 'blank':
            blank[a] = int(v)
        elif o != 'invalid':
            summed[(a, o)] = summed.get((a, o), 0) + int(v)
    mapped = {}
    for a, sg, o, v in read('congreso-2019-lists.csv', ['area', 'siglas', 'option', 'votes']):
        mapped[(a, o)] = mapped.get((a, o), 0) + int(v)
    if mapped != summed:
        sys.exit('2019: congreso-2019-votes.csv is not the sum of congreso-2019-lists.csv by option')
    nat = {}
    for a, m in mags.items():
        valid = sum(lists[a].values()) + blank[a]
        if a in PLURALITY_AREAS:
            top = max(lists[a].values())
            calc = {[s for s, v in lists[a].items() if v == top][0]: 1}
            notes = []
        else:
            elig = {s: v for s, v in lists[a].items() if v * THRESHOLD[1] >= THRESHOLD[0] * valid}
            calc, notes = dhondt(elig, m)
        if any(n.startswith('UNRESOLVED') for n in notes):
            sys.exit('2019 %s: %s' % (a, notes))
        for s, k in calc.items():
            g = GROUP_2019.get(s, s)
            nat[g] = nat.get(g, 0) + k
    line = ' '.join('%s=%d' % x for x in sorted(nat.items(), key=lambda x: (-x[1], x[0])))
    print('2019 national computed: ' + line)
    if nat != OFFICIAL_2019 or sum(mags.values()) != 350:
        print('2019 national official: ' + ' '.join('%s=%d' % x for x in OFFICIAL_2019.items()))
        sys.exit('2019 baseline does NOT reproduce the official 2019 seats')
    print('2019 baseline: %d areas, national seats match the official 2019 result' % len(mags))

if __name__ == '__main__':
    main()
    verify_2019()
