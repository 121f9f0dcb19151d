#pragma once
// One step of the model as a script of named stages (docs/MODEL.md 3, "Process overview and scheduling").
// Each stage lives in the file of its name and takes (const Model&, State&).
#include <cstdint>
#include <string_view>
#include <vector>

#include "model.hpp"
#include "state.hpp"

namespace teamsim {

/// The state at t = 0, drawn from the model with a Philox stream keyed by `seed` (docs/MODEL.md 5).
State make_state(const Model& model, std::uint64_t seed);

/// Advances the state by one step: t -> t + 1.
void step(const Model& model, State& state);

// The stages, in the order step() calls them.
void apply_events(const Model& model, State& state);      // 7.1
void work(const Model& model, State& state);              // 7.2
void attend(const Model& model, State& state);            // 7.12: the manager's attention (lmx.cpp)
void manage(const Model& model, State& state);            // 7.3
void update_trust(const Model& model, State& state);      // 7.4
void update_influence(const Model& model, State& state);  // 7.5: builds W, once a step
void update_stance(const Model& model, State& state);     // 7.5: Friedkin–Johnsen along W
void learn(const Model& model, State& state);             // 7.6
void update_wellbeing(const Model& model, State& state);  // 7.7
void turnover(const Model& model, State& state);          // 7.8
void find_leaders(const Model& model, State& state);      // 7.9

/// A stage of the step: its name (as in docs/MODEL.md 3 and the benchmark's BM_Stage/NAME), the function,
/// and whether the warm-up runs it.
struct Stage {
  std::string_view name;
  void (*run)(const Model& model, State& state);
  bool in_warm_up;
};

/// The step as a script: the stages in order (docs/MODEL.md 3). step() runs them all; warm_up() runs those
/// marked for it; the tests and the benchmark's per-stage timings read the same list. To add a submodel:
/// its stage function (its own file) and one row here.
inline constexpr Stage kStages[] = {
    {"apply_events", apply_events, false},         // 7.1 scheduled events; none in the warm-up
    {"work", work, true},                          // 7.2
    {"attend", attend, true},                      // 7.12 the manager's attention (LMX; off by default)
    {"manage", manage, true},                      // 7.3
    {"update_trust", update_trust, true},          // 7.4
    {"update_influence", update_influence, true},  // 7.5 W, built once a step
    {"update_stance", update_stance, true},        // 7.5
    {"learn", learn, true},                        // 7.6
    {"update_wellbeing", update_wellbeing, true},  // 7.7
    {"turnover", turnover, true},                  // 7.8
    {"find_leaders", find_leaders, true},          // 7.9
};

// Shared pieces used by several stages and by initialization.
/// Fills the influence matrix W from trust, stance and the manager's authority (7.5).
void build_influence(const Params& params, State& state);
/// Productivity of every active seat from its performance, effort and the team's condition (7.2).
void compute_productivity(const Params& params, State& state);
/// Mean trust of seat i in the other `active` present employees (1 when alone) (7.2, 7.7).
double mean_peer_trust(const State& state, int seat, int active);

/// Change load as the team feels it: the load minus what vision and openness take off (docs/MODEL.md 7.2).
double felt_change_load(const Params& params, const State& state);
/// Morale of every active seat (7.7).
void compute_morale(State& state);
/// Draws every per-person value of seat i from the team's distributions (a new hire; 5 and 7.8).
void seat_new_person(const Model& model, State& state, int seat);
/// One draw of a per-agent value from the team's distribution (normal draws clamped to the range).
double draw_field(const TeamSpec& team, AgentField field, Rng& rng);

/// Draws the traits and beliefs of a new manager (an outsider) from the team's distributions.
void draw_manager_person(const Model& model, State& state);

/// Share of the task the manager's beliefs get right; an unknown (0) dimension counts 1/2.
double manager_competence(const State& state);

/// Runs model.warmup unrecorded steps without events under the initial style, then sets t back to 0
/// (docs/MODEL.md 5.2). No-op when the warm-up is 0.
void warm_up(const Model& model, State& state);
/// Empties seat i; it is filled again at `hire_at` (-1: never).
void vacate_seat(State& state, int seat, int hire_at);
/// Takes what overflows the attention budget (control + recognition + mentoring + vision <= 1) from the
/// shares other than `kept`, in proportion to their size (7.3).
void fit_attention_budget(ManagerParams& manager, double ManagerParams::*kept);
/// Social power: the left Perron vector of the damped influence matrix (7.9).
void compute_power(const Params& params, State& state);
/// The active seats in seat order.
std::vector<int> active_seats(const State& state);
/// The active seats in seat order, into `seats` (reused: no allocation once it has grown to the team).
void active_seats(const State& state, std::vector<int>& seats);
/// Mean of v over active seats (0 when none are active).
double active_mean(const State& state, const Eigen::VectorXd& v);

}  // namespace teamsim
