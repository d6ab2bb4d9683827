#!/usr/bin/python3
"""Build the PL Sejm 13 October 2019 baseline (the simulation baseline of the 2023 preset)
from the PKW file as mirrored on GitHub.

Reads (git blob, read with `git show`, nothing is modified):
  * IPP-POLSL-2021/PoPiS @ 67a9d6a76c5254ecc1dd31a64f9bf0dc16e5428e
      Data/wyniki_gl_na_listy_po_okregach_sejm_utf8_2019.csv
    = PKW "wyniki_gl_na_listy_po_okregach_sejm.csv" of the 2019 Sejm election (votes per list
      per district), added as Data/wyniki_2019_gl_na_listy_po_okregach_sejm.csv in b7170ea2
      and renamed in f79076c2; ce64c084 changed its header line only (the data lines are those
      of b7170ea2, which the build checks).

Writes sejm-2019-votes.csv and sejm-2019-options.csv next to this tools/ directory.
Run:  /usr/bin/python3 tools/build_2019.py
"""
import collections
import csv
import io
import os
import subprocess

REPO = "/work/.mirror/IPP-POLSL-2021+PoPiS/repo"
HEAD = "67a9d6a76c5254ecc1dd31a64f9bf0dc16e5428e"
FIRST = ("b7170ea2e14b8cd9cacdd4d66317d35a6a917032", "Data/wyniki_2019_gl_na_listy_po_okregach_sejm.csv")
PATH = "Data/wyniki_gl_na_listy_po_okregach_sejm_utf8_2019.csv"
OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# PKW committee name (2019) -> (option id, name, coalition, exempt). The 2023 id where the
# 2019 committee is the same party or its direct successor; see SOURCES.md for each reason.
COMMITTEES = {
    "KOMITET WYBORCZY PRAWO I SPRAWIEDLIWOŚĆ": ("pis", 0, 0),
    "KOALICYJNY KOMITET WYBORCZY KOALICJA OBYWATELSKA PO .N IPL ZIELONI": ("ko", 1, 0),
    "KOMITET WYBORCZY SOJUSZ LEWICY DEMOKRATYCZNEJ": ("lewica", 0, 0),
    "KOMITET WYBORCZY POLSKIE STRONNICTWO LUDOWE": ("td", 0, 0),
    "KOMITET WYBORCZY KONFEDERACJA WOLNOŚĆ I NIEPODLEGŁOŚĆ": ("konfederacja", 0, 0),
    "KOMITET WYBORCZY WYBORCÓW KOALICJA BEZPARTYJNI I SAMORZĄDOWCY": ("bs", 0, 0),
    "KOMITET WYBORCZY WYBORCÓW MNIEJSZOŚĆ NIEMIECKA": ("mn", 0, 1),
    "KOMITET WYBORCZY SKUTECZNI PIOTRA LIROYA-MARCA": ("skuteczni", 0, 0),
    "KOMITET WYBORCZY AKCJA ZAWIEDZIONYCH EMERYTÓW RENCISTÓW": ("azer", 0, 0),
    "KOMITET WYBORCZY PRAWICA": ("prawica", 0, 0),
}


def show(rev, path):
    return subprocess.run(["git", "-C", REPO, "show", "%s:%s" % (rev, path)],
                          check=True, capture_output=True).stdout.decode("utf-8-sig")


def main():
    text = show(HEAD, PATH)
    first = show(*FIRST)
    assert text.splitlines()[1:] == first.splitlines()[1:], "data lines differ from b7170ea2"
    okr = list(csv.reader(io.StringIO(text), delimiter=";"))
    head = okr[0]
    i_valid = head.index("Liczba głosów ważnych oddanych łącznie na wszystkie listy kandydatów")
    comm = [(j, h) for j, h in enumerate(head) if j > i_valid]
    assert sorted(h for _, h in comm) == sorted(COMMITTEES), comm
    votes, total = collections.OrderedDict(), collections.Counter()
    valid_sum = 0
    for r in okr[1:]:
        if not r:
            continue
        a = "okreg-%02d" % int(r[0])
        s = 0
        for j, h in sorted(comm, key=lambda x: COMMITTEES[x[1]][0]):
            if r[j] != "":
                votes[(a, COMMITTEES[h][0])] = int(r[j])
                total[COMMITTEES[h][0]] += int(r[j])
                s += int(r[j])
        assert s == int(r[i_valid]), (a, s, r[i_valid])  # lists add up to the valid-vote column
        valid_sum += s
    assert len({a for a, _ in votes}) == 41
    with open(os.path.join(OUT, "sejm-2019-votes.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["area", "option", "votes"])
        for (a, o), v in votes.items():
            w.writerow([a, o, v])
    with open(os.path.join(OUT, "sejm-2019-options.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["option", "name", "kind", "coalition", "exempt"])
        for h, (o, c, e) in sorted(COMMITTEES.items(), key=lambda x: -total[x[1][0]]):
            w.writerow([o, h, "party", c, e])
    print("rows %d, valid %d:" % (len(votes), valid_sum), dict(total.most_common()))


if __name__ == "__main__":
    main()
