// Learning (docs/MODEL.md 7.6), after March (1991): employees are socialized into the code one step at
// a time, then the code learns from the superior group, those who performed better than the code.
// The rules follow the replication of March (1991) by Workiewicz (github.com/Mac13kW/March_1991_Original),
// which reproduces the published equilibrium values.
#include <algorithm>
#include <cmath>

#include "marked.hpp"
#include "step.hpp"

namespace teamsim {

void learn(const Model& model, State& s) {
  const LearningParams& lp = s.params.learning;
  if (!lp.enabled) return;
  const ManagerParams& style = s.params.manager;
  const int n = s.seats();
  const int m = model.team.dims;

  // Socialization: a belief that differs from a non-zero code moves one step toward it with p1_i.
  for (int i = 0; i < n; ++i) {
    const auto ui = static_cast<std::size_t>(i);
    if (!s.active[ui]) continue;
    double p1 = lp.p1;
    if (lp.couplings) {
      const double acceptance = std::clamp(2.0 * std::min(s.trust_manager[i], s.stance[i]), 0.0, 1.0);
      p1 *= s.learning_speed[i] * (1.0 + lp.control_boost * style.control) *
            (1.0 + lp.mentoring_boost * s.mentored[ui]) * acceptance;
      p1 = std::min(p1, 1.0);
    }
    std::int8_t* beliefs = s.beliefs.col(i).data();
    for_each_marked(
        m, [&](int k) { return s.code[k] != 0 && beliefs[k] != s.code[k]; },
        [&](int k) {
          if (s.rng.bernoulli(p1))
            beliefs[k] = static_cast<std::int8_t>(beliefs[k] + (s.code[k] > beliefs[k] ? 1 : -1));
        });
  }

  // Experience (only with couplings: March's model has none): on a dimension where this week's action
  // failed, the belief moves one step toward reality with probability experience * learning speed. It is
  // how a team relearns after a change in the task.
  if (lp.couplings && lp.experience > 0) {
    for (int i = 0; i < n; ++i) {
      if (!s.active[static_cast<std::size_t>(i)]) continue;
      const double chance = std::min(1.0, lp.experience * s.learning_speed[i]);
      std::int8_t* beliefs = s.beliefs.col(i).data();
      const std::int8_t* actions = s.actions.col(i).data();
      for_each_marked(
          m, [&](int k) { return actions[k] != s.reality[k]; },
          [&](int k) {
            if (s.rng.bernoulli(chance))
              beliefs[k] = static_cast<std::int8_t>(beliefs[k] + (s.reality[k] > 0 ? 1 : -1));
          });
    }
  }

  // The manager, a person too, is socialized into the code at the base rate (only with couplings: in
  // March's setting the manager is not part of the model).
  if (lp.couplings) {
    for (int k = 0; k < m; ++k) {
      const int code = s.code[k];
      const int belief = s.boss.beliefs[k];
      if (code == 0 || belief == code) continue;
      if (s.rng.bernoulli(lp.p1))
        s.boss.beliefs[k] = static_cast<std::int8_t>(belief + (code > belief ? 1 : -1));
    }
  }

  // The code learns from the superior group: those whose realized score (right minus wrong actions)
  // beats the code's score (right minus wrong, a 0 counting nothing). On each dimension the code jumps
  // to the majority action of the group with probability 1 - (1 - p2)^margin; a tie changes nothing.
  int code_score = 0;
  for (int k = 0; k < m; ++k) code_score += s.code[k] * s.reality[k];
  double p2 = lp.p2;
  if (lp.couplings) p2 = std::min(1.0, p2 * (1.0 + lp.openness_boost * style.openness));
  std::vector<int> superior;
  for (int i = 0; i < n; ++i) {
    if (!s.active[static_cast<std::size_t>(i)]) continue;
    const double score = (2.0 * s.performance[i] - 1.0) * m;  // right - wrong, every action being +-1
    if (score > code_score + 1e-9) superior.push_back(i);
  }
  if (superior.empty()) return;
  for (int k = 0; k < m; ++k) {
    int plus = 0, minus = 0;
    for (const int i : superior) {
      plus += s.actions(k, i) > 0;
      minus += s.actions(k, i) < 0;
    }
    if (plus == minus) continue;
    const int dominant = plus > minus ? 1 : -1;
    if (s.code[k] == dominant) continue;
    const int margin = std::abs(plus - minus);
    if (s.rng.bernoulli(1.0 - std::pow(1.0 - p2, margin))) s.code[k] = static_cast<std::int8_t>(dominant);
  }
}

}  // namespace teamsim
