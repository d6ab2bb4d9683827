// Prior seats in a divisor method: the Scottish Parliament's regional seats of 6 May 2021
// (Scotland Act 1998 ss. 6-8: in each of 8 regions, 7 seats by D'Hondt with each list's
// votes divided by its constituency seats in the region + 1, then + 1 per regional seat).
// Official list votes in, official regional seats out, for the five regions whose list
// votes are sourced (scenarios/gb-sct/data/SOURCES.md: Central Scotland from the Regional
// Returning Officer's declaration, the others from secondary copies; Glasgow, Lothian and
// West Scotland are left out: no sourced list votes). In South Scotland and the Highlands
// and Islands the copies stop before the smallest lists; the official seats show none of
// those won a seat, and a D'Hondt allocation is unchanged by removing lists that won no
// seat, so the lists present decide the same seats.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "engine/io/csv.h"
#include "engine/rules/apportionment.h"

namespace seatcast {
namespace {

const std::string kData = std::string(SEATCAST_SOURCE_DIR) + "/scenarios/gb-sct/data/";

struct Region {
  std::map<std::string, Votes> votes;         // list votes
  std::map<std::string, int> constituencies;  // constituency seats won in the region
  std::map<std::string, int> official;        // official regional seats
};

std::map<std::string, Region> read_regions() {
  std::map<std::string, std::string> region_of;
  const CsvTable areas = read_csv(kData + "parliament-2021-areas.csv");
  for (const CsvRow& r : areas.rows)
    region_of[r.fields[areas.require("area")]] = r.fields[areas.require("parent")];
  std::map<std::string, Region> out;
  const CsvTable votes = read_csv(kData + "parliament-2021-votes.csv");
  for (const CsvRow& r : votes.rows)
    if (r.fields[votes.require("ballot")] == "list")
      out[r.fields[votes.require("area")]].votes[r.fields[votes.require("option")]] =
          std::stoll(r.fields[votes.require("votes")]);
  const CsvTable seats = read_csv(kData + "parliament-2021-seats.csv");
  for (const CsvRow& r : seats.rows) {
    const std::string& area = r.fields[seats.require("area")];
    const std::string& tier = r.fields[seats.require("tier")];
    const std::string& option = r.fields[seats.require("option")];
    const int n = std::stoi(r.fields[seats.require("seats")]);
    if (tier == "constituency") out[region_of.at(area)].constituencies[option] += n;
    if (tier == "region") out[area].official[option] += n;
  }
  return out;
}

TEST(RealAdditionalMember, ScottishParliament2021Regions) {
  const std::map<std::string, Region> regions = read_regions();
  ASSERT_EQ(regions.size(), 8u);
  const Apportionment dhondt(Method::dhondt);
  ApportionmentScratch scratch;
  int checked = 0, constituencies = 0;
  for (const auto& [id, region] : regions) {
    for (const auto& [party, n] : region.constituencies) constituencies += n;
    if (region.votes.empty()) continue;  // Glasgow, Lothian, West Scotland: not sourced
    std::vector<std::string> lists;
    std::vector<Votes> votes;
    std::vector<int> prior;
    for (const auto& [option, v] : region.votes) {
      lists.push_back(option);
      votes.push_back(v);
      prior.push_back(region.constituencies.count(option) ? region.constituencies.at(option) : 0);
    }
    // Every constituency winner's party stands on the list too, or its seats would be lost.
    for (const auto& [party, n] : region.constituencies) EXPECT_TRUE(region.votes.count(party));
    std::vector<int> seats(lists.size());
    dhondt.allocate(votes, 7, seats, scratch, {}, nullptr, prior);
    std::map<std::string, int> got;
    for (std::size_t i = 0; i < lists.size(); ++i)
      if (seats[i] > 0) got[lists[i]] = seats[i];
    EXPECT_EQ(got, region.official) << id;
    ++checked;
  }
  EXPECT_EQ(checked, 5);
  EXPECT_EQ(constituencies, 73);
}

// Without the constituency seats the regional seats go another way: the SNP, which won
// most constituencies, would take regional seats in every checked region.
TEST(RealAdditionalMember, WithoutPriorSeatsTheSnpWouldWinRegionalSeats) {
  const std::map<std::string, Region> regions = read_regions();
  const Apportionment dhondt(Method::dhondt);
  ApportionmentScratch scratch;
  int snp = 0;
  for (const auto& [id, region] : regions) {
    if (region.votes.empty()) continue;
    std::vector<Votes> votes;
    std::vector<std::string> lists;
    for (const auto& [option, v] : region.votes) {
      lists.push_back(option);
      votes.push_back(v);
    }
    std::vector<int> seats(lists.size());
    dhondt.allocate(votes, 7, seats, scratch);
    for (std::size_t i = 0; i < lists.size(); ++i)
      if (lists[i] == "snp") snp += seats[i];
  }
  EXPECT_GE(snp, 5 * 2);
}

}  // namespace
}  // namespace seatcast
