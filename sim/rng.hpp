#pragma once
// One counter-based Philox4x32-10 stream per run (Random123). Every transform from raw bits to a
// distribution is written here and in docs/MODEL.md ("Random draws"), so results do not depend on the
// standard library.
#include <array>
#include <cstdint>

namespace teamsim {

/// A reproducible random stream: Philox4x32-10 keyed by the run's 64-bit seed, counter from 0.
/// Each block yields four 32-bit words, consumed in order.
class Rng {
 public:
  explicit Rng(std::uint64_t seed = 0);

  /// Next raw 32-bit word.
  std::uint32_t next_u32();
  /// Uniform double in [0, 1) with 53 random bits: (a >> 5) * 2^26 + (b >> 6), times 2^-53.
  double uniform();
  /// True with probability p (uniform() < p); consumes one uniform for every call.
  bool bernoulli(double p) { return uniform() < p; }
  /// Uniform integer in [0, n), n >= 1, by Lemire's multiply-shift with rejection.
  std::uint32_t below(std::uint32_t n);
  /// Standard normal by Box–Muller (two uniforms, cosine branch only; no caching).
  double normal();

  /// Number of 32-bit words drawn so far (for diagnostics and tests).
  std::uint64_t words_drawn() const { return words_; }

 private:
  void refill();
  std::array<std::uint32_t, 2> key_{};
  std::array<std::uint32_t, 4> counter_{};
  std::array<std::uint32_t, 4> block_{};
  int used_ = 4;
  std::uint64_t words_ = 0;
};

}  // namespace teamsim
