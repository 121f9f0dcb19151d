// Trust (docs/MODEL.md 7.4): employees meet a few teammates and watch the manager; trust moves toward
// the evidence of ability, benevolence and integrity (Mayer, Davis & Schoorman 1995).
#include <algorithm>
#include <cmath>

#include "step.hpp"

namespace teamsim {

void update_trust(const Model& /*model*/, State& s) {
  const TrustParams& tp = s.params.trust;
  if (!tp.enabled) return;
  const ManagerParams& style = s.params.manager;

  // Active seats in order, so a meeting partner is drawn by index.
  const std::vector<int> present = active_seats(s);
  const auto count = static_cast<std::uint32_t>(present.size());

  // Standing: where a peer's social power lies between the least and the most powerful employee.
  double low_power = 1, top_power = 0;
  for (const int i : present) {
    low_power = std::min(low_power, s.power[i]);
    top_power = std::max(top_power, s.power[i]);
  }
  const double power_span = top_power - low_power;

  // Peers: each employee meets `meetings` others, drawn uniformly with replacement, one at a time.
  if (count > 1) {
    for (const int i : present) {
      for (int meeting = 0; meeting < tp.meetings; ++meeting) {
        std::uint32_t pick = s.rng.below(count - 1);
        if (present[pick] >= i) ++pick;  // skip i itself
        const int j = present[pick];
        const double ability = (1.0 - tp.charisma) * s.performance[j] + tp.charisma * s.persuasiveness[j];
        const double benevolence = s.agreeability[j];
        const double integrity = 1.0 - std::abs(s.stance[i] - s.stance[j]);
        const double standing = power_span > 0 ? (s.power[j] - low_power) / power_span : 0.5;
        const double evidence =
            (1.0 - tp.status_weight) * (tp.ability_weight * ability + tp.benevolence_weight * benevolence +
                                        tp.integrity_weight * integrity) +
            tp.status_weight * standing;
        s.trust(i, j) += tp.rate * (evidence - s.trust(i, j));
      }
    }
  }

  // Manager: ability is how well the team performs; benevolence is care received, minus control;
  // integrity is agreement with the direction and consistency of the style.
  const double ability = s.signals.mean_performance;
  const double consistency = std::clamp(1.0 - 10.0 * s.signals.style_change, 0.0, 1.0);
  for (const int i : present) {
    const auto ui = static_cast<std::size_t>(i);
    const double care = s.recognition[i] + 0.4 * s.mentored[ui] + 0.3 * style.openness;
    const double benevolence = std::clamp(0.3 + care - tp.micromanage_penalty * style.control, 0.0, 1.0);
    const double integrity = 0.7 * s.stance[i] + 0.3 * consistency;
    const double evidence =
        tp.ability_weight * ability + tp.benevolence_weight * benevolence + tp.integrity_weight * integrity;
    s.trust_manager[i] += tp.manager_rate * (evidence - s.trust_manager[i]);
  }
}

}  // namespace teamsim
