// Tie events (docs/MODEL.md 7.1, 7.11): a reorganization or a new remote colleague changes who is in contact.
#include "network_events.hpp"

#include "format.hpp"
#include "step.hpp"

namespace teamsim {

void add_contact(const Model& model, State& s, int a, int b, double weight) {
  const bool fresh = s.network.weight(a, b) == 0.0;
  s.network.add_tie(a, b, weight);
  s.trust.add_contact(a, b);
  // Strangers until now: both start from the prior, as a newcomer does (7.8).
  if (fresh && s.active[static_cast<std::size_t>(a)] && s.active[static_cast<std::size_t>(b)]) {
    s.trust(a, b) = draw_field(model.team, AgentField::trust_peer, s.rng);
    s.trust(b, a) = draw_field(model.team, AgentField::trust_peer, s.rng);
  }
  s.log.push_back({s.t, "tie", a, "other=" + std::to_string(b) + " weight=" + format_number(weight)});
}

void remove_contact(State& s, int a, int b) {
  s.network.remove_tie(a, b);
  s.trust.remove_contact(a, b);  // on the sparse storage the values go: a new tie draws afresh
  s.log.push_back({s.t, "untie", a, "other=" + std::to_string(b)});
}

}  // namespace teamsim
