// The random stream (sim/rng.cpp): Philox4x32-10 known answers, reproducibility and the transforms.
#include <catch2/catch.hpp>

#include <Random123/philox.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

#include "rng.hpp"

using teamsim::Rng;

namespace {

// One Philox4x32-10 block straight from Random123.
std::array<std::uint32_t, 4> philox_block(std::array<std::uint32_t, 4> counter, std::uint64_t seed) {
  r123::Philox4x32 philox;
  const r123::Philox4x32::ctr_type ctr = {{counter[0], counter[1], counter[2], counter[3]}};
  const r123::Philox4x32::key_type key = {
      {static_cast<std::uint32_t>(seed & 0xffffffffu), static_cast<std::uint32_t>(seed >> 32)}};
  const auto out = philox(ctr, key);
  return {out.v[0], out.v[1], out.v[2], out.v[3]};
}

}  // namespace

TEST_CASE("Rng matches the Philox4x32-10 known-answer vector", "[rng]") {
  // Random123 tests/kat_vectors: "philox4x32 10", counter 0 and key 0 give 6627e8d5 e169c58d bc57ac4c
  // 9b00dbd8.
  Rng rng(0);
  CHECK(rng.next_u32() == 0x6627e8d5u);
  CHECK(rng.next_u32() == 0xe169c58du);
  CHECK(rng.next_u32() == 0xbc57ac4cu);
  CHECK(rng.next_u32() == 0x9b00dbd8u);
  CHECK(rng.words_drawn() == 4);
}

TEST_CASE("Rng keys Philox with the seed's low word first and counts blocks from 0", "[rng]") {
  const std::uint64_t seed = 0x299f31d0a4093822ull;
  Rng rng(seed);
  for (std::uint32_t block = 0; block < 3; ++block) {
    const auto expected = philox_block({block, 0, 0, 0}, seed);
    for (const std::uint32_t word : expected) CHECK(rng.next_u32() == word);
  }
}

TEST_CASE("Same seed same stream and different seeds different streams", "[rng]") {
  Rng a(42), b(42), c(43);
  int differ = 0;
  for (int i = 0; i < 1000; ++i) {
    const auto x = a.next_u32();
    REQUIRE(x == b.next_u32());
    differ += x != c.next_u32();
  }
  CHECK(differ > 990);
}

TEST_CASE("uniform lies in the unit interval with the moments of U(0 1) and uses two words", "[rng]") {
  Rng rng(7);
  constexpr int kDraws = 200000;
  double sum = 0, sum_sq = 0;
  for (int i = 0; i < kDraws; ++i) {
    const double u = rng.uniform();
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
    sum += u;
    sum_sq += u * u;
  }
  CHECK(rng.words_drawn() == 2u * kDraws);
  const double mean = sum / kDraws;
  const double variance = sum_sq / kDraws - mean * mean;
  // Standard errors: sqrt(1/12 / n) = 6.5e-4 for the mean; 5 SE tolerance.
  CHECK(std::abs(mean - 0.5) < 5 * std::sqrt(1.0 / 12.0 / kDraws));
  CHECK(std::abs(variance - 1.0 / 12.0) < 2e-3);
}

TEST_CASE("uniform follows the documented 53-bit construction", "[rng]") {
  // (a >> 5) * 2^26 + (b >> 6), times 2^-53, from the first two words.
  Rng words(0), rng(0);
  const std::uint64_t a = words.next_u32() >> 5;
  const std::uint64_t b = words.next_u32() >> 6;
  CHECK(rng.uniform() == static_cast<double>((a << 26) | b) * 0x1.0p-53);
}

TEST_CASE("bernoulli hits its probability and respects 0 and 1", "[rng]") {
  Rng rng(11);
  constexpr int kDraws = 100000;
  int hits = 0;
  for (int i = 0; i < kDraws; ++i) hits += rng.bernoulli(0.3);
  const double se = std::sqrt(0.3 * 0.7 / kDraws);
  CHECK(std::abs(hits / static_cast<double>(kDraws) - 0.3) < 5 * se);
  for (int i = 0; i < 1000; ++i) {
    REQUIRE_FALSE(rng.bernoulli(0.0));
    REQUIRE(rng.bernoulli(1.0));
  }
}

TEST_CASE("below is in range and unbiased", "[rng]") {
  Rng rng(3);
  SECTION("a small n: chi-square over the cells") {
    constexpr std::uint32_t kN = 7;
    constexpr int kDraws = 70000;
    std::vector<int> counts(kN, 0);
    for (int i = 0; i < kDraws; ++i) {
      const auto k = rng.below(kN);
      REQUIRE(k < kN);
      ++counts[k];
    }
    double chi2 = 0;
    const double expected = static_cast<double>(kDraws) / kN;
    for (const int c : counts) chi2 += (c - expected) * (c - expected) / expected;
    CHECK(chi2 < 22.5);  // 6 degrees of freedom, p = 0.001
  }
  SECTION("n = 1 is always 0") {
    for (int i = 0; i < 100; ++i) REQUIRE(rng.below(1) == 0u);
  }
  SECTION("a large n that is not a power of two: both halves equally likely") {
    constexpr std::uint32_t kN = 3000000001u;
    constexpr int kDraws = 40000;
    int low = 0;
    for (int i = 0; i < kDraws; ++i) {
      const auto k = rng.below(kN);
      REQUIRE(k < kN);
      low += k < kN / 2;
    }
    CHECK(std::abs(low / static_cast<double>(kDraws) - 0.5) < 5 * std::sqrt(0.25 / kDraws));
  }
}

TEST_CASE("normal has mean 0 and sd 1", "[rng]") {
  Rng rng(5);
  constexpr int kDraws = 200000;
  double sum = 0, sum_sq = 0;
  int beyond_two = 0;
  for (int i = 0; i < kDraws; ++i) {
    const double z = rng.normal();
    REQUIRE(std::isfinite(z));
    sum += z;
    sum_sq += z * z;
    beyond_two += std::abs(z) > 2.0;
  }
  const double mean = sum / kDraws;
  CHECK(std::abs(mean) < 5 / std::sqrt(kDraws));
  CHECK(std::abs(sum_sq / kDraws - mean * mean - 1.0) < 0.02);
  // P(|Z| > 2) = 0.0455.
  CHECK(std::abs(beyond_two / static_cast<double>(kDraws) - 0.0455) <
        5 * std::sqrt(0.0455 * 0.9545 / kDraws));
  CHECK(rng.words_drawn() == 4u * kDraws);  // two uniforms per draw, no caching
}

TEST_CASE("Rng's batched Philox gives Random123's blocks in counter order for any seed", "[rng]") {
  // The stream generates several blocks per refill (lanes side by side); every word must still be the
  // Random123 block of its counter, across refills and whatever the key.
  for (const std::uint64_t seed : {0ull, 1ull, 0xffffffffull, 0x123456789abcdef0ull, ~0ull}) {
    Rng rng(seed);
    for (std::uint32_t block = 0; block < 100; ++block) {
      const auto expected = philox_block({block, 0, 0, 0}, seed);
      for (const std::uint32_t word : expected) REQUIRE(rng.next_u32() == word);
    }
  }
}

TEST_CASE("uniform gives the same value whether or not its two words straddle a refill", "[rng]") {
  // One word drawn first shifts every uniform by one word, so some of them cross the buffer's end.
  Rng odd(7), reference(7);
  odd.next_u32();
  reference.next_u32();
  for (int i = 0; i < 200; ++i) {
    const std::uint64_t a = reference.next_u32() >> 5;
    const std::uint64_t b = reference.next_u32() >> 6;
    REQUIRE(odd.uniform() == static_cast<double>((a << 26) | b) * 0x1.0p-53);
  }
  CHECK(odd.words_drawn() == reference.words_drawn());
}
