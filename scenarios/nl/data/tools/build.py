#!/usr/bin/python3
"""Build the NL Tweede Kamer 2023 CSVs from the Kiesraad databank CSV mirrored on GitHub.

Reads (git blob, read with `git show`, nothing is modified):
  * squell/electionchecker @ c7cab96328224711c6a2d5e8996c56e2b4abae89
      data/uitslag_TK20231122_Nederland.csv
    = the "uitslag" export of https://www.verkiezingsuitslagen.nl/verkiezingen/detail/TK20231122
      (Kiesraad, Databank Verkiezingsuitslagen), level "Nederland" (national, region code L528).

Writes tweede-kamer-2023-votes.csv, tweede-kamer-2023-seats.csv, options.csv
next to this tools/ directory.  Run:  /usr/bin/python3 tools/build.py
"""
import csv
import io
import os
import subprocess

REPO = ("/work/.mirror/squell+electionchecker/repo", "c7cab96328224711c6a2d5e8996c56e2b4abae89")
PATH = "data/uitslag_TK20231122_Nederland.csv"
OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Kiesraad appellation ("aanduiding") -> stable option id
IDS = {
    "PVV (Partij voor de Vrijheid)": "pvv",
    "GROENLINKS / Partij van de Arbeid (PvdA)": "gl-pvda",
    "VVD": "vvd",
    "Nieuw Sociaal Contract": "nsc",
    "D66": "d66",
    "BBB": "bbb",
    "CDA": "cda",
    "SP (Socialistische Partij)": "sp",
    "DENK": "denk",
    "Partij voor de Dieren": "pvdd",
    "Forum voor Democratie": "fvd",
    "Staatkundig Gereformeerde Partij (SGP)": "sgp",
    "ChristenUnie": "cu",
    "Volt": "volt",
    "JA21": "ja21",
    "BVNL / Groep Van Haga": "bvnl",
    "50PLUS": "50plus",
    "BIJ1": "bij1",
    "Splinter": "splinter",
    "Piratenpartij - De Groenen": "piratenpartij",
    "Nederland met een PLAN": "plan",
    "Samen voor Nederland": "samen-voor-nederland",
    "LEF - Voor de Nieuwe Generatie": "lef",
    "LP (Libertaire Partij)": "lp",
    "PartijvdSport": "partijvdsport",
    "Politieke Partij voor Basisinkomen": "basisinkomen",
}


def main():
    raw = subprocess.run(["git", "-C", REPO[0], "show", "%s:%s" % (REPO[1], PATH)],
                         check=True, capture_output=True).stdout.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(raw), delimiter=";"))
    parties = [r for r in rows if r["Type"] == "Partij"]
    meta = {r["Type"]: int(r["AantalStemmen"]) for r in rows if r["Type"] != "Partij"}
    assert len(parties) == 26 and {r["Partij"] for r in parties} == set(IDS)
    total = sum(int(r["AantalStemmen"]) for r in parties)
    assert total == meta["AantalGeldigeStemmen"], (total, meta)
    seats = sum(int(r["AantalZetels"] or 0) for r in parties)
    assert seats == 150

    with open(os.path.join(OUT, "tweede-kamer-2023-votes.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["area", "option", "votes"])
        for r in parties:
            w.writerow(["", IDS[r["Partij"]], int(r["AantalStemmen"])])
    with open(os.path.join(OUT, "tweede-kamer-2023-seats.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["area", "option", "seats"])
        for r in parties:
            w.writerow(["", IDS[r["Partij"]], int(r["AantalZetels"] or 0)])
    with open(os.path.join(OUT, "options.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["option", "name", "kind", "coalition", "exempt"])
        for r in parties:
            w.writerow([IDS[r["Partij"]], r["Partij"], "party", 0, 0])
    print("lists %d, valid votes %d, seats %d, meta %s" % (len(parties), total, seats, meta))


if __name__ == "__main__":
    main()
