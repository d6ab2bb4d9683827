#!/usr/bin/python3
"""Build the PT Assembleia da República 2024 CSVs.
Votes, blank and null per constituency: d-leitao/simulador-legislativas@fefe0d3f182ff5e12979280e4abd81d1366cb926
  2024.csv (identical to sheet "Mapa Oficial" of 2024.xlsx in the same commit) = CNE Mapa Oficial figures.
Official seats per constituency, the list name on the ballot in each constituency and the magnitudes:
  sbacelar/hondt_tests@5447bd635fc791b1e453b1b5847f072fe9fab23f data/AR_2024_Globais.xlsx
  (SGMAI-AE results workbook, 'última atualização - 21 de março').
Run: /usr/bin/python3 build_pt.py   (needs both mirrors under /work/.mirror)"""
import csv, hashlib, io, os, subprocess, sys, tempfile
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import xlsx2csv

DL = ('/work/.mirror/d-leitao+simulador-legislativas/repo', 'fefe0d3f182ff5e12979280e4abd81d1366cb926')
SB = ('/work/.mirror/sbacelar+hondt_tests/repo', '5447bd635fc791b1e453b1b5847f072fe9fab23f')
AREAS = [  # (area id, official name, name in d-leitao header, SGMAI código)
 ('aveiro', 'Aveiro', 'Aveiro', '010000'), ('beja', 'Beja', 'Beja', '020000'),
 ('braga', 'Braga', 'Braga', '030000'), ('braganca', 'Bragança', 'Bragança', '040000'),
 ('castelo-branco', 'Castelo Branco', 'Castelo Branco', '050000'), ('coimbra', 'Coimbra', 'Coimbra', '060000'),
 ('evora', 'Évora', 'Évora', '070000'), ('faro', 'Faro', 'Faro', '080000'),
 ('guarda', 'Guarda', 'Guarda', '090000'), ('leiria', 'Leiria', 'Leiria', '100000'),
 ('lisboa', 'Lisboa', 'Lisboa', '110000'), ('portalegre', 'Portalegre', 'Portalegre', '120000'),
 ('porto', 'Porto', 'Porto', '130000'), ('santarem', 'Santarém', 'Santarém', '140000'),
 ('setubal', 'Setúbal', 'Setúbal', '150000'), ('viana-do-castelo', 'Viana do Castelo', 'Viana do Castelo', '160000'),
 ('vila-real', 'Vila Real', 'Vila Real', '170000'), ('viseu', 'Viseu', 'Viseu', '180000'),
 ('madeira', 'Madeira', 'Madeira', '300000'), ('acores', 'Açores', 'Açores', '400000'),
 ('europa', 'Europa', 'Europa', '800000'), ('fora-da-europa', 'Fora da Europa', 'Fora da Europa', '900000')]
# SGMAI ballot acronym -> (option id, d-leitao row name, full name, national grouping)
LISTS = {
 'PPD/PSD.CDS-PP.PPM': ('ppd-psd-cds-pp-ppm', 'PSD', 'PPD/PSD.CDS-PP.PPM - Aliança Democrática (AD): coalition PPD/PSD + CDS-PP + PPM', 'AD'),
 'PPD/PSD.CDS-PP': ('ppd-psd-cds-pp', 'PSD', 'PPD/PSD.CDS-PP - Madeira Primeiro: coalition PPD/PSD + CDS-PP (Madeira only; the regional form of AD)', 'AD'),
 'PPM': ('ppm', 'PPM', 'PPM - Partido Popular Monárquico (own list in Madeira only; elsewhere part of AD)', 'AD (PPM is an AD member; separate list in Madeira)'),
 'PS': ('ps', 'PS', 'PS - Partido Socialista', 'PS'),
 'CH': ('ch', 'CH', 'CH - CHEGA', 'CH'),
 'IL': ('il', 'IL', 'IL - Iniciativa Liberal', 'IL'),
 'B.E.': ('be', 'BE', 'B.E. - Bloco de Esquerda', 'BE'),
 'PCP-PEV': ('pcp-pev', 'PCP', 'PCP-PEV - CDU - Coligação Democrática Unitária (PCP + PEV)', 'CDU'),
 'L': ('l', 'L', 'L - LIVRE', 'L'),
 'PAN': ('pan', 'PAN', 'PAN - Pessoas-Animais-Natureza', 'PAN'),
 'ADN': ('adn', 'ADN', 'ADN - Alternativa Democrática Nacional', 'ADN'),
 'R.I.R.': ('rir', 'R.I.R.', 'R.I.R. - Reagir Incluir Reciclar', 'R.I.R.'),
 'JPP': ('jpp', 'JPP', 'JPP - Juntos pelo Povo', 'JPP'),
 'PCTP/MRPP': ('pctp-mrpp', 'PCTP/MRPP', 'PCTP/MRPP - Partido Comunista dos Trabalhadores Portugueses', 'PCTP/MRPP'),
 'ND': ('nd', 'ND', 'ND - Nova Direita', 'ND'),
 'VP': ('vp', 'VP', 'VP - Volt Portugal', 'VP'),
 'E': ('e', 'E', 'E - Ergue-te', 'E'),
 'MPT.A': ('mpt-a', 'MPT.A', 'MPT.A - Alternativa 21: coalition MPT (Partido da Terra) + Aliança', 'MPT.A'),
 'PTP': ('ptp', 'PTP', 'PTP - Partido Trabalhista Português', 'PTP'),
 'NC': ('nc', 'NC', 'NC - Nós, Cidadãos!', 'NC'),
}
# official national seat totals (CNE Mapa Oficial as reported: AD 77 + Madeira 3 = 80, PS 78, CH 50, IL 8, BE 5, CDU 4, L 4, PAN 1)
EXPECTED = {'ppd-psd-cds-pp-ppm': 77, 'ppd-psd-cds-pp': 3, 'ps': 78, 'ch': 50, 'il': 8, 'be': 5, 'pcp-pev': 4, 'l': 4, 'pan': 1}
OFFICIAL_TOTALS = {'blank': 89847, 'invalid': 192396, 'ps': 1812443, 'ch': 1169781, 'il': 319877, 'be': 282314, 'voters': 6476952}

def blob(repo, rev, path):
    return subprocess.run(['git', '-C', repo, 'show', '%s:%s' % (rev, path)], check=True, capture_output=True).stdout

def main():
    errs = []
    dl_raw = blob(*DL, '2024.csv')
    rows = list(csv.reader(io.StringIO(dl_raw.decode('utf-8-sig')), delimiter=';'))
    hdr = rows[0][1:]
    dl = {r[0]: dict(zip(hdr, r[1:])) for r in rows[1:]}
    # d-leitao 2024.csv must equal the 'Mapa Oficial' sheet of 2024.xlsx in the same commit
    with tempfile.TemporaryDirectory() as td:
        open(os.path.join(td, 'a.xlsx'), 'wb').write(blob(*DL, '2024.xlsx'))
        xlsx2csv.main(os.path.join(td, 'a.xlsx'), os.path.join(td, 'dl'))
        sh = [r[1:] for r in csv.reader(open(os.path.join(td, 'dl', '01_Mapa_Oficial.csv'), encoding='utf-8'))]
        if [r[:len(rows[0])] for r in sh] != rows:
            errs.append('d-leitao 2024.csv differs from 2024.xlsx sheet Mapa Oficial')
        open(os.path.join(td, 'b.xlsx'), 'wb').write(blob(*SB, 'data/AR_2024_Globais.xlsx'))
        xlsx2csv.main(os.path.join(td, 'b.xlsx'), os.path.join(td, 'sg'))
        sg = {}
        for fn in ('01_AR_2024_Global.csv', '02_AR_2024_Distrito_Reg.Aut_noma.csv'):
            rr = list(csv.reader(open(os.path.join(td, 'sg', fn), encoding='utf-8')))
            h = rr[3]
            for r in rr[4:]:
                if len(r) > 2 and r[1].isdigit():
                    sg[r[1]] = (h, r)
    votes, seats, mags, used = {}, {}, {}, {}
    for aid, name, dlname, code in AREAS:
        h, r = sg[code]
        mags[aid] = int(r[h.index('mandatos')])
        v = [(o, int(dl['Brancos'][dlname])) for o in ['blank']]
        lines = []
        for i, col in enumerate(h):
            if col in LISTS and i + 2 < len(r) and r[i] != '':
                opt, dlrow, _, _ = LISTS[col]
                dv = dl[dlrow][dlname]
                if not dv.isdigit():
                    errs.append('%s: SGMAI has list %s but Mapa Oficial cell is %r' % (aid, col, dv))
                    continue
                lines.append((opt, int(dv), int(r[i + 2]), int(r[i])))
                used[opt] = col
        # every Mapa Oficial figure must be used exactly once
        dl_cells = {k: d[dlname] for k, d in dl.items() if k not in ('Brancos', 'Nulos') and d[dlname].isdigit()}
        used_rows = {}
        for opt, _, _, _ in lines:
            dlrow = [x[1] for x in LISTS.values() if x[0] == opt][0]
            used_rows[dlrow] = used_rows.get(dlrow, 0) + 1
        if sorted(used_rows) != sorted(dl_cells) or any(n != 1 for n in used_rows.values()):
            errs.append('%s: list sets differ: SGMAI %s vs Mapa Oficial %s' % (aid, sorted(used_rows), sorted(dl_cells)))
        lines.sort(key=lambda x: -x[1])
        votes[aid] = [(o, vv) for o, vv, _, _ in lines] + [('blank', int(dl['Brancos'][dlname])), ('invalid', int(dl['Nulos'][dlname]))]
        seats[aid] = [(o, s) for o, _, s, _ in lines if s]
        if sum(s for _, s in seats[aid]) != mags[aid]:
            errs.append('%s: seats %d != magnitude %d' % (aid, sum(s for _, s in seats[aid]), mags[aid]))
        # provisional (SGMAI) vs official (Mapa Oficial) differences, for the record
        diffs = [(o, vv - pv) for o, vv, _, pv in lines if vv != pv]
        votes[aid + '#diff'] = diffs
    if sum(mags.values()) != 230:
        errs.append('magnitudes add to %d' % sum(mags.values()))
    nat = {}
    for aid in mags:
        for o, s in seats[aid]:
            nat[o] = nat.get(o, 0) + s
    if nat != EXPECTED:
        errs.append('national seats %r != %r' % (nat, EXPECTED))
    tot = {}
    for aid in mags:
        for o, v in votes[aid]:
            tot[o] = tot.get(o, 0) + v
    for k, v in OFFICIAL_TOTALS.items():
        got = sum(tot.values()) if k == 'voters' else tot[k]
        if got != v:
            errs.append('national %s %d != Mapa Oficial %d' % (k, got, v))
    if errs:
        print('\n'.join(errs)); sys.exit(1)
    with open(os.path.join(OUT, 'assembleia-2024-votes.csv'), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n'); w.writerow(['area', 'option', 'votes'])
        for aid, _, _, _ in AREAS:
            for o, v in votes[aid]:
                w.writerow([aid, o, v])
    with open(os.path.join(OUT, 'assembleia-2024-seats.csv'), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n'); w.writerow(['area', 'option', 'seats'])
        for aid, _, _, _ in AREAS:
            for o, s in seats[aid]:
                w.writerow([aid, o, s])
    with open(os.path.join(OUT, 'magnitudes.csv'), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n'); w.writerow(['area', 'name', 'seats'])
        for aid, name, _, _ in AREAS:
            w.writerow([aid, name, mags[aid]])
    byopt = {v[0]: (k, v) for k, v in LISTS.items()}
    with open(os.path.join(OUT, 'options.csv'), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n'); w.writerow(['option', 'name', 'kind'])
        for o in sorted(used):
            k, v = byopt[o]
            w.writerow([o, '%s [national grouping: %s]' % (v[2], v[3]), 'party'])
        w.writerow(['blank', 'Votos em branco (blank ballots)', 'blank'])
        w.writerow(['invalid', 'Votos nulos (null ballots)', 'invalid'])
    with open(os.path.join(OUT, 'national-groups.csv'), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n'); w.writerow(['option', 'ballot_acronym', 'national_group'])
        for o in sorted(used):
            k, v = byopt[o]
            w.writerow([o, k, v[3].split(' ')[0]])
    for aid, _, _, _ in AREAS:
        d = votes[aid + '#diff']
        if d:
            print('provisional->official diffs', aid, d)
    print('OK: 22 constituencies, 230 seats; Mapa Oficial totals reproduced')

if __name__ == '__main__':
    main()
