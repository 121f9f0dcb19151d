// The manager acts (docs/MODEL.md 7.3): the adaptive policy adjusts the style within the attention
// budget, then recognition and mentoring are handed out.
#include <algorithm>
#include <cmath>

#include "step.hpp"

namespace teamsim {
namespace {

// Raises one share of the attention budget by `delta` within the budget.
void raise_share(ManagerParams& m, double ManagerParams::*field, double delta) {
  m.*field = std::min(1.0, m.*field + delta);
  fit_attention_budget(m, field);
}

double style_distance(const ManagerParams& a, const ManagerParams& b) {
  return std::abs(a.control - b.control) + std::abs(a.recognition - b.recognition) +
         std::abs(a.mentoring - b.mentoring) + std::abs(a.vision - b.vision) +
         std::abs(a.openness - b.openness);
}

}  // namespace

void fit_attention_budget(ManagerParams& m, double ManagerParams::*kept) {
  double ManagerParams::*const shares[] = {&ManagerParams::control, &ManagerParams::recognition,
                                           &ManagerParams::mentoring, &ManagerParams::vision};
  double others = 0;
  for (auto f : shares) others += f == kept ? 0.0 : m.*f;
  const double room = 1.0 - m.*kept;
  if (others > room) {
    const double scale = room / others;
    for (auto f : shares) {
      if (f != kept) m.*f *= scale;
    }
  }
}

void manage(const Model& /*model*/, State& s) {
  ManagerParams& style = s.params.manager;
  const ManagerParams before = style;
  const auto n = static_cast<std::size_t>(s.seats());
  std::fill(s.recognized.begin(), s.recognized.end(), 0);
  std::fill(s.mentored.begin(), s.mentored.end(), 0);
  if (!s.params.manage.enabled) {
    s.signals.style_change = 0;
    return;
  }

  // Adaptive policy, judged on this step's productivity (work has run) and last steps' morale.
  switch (style.policy) {
    case Policy::steady:
      break;
    case Policy::push:
      if (s.signals.productivity < style.kpi_target)
        raise_share(style, &ManagerParams::control, style.policy_rate);
      break;
    case Policy::lead:
      if (s.signals.morale < s.signals.morale_before - s.params.manage.morale_tolerance) {
        raise_share(style, &ManagerParams::vision, style.policy_rate);
        style.openness = std::min(1.0, style.openness + style.policy_rate);
      }
      break;
  }
  s.signals.style_change = style_distance(before, style);

  // Recognition goes to good work: probability recognition * q_i / mean q. Mentoring: probability mentoring.
  const double mean_q = s.signals.mean_performance;
  const double memory = s.params.manage.recognition_memory;
  for (std::size_t i = 0; i < n; ++i) {
    if (!s.active[i]) continue;
    const auto row = static_cast<Eigen::Index>(i);
    const double chance = mean_q > 0 ? std::min(1.0, style.recognition * s.performance[row] / mean_q) : 0.0;
    s.recognized[i] = s.rng.bernoulli(chance);
    s.mentored[i] = s.rng.bernoulli(style.mentoring);
    s.recognition[row] = (1.0 - memory) * s.recognition[row] + memory * s.recognized[i];
  }
}

}  // namespace teamsim
