#pragma once
// Checks of the engine's invariants (TEAMSIM_ASSERT: on in Debug and RelWithDebInfo, off in Release).
#include "model.hpp"
#include "state.hpp"

namespace teamsim {

/// The state's shape matches the model, referenced seats are filled, power is a probability vector.
void check_invariants(const Model& model, const State& state);
/// The model's events are sorted by step (the per-step index relies on it).
void check_events_sorted(const Model& model);

}  // namespace teamsim
