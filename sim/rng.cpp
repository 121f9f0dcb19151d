#include "rng.hpp"

#include <cmath>
#include <numbers>

namespace teamsim {

Rng::Rng(std::uint64_t seed)
    : key_{static_cast<std::uint32_t>(seed & 0xffffffffu), static_cast<std::uint32_t>(seed >> 32)} {}

void Rng::refill() {
  // Philox4x32-10 (Salmon et al. 2011, as Random123's philox4x32_R with 10 rounds) on kBlocks consecutive
  // counters at once, lane by lane: the same arithmetic as r123::Philox4x32 per block (rng_test checks it
  // against Random123), laid out so the compiler runs the lanes side by side in vector registers.
  constexpr std::uint32_t kMul0 = 0xD2511F53u, kMul1 = 0xCD9E8D57u;    // round multipliers
  constexpr std::uint32_t kWeyl0 = 0x9E3779B9u, kWeyl1 = 0xBB67AE85u;  // key increments
  std::array<std::uint32_t, kBlocks> c0{}, c1{}, c2{}, c3{};
  for (int b = 0; b < kBlocks; ++b) {
    const auto lane = static_cast<std::size_t>(b);
    c0[lane] = counter_[0];
    c1[lane] = counter_[1];
    c2[lane] = counter_[2];
    c3[lane] = counter_[3];
    // 128-bit counter increment, little-endian words.
    for (auto& word : counter_) {
      if (++word != 0) break;
    }
  }
  std::uint32_t k0 = key_[0], k1 = key_[1];
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      k0 += kWeyl0;
      k1 += kWeyl1;
    }
    for (std::size_t lane = 0; lane < kBlocks; ++lane) {
      const std::uint64_t p0 = static_cast<std::uint64_t>(kMul0) * c0[lane];
      const std::uint64_t p1 = static_cast<std::uint64_t>(kMul1) * c2[lane];
      const auto hi0 = static_cast<std::uint32_t>(p0 >> 32), lo0 = static_cast<std::uint32_t>(p0);
      const auto hi1 = static_cast<std::uint32_t>(p1 >> 32), lo1 = static_cast<std::uint32_t>(p1);
      c0[lane] = hi1 ^ c1[lane] ^ k0;
      c1[lane] = lo1;
      c2[lane] = hi0 ^ c3[lane] ^ k1;
      c3[lane] = lo0;
    }
  }
  for (std::size_t lane = 0; lane < kBlocks; ++lane) {
    buffer_[4 * lane] = c0[lane];
    buffer_[4 * lane + 1] = c1[lane];
    buffer_[4 * lane + 2] = c2[lane];
    buffer_[4 * lane + 3] = c3[lane];
  }
  used_ = 0;
}

double Rng::uniform_across() {
  const std::uint64_t a = next_u32() >> 5;
  const std::uint64_t b = next_u32() >> 6;
  return static_cast<double>((a << 26) | b) * 0x1.0p-53;
}

std::uint32_t Rng::below(std::uint32_t n) {
  // Lemire (2019): unbiased multiply-shift with rejection of the short interval.
  std::uint64_t m = static_cast<std::uint64_t>(next_u32()) * n;
  auto low = static_cast<std::uint32_t>(m);
  if (low < n) {
    const std::uint32_t threshold = (0u - n) % n;
    while (low < threshold) {
      m = static_cast<std::uint64_t>(next_u32()) * n;
      low = static_cast<std::uint32_t>(m);
    }
  }
  return static_cast<std::uint32_t>(m >> 32);
}

double Rng::normal() {
  const double u1 = 1.0 - uniform();  // (0, 1]
  const double u2 = uniform();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

}  // namespace teamsim
