#!/usr/bin/python3
"""Minimal stdlib-only .xlsx -> CSV dumper (one CSV per sheet). Usage: xlsx2csv.py FILE OUTDIR"""
import csv, os, re, sys, zipfile
import xml.etree.ElementTree as ET
NS = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
      'r': 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'}
def col_index(ref):
    letters = re.match(r'[A-Z]+', ref).group(0)
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n - 1
def main(path, outdir):
    z = zipfile.ZipFile(path)
    shared = []
    if 'xl/sharedStrings.xml' in z.namelist():
        for si in ET.fromstring(z.read('xl/sharedStrings.xml')).findall('m:si', NS):
            shared.append(''.join(t.text or '' for t in si.iter('{%s}t' % NS['m'])))
    wb = ET.fromstring(z.read('xl/workbook.xml'))
    rels = ET.fromstring(z.read('xl/_rels/workbook.xml.rels'))
    relmap = {r.get('Id'): r.get('Target') for r in rels}
    os.makedirs(outdir, exist_ok=True)
    for i, sh in enumerate(wb.find('m:sheets', NS)):
        name = sh.get('name')
        target = relmap[sh.get('{%s}id' % NS['r'])]
        target = target.lstrip('/')
        if not target.startswith('xl/'):
            target = 'xl/' + target
        root = ET.fromstring(z.read(target))
        rows = []
        for row in root.iter('{%s}row' % NS['m']):
            cells = {}
            for c in row.findall('m:c', NS):
                t = c.get('t')
                v = c.find('m:v', NS)
                if t == 's':
                    val = shared[int(v.text)] if v is not None else ''
                elif t == 'inlineStr':
                    val = ''.join(x.text or '' for x in c.iter('{%s}t' % NS['m']))
                else:
                    val = v.text if v is not None else ''
                cells[col_index(c.get('r'))] = val
            r = int(row.get('r'))
            width = max(cells) + 1 if cells else 0
            rows.append((r, [cells.get(j, '') for j in range(width)]))
        fn = os.path.join(outdir, '%02d_%s.csv' % (i + 1, re.sub(r'[^A-Za-z0-9_.-]+', '_', name)))
        with open(fn, 'w', newline='', encoding='utf-8') as f:
            w = csv.writer(f)
            for r, vals in rows:
                w.writerow([r] + vals)
        print(fn, len(rows))
if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
