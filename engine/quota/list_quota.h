// Party lists and the list quota. A list is an ordered list of candidates with group
// flags (woman, youth, disability). The quota rule: of the seats a party wins, at least
// ceil(share x seats) go to members of the groups, a person in several groups counted
// once (Kazakhstan: 30% for women, youth and persons with disabilities taken together).
//
// Who takes the seats is the party's choice; the law sets no placement rule. The model
// (documented, replaceable): list order with the fewest promotions. The first `seats`
// candidates are seated; when they hold too few group members, the lowest-placed seated
// non-members give way to the highest-placed unseated members, one for one. A party that
// wins more seats than it has candidates leaves the rest vacant.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace seatcast {

struct Candidate {
  bool woman = false;
  bool youth = false;
  bool disability = false;
  bool group() const { return woman || youth || disability; }
};

// A list with its prefix counts, so seating is O(1) per party per draw.
class PartyList {
 public:
  explicit PartyList(std::vector<Candidate> candidates);

  // A list of `length` candidates whose group members and women are spread evenly at
  // the given shares (women are group members; group_share >= women_share).
  static PartyList generate(int length, double group_share, double women_share);
  // From flags, one string per candidate: letters w, y, d (e.g. "wy"); "" or "-": none.
  static PartyList from_flags(const std::vector<std::string>& flags);

  int length() const { return static_cast<int>(candidates_.size()); }
  int group_members() const { return static_cast<int>(group_rank_women_.size()) - 1; }
  const std::vector<Candidate>& candidates() const { return candidates_; }

  struct Seating {
    int seated = 0;    // candidates who take seats (<= length)
    int vacant = 0;    // seats won beyond the list's length
    int group = 0;     // group members among the seated
    int women = 0;     // women among the seated
    int promoted = 0;  // group members moved up past the list order
    bool quota_met = true;
  };

  // Seats `seats` candidates under a quota of `need` group members (the caller computes
  // it from the seats that can be filled, min(seats, length)).
  Seating seat(int seats, int need) const;

 private:
  std::vector<Candidate> candidates_;
  std::vector<int> group_prefix_;      // group members among the first k candidates
  std::vector<int> women_prefix_;      // women among the first k candidates
  std::vector<int> group_rank_women_;  // women among the first k group members
};

// ceil(share x seats), exactly for shares with up to nine decimals.
int quota_need(double share, int seats);

}  // namespace seatcast
