#!/usr/bin/python3
"""Rebuild the gb-sct 2021 CSVs from raw/*.txt and the tables below (stdlib only).

Every figure is transcribed from a named source (see ../SOURCES.md); nothing is derived
except sums used as cross-checks."""
import csv, os, re

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.dirname(HERE)

REGIONS = [
    ("central-scotland", "Central Scotland"), ("glasgow", "Glasgow"),
    ("highlands-and-islands", "Highlands and Islands"), ("lothian", "Lothian"),
    ("mid-scotland-and-fife", "Mid Scotland and Fife"), ("north-east-scotland", "North East Scotland"),
    ("south-scotland", "South Scotland"), ("west-scotland", "West Scotland"),
]

# Constituency -> (region, winner party at the 2021 election). Source: stored file id 59980800660
# (CONSTITUENCY_SEATS, "Source: Wikipedia 'Results of the 2021 Scottish Parliament election'"),
# with its two post-2021 changes (Edinburgh Eastern, Glasgow Shettleston) reverted to the 2021 party
# stated in that file's own comments.
W = {
 "central-scotland": [("Airdrie and Shotts","snp"),("Coatbridge and Chryston","snp"),("Cumbernauld and Kilsyth","snp"),
   ("East Kilbride","snp"),("Falkirk East","snp"),("Falkirk West","snp"),("Hamilton, Larkhall and Stonehouse","snp"),
   ("Motherwell and Wishaw","snp"),("Uddingston and Bellshill","snp")],
 "glasgow": [("Glasgow Anniesland","snp"),("Glasgow Cathcart","snp"),("Glasgow Kelvin","snp"),("Glasgow Maryhill and Springburn","snp"),
   ("Glasgow Pollok","snp"),("Glasgow Provan","snp"),("Glasgow Shettleston","snp"),("Glasgow Southside","snp"),("Rutherglen","snp")],
 "highlands-and-islands": [("Argyll and Bute","snp"),("Caithness, Sutherland and Ross","snp"),("Inverness and Nairn","snp"),
   ("Moray","snp"),("Na h-Eileanan an Iar","snp"),("Orkney Islands","ld"),("Shetland Islands","ld"),("Skye, Lochaber and Badenoch","snp")],
 "lothian": [("Almond Valley","snp"),("Edinburgh Central","snp"),("Edinburgh Eastern","snp"),("Edinburgh Northern and Leith","snp"),
   ("Edinburgh Pentlands","snp"),("Edinburgh Southern","lab"),("Edinburgh Western","ld"),("Linlithgow","snp"),
   ("Midlothian North and Musselburgh","snp")],
 "mid-scotland-and-fife": [("Clackmannanshire and Dunblane","snp"),("Cowdenbeath","snp"),("Dunfermline","snp"),("Kirkcaldy","snp"),
   ("Mid Fife and Glenrothes","snp"),("North East Fife","ld"),("Perthshire North","snp"),("Perthshire South and Kinross-shire","snp"),
   ("Stirling","snp")],
 "north-east-scotland": [("Aberdeen Central","snp"),("Aberdeen Donside","snp"),("Aberdeen South and North Kincardine","snp"),
   ("Aberdeenshire East","snp"),("Aberdeenshire West","con"),("Angus North and Mearns","snp"),("Angus South","snp"),
   ("Banffshire and Buchan Coast","snp"),("Dundee City East","snp"),("Dundee City West","snp")],
 "south-scotland": [("Ayr","snp"),("Carrick, Cumnock and Doon Valley","snp"),("Clydesdale","snp"),("Dumfriesshire","con"),
   ("East Lothian","snp"),("Ettrick, Roxburgh and Berwickshire","con"),("Galloway and West Dumfries","con"),
   ("Kilmarnock and Irvine Valley","snp"),("Midlothian South, Tweeddale and Lauderdale","snp")],
 "west-scotland": [("Clydebank and Milngavie","snp"),("Cunninghame North","snp"),("Cunninghame South","snp"),("Dumbarton","lab"),
   ("Eastwood","con"),("Greenock and Inverclyde","snp"),("Paisley","snp"),("Renfrewshire North and West","snp"),
   ("Renfrewshire South","snp"),("Strathkelvin and Bearsden","snp")],
}

# Regional list seats per party. Same stored file (LIST_SEATS, members named); cross-checked against the
# news reports and BBC pages listed in SOURCES.md.
LIST_SEATS = {
 "central-scotland": {"lab": 3, "con": 3, "green": 1},
 "glasgow": {"lab": 4, "con": 2, "green": 1},
 "highlands-and-islands": {"snp": 1, "con": 4, "lab": 1, "green": 1},
 "lothian": {"con": 3, "lab": 2, "green": 2},
 "mid-scotland-and-fife": {"con": 4, "lab": 2, "green": 1},
 "north-east-scotland": {"con": 4, "lab": 2, "green": 1},
 "south-scotland": {"lab": 3, "con": 3, "snp": 1},
 "west-scotland": {"lab": 3, "con": 3, "green": 1},
}
# National totals: BBC Scotland results banner (bbctodays.pages.dev mirror), Brig live blog final figures,
# SPICe SB 21-24 and Commons Library CBP9230 summaries (SNP 64 of 129).
TOTALS = {"snp": 64, "con": 31, "lab": 22, "green": 8, "ld": 4}

# Constituency candidate votes found (only these 5 constituencies; see SOURCES.md).
CAND = {
 "Galloway and West Dumfries": [("con",17486),("lab",2932),("snp",14851),("ld",948),("green",970)],
 "Dumfriesshire": [("ld",1314),("snp",15421),("con",19487),("lab",4671)],
 "Argyll and Bute": [("con",7645),("snp",16608),("ld",6874),("lab",2436)],
 "Glasgow Maryhill and Springburn": [("snp",16428),("lab",8504),("con",2241),("ld",688)],
 "Motherwell and Wishaw": [("snp",18156),("lab",10343),("con",4472),("ld",557),("libertarian",254),("communist",194),("ukip",173)],
}

# raw list-party label -> option id
MAP = [
 (r"^abolish", "abolish"), (r"^alba", "alba"), (r"^all (for|4) unity", "afu"), (r"^freedom alliance", "freedom-alliance"),
 (r"^independent green voice", "igv"), (r"^reform", "reform"), (r"^(scottish )?renew", "renew"), (r"^restore scotland", "restore"),
 (r"^scotia future", "scotia-future"), (r"^scottish conservative", "con"), (r"^conservative", "con"),
 (r"^scottish family", "family"), (r"^scottish green", "green"), (r"^green$", "green"), (r"^scottish labour", "lab"),
 (r"^labour$", "lab"), (r"^scottish liberal democrats", "ld"), (r"^liberal democrat", "ld"),
 (r"^scottish libertarian", "libertarian"), (r"^(scottish national party|snp)", "snp"), (r"^(ukip|uk independence)", "ukip"),
]
IND = {"Independent - Paddy S Hogg": "ind-hogg", "Independent - Geoffrey Alexander Farquharson": "ind-farquharson",
       "Independent - Laura Marshall": "ind-marshall", "Kamanja (Ind)": "ind-kamanja", "Keatings (Ind)": "ind-keatings",
       "Independent (BBC row, candidate not named)": "ind-hi-unnamed"}
NAMES = {
 "snp": "Scottish National Party (SNP)", "con": "Scottish Conservative and Unionist Party", "lab": "Scottish Labour Party",
 "green": "Scottish Green Party", "ld": "Scottish Liberal Democrats", "alba": "Alba Party", "afu": "All for Unity",
 "abolish": "Abolish the Scottish Parliament Party", "freedom-alliance": "Freedom Alliance - Integrity, Society, Economy",
 "igv": "Independent Green Voice", "reform": "Reform UK", "renew": "Renew", "restore": "Restore Scotland",
 "scotia-future": "Scotia Future", "family": "Scottish Family Party", "libertarian": "Scottish Libertarian Party",
 "ukip": "UK Independence Party (UKIP)", "communist": "Communist Party of Britain",
 "ind-hogg": "Paddy S Hogg (Independent)", "ind-farquharson": "Geoffrey Alexander Farquharson (Independent)",
 "ind-marshall": "Laura Marshall (Independent)", "ind-kamanja": "Kamanja (Independent)", "ind-keatings": "Keatings (Independent)",
 "ind-hi-unnamed": "Independent (Highlands and Islands list; BBC row, candidate not named)",
}

def slug(s):
    return re.sub(r"[^a-z0-9]+", "-", s.lower().replace("'", "")).strip("-")

def option(label):
    if label in IND:
        return IND[label]
    for pat, opt in MAP:
        if re.search(pat, label.lower()):
            return opt
    raise SystemExit("unmapped label: " + label)

def main():
    areas = []
    seats = []
    for rid, rname in REGIONS:
        areas.append((rid, rname, 7, "sct"))
    for rid, _ in REGIONS:
        for cname, win in W[rid]:
            areas.append((slug(cname), cname, 1, rid))
            seats.append((slug(cname), win, 1, "constituency"))
    for rid, _ in REGIONS:
        for opt, n in sorted(LIST_SEATS[rid].items()):
            seats.append((rid, opt, n, "region"))
    for opt, n in TOTALS.items():
        seats.append(("", opt, n, "total"))
    votes, used = [], set()
    cons = {a[1]: a[0] for a in areas if a[3] != "sct"}
    for cname, rows in CAND.items():
        for opt, v in rows:
            votes.append((cons[cname], opt, v, "candidate")); used.add(opt)
    for rid, _ in REGIONS:
        p = os.path.join(DATA, "raw", rid + ".txt")
        if not os.path.exists(p):
            continue
        seen = set()
        for line in open(p, encoding="utf-8"):
            if line.startswith("#") or not line.strip():
                continue
            label, v = line.rstrip("\n").split("|")
            opt = option(label)
            assert opt not in seen, (rid, opt); seen.add(opt)
            votes.append((rid, opt, int(v), "list")); used.add(opt)
    for _, opt, _, _ in seats:
        used.add(opt)
    assert len([a for a in areas if a[2] == 1]) == 73
    def w(name, header, rows):
        with open(os.path.join(DATA, name), "w", newline="", encoding="utf-8") as f:
            c = csv.writer(f, lineterminator="\n"); c.writerow(header); c.writerows(rows)
    w("parliament-2021-areas.csv", ["area", "name", "seats", "parent"], areas)
    w("parliament-2021-votes.csv", ["area", "option", "votes", "ballot"], votes)
    w("parliament-2021-seats.csv", ["area", "option", "seats", "tier"], seats)
    opts = sorted(used, key=lambda o: (o.startswith("ind-"), o))
    w("options.csv", ["option", "name", "kind"],
      [(o, NAMES[o], "independent" if o.startswith("ind-") else "party") for o in opts])

if __name__ == "__main__":
    main()
