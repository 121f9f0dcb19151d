// Sensitivity estimators (sim/sensitivity.cpp) on functions whose indices are known analytically: the
// Ishigami function and the Sobol g-function on the saltelli design, with a dummy parameter the function
// does not read, with and without noise; Morris statistics on a linear function and on the g-function.
#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>

#include "design.hpp"
#include "rng.hpp"
#include "sensitivity.hpp"

using namespace teamsim;

namespace {

constexpr double kPi = std::numbers::pi;

// Outputs of `f` (unit coordinates in, one value out) at every point of a design.
template <typename F>
std::vector<double> evaluate(const DesignPoints& design, F f) {
  std::vector<double> y, x(static_cast<std::size_t>(design.dims()));
  for (int p = 0; p < design.points(); ++p) {
    design.point(p, x.data());
    y.push_back(f(x));
  }
  return y;
}

double ishigami_unit(const std::vector<double>& u) {
  return ishigami(-kPi + 2 * kPi * u[0], -kPi + 2 * kPi * u[1], -kPi + 2 * kPi * u[2]);
}

// Analytic Ishigami indices (a = 7, b = 0.1).
void ishigami_indices(std::vector<double>& s1, std::vector<double>& st) {
  const double a = 7, b = 0.1, pi4 = std::pow(kPi, 4), pi8 = std::pow(kPi, 8);
  const double v1 = 0.5 * std::pow(1 + b * pi4 / 5, 2), v2 = a * a / 8,
               v13 = b * b * pi8 * (1.0 / 18 - 1.0 / 50);
  const double v = v1 + v2 + v13;
  s1 = {v1 / v, v2 / v, 0};
  st = {(v1 + v13) / v, v2 / v, v13 / v};
}

}  // namespace

TEST_CASE("Sobol indices of the Ishigami function match the analytic values within their intervals",
          "[sensitivity]") {
  std::vector<double> s1, st;
  ishigami_indices(s1, st);
  CHECK(std::abs(s1[0] - 0.3139) < 1e-4);  // the published values (Saltelli et al. 2010)
  CHECK(std::abs(st[2] - 0.2437) < 1e-4);
  // Four parameters: the fourth is a dummy the function does not read.
  const DesignPoints design(Design::saltelli, 1, 4096 * 6, 4);
  const auto y = evaluate(design, ishigami_unit);
  const auto idx = sobol_indices(y, 4, 500, 7);
  for (std::size_t i = 0; i < 3; ++i) {
    INFO("x" << i + 1 << ": S1 " << idx[i].s1 << " [" << idx[i].s1_lo << ", " << idx[i].s1_hi << "], ST "
             << idx[i].st << " [" << idx[i].st_lo << ", " << idx[i].st_hi << "]");
    CHECK(idx[i].s1_lo <= s1[i]);
    CHECK(s1[i] <= idx[i].s1_hi);
    CHECK(idx[i].st_lo <= st[i]);
    CHECK(st[i] <= idx[i].st_hi);
    CHECK(idx[i].s1_hi - idx[i].s1_lo < 0.1);  // informative, not merely wide
  }
  CHECK(idx[3].st_lo <= 0);
  CHECK(idx[3].st_hi >= 0);
  CHECK(idx[3].s1_lo <= 0);
  CHECK(idx[3].s1_hi >= 0);
}

TEST_CASE("Sobol indices of the g-function match the analytic values within their intervals",
          "[sensitivity]") {
  const std::vector<double> a = {0, 1, 4.5, 9, 99, 99};
  std::vector<double> s1, st;
  sobol_g_indices(a, s1, st);
  const DesignPoints design(Design::saltelli, 1, 4096 * 8, 6);
  const auto y = evaluate(design, [&](const std::vector<double>& x) { return sobol_g(x, a); });
  const auto idx = sobol_indices(y, 6, 500, 11);
  for (std::size_t i = 0; i < a.size(); ++i) {
    INFO("x" << i + 1 << ": S1 " << idx[i].s1 << " vs " << s1[i] << ", ST " << idx[i].st << " vs " << st[i]);
    CHECK(idx[i].s1_lo <= s1[i]);
    CHECK(s1[i] <= idx[i].s1_hi);
    CHECK(idx[i].st_lo <= st[i]);
    CHECK(st[i] <= idx[i].st_hi);
  }
}

TEST_CASE("With noisy replicates a dummy parameter gets an ST interval that includes 0", "[sensitivity]") {
  // Each point is the mean of 4 replicates of Ishigami + N(0, 1.5^2) noise, as a sweep averages them;
  // the noise variance of the means is estimated from the replicates, as `teamsim sensitivity` does.
  const DesignPoints design(Design::saltelli, 3, 2048 * 6, 4);
  const int reps = 4;
  Rng rng(99);
  std::vector<double> y, noise, x(4);
  double within = 0;
  for (int p = 0; p < design.points(); ++p) {
    design.point(p, x.data());
    double sum = 0, sum2 = 0;
    for (int r = 0; r < reps; ++r) {
      const double v = ishigami_unit(x) + 1.5 * rng.normal();
      sum += v;
      sum2 += v * v;
    }
    y.push_back(sum / reps);
    noise.push_back((sum2 - sum * sum / reps) / (reps - 1) / reps);
    within += noise.back();
  }
  within /= design.points();
  CHECK(std::abs(within - 1.5 * 1.5 / reps) < 0.05);
  const auto noisy = sobol_indices(y, 4, 500, 5, noise);
  INFO("dummy ST " << noisy[3].st << " [" << noisy[3].st_lo << ", " << noisy[3].st_hi << "]");
  CHECK(noisy[3].st_lo <= 0);
  CHECK(noisy[3].st_hi >= 0);
  // Without the correction the noise would show as a total effect of the dummy.
  const auto naive = sobol_indices(y, 4, 500, 5);
  CHECK(naive[3].st_lo > 0);
  std::vector<double> s1, st;
  ishigami_indices(s1, st);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(noisy[i].st_lo <= st[i]);
    CHECK(st[i] <= noisy[i].st_hi);
  }
}

TEST_CASE("Morris statistics: exact on a linear function, ranked right on the g-function", "[sensitivity]") {
  const DesignPoints linear(Design::morris, 5, 20 * 4, 3, 4);
  const auto y = evaluate(linear, [](const std::vector<double>& x) { return 2 * x[0] - 0.5 * x[1]; });
  std::vector<double> x(static_cast<std::size_t>(linear.points() * 3));
  for (int p = 0; p < linear.points(); ++p) linear.point(p, x.data() + p * 3);
  const auto m = morris_indices(y, x, 3, 200, 1);
  CHECK(std::abs(m[0].mu_star - 2) < 1e-12);
  CHECK(std::abs(m[0].mu - 2) < 1e-12);
  CHECK(std::abs(m[1].mu + 0.5) < 1e-12);
  CHECK(std::abs(m[1].mu_star - 0.5) < 1e-12);
  CHECK(m[2].mu_star == 0);
  CHECK(m[0].sigma < 1e-12);
  CHECK(m[0].effects == 20);

  const std::vector<double> a = {0, 1, 9, 99};
  const DesignPoints g(Design::morris, 5, 50 * 5, 4, 4);
  const auto yg = evaluate(g, [&](const std::vector<double>& v) { return sobol_g(v, a); });
  std::vector<double> xg(static_cast<std::size_t>(g.points() * 4));
  for (int p = 0; p < g.points(); ++p) g.point(p, xg.data() + p * 4);
  const auto mg = morris_indices(yg, xg, 4, 200, 1);
  CHECK(mg[0].mu_star > mg[1].mu_star);
  CHECK(mg[1].mu_star > mg[2].mu_star);
  CHECK(mg[2].mu_star > mg[3].mu_star);
  CHECK(mg[0].mu_star_lo <= mg[0].mu_star);
  CHECK(mg[0].mu_star <= mg[0].mu_star_hi);
}
