#pragma once
// One counter-based Philox4x32-10 stream per run (Random123). Every transform from raw bits to a
// distribution is written here and in docs/MODEL.md ("Random draws"), so results do not depend on the
// standard library.
#include <array>
#include <cstdint>

namespace teamsim {

/// A reproducible random stream: Philox4x32-10 keyed by the run's 64-bit seed, counter from 0.
/// Each block yields four 32-bit words, consumed in order. Blocks are generated kBlocks at a time (the
/// counter is known in advance), so the stream is the same word for word; only the work is batched.
class Rng {
 public:
  explicit Rng(std::uint64_t seed = 0);

  /// Next raw 32-bit word.
  std::uint32_t next_u32() {
    if (used_ == kWords) refill();
    ++words_;
    return buffer_[static_cast<std::size_t>(used_++)];
  }
  /// Uniform double in [0, 1) with 53 random bits: (a >> 5) * 2^26 + (b >> 6), times 2^-53.
  double uniform() {
    if (used_ + 2 > kWords) return uniform_across();
    const std::uint64_t a = buffer_[static_cast<std::size_t>(used_)] >> 5;
    const std::uint64_t b = buffer_[static_cast<std::size_t>(used_) + 1] >> 6;
    used_ += 2;
    words_ += 2;
    return static_cast<double>((a << 26) | b) * 0x1.0p-53;
  }
  /// True with probability p (uniform() < p); consumes one uniform for every call.
  bool bernoulli(double p) { return uniform() < p; }
  /// Uniform integer in [0, n), n >= 1, by Lemire's multiply-shift with rejection.
  std::uint32_t below(std::uint32_t n);
  /// Standard normal by Box–Muller (two uniforms, cosine branch only; no caching).
  double normal();

  /// Number of 32-bit words drawn so far (for diagnostics and tests).
  std::uint64_t words_drawn() const { return words_; }

 private:
  static constexpr int kBlocks = 8;           // Philox blocks generated per refill
  static constexpr int kWords = 4 * kBlocks;  // words in the buffer
  void refill();
  double uniform_across();  // uniform() when its two words straddle a refill
  std::array<std::uint32_t, 2> key_{};
  std::array<std::uint32_t, 4> counter_{};  // counter of the next block to generate
  std::array<std::uint32_t, kWords> buffer_{};
  int used_ = kWords;
  std::uint64_t words_ = 0;
};

}  // namespace teamsim
