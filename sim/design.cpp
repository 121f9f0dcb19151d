#include "design.hpp"

#include <cmath>
#include <numeric>
#include <stdexcept>

#include "rng.hpp"

namespace teamsim {
namespace {

std::uint64_t mix(std::uint64_t x) {  // SplitMix64's finalizer, as run_seed() uses it
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::size_t at(std::size_t row, std::size_t width, std::size_t column) {
  return row * width + column;
}

}  // namespace

std::vector<double> sobol_point(std::uint64_t index, int dims) {
  // Boost skips the all-zero point: after seed(i) the engine gives point i + 1 of the sequence.
  std::vector<double> v(static_cast<std::size_t>(dims), 0.0);
  if (index == 0) return v;
  Sobol32 engine(static_cast<std::size_t>(dims));
  engine.seed(static_cast<std::uint32_t>(index - 1));
  for (auto& x : v) x = static_cast<double>(engine()) * 0x1.0p-32;
  return v;
}

DesignPoints::DesignPoints(Design design, std::uint64_t seed, int points, int dims, int levels)
    : design_(design), seed_(seed), points_(points), dims_(dims) {
  if (points < 1 || dims < 0) throw std::invalid_argument("design: expected points >= 1 and dims >= 0");
  const auto n = static_cast<std::size_t>(points);
  const auto d = static_cast<std::size_t>(dims);
  switch (design) {
    case Design::random:
      break;
    case Design::latin_hypercube:
      // Parameter k uses its own permutation of the strata 0..n-1 (Fisher–Yates from a stream keyed by
      // k), drawn once here instead of once per point.
      strata_.resize(n * d);
      for (std::size_t k = 0; k < d; ++k) {
        Rng shuffle(mix(seed ^ 0x5a5a5a5a5a5a5a5aULL) + k);
        std::uint32_t* strata = strata_.data() + k * n;
        std::iota(strata, strata + n, 0u);
        for (auto i = static_cast<std::uint32_t>(n); i > 1; --i)
          std::swap(strata[i - 1], strata[shuffle.below(i)]);
      }
      break;
    case Design::sobol:
      if (dims > 0) sobol_.emplace_back(d);
      break;
    case Design::saltelli:
      if (dims < 1 || points % (dims + 2) != 0)
        throw std::invalid_argument("saltelli: expected N(k + 2) points with k >= 1");
      sobol_.emplace_back(2 * d);
      break;
    case Design::morris: {
      if (dims < 1 || points % (dims + 1) != 0 || levels < 2 || levels % 2 != 0)
        throw std::invalid_argument("morris: expected r(k + 1) points, k >= 1 and an even number of levels");
      // Trajectory t: a base on the p-level grid, then each parameter in a random order moves by
      // Δ = p / (2(p - 1)) (half the levels), up from the lower half of the levels and down from the upper.
      table_.resize(n * d);
      const auto p = static_cast<std::uint32_t>(levels);
      const int r = points / (dims + 1);
      for (int t = 0; t < r; ++t) {
        Rng rng(mix(seed ^ 0x3011155e3011155eULL) + static_cast<std::uint64_t>(t));
        std::vector<std::uint32_t> level(d);
        for (auto& l : level) l = rng.below(p);
        std::vector<std::size_t> order(d);
        std::iota(order.begin(), order.end(), std::size_t{0});
        for (auto i = static_cast<std::uint32_t>(d); i > 1; --i) std::swap(order[i - 1], order[rng.below(i)]);
        const auto first = static_cast<std::size_t>(t) * (d + 1);
        for (std::size_t j = 0; j <= d; ++j) {
          if (j > 0) {
            std::uint32_t& l = level[order[j - 1]];
            l = l < p / 2 ? l + p / 2 : l - p / 2;
          }
          for (std::size_t k = 0; k < d; ++k)
            table_[at(first + j, d, k)] = static_cast<double>(level[k]) / static_cast<double>(p - 1);
        }
      }
      break;
    }
    case Design::grid:
    case Design::list:
    case Design::file:
      throw std::invalid_argument("design: grid, list and file designs are not sampled");
  }
}

DesignPoints::DesignPoints(int points, int dims, std::vector<double> values)
    : design_(Design::file), seed_(0), points_(points), dims_(dims), table_(std::move(values)) {
  if (table_.size() != static_cast<std::size_t>(points) * static_cast<std::size_t>(dims))
    throw std::invalid_argument("file design: expected points x dims values");
}

void DesignPoints::point(int p, double* out) const {
  const auto d = static_cast<std::size_t>(dims_);
  switch (design_) {
    case Design::random: {
      // A Philox stream per point, keyed by the design seed: the point's coordinates in parameter order.
      Rng rng(mix(seed_ ^ 0x5eed5eed5eed5eedULL) + static_cast<std::uint64_t>(p));
      for (std::size_t k = 0; k < d; ++k) out[k] = rng.uniform();
      return;
    }
    case Design::latin_hypercube: {
      // The point's stratum in each dimension, jittered uniformly within it by the point's stream.
      const auto n = static_cast<std::size_t>(points_);
      Rng jitter(mix(seed_ ^ 0x1a71c0de1a71c0deULL) + static_cast<std::uint64_t>(p));
      for (std::size_t k = 0; k < d; ++k)
        out[k] = (strata_[k * n + static_cast<std::size_t>(p)] + jitter.uniform()) / static_cast<double>(n);
      return;
    }
    case Design::sobol: {
      // Point p is point p + 1 of the sequence: the all-zero point 0 is skipped.
      if (d == 0) return;
      Sobol32 engine = sobol_.front();
      engine.seed(static_cast<std::uint32_t>(p));  // Boost's seed(i) gives point i + 1
      for (std::size_t k = 0; k < d; ++k) out[k] = static_cast<double>(engine()) * 0x1.0p-32;
      return;
    }
    case Design::saltelli: {
      // Block i of k + 2 points: A_i, AB_i^1 .. AB_i^k (A_i with column j from B_i), B_i; A_i and B_i are
      // the two halves of point i + 1 of the 2k-dimensional Sobol sequence.
      const int block = dims_ + 2;
      const int row = p / block, which = p % block;
      Sobol32 engine = sobol_.front();
      engine.seed(static_cast<std::uint32_t>(row));  // point row + 1
      std::vector<double> ab(2 * d);
      for (auto& x : ab) x = static_cast<double>(engine()) * 0x1.0p-32;
      for (std::size_t k = 0; k < d; ++k) {
        const bool from_b = which == dims_ + 1 || static_cast<std::size_t>(which) == k + 1;
        out[k] = ab[from_b ? d + k : k];
      }
      return;
    }
    case Design::morris:
    case Design::file:
      for (std::size_t k = 0; k < d; ++k) out[k] = table_[at(static_cast<std::size_t>(p), d, k)];
      return;
    case Design::grid:
    case Design::list:
      break;
  }
}

double centred_l2_discrepancy(const std::vector<double>& x, int dims) {
  const auto d = static_cast<std::size_t>(dims);
  const std::size_t n = x.size() / d;
  double single = 0, pairs = 0;
  for (std::size_t i = 0; i < n; ++i) {
    double prod = 1;
    for (std::size_t k = 0; k < d; ++k) {
      const double z = std::abs(x[at(i, d, k)] - 0.5);
      prod *= 1 + 0.5 * z - 0.5 * z * z;
    }
    single += prod;
    for (std::size_t j = 0; j < n; ++j) {
      double q = 1;
      for (std::size_t k = 0; k < d; ++k) {
        const double a = x[at(i, d, k)], b = x[at(j, d, k)];
        q *= 1 + 0.5 * std::abs(a - 0.5) + 0.5 * std::abs(b - 0.5) - 0.5 * std::abs(a - b);
      }
      pairs += q;
    }
  }
  const double nn = static_cast<double>(n);
  return std::sqrt(std::pow(13.0 / 12.0, static_cast<double>(d)) - 2.0 / nn * single + pairs / (nn * nn));
}

}  // namespace teamsim
