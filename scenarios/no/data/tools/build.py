#!/usr/bin/python3
"""Builds the Norwegian Storting CSVs (elections of 13 September 2021 and 11 September 2017) from
the Valgdirektoratet's result API (valgresultat.no) as stored in public git snapshots, checking them
on the way. Nothing is typed in: ids are made from the files' own codes and names. See
../SOURCES.md for where each file comes from.

Usage (stdlib only; git must be on PATH):
  tools/build.py COPY_GIT_DIR HERSLE_GIT_DIR
  COPY_GIT_DIR      git directory of HNygard/valgresultat.no-copy (the main source: the API's
                    /api/{2017,2021}/st and /api/{year}/st/{fylke} answers, downloaded 2025-09-07;
                    its 2021 answers as downloaded on 30 September 2021 are the 2021 cross-check)
  HERSLE_GIT_DIR    git directory of hersle/valgsimulator (valgresultat.no's CSV export of both
                    years, embedded in data2017.js / data2021.js; cross-check)
Writes ../*.csv (next to this folder).
"""
import csv
import json
import re
import subprocess
import sys
import unicodedata
from collections import OrderedDict
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent
COPY_COMMIT = '08c9315a5bfed2ec8ae00c21396a3f2419dd4054'
HERSLE_COMMIT = '1e79ae7991cd9ebe73b285c6245aec19989a9290'
# The snapshot file each `data/<year>/.../<entity>.json` symlink points to at COPY_COMMIT.
STAMP = {'2021': '2025-09-07__0701', '2017': '2025-09-07__0814'}
STAMP_2021 = '2021-09-30__2324'   # the last 2021 download of the same answers
FYLKER = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '14', '15',
          '16', '17', '18', '19', '20']
BLANK = 'BLANKE'


def git_show(gitdir, commit, path):
    return subprocess.run(['git', '-C', gitdir, 'show', '%s:%s' % (commit, path)],
                          check=True, capture_output=True).stdout


def slug(s):
    s = s.replace('Ø', 'O').replace('ø', 'o').replace('Æ', 'Ae').replace('æ', 'ae') \
         .replace('Å', 'A').replace('å', 'a')
    s = unicodedata.normalize('NFKD', s).encode('ascii', 'ignore').decode().lower()
    return re.sub(r'[^a-z0-9]+', '-', s).strip('-')


def option_id(code):
    return 'blank' if code == BLANK else slug(code)


def area_id(nr, name):
    return '%s-%s' % (nr, slug(name))


def lists_of(doc):
    """The lists of one API answer (partikategori 1-3 and the blank ballots), without the
    aggregates 'Andre'/'Andre2' (partikategori 0), which add up lists already present."""
    out = OrderedDict()
    for p in doc['partier']:
        if p['id']['partikategori'] == 0:
            continue
        code = p['id']['partikode']
        assert code not in out, code
        out[code] = p
    return out


def load_year(gitdir, year):
    stamp = STAMP[year]
    link = git_show(gitdir, COPY_COMMIT, 'data/%s/nasjonalt/norge.json' % year).decode()
    assert link == 'norge/%s.json' % stamp, link
    nat = json.loads(git_show(gitdir, COPY_COMMIT, 'data/%s/nasjonalt/norge/%s.json' % (year, stamp)))
    fy = OrderedDict()
    for nr in FYLKER:
        link = git_show(gitdir, COPY_COMMIT, 'data/%s/fylke/fylke-%s.json' % (year, nr)).decode()
        assert link == 'fylke-%s/%s.json' % (nr, stamp), link
        fy[nr] = json.loads(git_show(gitdir, COPY_COMMIT,
                                     'data/%s/fylke/fylke-%s/%s.json' % (year, nr, stamp)))
    return nat, fy


def check_year(year, nat, fy):
    assert nat['id']['valgaar'] == year and nat['id']['valgtype'] == 'ST'
    assert nat['mandater']['antall'] == 169
    for what in ('forelopig', 'endelig', 'oppgjor'):
        assert nat['opptalt'][what] == 100.0, (year, what)
    tot_votes, tot_seats, tot_lev = {}, {}, {}
    for nr, d in fy.items():
        assert d['id']['nr'] == nr and d['id']['valgaar'] == year
        assert d['opptalt']['endelig'] == 100.0 and d['opptalt']['oppgjor'] == 100.0, (year, nr)
        ls = lists_of(d)
        # The lists and the blank ballots add up to the counted ballots of the fylke.
        assert sum(p['stemmer']['resultat']['antall']['total'] for p in ls.values()) == \
            d['stemmer']['total'], (year, nr)
        seats = sum(p['mandater']['resultat']['antall'] for p in ls.values())
        lev = sum(p['mandater']['resultat']['utjevningAntall'] for p in ls.values())
        assert seats == d['mandater']['antall'], (year, nr, seats)
        assert lev == 1, (year, nr, lev)    # one leveling seat per valgdistrikt
        for code, p in ls.items():
            r, m = p['stemmer']['resultat'], p['mandater']['resultat']
            tot_votes[code] = tot_votes.get(code, 0) + r['antall']['total']
            tot_seats[code] = tot_seats.get(code, 0) + m['antall']
            tot_lev[code] = tot_lev.get(code, 0) + m['utjevningAntall']
            assert m['utjevningAntall'] <= m['antall']
            assert sum(1 for x in m.get('representanter', []) if x['utjevningsmandat']) == \
                m['utjevningAntall'], (year, nr, code)
            assert len(m.get('representanter', [])) == m['antall'], (year, nr, code)
    assert sum(tot_seats.values()) == 169 and sum(tot_lev.values()) == 19
    nl = lists_of(nat)
    assert set(nl) == set(tot_votes), (year, set(nl) ^ set(tot_votes))
    for code, p in nl.items():
        r, m = p['stemmer']['resultat'], p['mandater']['resultat']
        assert r['antall']['total'] == tot_votes[code], (year, code)
        assert m['antall'] == tot_seats[code] and m['utjevningAntall'] == tot_lev[code], (year, code)
    assert sum(tot_votes.values()) == nat['stemmer']['total']
    print('%s: 19 fylker, %d lists, %d ballots counted, 169 seats (19 leveling): national '
          'answer equals the sum of the fylker' % (year, len(nl) - 1, nat['stemmer']['total']))


def hersle_rows(gitdir, year):
    """valgresultat.no's CSV export (';', decimal comma): fylkenr;fylkenavn;;;;;partikode;
    partinavn;prosent;stemmeberettigede;forhåndsstemmer;valgtingsstemmer;stemmer totalt;endring;
    mandater;utjevningsmandater;"""
    js = git_show(gitdir, HERSLE_COMMIT, 'data%s.js' % year).decode()
    body = js.split('const file%s = `' % year, 1)[1].split('`', 1)[0]
    out = {}
    for line in body.strip().split('\n'):
        f = line.split(';')
        out[(f[0], f[6])] = (int(f[12]), int(f[14]), int(f[15]), int(f[9]))
    return out


def cross_check(year, fy, hersle, snap2021):
    mine = {}
    for nr, d in fy.items():
        for code, p in lists_of(d).items():
            m = p['mandater']['resultat']
            mine[(nr, code)] = (p['stemmer']['resultat']['antall']['total'], m['antall'],
                                m['utjevningAntall'], d['antallsb'])
    # The CSV export leaves out the blank ballots.
    mine_nb = {k: v for k, v in mine.items() if k[1] != BLANK}
    diff = {k for k in set(mine_nb) | set(hersle) if mine_nb.get(k) != hersle.get(k)}
    assert not diff, (year, sorted(diff)[:10])
    print('%s: valgresultat.no CSV export (hersle/valgsimulator) identical: %d list rows '
          '(votes, seats, leveling seats, registered voters)' % (year, len(hersle)))
    if snap2021 is None:
        return
    n, sb = 0, []
    for nr, d in fy.items():
        s = snap2021[nr]
        assert s['stemmer'] == d['stemmer'], nr
        if s['antallsb'] != d['antallsb']:
            sb.append('%s %d/%d' % (nr, s['antallsb'], d['antallsb']))
        a, b = lists_of(d), lists_of(s)
        assert list(a) == list(b), nr
        for code in a:
            assert a[code]['stemmer']['resultat']['antall'] == \
                b[code]['stemmer']['resultat']['antall'], (nr, code)
            ma, mb = a[code]['mandater']['resultat'], b[code]['mandater']['resultat']
            for k in ('antall', 'utjevningAntall', 'sisteMandat', 'nesteMandat'):
                assert ma[k] == mb[k], (nr, code, k)
            n += 1
    print('2021: the API as downloaded on 30 September 2021 (%s.json) identical: %d list rows '
          '(votes, seats, leveling seats, quotients); registered voters then/now differ in %d '
          'fylker: %s' % (STAMP_2021, n, len(sb), ', '.join(sb)))


def write(name, header, rows):
    with open(OUT / name, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header)
        w.writerows(rows)
    print('wrote %s (%d rows)' % (name, len(rows)))


def fmt(x):
    return repr(x) if isinstance(x, float) else str(x)


def main():
    copy_dir, hersle_dir = sys.argv[1:3]
    options = OrderedDict()
    for year in ('2021', '2017'):
        nat, fy = load_year(copy_dir, year)
        check_year(year, nat, fy)
        snap = None
        if year == '2021':
            snap = {nr: json.loads(git_show(copy_dir, COPY_COMMIT, 'data/2021/fylke/fylke-%s/%s.json'
                                            % (nr, STAMP_2021))) for nr in FYLKER}
        cross_check(year, fy, hersle_rows(hersle_dir, year), snap)
        areas, votes, seats, steps = [], [], [], []
        for nr, d in fy.items():
            aid = area_id(nr, d['id']['navn'])
            areas.append((aid, d['id']['navn'], d['mandater']['antall'], d['antallsb']))
            for code, p in lists_of(d).items():
                oid = option_id(code)
                votes.append((aid, oid, p['stemmer']['resultat']['antall']['total']))
                m = p['mandater']['resultat']
                if m['antall'] - m['utjevningAntall']:
                    seats.append((aid, oid, m['antall'] - m['utjevningAntall'], 'district'))
                if m['utjevningAntall']:
                    seats.append((aid, oid, m['utjevningAntall'], 'leveling'))
                for key, step in (('sisteMandat', 'district-last'), ('nesteMandat', 'district-next')):
                    q = m.get(key) or {}
                    if q.get('kvotient') is not None:
                        steps.append((step + '-quotient', aid, oid, fmt(q['kvotient'])))
                        steps.append((step + '-rank', aid, oid, q['mandatrang']))
            votes.append((aid, 'invalid', d['stemmer']['totalForkastede']))
        for code, p in lists_of(nat).items():
            m = p['mandater']['resultat']
            oid = option_id(code)
            if m['antall'] - m['utjevningAntall']:
                seats.append(('', oid, m['antall'] - m['utjevningAntall'], 'district'))
            if m['utjevningAntall']:
                seats.append(('', oid, m['utjevningAntall'], 'leveling'))
            u = m.get('utjevning') or {}
            if u.get('kvotient') is not None:
                steps.append(('leveling-last-quotient', '', oid, fmt(u['kvotient'])))
                steps.append(('leveling-last-rank', '', oid, u['mandatrang']))
            if oid not in options:
                kind = 'blank' if code == BLANK else 'party'
                options[oid] = (oid, p['id']['navn'], kind, p['id']['partikategori'])
        write('storting-%s-fylker.csv' % year, ['area', 'name', 'seats', 'registered'], areas)
        write('storting-%s-votes.csv' % year, ['area', 'option', 'votes'], votes)
        write('storting-%s-seats.csv' % year, ['area', 'option', 'seats', 'tier'], seats)
        write('storting-%s-steps.csv' % year, ['step', 'area', 'option', 'value'], steps)
    options['invalid'] = ('invalid', 'Forkastede stemmesedler', 'invalid', '')
    write('options.csv', ['option', 'name', 'kind', 'category'], list(options.values()))


if __name__ == '__main__':
    main()
