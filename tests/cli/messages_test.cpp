// What seatcast says to a new user who slips (issue 13, items 13 and 14): TOML syntax
// errors that say what was most likely meant, counts in exponent form, and "did you mean"
// for a mistyped option, command or method.
#include <string>

#include "tests/cli/cli_support.h"

namespace seatcast::testing {
namespace {

const std::string kDefault = source("scenarios/kz/mazhilis-2023.toml");
const std::string kBench = source("scenarios/bench/kz-list-dirichlet.toml");

// The text of `path` with the first `from` replaced by `to` (which must be there).
std::string edited(const std::string& path, const std::string& from, const std::string& to) {
  std::string text = slurp(path);
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// Refused with exit 2, nothing written, and the message on standard error.
void expect_refused(const Outcome& o, const std::string& message) {
  EXPECT_EQ(o.status, 2) << o.err;
  EXPECT_EQ(o.out, "");
  EXPECT_NE(o.err.find(message), std::string::npos)
      << "expected\n  " << message << "\nin\n  " << o.err;
}

// --- 13: TOML syntax --------------------------------------------------------------

TEST_F(CliTest, AnUnclosedQuoteIsNamedWithItsLineAndColumn) {
  // mazhilis-2023.toml line 64: name = "Amanat"
  write("bad.toml", edited(kDefault, "name = \"Amanat\"", "name = \"Amanat"));
  expect_refused(seatcast("validate bad.toml"),
                 "seatcast: error: bad.toml:64:15: TOML syntax: Error while parsing string: "
                 "unescaped control characters other than TAB (U+0009) are explicitly prohibited "
                 "(an unclosed quote? a string ends on the line it starts: name = \"Amanat\")");
  // A literal string, and one cut short by the end of the file.
  write("literal.toml", edited(kDefault, "name = \"Amanat\"", "name = 'Amanat"));
  expect_refused(seatcast("validate literal.toml"),
                 "literal.toml:64:15: TOML syntax: Error while parsing literal string: control "
                 "characters other than TAB (U+0009) are explicitly prohibited (an unclosed "
                 "quote? a string ends on the line it starts: name = 'Amanat')");
  write("eof.toml", "[scenario]\nname = \"Nur Otan");
  expect_refused(seatcast("validate eof.toml"),
                 "eof.toml:2:17: TOML syntax: Error while parsing string: encountered "
                 "end-of-file (an unclosed quote? a string ends on the line it starts: "
                 "name = \"Nur Otan\")");
}

TEST_F(CliTest, AnUnquotedWordIsShownWithItsQuotes) {
  write("bad.toml", edited(kDefault, "name = \"Amanat\"", "name = Amanat"));
  expect_refused(seatcast("validate bad.toml"),
                 "seatcast: error: bad.toml:64:8: TOML syntax: Error while parsing value: could "
                 "not determine value type (an unquoted word? strings need quotes: "
                 "name = \"Amanat\")");
  // The whole value up to a comment, in any script.
  write("cyrillic.toml", "[scenario]\nname = Аманат партиясы   # the ruling party\n");
  expect_refused(seatcast("validate cyrillic.toml"),
                 "cyrillic.toml:2:8: TOML syntax: Error while parsing value: could not determine "
                 "value type (an unquoted word? strings need quotes: name = \"Аманат "
                 "партиясы\")");
  // A word that begins like false: toml++ speaks of booleans.
  write("bool.toml", "[[options]]\nid = fidesz\n");
  expect_refused(seatcast("validate bool.toml"),
                 "bool.toml:2:7: TOML syntax: Error while parsing boolean: expected 'false', "
                 "saw 'fi' (an unquoted word? strings need quotes: id = \"fidesz\")");
  // Inside an array: the word alone.
  write("array.toml", "[scenario]\nname = \"x\"\nids = [\"auyl\", amanat]\n");
  expect_refused(seatcast("validate array.toml"),
                 "array.toml:3:16: TOML syntax: Error while parsing value: could not determine "
                 "value type (an unquoted word? strings need quotes: \"amanat\")");
  // A malformed number is no word: no hint.
  write("number.toml", "[run]\ndraws = .5\n");
  const Outcome o = seatcast("validate number.toml");
  expect_refused(o, "number.toml:2:9: TOML syntax: Error while parsing floating-point");
  EXPECT_EQ(o.err.find("unquoted"), std::string::npos) << o.err;
}

// --- 14: counts, "did you mean" -----------------------------------------------------

TEST_F(CliTest, DrawsInExponentFormAreTheSameCount) {
  const Outcome e = seatcast("run " + quote(kBench) + " -n 2.5e3 -s 3 -q -o e.h5");
  ASSERT_EQ(e.status, 0) << e.err;
  const Outcome d = seatcast("run " + quote(kBench) + " -n 2500 -s 3 -q -o d.h5");
  ASSERT_EQ(d.status, 0) << d.err;
  EXPECT_EQ(seatcast("summarize e.h5 --format csv").out,
            seatcast("summarize d.h5 --format csv").out);
  const Outcome s = seatcast("summarize e.h5");
  EXPECT_NE(s.out.find("2500 draws, seed 3"), std::string::npos) << s.out;
  // sweep and backtest read -n the same way.
  const Outcome w = seatcast("sweep " + quote(kBench) + " --threshold 0.05 -n 1e3 -q -o w.h5");
  EXPECT_EQ(w.status, 0) << w.err;
  const Outcome b = seatcast("backtest " + quote(kDefault) + " --truth " +
                             quote(source("scenarios/kz/data/mazhilis-2023-pr-official.csv")) +
                             " -n 1E3 --format csv");
  EXPECT_EQ(b.status, 0) << b.err;
  // 10^12 is the limit: accepted as a count (the run is then refused for its memory or
  // not: either way not for the form), 1e13 is not.
  expect_refused(seatcast("run " + quote(kBench) + " -n 1e13 -q -o x.h5"),
                 "--draws: '1e13' is more than 10^12: the count must be from 1 to 10^12");
}

TEST_F(CliTest, CountsThatAreNotWholeOrNegativeAreRefusedSayingWhy) {
  const std::string run = "run " + quote(kBench) + " -q -o x.h5 -n ";
  expect_refused(seatcast(run + "1.5e0"),
                 "--draws: '1.5e0' is not a whole number (a count is written 100000, 1e5 or "
                 "2.5e6)");
  expect_refused(seatcast(run + "-5"),
                 "--draws: '-5' is negative: the count must be from 1 to "
                 "10^12");
  expect_refused(seatcast(run + "0"), "--draws: '0' is less than 1");
  expect_refused(seatcast(run + "1e5x"), "--draws: '1e5x' is not a whole number");
  expect_refused(seatcast("sweep " + quote(kBench) + " --threshold 0.05 -q -o x.h5 -n 2.5e-1"),
                 "--draws: '2.5e-1' is not a whole number");
  EXPECT_FALSE(std::filesystem::exists(file("x.h5")));
}

TEST_F(CliTest, ScenarioDrawsMayBeWrittenInExponentFormWhenWhole) {
  write("e.toml", edited(kBench, "draws = 1000000", "draws = 2e4"));
  const Outcome ok = seatcast("validate e.toml");
  EXPECT_EQ(ok.status, 0) << ok.err;
  EXPECT_NE(ok.out.find("20000 draws"), std::string::npos) << ok.out;
  write("half.toml", edited(kBench, "draws = 1000000", "draws = 1.5"));
  expect_refused(seatcast("validate half.toml"),
                 "half.toml:14: field 'run.draws': '1.5' is not a whole number");
  write("neg.toml", edited(kBench, "draws = 1000000", "draws = -1e5"));
  expect_refused(seatcast("validate neg.toml"),
                 "neg.toml:14: field 'run.draws': '-100000' is negative: the count must be from 1 "
                 "to 10^12");
  write("text.toml", edited(kBench, "draws = 1000000", "draws = \"many\""));
  expect_refused(seatcast("validate text.toml"),
                 "text.toml:14: field 'run.draws': expected a whole number, found a string");
}

TEST_F(CliTest, AMistypedOptionSuggestsTheNearestOne) {
  const Outcome o = seatcast("run " + quote(kBench) + " --draw 5 -q -o x.h5");
  expect_refused(o, "unknown option '--draw'; did you mean '--draws'?\n");
  EXPECT_NE(o.err.find("The following arguments were not expected"), std::string::npos) << o.err;
  expect_refused(seatcast("run " + quote(kBench) + " --thread=2 -q"),
                 "unknown option '--thread'; did you mean '--threads'?");
  expect_refused(seatcast("allocate x.csv --seatz 3"),
                 "unknown option '--seatz'; did you mean '--seats'?");
  // A misspelt required option is reported missing first; the hint names the slip.
  expect_refused(seatcast("sweep " + quote(kBench) + " --treshold 0.05"),
                 "unknown option '--treshold'; did you mean '--threshold'?");
  // Nothing near: no guess.
  const Outcome far = seatcast("run " + quote(kBench) + " --frobnicate -q");
  EXPECT_EQ(far.status, 2);
  EXPECT_EQ(far.err.find("did you mean"), std::string::npos) << far.err;
}

TEST_F(CliTest, AMistypedCommandSuggestsTheNearestOne) {
  expect_refused(seatcast("runn " + quote(kBench)),
                 "unknown command 'runn'; did you mean 'run'? (expected run, allocate, validate, "
                 "summarize, sweep, merge, backtest)");
  expect_refused(seatcast("summarise out.h5"),
                 "unknown command 'summarise'; did you mean 'summarize'?");
  const Outcome far = seatcast("frobnicate");
  expect_refused(far, "unknown command 'frobnicate' (expected run,");
  EXPECT_EQ(far.err.find("did you mean"), std::string::npos) << far.err;
}

TEST_F(CliTest, AnUnknownMethodSuggestsTheNearestName) {
  const std::string expected =
      "unknown method 'dhont'; did you mean 'dhondt'? (expected hare, hare-rounded, droop, "
      "hagenbach-bischoff, imperiali-quota, dhondt, sainte-lague, modified-sainte-lague, danish, "
      "imperiali, "
      "huntington-hill, adams)";
  write("bad.toml", edited(kBench, "method = \"hare\"", "method = \"dhont\""));
  expect_refused(seatcast("validate bad.toml"),
                 "bad.toml:57: field 'body[0].list_tier.method': " + expected);
  expect_refused(
      seatcast("allocate " + quote(source("scenarios/kz/data/mazhilis-2023-pr-official.csv")) +
               " --seats 69 --method dhont"),
      "field '--method': " + expected);
  expect_refused(seatcast("sweep " + quote(kBench) + " --threshold 0.05 --method hare,dhont"),
                 "--method 'hare,dhont': " + expected);
  expect_refused(
      seatcast("sweep " + quote(kBench) + " --threshold 0.05 --method hare --reference 0.05:Hare_"),
      "unknown method 'Hare_'; did you mean 'hare'?");
  expect_refused(
      seatcast("allocate " + quote(source("scenarios/kz/data/mazhilis-2023-pr-official.csv")) +
               " --seats 69 --method sainte-lague-modified"),
      "unknown method 'sainte-lague-modified' (expected hare,");
}

}  // namespace
}  // namespace seatcast::testing
