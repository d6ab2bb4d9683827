#!/usr/bin/python3
"""Build congreso-2023-polls.csv (the column form of ../shared/polls/*/polls.csv) from the
rows of kristiyanpanda/spain-election-forecast@da692709ab0343e528b1dae937ac073fea0dc4ad
data/processed/polls_wide.csv whose fieldwork ended in the 30 days before 23 July 2023.
Those rows were copied verbatim (header + 45 rows) into kristiyanpanda_polls_wide_e2023_tail.csv.
Values are copied as published there; nothing is rescaled."""
import csv, os
HERE = os.path.dirname(os.path.abspath(__file__))
COLS = [('PP', 'pp'), ('PSOE', 'psoe'), ('VOX', 'vox'), ('SUMAR', 'sumar'), ('ERC', 'erc'),
        ('JUNTS', 'junts'), ('BILDU', 'eh-bildu'), ('PNV', 'pnv'), ('BNG', 'bng'), ('CC', 'cca'),
        ('CUP', 'cup-pr'), ('UPN', 'upn'), ('EV', 'espana-vaciada')]
def num(s):
    return s[:-2] if s.endswith('.0') else s
rows = list(csv.DictReader(open(os.path.join(HERE, 'kristiyanpanda_polls_wide_e2023_tail.csv'), encoding='utf-8')))
out = []
for r in rows:
    assert r['cycle'] == 'e2023' and '2023-06-23' <= r['fieldwork_end'] <= '2023-07-22', r['poll_id']
    assert r['fieldwork_start'] <= r['fieldwork_end']
    used = {'poll_id', 'cycle', 'pollster', 'commissioner', 'fieldwork_start', 'fieldwork_end',
            'sample_size', 'turnout', 'is_election'} | {c for c, _ in COLS}
    assert not any(r[k] for k in r if k not in used), r['poll_id']   # no value dropped
    out.append([r['pollster'], r['fieldwork_start'], r['fieldwork_end'], num(r['sample_size'])]
               + [r[c] for c, _ in COLS] + ['', ''])
out.sort(key=lambda x: (x[2], x[1], x[0]), reverse=True)
with open(os.path.join(os.path.dirname(HERE), 'congreso-2023-polls.csv'), 'w', newline='', encoding='utf-8') as f:
    w = csv.writer(f, lineterminator='\n')
    w.writerow(['pollster', 'fieldwork_start', 'fieldwork_end', 'sample_size'] + [o for _, o in COLS] + ['other', 'undecided'])
    w.writerows(out)
print(len(out), 'polls')
