#!/usr/bin/python3
"""Builds the Knesset CSVs (elections of 1 November 2022 and 23 March 2021) from the Central
Elections Committee's result files, checking them on the way. See ../SOURCES.md.

Usage (stdlib only):
  tools/build.py EXPC_2022.csv EXPB_2022.csv EXPC_2021.csv EXPB_2021.csv
  EXPC  the CEC's results per locality (expc.csv: one row per locality, plus the row
        "מעטפות חיצוניות" of the double-envelope votes), columns = the lists' ballot letters
  EXPB  the CEC's results per ballot box (expb.csv), used only as a cross-check of EXPC
Reads tools/official.txt (official seats and surplus-vote agreements, transcribed).
Writes ../*.csv (next to this folder).
"""
import csv
import sys
from collections import OrderedDict
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent
FIXED = ['סמל ועדה', 'שם ישוב', 'סמל ישוב', 'בזב', 'מצביעים', 'פסולים', 'כשרים']

# Ballot letters -> option id and name, for the lists that won seats and the others above 1 %.
# English names: DarthVictor/israel-election-results data/raw/party-names.json (see SOURCES.md).
# A party keeps its id from 2021 to 2022 when it ran under the same name.
NAMES = {
    '2022': OrderedDict([
        ('מחל', ('likud', 'Likud')),
        ('פה', ('yesh-atid', 'Yesh Atid')),
        ('ט', ('religious-zionism', 'Religious Zionism (with Otzma Yehudit and Noam)')),
        ('כן', ('national-unity', 'National Unity')),
        ('שס', ('shas', 'Shas')),
        ('ג', ('utj', 'United Torah Judaism')),
        ('ל', ('yisrael-beiteinu', 'Yisrael Beiteinu')),
        ('עם', ('raam', "Ra'am (United Arab List)")),
        ('ום', ('hadash-taal', "Hadash–Ta'al")),
        ('אמת', ('labor', 'Israeli Labor Party')),
        ('מרצ', ('meretz', 'Meretz')),
        ('ד', ('balad', 'Balad')),
        ('ב', ('jewish-home', 'The Jewish Home')),
    ]),
    '2021': OrderedDict([
        ('מחל', ('likud', 'Likud')),
        ('פה', ('yesh-atid', 'Yesh Atid')),
        ('שס', ('shas', 'Shas')),
        ('כן', ('blue-and-white', 'Blue and White')),
        ('ב', ('yamina', 'Yamina')),
        ('אמת', ('labor', 'Israeli Labor Party')),
        ('ג', ('utj', 'United Torah Judaism')),
        ('ל', ('yisrael-beiteinu', 'Yisrael Beiteinu')),
        ('ט', ('religious-zionism', 'Religious Zionist Party (with Otzma Yehudit and Noam)')),
        ('ודעם', ('joint-list', 'Joint List')),
        ('ת', ('new-hope', 'New Hope')),
        ('מרצ', ('meretz', 'Meretz')),
        ('עם', ('raam', "Ra'am (United Arab List)")),
        ('יז', ('new-economic', 'The New Economic Party')),
    ]),
}
LETTER = {'א': 'alef', 'ב': 'bet', 'ג': 'gimel', 'ד': 'dalet', 'ה': 'he', 'ו': 'vav', 'ז': 'zayin',
          'ח': 'het', 'ט': 'tet', 'י': 'yod', 'כ': 'kaf', 'ך': 'kaf-final', 'ל': 'lamed', 'מ': 'mem',
          'ם': 'mem-final', 'נ': 'nun', 'ן': 'nun-final', 'ס': 'samekh', 'ע': 'ayin', 'פ': 'pe', 'ף': 'pe-final',
          'צ': 'tsadi', 'ץ': 'tsadi-final', 'ק': 'qof', 'ר': 'resh', 'ש': 'shin', 'ת': 'tav'}


def other_id(year, letters):
    return 'k%s-%s' % (year, '-'.join(LETTER[c] for c in letters))


def write(name, header, rows):
    with open(OUT / name, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header)
        w.writerows(rows)
    print('wrote %s (%d rows)' % (name, len(rows)))


def totals(path, first_count):
    rows = list(csv.reader(open(path, encoding='utf-8-sig')))
    head = rows[0]
    i = head.index(first_count)
    tot = OrderedDict()
    n = 0
    for r in rows[1:]:
        if not r or not ''.join(r).strip():
            continue
        n += 1
        for j in range(i, len(head)):
            if head[j]:
                tot[head[j]] = tot.get(head[j], 0) + int(r[j] or 0)
    return head, tot, rows[1:], n


def build(year, expc, expb, official, opts):
    head, tot, rows, n = totals(expc, 'בזב')
    assert head[:7] == FIXED, head[:7]
    letters = [h for h in head[7:] if h]
    for r in rows:
        if r and ''.join(r).strip():
            assert sum(int(x or 0) for x in r[7:7 + len(letters)]) == int(r[6]), ('row', r[:3])
            assert int(r[4]) == int(r[5]) + int(r[6]), ('voters = invalid + valid', r[:3])
    assert sum(tot[l] for l in letters) == tot['כשרים']
    _, totb, _, nb = totals(expb, 'בזב')
    assert totb == tot, 'expb and expc disagree'
    print('%s: %d localities (with the double envelopes), %d ballot boxes, %d lists; valid %d'
          % (year, n, nb, len(letters), tot['כשרים']))
    ids = {}
    for l in letters:
        if l in NAMES[year]:
            ids[l], name = NAMES[year][l]
        else:
            ids[l], name = other_id(year, l), None
        if ids[l] not in opts:
            opts[ids[l]] = (name or 'a list of %s whose name is not in the source file' % year,
                            'party', set())
        opts[ids[l]][2].add('%s %s' % (year, l))
    votes = [('il', ids[l], tot[l]) for l in sorted(letters, key=lambda l: -tot[l])]
    votes.append(('il', 'invalid', tot['פסולים']))
    write('knesset-%s-votes.csv' % year, ['area', 'option', 'votes'], votes)
    write('knesset-%s-areas.csv' % year, ['area', 'name', 'seats', 'parent', 'registered'],
          [('il', 'Israel (one national constituency)', 120, '', tot['בזב'])])
    seats = [('', ids[l], s, 'national') for l, s in official['seats'][year]]
    assert sum(r[2] for r in seats) == 120
    write('knesset-%s-seats.csv' % year, ['area', 'option', 'seats', 'tier'], seats)
    agr = [(ids[a], ids[b]) for a, b in official['agreement'][year]]
    write('knesset-%s-agreements.csv' % year, ['option', 'partner'], agr)


def main(expc22, expb22, expc21, expb21):
    official = {'seats': {}, 'agreement': {}}
    for line in open(HERE / 'official.txt', encoding='utf-8'):
        if line.startswith('#') or not line.strip():
            continue
        f = line.strip().split('|')
        if f[0] == 'seats':
            official['seats'].setdefault(f[1], []).append((f[2], int(f[3])))
        else:
            official['agreement'].setdefault(f[1], []).append((f[2], f[3]))
    opts = OrderedDict()
    build('2022', expc22, expb22, official, opts)
    build('2021', expc21, expb21, official, opts)
    rows = [(o, '%s (ballot letters: %s)' % (n, ', '.join(sorted(l))), k) for o, (n, k, l) in opts.items()]
    rows.append(('invalid', 'invalid ballots (פסולים)', 'invalid'))
    write('options.csv', ['option', 'name', 'kind'], rows)


if __name__ == '__main__':
    main(*sys.argv[1:5])
