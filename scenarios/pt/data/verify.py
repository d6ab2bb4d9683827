#!/usr/bin/python3
"""Recompute the Assembleia da República 2024 seat allocation from the official votes
and compare it with the official seats.

Law applied (Lei Eleitoral da Assembleia da República, Lei n.º 14/79, art. 16.º):
  * in each of the 22 constituencies (círculos) the seats are distributed by the D'Hondt
    method among the lists, with no legal threshold; blank and null ballots take no part.
  * art. 16.º(1)(d): if only one seat remains and the next terms of the series are equal and
    belong to different lists, the seat goes to the list with FEWER votes (equal totals too
    would be undecidable and are reported as unresolved).
Reads: assembleia-2024-votes.csv, assembleia-2024-seats.csv, magnitudes.csv, options.csv.
Prints one line per area and a national total; exits 0 and prints "all N areas match" only if
every area matches."""
import csv, os, re, sys
from collections import OrderedDict
HERE = os.path.dirname(os.path.abspath(__file__))
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

def dhondt(votes, seats):
    alloc = {o: 0 for o in votes}
    notes = []
    for k in range(seats):
        best, tied = None, []
        for o, v in votes.items():
            d = alloc[o] + 1
            if best is None:
                best, tied = (v, d), [o]
                continue
            lhs, rhs = v * best[1], best[0] * d
            if lhs > rhs:
                best, tied = (v, d), [o]
            elif lhs == rhs:
                tied.append(o)
        if len(tied) > 1:
            remaining = seats - k
            if remaining >= len(tied):
                notes.append('quotient tie %s, all tied lists get a seat (order irrelevant)' % ', '.join(tied))
            else:
                tied.sort(key=lambda o: votes[o])            # fewer votes first (art. 16.º(1)(d))
                if votes[tied[0]] == votes[tied[1]]:
                    notes.append('UNRESOLVED tie between %s' % ', '.join(tied))
                else:
                    notes.append('last-seat quotient tie %s -> list with fewer votes: %s' % (', '.join(tied), tied[0]))
        alloc[tied[0]] += 1
    return {o: s for o, s in alloc.items() if s}, notes

def main():
    kinds = {}
    for o, name, kind in read('options.csv', ['option', 'name', 'kind']):
        if not ID.match(o) or kind not in ('party', 'blank', 'invalid') or o in kinds:
            sys.exit('options.csv: bad option row %r' % o)
        kinds[o] = kind
    mags = OrderedDict((a, int(s)) for a, _, s in read('magnitudes.csv', ['area', 'name', 'seats']))
    votes = OrderedDict((a, OrderedDict()) for a in mags)
    for a, o, v in read('assembleia-2024-votes.csv', ['area', 'option', 'votes']):
        if a not in votes or o not in kinds or o in votes[a] or int(v) < 0:
            sys.exit('votes: bad row %r' % ([a, o, v],))
        votes[a][o] = int(v)
    official = OrderedDict((a, {}) for a in mags)
    for a, o, s in read('assembleia-2024-seats.csv', ['area', 'option', 'seats']):
        if a not in official or o in official[a] or kinds.get(o) != 'party' or o not in votes[a]:
            sys.exit('seats: bad row %r' % ([a, o, s],))
        if int(s):
            official[a][o] = int(s)
    bad = 0
    nat_calc, nat_off, tv = {}, {}, {}
    fmt = lambda d: ' '.join('%s=%d' % (o, s) for o, s in sorted(d.items(), key=lambda x: (-x[1], x[0])))
    for a, m in mags.items():
        for o, v in votes[a].items():
            tv[o] = tv.get(o, 0) + v
        if sum(official[a].values()) != m:
            print('%-18s official seats add to %d, magnitude is %d' % (a, sum(official[a].values()), m))
            bad += 1
            continue
        party = {o: v for o, v in votes[a].items() if kinds[o] == 'party'}
        calc, notes = dhondt(party, m)
        for o, s in calc.items():
            nat_calc[o] = nat_calc.get(o, 0) + s
        for o, s in official[a].items():
            nat_off[o] = nat_off.get(o, 0) + s
        ok = calc == official[a] and not any(n.startswith('UNRESOLVED') for n in notes)
        bad += not ok
        print('%-18s %-4s M=%-2d %s%s' % (a, 'OK' if ok else 'DIFF', m, fmt(calc),
              '' if ok else '  | official: ' + fmt(official[a])) + ''.join('\n    note: ' + n for n in notes))
    print('national computed: ' + fmt(nat_calc))
    print('national official: ' + fmt(nat_off))
    print('total seats computed %d, official %d, magnitudes %d' % (sum(nat_calc.values()), sum(nat_off.values()), sum(mags.values())))
    tp = sum(v for o, v in tv.items() if kinds[o] == 'party')
    tb = sum(v for o, v in tv.items() if kinds[o] == 'blank')
    ti = sum(v for o, v in tv.items() if kinds[o] == 'invalid')
    print('total votes: lists %d, blank %d, null %d, voters %d' % (tp, tb, ti, tp + tb + ti))
    if bad or nat_calc != nat_off:
        print('%d of %d areas do not match' % (bad, len(mags)))
        sys.exit(1)
    print('all %d areas match' % len(mags))

if __name__ == '__main__':
    main()
