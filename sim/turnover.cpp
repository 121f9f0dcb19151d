// Turnover (docs/MODEL.md 7.8): quits rise as morale falls; a vacated seat is filled after the hiring
// delay by a newcomer drawn from the team's distributions.
#include <algorithm>
#include <cmath>

#include "format.hpp"
#include "step.hpp"

namespace teamsim {

void turnover(const Model& model, State& s) {
  const TurnoverParams& tp = s.params.turnover;
  const int n = s.seats();
  if (tp.enabled) {
    // Quits, seat by seat: a proportional hazard in morale, base * min(cap, exp(slope * (reference -
    // morale))).
    for (int i = 0; i < n; ++i) {
      if (!s.active[static_cast<std::size_t>(i)]) continue;
      // The ratio is capped: even under bad management quits stay within reported ranges (docs/MODEL.md 7.8).
      const double ratio =
          std::min(tp.max_ratio, std::exp(tp.hazard_slope * (tp.morale_reference - s.morale[i])));
      const double hazard = std::min(1.0, tp.base_hazard * ratio);
      if (s.rng.bernoulli(hazard)) {
        vacate_seat(s, i, s.t + tp.hiring_delay);
        ++s.quits;
        ++s.total_quits;
        s.log.push_back({s.t, "quit", i, "morale=" + format_number(s.morale[i])});
      }
    }
  }
  // Hires whose delay has run out (also after layoffs with rehire), seat by seat.
  for (int i = 0; i < n; ++i) {
    const auto ui = static_cast<std::size_t>(i);
    if (s.active[ui] || s.hire_at[ui] < 0 || s.hire_at[ui] > s.t) continue;
    seat_new_person(model, s, i);
    s.log.push_back({s.t, "hire", i, "person=" + std::to_string(static_cast<int>(s.person[ui]))});
  }
  // Tenure of everyone present after this step.
  for (int i = 0; i < n; ++i) {
    if (s.active[static_cast<std::size_t>(i)]) ++s.tenure[static_cast<std::size_t>(i)];
  }
  compute_morale(s);
}

}  // namespace teamsim
