// Trust (docs/MODEL.md 7.4): employees meet a few teammates and watch the manager; trust moves toward
// the evidence of ability, benevolence and integrity (Mayer, Davis & Schoorman 1995).
#include <algorithm>
#include <cmath>

#include "step.hpp"

namespace teamsim {
namespace {

// Weights of care in the manager's perceived benevolence (docs/MODEL.md 7.4, assumptions): remembered
// recognition counts 1, being mentored this week 0.4, openness 0.3, the holder's agreeableness 0.5.
constexpr double kMentoringCare = 0.4;
constexpr double kOpennessCare = 0.3;
constexpr double kDispositionCare = 0.5;

}  // namespace

void update_trust(const Model& /*model*/, State& s) {
  const TrustParams& tp = s.params.trust;
  if (!tp.enabled) return;
  const ManagerParams& style = s.params.manager;

  // Active seats in order, so a meeting partner is drawn by index.
  std::vector<int>& present = s.scratch.present;
  active_seats(s, present);
  const auto count = static_cast<std::uint32_t>(present.size());

  // Standing (prestige, Henrich & Gil-White 2001): where a peer's social power lies between the least and
  // the most powerful employee.
  double low_power = 1, top_power = 0;
  for (const int i : present) {
    low_power = std::min(low_power, s.power[i]);
    top_power = std::max(top_power, s.power[i]);
  }
  const double power_span = top_power - low_power;

  // Evidence about peer j (Mayer et al. 1995): competence seen in work and persuasiveness; benevolence
  // (helping) and integrity are traits that show in day-to-day contact; standing is prestige. With LMX on,
  // a gap in the manager's favour between i and j divides them (docs/MODEL.md 7.12).
  const LmxParams& lp = s.params.lmx;
  auto meet = [&](int i, int j) {
    const double ability = (1.0 - tp.charisma) * s.performance[j] + tp.charisma * s.persuasiveness[j];
    const double benevolence = s.agreeability[j];
    const double integrity = s.integrity[j];
    const double standing = power_span > 0 ? (s.power[j] - low_power) / power_span : 0.5;
    double evidence =
        (1.0 - tp.status_weight) * (tp.ability_weight * ability + tp.benevolence_weight * benevolence +
                                    tp.integrity_weight * integrity) +
        tp.status_weight * standing;
    if (lp.enabled) evidence = std::max(0.0, evidence - lp.divide * std::abs(s.lmx[i] - s.lmx[j]));
    s.trust(i, j) += tp.rate * (evidence - s.trust(i, j));
  };

  // Peers: each employee meets `meetings` others, drawn with replacement, one at a time: on the complete
  // network uniformly among the other active seats, on a network among the active contacts (in
  // proportion to the contact weight when weights differ) (docs/MODEL.md 7.4, 7.11).
  if (s.network.complete()) {
    if (count > 1) {
      for (const int i : present) {
        for (int meeting = 0; meeting < tp.meetings; ++meeting) {
          std::uint32_t pick = s.rng.below(count - 1);
          if (present[pick] >= i) ++pick;  // skip i itself
          meet(i, present[pick]);
        }
      }
    }
  } else {
    std::vector<int> contacts;
    std::vector<double> reach;  // cumulative contact weight
    for (const int i : present) {
      contacts.clear();
      reach.clear();
      double total = 0;
      s.network.for_each_neighbour(i, [&](int j, double w) {
        if (!s.active[static_cast<std::size_t>(j)]) return;
        contacts.push_back(j);
        reach.push_back(total += w);
      });
      if (contacts.empty()) continue;
      for (int meeting = 0; meeting < tp.meetings; ++meeting) {
        std::size_t pick = 0;
        if (!s.network.weighted()) {
          pick = s.rng.below(static_cast<std::uint32_t>(contacts.size()));
        } else {
          const double u = s.rng.uniform() * total;
          pick = static_cast<std::size_t>(std::upper_bound(reach.begin(), reach.end(), u) - reach.begin());
          pick = std::min(pick, contacts.size() - 1);
        }
        meet(i, contacts[pick]);
      }
    }
  }

  // Manager (a person): ability is the team's performance and the holder's own knowledge; benevolence is the
  // holder's disposition plus care received, minus control; integrity is the holder's integrity shown as
  // consistency of word and deed (a style that keeps changing breaks its word).
  const double ability =
      (1.0 - tp.own_ability) * s.signals.mean_performance + tp.own_ability * manager_competence(s);
  const double consistency = std::clamp(1.0 - tp.inconsistency * s.signals.style_change, 0.0, 1.0);
  const double integrity = s.boss.integrity * consistency;
  for (const int i : present) {
    const auto ui = static_cast<std::size_t>(i);
    const double care = s.recognition[i] + kMentoringCare * s.mentored[ui] + kOpennessCare * style.openness;
    // With LMX on, the relationship's quality shows as care (docs/MODEL.md 7.12).
    double shown = kDispositionCare * s.boss.agreeability + care - tp.micromanage_penalty * style.control;
    if (lp.enabled) shown += lp.trust_weight * (s.lmx[i] - 0.5);
    const double benevolence = std::clamp(shown, 0.0, 1.0);
    const double evidence =
        tp.ability_weight * ability + tp.benevolence_weight * benevolence + tp.integrity_weight * integrity;
    s.trust_manager[i] += tp.manager_rate * (evidence - s.trust_manager[i]);
  }
}

}  // namespace teamsim
