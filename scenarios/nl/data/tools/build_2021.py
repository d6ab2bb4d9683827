#!/usr/bin/python3
"""Build the NL Tweede Kamer 17 March 2021 baseline (the simulation baseline of the 2023
preset) from the Kiesraad databank CSV mirrored on GitHub.

Reads (git blob, read with `git show`, nothing is modified):
  * squell/electionchecker @ c7cab96328224711c6a2d5e8996c56e2b4abae89
      data/uitslag_TK20210317_Nederland.csv
    = the "uitslag" export of https://www.verkiezingsuitslagen.nl/verkiezingen/detail/TK20210317
      (Kiesraad, Databank Verkiezingsuitslagen), level "Nederland" (region code L528).

Writes tweede-kamer-2021-votes.csv (votes on the 2023 option ids; lists that map onto one id
summed), tweede-kamer-2021-lists.csv (every 2021 list as published, with its official seats
and the id it maps to) and tweede-kamer-2021-options.csv.  Run: /usr/bin/python3 tools/build_2021.py
"""
import collections
import csv
import io
import os
import subprocess

REPO = ("/work/.mirror/squell+electionchecker/repo", "c7cab96328224711c6a2d5e8996c56e2b4abae89")
PATH = "data/uitslag_TK20210317_Nederland.csv"
OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Kiesraad appellation of 2021 -> option id: the 2023 id where the 2021 list is the same party
# or its direct successor (SOURCES.md gives each reason), an id of its own otherwise.
IDS = {
    "VVD": "vvd",
    "D66": "d66",
    "PVV (Partij voor de Vrijheid)": "pvv",
    "CDA": "cda",
    "SP (Socialistische Partij)": "sp",
    "Partij van de Arbeid (P.v.d.A.)": "gl-pvda",   # joint list GROENLINKS / PvdA in 2023
    "GROENLINKS": "gl-pvda",
    "Forum voor Democratie": "fvd",
    "Partij voor de Dieren": "pvdd",
    "ChristenUnie": "cu",
    "Volt": "volt",
    "JA21": "ja21",
    "Staatkundig Gereformeerde Partij (SGP)": "sgp",
    "DENK": "denk",
    "50PLUS": "50plus",
    "BBB": "bbb",
    "BIJ1": "bij1",
    "Splinter": "splinter",
    "Piratenpartij": "piratenpartij",                # joint list Piratenpartij - De Groenen in 2023
    "De Groenen": "piratenpartij",
    "LP (Libertaire Partij)": "lp",
    "CODE ORANJE": "code-oranje",
    "NIDA": "nida",
    "JONG": "jong",
    "Trots op Nederland (TROTS)": "trots",
    "Lijst Henk Krol": "lijst-henk-krol",
    "NLBeter": "nlbeter",
    "Blanco (Zeven, A.J.L.B.)": "blanco-zeven",
    "OPRECHT": "oprecht",
    "JEZUS LEEFT": "jezus-leeft",
    "DE FEESTPARTIJ (DFP)": "dfp",
    "U-Buntu Connected Front": "u-buntu",
    "Vrij en Sociaal Nederland": "vsn",
    "Partij van de Eenheid": "partij-van-de-eenheid",
    "Wij zijn Nederland": "wij-zijn-nederland",
    "Partij voor de Republiek": "partij-voor-de-republiek",
    "Modern Nederland": "modern-nederland",
}


def main():
    raw = subprocess.run(["git", "-C", REPO[0], "show", "%s:%s" % (REPO[1], PATH)],
                         check=True, capture_output=True).stdout.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(raw), delimiter=";"))
    parties = [r for r in rows if r["Type"] == "Partij"]
    meta = {r["Type"]: int(r["AantalStemmen"]) for r in rows if r["Type"] != "Partij"}
    assert len(parties) == 37 and {r["Partij"] for r in parties} == set(IDS)
    total = sum(int(r["AantalStemmen"]) for r in parties)
    assert total == meta["AantalGeldigeStemmen"] == 10422852, (total, meta)
    assert sum(int(r["AantalZetels"] or 0) for r in parties) == 150
    with open(os.path.join(OUT, "options.csv"), newline="", encoding="utf-8") as f:
        names2023 = {r["option"]: r["name"] for r in csv.DictReader(f)}

    summed, members = collections.OrderedDict(), collections.defaultdict(list)
    for r in parties:
        o = IDS[r["Partij"]]
        summed[o] = summed.get(o, 0) + int(r["AantalStemmen"])
        members[o].append(r["Partij"])
    with open(os.path.join(OUT, "tweede-kamer-2021-votes.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["area", "option", "votes"])
        for o, v in sorted(summed.items(), key=lambda x: -x[1]):
            w.writerow(["", o, v])
    with open(os.path.join(OUT, "tweede-kamer-2021-lists.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["area", "list", "option", "votes", "seats"])
        for r in parties:
            w.writerow(["", r["Partij"], IDS[r["Partij"]], int(r["AantalStemmen"]), int(r["AantalZetels"] or 0)])
    with open(os.path.join(OUT, "tweede-kamer-2021-options.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["option", "name", "kind", "coalition", "exempt"])
        for o, _ in sorted(summed.items(), key=lambda x: -x[1]):
            if len(members[o]) > 1:
                name = "%s [2021 lists summed: %s]" % (names2023[o], " + ".join(members[o]))
            elif o in names2023:
                name = "%s [2021 list: %s]" % (names2023[o], members[o][0])
            else:
                name = "%s (2021 list; no 2023 list)" % members[o][0]
            w.writerow([o, name, "party", 0, 0])
    print("lists %d -> options %d; valid %d; meta %s" % (len(parties), len(summed), total, meta))


if __name__ == "__main__":
    main()
