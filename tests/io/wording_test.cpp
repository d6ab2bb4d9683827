// The shared wording helpers: the edit distance behind every "did you mean", and the
// count reader behind -n 1e5 and `draws = 1e5`.
#include <gtest/gtest.h>

#include "engine/io/numbers.h"
#include "engine/io/wording.h"

namespace seatcast {
namespace {

TEST(EditDistance, CountsInsertionsDeletionsSubstitutionsAndSwaps) {
  EXPECT_EQ(edit_distance("dhondt", "dhondt"), 0u);
  EXPECT_EQ(edit_distance("dhont", "dhondt"), 1u);  // a letter left out
  EXPECT_EQ(edit_distance("--draw", "--draws"), 1u);
  EXPECT_EQ(edit_distance("hrae", "hare"), 1u);  // two letters swapped
  EXPECT_EQ(edit_distance("saint-lague", "sainte-lague"), 1u);
  EXPECT_EQ(edit_distance("DHondt", "dhondt"), 0u);  // case is no slip
  EXPECT_EQ(edit_distance("", "adams"), 5u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
}

TEST(NearestName, SuggestsOnlyWhatIsClose) {
  const std::vector<std::string> methods = {
      "hare", "droop", "dhondt", "sainte-lague", "modified-sainte-lague", "danish", "adams"};
  EXPECT_EQ(nearest_name("dhont", methods), "dhondt");
  EXPECT_EQ(nearest_name("d'hondt", methods), "dhondt");
  EXPECT_EQ(nearest_name("sainte-lagüe", methods), "sainte-lague");
  EXPECT_EQ(nearest_name("modified", methods), "modified-sainte-lague");  // cut short
  EXPECT_EQ(nearest_name("webster", methods), std::nullopt);
  EXPECT_EQ(nearest_name("x", methods), std::nullopt);
  // One wrong letter of two is half the name: "-x" is no "-n".
  EXPECT_EQ(nearest_name("-x", {"-n", "-s", "-t"}), std::nullopt);
  EXPECT_EQ(nearest_name("-N", {"-n", "-s", "-t"}), "-n");
  // "sainte" begins two names once "modified-" is not required: no guess between them.
  EXPECT_EQ(nearest_name("sain", {"sainte-lague", "sainte-lague-modified"}), std::nullopt);
}

TEST(UnknownName, SaysTheNearestAndListsTheKnown) {
  EXPECT_EQ(unknown_name("method", "dhont", {"hare", "dhondt"}),
            "unknown method 'dhont'; did you mean 'dhondt'? (expected hare, dhondt)");
  EXPECT_EQ(unknown_name("method", "webster", {"hare", "dhondt"}),
            "unknown method 'webster' (expected hare, dhondt)");
}

TEST(CountOf, IsSingularForOne) {
  EXPECT_EQ(count_of(1, "seat"), "1 seat");
  EXPECT_EQ(count_of(0, "seat"), "0 seats");
  EXPECT_EQ(count_of(69, "list seat"), "69 list seats");
}

TEST(ParseCount, ReadsDigitsAndWholeExponentForms) {
  const std::uint64_t most = 1'000'000'000'000;
  EXPECT_EQ(parse_count("100000", 1, most).value, 100000u);
  EXPECT_EQ(parse_count("1e5", 1, most).value, 100000u);
  EXPECT_EQ(parse_count("2.5e6", 1, most).value, 2500000u);
  EXPECT_EQ(parse_count("1E12", 1, most).value, most);
  EXPECT_EQ(parse_count("+3", 1, most).value, 3u);
  EXPECT_EQ(parse_count("1.50e1", 1, most).value, 15u);
  EXPECT_EQ(parse_count("250000e-2", 1, most).value, 2500u);
  EXPECT_EQ(parse_count("1.0000000000001e12", 1, 2 * most).error,
            "'1.0000000000001e12' is not a whole number (a count is written 100000, 1e5 or "
            "2.5e6)");
  EXPECT_EQ(parse_count("1.5e0", 1, most).error,
            "'1.5e0' is not a whole number (a count is written 100000, 1e5 or 2.5e6)");
  EXPECT_EQ(parse_count("-5", 1, most).error,
            "'-5' is negative: the count must be from 1 to 10^12");
  EXPECT_EQ(parse_count("1e13", 1, most).error,
            "'1e13' is more than 10^12: the count must be from 1 to 10^12");
  EXPECT_EQ(parse_count("99999999999999999999999", 1, most).error,
            "'99999999999999999999999' is more than 10^12: the count must be from 1 to 10^12");
  // An exponent no count needs is not read digit by digit.
  EXPECT_EQ(parse_count("1e999999999", 1, most).error.substr(0, 30),
            "'1e999999999' is not a whole n");
  EXPECT_EQ(parse_count("0", 1, most).error,
            "'0' is less than 1: the count must be from 1 to 10^12");
  for (const char* bad : {"", "e5", "1e", "1.2.3", "0x10", "1e5.0", "nan", "inf", " 5"})
    EXPECT_NE(parse_count(bad, 1, most).error, "") << bad;
}

TEST(CountFromReal, AcceptsWholeFloats) {
  EXPECT_EQ(count_from_real(1e5, 1, 1'500'000).value, 100000u);
  EXPECT_EQ(count_from_real(1.5, 1, 1'500'000).error,
            "'1.5' is not a whole number (a count is written 100000, 1e5 or 2.5e6)");
  EXPECT_EQ(count_from_real(-1e5, 1, 1'500'000).error,
            "'-100000' is negative: the count must be from 1 to 1500000");
  EXPECT_EQ(count_from_real(2e6, 1, 1'500'000).error,
            "'2000000' is more than 1500000: the count must be from 1 to 1500000");
  EXPECT_EQ(count_from_real(1e7, 1, 10'000'000).value, 10'000'000u);
  EXPECT_EQ(count_from_real(2e7, 1, 10'000'000).error,
            "'20000000' is more than 10^7: the count must be from 1 to 10^7");
}

}  // namespace
}  // namespace seatcast
