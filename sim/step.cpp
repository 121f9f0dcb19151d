#include "step.hpp"

#include "invariants.hpp"

namespace teamsim {

void step(const Model& model, State& state) {
  ++state.t;
  state.quits = 0;
  for (const Stage& stage : kStages) stage.run(model, state);
  check_invariants(model, state);
}

void warm_up(const Model& model, State& state) {
  if (model.warmup <= 0) return;
  // The team works together before t = 0: every stage but the events, nothing recorded.
  for (int w = 0; w < model.warmup; ++w) {
    ++state.t;
    state.quits = 0;
    for (const Stage& stage : kStages) {
      if (stage.in_warm_up) stage.run(model, state);
    }
  }
  // Back to t = 0: pending hires keep their remaining delay, the style returns to the scenario's.
  for (auto& at : state.hire_at) {
    if (at >= 0) at -= state.t;
  }
  state.t = 0;
  state.quits = state.total_quits = 0;
  state.params.manager = state.intended = model.initial_params.manager;
  state.influence_fresh = false;  // the manager's authority may have changed with the style
  state.log.clear();
  state.logged_leader = -1;
  find_leaders(model, state);  // logs the established top leader at t = 0
}

int State::headcount() const {
  int count = 0;
  for (auto a : active) count += a;
  return count;
}

std::vector<int> active_seats(const State& s) {
  std::vector<int> seats;
  active_seats(s, seats);
  return seats;
}

void active_seats(const State& s, std::vector<int>& seats) {
  seats.clear();
  seats.reserve(s.active.size());
  for (int i = 0; i < s.seats(); ++i) {
    if (s.active[static_cast<std::size_t>(i)]) seats.push_back(i);
  }
}

double active_mean(const State& state, const Eigen::VectorXd& v) {
  double sum = 0;
  int count = 0;
  for (int i = 0; i < state.seats(); ++i) {
    if (!state.active[static_cast<std::size_t>(i)]) continue;
    sum += v[i];
    ++count;
  }
  return count ? sum / count : 0.0;
}

}  // namespace teamsim
