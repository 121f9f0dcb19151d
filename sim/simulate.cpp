#include "simulate.hpp"

#include <cmath>

#include "step.hpp"

namespace teamsim {
namespace {

// Counts and repairs values that left their range or are not finite (docs/MODEL.md 7.10).
void guard(State& s) {
  auto check = [&](double& v, double lo, double hi) {
    if (std::isfinite(v) && v >= lo && v <= hi) return;
    ++s.numeric_issues;
    v = std::isfinite(v) ? std::clamp(v, lo, hi) : lo;
  };
  for (int i = 0; i < s.seats(); ++i) {
    if (!s.active[static_cast<std::size_t>(i)]) continue;
    for (Eigen::VectorXd* v : {&s.stance, &s.trust_manager, &s.autonomy, &s.strain, &s.engagement,
                               &s.psych_safety, &s.morale, &s.recognition}) {
      check((*v)[i], 0.0, 1.0);
    }
  }
}

void drain_log(State& s, Observer& observer) {
  for (const auto& e : s.log) observer.on_event(e);
  s.log.clear();
}

}  // namespace

RunSummary simulate(const Model& model, const RunSettings& settings, Observer& observer) {
  State state = make_state(model, settings.seed);
  warm_up(model, state);
  drain_log(state, observer);
  observer.on_record(state, measure(state));
  for (int t = 1; t <= settings.steps; ++t) {
    step(model, state);
    guard(state);
    drain_log(state, observer);
    if (t % settings.every == 0 || t == settings.steps) observer.on_record(state, measure(state));
  }
  RunSummary summary;
  summary.final = measure(state);
  summary.numeric_issues = state.numeric_issues;
  summary.random_words = state.rng.words_drawn();
  return summary;
}

}  // namespace teamsim
