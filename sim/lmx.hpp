#pragma once
// Leader–member exchange (docs/MODEL.md 7.12; Graen & Uhl-Bien 1995): the manager's finite individual
// attention is spread over the team by a style, and the quality of each relationship grows toward what that
// attention buys. Its effects (trust, resources, voice, the cost of differentiation) are in the stages that
// use them (7.4, 7.7).
#include <Eigen/Core>

#include "model.hpp"
#include "state.hpp"

namespace teamsim {

// The stage `attend` (between work and manage; declared with the other stages in step.hpp): attention
// shares, then relationship quality. No-op when lmx is off.

/// Attention each active seat gets this step, 1 = an equal share (vacant seats 0): the favoured group of
/// round(focus x N) seats gets focus-share + favour x (1 - focus-share) of the attention, the rest the
/// remainder.
Eigen::VectorXd allocate_attention(const LmxParams& params, const State& state);

/// Whether the active seat i is in the manager's favoured group this step (the in-group, or under the
/// developmental style the weakest): it gets more than an equal share of the attention. Never with LMX off,
/// the even style or favour 0 (everyone's share is then exactly 1).
bool in_favoured_group(const State& state, int i);

/// LMX differentiation (Henderson et al. 2009): the population s.d. of quality over active seats.
double lmx_differentiation(const State& state);

/// The team's relationships as each member compares against them: the differentiation and the mean
/// quality over active seats (0 and 0 with nobody there).
struct LmxClimate {
  double differentiation = 0, mean = 0;
};
LmxClimate lmx_climate(const State& state);

/// The unfairness demand on a person whose relationship has quality `own` (docs/MODEL.md 7.7, 7.12):
/// fairness_cost x [climate weight x differentiation + (1 - climate weight) x shortfall below the mean].
double unfairness_demand(const LmxParams& params, const LmxClimate& climate, double own);

}  // namespace teamsim
