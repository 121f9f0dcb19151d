// The manager acts (docs/MODEL.md 7.3): the adaptive policy adjusts the style within the attention
// budget, then recognition and mentoring are handed out.
#include <algorithm>
#include <cmath>

#include "step.hpp"

namespace teamsim {
namespace {

double style_distance(const ManagerParams& a, const ManagerParams& b) {
  return std::abs(a.control - b.control) + std::abs(a.structure - b.structure) +
         std::abs(a.recognition - b.recognition) + std::abs(a.mentoring - b.mentoring) +
         std::abs(a.vision - b.vision) + std::abs(a.openness - b.openness);
}

// Push: control moves by `delta` (never below the intended control); the other shares are the intended
// ones, scaled down if the budget overflows.
void move_control(ManagerParams& style, const ManagerParams& intended, double delta) {
  const double control = std::clamp(style.control + delta, intended.control, 1.0);
  ManagerParams next = intended;
  next.policy = style.policy;
  next.control = control;
  fit_attention_budget(next, &ManagerParams::control);
  style = next;
}

// Lead: vision and openness move by `delta` (never below the intended values). Vision takes its room from
// recognition and mentoring only: control and structure stay as intended, so leading does not crowd
// structure out of the budget.
void move_vision(ManagerParams& style, const ManagerParams& intended, double delta) {
  const double fixed = style.control + style.structure;
  const double vision = std::clamp(style.vision + delta, std::min(intended.vision, 1.0 - fixed), 1.0 - fixed);
  const double room = 1.0 - fixed - vision;
  const double care = intended.recognition + intended.mentoring;
  const double scale = care > room && care > 0 ? room / care : 1.0;
  style.vision = vision;
  style.recognition = intended.recognition * scale;
  style.mentoring = intended.mentoring * scale;
  style.openness = std::clamp(style.openness + delta, intended.openness, 1.0);
}

}  // namespace

void fit_attention_budget(ManagerParams& m, double ManagerParams::*kept) {
  double ManagerParams::*const shares[] = {&ManagerParams::control, &ManagerParams::structure,
                                           &ManagerParams::recognition, &ManagerParams::mentoring,
                                           &ManagerParams::vision};
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

  // Adaptive policy, both ways: judged on this step's productivity (work has run) and last steps' morale.
  const ManageParams& mp = s.params.manage;
  switch (style.policy) {
    case Policy::steady:
      break;
    case Policy::push:
      // Below target: more control. Comfortably above it: control relaxes back toward the intended one.
      if (s.signals.productivity < style.kpi_target)
        move_control(style, s.intended, style.policy_rate);
      else if (s.signals.productivity > style.kpi_target + mp.kpi_margin)
        move_control(style, s.intended, -style.policy_rate);
      break;
    case Policy::lead:
      // Morale falling: more vision and openness. Not falling: they relax back toward the intended ones.
      if (s.signals.morale < s.signals.morale_before - mp.morale_tolerance)
        move_vision(style, s.intended, style.policy_rate);
      else
        move_vision(style, s.intended, -style.policy_rate);
      break;
  }
  s.signals.style_change = style_distance(before, style);

  // Recognition goes to good work: probability recognition * q_i / mean q. Mentoring: probability mentoring.
  // With LMX on, both scale with the attention the person gets (1 = an equal share; docs/MODEL.md 7.12).
  const double mean_q = s.signals.mean_performance;
  const double memory = s.params.manage.recognition_memory;
  const bool attending = s.params.lmx.enabled;
  for (std::size_t i = 0; i < n; ++i) {
    if (!s.active[i]) continue;
    const auto row = static_cast<Eigen::Index>(i);
    const double share = attending ? s.attention[row] : 1.0;
    const double chance =
        mean_q > 0 ? std::min(1.0, attending ? style.recognition * s.performance[row] / mean_q * share
                                             : style.recognition * s.performance[row] / mean_q)
                   : 0.0;
    s.recognized[i] = s.rng.bernoulli(chance);
    s.mentored[i] = s.rng.bernoulli(attending ? std::min(1.0, style.mentoring * share) : style.mentoring);
    s.recognition[row] = (1.0 - memory) * s.recognition[row] + memory * s.recognized[i];
  }
}

}  // namespace teamsim
