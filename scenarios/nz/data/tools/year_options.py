#!/usr/bin/python3
"""Write house-<year>-options.csv: the options of options.csv that stood in that year
(a row in house-<year>-votes.csv), in options.csv's order. A party with candidates but
no party votes that year had no party list on the ballot: it is written with kind
`independent`, as the Electoral Act 1993 s 191 (4) treats its electorate seats (taken
off the 120 like an independent's) and as seatcast's national model needs (a list vote
share for every party). Stdlib only; rerun after build.py."""
import csv
import os
import sys

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
for year in sys.argv[1:] or ['2020', '2023']:
    listed, stood = set(), set()
    with open(os.path.join(HERE, 'house-%s-votes.csv' % year), newline='', encoding='utf-8') as f:
        for r in csv.DictReader(f):
            stood.add(r['option'])
            if r['ballot'] == 'list' and int(r['votes']) > 0:
                listed.add(r['option'])
    with open(os.path.join(HERE, 'options.csv'), newline='', encoding='utf-8') as f:
        rows = [r for r in csv.DictReader(f) if r['option'] in stood]
    with open(os.path.join(HERE, 'house-%s-options.csv' % year), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['option', 'name', 'kind'])
        for r in rows:
            kind = r['kind']
            if kind == 'party' and r['option'] not in listed:
                kind = 'independent'
            w.writerow([r['option'], r['name'], kind])
    print('house-%s-options.csv: %d options' % (year, len(rows)))
