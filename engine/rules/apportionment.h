// Apportionment: share a number of seats among lists in proportion to their votes.
// Every method works on whole votes with exact integer arithmetic: comparisons of
// quotients are cross-multiplied in 128-bit integers, so no floating-point rounding
// ever decides a seat (exact for votes up to 10^12 and up to 1,000 seats).
//
// Largest remainder (quota) methods: each list gets floor(v / q) seats, seats left go
// to the largest remainders.
//   hare               q = V / S
//   hare-rounded       q = V / S rounded to the nearest whole number, halves up (at
//                      least 1): a quota the law states as a whole number of votes
//                      (Czechia's "republikové mandátové číslo", zákon 247/1995 Sb. §48)
//   droop              q = floor(V / (S + 1)) + 1
//   hagenbach-bischoff q = V / (S + 1)
//   imperiali-quota    q = V / (S + 2)
// Divisor (highest averages) methods: seat after seat goes to the list with the largest
// v / d(s), s the seats it holds so far.
//   dhondt                d(s) = s + 1
//   sainte-lague          d(s) = 2s + 1
//   modified-sainte-lague d(0) = first divisor (1.4 by default), d(s) = 2s + 1 after
//   danish                d(s) = 3s + 1
//   imperiali             d(s) = (s + 2) / 2
//   huntington-hill       d(s) = sqrt(s (s + 1))   (d(0) = 0: every list with votes first)
//   adams                 d(s) = s                 (d(0) = 0: every list with votes first)
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/ballot/ballot.h"

namespace seatcast {

enum class Method : std::uint8_t {
  hare,
  hare_rounded,
  droop,
  hagenbach_bischoff,
  imperiali_quota,
  dhondt,
  sainte_lague,
  modified_sainte_lague,
  danish,
  imperiali,
  huntington_hill,
  adams,
};

std::optional<Method> parse_method(std::string_view text);  // "hare", "dhondt", ...
std::vector<std::string> method_names();                    // every name parse_method knows
std::string_view to_string(Method method);
bool is_largest_remainder(Method method);

// How a tie for the last seat(s) is settled.
enum class TieRule : std::uint8_t {
  registration_order,  // the earlier-registered list wins (Kazakhstan, Art. 97-1)
  lot,                 // a seeded, reproducible lot
  refuse,              // report the tie and allocate nothing further
  // The tied list with more votes wins (Spain, LOREG art. 163.1.c); equal votes: the lot.
  more_votes,
  // The tied list with fewer votes wins (Portugal, Lei Eleitoral da AR art. 16); equal
  // votes: the lot.
  fewer_votes,
};

std::optional<TieRule> parse_tie_rule(std::string_view text);
std::string_view to_string(TieRule rule);
std::vector<std::string> tie_rule_names();  // every name parse_tie_rule knows

struct TieBreak {
  TieRule rule = TieRule::registration_order;
  std::uint64_t lot_key = 0;  // for the lot (TieRule::lot, equal votes under more/fewer_votes)
};

// A tie that decided a seat: the lists (indices into the votes span) that had equal
// claims on seat number `seat` (0-based, in the order the method hands out seats),
// when fewer seats were left than tied lists.
struct Tie {
  int seat = 0;
  std::vector<int> lists;
};

struct AllocationOutcome {
  bool tie = false;      // a tie decided at least one seat
  bool refused = false;  // TieRule::refuse met a tie: seats_out holds the seats decided before it
};

// Working memory for allocate(): sized once, reused for every draw (no allocation in
// the hot loop once it has grown to the largest call).
struct ApportionmentScratch {
  std::vector<std::int64_t> a;
  std::vector<std::int64_t> b;
  std::vector<int> order;
  std::vector<int> floor;  // divisor methods with prior seats
};

class Apportionment {
 public:
  // first_divisor is used by modified-sainte-lague only.
  explicit Apportionment(Method method, double first_divisor = 1.4);

  Method method() const { return method_; }

  // Distributes `seats` seats among the lists whose votes are given (registration
  // order, votes >= 0) and writes each list's seats to seats_out (same length).
  // Lists with zero votes win no seats unless no list has votes. When `ties` is not
  // null, every tie that decided a seat is appended to it (for reports, not the hot loop).
  // prior (divisor methods only; empty: none): the seats each list won before, in another
  // tier; its divisors start after them (D'Hondt from seats + 1: the additional member
  // system of Scotland and Wales). seats_out gets the new seats only: the same as handing
  // the seats out one by one to the largest votes / d(prior + seats so far).
  AllocationOutcome allocate(std::span<const Votes> votes, int seats, std::span<int> seats_out,
                             ApportionmentScratch& scratch, const TieBreak& tie_break = {},
                             std::vector<Tie>* ties = nullptr,
                             std::span<const int> prior = {}) const;

 private:
  Method method_;
  std::int64_t first_num_ = 7;  // modified Sainte-Laguë first divisor as a fraction
  std::int64_t first_den_ = 5;
};

}  // namespace seatcast
