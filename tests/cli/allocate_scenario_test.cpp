// `seatcast allocate --scenario`: the output forms (CSV rows per area then `total`,
// JSON with seats, areas, tiers, filters and events) and bad input (exit 2 naming
// file, line and field) in votes and in area files.
#include <regex>

#include "tests/cli/cli_support.h"

namespace seatcast::testing {
namespace {

class AllocateScenario : public CliTest {
 protected:
  // A small body: two areas of 3 and 2 seats, D'Hondt over 10% per area.
  std::string body(const std::string& areas = "area,name,seats\nnorth,North,3\nsouth,South,2\n",
                   const std::string& extra_level = "") {
    write("areas.csv", areas);
    write("base.csv",
          "area,option,votes\nnorth,a,50\nnorth,b,30\nnorth,c,20\nsouth,a,40\nsouth,b,60\n");
    return write("s.toml", R"(
[[options]]
id = "a"
[[options]]
id = "b"
[[options]]
id = "c"
[model]
type = "dirichlet"
total_votes = 1000
sample_size = 100
[model.percent]
a = 45
b = 40
c = 15
[[body]]
id = "house"
)" + extra_level + R"(
[[body.levels]]
id = "region"
areas = "areas.csv"
baseline = "base.csv"
[[body.stages]]
type = "filter"
id = "ten"
level = "region"
threshold = 0.1
[[body.stages]]
type = "allocate"
id = "seats"
level = "region"
method = "dhondt"
filter = "ten"
)")
        .string();
  }
};

TEST_F(AllocateScenario, CsvGivesAreasThenTotals) {
  const std::string s = body();
  // north 3 seats: a 600, b 300, c 100 (c under 10%): a 2, b 1; south: a 10, b 90 -> b 2.
  write("v.csv",
        "area,option,votes\nnorth,a,600\nnorth,b,300\nnorth,c,100\nsouth,a,10\nsouth,b,90\n");
  const Outcome o = seatcast("allocate --scenario " + s + " v.csv");
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_EQ(o.out,
            "area,option,seats\nnorth,a,2\nnorth,b,1\nnorth,c,0\nsouth,a,0\nsouth,b,2\n"
            "total,a,2\ntotal,b,3\ntotal,c,0\n");
}

TEST_F(AllocateScenario, JsonNamesSeatsAreasTiersAndWhyListsPassed) {
  const std::string s = body();
  write("v.csv",
        "area,option,votes\nnorth,a,600\nnorth,b,300\nnorth,c,100\nsouth,a,10\nsouth,b,90\n");
  const Outcome o = seatcast("allocate --scenario " + s + " v.csv --format json");
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_NE(o.out.find("{\"body\": \"house\", \"seats\": {\"a\": 2, \"b\": 3, \"c\": 0}"),
            std::string::npos)
      << o.out;
  EXPECT_NE(o.out.find("\"areas\": {\"north\": {\"a\": 2, \"b\": 1, \"c\": 0}, \"south\": {\"a\": "
                       "0, \"b\": 2}}"),
            std::string::npos)
      << o.out;
  // North: base 1000, line 100 votes: c's 100 reaches it (>=); south: a's 10 is at 10%.
  EXPECT_NE(o.out.find("\"north\": {\"base\": 1000, \"line\": 100.00, \"passed\": {\"a\": "
                       "\"share\", \"b\": \"share\", \"c\": \"share\"}}"),
            std::string::npos)
      << o.out;
  EXPECT_NE(o.out.find("\"events\": {\"threshold_waived\": false"), std::string::npos);
}

TEST_F(AllocateScenario, BadVotesExit2NamingFileLineAndField) {
  const std::string s = body();
  const std::pair<std::string, std::string> cases[] = {
      {"area,option,votes\nnorth,a,1\nwest,a,1\nsouth,a,1\n",
       "v.csv:3: field 'area': 'west' is not an area"},
      {"area,option,votes\nnorth,a,1\nsouth,zz,1\n",
       "v.csv:3: field 'option': 'zz' is not an option"},
      {"area,option,votes\nnorth,a,1\n", "field 'area': no votes for area 'south'"},
      {"area,option,votes\nnorth,a,-1\nsouth,a,1\n",
       "v.csv:2: field 'votes': votes must not be negative"},
      {"area,option,votes\nnorth,a,1.5\nsouth,a,1\n",
       "v.csv:2: field 'votes': '1.5' is not a whole number"},
      {"area,option,votes\n,a,1\n", "v.csv:2: field 'area': body house adds up its areas' votes"},
  };
  for (const auto& [csv, message] : cases) {
    write("v.csv", csv);
    const Outcome o = seatcast("allocate --scenario " + s + " v.csv");
    EXPECT_EQ(o.status, 2) << csv;
    EXPECT_NE(o.err.find(message), std::string::npos) << o.err;
    EXPECT_EQ(o.out, "") << csv;
  }
}

TEST_F(AllocateScenario, BadAreaFilesExit2) {
  const std::pair<std::string, std::string> cases[] = {
      {"area,name,seats\nnorth,North,0\nsouth,South,2\n",
       "areas.csv:2: field 'seats': '0' is not a magnitude"},
      {"area,name,seats\nnorth,North,3\nnorth,N,2\n",
       "areas.csv:3: field 'area': area 'north' appears twice"},
      {"area,name,seats\nnorth,North,3\n",
       "base.csv:5: field 'area': 'south' is not an area of this level"},
  };
  for (const auto& [areas, message] : cases) {
    const std::string s = body(areas);
    write("v.csv", "area,option,votes\nnorth,a,1\n");
    const Outcome o = seatcast("validate " + s);
    EXPECT_EQ(o.status, 2) << areas;
    EXPECT_NE(o.err.find(message), std::string::npos) << o.err;
  }
}

TEST_F(AllocateScenario, ALevelWhoseParentIsMissingOrNotPartitionedExits2) {
  write("areas.csv", "area,name,seats,parent\nnorth,North,3,east\nsouth,South,2,east\n");
  write("base.csv", "area,option,votes\nnorth,a,1\nsouth,a,1\n");
  write("regions.csv", "area,name,seats\neast,East,5\nwest,West,1\n");
  const std::string head = R"(
[[options]]
id = "a"
[[options]]
id = "b"
[model]
type = "dirichlet"
total_votes = 1000
sample_size = 100
[model.percent]
a = 50
b = 50
[[body]]
id = "house"
)";
  const std::string stages = R"(
[[body.stages]]
type = "allocate"
id = "seats"
level = "district"
method = "dhondt"
)";
  write("missing.toml",
        head + "[[body.levels]]\nid = \"district\"\nareas = \"areas.csv\"\nparent = \"region\"\n" +
            stages);
  Outcome o = seatcast("validate missing.toml");
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(
      o.err.find(
          "missing.toml:18: field 'body[0].levels[0].parent': no level 'region' before this one"),
      std::string::npos)
      << o.err;
  write("split.toml",
        head + "[[body.levels]]\nid = \"region\"\nareas = \"regions.csv\"\n" +
            "[[body.levels]]\nid = \"district\"\nareas = \"areas.csv\"\nparent = \"region\"\n" +
            stages);
  o = seatcast("validate split.toml");
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("areas.csv: field 'parent': the areas do not partition level 'region': its "
                       "area 'west' has none of them"),
            std::string::npos)
      << o.err;
}

// Threshold base "registered" from the areas' rolls (the areas file's `registered`):
// north's roll of 2,200 puts the 10% line at 220, so c's 210 fails there (of the 860
// valid votes it would pass), and D'Hondt gives a 2, b 1 instead of a, b, c 1 each.
// At the nation the rolls add up: 3,200, a 5% line of 160 that c's 210 passes.
class RegisteredBase : public CliTest {
 protected:
  std::string scenario(const std::string& areas, const std::string& filter_level = "region",
                       double threshold = 0.1) {
    write("areas.csv", areas);
    return write("r.toml", R"(
[[options]]
id = "a"
[[options]]
id = "b"
[[options]]
id = "c"
[model]
type = "dirichlet"
total_votes = 1000
sample_size = 100
[model.percent]
a = 45
b = 40
c = 15
[[body]]
id = "house"
[[body.levels]]
id = "region"
areas = "areas.csv"
[[body.stages]]
type = "filter"
id = "roll"
)" + (filter_level.empty() ? std::string() : "level = \"" + filter_level + "\"\n") +
                               "threshold = " + std::to_string(threshold) + R"(
threshold_base = "registered"
[[body.stages]]
type = "allocate"
id = "seats"
level = "region"
method = "dhondt"
filter = "roll"
)")
        .string();
  }
  const std::string votes_ =
      "area,option,votes\nnorth,a,400\nnorth,b,250\nnorth,c,210\nsouth,a,150\nsouth,b,60\n";
};

TEST_F(RegisteredBase, EachAreasRollIsItsBase) {
  const std::string s =
      scenario("area,name,seats,registered\nnorth,North,3,2200\nsouth,South,2,1000\n");
  write("v.csv", votes_);
  Outcome o = seatcast("allocate --scenario " + s + " v.csv");
  ASSERT_EQ(o.status, 0) << o.err;
  // South: line 100, so b's 60 fails and a takes both seats.
  EXPECT_EQ(o.out,
            "area,option,seats\nnorth,a,2\nnorth,b,1\nnorth,c,0\nsouth,a,2\nsouth,b,0\n"
            "total,a,4\ntotal,b,1\ntotal,c,0\n");
  o = seatcast("allocate --scenario " + s + " v.csv --format json");
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_NE(o.out.find("\"north\": {\"base\": 2200, \"line\": 220.00, \"passed\": {\"a\": "
                       "\"share\", \"b\": \"share\"}}"),
            std::string::npos)
      << o.out;
  EXPECT_NE(o.out.find("\"south\": {\"base\": 1000, \"line\": 100.00, \"passed\": {\"a\": "
                       "\"share\"}}"),
            std::string::npos)
      << o.out;
  // The same rolls at the nation: 3,200 and 5%, every list passes; D'Hondt then gives
  // north a, b, c one seat each.
  const std::string n =
      scenario("area,name,seats,registered\nnorth,North,3,2200\nsouth,South,2,1000\n", "", 0.05);
  o = seatcast("allocate --scenario " + n + " v.csv --format json");
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_NE(o.out.find("\"rows\": {\"\": {\"base\": 3200, \"line\": 160.00"), std::string::npos)
      << o.out;
  EXPECT_NE(o.out.find("\"north\": {\"a\": 1, \"b\": 1, \"c\": 1}"), std::string::npos) << o.out;
}

TEST_F(RegisteredBase, BadRollsExit2NamingFileLineAndField) {
  const std::pair<std::string, std::string> cases[] = {
      {"area,name,seats,registered\nnorth,North,3,-5\nsouth,South,2,1000\n",
       "areas.csv:2: field 'registered': '-5' is not a whole number of people"},
      {"area,name,seats,registered\nnorth,North,3,2200\nsouth,South,2,1000.5\n",
       "areas.csv:3: field 'registered': '1000.5' is not a whole number of people"},
      {"area,name,seats,registered\nnorth,North,3,\nsouth,South,2,1000\n",
       "areas.csv:2: field 'registered': empty: every area needs a number"},
      {"area,name,seats,registered\nnorth,North,3,1e3\nsouth,South,2,1000\n",
       "areas.csv:2: field 'registered': '1e3' is not a whole number of people"},
      {"area,name,seats\nnorth,North,3\nsouth,South,2\n",
       "areas.csv:1: field 'registered': missing column: stage 'roll' ("},
  };
  for (const auto& [areas, message] : cases) {
    const std::string s = scenario(areas);
    write("v.csv", votes_);
    for (const std::string& command : {"validate " + s, "allocate --scenario " + s + " v.csv"}) {
      const Outcome o = seatcast(command);
      EXPECT_EQ(o.status, 2) << areas;
      EXPECT_NE(o.err.find(message), std::string::npos) << o.err;
      EXPECT_EQ(o.out, "") << command;
    }
  }
  // At the nation without any level's rolls: the stage needs registered_voters.
  const std::string n = scenario("area,name,seats\nnorth,North,3\nsouth,South,2\n", "", 0.05);
  const Outcome o = seatcast("validate " + n);
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("field 'body[0].stages[0].registered_voters': required with "
                       "threshold_base = \"registered\", or a `registered` column"),
            std::string::npos)
      << o.err;
}

// Magnitudes from the counted votes: seats = { total = 5, method = "hare", by = "votes" }
// with north's 860 and south's 210 valid votes: quota 214: 4 r4 and 0 r210, so the
// fifth seat goes to south; D'Hondt then gives north a 2, b 1, c 1 (400 250 210 200).
TEST_F(AllocateScenario, MagnitudesFromTheCountedVotes) {
  write("areas.csv", "area,name\nnorth,North\nsouth,South\n");
  const std::string level = R"([[body.levels]]
id = "region"
areas = "areas.csv"
seats = { total = 5, method = "hare", by = "votes" }
[[body.stages]]
type = "allocate"
id = "seats"
level = "region"
method = "dhondt"
)";
  const std::string head = R"(
[[options]]
id = "a"
[[options]]
id = "b"
[[options]]
id = "c"
[model]
type = "dirichlet"
total_votes = 1000
sample_size = 100
[model.percent]
a = 45
b = 40
c = 15
[[body]]
id = "house"
)";
  write("m.toml", head + level);
  write("v.csv",
        "area,option,votes\nnorth,a,400\nnorth,b,250\nnorth,c,210\nsouth,a,150\nsouth,b,60\n");
  Outcome o = seatcast("allocate --scenario m.toml v.csv --format json");
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_NE(o.out.find("\"magnitudes\": {\"region\": {\"north\": 4, \"south\": 1}}"),
            std::string::npos)
      << o.out;
  EXPECT_NE(o.out.find("\"areas\": {\"north\": {\"a\": 2, \"b\": 1, \"c\": 1}, \"south\": {\"a\": "
                       "1, \"b\": 0}}"),
            std::string::npos)
      << o.out;
  // Bad spellings and files, each naming its file, line and field.
  const std::pair<std::string, std::string> cases[] = {
      {"seats = { total = 5, method = \"hare\", by = \"votes\" }",
       "areas.csv:1: field 'seats': the level computes its magnitudes"},
      {"seats = { total = 5, method = \"hare\", by = \"population\" }",
       "areas.csv:1: field 'population': missing column: level 'region' gives its seats by "
       "population"},
      {"seats = { total = 5, method = \"hare\", by = \"turnout\" }",
       "field 'body[0].levels[0].seats.by': unknown area size 'turnout'"},
      {"seats = { total = 0, method = \"hare\" }",
       "field 'body[0].levels[0].seats.total': must be from 1 to 10000"},
      {"seats = { total = 5, method = \"hair\" }",
       "field 'body[0].levels[0].seats.method': unknown method 'hair' (expected hare, "
       "hare-rounded,"},
  };
  for (const auto& [line, message] : cases) {
    std::string l = level;
    l.replace(l.find("seats = {"), l.find('\n', l.find("seats = {")) - l.find("seats = {"), line);
    write("areas.csv", message.find("'seats'") != std::string::npos
                           ? "area,name,seats\nnorth,North,3\nsouth,South,2\n"
                           : "area,name\nnorth,North\nsouth,South\n");
    write("m.toml", head + l);
    o = seatcast("validate m.toml");
    EXPECT_EQ(o.status, 2) << line;
    EXPECT_NE(o.err.find(message), std::string::npos) << o.err;
  }
}

// Two levels that partition the nation each (neither above the other): counted votes
// of the finest areas cannot reach the other level, whose seats went by the rule for no
// votes at all (an even split) without a word; refused instead.
TEST_F(AllocateScenario, ALevelBesideTheFinestIsRefusedForCountedVotes) {
  write("regions.csv", "area,name,seats\nr1,R1,3\nr2,R2,2\n");
  const std::string s =
      body("area,name,seats\nnorth,North,3\nsouth,South,2\n",
           "[[body.levels]]\nid = \"other\"\nareas = \"regions.csv\"\n"
           "[[body.stages]]\ntype = \"allocate\"\nid = \"others\"\nlevel = \"other\"\n"
           "method = \"dhondt\"\n");
  write("v.csv", "area,option,votes\nnorth,a,600\nnorth,b,300\nsouth,a,10\nsouth,b,90\n");
  ASSERT_EQ(seatcast("validate " + s).status, 0);  // fine for simulation: each level is drawn
  const Outcome o = seatcast("allocate --scenario " + s + " v.csv");
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("v.csv: field 'area': counted votes are given for the areas of body "
                       "house's finest level 'region' and added up into the levels above it; "
                       "level 'other', which a stage reads, is not one of them"),
            std::string::npos)
      << o.err;
  EXPECT_EQ(o.out, "");
}

TEST_F(AllocateScenario, OneTierFlagsAreRefusedWithAScenario) {
  const std::string s = body();
  write("v.csv", "area,option,votes\nnorth,a,1\nsouth,a,1\n");
  const Outcome o = seatcast("allocate --scenario " + s + " v.csv --method hare");
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("--method"), std::string::npos) << o.err;
}

// Districts: counted candidates' votes decide each district; a districts tier is given
// whole or not at all.
TEST_F(AllocateScenario, CountedDistrictsAreWholeOrAbsent) {
  std::string votes = slurp(source("scenarios/kz/data/mazhilis-2023-votes.csv"));
  write("some.csv", votes + "1,amanat,900\n1,self_nominated,1000\n");
  const std::string kz = quote(source("scenarios/kz/mazhilis-2023.toml"));
  Outcome o = seatcast("allocate --scenario " + kz + " some.csv");
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("some.csv: field 'area': no votes for district '2'"), std::string::npos)
      << o.err;
  for (int d = 1; d <= 29; ++d)
    votes += std::to_string(d) + ",amanat,900\n" + std::to_string(d) + ",self_nominated," +
             (d <= 7 ? "1000" : "800") + "\n";
  write("all.csv", votes);
  o = seatcast("allocate --scenario " + kz + " all.csv");
  ASSERT_EQ(o.status, 0) << o.err;
  // 40 list seats and 22 districts for Amanat, 7 districts for the self-nominated.
  EXPECT_NE(o.out.find("total,amanat,62\n"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("total,self_nominated,7\n"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("1,self_nominated,1\n"), std::string::npos) << o.out;
}

// The presets as a user runs them: the official Spanish result from the command line.
TEST_F(AllocateScenario, SpainOfficialTotalsFromTheCommandLine) {
  const Outcome o =
      seatcast("allocate --scenario " + quote(source("scenarios/es/congreso-2023.toml")) + " " +
               quote(source("scenarios/es/data/congreso-2023-votes.csv")));
  ASSERT_EQ(o.status, 0) << o.err;
  for (const char* row : {"total,pp,137\n", "total,psoe,121\n", "total,vox,33\n",
                          "total,sumar,31\n", "28-madrid,pp,16\n", "51-ceuta,pp,1\n"})
    EXPECT_NE(o.out.find(row), std::string::npos) << row;
}

}  // namespace
}  // namespace seatcast::testing
