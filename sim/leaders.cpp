// Social power and informal leaders (docs/MODEL.md 7.9): power is the left Perron vector of the damped
// influence matrix P = d W + (1 - d) / N (Friedkin 1991, with PageRank damping so it is unique).
#include <algorithm>
#include <cmath>

#include "format.hpp"
#include "step.hpp"

namespace teamsim {

void compute_power(const Params& p, State& s) {
  const int n = s.seats();
  const double damping = p.leaders.damping;
  std::vector<int>& nodes = s.scratch.present;
  active_seats(s, nodes);
  nodes.push_back(n);  // the manager
  const auto count = static_cast<double>(nodes.size());

  // Power iteration from last step's power (renormalized over present nodes) until the L1 change < 1e-13.
  Eigen::VectorXd& pi = s.scratch.power;
  Eigen::VectorXd& next = s.scratch.next;
  Eigen::VectorXd& product = s.scratch.product;
  pi.setZero(n + 1);
  next.resize(n + 1);
  double total = 0;
  for (const int i : nodes) total += s.power[i];
  for (const int i : nodes) pi[i] = total > 0 ? s.power[i] / total : 1.0 / count;
  for (int iteration = 0; iteration < 10000; ++iteration) {
    s.influence.transpose_times(pi, product);
    next = damping * product;
    double sum = 0;
    for (const int i : nodes) sum += next[i];
    const double teleport = (1.0 - sum) / count;  // restores the mass of (1 - d) and of empty rows
    double change = 0;
    for (const int i : nodes) {
      next[i] += teleport;
      change += std::abs(next[i] - pi[i]);
    }
    pi.swap(next);
    if (change < 1e-13) break;
  }
  // With damping 1 and a split network the vector is not unique and rounding can leave tiny negatives.
  if (pi.minCoeff() < 0) {
    double mass = 0;
    for (const int i : nodes) mass += pi[i] = std::max(0.0, pi[i]);
    for (const int i : nodes) pi[i] /= mass;
  }
  s.power = pi;
}

void find_leaders(const Model& /*model*/, State& s) {
  if (!s.params.leaders.enabled) return;
  // W as of the stance stage, unless turnover has changed who is present since (or stances moved under
  // bounded confidence): then it is rebuilt, from the same inputs a full rebuild would read.
  if (!s.influence_fresh) build_influence(s.params, s);
  s.influence_fresh = true;
  compute_power(s.params, s);
  const int n = s.seats();
  // A leader holds more than `threshold` times the mean power of the employees present.
  const int present = s.headcount();
  const double cut = present > 0 ? s.params.leaders.threshold * (1.0 - s.power[n]) / present : 0.0;

  // The top leader is the most powerful employee (ties: the lowest seat); the count is of those above
  // the cut. A new top leader is an event when they are above the cut.
  int top = -1, count = 0;
  for (int i = 0; i < n; ++i) {
    if (!s.active[static_cast<std::size_t>(i)]) continue;
    count += s.power[i] > cut;
    if (top < 0 || s.power[i] > s.power[top]) top = i;
  }
  s.leader_count = count;
  if (top >= 0 && top != s.logged_leader && s.power[top] > cut) {
    s.log.push_back({s.t, "top_leader", top, "power=" + format_number(s.power[top])});
    s.logged_leader = top;
  }
  s.top_leader = top;
}

}  // namespace teamsim
