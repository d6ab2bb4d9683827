#!/usr/bin/python3
"""Write <dir>/<body>-<year>-options.csv: the options of <dir>/options.csv that stood in
that year (votes in <dir>/<body>-<year>-votes.csv, or a candidate row), in options.csv's order, for a
scenario of that year where options.csv holds several elections. A party with
candidates but no list votes that year had no list on the ballot: it is written with
kind `independent` (New Zealand's Electoral Act 1993 s 191 (4) treats its electorate
seats as an independent's; seatcast's national model needs a list vote for every
party). Stdlib only.

  /usr/bin/python3 scripts/year_options.py scenarios/nz/data house 2020 2023
  /usr/bin/python3 scripts/year_options.py scenarios/de/data bundestag 2025"""
import csv
import os
import sys

if len(sys.argv) < 4:
    sys.exit(__doc__)
data, body, years = sys.argv[1], sys.argv[2], sys.argv[3:]
for year in years:
    prefix = os.path.join(data, '%s-%s' % (body, year))
    listed, stood = set(), set()
    with open(prefix + '-votes.csv', newline='', encoding='utf-8') as f:
        for r in csv.DictReader(f):
            # An option stood where it has votes (or, with two ballots, a candidate).
            is_list = r.get('ballot', 'list') in ('', 'list')
            if int(r['votes']) > 0 or not is_list:
                stood.add(r['option'])
            if is_list and int(r['votes']) > 0:
                listed.add(r['option'])
    with open(os.path.join(data, 'options.csv'), newline='', encoding='utf-8') as f:
        rows = [r for r in csv.DictReader(f) if r['option'] in stood]
    with open(prefix + '-options.csv', 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['option', 'name', 'kind'])
        for r in rows:
            kind = r['kind']
            if kind == 'party' and r['option'] not in listed:
                kind = 'independent'
            w.writerow([r['option'], r['name'], kind])
    print('%s-options.csv: %d options' % (prefix, len(rows)))
