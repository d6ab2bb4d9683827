#include "engine/io/wording.h"

#include <algorithm>
#include <cctype>

namespace seatcast {

namespace {
char lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}
}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Three rows of the dynamic programme: the swap looks two rows back.
  const std::size_t n = b.size();
  std::vector<std::size_t> two(n + 1), one(n + 1), row(n + 1);
  for (std::size_t j = 0; j <= n; ++j) one[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    row[0] = i;
    for (std::size_t j = 1; j <= n; ++j) {
      const bool same = lower(a[i - 1]) == lower(b[j - 1]);
      row[j] = std::min({one[j] + 1, row[j - 1] + 1, one[j - 1] + (same ? 0 : 1)});
      if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
          lower(a[i - 2]) == lower(b[j - 1]))
        row[j] = std::min(row[j], two[j - 2] + 1);
    }
    std::swap(two, one);
    std::swap(one, row);
  }
  return one[n];
}

std::optional<std::string> nearest_name(std::string_view name,
                                        const std::vector<std::string>& known) {
  const std::string* best = nullptr;
  // Close: at most a third of the name wrong (one slip in a short name), and never half
  // of it, so "-x" suggests nothing rather than any one-letter option.
  const std::size_t most = std::max<std::size_t>(1, name.size() / 3);
  std::size_t best_distance = most + 1;
  for (const std::string& k : known) {
    const std::size_t d = edit_distance(name, k);
    if (d < best_distance && 2 * d < name.size()) {
      best = &k;
      best_distance = d;
    }
  }
  if (best) return *best;
  // A name cut short ("--thr", "sainte"): the one known name it begins, if only one.
  if (name.size() < 3) return std::nullopt;
  for (const std::string& k : known)
    if (k.size() > name.size() && edit_distance(name, k.substr(0, name.size())) == 0) {
      if (best) return std::nullopt;
      best = &k;
    }
  return best ? std::optional<std::string>(*best) : std::nullopt;
}

std::string unknown_name(std::string_view what, std::string_view name,
                         const std::vector<std::string>& known) {
  std::string out;
  out.append("unknown ").append(what).append(" '").append(name).append("'");
  if (const auto near = nearest_name(name, known))
    out.append("; did you mean '").append(*near).append("'?");
  out.append(" (expected ");
  for (std::size_t i = 0; i < known.size(); ++i) out.append(i ? ", " : "").append(known[i]);
  return out.append(")");
}

std::string count_of(std::uint64_t n, std::string_view word) {
  std::string out = std::to_string(n);
  out.append(" ").append(word);
  if (n != 1) out.append("s");
  return out;
}

}  // namespace seatcast
