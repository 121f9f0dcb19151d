#include "step.hpp"

#include "invariants.hpp"

namespace teamsim {

void step(const Model& model, State& state) {
  ++state.t;
  state.quits = 0;
  apply_events(model, state);
  work(model, state);
  manage(model, state);
  update_trust(model, state);
  update_stance(model, state);
  learn(model, state);
  update_wellbeing(model, state);
  turnover(model, state);
  find_leaders(model, state);
  check_invariants(model, state);
}

int State::headcount() const {
  int count = 0;
  for (auto a : active) count += a;
  return count;
}

std::vector<int> active_seats(const State& s) {
  std::vector<int> seats;
  seats.reserve(s.active.size());
  for (int i = 0; i < s.seats(); ++i) {
    if (s.active[static_cast<std::size_t>(i)]) seats.push_back(i);
  }
  return seats;
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
