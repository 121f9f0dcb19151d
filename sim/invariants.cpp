// The engine's invariants, checked with TEAMSIM_ASSERT at the boundaries of a step (after make_state and
// after every step), never inside the stages' equations. Only O(n + ties + events) checks: a step costs
// O(n^2) on the complete network and O(n + ties) on another.
#include "invariants.hpp"

#include <algorithm>
#include <cmath>

#include "assert.hpp"

namespace teamsim {

void check_invariants(const Model& model, const State& s) {
  const int n = model.team.size;
  const int m = model.team.dims;
  // The shape of the state is fixed by the model: seats are emptied and refilled, never added.
  TEAMSIM_ASSERT(s.seats() == n, "seats " + std::to_string(s.seats()) + " != team.size " + std::to_string(n));
  // Trust: n x n when dense; when sparse, a slot for each tie of the network (tie events keep them in step).
  TEAMSIM_ASSERT(s.trust.fits(s.network),
                 s.trust.sparse() ? "trust's slots are not the network's ties" : "trust is not n x n");
  TEAMSIM_ASSERT(s.influence.nodes() == n + 1, "influence is not (n+1) x (n+1)");
  TEAMSIM_ASSERT(s.network.size() == n, "the contact network is not of team.size seats");
  TEAMSIM_ASSERT(s.power.size() == n + 1, "power is not of length n + 1");
  TEAMSIM_ASSERT(s.beliefs.rows() == m && s.beliefs.cols() == n, "beliefs are not dims x n");
  TEAMSIM_ASSERT(s.reality.size() == m, "reality is not of length dims");
  TEAMSIM_ASSERT(s.stance.size() == n && s.trust_manager.size() == n && s.morale.size() == n,
                 "a per-seat vector is not of length n");
  TEAMSIM_ASSERT(s.t >= 0, "negative step " + std::to_string(s.t));

  // Who an event or the leaders stage names is a filled seat (vacate_seat clears the references).
  const auto filled = [&](int seat) {
    return seat >= 0 && seat < n && s.active[static_cast<std::size_t>(seat)];
  };
  TEAMSIM_ASSERT(s.top_leader == -1 || filled(s.top_leader),
                 "top_leader " + std::to_string(s.top_leader) + " is not a filled seat");
  TEAMSIM_ASSERT(s.dissenter == -1 || filled(s.dissenter),
                 "dissenter " + std::to_string(s.dissenter) + " is not a filled seat");
  TEAMSIM_ASSERT(s.quits >= 0 && s.quits <= n, "quits " + std::to_string(s.quits) + " outside [0, n]");
  for (const PersonId p : s.person) {
    TEAMSIM_ASSERT(static_cast<int>(p) >= 0 && static_cast<int>(p) < s.next_person,
                   "person id " + std::to_string(static_cast<int>(p)) + " was never issued");
  }

  // The change load fades from an event's load in [0, 1] to 0.
  TEAMSIM_ASSERT(s.change_load >= 0 && s.change_load <= 1,
                 "change load " + std::to_string(s.change_load) + " outside [0, 1]");

  // With leaders on, power is a probability vector over the present nodes (7.9) whenever it is finite (a
  // non-finite value is the guard's business, 7.10). With leaders off it is never recomputed.
  if (!s.params.leaders.enabled) return;
  double mass = 0;
  for (Eigen::Index i = 0; i < s.power.size(); ++i) mass += s.power[i];
  TEAMSIM_ASSERT(!std::isfinite(mass) || std::abs(mass - 1.0) < 1e-6,
                 "social power sums to " + std::to_string(mass) + ", not 1");
}

void check_events_sorted(const Model& model) {
  TEAMSIM_ASSERT(std::is_sorted(model.events.begin(), model.events.end(),
                                [](const Event& a, const Event& b) { return a.at < b.at; }),
                 "the model's events are not sorted by step (events_at needs them sorted)");
}

}  // namespace teamsim
