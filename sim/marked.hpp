#pragma once
// Visiting the dimensions that meet a condition, in ascending order, without a branch per dimension: the
// condition is gathered into 64-bit masks first, then only the set bits are visited. The work and learning
// stages draw a random number for some dimensions only (docs/MODEL.md 8.2); which ones is data that a
// branch predictor cannot learn, and a mispredicted branch per dimension cost more than the draws.
#include <bit>
#include <cstdint>

namespace teamsim {

/// Calls visit(k) for every k in [0, count) with marked(k) true, k ascending. marked(k) is evaluated for
/// every k before the visits of its block of 64, so visit must not change what marked reads at a later k.
template <class Marked, class Visit>
void for_each_marked(int count, Marked&& marked, Visit&& visit) {
  for (int base = 0; base < count; base += 64) {
    const int end = count - base < 64 ? count : base + 64;
    std::uint64_t mask = 0;
    for (int k = base; k < end; ++k) mask |= static_cast<std::uint64_t>(marked(k) ? 1 : 0) << (k - base);
    while (mask != 0) {
      visit(base + std::countr_zero(mask));
      mask &= mask - 1;
    }
  }
}

}  // namespace teamsim
