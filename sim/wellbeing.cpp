// Psychological state (docs/MODEL.md 7.7), after Job Demands–Resources and self-determination theory:
// strain and engagement relax toward logistic functions of demands and resources, engagement spreads
// along W, autonomy relaxes toward 1 - control, and morale combines them.
#include <algorithm>
#include <cmath>

#include "lmx.hpp"
#include "step.hpp"

namespace teamsim {
namespace {

double logistic(double z) {
  return 1.0 / (1.0 + std::exp(-z));
}

// Morale (docs/MODEL.md 7.7): engagement, freedom from strain and team cohesion (peer trust). It holds no
// trust in or agreement with the manager: those reach morale only through their effects. Assumption.
constexpr double kMoraleEngagement = 0.5;
constexpr double kMoraleStrain = 0.3;
constexpr double kMoraleCohesion = 0.2;

// Psychological safety's target (Edmondson 1999): the manager's openness, trust in the manager, peer trust.
constexpr double kSafetyOpenness = 0.4;
constexpr double kSafetyManager = 0.3;
constexpr double kSafetyPeers = 0.3;

// Share of seats that are empty and waiting for a hire (their work falls on the others meanwhile).
double open_vacancies(const State& s) {
  int open = 0;
  for (int i = 0; i < s.seats(); ++i) {
    const auto ui = static_cast<std::size_t>(i);
    open += !s.active[ui] && s.hire_at[ui] >= 0;
  }
  return static_cast<double>(open) / s.seats();
}

// Morale of seat i: a weighted mean of values in [0, 1]; the clamp only absorbs rounding (1 + 2e-16).
double morale_of(const State& s, int i, double peer_trust) {
  return std::clamp(kMoraleEngagement * s.engagement[i] + kMoraleStrain * (1.0 - s.strain[i]) +
                        kMoraleCohesion * peer_trust,
                    0.0, 1.0);
}

}  // namespace

void compute_morale(State& s) {
  const int active = s.headcount();
  for (int i = 0; i < s.seats(); ++i) {
    if (!s.active[static_cast<std::size_t>(i)]) continue;
    s.morale[i] = morale_of(s, i, mean_peer_trust(s, i, active));
  }
}

void update_wellbeing(const Model& /*model*/, State& s) {
  const WellbeingParams& wp = s.params.wellbeing;
  const ManagerParams& style = s.params.manager;
  const int n = s.seats();
  if (wp.enabled) {
    const int active = s.headcount();
    // Workload of empty seats: those waiting for a hire, and closed seats not yet re-scoped away.
    const double vacancy = open_vacancies(s) + s.closed_load;
    // Role ambiguity: roles become unclear without structure (planning, expectations) or a vision that
    // says what matters; monitoring does not clarify roles.
    const double clarity = style.structure + wp.vision_clarity * style.vision;
    const double ambiguity = std::max(0.0, 1.0 - clarity / wp.structure_need);
    const double demands = style.control + wp.ambiguity_demand * ambiguity +
                           wp.change_demand * felt_change_load(s.params, s) + wp.vacancy_demand * vacancy;
    // With LMX on, differentiation is felt as unfairness, most by those below the team's mean (7.12).
    const LmxParams& lp = s.params.lmx;
    const LmxClimate climate = lp.enabled ? lmx_climate(s) : LmxClimate{};

    // Mean peer trust once per seat: the loop below and morale read it (trust does not change here).
    Eigen::VectorXd& peer = s.scratch.peer_trust;
    peer.resize(n);
    for (int i = 0; i < n; ++i) {
      if (s.active[static_cast<std::size_t>(i)]) peer[i] = mean_peer_trust(s, i, active);
    }
    for (int i = 0; i < n; ++i) {
      if (!s.active[static_cast<std::size_t>(i)]) continue;
      const double peer_trust = peer[i];
      // Resources: the mean of recognition, autonomy, trust in the manager, peer trust and safety.
      // With LMX on, the relationship with the manager is a sixth resource (supervisor support).
      const double resources =
          lp.enabled
              ? (s.recognition[i] + s.autonomy[i] + s.trust_manager[i] + peer_trust + s.psych_safety[i] +
                 s.lmx[i]) /
                    6.0
              : (s.recognition[i] + s.autonomy[i] + s.trust_manager[i] + peer_trust + s.psych_safety[i]) /
                    5.0;
      const double felt = lp.enabled ? demands + unfairness_demand(lp, climate, s.lmx[i]) : demands;
      const double strain_target =
          logistic(wp.strain_slope * (felt - wp.buffer * resources - wp.strain_threshold));
      const double engagement_target =
          logistic(wp.engagement_slope *
                   (resources + wp.meaning * style.vision - wp.drain * felt - wp.engagement_threshold));
      double safety =
          kSafetyOpenness * style.openness + kSafetyManager * s.trust_manager[i] + kSafetyPeers * peer_trust;
      if (lp.enabled) safety += lp.voice_weight * (s.lmx[i] - 0.5);  // voice in a good exchange
      const double safety_target = std::clamp(safety, 0.0, 1.0);
      s.strain[i] += wp.rate * (strain_target - s.strain[i]);
      s.engagement[i] += wp.rate * (engagement_target - s.engagement[i]);
      s.psych_safety[i] += wp.rate * (safety_target - s.psych_safety[i]);
      s.autonomy[i] += wp.autonomy_rate * ((1.0 - style.control) - s.autonomy[i]);
    }

    // Emotional contagion: engagement moves toward that of the people one listens to (synchronous).
    if (wp.contagion > 0) {
      Eigen::VectorXd& before = s.scratch.next;
      before = s.engagement;
      for (int i = 0; i < n; ++i) {
        if (!s.active[static_cast<std::size_t>(i)]) continue;
        double pull = 0;
        s.influence.for_each_in_row(i, [&](int j, double w) {
          if (j != i && j < n && s.active[static_cast<std::size_t>(j)]) pull += w * (before[j] - before[i]);
        });
        s.engagement[i] += wp.contagion * pull;
      }
    }
    for (int i = 0; i < n; ++i) {
      if (s.active[static_cast<std::size_t>(i)]) s.morale[i] = morale_of(s, i, peer[i]);
    }
  } else {
    compute_morale(s);
  }
  s.signals.morale_before = s.signals.morale;
  s.signals.morale = active_mean(s, s.morale);
}

}  // namespace teamsim
