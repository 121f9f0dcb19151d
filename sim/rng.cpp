#include "rng.hpp"

#include <Random123/philox.h>

#include <cmath>
#include <numbers>

namespace teamsim {

Rng::Rng(std::uint64_t seed)
    : key_{static_cast<std::uint32_t>(seed & 0xffffffffu), static_cast<std::uint32_t>(seed >> 32)} {}

void Rng::refill() {
  r123::Philox4x32 philox;
  const r123::Philox4x32::key_type key = {{key_[0], key_[1]}};
  for (std::size_t b = 0; b < static_cast<std::size_t>(kBlocks); ++b) {
    const r123::Philox4x32::ctr_type ctr = {{counter_[0], counter_[1], counter_[2], counter_[3]}};
    const auto out = philox(ctr, key);
    for (std::size_t i = 0; i < 4; ++i) buffer_[4 * b + i] = out.v[i];
    // 128-bit counter increment, little-endian words.
    for (auto& word : counter_) {
      if (++word != 0) break;
    }
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
