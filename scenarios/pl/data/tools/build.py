#!/usr/bin/python3
"""Build the PL Sejm 2023 CSVs from the PKW files as mirrored on GitHub.

Reads (git blobs, read with `git show`, nothing is modified):
  * IPP-POLSL-2021/PoPiS @ 67a9d6a76c5254ecc1dd31a64f9bf0dc16e5428e
      Data/wyniki_gl_na_listy_po_okregach_sejm_utf8.csv   (PKW: votes per list per district)
      Data/wyniki_gl_na_listy_po_gminach_sejm_utf8.csv    (PKW: same per gmina; cross-check only)
  * shhhQuiettt/polish_election_visualisation @ 619b323366f6c90f7353be909a475e13526fad66
      kandydaci_sejm_utf8.csv                             (PKW: candidates, "Czy przyznano mandat")
  * Dyzio18/2023wybory.pl @ 3bfaa26ac085694b6277249ce416ba4db93fa40b
      data/DATASETS/okregi_sejm_csv.zip -> okregi_sejm_utf8.csv (PKW: district magnitudes)

Writes sejm-2023-votes.csv, sejm-2023-seats.csv, magnitudes.csv, options.csv
next to this tools/ directory.  Run:  /usr/bin/python3 tools/build.py
"""
import collections
import csv
import io
import os
import subprocess
import sys
import zipfile

MIRROR = "/work/.mirror"
POPIS = (MIRROR + "/IPP-POLSL-2021+PoPiS/repo", "67a9d6a76c5254ecc1dd31a64f9bf0dc16e5428e")
KAND = (MIRROR + "/shhhQuiettt+polish_election_visualisation/repo", "619b323366f6c90f7353be909a475e13526fad66")
OKR = (MIRROR + "/Dyzio18+2023wybory.pl/repo", "3bfaa26ac085694b6277249ce416ba4db93fa40b")
OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# PKW committee name -> (option id, coalition, exempt)
# coalition = 1 for "KOALICYJNY KOMITET WYBORCZY" (art. 196 par. 2: 8 % threshold);
# exempt = 1 for the national-minority voters' committee (art. 197).
COMMITTEES = {
    "KOMITET WYBORCZY BEZPARTYJNI SAMORZĄDOWCY": ("bs", 0, 0),
    "KOALICYJNY KOMITET WYBORCZY TRZECIA DROGA POLSKA 2050 SZYMONA HOŁOWNI - POLSKIE STRONNICTWO LUDOWE": ("td", 1, 0),
    "KOMITET WYBORCZY NOWA LEWICA": ("lewica", 0, 0),
    "KOMITET WYBORCZY PRAWO I SPRAWIEDLIWOŚĆ": ("pis", 0, 0),
    "KOMITET WYBORCZY KONFEDERACJA WOLNOŚĆ I NIEPODLEGŁOŚĆ": ("konfederacja", 0, 0),
    "KOALICYJNY KOMITET WYBORCZY KOALICJA OBYWATELSKA PO .N IPL ZIELONI": ("ko", 1, 0),
    "KOMITET WYBORCZY POLSKA JEST JEDNA": ("pjj", 0, 0),
    "KOMITET WYBORCZY WYBORCÓW RUCHU DOBROBYTU I POKOJU": ("rdip", 0, 0),
    "KOMITET WYBORCZY NORMALNY KRAJ": ("normalny-kraj", 0, 0),
    "KOMITET WYBORCZY ANTYPARTIA": ("antypartia", 0, 0),
    "KOMITET WYBORCZY RUCH NAPRAWY POLSKI": ("rnp", 0, 0),
    "KOMITET WYBORCZY WYBORCÓW MNIEJSZOŚĆ NIEMIECKA": ("mn", 0, 1),
}


def blob(repo_commit, path):
    repo, commit = repo_commit
    return subprocess.run(["git", "-C", repo, "show", f"{commit}:{path}"],
                          check=True, capture_output=True).stdout


def rows(data):
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def area(n):
    return "okreg-%02d" % int(n)


def main():
    okr = rows(blob(POPIS, "Data/wyniki_gl_na_listy_po_okregach_sejm_utf8.csv"))
    head = okr[0]
    i_valid = head.index("Liczba głosów ważnych oddanych łącznie na wszystkie listy kandydatów")
    comm_cols = [(j, h) for j, h in enumerate(head) if h in COMMITTEES]
    assert len(comm_cols) == len(COMMITTEES), comm_cols
    assert [h for j, h in enumerate(head) if j > i_valid] == [h for _, h in comm_cols]

    votes = collections.OrderedDict()   # (area, option) -> votes
    valid = {}
    for r in okr[1:]:
        a = area(r[0])
        valid[a] = int(r[i_valid])
        s = 0
        for j, h in comm_cols:
            if r[j] != "":
                votes[(a, COMMITTEES[h][0])] = int(r[j])
                s += int(r[j])
        assert s == valid[a], (a, s, valid[a])   # lists add up to the valid-vote column
    assert len(valid) == 41

    # cross-check: the per-gmina file aggregated to districts gives the same numbers
    gm = rows(blob(POPIS, "Data/wyniki_gl_na_listy_po_gminach_sejm_utf8.csv"))
    gh = gm[0]
    agg = collections.Counter()
    for r in gm[1:]:
        if not r or r[0] == "" and r[1] == "":
            continue
        a = area(r[gh.index("Nr okręgu")])
        for j, h in enumerate(gh):
            if h in COMMITTEES and r[j] != "":
                agg[(a, COMMITTEES[h][0])] += int(r[j])
    diff = {k: (v, agg.get(k)) for k, v in votes.items() if agg.get(k) != v}
    extra = [k for k in agg if k not in votes and agg[k]]
    print("gmina-level cross-check: %d differences, %d extra keys" % (len(diff), len(extra)))
    for k, v in list(diff.items())[:10]:
        print("  ", k, v)

    # official seats: candidates marked "Tak" in "Czy przyznano mandat"
    kand = rows(blob(KAND, "kandydaci_sejm_utf8.csv"))
    kh = kand[0]
    seats = collections.Counter()
    for r in kand[1:]:
        d = dict(zip(kh, r))
        if d["Czy przyznano mandat"] == "Tak":
            seats[(area(d["Nr okręgu"]), COMMITTEES[d["Nazwa komitetu"]][0])] += 1
        elif d["Czy przyznano mandat"] != "Nie":
            sys.exit("unexpected value %r" % d["Czy przyznano mandat"])

    # magnitudes
    z = zipfile.ZipFile(io.BytesIO(blob(OKR, "data/DATASETS/okregi_sejm_csv.zip")))
    mg = rows(z.read("okregi_sejm_utf8.csv"))
    mh = mg[0]
    mags = []
    for r in mg[1:]:
        d = dict(zip(mh, r))
        mags.append((area(d["Numer okręgu"]),
                     "%s (okręg nr %d)" % (d["Siedziba OKW"], int(d["Numer okręgu"])),
                     int(d["Liczba mandatów"])))
    assert len(mags) == 41 and sum(m[2] for m in mags) == 460
    per_area = collections.Counter()
    for (a, o), n in seats.items():
        per_area[a] += n
    for a, _, m in mags:
        assert per_area[a] == m, (a, per_area[a], m)   # seats marked "Tak" == magnitude

    with open(os.path.join(OUT, "sejm-2023-votes.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["area", "option", "votes"])
        for (a, o), v in sorted(votes.items()):
            w.writerow([a, o, v])
    with open(os.path.join(OUT, "sejm-2023-seats.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["area", "option", "seats"])
        for (a, o), v in sorted(seats.items()):
            w.writerow([a, o, v])
    with open(os.path.join(OUT, "magnitudes.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["area", "name", "seats"])
        for m in mags:
            w.writerow(m)
    with open(os.path.join(OUT, "options.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["option", "name", "kind", "coalition", "exempt"])
        for name, (o, c, e) in COMMITTEES.items():
            w.writerow([o, name, "party", c, e])

    nat = collections.Counter()
    for (a, o), v in votes.items():
        nat[o] += v
    tot = sum(valid.values())
    print("national valid votes:", tot)
    for o, v in nat.most_common():
        print("  %-14s %9d  %6.3f%%  seats %d" % (o, v, 100.0 * v / tot,
                                                  sum(n for (a, oo), n in seats.items() if oo == o)))


if __name__ == "__main__":
    main()
