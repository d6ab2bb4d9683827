#!/usr/bin/python3
"""Build the ES Congreso 2023 CSVs from the transcription of dcampina/voto-util
(official MIR file 02202307_TOTA) and cross-check every vote figure against two
independent on-disk derivations of the same official MIR file:
  * josemam/MiCongreso@c3e0acc27e375a4b35959d0effbf7e6d3900000d data.json (espana_2023)
  * victoriano/sistemaelectoral@5039c695f16441145e97b1f79b9a9893e28cb3d3 src/data/elections2023.ts
Run: /usr/bin/python3 build_es.py   (needs the two mirrors under /work/.mirror)"""
import csv, json, os, re, subprocess, sys, unicodedata
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
NAMES = {
 '01': 'Araba/Álava', '02': 'Albacete', '03': 'Alacant/Alicante', '04': 'Almería', '05': 'Ávila',
 '06': 'Badajoz', '07': 'Illes Balears', '08': 'Barcelona', '09': 'Burgos', '10': 'Cáceres',
 '11': 'Cádiz', '12': 'Castelló/Castellón', '13': 'Ciudad Real', '14': 'Córdoba', '15': 'A Coruña',
 '16': 'Cuenca', '17': 'Girona', '18': 'Granada', '19': 'Guadalajara', '20': 'Gipuzkoa',
 '21': 'Huelva', '22': 'Huesca', '23': 'Jaén', '24': 'León', '25': 'Lleida', '26': 'La Rioja',
 '27': 'Lugo', '28': 'Madrid', '29': 'Málaga', '30': 'Murcia', '31': 'Navarra', '32': 'Ourense',
 '33': 'Asturias', '34': 'Palencia', '35': 'Las Palmas', '36': 'Pontevedra', '37': 'Salamanca',
 '38': 'Santa Cruz de Tenerife', '39': 'Cantabria', '40': 'Segovia', '41': 'Sevilla', '42': 'Soria',
 '43': 'Tarragona', '44': 'Teruel', '45': 'Toledo', '46': 'València/Valencia', '47': 'Valladolid',
 '48': 'Bizkaia', '49': 'Zamora', '50': 'Zaragoza', '51': 'Ceuta', '52': 'Melilla'}
MICONGRESO_NAME = {'15': 'A Coruña', '02': 'Albacete', '03': 'Alicante', '04': 'Almería', '01': 'Araba',
 '33': 'Asturias', '05': 'Ávila', '06': 'Badajoz', '07': 'Baleares', '08': 'Barcelona', '48': 'Bizkaia',
 '09': 'Burgos', '10': 'Cáceres', '11': 'Cádiz', '39': 'Cantabria', '12': 'Castellón', '51': 'Ceuta',
 '13': 'Ciudad Real', '14': 'Córdoba', '16': 'Cuenca', '20': 'Gipuzkoa', '17': 'Girona', '18': 'Granada',
 '19': 'Guadalajara', '21': 'Huelva', '22': 'Huesca', '23': 'Jaén', '26': 'La Rioja', '35': 'Las Palmas',
 '24': 'León', '25': 'Lleida', '27': 'Lugo', '28': 'Madrid', '29': 'Málaga', '52': 'Melilla', '30': 'Murcia',
 '31': 'Navarra', '32': 'Ourense', '34': 'Palencia', '36': 'Pontevedra', '37': 'Salamanca',
 '38': 'SC de Tenerife', '40': 'Segovia', '41': 'Sevilla', '42': 'Soria', '43': 'Tarragona', '44': 'Teruel',
 '45': 'Toledo', '46': 'Valencia', '47': 'Valladolid', '49': 'Zamora', '50': 'Zaragoza'}
# option id and display name per MIR national accumulation code (cabecera nacional)
OPTIONS = {
 '000001': ('fo', 'Frente Obrero (FO)'),
 '000002': ('psoe', 'Partido Socialista Obrero Español (PSOE)'),
 '000003': ('pumj', 'Por Un Mundo Más Justo (PUM+J)'),
 '000004': ('alm', 'Almerienses - Regionalistas Pro Almería (ALM)'),
 '000005': ('pp', 'Partido Popular (PP)'),
 '000006': ('vox', 'VOX'),
 '000007': ('pacma', 'Partido Animalista con el Medio Ambiente (PACMA)'),
 '000008': ('libres', 'Libres (LB)'),
 '000009': ('recortes-cero', 'Recortes Cero'),
 '000010': ('sumar', 'Sumar'),
 '000012': ('adelante-andalucia', 'Adelante Andalucía'),
 '000013': ('cj', 'Caminando Juntos (CJ)'),
 '000014': ('escanos-en-blanco', 'Escaños en Blanco para dejar escaños vacíos'),
 '000015': ('pcte', 'Partido Comunista de los Trabajadores de España (PCTE)'),
 '000016': ('jxg', 'Juntos por Granada (JxG)'),
 '000017': ('xh', 'Por Huelva (XH)'),
 '000018': ('jm', 'Jaén Merece Más (JM+)'),
 '000019': ('fe-jons', 'Falange Española de las J.O.N.S. (FE de las JONS)'),
 '000020': ('fia', 'Federación de los Independientes de Aragón (F.I.A.)'),
 '000023': ('existe', 'Coalición Existe (Aragón Existe / Teruel Existe)'),
 '000024': ('par', 'Partido Aragonés (PAR)'),
 '000026': ('puede', 'Partido Unionista Estado de España (PUEDE)'),
 '000027': ('espana-vaciada', 'España Vaciada'),
 '000028': ('asturias-existe-ev', 'Asturias Existe-España Vaciada'),
 '000031': ('cca', 'Coalición Canaria (CCa)'),
 '000032': ('nc-bc', 'Nueva Canarias - Bloque Canarista (NC-bc)'),
 '000034': ('ahora-canarias-pcpc', 'Ahora Canarias-Partido Comunista del Pueblo Canario (AHORA CANARIAS-PCPC)'),
 '000035': ('xav', 'Por Ávila (XAV)'),
 '000036': ('vb', 'Vía Burgalesa (VB)'),
 '000037': ('ev-pcas-tc', 'España Vaciada-Partido Castellano-Tierra Comunera (EV-PCAS-TC)'),
 '000038': ('prepal', 'Partido Regionalista del País Leonés (PREPAL)'),
 '000039': ('upl', 'Unión del Pueblo Leonés (U.P.L.)'),
 '000040': ('vp', 'Vamos Palencia (VP)'),
 '000041': ('gitv', 'Grupo Independiente Palencia Tierra Viva (GITV)'),
 '000042': ('3e', 'Tercera Edad en Acción (3e)'),
 '000043': ('soria-ya', 'Soria ¡Ya! (SY)'),
 '000044': ('udca', 'Unidad Castellana (Ud.Ca)'),
 '000045': ('fuerza-civica', 'Fuerza Cívica'),
 '000046': ('zamora-si', 'Zamora Sí (Zsi)'),
 '000050': ('erc', 'Esquerra Republicana de Catalunya (ERC)'),
 '000053': ('cup-pr', "Candidatura d'Unitat Popular-Per la Ruptura (CUP-PR)"),
 '000055': ('pdecat', 'Partit Demòcrata Europeu Català-Espai CiU (PDeCAT-E-CiU)'),
 '000057': ('junts', 'Junts per Catalunya - Junts (JxCAT - JUNTS)'),
 '000060': ('evc', 'Entre Veïns Catalunya (EVC)'),
 '000061': ('unidos-si', 'Unidos por la Solidaridad Internacional (UNIDOS SI)'),
 '000062': ('bqex', 'Bloque Extremeño (BQEX)'),
 '000063': ('somos-caceres', 'Somos Cáceres (Somos Cc)'),
 '000065': ('bng', 'Bloque Nacionalista Galego (B.N.G.)'),
 '000069': ('ccd', 'Coalición de Centro Democrático (CCD)'),
 '000070': ('ph', 'Partido Humanista (PH)'),
 '000071': ('eh-bildu', 'Euskal Herria Bildu (EH Bildu)'),
 '000073': ('gbai', 'Geroa Bai (GBAI)'),
 '000074': ('upn', 'Unión del Pueblo Navarro (U.P.N.)'),
 '000075': ('pnv', 'Euzko Alderdi Jeltzalea-Partido Nacionalista Vasco (EAJ-PNV)'),
 '000079': ('rds', 'Referéndum Sistema Dinero (+RDS+)'),
 '000080': ('por-mi-region', 'Por Mi Región'),
 '000081': ('partido-autonomos', 'Partido Autónomos'),
 '000083': ('evb', 'Estat Valencià del Benestar (EVB)'),
 '000084': ('cpm', 'Coalición por Melilla (CpM)'),
}
EXPECTED_NATIONAL = {'pp': 137, 'psoe': 121, 'vox': 33, 'sumar': 31, 'erc': 7, 'junts': 7,
                     'eh-bildu': 6, 'pnv': 5, 'bng': 1, 'cca': 1, 'upn': 1}

def slug(s):
    s = unicodedata.normalize('NFD', s)
    s = ''.join(c for c in s if unicodedata.category(c) != 'Mn').lower()
    return re.sub(r'[^a-z0-9]+', '-', s).strip('-')

def git_show(repo, rev, path):
    return subprocess.run(['git', '-C', repo, 'show', '%s:%s' % (rev, path)], check=True,
                          capture_output=True).stdout.decode('utf-8')

def main():
    errors = []
    cands = {}
    with open(os.path.join(HERE, 'votoutil_candidaturas.tsv'), encoding='utf-8') as f:
        for r in csv.DictReader(f, delimiter='\t'):
            cands[r['mir_code']] = r
    provs = {}
    cur = None
    for line in open(os.path.join(HERE, 'votoutil_transcription.txt'), encoding='utf-8'):
        line = line.strip()
        if not line or line.startswith('#'):
            continue
        if line.startswith('P '):
            p = [x.strip() for x in line[2:].split('|')]
            cur = {'code': p[0], 'blank': int(p[1]), 'null': int(p[2]), 'candtotal': int(p[3]),
                   'mag': int(p[4]), 'lists': []}
            assert cur['code'] not in provs
            provs[cur['code']] = cur
        else:
            code, votes, seats = line.split()
            cur['lists'].append((code, int(votes), int(seats)))
    assert sorted(provs) == sorted(NAMES), 'province set'
    # internal consistency
    for c, p in provs.items():
        s = sum(v for _, v, _ in p['lists'])
        if s != p['candtotal']:
            errors.append('%s: sum of list votes %d != file-07 candidacy total %d' % (c, s, p['candtotal']))
        if sum(x for _, _, x in p['lists']) != p['mag']:
            errors.append('%s: seats %d != magnitude %d' % (c, sum(x for _, _, x in p['lists']), p['mag']))
        opts = [OPTIONS[cands[code]['cabecera_nacional']][0] for code, _, _ in p['lists']]
        if len(set(opts)) != len(opts):
            errors.append('%s: two lists share a national grouping' % c)
    if sum(p['mag'] for p in provs.values()) != 350:
        errors.append('magnitudes do not add to 350')
    nat = {}
    for p in provs.values():
        for code, v, s in p['lists']:
            o = OPTIONS[cands[code]['cabecera_nacional']][0]
            nat[o] = nat.get(o, 0) + s
    nat = {k: v for k, v in nat.items() if v}
    if nat != EXPECTED_NATIONAL:
        errors.append('national seats %r != expected %r' % (nat, EXPECTED_NATIONAL))
    # cross-check 1: MiCongreso (keys = siglas of the national accumulation candidacy)
    mc = json.loads(git_show('/work/.mirror/josemam+MiCongreso/repo',
                             'c3e0acc27e375a4b35959d0effbf7e6d3900000d', 'data.json'))['espana_2023']
    for c, p in provs.items():
        n = MICONGRESO_NAME[c]
        mine = {cands[cands[code]['cabecera_nacional']]['siglas']: v for code, v, _ in p['lists']}
        theirs = mc['resultados'][n]
        if mine != theirs:
            errors.append('MiCongreso mismatch %s: %r vs %r' % (c, sorted(mine.items()), sorted(theirs.items())))
        if mc['blancos'][n] != p['blank'] or mc['nulos'][n] != p['null']:
            errors.append('MiCongreso blank/null mismatch %s' % c)
    # cross-check 2: victoriano/sistemaelectoral (keys = canonical national keys)
    vrepo = '/work/.mirror/victoriano+sistemaelectoral/repo'
    vrev = '5039c695f16441145e97b1f79b9a9893e28cb3d3'
    fetch = git_show(vrepo, vrev, 'scripts/fetch_2023.ts')
    vnames = {m[1]: m[0] for m in re.findall(r'\{ code: "(\d\d)", name: "([^"]+)"', fetch)}
    vseats = {m[0]: int(m[1]) for m in re.findall(r'\{ code: "(\d\d)", name: "[^"]+", shortName: "[^"]*", seats: (\d+)', fetch)}
    ts = git_show(vrepo, vrev, 'src/data/elections2023.ts')
    ts = ts.split('export const circunscripciones')[1]
    blocks = re.findall(r'name: "([^"]+)",\s*shortName: "[^"]*",\s*seats: (\d+),\s*blankVotes: (\d+),\s*votes: \{([^}]*)\}', ts)
    keymap = {'JxCAT - JUNTS': 'JUNTS', 'EH Bildu': 'BILDU', 'EAJ-PNV': 'PNV', 'B.N.G.': 'BNG', 'CCa': 'CCA',
              'U.P.N.': 'UPN', 'CUP-PR': 'CUP'}
    seen = 0
    for name, seats, blank, body in blocks:
        c = vnames[name]
        vv = {}
        for k, v in re.findall(r'("?[^":,]+"?)\s*:\s*(\d+)', body):
            vv[k.strip().strip('"')] = int(v)
        p = provs[c]
        mine = {}
        for code, v, _ in p['lists']:
            sg = cands[cands[code]['cabecera_nacional']]['siglas']
            mine[keymap.get(sg, sg)] = v
        if mine != vv or int(blank) != p['blank'] or int(seats) != p['mag'] or vseats[c] != p['mag']:
            errors.append('victoriano mismatch %s: %r vs %r' % (c, sorted(mine.items()), sorted(vv.items())))
        seen += 1
    if seen != 52:
        errors.append('victoriano: parsed %d provinces' % seen)
    if errors:
        print('\n'.join(errors))
        sys.exit(1)
    # write outputs
    order = sorted(provs, key=int)
    area = {c: '%s-%s' % (c, slug(NAMES[c])) for c in order}
    with open(os.path.join(OUT, 'congreso-2023-votes.csv'), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['area', 'option', 'votes'])
        for c in order:
            for code, v, _ in provs[c]['lists']:
                w.writerow([area[c], OPTIONS[cands[code]['cabecera_nacional']][0], v])
            w.writerow([area[c], 'blank', provs[c]['blank']])
            w.writerow([area[c], 'invalid', provs[c]['null']])
    with open(os.path.join(OUT, 'congreso-2023-seats.csv'), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['area', 'option', 'seats'])
        for c in order:
            for code, _, s in provs[c]['lists']:
                if s:
                    w.writerow([area[c], OPTIONS[cands[code]['cabecera_nacional']][0], s])
    with open(os.path.join(OUT, 'magnitudes.csv'), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['area', 'name', 'seats'])
        for c in order:
            w.writerow([area[c], NAMES[c], provs[c]['mag']])
    used = {}
    for c in order:
        for code, _, _ in provs[c]['lists']:
            used.setdefault(cands[code]['cabecera_nacional'], []).append((c, code))
    with open(os.path.join(OUT, 'options.csv'), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['option', 'name', 'kind'])
        for cab in sorted(used, key=lambda k: OPTIONS[k][0]):
            w.writerow([OPTIONS[cab][0], OPTIONS[cab][1], 'party'])
        w.writerow(['blank', 'Votos en blanco (blank ballots; count as valid votes for the 3% threshold)', 'blank'])
        w.writerow(['invalid', 'Votos nulos (null ballots; not valid votes)', 'invalid'])
    with open(os.path.join(OUT, 'candidacies.csv'), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['area', 'option', 'mir_code', 'siglas', 'denominacion'])
        for c in order:
            for code, _, _ in provs[c]['lists']:
                w.writerow([area[c], OPTIONS[cands[code]['cabecera_nacional']][0], code,
                            cands[code]['siglas'], cands[code]['denominacion']])
    print('OK: 52 provinces; transcription equals MiCongreso and victoriano on every vote figure')

if __name__ == '__main__':
    main()
