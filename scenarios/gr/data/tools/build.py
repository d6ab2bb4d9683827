#!/usr/bin/python3
"""Builds the Greek Parliament CSVs (elections of 21 May 2023 and 25 June 2023; 2019 as a baseline)
from the Ministry of Interior's result files, checking them on the way. See ../SOURCES.md for where
each input comes from.

Usage (stdlib only):
  tools/build.py PSIFOI_P.json KWDIKOI.csv VOTES2019.csv
  PSIFOI_P.json   GrigorisLionis/Elektion-Data-Scraper PSIFOI_p.json: per May 2023 constituency the
                  raw text of the Ministry's ep_<id>.js result file (votes, seats per party)
  KWDIKOI.csv     the same repository's kwdikoi.csv (constituency codes and names)
  VOTES2019.csv   the same repository's votes2019.csv (2019 votes on the 2023 constituencies)
Reads as well tools/june-2023-adhni.txt and tools/national-2023.txt (transcriptions, see there).
Writes ../*.csv (next to this folder).
"""
import csv
import json
import sys
from collections import OrderedDict
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent

# Ministry party id (PARTY_ID of the ep_<id>.js files) -> option id. The names are those of the
# Ministry's 2023 ballots, as listed in the `parties` table of GrigorisLionis/Elektion-Data-Scraper
# exportcsv.py (the raw files carry only the ids).
MAY = OrderedDict([
    (2, ('nd', 'ΝΕΑ ΔΗΜΟΚΡΑΤΙΑ')),
    (4, ('syriza', 'ΣΥΝΑΣΠΙΣΜΟΣ ΡΙΖΟΣΠΑΣΤΙΚΗΣ ΑΡΙΣΤΕΡΑΣ-ΠΡΟΟΔΕΥΤΙΚΗ ΣΥΜΜΑΧΙΑ')),
    (106, ('pasok-kinal', 'ΠΑΣΟΚ - Κίνημα Αλλαγής')),
    (3, ('kke', 'ΚΟΜΜΟΥΝΙΣΤΙΚΟ ΚΟΜΜΑ ΕΛΛΑΔΑΣ')),
    (108, ('elliniki-lysi', 'Ελληνική Λύση')),
    (122, ('mera25', 'ΜέΡΑ25-ΣΥΜΜΑΧΙΑ ΓΙΑ ΤΗ ΡΗΞΗ')),
    (131, ('niki', 'Νίκη')),
    (123, ('plefsi-eleftherias', 'ΠΛΕΥΣΗ ΕΛΕΥΘΕΡΙΑΣ - ΖΩΗ ΚΩΝΣΤΑΝΤΟΠΟΥΛΟΥ')),
    (135, ('symmachia-anatropis', 'Συμμαχία Ανατροπής')),
    (60, ('ethniki-dimiourgia', 'Εθνική Δημιουργία')),
    (128, ('enono', 'ΕΝΩΝΩ ΣΥΜΜΑΧΙΑ ΕΛΕΥΘΕΡΙΑΣ')),
    (28, ('oikologoi-prasinoi', 'Οικολόγοι ΠΡΑΣΙΝΟΙ - ΠΡΑΣΙΝΗ ΕΝΟΤΗΤΑ')),
    (129, ('kinima-21', 'Κίνημα 21')),
    (44, ('antarsya', 'ΑΝΤ.ΑΡ.ΣΥ.Α - ΑΝΤΙΚΑΠΙΤΑΛΙΣΤΙΚΗ ΑΡΙΣΤΕΡΗ ΣΥΝΕΡΓΑΣΙΑ για την ΑΝΑΤΡΟΠΗ')),
    (140, ('pnoi-dimokratias', 'Πνοή Δημοκρατίας')),
    (15, ('enosi-kentroon', 'Ένωση Κεντρώων')),
    (138, ('eleftheroi-xana', 'ΕΛΕΥΘΕΡΟΙ ΞΑΝΑ')),
    (130, ('kinima-ftochon', 'Κίνημα Φτωχών')),
    (142, ('ean', 'ΕΑΝ...')),
    (141, ('prasino-kinima', 'Πράσινο Κίνημα')),
    (134, ('tolma', 'ΤΩΡΑ ΟΛΟΙ ΜΑΖΙ (Τ.ΟΛ.ΜΑ)')),
    (125, ('kke-ml', 'ΚΟΜΜΟΥΝΙΣΤΙΚΟ ΚΟΜΜΑ ΕΛΛΑΔΑΣ (μαρξιστικό-λενινιστικό)')),
    (113, ('ellinon-synelefsis', 'ΕΛΛΗΝΩΝ ΣΥΝΕΛΕΥΣΙΣ')),
    (54, ('kotes', 'ΚΑΠΝΙΣΤΙΚΕΣ ΟΜΑΔΕΣ ΓΙΑ ΤΗΝ ΤΕΧΝΗ ΚΑΙ ΤΗΝ ΕΙΚΑΣΤΙΚΗ ΣΥΓΚΡΟΤΗΣΗ')),
    (143, ('ena', 'ΕΝΟΤΗΤΑ - ΑΛΗΘΕΙΑ ΕΝ.Α')),
    (137, ('politiki-protovoulia', 'ΠΟΛΙΤΙΚΗ ΠΡΩΤΟΒΟΥΛΙΑ')),
    (85, ('koinonia-axion', 'ΚΟΙΝΩΝΙΑ ΑΞΙΩΝ - ΦΙΛΕΛΕΥΘΕΡΗ ΣΥΜΜΑΧΙΑ')),
    (133, ('krama', 'ΒΟΡΕΙΑ ΛΕΓΚΑ - ΚΡΑΜΑ')),
    (10, ('ml-kke', 'Μαρξιστικό-Λένινιστικό Κομμουνιστικό Κόμμα Ελλάδας')),
    (66, ('okde', 'ΟΡΓΑΝΩΣΗ ΚΟΜΜΟΥΝΙΣΤΩΝ ΔΙΕΘΝΙΣΤΩΝ ΕΛΛΑΔΑΣ')),
    (139, ('social', 'SOCIAL Σύγχρονο Δημοκρατικό Κόμμα')),
    (11, ('oakke', 'ΟΑΚΚΕ-ΟΡΓΑΝΩΣΗ ΓΙΑ ΤΗΝ ΑΝΑΣΥΓΚΡΟΤΗΣΗ ΤΟΥ ΚΚΕ')),
    (136, ('nea-domi', 'ΝΕΑ ΔΟΜΗ')),
    (132, ('elliniko-orama', 'ΕΛΛΗΝΙΚΟ ΟΡΑΜΑ')),
    (20, ('vergis-ellines-oikologoi', 'Δημοσθένης Βεργής ΕΛΛΗΝΕΣ ΟΙΚΟΛΟΓΟΙ')),
    (998, ('independents', 'Ανεξάρτητοι/Μεμονωμένοι Υποψήφιοι')),
])
# Keys of tools/june-2023-adhni.txt -> option id. The June file names the parties by their ballot
# names (in English for the largest); a June party gets the May id when the name is the same party's.
JUNE_KEYS = OrderedDict([
    ('ND', 'nd'), ('SYR', 'syriza'), ('PASOK', 'pasok-kinal'), ('KKE', 'kke'),
    ('SP', 'spartiates'), ('EL', 'elliniki-lysi'), ('NIKI', 'niki'), ('PE', 'plefsi-eleftherias'),
    ('MERA', 'mera25'), ('PATSYN', 'patriotikos-synaspismos'), ('LAT', 'foni-logikis'),
    ('OIK', 'oikologoi-prasinoi'), ('EYK', 'ey-kinisi'), ('ANT', 'antarsya'),
    ('PKM', 'prasino-kai-mov'), ('PNOI', 'pnoi-dimokratias'), ('EK', 'enosi-kentroon'),
    ('KFT', 'kinima-ftochon'), ('KKEML', 'kke-ml'), ('ELSYN', 'ellinon-synelefsis'),
    ('MLKKE', 'ml-kke'), ('EM', 'ethniko-metopo'), ('OKDE', 'okde'), ('OAKKE', 'oakke'),
    ('ORAMA', 'orama-anagennisis'), ('PANATH', 'panathinaiko-kinima'), ('PSIF', 'psifiakos-ellinismos'),
    ('LEK', 'laiko-evropaiko-komma'), ('TRAMP', 'tramp'),
])
JUNE_NEW = OrderedDict([   # June parties that did not stand in May: their ballot names in the June file
    ('spartiates', 'ΣΠΑΡΤΙΑΤΕΣ (the June file: Spartans)'),
    ('patriotikos-synaspismos', 'ΠΑΤΡΙΩΤΙΚΟΣ ΣΥΝΑΣΠΙΣΜΟΣ'),
    ('foni-logikis', 'ΦΩΝΗ ΛΟΓΙΚΗΣ ΑΦΡΟΔΙΤΗ ΛΑΤΙΝΟΠΟΥΛΟΥ'),
    ('ey-kinisi', 'ΕΥ-ΚΙΝΗΣΗ'),
    ('prasino-kai-mov', 'ΠΡΑΣΙΝΟ ΚΑΙ ΜΩΒ'),
    ('ethniko-metopo', 'ΕΘΝΙΚΟ ΜΕΤΩΠΟ'),
    ('orama-anagennisis', 'ΟΡΑΜΑ ΑΝΑΓΕΝΝΗΣΗΣ ΕΛΛΑΔΟΣ'),
    ('panathinaiko-kinima', 'ΠΑΝΑΘΗΝΑΪΚΟ ΚΙΝΗΜΑ'),
    ('psifiakos-ellinismos', 'ΨΗΦΙΑΚΟΣ ΕΛΛΗΝΙΣΜΟΣ ΕΝ ΤΟ ΟΛΟΝ'),
    ('laiko-evropaiko-komma', 'ΛΑΪΚΟ ΕΥΡΩΠΑΪΚΟ ΚΟΜΜΑ'),
    ('tramp', 'Ρεπουμπλικανικό Κόμμα Ελλάδας-Τ.Ρ.Α.Μ.Π.'),
])
# votes2019.csv labels -> option id. The 2019 rows carry the repository's labels (its 2023 id table,
# or "NA<id>" for ids it does not know). Only the parties that stood under the same name in 2019 and
# 2023 get the 2023 id; the others are `2019-party-<Ministry id>`.
Y2019 = {'nd': 'nd', 'syriza': 'syriza', 'pasok': 'pasok-kinal', 'kke': 'kke',
         'ellinikiLysi': 'elliniki-lysi', 'mera25': 'mera25', 'pleusi': 'plefsi-eleftherias'}
# the repository's labels (exportcsv.py `partis_code`) of the other 2019 rows -> Ministry party id
REPO_CODE = {'enosi_kentroon': 15, 'ethDim': 60, 'antarsya': 44, 'elsyn': 113, 'kkeml': 125,
             'mlkkke': 10, 'okde': 66, 'vergis': 20, 'anex/memon': 998}
Y2019_SPECIAL = {'LEFKA': 'blank', 'AKYRA': 'invalid', 'GRMAMMENOI': 'registered', 'EGYRA': 'valid'}

SPECIAL = [('blank', 'λευκά (blank ballots)', 'blank'),
           ('invalid', 'άκυρα (invalid ballots)', 'invalid'),
           ('informal', 'άκυρα και λευκά (invalid and blank together: the June 2023 file gives only their sum)', 'invalid')]


def ep(n):
    return 'ep%02d' % n


def write(name, header, rows):
    with open(OUT / name, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header)
        w.writerows(rows)
    print('wrote %s (%d rows)' % (name, len(rows)))


def main(psifoi, kwdikoi, votes2019):
    names = {}
    for line in open(kwdikoi, encoding='utf-8'):
        if line.startswith('#') or not line.strip():
            continue
        f = line.strip().split(',')
        names[int(f[0])] = f[1]
    assert len(names) == 59, len(names)
    raw = json.load(open(psifoi, encoding='utf-8'))
    may = {int(k): json.loads(v) for k, v in raw.items()}
    assert sorted(may) == sorted(names), 'May constituencies differ from kwdikoi.csv'

    # ---- May 2023
    areas, votes, seats = [], [], []
    mag = {}
    cseats = OrderedDict()
    for n in sorted(may):
        d = may[n]
        assert d['EP_ID'] == n
        s = sum(p['VOTES'] for p in d['party'])
        assert s == d['Egkyra'], (n, s, d['Egkyra'])
        mag[n] = sum(p['Edres'] for p in d['party'])
        areas.append((ep(n), names[n], mag[n], 'gr', d['Gramenoi']))
        for p in sorted(d['party'], key=lambda p: (-p['VOTES'], p['PARTY_ID'])):
            votes.append((ep(n), MAY[p['PARTY_ID']][0], p['VOTES']))
            if p['Edres']:
                seats.append((ep(n), MAY[p['PARTY_ID']][0], p['Edres'], 'constituency'))
                cseats[MAY[p['PARTY_ID']][0]] = cseats.get(MAY[p['PARTY_ID']][0], 0) + p['Edres']
        votes.append((ep(n), 'blank', d['Leyka']))
        votes.append((ep(n), 'invalid', d['Akyra']))
    assert sum(mag.values()) == 285, sum(mag.values())
    areas.insert(0, ('gr', 'Επικράτεια (State list: the whole country)', 15, '', ''))
    write('parliament-2023-05-constituencies.csv', ['area', 'name', 'seats', 'parent', 'registered'], areas)
    write('parliament-2023-05-votes.csv', ['area', 'option', 'votes'], votes)

    # national figures (transcribed)
    nat = {}
    for line in open(HERE / 'national-2023.txt', encoding='utf-8'):
        if line.startswith('#') or not line.strip():
            continue
        e, o, v, s = line.strip().split('|')
        nat.setdefault(e, OrderedDict())[o] = (int(v), int(s) if s else None)
    TOTALS = ('registered', 'voters', 'valid', 'registered-abroad')
    natrows, totrows = {}, []
    for e in ('2023-05', '2023-06'):
        natrows[e] = [('gr', o, v) for o, (v, s) in nat[e].items() if o not in TOTALS]
        totrows += [(e, 'gr', o, v) for o, (v, s) in nat[e].items() if o in TOTALS]
    # national seats: May = State seats + constituency seats (the raw files' Edres)
    for o, (v, s) in nat['2023-05'].items():
        if s is not None:
            c = cseats.get(o, 0)
            seats.append(('', o, c, 'constituency'))
            seats.append(('', o, s - c, 'state'))
            assert s - c >= 0
    assert set(cseats) <= {o for o, (v, s) in nat['2023-05'].items() if s}
    write('parliament-2023-05-seats.csv', ['area', 'option', 'seats', 'tier'], seats)

    # ---- June 2023
    txt = [l for l in open(HERE / 'june-2023-adhni.txt', encoding='utf-8') if not l.startswith('#')]
    txt = ''.join(txt).replace('\n,', ',')
    jareas, jvotes = [], []
    seen = set()
    for line in txt.split('\n'):
        if not line.strip():
            continue
        a, name, reg, valid, informal, m, parties = line.split('|')
        n = int(a[2:])
        assert n in names and n not in seen, a
        seen.add(n)
        assert int(m) == mag[n], ('June magnitude differs from May', a, m, mag[n])
        pv = []
        for kv in parties.split(','):
            k, v = kv.split()
            pv.append((JUNE_KEYS[k], int(v)))
        assert sum(v for k, v in pv) == int(valid), (a, 'party votes do not add up to the valid votes')
        assert len({k for k, v in pv}) == len(pv)
        jareas.append((ep(n), names[n], int(m), 'gr', int(reg)))
        for k, v in pv:
            jvotes.append((ep(n), k, v))
        jvotes.append((ep(n), 'informal', int(informal)))
    assert seen == set(names)
    jareas.sort()
    jareas.insert(0, ('gr', 'Επικράτεια (State list: the whole country)', 15, '', ''))
    order = {ep(n): i for i, n in enumerate(sorted(names))}
    jvotes.sort(key=lambda r: order[r[0]])
    write('parliament-2023-06-constituencies.csv', ['area', 'name', 'seats', 'parent', 'registered'], jareas)
    write('parliament-2023-06-votes.csv', ['area', 'option', 'votes'], jvotes)
    jseats = [('', o, s, 'all') for o, (v, s) in nat['2023-06'].items() if s is not None]
    assert sum(r[2] for r in jseats) == 300
    write('parliament-2023-06-seats.csv', ['area', 'option', 'seats', 'tier'], jseats)
    for e in ('2023-05', '2023-06'):
        write('parliament-%s-national.csv' % e, ['area', 'option', 'votes'], natrows[e])
    write('parliament-2023-totals.csv', ['election', 'area', 'item', 'value'], totrows)

    # ---- 2019 (on the 2023 constituencies)
    inv = {v: k for k, v in names.items()}
    v19, ids19 = [], OrderedDict()
    for row in csv.reader(open(votes2019, encoding='utf-8')):
        if len(row) != 7 or row[1] != 'DISTRICT':
            continue
        assert row[0] == '2019' and row[2] == row[4]
        lab = row[5]
        o = (Y2019_SPECIAL.get(lab) or Y2019.get(lab) or
             '2019-party-%s' % (lab[2:] if lab.startswith('NA') else REPO_CODE[lab]))
        if lab not in Y2019_SPECIAL and lab not in Y2019:
            ids19[o] = lab
        v19.append((ep(inv[row[2]]), o, int(row[6])))
    reg19 = {a: v for a, o, v in v19 if o == 'registered'}
    valid19 = {a: v for a, o, v in v19 if o == 'valid'}
    assert len(reg19) == 59
    for a in valid19:
        assert valid19[a] == sum(v for b, o, v in v19 if b == a and o not in Y2019_SPECIAL.values()), a
    order19 = sorted(reg19)
    rows19 = [r for a in order19 for r in v19 if r[0] == a and r[1] not in ('registered', 'valid')]
    write('parliament-2019-constituencies.csv', ['area', 'name', 'seats', 'parent', 'registered'],
          [('gr', 'Επικράτεια (State list: the whole country)', '', '', '')] +
          [(a, names[int(a[2:])], '', 'gr', reg19[a]) for a in order19])
    write('parliament-2019-votes.csv', ['area', 'option', 'votes'], rows19)
    tot19 = OrderedDict()
    for a, o, v in rows19:
        tot19[o] = tot19.get(o, 0) + v
    write('parliament-2019-national.csv', ['area', 'option', 'votes'],
          [('gr', o, v) for o, v in sorted(tot19.items(), key=lambda x: -x[1])])

    # ---- options
    opts = OrderedDict()
    for pid, (o, name) in MAY.items():
        opts[o] = (name, 'independent' if o == 'independents' else 'party')
    for o, name in JUNE_NEW.items():
        opts[o] = (name, 'party')
    for o, lab in ids19.items():
        if lab.startswith('NA'):
            name = "2019: the Ministry's party id %s (votes2019.csv has no name for it)" % lab[2:]
        else:
            pid = REPO_CODE[lab]
            name = ("2019: the Ministry's party id %d, which the repository's 2023 table names %s "
                    "(not checked against the 2019 ballot)" % (pid, MAY[pid][1]))
        opts[o] = (name, 'independent' if lab == 'anex/memon' else 'party')
    for o, name, kind in SPECIAL:
        opts[o] = (name, kind)
    used = {r[1] for r in votes + jvotes + rows19 + natrows['2023-05'] + natrows['2023-06']}
    assert used <= set(opts), used - set(opts)
    write('options.csv', ['option', 'name', 'kind'], [(o, n, k) for o, (n, k) in opts.items()])


if __name__ == '__main__':
    main(*sys.argv[1:4])
