#include "engine/io/percent.h"

#include <cmath>
#include <cstdio>

namespace seatcast {

namespace {
std::string format(const char* spec, double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, spec, x);
  return buf;
}
}  // namespace

std::optional<std::string> percent_sum_problem(double sum, PercentSum rule, double tolerance) {
  const std::string prefix = "the percentages sum to " + format("%.2f", sum);
  const std::string within = format("%g", tolerance);
  if (sum > 0 && sum <= 1.5) return prefix + ": write percent (32 for 32%), not fractions of 1";
  if (rule == PercentSum::complete) {
    if (std::abs(sum - 100) > tolerance) return prefix + "; they must sum to 100 within " + within;
    return std::nullopt;
  }
  if (sum > 100 + tolerance)
    return prefix + "; they must sum to at most 100 (within " + within + ")";
  if (!(sum > 0)) return prefix + "; at least one must be positive";
  return std::nullopt;
}

}  // namespace seatcast
