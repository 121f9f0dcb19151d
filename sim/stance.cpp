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
  Influence& w = s.influence;
  w.reset(n + 1, s.network.complete());
  int active = 0;

  for (int i = 0; i < n; ++i) {
    if (!s.active[static_cast<std::size_t>(i)]) continue;
    ++active;
    w.begin_row(i);
    double sum = 0;
    // Oneself and the active contacts, in seat order; a contact's weight scales the trust weight.
    auto listen = [&](int j, double contact) {
      if (!s.active[static_cast<std::size_t>(j)]) return;
      if (std::abs(s.stance[i] - s.stance[j]) > ip.confidence) return;
      const double v = contact * weight(s.trust(i, j), ip.gamma);
      w.push(j, v);
      sum += v;
    };
    bool self_done = false;
    s.network.for_each_neighbour(i, [&](int j, double contact) {
      if (!self_done && j > i) {
        const double v = weight(s.trust(i, i), ip.gamma);
        w.push(i, v);
        sum += v;
        self_done = true;
      }
      listen(j, contact);
    });
    if (!self_done) {
      const double v = weight(s.trust(i, i), ip.gamma);
      w.push(i, v);
      sum += v;
    }
    if (std::abs(s.stance[i] - 1.0) <= ip.confidence) {
      const double v = authority * weight(s.trust_manager[i], ip.gamma);
      w.push(n, v);
      sum += v;
    }
    if (sum > 0) {
      w.divide_row(i, sum);
    } else {
      w.set(i, i, 1.0);  // nobody to listen to: keep one's own view (the row holds only zeros)
    }
  }

  // The manager's row, used for social power only: self weight, the rest spread over the team.
  if (active == 0) {
    w.begin_row(n);
    w.push(n, 1.0);
    w.finish();
    return;
  }
  w.begin_row(n);
  for (int j = 0; j < n; ++j) {
    if (s.active[static_cast<std::size_t>(j)]) w.push(j, (1.0 - ip.manager_self_weight) / active);
  }
  w.push(n, ip.manager_self_weight);
  w.finish();
}

void update_influence(const Model& /*model*/, State& s) {
  build_influence(s.params, s);
  s.influence_fresh = true;
}

void update_stance(const Model& /*model*/, State& s) {
  if (!s.params.influence.enabled) return;
  // Under bounded confidence W depends on the stances that move here: the leaders stage rebuilds it.
  if (s.params.influence.confidence < 1.0) s.influence_fresh = false;
  const int n = s.seats();

  // Synchronous update from last step's stances; the manager's stance is 1 and does not move. Each row is
  // summed in column order, the manager's column last (the order of the dense product it replaces).
  Eigen::VectorXd heard = Eigen::VectorXd::Zero(n);
  for (int i = 0; i < n; ++i) {
    if (!s.active[static_cast<std::size_t>(i)]) continue;
    double sum = 0;
    s.influence.for_each_in_row(i, [&](int j, double w) { sum += w * (j == n ? 1.0 : s.stance[j]); });
    heard[i] = sum;
  }
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
