// Percentages a user writes by hand (a poll row, a district's baselines, a
// [model.percent] or [body.electorate.percent] table) all pass one check with one
// message, so the same mistake is never refused in one file and silently normalised in
// another.
#pragma once

#include <optional>
#include <string>

namespace seatcast {

// Percentage points a sum of rounded figures may miss 100 by (three options rounded to
// one decimal can be off by 0.15; published tables by a few tenths).
inline constexpr double kPercentSumTolerance = 0.5;

enum class PercentSum {
  complete,  // every option is given: the sum must be 100
  partial,   // some options may be missing (a poll row, a district): at most 100
};

// Nothing when `sum` (of percentages) is acceptable under `rule`; otherwise the message
// for the user, naming the sum and the tolerance, e.g. "the percentages sum to 130.00;
// they must sum to 100 within 0.5". A positive sum of at most 1.5 is read as shares
// written as fractions (0.32 for 32%): nobody's percentages of a whole vote sum to so
// little, and reading them as percent would give wrong seats without a word.
// `tolerance` widens the check for rows of many rounded figures (a poll of eight parties
// rounded to whole points can sum to 104).
std::optional<std::string> percent_sum_problem(double sum, PercentSum rule,
                                               double tolerance = kPercentSumTolerance);

}  // namespace seatcast
