#pragma once
// Global sensitivity estimators (docs/ANALYSIS.md): Sobol indices from a Saltelli design and Morris
// elementary effects from trajectories, each with bootstrap 95% intervals. Pure functions of the
// outputs; sweep_analysis.cpp feeds them a sweep's results.
#include <cstdint>
#include <vector>

namespace teamsim {

/// First-order (S1) and total (ST) Sobol index of one parameter, with percentile bootstrap 95% intervals.
struct SobolIndex {
  double s1, s1_lo, s1_hi;
  double st, st_lo, st_hi;
};

/// Sobol indices of k parameters from outputs `y` at a saltelli design (N blocks of k + 2 values:
/// f(A_j), f(AB_j^1) .. f(AB_j^k), f(B_j)); blocks holding a NaN are left out. S1 by Saltelli et al.
/// (2010) (their Table 2, b): V_i = mean_j f(B_j) (f(AB_j^i) - f(A_j)), with f(B_j) centred on the mean of
/// f(A) and f(B) (the same expectation; without it the estimate's variance grows with the output's mean
/// squared, which makes S1 of a metric far from 0 useless); ST by Jansen (1999): mean_j
/// (f(A_j) - f(AB_j^i))^2 / 2; both divided by the variance of all f(A) and f(B). `bootstrap` resamples of
/// the blocks (seeded by `seed`) give the intervals. All NaN when fewer than 2 blocks or no variance.
/// `noise`, when not empty, holds each point's noise variance (for a replicate mean: the point's
/// within-point variance over its number of replicates; NaN when unknown counts as 0). Independent noise
/// leaves the S1 estimator unbiased but adds (noise(A_j) + noise(AB_j^i)) / 2 to each term of Jansen's
/// numerator, so it is subtracted there, block by block (so the bootstrap also carries the noise
/// estimate's own uncertainty): a parameter the model does not read gets ST near 0.
std::vector<SobolIndex> sobol_indices(const std::vector<double>& y, int k, int bootstrap = 1000,
                                      std::uint64_t seed = 1, const std::vector<double>& noise = {});

/// Morris statistics of one parameter: mean absolute elementary effect (mu*) with a bootstrap 95%
/// interval, mean effect (mu) and its standard deviation (sigma), over `effects` trajectories.
struct MorrisIndex {
  double mu_star, mu_star_lo, mu_star_hi;
  double mu, sigma;
  int effects;
};

/// Morris statistics from outputs `y` at r trajectories of k + 1 points and the points' coordinates
/// `x` (points x k, each scaled to [0, 1] over its range). The elementary effect of the parameter that
/// moves between consecutive points is (y_j - y_{j-1}) / (x_j - x_{j-1}); steps with a NaN output or
/// no move (an integer parameter that rounded to the same value) are left out.
std::vector<MorrisIndex> morris_indices(const std::vector<double>& y, const std::vector<double>& x, int k,
                                        int bootstrap = 1000, std::uint64_t seed = 1);

/// The Ishigami function (a = 7, b = 0.1) of x in [-pi, pi]^3, a standard test of the estimators.
double ishigami(double x1, double x2, double x3);
/// The Sobol g-function of x in [0, 1]^k with coefficients a: prod (|4x - 2| + a) / (1 + a).
double sobol_g(const std::vector<double>& x, const std::vector<double>& a);
/// The analytic first-order and total indices of the g-function.
void sobol_g_indices(const std::vector<double>& a, std::vector<double>& s1, std::vector<double>& st);

}  // namespace teamsim
