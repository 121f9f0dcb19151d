// Leader–member exchange (docs/MODEL.md 7.12): who gets the manager's attention, and how each relationship's
// quality follows it (Graen & Uhl-Bien 1995; differentiation: Henderson et al. 2009).
#include "lmx.hpp"

#include <algorithm>
#include <cmath>

#include "step.hpp"

namespace teamsim {
namespace {

// The favoured seats: the in-group (highest quality first) or the weakest (lowest performance first);
// ties go to the lower seat.
std::vector<int> favoured(const LmxParams& p, const State& s, const std::vector<int>& present) {
  std::vector<int> order = present;
  if (p.style == LmxStyle::in_group) {
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return s.lmx[a] > s.lmx[b]; });
  } else {
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return s.performance[a] < s.performance[b]; });
  }
  const auto count = static_cast<std::size_t>(std::clamp<long>(
      std::lround(p.focus * static_cast<double>(present.size())), 0L, static_cast<long>(present.size())));
  order.resize(count);
  return order;
}

// A new manager starts every relationship afresh: quality is drawn again from the team's distribution.
void restart_if_new_manager(const Model& model, State& s) {
  if (s.lmx_holder == s.manager) return;
  for (int i = 0; i < s.seats(); ++i) {
    if (s.active[static_cast<std::size_t>(i)]) s.lmx[i] = draw_field(model.team, AgentField::lmx, s.rng);
  }
  s.lmx_holder = s.manager;
}

}  // namespace

Eigen::VectorXd allocate_attention(const LmxParams& p, const State& s) {
  Eigen::VectorXd share = Eigen::VectorXd::Zero(s.seats());
  const std::vector<int> present = active_seats(s);
  const auto total = static_cast<double>(present.size());
  for (const int i : present) share[i] = 1.0;
  if (p.style == LmxStyle::even || p.favour == 0 || present.empty()) return share;
  const std::vector<int> chosen = favoured(p, s, present);
  const auto k = static_cast<double>(chosen.size());
  if (k == 0 || k == total) return share;
  // The favoured group's part of the attention: its equal share plus `favour` of the rest.
  const double part = k / total + p.favour * (1.0 - k / total);
  for (const int i : present) share[i] = total * (1.0 - part) / (total - k);
  for (const int i : chosen) share[i] = total * part / k;
  return share;
}

bool in_favoured_group(const State& s, int i) {
  return s.active[static_cast<std::size_t>(i)] && s.attention[i] > 1.0;
}

double lmx_differentiation(const State& s) {
  double sum = 0, squares = 0;
  int count = 0;
  for (int i = 0; i < s.seats(); ++i) {
    if (!s.active[static_cast<std::size_t>(i)]) continue;
    sum += s.lmx[i];
    squares += s.lmx[i] * s.lmx[i];
    ++count;
  }
  if (count < 2) return 0.0;
  const double mean = sum / count;
  return std::sqrt(std::max(0.0, squares / count - mean * mean));
}

LmxClimate lmx_climate(const State& s) {
  double sum = 0;
  int count = 0;
  for (int i = 0; i < s.seats(); ++i) {
    if (!s.active[static_cast<std::size_t>(i)]) continue;
    sum += s.lmx[i];
    ++count;
  }
  return {lmx_differentiation(s), count ? sum / count : 0.0};
}

double unfairness_demand(const LmxParams& p, const LmxClimate& climate, double own) {
  // Everyone feels a differentiated team's climate (Erdogan & Bauer 2010); those below the team's mean
  // also compare unfavourably (relative LMX: Vidyarthi et al. 2010; Tse et al. 2018).
  const double shortfall = std::max(0.0, climate.mean - own);
  return p.fairness_cost *
         (p.fairness_climate * climate.differentiation + (1.0 - p.fairness_climate) * shortfall);
}

void attend(const Model& model, State& s) {
  const LmxParams& p = s.params.lmx;
  if (!p.enabled) return;
  restart_if_new_manager(model, s);
  s.attention = allocate_attention(p, s);
  // Quality relaxes toward what the attention buys: the manager's personal shares (recognition and
  // mentoring) times the person's share of attention.
  const ManagerParams& style = s.params.manager;
  const double personal = style.recognition + style.mentoring;
  for (int i = 0; i < s.seats(); ++i) {
    if (!s.active[static_cast<std::size_t>(i)]) continue;
    const double target = std::clamp(p.base + p.gain * personal * s.attention[i], 0.0, 1.0);
    s.lmx[i] += p.rate * (target - s.lmx[i]);
  }
}

}  // namespace teamsim
