// Psychological state (docs/MODEL.md 7.7), after Job Demands–Resources and self-determination theory:
// strain and engagement relax toward logistic functions of demands and resources, engagement spreads
// along W, autonomy relaxes toward 1 - control, and morale combines them.
#include <algorithm>
#include <cmath>

#include "step.hpp"

namespace teamsim {
namespace {

double logistic(double z) {
  return 1.0 / (1.0 + std::exp(-z));
}

}  // namespace

void compute_morale(State& s) {
  for (int i = 0; i < s.seats(); ++i) {
    if (!s.active[static_cast<std::size_t>(i)]) continue;
    s.morale[i] =
        0.35 * s.engagement[i] + 0.25 * (1.0 - s.strain[i]) + 0.2 * s.trust_manager[i] + 0.2 * s.stance[i];
  }
}

void update_wellbeing(const Model& /*model*/, State& s) {
  const WellbeingParams& wp = s.params.wellbeing;
  const ManagerParams& style = s.params.manager;
  const int n = s.seats();
  if (wp.enabled) {
    const int active = s.headcount();
    const double vacancy = 1.0 - static_cast<double>(active) / n;
    // Role ambiguity: without enough structure (control below structure_need) roles become unclear.
    const double ambiguity = std::max(0.0, 1.0 - style.control / wp.structure_need);
    const double demands = style.control + wp.ambiguity_demand * ambiguity +
                           wp.change_demand * s.change_load + wp.vacancy_demand * vacancy;

    for (int i = 0; i < n; ++i) {
      if (!s.active[static_cast<std::size_t>(i)]) continue;
      const double peer_trust = mean_peer_trust(s, i, active);
      // Resources: the mean of recognition, autonomy, trust in the manager, peer trust and safety.
      const double resources =
          (s.recognition[i] + s.autonomy[i] + s.trust_manager[i] + peer_trust + s.psych_safety[i]) / 5.0;
      const double strain_target =
          logistic(wp.strain_slope * (demands - wp.buffer * resources - wp.strain_threshold));
      const double engagement_target =
          logistic(wp.engagement_slope *
                   (resources + wp.meaning * style.vision - wp.drain * demands - wp.engagement_threshold));
      const double safety_target = 0.4 * style.openness + 0.3 * s.trust_manager[i] + 0.3 * peer_trust;
      s.strain[i] += wp.rate * (strain_target - s.strain[i]);
      s.engagement[i] += wp.rate * (engagement_target - s.engagement[i]);
      s.psych_safety[i] += wp.rate * (safety_target - s.psych_safety[i]);
      s.autonomy[i] += wp.autonomy_rate * ((1.0 - style.control) - s.autonomy[i]);
    }

    // Emotional contagion: engagement moves toward that of the people one listens to (synchronous).
    if (wp.contagion > 0) {
      const Eigen::VectorXd before = s.engagement;
      for (int i = 0; i < n; ++i) {
        if (!s.active[static_cast<std::size_t>(i)]) continue;
        double pull = 0;
        for (int j = 0; j < n; ++j) {
          if (j != i && s.active[static_cast<std::size_t>(j)])
            pull += s.influence(i, j) * (before[j] - before[i]);
        }
        s.engagement[i] += wp.contagion * pull;
      }
    }
  }
  compute_morale(s);
  s.signals.morale_before = s.signals.morale;
  s.signals.morale = active_mean(s, s.morale);
}

}  // namespace teamsim
