#pragma once
// Student's t quantiles for confidence intervals, from Boost.Math: the one definition that `teamsim compare`,
// the sweep aggregate and the statistical tests share.
#include <boost/math/distributions/students_t.hpp>

namespace teamsim {

/// Two-sided `level` quantile of Student's t with `df` >= 1 degrees of freedom: the half-width of a `level`
/// confidence interval for a mean, in standard errors (student_t_quantile(0.95, 4) = 2.776).
inline double student_t_quantile(double level, double df) {
  return boost::math::quantile(boost::math::students_t(df), 0.5 + level / 2);
}

}  // namespace teamsim
