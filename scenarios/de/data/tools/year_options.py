#!/usr/bin/python3
"""Write bundestag-<year>-options.csv: the options of options.csv that stood in that
year (a row in bundestag-<year>-votes.csv), in options.csv's order, for a scenario of
that year (options.csv holds both years, and 2021's Wählergruppen ids are long). A party
with candidates but no second votes that year would be written with kind `independent`;
2025 has none. Stdlib only; rerun after build.py."""
import csv
import os
import sys

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
for year in sys.argv[1:] or ['2025']:
    listed, stood = set(), set()
    with open(os.path.join(HERE, 'bundestag-%s-votes.csv' % year), newline='', encoding='utf-8') as f:
        for r in csv.DictReader(f):
            stood.add(r['option'])
            if r['ballot'] == 'list' and int(r['votes']) > 0:
                listed.add(r['option'])
    with open(os.path.join(HERE, 'options.csv'), newline='', encoding='utf-8') as f:
        rows = [r for r in csv.DictReader(f) if r['option'] in stood]
    with open(os.path.join(HERE, 'bundestag-%s-options.csv' % year), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['option', 'name', 'kind'])
        for r in rows:
            kind = r['kind']
            if kind == 'party' and r['option'] not in listed:
                kind = 'independent'
            w.writerow([r['option'], r['name'], kind])
    print('bundestag-%s-options.csv: %d options' % (year, len(rows)))
