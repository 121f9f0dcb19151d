// Work (docs/MODEL.md 7.2): reality drifts, each employee acts on the task, and realized performance
// turns into productivity through effort, collaboration and disruption.
#include <algorithm>

#include "marked.hpp"
#include "step.hpp"

namespace teamsim {

void work(const Model& model, State& s) {
  const Params& p = s.params;
  const int m = model.team.dims;

  // Turbulence: each dimension of reality flips with probability p4 (March 1991).
  if (p.environment.turbulence > 0) {
    for (int k = 0; k < m; ++k) {
      if (s.rng.bernoulli(p.environment.turbulence)) s.reality[k] = static_cast<std::int8_t>(-s.reality[k]);
    }
  }
  if (!p.work.enabled) return;

  // Act: a 0 belief is resolved by a fair coin; performance is the share of dimensions acted right.
  const std::int8_t* reality = s.reality.data();
  for (int i = 0; i < s.seats(); ++i) {
    if (!s.active[static_cast<std::size_t>(i)]) continue;
    const std::int8_t* beliefs = s.beliefs.col(i).data();
    std::int8_t* actions = s.actions.col(i).data();
    std::copy(beliefs, beliefs + m, actions);
    for_each_marked(
        m, [&](int k) { return beliefs[k] == 0; },
        [&](int k) { actions[k] = static_cast<std::int8_t>(s.rng.bernoulli(0.5) ? 1 : -1); });
    int right = 0;
    for (int k = 0; k < m; ++k) right += actions[k] == reality[k];
    s.performance[i] = static_cast<double>(right) / m;
  }
  compute_productivity(p, s);
}

void compute_productivity(const Params& p, State& s) {
  const WorkParams& w = p.work;
  // Yerkes–Dodson: an inverted U in control, highest at the optimum, back to 1 at twice the optimum and
  // below 1 beyond it.
  const double pressure = p.manager.control / w.pressure_optimum;
  const double yerkes_dodson = std::max(0.0, 1.0 + w.pressure_gain * (2.0 * pressure - pressure * pressure));
  const double disruption = 1.0 - w.disruption * felt_change_load(p, s);
  const int n = s.seats();
  const int active = s.headcount();

  double total = 0, performance = 0;
  for (int i = 0; i < n; ++i) {
    if (!s.active[static_cast<std::size_t>(i)]) {
      s.productivity[i] = 0;
      continue;
    }
    const double peer_trust = mean_peer_trust(s, i, active);
    // Effort: engagement, alignment and pressure (compliance, at once); strain costs effort.
    const double effort = (w.effort_floor + (1.0 - w.effort_floor) * s.engagement[i]) *
                          (w.stance_floor + (1.0 - w.stance_floor) * s.stance[i]) * yerkes_dodson *
                          (1.0 - w.strain_cost * s.strain[i]);
    const double collaboration = w.collaboration_floor + (1.0 - w.collaboration_floor) * peer_trust;
    s.productivity[i] = s.performance[i] * effort * collaboration * disruption;
    total += s.productivity[i];
    performance += s.performance[i];
  }
  s.signals.productivity = total / n;
  s.signals.mean_performance = active ? performance / active : 0.0;
}

double felt_change_load(const Params& p, const State& s) {
  // Vision (the why) and openness (a voice in the how) take part of the load off (docs/MODEL.md 7.2).
  const double support = 0.5 * (p.manager.vision + p.manager.openness);
  return s.change_load * (1.0 - p.work.change_support * support);
}

double mean_peer_trust(const State& s, int i, int active) {
  if (s.network.complete()) {
    if (active < 2) return 1.0;
    double sum = 0;
    for (int j = 0; j < s.seats(); ++j) {
      if (j != i && s.active[static_cast<std::size_t>(j)]) sum += s.trust(i, j);
    }
    return sum / (active - 1);
  }
  // On a network: the contact-weighted mean over active contacts (1 when one has none, as when alone).
  double sum = 0, contact = 0;
  s.network.for_each_neighbour(i, [&](int j, double c) {
    if (!s.active[static_cast<std::size_t>(j)]) return;
    sum += c * s.trust(i, j);
    contact += c;
  });
  return contact > 0 ? sum / contact : 1.0;
}

}  // namespace teamsim
