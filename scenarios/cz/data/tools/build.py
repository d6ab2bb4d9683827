#!/usr/bin/python3
"""Builds the Czech 2017 CSVs from the ČSÚ results export of the Chamber of Deputies
election of 20-21 October 2017 (https://volby.cz/pls/ps2017nss/vysledky, the XML
namespace http://www.volby.cz/ps/), and checks it on the way.

Usage: tools/build.py VYSLEDKY.xml   (writes next to this folder's parent: ../*.csv)

Read: per region (KRAJ) its number, name, seats (POCMANDATU), registered voters
(UCAST ZAPSANI_VOLICI), returned envelopes (ODEVZDANE_OBALKY), valid votes
(PLATNE_HLASY) and per party (STRANA KSTRANA) its votes (HLASY) and seats (MANDATY).
Nothing is typed in: the option ids below only name the export's party numbers.
"""
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

NS = {"v": "http://www.volby.cz/ps/"}
# KSTRANA (the ballot number) -> option id.
IDS = {
    1: "ods", 2: "rn-vu", 3: "cos", 4: "cssd", 5: "pb", 6: "rc", 7: "stan", 8: "kscm",
    9: "sz", 10: "rozumni", 11: "spvpu", 12: "svobodni", 13: "bpi", 14: "oda", 15: "pirati",
    16: "obcane-2011", 17: "havel", 18: "cnf", 19: "reu", 20: "top09", 21: "ano",
    22: "dv2016", 23: "spr-rsc", 24: "kdu-csl", 25: "csns", 26: "realiste", 27: "sportovci",
    28: "dsss", 29: "spd", 30: "spo", 31: "narod-sobe",
}
# CIS_KRAJ -> area id.
AREAS = {
    1: "01-praha", 2: "02-stredocesky", 3: "03-jihocesky", 4: "04-plzensky",
    5: "05-karlovarsky", 6: "06-ustecky", 7: "07-liberecky", 8: "08-kralovehradecky",
    9: "09-pardubicky", 10: "10-vysocina", 11: "11-jihomoravsky", 12: "12-olomoucky",
    13: "13-zlinsky", 14: "14-moravskoslezsky",
}


def main(path):
    root = ET.parse(path).getroot()
    out = Path(__file__).resolve().parent.parent
    regions, votes, seats, magnitudes = [], [], [], []
    national = {}
    for k in root.findall("v:KRAJ", NS):
        area = AREAS[int(k.get("CIS_KRAJ"))]
        u = k.find("v:UCAST", NS)
        valid = int(u.get("PLATNE_HLASY"))
        returned = int(u.get("ODEVZDANE_OBALKY"))
        regions.append((area, k.get("NAZ_KRAJ"), int(u.get("ZAPSANI_VOLICI"))))
        magnitudes.append((area, int(k.get("POCMANDATU"))))
        total = won = 0
        for st in k.findall("v:STRANA", NS):
            option = IDS[int(st.get("KSTRANA"))]
            h = st.find("v:HODNOTY_STRANA", NS)
            n = int(h.get("HLASY"))
            m = int(h.get("MANDATY") or 0)
            votes.append((area, option, n))
            if m:
                seats.append((area, option, m))
            national[option] = national.get(option, 0) + n
            total += n
            won += m
        assert total == valid, (area, total, valid)  # party votes add up to valid votes
        assert won == int(k.get("POCMANDATU")), area
        votes.append((area, "invalid", returned - valid))  # invalid: envelopes - valid
    assert sum(m for _, m in magnitudes) == 200
    cr = root.find("v:CR", NS)
    assert int(cr.find("v:UCAST", NS).get("PLATNE_HLASY")) == sum(national.values())
    assert int(cr.find("v:UCAST", NS).get("ZAPSANI_VOLICI")) == sum(r[2] for r in regions)
    names = {}
    for st in cr.findall("v:STRANA", NS):
        option = IDS[int(st.get("KSTRANA"))]
        h = st.find("v:HODNOTY_STRANA", NS)
        assert int(h.get("HLASY")) == national[option], option  # regions add up to the CR row
        names[option] = st.get("NAZ_STR")
    with open(out / "options.csv", "w", encoding="utf-8") as f:
        f.write("option,name,kind\n")
        for number in sorted(IDS):
            f.write(f'{IDS[number]},"{names[IDS[number]]}",party\n')
        f.write("invalid,Neplatné hlasy (odevzdané obálky bez platných hlasů),invalid\n")
    with open(out / "regions.csv", "w", encoding="utf-8") as f:
        f.write("area,name,registered\n")
        for area, name, registered in regions:
            f.write(f"{area},{name},{registered}\n")
    with open(out / "snemovna-2017-votes.csv", "w", encoding="utf-8") as f:
        f.write("area,option,votes\n")
        for row in votes:
            f.write("{},{},{}\n".format(*row))
    with open(out / "snemovna-2017-seats.csv", "w", encoding="utf-8") as f:
        f.write("area,option,seats\n")
        for row in seats:
            f.write("{},{},{}\n".format(*row))
    with open(out / "snemovna-2017-magnitudes.csv", "w", encoding="utf-8") as f:
        f.write("area,seats\n")
        for row in magnitudes:
            f.write("{},{}\n".format(*row))


if __name__ == "__main__":
    main(sys.argv[1])
