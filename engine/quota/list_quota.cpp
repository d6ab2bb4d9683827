#include "engine/quota/list_quota.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace seatcast {

PartyList::PartyList(std::vector<Candidate> candidates) : candidates_(std::move(candidates)) {
  group_prefix_.assign(1, 0);
  women_prefix_.assign(1, 0);
  group_rank_women_.assign(1, 0);
  for (const Candidate& c : candidates_) {
    group_prefix_.push_back(group_prefix_.back() + c.group());
    women_prefix_.push_back(women_prefix_.back() + c.woman);
    if (c.group()) group_rank_women_.push_back(group_rank_women_.back() + c.woman);
  }
}

PartyList PartyList::generate(int length, double group_share, double women_share) {
  if (length < 0) throw std::invalid_argument("list length must not be negative");
  if (!(women_share >= 0 && women_share <= group_share && group_share <= 1))
    throw std::invalid_argument("need 0 <= women_share <= group_share <= 1");
  // Even spread: candidate i is a group member when floor((i + 1) g) > floor(i g), and
  // the k-th group member is a woman by the same pattern at women_share / group_share;
  // members who are not women are counted as youth.
  std::vector<Candidate> out(length);
  auto hit = [](int i, double s) {
    return std::floor((i + 1) * s + 1e-9) > std::floor(i * s + 1e-9);
  };
  const double women_in_group = group_share > 0 ? women_share / group_share : 0;
  for (int i = 0, k = 0; i < length; ++i) {
    if (!hit(i, group_share)) continue;
    out[i].woman = hit(k++, women_in_group);
    out[i].youth = !out[i].woman;
  }
  return PartyList(std::move(out));
}

PartyList PartyList::from_flags(const std::vector<std::string>& flags) {
  std::vector<Candidate> out;
  for (const std::string& f : flags) {
    Candidate c;
    for (char ch : f) {
      if (ch == 'w')
        c.woman = true;
      else if (ch == 'y')
        c.youth = true;
      else if (ch == 'd')
        c.disability = true;
      else if (ch != '-')
        throw std::invalid_argument("candidate flags are letters w, y, d or '-'");
    }
    out.push_back(c);
  }
  return PartyList(std::move(out));
}

PartyList::Seating PartyList::seat(int seats, int need) const {
  Seating s;
  s.seated = std::min(seats, length());
  s.vacant = seats - s.seated;
  const int in_order = group_prefix_[s.seated];
  const int available = group_members() - in_order;  // members below the seated block
  const int non_members = s.seated - in_order;       // who could give way
  s.promoted = std::clamp(need - in_order, 0, std::min(available, non_members));
  s.group = in_order + s.promoted;
  // Those who give way are non-members, so never women; the promoted are the next
  // group members in list order.
  s.women = women_prefix_[s.seated] + group_rank_women_[in_order + s.promoted] -
            group_rank_women_[in_order];
  s.quota_met = s.group >= need;
  return s;
}

int quota_need(double share, int seats) {
  const auto ppb = static_cast<long long>(std::llround(share * 1e9));
  return static_cast<int>((ppb * seats + 999'999'999) / 1'000'000'000);
}

}  // namespace seatcast
