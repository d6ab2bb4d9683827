#!/usr/bin/python3
"""Builds the Swedish Riksdag CSVs (elections of 11 September 2022 and 9 September 2018) from
official per-valdistrikt result tables stored in public git snapshots, checking them on the way.
Nothing is typed in except the national seat table of 2022 (tools/valse-2022-summary.txt, as
stored) and the seat figures of tools/seats-transcribed.txt (fixed seats per valkrets 2026 and their
changes, some 2022 seats per party and valkrets). See ../SOURCES.md for where each file comes from.

Usage (stdlib only; git must be on PATH):
  tools/build.py SIDEBO_GIT_DIR HEMPHEN_GIT_DIR
  SIDEBO_GIT_DIR   git directory of sidebo/valresultat: data/valresultat/ri_tab4_2022.xlsx (SCB's
                   table RI_tab4, riksdagsvalet 2022 per valdistrikt) and
                   data/valresultat/2018_R_per_valdistrikt.xlsx (Valmyndigheten, 2018-10-02)
  HEMPHEN_GIT_DIR  git directory of hemphen/Val2022: Val2022/data/valresultat-2018.csv (a CSV
                   copy of the same 2018 table; cross-check)
Writes ../*.csv (next to this folder).
"""
import csv
import io
import re
import subprocess
import sys
import unicodedata
import zipfile
import xml.etree.ElementTree as ET
from collections import OrderedDict
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
SIDEBO_COMMIT = 'f7f4e9711f3ad775480c1c6d099bd28921b2fcc9'
HEMPHEN_COMMIT = '2606490d9e1ec8fc188f0f4104b709b75e27f147'
NS = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'}
RID = '{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id'
# The 2022 party columns of RI_tab4 and their names (Valmyndigheten's party designations).
NAMES = {'M': 'Moderaterna', 'C': 'Centerpartiet', 'L': 'Liberalerna', 'KD': 'Kristdemokraterna',
         'MP': 'Miljöpartiet de gröna', 'S': 'Arbetarepartiet-Socialdemokraterna',
         'V': 'Vänsterpartiet', 'SD': 'Sverigedemokraterna', 'ÖVR': 'Övriga anmälda partier'}


def git_show(gitdir, commit, path):
    return subprocess.run(['git', '-C', gitdir, 'show', '%s:%s' % (commit, path)],
                          check=True, capture_output=True).stdout


def slug(s):
    s = s.replace('Ö', 'O').replace('ö', 'o').replace('Ä', 'A').replace('ä', 'a') \
         .replace('Å', 'A').replace('å', 'a')
    s = unicodedata.normalize('NFKD', s).encode('ascii', 'ignore').decode().lower()
    return re.sub(r'[^a-z0-9]+', '-', s).strip('-')


def xlsx_sheets(blob):
    """{sheet name: [ {column letter: cell text} ]} of an .xlsx, read with zipfile + ElementTree."""
    z = zipfile.ZipFile(io.BytesIO(blob))
    wb = ET.fromstring(z.read('xl/workbook.xml'))
    rels = {r.get('Id'): r.get('Target') for r in ET.fromstring(z.read('xl/_rels/workbook.xml.rels'))}
    shared = []
    if 'xl/sharedStrings.xml' in z.namelist():
        for si in ET.fromstring(z.read('xl/sharedStrings.xml')).findall('m:si', NS):
            shared.append(''.join(t.text or '' for t in si.iter('{%s}t' % NS['m'])))
    out = OrderedDict()
    for s in wb.find('m:sheets', NS):
        target = 'xl/' + rels[s.get(RID)].lstrip('/').replace('xl/', '', 1)
        rows = []
        for r in ET.fromstring(z.read(target)).iter('{%s}row' % NS['m']):
            row = {}
            for c in r.findall('m:c', NS):
                col = re.match(r'[A-Z]+', c.get('r')).group()
                v, t = c.find('m:v', NS), c.get('t')
                if t == 's':
                    row[col] = shared[int(v.text)]
                elif t == 'inlineStr':
                    row[col] = ''.join(x.text or '' for x in c.iter('{%s}t' % NS['m']))
                else:
                    row[col] = v.text if v is not None else ''
            rows.append(row)
        out[s.get('name')] = rows
    return out


def table(rows):
    """Header row -> list of dicts keyed by header text."""
    hdr = {k: v for k, v in rows[0].items() if v}
    return [{hdr[k]: v for k, v in r.items() if k in hdr} for r in rows[1:]]


def num(x):
    return int(x) if x not in (None, '') else 0


def write(name, header, rows):
    with open(OUT / name, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header)
        w.writerows(rows)
    print('wrote %s (%d rows)' % (name, len(rows)))


def build_2022(sidebo):
    sheets = xlsx_sheets(git_show(sidebo, SIDEBO_COMMIT, 'data/valresultat/ri_tab4_2022.xlsx'))
    assert list(sheets) == ['RI_tab4'], list(sheets)
    rows = table(sheets['RI_tab4'])
    parties = ['M', 'C', 'L', 'KD', 'MP', 'S', 'V', 'SD', 'ÖVR']
    kretsar = OrderedDict()
    for r in rows:
        code, name = r['Valkretskod'], r['Valkretsnamn']
        k = kretsar.setdefault(code, {'name': name, 'districts': 0})
        assert k['name'] == name
        k['districts'] += 1
        vals = {p: num(r.get(p)) for p in parties}
        valid, invalid, blank = num(r['Antal giltiga valsedlar']), num(r['Antal ogiltiga valsedlar']), \
            num(r['varav blanka valsedlar'])
        assert sum(vals.values()) == valid, r            # the lists add up to the valid ballots
        assert valid + invalid == num(r['Antal röstande']), r
        assert blank <= invalid
        for key, v in list(vals.items()) + [('valid', valid), ('invalid', invalid), ('blank', blank),
                                            ('cast', num(r['Antal röstande'])),
                                            ('registered', num(r['Antal röstberättigade']))]:
            k[key] = k.get(key, 0) + v
    assert len(kretsar) == 29, len(kretsar)
    tot = {key: sum(k[key] for k in kretsar.values()) for key in parties + ['valid', 'cast', 'registered']}
    print('2022: 29 valkretsar, %d valdistrikt rows; valid %d, cast %d, registered %d' % (
        len(rows), tot['valid'], tot['cast'], tot['registered']))
    # Valmyndigheten's summary page (tools/valse-2022-summary.txt): registered and cast, and the
    # parties' shares to two decimals.
    summ = read_summary()
    assert tot['registered'] == summ['registered'] and tot['cast'] == summ['cast'], (tot, summ)
    for p, share in summ['shares'].items():
        got = round(10000 * tot[p] / tot['valid']) / 100
        assert abs(got - share) < 0.0051, (p, got, share)
    print('2022: registered, cast and the 8 parties\' shares equal Valmyndigheten\'s summary page')
    areas, votes = [], []
    for code in sorted(kretsar):
        k = kretsar[code]
        aid = '%s-%s' % (code, slug(k['name']))
        areas.append((aid, k['name'], TR['fixed2022'][code], k['registered']))
        for p in parties:
            votes.append((aid, 'ovr' if p == 'ÖVR' else slug(p), k[p]))
        votes.append((aid, 'blank', k['blank']))
        votes.append((aid, 'invalid', k['invalid'] - k['blank']))
    write('riksdag-2022-valkretsar.csv', ['area', 'name', 'seats', 'registered'], areas)
    write('riksdag-2022-votes.csv', ['area', 'option', 'votes'], votes)
    seats = [('', slug(p), n, 'total') for p, n in summ['seats'].items()]
    assert sum(summ['seats'].values()) == 349
    aid = {a[0][:2]: a[0] for a in areas}
    seats += [(aid[code], slug(p), n, 'total') for code, p, n in TR['total2022']]
    # The transcribed per-valkrets totals against each other and the national table: every
    # valkrets has at least its fixed seats, and when all 29 are present each party's seats add
    # up to its national total and the excess over the fixed seats to the 39 adjustment seats.
    per_area = {}
    for code, p, n in TR['total2022']:
        per_area.setdefault(code, {})[p] = n
    for code, d in per_area.items():
        assert sum(d.values()) >= TR['fixed2022'][code], (code, d)
    if len(per_area) == 29:
        for p, n in summ['seats'].items():
            assert sum(d.get(p, 0) for d in per_area.values()) == n, p
        assert sum(sum(d.values()) - TR['fixed2022'][c] for c, d in per_area.items()) == 349 - 310
        print('2022: seats per party in all 29 valkretsar add up to the national seats; 39 above the fixed seats')
    write('riksdag-2022-seats.csv', ['area', 'option', 'seats', 'tier'], seats)
    return {slug(p) if p != 'ÖVR' else 'ovr': NAMES[p] for p in parties}


def read_transcribed():
    """tools/seats-transcribed.txt -> fixed seats 2022 and 2018 per valkrets code, 2022 totals."""
    f26, d22, d18, tot = {}, {}, {}, []
    for line in (HERE / 'seats-transcribed.txt').read_text(encoding='utf-8').splitlines():
        if not line or line.startswith('#'):
            continue
        f = line.split('\t')
        if f[0] == 'fixed2026':
            f26[f[1]] = int(f[2])
        elif f[0] == 'diff2022to2026':
            assert f26[f[1]] == int(f[3]), f
            d22[f[1]] = int(f[2])
        elif f[0] == 'diff2018to2022':
            d18[f[1]] = int(f[2])
        elif f[0] == 'total2022':
            tot.append((f[1], f[2], int(f[3])))
    assert len(f26) == 29 and sum(f26.values()) == 310
    f22 = {c: d22.get(c, n) for c, n in f26.items()}
    f18 = {c: n - d18.get(c, 0) for c, n in f22.items()}
    assert sum(f22.values()) == 310 and sum(f18.values()) == 310
    return {'fixed2022': f22, 'fixed2018': f18, 'total2022': tot}


TR = None


def read_summary():
    """tools/valse-2022-summary.txt: 'party ABBR share seats' lines and two totals."""
    out = {'shares': OrderedDict(), 'seats': OrderedDict()}
    for line in (HERE / 'valse-2022-summary.txt').read_text(encoding='utf-8').splitlines():
        f = line.split('\t')
        if f[0] == 'party':
            out['shares'][f[1]] = float(f[2].replace(',', '.'))
            out['seats'][f[1]] = int(f[3])
        elif f[0] in ('registered', 'cast'):
            out[f[0]] = int(f[1].replace(' ', ''))
    return out


def build_2018(sidebo, hemphen):
    sheets = xlsx_sheets(git_show(sidebo, SIDEBO_COMMIT, 'data/valresultat/2018_R_per_valdistrikt.xlsx'))
    meta = [r.get('A') for r in sheets['Per valdistrikt']]
    assert meta[0] == 'Valmyndigheten 2018-10-02', meta
    rows = table(sheets['R antal'])
    hdr = [v for k, v in sorted(sheets['R antal'][0].items(), key=lambda kv: (len(kv[0]), kv[0])) if v]
    parties = hdr[hdr.index('VALDISTRIKTSNAMN') + 1:hdr.index('OGEJ')]
    # Cross-check: hemphen/Val2022's CSV copy of the same table, row for row.
    text = git_show(hemphen, HEMPHEN_COMMIT, 'Val2022/data/valresultat-2018.csv').decode('utf-8-sig')
    copy = list(csv.DictReader(io.StringIO(text)))
    assert len(copy) == len(rows), (len(copy), len(rows))
    for a, b in zip(rows, copy):
        for key in hdr:
            if key == 'VALDELTAGANDE':
                continue
            assert (a.get(key) or '') == (b.get(key) or ''), (key, a.get(key), b.get(key))
    print('2018: %d valdistrikt rows, %d lists; identical to the CSV copy (hemphen/Val2022)' % (
        len(rows), len(parties)))
    kretsar = OrderedDict()
    for r in rows:
        code, name = '%02d' % int(r['VALKRETSKOD']), r['VALKRETSNAMN']
        k = kretsar.setdefault(code, {'name': name})
        assert k['name'] == name
        vals = {p: num(r.get(p)) for p in parties}
        assert sum(vals.values()) == num(r.get('RÖSTER GILTIGA')), r
        assert num(r.get('RÖSTER GILTIGA')) + num(r.get('OGEJ')) + num(r.get('BLANK')) + num(r.get('OG')) == \
            num(r.get('RÖSTANDE')), r
        for key, v in list(vals.items()) + [('blank', num(r.get('BLANK'))),
                                            ('invalid', num(r.get('OGEJ')) + num(r.get('OG'))),
                                            ('registered', num(r.get('RÖSTBERÄTTIGADE')))]:
            k[key] = k.get(key, 0) + v
    assert len(kretsar) == 29
    areas, votes = [], []
    for code in sorted(kretsar):
        k = kretsar[code]
        aid = '%s-%s' % (code, slug(k['name']))
        areas.append((aid, k['name'], TR['fixed2018'][code], k['registered']))
        for p in parties:
            if k[p]:
                votes.append((aid, 'ovr' if p == 'ÖVR' else slug(p), k[p]))
        votes.append((aid, 'blank', k['blank']))
        votes.append((aid, 'invalid', k['invalid']))
    tot = sum(k[p] for k in kretsar.values() for p in parties)
    print('2018: 29 valkretsar; valid %d, registered %d' % (
        tot, sum(k['registered'] for k in kretsar.values())))
    write('riksdag-2018-valkretsar.csv', ['area', 'name', 'seats', 'registered'], areas)
    write('riksdag-2018-votes.csv', ['area', 'option', 'votes'], votes)
    return {('ovr' if p == 'ÖVR' else slug(p)): p for p in parties}


def main():
    global TR
    sidebo, hemphen = sys.argv[1:3]
    TR = read_transcribed()
    names = build_2022(sidebo)
    names18 = build_2018(sidebo, hemphen)
    options = OrderedDict()
    for oid, name in names.items():
        options[oid] = (oid, name, 'party', 'yes' if oid == 'ovr' else 'no')
    for oid, abbr in names18.items():
        if oid not in options:
            options[oid] = (oid, abbr, 'party', 'yes' if oid == 'ovr' else 'no')
    options['blank'] = ('blank', 'Blanka valsedlar', 'blank', 'no')
    options['invalid'] = ('invalid', 'Övriga ogiltiga valsedlar', 'invalid', 'no')
    write('options.csv', ['option', 'name', 'kind', 'aggregate'], list(options.values()))


if __name__ == '__main__':
    main()
