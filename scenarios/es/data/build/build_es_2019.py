#!/usr/bin/python3
"""Build the ES Congreso 10 November 2019 baseline CSVs (the simulation baseline of the 2023
preset) from two independent on-disk derivations of the official MIR file 02201911_TOTA:
  * josemam/MiCongreso@c3e0acc27e375a4b35959d0effbf7e6d3900000d data.json, key
    espana_2019_noviembre: per province, votes per list (keyed by the list's siglas), blank
    and null votes.  PRIMARY: every figure written comes from here.
  * victoriano/sistemaelectoral@5039c695f16441145e97b1f79b9a9893e28cb3d3
    src/data/elections2019N.ts: per province, seats to fill, blank votes and votes per list
    (keyed by its own party keys), generated from records 03/07/08 of the same zip.
    CROSS-CHECK, and the source of the 2019 magnitudes.
Writes (next to build/): congreso-2019-votes.csv (votes mapped onto the 2023 option ids, lists
that map onto the same id summed), congreso-2019-lists.csv (every 2019 list as published,
with the id it is mapped to), congreso-2019-options.csv, congreso-2019-magnitudes.csv.
Run: /usr/bin/python3 build/build_es_2019.py   (needs the two mirrors under /work/.mirror)"""
import collections, csv, json, os, re, subprocess, sys, unicodedata
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from build_es import NAMES, MICONGRESO_NAME, slug  # province names and area-id rule of 2023

MC = ('/work/.mirror/josemam+MiCongreso/repo', 'c3e0acc27e375a4b35959d0effbf7e6d3900000d')
VI = ('/work/.mirror/victoriano+sistemaelectoral/repo', '5039c695f16441145e97b1f79b9a9893e28cb3d3')

# 2019 siglas -> option id.  Ids of the 2023 file (options.csv) where the 2019 list is the same
# party or its direct successor; an id of its own otherwise (see SOURCES.md for every reason).
SUMAR = 'sumar'
MAP = {
    'PSOE': 'psoe', 'PP': 'pp', 'VOX': 'vox',
    # Unidas Podemos (PODEMOS-IU; En Comú Podem in Catalonia; Podemos-EU in Galicia), Más País
    # (four lists) and Compromís all stood inside Sumar's lists in 2023; so did CHA (Aragón).
    # MÉS-ESQUERRA (Més per Mallorca + ERC Illes): Més per Mallorca led SUMAR MÉS in 2023.
    'PODEMOS-IU': SUMAR, 'ECP-GUANYEM EL CANVI': SUMAR, 'PODEMOS-EU': SUMAR,
    'MÁS PAÍS-EQUO': SUMAR, 'MÁS PAÍS': SUMAR, 'M PAÍS-CHA-EQUO': SUMAR, 'MÉS COMPROMÍS': SUMAR,
    'CHA': SUMAR, 'MÉS-ESQUERRA': SUMAR,
    'ERC-SOBIRANISTES': 'erc', 'JxCAT-JUNTS': 'junts', 'EAJ-PNV': 'pnv', 'EH Bildu': 'eh-bildu',
    'CUP-PR': 'cup-pr', 'PACMA': 'pacma', 'BNG': 'bng', '¡TERUEL EXISTE!': 'existe',
    'RECORTES CERO-GV': 'recortes-cero', 'PUM+J': 'pumj', 'PCTE': 'pcte', 'GBAI': 'gbai',
    'UPL': 'upl', 'CpM': 'cpm', 'EB': 'escanos-en-blanco', 'XAV': 'xav', 'PH': 'ph',
    'PREPAL': 'prepal', 'FE de las JONS': 'fe-jons', 'FIA': 'fia',
    # did not stand in 2023 as such (split, dissolved or absent): ids of their own
    'Cs': 'cs', 'NA+': 'na-plus', 'CCa-PNC-NC': 'cca-pnc-nc', 'PRC': 'prc',
}
OWN_NAMES = {  # names of the ids that are not in the 2023 options.csv
    'cs': 'Ciudadanos-Partido de la Ciudadanía (Cs); did not stand in 2023',
    'na-plus': 'Navarra Suma (NA+): UPN + PP + Cs in Navarra; in 2023 UPN and PP stood apart',
    'cca-pnc-nc': 'Coalición Canaria-Partido Nacionalista Canario-Nueva Canarias (CCa-PNC-NC); '
                  'in 2023 CCa and NC-bc stood apart',
    'prc': 'Partido Regionalista de Cantabria (PRC); did not stand in 2023',
}

def git_show(rc, path):
    return subprocess.run(['git', '-C', rc[0], 'show', '%s:%s' % (rc[1], path)], check=True,
                          capture_output=True).stdout.decode('utf-8')

def own_id(siglas):
    s = unicodedata.normalize('NFKD', siglas).encode('ascii', 'ignore').decode().lower()
    return re.sub(r'[^a-z0-9]+', '-', s).strip('-')

def main():
    mc = json.loads(git_show(MC, 'data.json'))['espana_2019_noviembre']
    code_of = {n: c for c, n in MICONGRESO_NAME.items()}
    assert set(mc['resultados']) == set(code_of) and len(code_of) == 52
    area = {c: '%s-%s' % (c, slug(NAMES[c])) for c in NAMES}
    # victoriano: match each block to the MiCongreso province with the same blank votes and the
    # same multiset of list votes (one list per national grouping per province in both files)
    ts = git_show(VI, 'src/data/elections2019N.ts').split('export const circunscripciones2019N')[1]
    blocks = re.findall(r'name: "([^"]+)",\s*shortName: "[^"]*",\s*seats: (\d+),\s*blankVotes: (\d+),'
                        r'\s*votes: \{([^}]*)\}', ts)
    assert len(blocks) == 52, len(blocks)
    mags, vkey = {}, {}
    for name, seats, blank, body in blocks:
        vv = {k.strip().strip('"'): int(v) for k, v in re.findall(r'("[^"]+"|[^":,{}\s]+)\s*:\s*(\d+)', body)}
        hits = [n for n, lists in mc['resultados'].items()
                if sorted(lists.values()) == sorted(vv.values()) and mc['blancos'][n] == int(blank)]
        assert len(hits) == 1, (name, hits)
        n = hits[0]
        a0 = unicodedata.normalize('NFKD', name).encode('ascii', 'ignore').decode().lower()
        b0 = unicodedata.normalize('NFKD', n).encode('ascii', 'ignore').decode().lower()
        assert a0.split('/')[0][:4] == b0[:4] or b0[:4] in a0 or n == 'SC de Tenerife', (name, n)
        c = code_of[n]
        assert c not in mags
        mags[c] = int(seats)
        byval = collections.defaultdict(list)
        for k, v in vv.items():
            byval[v].append(k)
        for s, v in mc['resultados'][n].items():
            if len(byval[v]) == 1:
                vkey.setdefault(s, set()).add(byval[v][0])
    assert len(mags) == 52 and sum(mags.values()) == 350, sum(mags.values())

    lists, votes, options = [], collections.OrderedDict(), {}
    for c in sorted(code_of.values(), key=int):
        n = MICONGRESO_NAME[c]
        agg = collections.OrderedDict()
        for s, v in sorted(mc['resultados'][n].items(), key=lambda x: (-x[1], x[0])):
            o = MAP.get(s) or own_id(s)
            lists.append((area[c], s, o, v))
            agg[o] = agg.get(o, 0) + v
            options.setdefault(o, set()).add(s)
        for o, v in sorted(agg.items(), key=lambda x: (-x[1], x[0])):
            votes[(area[c], o)] = v
        votes[(area[c], 'blank')] = mc['blancos'][n]
        votes[(area[c], 'invalid')] = mc['nulos'][n]

    with open(os.path.join(OUT, 'options.csv'), newline='', encoding='utf-8') as f:
        names2023 = {r['option']: r['name'] for r in csv.DictReader(f)}
    rows = []
    for o in sorted(options):
        sig = ' / '.join(sorted(options[o]))
        if o in names2023:
            name = '%s [2019 list(s): %s]' % (names2023[o], sig)
        elif o in OWN_NAMES:
            name = OWN_NAMES[o]
        else:
            name = '%s (2019 siglas as published; the full denomination is not in the sources read; no 2023 list mapped onto it)' % sig
        rows.append((o, name, 'party'))
    rows += [('blank', names2023['blank'], 'blank'), ('invalid', names2023['invalid'], 'invalid')]
    ids = [r[0] for r in rows]
    assert len(ids) == len(set(ids))

    def write(name, header, data):
        with open(os.path.join(OUT, name), 'w', newline='', encoding='utf-8') as f:
            w = csv.writer(f, lineterminator='\n')
            w.writerow(header)
            w.writerows(data)
    write('congreso-2019-votes.csv', ['area', 'option', 'votes'], [(a, o, v) for (a, o), v in votes.items()])
    write('congreso-2019-lists.csv', ['area', 'siglas', 'option', 'votes'], lists)
    write('congreso-2019-options.csv', ['option', 'name', 'kind'], rows)
    write('congreso-2019-magnitudes.csv', ['area', 'name', 'seats'],
          [(area[c], NAMES[c], mags[c]) for c in sorted(mags, key=int)])
    tot = collections.Counter()
    for (a, o), v in votes.items():
        tot[o] += v
    print('lists %d, vote rows %d, options %d' % (len(lists), len(votes), len(rows)))
    print('totals:', ' '.join('%s=%d' % x for x in tot.most_common(12)))
    print('candidacies %d blank %d invalid %d' % (sum(v for o, v in tot.items() if o not in ('blank', 'invalid')),
                                                 tot['blank'], tot['invalid']))
    print('siglas -> victoriano key:', {s: sorted(k) for s, k in vkey.items() if len(k) > 1 or s not in k})

if __name__ == '__main__':
    main()
