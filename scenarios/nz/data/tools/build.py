#!/usr/bin/python3
"""Build the New Zealand CSVs of this folder from the Electoral Commission's official result files.

Usage: build.py SRC_DIR
  SRC_DIR/2020/ and SRC_DIR/2023/ hold the Commission's statistics CSVs as extracted from
  sarahcgall/scgElectionsNZ @ 448278f (data-raw/<year>/, see SOURCES.md for the commands):
    votes-for-registered-parties-by-electorate.csv   party votes per electorate, informal party votes
    candidate-votes-and-turnout-by-electorate.csv    valid / informal candidate votes, electors on roll
    party-votes-and-turnout-by-electorate.csv        cross-check of the party-vote totals
    winning-electorate-candidates.csv                the electorate winners
    overall-results-summary.csv                      official seats per party (list / electorate)
    party-quotients.csv                              the official Sainte-Lague table
  tools/cand-<year>.txt holds the per-candidate votes, transcribed from the Commission's
  candidate-votes-by-voting-place-N.csv files (see its header).
Stdlib only. Every figure is copied; the script asserts the cross-checks listed in SOURCES.md."""
import csv
import os
import re
import sys
import unicodedata
from collections import Counter, OrderedDict

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
YEARS = ('2020', '2023')

# Registered parties: every spelling in the official files -> stable id. The display name is
# the one on the most recent ballot the party appeared on.
PARTY = {
    'ACT New Zealand': 'act',
    'Advance NZ': 'advance-nz',
    'Animal Justice Party': 'animal-justice',
    'Aotearoa Legalise Cannabis Party': 'legalise-cannabis',
    'DemocracyNZ': 'democracynz',
    'Freedoms NZ': 'freedoms-nz',
    'Green Party': 'green',
    'HeartlandNZ': 'heartlandnz',
    'Labour Party': 'labour',
    'Leighton Baker': 'leighton-baker',
    'Leighton Baker Party': 'leighton-baker',
    'Māori Party': 'te-pati-maori',
    'Maori Party': 'te-pati-maori',
    'Te Pāti Māori': 'te-pati-maori',
    'National Party': 'national',
    'New Conservative': 'new-conservative',
    'New Conservatives': 'new-conservative',
    'New Nation Party': 'new-nation',
    'New Zealand First Party': 'nz-first',
    'NZ Loyal': 'nz-loyal',
    'New Zealand Loyal': 'nz-loyal',
    'NewZeal': 'newzeal',
    'NZ Outdoors Party': 'nz-outdoors',
    'NZ Outdoors & Freedom Party': 'nz-outdoors',
    'ONE Party': 'one',
    'Social Credit': 'social-credit',
    'Sustainable New Zealand Party': 'sustainable-nz',
    'TEA Party': 'tea',
    'The Opportunities Party (TOP)': 'top',
    'Vision New Zealand': 'vision-nz',
    'Women’s Rights Party': 'womens-rights',
}
DISPLAY = {
    'te-pati-maori': 'Te Pāti Māori (Māori Party)', 'leighton-baker': 'Leighton Baker Party',
    'new-conservative': 'New Conservative(s)', 'nz-loyal': 'New Zealand Loyal',
    'nz-outdoors': 'NZ Outdoors (& Freedom) Party',
}


def slug(s):
    s = unicodedata.normalize('NFKD', s)
    s = ''.join(c for c in s if not unicodedata.combining(c)).lower()
    s = s.replace('’', '').replace("'", '')
    return re.sub(r'[^a-z0-9]+', '-', s).strip('-')


def party_id(name):
    name = name.strip()
    return PARTY.get(name) or slug(name)


def rows(path):
    with open(path, newline='', encoding='utf-8-sig') as f:
        return [r for r in csv.reader(f)]


def num(s):
    return int(s.replace(',', ''))


def read_transcription(year):
    """{electorate name: (total_row, [(candidate, party, votes)])} from tools/cand-<year>.txt."""
    out, cur, name = OrderedDict(), None, None
    with open(os.path.join(HERE, 'cand-%s.txt' % year), encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if not line or line.startswith('# '):
                continue
            if line.startswith('### '):
                cur = int(line[4:])
                continue
            r = next(csv.reader([line]))
            if r[0] == '' and r[1].endswith(' Total'):
                name = r[1][:-len(' Total')]
                out[name] = {'n': cur, 'total': [int(x) for x in r[2:]], 'cands': [], 'head': ''}
            elif r[0] == 'Electorate Candidate Valid Votes':
                out[name]['head'] = r[4]
            else:
                out[name]['cands'].append((r[0], r[1].strip(), int(r[2])))
    return out


def main(src):
    options = OrderedDict()     # id -> (name, kind)
    areas_all = {}
    for year in YEARS:
        d = os.path.join(src, year)
        # ---- party votes per electorate
        pv = rows(os.path.join(d, 'votes-for-registered-parties-by-electorate.csv'))
        head = pv[2]
        assert head[0] == 'Electorate' and head[-2:] == ['Total Valid Party Votes', 'Informal Party Votes'], head
        parties = [party_id(h) for h in head[1:-2]]
        assert len(set(parties)) == len(parties)
        for h, p in zip(head[1:-2], parties):
            assert h.strip() in PARTY, h
            options.setdefault(p, [DISPLAY.get(p, h.strip()), 'party'])
            if year == '2023' and p not in DISPLAY:
                options[p][0] = h.strip()
        party_votes, party_informal, order = OrderedDict(), {}, []
        totals = None
        roll = 'general'
        rollof = {}
        for r in pv[3:]:
            if not r or not r[0]:
                continue
            name = r[0]
            vals = [num(x) for x in r[1:len(head)]]
            if name == 'General Electorate Totals':
                roll = 'maori'
                continue
            if name == 'Māori Electorate Totals':
                continue
            if name == 'Combined Totals':
                totals = vals
                continue
            assert sum(vals[:-2]) == vals[-2], (year, name)
            party_votes[name] = dict(zip(parties, vals[:-2]))
            party_informal[name] = vals[-1]
            rollof[name] = roll
            order.append(name)
        assert len(order) == 72 and sum(1 for n in order if rollof[n] == 'maori') == 7, len(order)
        nat = {p: sum(party_votes[n][p] for n in order) for p in parties}
        assert [nat[p] for p in parties] == totals[:-2], 'combined totals'
        # cross-check: party-votes-and-turnout (valid total and informal total per electorate)
        pt = {r[0]: r for r in rows(os.path.join(d, 'party-votes-and-turnout-by-electorate.csv')) if len(r) > 6 and r[1].isdigit()}
        for n in order:
            assert num(pt[n][3]) == sum(party_votes[n].values()) and num(pt[n][6]) == party_informal[n], (year, n)
        # ---- candidate votes: turnout file and the transcription
        ct = {r[0]: r for r in rows(os.path.join(d, 'candidate-votes-and-turnout-by-electorate.csv')) if len(r) > 6 and r[1].isdigit()}
        tr = read_transcription(year)
        assert list(tr) == order, (year, [n for n in order if n not in tr])
        winners = {r[0]: r for r in rows(os.path.join(d, 'winning-electorate-candidates.csv'))[2:] if len(r) > 3}
        cand_rows, seats_rows, cancelled = [], [], []
        for i, n in enumerate(order, 1):
            t = tr[n]
            assert t['n'] == i, (year, n, t['n'])
            votes = [v for _, _, v in t['cands']]
            assert t['total'][:-2] == votes and sum(votes) == t['total'][-2], (year, n)
            assert num(ct[n][3]) == t['total'][-2] and num(ct[n][6]) == t['total'][-1], (year, n)
            a = slug(n)
            if sum(votes) == 0:
                # 2023 Port Waikato: poll for the electorate candidate cancelled (file title "(Poll Cancelled)").
                assert year == '2023' and n == 'Port Waikato' and n not in winners
                cancelled.append(a)
                continue
            seen = set()
            for cand, party, v in t['cands']:
                if party == 'Independent':
                    o = 'ind-%s-%s-%s' % (year, a, slug(cand.split(',')[0]))
                    options.setdefault(o, [cand, 'independent'])
                else:
                    o = party_id(party)
                    if o not in options:
                        options[o] = [party, 'party']
                assert o not in seen, (year, n, o)
                seen.add(o)
                cand_rows.append((a, o, v, cand))
            cand_rows.append((a, 'informal', t['total'][-1], ''))
            top = max(t['cands'], key=lambda c: c[2])
            w = winners[n]
            assert w[1] == top[0] and num(w[3]) == top[2], (year, n, w, top)
            ranked = sorted(votes, reverse=True)
            assert num(w[4]) == ranked[0] - ranked[1], (year, n)
            wo = [o for (aa, o, v, c) in cand_rows if aa == a and c == top[0]][0]
            seats_rows.append((a, wo, 1, 'electorate'))
        # ---- official seats per party
        sm = rows(os.path.join(d, 'overall-results-summary.csv'))
        assert sm[4][:2] == ['Parties(Grouped)', 'Seats Allocated'] and sm[4][5] == 'Seats Won', sm[4]
        national = []
        won = Counter(o for (_, o, _, _) in seats_rows)
        for r in sm[5:]:
            if len(r) < 6 or not r[0]:
                continue
            o = party_id(r[0]) if r[0].strip() != 'Independent' else None
            lst, el = num(r[1]), num(r[5])
            if o is None:
                assert lst == el == 0
                continue
            assert won.get(o, 0) == el, (year, r[0], won.get(o), el)
            if lst + el:
                national.append((o, el, lst))
        # the quotient table's per-party totals agree with the summary
        q = rows(os.path.join(d, 'party-quotients.csv'))
        qhead = q[2]
        qparties = [party_id(h) for h in qhead[1::2]]
        qtot = {}
        steps = []
        for r in q[3:]:
            if r and r[0] in ('Electorate Seats', 'List Seats', 'Total seats'):
                qtot[r[0]] = dict(zip(qparties, [num(x) for x in r[1::2]]))
            elif r and r[0].isdigit():
                for p, k in zip(qparties, r[2::2]):
                    if k and num(k) > 0:
                        steps.append(('sainte-lague-seat', 'divisor-%s' % r[0], p, num(k)))
        for o, el, lst in national:
            assert qtot['Electorate Seats'][o] == el and qtot['List Seats'][o] == lst, (year, o)
        assert sorted(k for (_, _, _, k) in steps) == list(range(1, 121)), year
        # ---- write
        stem = os.path.join(OUT, 'house-%s' % year)
        with open(stem + '-electorates.csv', 'w', newline='', encoding='utf-8') as f:
            w = csv.writer(f, lineterminator='\n')
            w.writerow(['area', 'name', 'seats', 'parent', 'registered'])
            for n in order:
                w.writerow([slug(n), n, 1, rollof[n], num(ct[n][10])])
                areas_all.setdefault(slug(n), n)
        with open(stem + '-votes.csv', 'w', newline='', encoding='utf-8') as f:
            w = csv.writer(f, lineterminator='\n')
            w.writerow(['area', 'option', 'votes', 'ballot'])
            for n in order:
                a = slug(n)
                for (aa, o, v, c) in cand_rows:
                    if aa == a:
                        w.writerow([a, o, v, 'candidate'])
                for p in parties:
                    w.writerow([a, p, party_votes[n][p], 'list'])
                w.writerow([a, 'informal', party_informal[n], 'list'])
        with open(stem + '-seats.csv', 'w', newline='', encoding='utf-8') as f:
            w = csv.writer(f, lineterminator='\n')
            w.writerow(['area', 'option', 'seats', 'tier'])
            for r in seats_rows:
                w.writerow(r)
            for o, el, lst in national:
                if el:
                    w.writerow(['', o, el, 'electorate'])
                if lst:
                    w.writerow(['', o, lst, 'list'])
        with open(stem + '-steps.csv', 'w', newline='', encoding='utf-8') as f:
            w = csv.writer(f, lineterminator='\n')
            w.writerow(['step', 'area', 'option', 'value'])
            for s in sorted(steps, key=lambda s: s[3]):
                w.writerow(s)
        print('%s: %d electorates, %d candidate rows, %d list rows, %d winners, seats %s%s' % (
            year, len(order), sum(1 for r in cand_rows if r[1] != 'informal'), len(order) * len(parties),
            len(seats_rows), sum(el + lst for _, el, lst in national),
            (', candidate poll cancelled in ' + ', '.join(cancelled)) if cancelled else ''))
    options['informal'] = ['Informal votes', 'invalid']
    with open(os.path.join(OUT, 'options.csv'), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['option', 'name', 'kind'])
        for o, (name, kind) in options.items():
            w.writerow([o, name, kind])
    with open(os.path.join(OUT, 'rolls.csv'), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['area', 'name'])
        w.writerow(['general', 'General electorates'])
        w.writerow(['maori', 'Māori electorates'])
    print('options: %d' % len(options))


if __name__ == '__main__':
    main(sys.argv[1])
