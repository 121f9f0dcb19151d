// Influence and stance (docs/MODEL.md 7.5): W from trust (DeGroot/French), optional bounded confidence
// (Hegselmann–Krause), and the Friedkin–Johnsen update x <- Lambda W x + (I - Lambda) u.
#include <cmath>

#include "step.hpp"

namespace teamsim {
namespace {

constexpr double kRounding = 1e-12;

// T^gamma, with the common exponents exact and cheap.
double weight(double trust, double gamma) {
  if (gamma == 1.0) return trust;
  if (gamma == 2.0) return trust * trust;
  if (gamma == 3.0) return trust * trust * trust;
  return std::pow(trust, gamma);
}

}  // namespace

void build_influence(const Params& p, State& s) {
  const InfluenceParams& ip = p.influence;
  const int n = s.seats();
  const double authority = p.manager.authority * (1.0 + ip.vision_boost * p.manager.vision);
  auto& w = s.influence;
  w.setZero();
  int active = 0;

  for (int i = 0; i < n; ++i) {
    if (!s.active[static_cast<std::size_t>(i)]) continue;
    ++active;
    double sum = 0;
    for (int j = 0; j < n; ++j) {
      if (!s.active[static_cast<std::size_t>(j)]) continue;
      if (j != i && std::abs(s.stance[i] - s.stance[j]) > ip.confidence) continue;
      w(i, j) = weight(s.trust(i, j), ip.gamma);
      sum += w(i, j);
    }
    if (std::abs(s.stance[i] - 1.0) <= ip.confidence) {
      w(i, n) = authority * weight(s.trust_manager[i], ip.gamma);
      sum += w(i, n);
    }
    if (sum > 0) {
      w.row(i) /= sum;
    } else {
      w(i, i) = 1.0;  // nobody to listen to: keep one's own view
    }
  }

  // The manager's row, used for social power only: self weight, the rest spread over the team.
  if (active == 0) {
    w(n, n) = 1.0;
    return;
  }
  w(n, n) = ip.manager_self_weight;
  for (int j = 0; j < n; ++j) {
    if (s.active[static_cast<std::size_t>(j)]) w(n, j) = (1.0 - ip.manager_self_weight) / active;
  }
}

void update_stance(const Model& /*model*/, State& s) {
  build_influence(s.params, s);
  if (!s.params.influence.enabled) return;
  const int n = s.seats();

  // Synchronous update from last step's stances; the manager's stance is 1 and does not move.
  Eigen::VectorXd x(n + 1);
  x.head(n) = s.stance;
  x[n] = 1.0;
  const Eigen::VectorXd heard = s.influence.topRows(n) * x;
  for (int i = 0; i < n; ++i) {
    if (!s.active[static_cast<std::size_t>(i)]) continue;
    double next = s.susceptibility[i] * heard[i] + (1.0 - s.susceptibility[i]) * s.anchor[i];
    // A convex combination of stances in [0, 1] can round to 1 + 2e-16: snap that back (values far
    // outside, as in the Friedkin–Johnsen special case, are left alone).
    if (next > 1.0 && next < 1.0 + kRounding) next = 1.0;
    if (next < 0.0 && next > -kRounding) next = 0.0;
    s.stance[i] = next;
  }
}

}  // namespace teamsim
