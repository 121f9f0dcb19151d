#include "sensitivity.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <tuple>

#include "rng.hpp"

namespace teamsim {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The 2.5% and 97.5% percentiles of `v` (sorted in place), by linear interpolation.
std::pair<double, double> interval(std::vector<double>& v) {
  std::erase_if(v, [](double x) { return !std::isfinite(x); });
  if (v.empty()) return {kNaN, kNaN};
  std::sort(v.begin(), v.end());
  auto q = [&](double p) {
    const double at = p * static_cast<double>(v.size() - 1);
    const auto i = static_cast<std::size_t>(at);
    const double frac = at - static_cast<double>(i);
    return i + 1 < v.size() ? v[i] + frac * (v[i + 1] - v[i]) : v[i];
  };
  return {q(0.025), q(0.975)};
}

// S1 and ST numerators for the blocks `rows` (indices into the kept blocks), over the total variance.
void sobol_estimate(const std::vector<const double*>& blocks, const std::vector<const double*>& noise,
                    const std::vector<std::size_t>& rows, int k, std::vector<double>& s1,
                    std::vector<double>& st) {
  const auto kk = static_cast<std::size_t>(k);
  const double n = static_cast<double>(rows.size());
  double sum = 0, sum2 = 0;
  for (const std::size_t r : rows) {
    for (const double v : {blocks[r][0], blocks[r][kk + 1]}) {
      sum += v;
      sum2 += v * v;
    }
  }
  const double mean = sum / (2 * n);
  const double variance = (sum2 - 2 * n * mean * mean) / (2 * n - 1);
  s1.assign(kk, kNaN);
  st.assign(kk, kNaN);
  if (!(variance > 0)) return;
  for (std::size_t i = 0; i < kk; ++i) {
    double first = 0, total = 0;
    for (const std::size_t r : rows) {
      const double a = blocks[r][0], ab = blocks[r][i + 1], b = blocks[r][kk + 1];
      first += (b - mean) * (ab - a);  // centred: the same expectation, far less variance
      total += (a - ab) * (a - ab);
      if (!noise.empty())
        total -= noise[r][0] + noise[r][i + 1];  // twice the half-sum: total is halved below
    }
    s1[i] = first / n / variance;
    st[i] = total / (2 * n) / variance;
  }
}

}  // namespace

std::vector<SobolIndex> sobol_indices(const std::vector<double>& y, int k, int bootstrap, std::uint64_t seed,
                                      const std::vector<double>& noise) {
  const auto kk = static_cast<std::size_t>(k);
  const std::size_t width = kk + 2;
  // Blocks with every value finite.
  std::vector<const double*> blocks, block_noise;
  std::vector<double> clean_noise(noise);  // NaN (unknown) counts as no noise
  for (auto& v : clean_noise) v = std::isfinite(v) ? v : 0.0;
  for (std::size_t j = 0; j + width <= y.size(); j += width) {
    if (std::all_of(y.begin() + static_cast<std::ptrdiff_t>(j),
                    y.begin() + static_cast<std::ptrdiff_t>(j + width),
                    [](double v) { return std::isfinite(v); })) {
      blocks.push_back(y.data() + j);
      if (!noise.empty()) block_noise.push_back(clean_noise.data() + j);
    }
  }
  std::vector<SobolIndex> out(kk, SobolIndex{kNaN, kNaN, kNaN, kNaN, kNaN, kNaN});
  const std::size_t n = blocks.size();
  if (n < 2) return out;
  std::vector<std::size_t> rows(n);
  for (std::size_t r = 0; r < n; ++r) rows[r] = r;
  std::vector<double> s1, st;
  sobol_estimate(blocks, block_noise, rows, k, s1, st);
  // Bootstrap: resample the blocks with replacement.
  std::vector<std::vector<double>> boot_s1(kk), boot_st(kk);
  Rng rng(seed);
  std::vector<double> b1, bt;
  for (int b = 0; b < bootstrap; ++b) {
    for (auto& r : rows) r = rng.below(static_cast<std::uint32_t>(n));
    sobol_estimate(blocks, block_noise, rows, k, b1, bt);
    for (std::size_t i = 0; i < kk; ++i) {
      boot_s1[i].push_back(b1[i]);
      boot_st[i].push_back(bt[i]);
    }
  }
  for (std::size_t i = 0; i < kk; ++i) {
    const auto [s1_lo, s1_hi] = interval(boot_s1[i]);
    const auto [st_lo, st_hi] = interval(boot_st[i]);
    out[i] = {s1[i], s1_lo, s1_hi, st[i], st_lo, st_hi};
  }
  return out;
}

std::vector<MorrisIndex> morris_indices(const std::vector<double>& y, const std::vector<double>& x, int k,
                                        int bootstrap, std::uint64_t seed) {
  const auto kk = static_cast<std::size_t>(k);
  std::vector<std::vector<double>> effects(kk);
  const std::size_t points = y.size();
  for (std::size_t t = 0; t + kk + 1 <= points; t += kk + 1) {
    for (std::size_t j = t + 1; j <= t + kk; ++j) {
      // The parameter that moved, and by how much.
      std::size_t moved = kk;
      double step = 0;
      for (std::size_t m = 0; m < kk; ++m) {
        const double d = x[j * kk + m] - x[(j - 1) * kk + m];
        if (d != 0 && std::abs(d) > std::abs(step)) {
          moved = m;
          step = d;
        }
      }
      if (moved == kk || !std::isfinite(y[j]) || !std::isfinite(y[j - 1])) continue;
      effects[moved].push_back((y[j] - y[j - 1]) / step);
    }
  }
  std::vector<MorrisIndex> out;
  Rng rng(seed);
  for (const auto& e : effects) {
    MorrisIndex m{kNaN, kNaN, kNaN, kNaN, kNaN, static_cast<int>(e.size())};
    if (!e.empty()) {
      const double n = static_cast<double>(e.size());
      double sum = 0, abs_sum = 0;
      for (const double v : e) {
        sum += v;
        abs_sum += std::abs(v);
      }
      m.mu = sum / n;
      m.mu_star = abs_sum / n;
      if (e.size() > 1) {
        double ss = 0;
        for (const double v : e) ss += (v - m.mu) * (v - m.mu);
        m.sigma = std::sqrt(ss / (n - 1));
      }
      std::vector<double> boot;
      for (int b = 0; b < bootstrap; ++b) {
        double s = 0;
        for (std::size_t i = 0; i < e.size(); ++i)
          s += std::abs(e[rng.below(static_cast<std::uint32_t>(e.size()))]);
        boot.push_back(s / n);
      }
      std::tie(m.mu_star_lo, m.mu_star_hi) = interval(boot);
    }
    out.push_back(m);
  }
  return out;
}

double ishigami(double x1, double x2, double x3) {
  return std::sin(x1) + 7 * std::sin(x2) * std::sin(x2) + 0.1 * std::pow(x3, 4) * std::sin(x1);
}

double sobol_g(const std::vector<double>& x, const std::vector<double>& a) {
  double g = 1;
  for (std::size_t i = 0; i < x.size(); ++i) g *= (std::abs(4 * x[i] - 2) + a[i]) / (1 + a[i]);
  return g;
}

void sobol_g_indices(const std::vector<double>& a, std::vector<double>& s1, std::vector<double>& st) {
  // Partial variances V_i = 1 / (3 (1 + a_i)^2); V = prod (1 + V_i) - 1; V_Ti = V_i prod_{j != i} (1 + V_j).
  std::vector<double> v;
  double prod = 1;
  for (const double ai : a) {
    v.push_back(1.0 / (3.0 * (1 + ai) * (1 + ai)));
    prod *= 1 + v.back();
  }
  const double total = prod - 1;
  s1.clear();
  st.clear();
  for (const double vi : v) {
    s1.push_back(vi / total);
    st.push_back(vi * prod / (1 + vi) / total);
  }
}

}  // namespace teamsim
