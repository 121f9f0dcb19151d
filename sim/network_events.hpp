#pragma once
// Events that change the contact network during a run (docs/MODEL.md 7.1, 7.11): a tie starts or ends.
#include "model.hpp"
#include "state.hpp"

namespace teamsim {

/// Ties seats a and b with contact weight `weight` (re-weights an existing tie). A new tie between two filled
/// seats draws the trust prior both ways (T_ab then T_ba). Logged as `tie`.
void add_contact(const Model& model, State& state, int a, int b, double weight);

/// Ends the tie between seats a and b (nothing if there is none). Logged as `untie`.
void remove_contact(State& state, int a, int b);

}  // namespace teamsim
