#!/usr/bin/python3
"""Builds the German Bundestag CSVs (elections of 23 February 2025 and 26 September 2021) from
the Bundeswahlleiterin's open-data files, checking them on the way. Nothing is typed in: ids are
made from the files' own names and numbers. See ../SOURCES.md for where each file comes from.

Usage (stdlib only):
  tools/build.py KERG2_2025.csv GESAMTERGEBNIS_02_2025.xml PRESS_2025.txt \
                 KERG2_2021.csv KERG_2021.csv GEWAEHLTE_2021.csv ERL_SITZZUTEILUNG_2021.txt
  KERG2_*                 "Ergebnisse nach Wahlkreisen", flat form (kerg2.csv / btw21_kerg2.csv)
  GESAMTERGEBNIS_02_2025  the same final 2025 result as XML (gesamtergebnis_02.xml), cross-check
  PRESS_2025.txt          tools/press-2025.txt: the seat table of the Bundeswahlleiterin's press
                          release, as stored (national seats per party and their Wahlkreissitze)
  KERG_2021               btw21_kerg.csv, the wide form, cross-check of the 2021 flat file
  GEWAEHLTE_2021          btw21_gewaehlte-fortschreibung_utf8.csv (elected candidates)
  ERL_SITZZUTEILUNG_2021  `pdftotext -layout btw21_erl_sitzzuteilung.pdf` (the official worked
                          explanation of the 2021 seat calculation): population and step figures
Writes ../*.csv (next to this folder).
"""
import csv
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter, OrderedDict, defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent
# Official Land numbers (Gebietsnummer of Gebietsart Land) -> the usual two-letter code.
LAND_CODE = {1: 'sh', 2: 'hh', 3: 'ni', 4: 'hb', 5: 'nw', 6: 'he', 7: 'rp', 8: 'bw', 9: 'by',
             10: 'sl', 11: 'be', 12: 'bb', 13: 'mv', 14: 'sn', 15: 'st', 16: 'th'}
ABK = {v.upper(): k for k, v in LAND_CODE.items()}  # GebietLandAbk of the gewaehlte file


def land_id(n):
    return '%02d-%s' % (n, LAND_CODE[n])


def wk_id(n):
    return 'wk%03d' % n


def slug(s):
    s = s.replace('ä', 'ae').replace('ö', 'oe').replace('ü', 'ue').replace('Ä', 'Ae') \
         .replace('Ö', 'Oe').replace('Ü', 'Ue').replace('ß', 'ss')
    s = unicodedata.normalize('NFKD', s).encode('ascii', 'ignore').decode().lower()
    return re.sub(r'[^a-z0-9]+', '-', s).strip('-')


def read_kerg2(path):
    """The flat result file: preamble lines, then a header starting with 'Wahlart'."""
    with open(path, encoding='utf-8-sig', newline='') as f:
        rows = list(csv.reader(f, delimiter=';'))
    start = next(i for i, r in enumerate(rows) if r and r[0] == 'Wahlart')
    meta = {r[0].rstrip(':'): r[1:3] for r in rows[:start] if r and r[0] in ('Status:', 'Stand:')}
    hdr = rows[start]
    return meta, [dict(zip(hdr, r)) for r in rows[start + 1:] if r and r[0]]


class Election:
    """Votes per Wahlkreis from one kerg2 file, checked against its Land and Bund rows."""

    def __init__(self, year, path):
        self.year = year
        self.meta, rows = read_kerg2(path)
        assert self.meta['Status'][0] == 'Endgültig', self.meta
        self.wk = OrderedDict()      # n -> dict(name, land, registered, voters, valid{1,2}, invalid{1,2})
        self.votes = defaultdict(OrderedDict)  # (n, stimme) -> {group name: votes}
        self.kind = {}               # group name at Wahlkreis level -> 'Partei' | 'Einzelbewerber...'
        self.order = {}
        self.gewaehlt = {}           # n -> value of the 'Gewählt' column (2025 only)
        self.land_names = {}
        agg = defaultdict(Counter)   # ('Land', n) / ('Bund', 99) -> Counter((group, stimme))
        for r in rows:
            ga, n = r['Gebietsart'], int(r['Gebietsnummer'])
            if ga == 'Land':
                self.land_names[n] = r['Gebietsname']
            if r['Anzahl'] == '':
                continue   # the group did not stand (or only a previous-election figure)
            a, grp, st = int(r['Anzahl']), r['Gruppenname'], r['Stimme']
            if ga != 'Wahlkreis':
                agg[(ga, n)][(grp, st)] = a
                continue
            w = self.wk.setdefault(n, {'name': r['Gebietsname'], 'land': int(r['UegGebietsnummer']),
                                       'valid': {}, 'invalid': {}})
            if 'Gewählt' in r:
                self.gewaehlt[n] = r['Gewählt']
            if r['Gruppenart'] == 'System-Gruppe':
                if grp == 'Wahlberechtigte':
                    w['registered'] = a
                elif grp == 'Wählende':
                    w['voters'] = a
                elif grp == 'Gültige':
                    w['valid'][st] = a
                elif grp == 'Ungültige':
                    w['invalid'][st] = a
                else:
                    raise SystemExit('%s: unknown system group %r' % (path, grp))
                continue
            assert st in ('1', '2') and grp not in self.votes[(n, st)], (n, grp, st)
            self.votes[(n, st)][grp] = a
            self.kind[grp] = r['Gruppenart']
            self.order.setdefault(grp, int(r['Gruppenreihenfolge']))
        assert len(self.wk) == 299, len(self.wk)
        # Each Wahlkreis adds up; Länder and Bund are the sums of their Wahlkreise.
        tot = defaultdict(Counter)
        for n, w in self.wk.items():
            for st in '12':
                s = sum(self.votes[(n, st)].values())
                assert s == w['valid'][st], (year, n, st, s, w['valid'][st])
                assert w['valid'][st] + w['invalid'][st] == w['voters'], (year, n, st)
                for key in [('Land', w['land']), ('Bund', 99)]:
                    for grp, v in self.votes[(n, st)].items():
                        g = grp if self.kind[grp] == 'Partei' else 'Einzelbewerber/Wählergruppe'
                        tot[key][(g, st)] += v
                    tot[key][('Gültige', st)] += w['valid'][st]
                    tot[key][('Ungültige', st)] += w['invalid'][st]
            for key in [('Land', w['land']), ('Bund', 99)]:
                tot[key][('Wahlberechtigte', '')] += w['registered']
                tot[key][('Wählende', '')] += w['voters']
        for key, c in agg.items():
            for k, v in c.items():
                assert tot[key][k] == v, (year, key, k, tot[key][k], v)
            for k, v in tot[key].items():
                assert v == 0 or c.get(k) == v, (year, key, k, v, c.get(k))
        assert sorted(self.land_names) == list(range(1, 17))

    def option(self, grp, n=None):
        if self.kind[grp] == 'Partei':
            return slug(grp)
        # seatcast's ids are at most 64 characters: a long Kennwort is cut there.
        full = 'ind-%d-%03d-%s' % (self.year, n, slug(grp[3:] if grp.startswith('EB:') else grp))
        return full[:64].rstrip('-')

    def winner(self, n):
        """Plurality of first votes; a tie would need the lot (§ 5 / § 6 Abs. 3 BWG)."""
        v = self.votes[(n, '1')]
        best = max(v.values())
        top = [g for g, x in v.items() if x == best]
        assert len(top) == 1, ('tie', self.year, n, top)
        return top[0]

    def party_ids(self):
        ids = {}
        for g, k in self.kind.items():
            if k == 'Partei':
                assert ids.setdefault(slug(g), g) == g, ('slug clash', g, ids[slug(g)])
        return ids

    def write_common(self, stem):
        with open(OUT / ('%s-wahlkreise.csv' % stem), 'w', newline='', encoding='utf-8') as f:
            wr = csv.writer(f, lineterminator='\n')
            wr.writerow(['area', 'name', 'seats', 'parent', 'registered'])
            for n, w in self.wk.items():
                wr.writerow([wk_id(n), w['name'], 1, land_id(w['land']), w['registered']])
        nrows = 0
        with open(OUT / ('%s-votes.csv' % stem), 'w', newline='', encoding='utf-8') as f:
            wr = csv.writer(f, lineterminator='\n')
            wr.writerow(['area', 'option', 'votes', 'ballot'])
            for n, w in self.wk.items():
                for st, ballot in (('1', 'candidate'), ('2', 'list')):
                    for grp, v in sorted(self.votes[(n, st)].items(), key=lambda x: self.order[x[0]]):
                        wr.writerow([wk_id(n), self.option(grp, n), v, ballot])
                        nrows += 1
                    wr.writerow([wk_id(n), 'invalid', w['invalid'][st], ballot])
                    nrows += 1
        return nrows


def parse_press_2025(path):
    """National seats and Wahlkreissitze per party from the press release's table rows
    'PARTY | total 2025 | Wahlkreissitze 2025 | total 2021 | Wahlkreissitze 2021 |'."""
    seats = OrderedDict()
    for line in open(path, encoding='utf-8'):
        m = re.match(r'^(CDU|AfD|SPD|GRÜNE|Die Linke|CSU|FDP|SSW) \| ([0-9–]+) \| ([0-9–]*) \|', line)
        if m:
            tot = 0 if m.group(2) == '–' else int(m.group(2))
            wk = 0 if m.group(3) in ('–', '') else int(m.group(3))
            if tot:
                seats[slug(m.group(1))] = (tot, wk)
    return seats


def build_2025(kerg2, xml, press):
    e = Election(2025, kerg2)
    assert e.meta['Stand'][0] == '14.03.2025', e.meta
    # Cross-check every Wahlkreis figure against the XML export of the same final result.
    root = ET.parse(xml).getroot()
    assert root.find('WahlMetadaten/Lauf/Daten').get('Status') == 'ENDGUELTIG'
    xwin = {}
    nxml = 0
    # Parties by their national group number: a Land list may bear a variant of the name
    # (Brandenburg's 'GRÜNE/B 90'), the flat file always the national short name.
    bund = next(g for g in root.findall('Gebietsergebnis') if g.get('Gebietsart') == 'BUND')
    pname = {gr.get('Gruppe'): gr.get('Name') for gr in bund.findall('Gruppenergebnis')
             if gr.get('Gruppenart') == 'PARTEI'}
    for g in root.findall('Gebietsergebnis'):
        if g.get('Gebietsart') != 'WAHLKREIS':
            continue
        n = int(g.get('Gebietsnummer'))
        w = e.wk[n]
        assert int(g.get('UegGebietsnummer')) == w['land'] and g.findtext('GebietText') == w['name']
        names = {}
        for gr in g.findall('Gruppenergebnis'):
            if gr.get('Gruppenart') == 'PARTEI':
                gr.set('Name', pname[gr.get('Gruppe')])
            names[gr.get('Gruppe')] = gr.get('Name')
            for s in gr.findall('Stimmergebnis'):
                if s.get('Anzahl') in ('n/a', None):
                    continue
                a, st = int(s.get('Anzahl')), {'DIREKT': '1', 'LISTE': '2', 'KEINE': ''}[s.get('Stimmart')]
                art, name = gr.get('Gruppenart'), gr.get('Name')
                if art == 'ALLGEMEIN':
                    ref = {'Wahlberechtigte': w.get('registered'), 'Wählende': w.get('voters'),
                           'Gültige': w['valid'].get(st), 'Ungültige': w['invalid'].get(st)}[name]
                else:
                    ref = e.votes[(n, st)].get(name)
                assert ref == a, ('xml', n, name, st, a, ref)
                nxml += 1
        d = g.find('Direktergebnis')
        mehr = [x.get('Gruppe') for x in d.findall('Erststimmenmehrheit')
                if x.get('Wahlergebnisart') == 'ENDGUELTIG']
        xwin[n] = (names[mehr[0]], d.get('Zweitstimmendeckung') == 'true')
    assert len(xwin) == 299
    nk = sum(len(v) for v in e.votes.values()) + 299 * 6
    assert nxml == nk, (nxml, nk)
    winners = []
    for n in e.wk:
        grp = e.winner(n)
        xg, covered = xwin[n]
        assert xg == grp, (n, xg, grp)
        g = e.gewaehlt[n]
        assert (g == grp) if covered else (g == '–'), (n, g, grp, covered)
        winners.append((wk_id(n), e.option(grp, n), 'yes' if covered else 'no'))
    assert sum(1 for x in winners if x[2] == 'no') == 23
    press = parse_press_2025(press)
    wkseats = Counter(o for _, o, s in winners if s == 'yes')
    for o, (tot, wk) in press.items():
        assert wkseats[o] == wk, (o, wkseats[o], wk)
    assert sum(t for t, _ in press.values()) == 630 and sum(wkseats.values()) == 276
    rows = e.write_common('bundestag-2025')
    with open(OUT / 'bundestag-2025-winners.csv', 'w', newline='', encoding='utf-8') as f:
        wr = csv.writer(f, lineterminator='\n')
        wr.writerow(['area', 'option', 'seated'])
        wr.writerows(winners)
    with open(OUT / 'bundestag-2025-seats.csv', 'w', newline='', encoding='utf-8') as f:
        wr = csv.writer(f, lineterminator='\n')
        wr.writerow(['area', 'option', 'seats', 'tier'])
        for a, o, s in winners:
            if s == 'yes':
                wr.writerow([a, o, 1, 'constituency'])
        for o, (tot, wk) in press.items():
            wr.writerow(['', o, wk, 'constituency'])
            wr.writerow(['', o, tot - wk, 'list'])
    print('2025: %d vote rows, %d XML figures equal, 23 uncovered winners, national seats %s'
          % (rows, nxml, dict((o, t) for o, (t, _) in press.items())))
    return e


def parse_erl_2021(path):
    """Figures of the official worked explanation (pdftotext -layout), as (step, area, option, value)."""
    text = open(path, encoding='utf-8').read().splitlines()
    names = {v: k for k, v in ((k, n) for k, n in LAND_NAMES.items())}
    out = []
    num = r'(\d{1,3}(?:\.\d{3})*)'

    def clean(line):
        return re.sub(r':\s*\d{1,3}(?:\.\d{3})*\s*=', ' ', line).strip()
    section = None
    for raw in text:
        line = clean(raw)
        if 'Start der Divisorermittlung: 72.463.198 : 598' in raw:
            section = 'pop'
        elif 'Start der Divisorermittlung: 11.995.434 : 206' in raw:
            section = 'spd-final'
        elif 'Sitzkontin-' in raw:
            section = 'spd-min'
        elif 'Mindestsitzzahl' in raw and 'Sitze' in raw and section == 'spd-min':
            section = 'party'
        m = re.match(r'^(\S.*?)\s+' + num + r'\s+[\d,]+\s+(\d+)$', line)
        if section == 'pop' and m and m.group(1) in names:
            out.append(('population', land_id(names[m.group(1)]), '', int(m.group(2).replace('.', ''))))
            out.append(('land-seats-598', land_id(names[m.group(1)]), '', int(m.group(3))))
        m = re.match(r'^(\S.*?)\s+(\d+|–)\s+(\d+|–)\s+(\d+|–)\s+(\d+)\s+(\d+)$', line)
        if section == 'spd-min' and m and m.group(1) in names:
            a = land_id(names[m.group(1)])
            f = [0 if x == '–' else int(x) for x in m.groups()[1:]]
            for step, v in zip(('list-contingent', 'constituency-won', 'overhang', 'rounded-mean',
                                'min-seats'), f):
                out.append((step, a, 'spd', v))
        m = re.match(r'^(SPD|CDU|GRÜNE|FDP|AfD|CSU|DIE LINKE|SSW)\s+(\d+)\s+(\d+|–)\s+' + num
                     + r'\s+[\d,]+\s+(\d+)(?:\s+\(\+(\d)\))?\s+(\d+|–)$', line)
        if section == 'party' and m:
            o = slug(m.group(1))
            out.append(('min-seats', '', o, int(m.group(2))))
            out.append(('overhang', '', o, 0 if m.group(3) == '–' else int(m.group(3))))
            out.append(('list-votes', '', o, int(m.group(4).replace('.', ''))))
            out.append(('seats-at-733', '', o, int(m.group(5))))
            out.append(('remaining-overhang', '', o, int(m.group(6) or 0)))
        m = re.match(r'^(\S.*?)\s+' + num + r'\s+(\d+)\s+(\d+)\s+(\d+)$', line)
        if section == 'spd-final' and m and m.group(1) in names:
            a = land_id(names[m.group(1)])
            out.append(('list-votes', a, 'spd', int(m.group(2).replace('.', ''))))
            out.append(('final-rounded', a, 'spd', int(m.group(3))))
            out.append(('final-seats', a, 'spd', int(m.group(5))))
    return out


LAND_NAMES = {}


def build_2021(kerg2, kerg, gewaehlte, erl):
    e = Election(2021, kerg2)
    assert e.meta['Stand'][0] == '14.10.2021', e.meta
    LAND_NAMES.update(e.land_names)
    # Cross-check with the wide file: per Wahlkreis the general figures and the multiset of
    # the groups' votes per ballot (the wide file names parties in full, the flat one by short name).
    with open(kerg, encoding='utf-8-sig', newline='') as f:
        rows = list(csv.reader(f, delimiter=';'))
    seen = 0
    for r in rows:
        if not r or not re.fullmatch(r'\d{3}', r[0]) or r[2] == '99':
            continue
        n = int(r[0])
        if n > 299 or r[2] == '':
            continue
        w = e.wk[n]
        vals = [int(x) if x else None for x in r[3:]]
        cur = vals[0::2]   # Endgültig, Vorperiode alternate
        assert cur[0] == w['registered'] and cur[2] == w['voters']
        assert cur[4] == w['invalid']['1'] and cur[5] == w['invalid']['2']
        assert cur[6] == w['valid']['1'] and cur[7] == w['valid']['2']
        groups = cur[8:]
        first = sorted(x for x in groups[0::2] if x is not None)
        second = sorted(x for x in groups[1::2] if x is not None)
        for st, got in (('1', first), ('2', second)):
            # The wide file puts the Wahlkreis's independents and Wählergruppen in one 'Übrige'.
            v = e.votes[(n, st)]
            ind = [x for g, x in v.items() if e.kind[g] != 'Partei']
            want = [x for g, x in v.items() if e.kind[g] == 'Partei'] + ([sum(ind)] if ind else [])
            assert got == sorted(want), (n, st, got, sorted(want))
        seen += 1
    assert seen == 299, seen
    # Elected on election day (WahltagGewaehlt = X), per Wahlkreis and per Land list.
    with open(gewaehlte, encoding='utf-8-sig', newline='') as f:
        rows = list(csv.reader(f, delimiter=';'))
    start = next(i for i, r in enumerate(rows) if r and r[0] == 'Wahlart')
    el = [dict(zip(rows[start], r)) for r in rows[start + 1:] if r and r[0]]
    el = [d for d in el if d['WahltagGewaehlt'] == 'X']
    assert len(el) == 736, len(el)
    parties = e.party_ids()
    wkseats, listseats = {}, Counter()
    for d in el:
        o = slug(d['Gruppenname'])
        assert o in parties, o
        if d['Kennzeichen'] == 'Kreiswahlvorschlag':
            n = int(d['Gebietsnummer'])
            assert n not in wkseats and e.wk[n]['land'] == ABK[d['GebietLandAbk']]
            wkseats[n] = o
        else:
            assert d['Kennzeichen'] == 'Landesliste' and d['Gebietsart'] == 'Land'
            listseats[(land_id(ABK[d['GebietLandAbk']]), o)] += 1
    assert sorted(wkseats) == list(e.wk)
    for n in e.wk:   # every elected constituency member is the Wahlkreis's plurality winner
        assert wkseats[n] == e.option(e.winner(n), n), (n, wkseats[n], e.winner(n))
    rows = e.write_common('bundestag-2021')
    with open(OUT / 'bundestag-2021-seats.csv', 'w', newline='', encoding='utf-8') as f:
        wr = csv.writer(f, lineterminator='\n')
        wr.writerow(['area', 'option', 'seats', 'tier'])
        for n in e.wk:
            wr.writerow([wk_id(n), wkseats[n], 1, 'constituency'])
        for (a, o), s in sorted(listseats.items()):
            wr.writerow([a, o, s, 'list'])
    steps = parse_erl_2021(erl)
    cnt = Counter(s for s, _, _, _ in steps)
    assert cnt == Counter({'population': 16, 'land-seats-598': 16, 'list-contingent': 16,
                           'constituency-won': 16, 'overhang': 24, 'rounded-mean': 16,
                           'min-seats': 24, 'list-votes': 24, 'seats-at-733': 8,
                           'remaining-overhang': 8, 'final-rounded': 16, 'final-seats': 16}), cnt
    pops = [v for s, _, _, v in steps if s == 'population']
    assert sum(pops) == 72463198
    with open(OUT / 'bundestag-2021-population.csv', 'w', newline='', encoding='utf-8') as f:
        wr = csv.writer(f, lineterminator='\n')
        wr.writerow(['area', 'population'])
        wr.writerows([(a, v) for s, a, _, v in steps if s == 'population'])
    with open(OUT / 'bundestag-2021-steps.csv', 'w', newline='', encoding='utf-8') as f:
        wr = csv.writer(f, lineterminator='\n')
        wr.writerow(['step', 'area', 'option', 'value'])
        wr.writerows([x for x in steps if x[0] != 'population'])
    tot = Counter(wkseats.values()) + Counter(o for (_, o), s in listseats.items() for _ in range(s))
    print('2021: %d vote rows; 736 elected; seats %s' % (rows, dict(tot)))
    return e


def write_shared(e25, e21):
    with open(OUT / 'laender.csv', 'w', newline='', encoding='utf-8') as f:
        wr = csv.writer(f, lineterminator='\n')
        wr.writerow(['area', 'name'])
        for n in range(1, 17):
            assert e25.land_names[n] == e21.land_names[n]
            wr.writerow([land_id(n), e25.land_names[n]])
    opts = OrderedDict()
    for e in (e25, e21):
        for grp in sorted(e.kind, key=lambda g: e.order[g]):
            if e.kind[grp] == 'Partei':
                o = slug(grp)
                if o in opts:
                    if opts[o][0] != grp and '(%d: ' % e.year not in opts[o][0]:
                        opts[o] = ('%s (%d: %s)' % (opts[o][0], e.year, grp), 'party')
                else:
                    opts[o] = (grp, 'party')
        for (n, st), v in e.votes.items():
            for grp in v:
                if e.kind[grp] != 'Partei':
                    opts[e.option(grp, n)] = ('%s (%d, Wahlkreis %d)' % (grp, e.year, n), 'independent')
    with open(OUT / 'options.csv', 'w', newline='', encoding='utf-8') as f:
        wr = csv.writer(f, lineterminator='\n')
        wr.writerow(['option', 'name', 'kind'])
        for o, (name, kind) in opts.items():
            wr.writerow([o, name, kind])
        wr.writerow(['invalid', 'Ungültige Stimmen (per ballot)', 'invalid'])


def main(argv):
    if len(argv) != 8:
        sys.exit(__doc__)
    e25 = build_2025(argv[1], argv[2], argv[3])
    e21 = build_2021(argv[4], argv[5], argv[6], argv[7])
    write_shared(e25, e21)


if __name__ == '__main__':
    main(sys.argv)
