#include "metrics.hpp"

#include <cmath>

namespace teamsim {

double knowledge(const State& s, int seat) {
  const auto m = s.reality.size();
  int right = 0;
  for (Eigen::Index k = 0; k < m; ++k) right += s.beliefs(k, seat) == s.reality[k];
  return static_cast<double>(right) / static_cast<double>(m);
}

Metrics measure(const State& s) {
  Metrics r{};
  const int n = s.seats();
  int active = 0;
  double morale_sq = 0, peer_sum = 0;
  int peer_pairs = 0, dissenters = 0;
  for (int i = 0; i < n; ++i) {
    if (!s.active[static_cast<std::size_t>(i)]) continue;
    ++active;
    r.morale += s.morale[i];
    morale_sq += s.morale[i] * s.morale[i];
    r.trust_in_manager += s.trust_manager[i];
    r.alignment += s.stance[i];
    dissenters += s.stance[i] < kDissentStance;
    r.knowledge += knowledge(s, i);
    r.strain += s.strain[i];
    r.autonomy += s.autonomy[i];
    r.psych_safety += s.psych_safety[i];
    for (int j = 0; j < n; ++j) {
      if (j == i || !s.active[static_cast<std::size_t>(j)]) continue;
      peer_sum += s.trust(i, j);
      ++peer_pairs;
    }
  }
  if (active > 0) {
    const double a = active;
    r.morale /= a;
    r.morale_sd = std::sqrt(std::max(0.0, morale_sq / a - r.morale * r.morale));
    r.trust_in_manager /= a;
    r.alignment /= a;
    r.dissent_share = dissenters / a;
    r.knowledge /= a;
    r.strain /= a;
    r.autonomy /= a;
    r.psych_safety /= a;
  }
  r.peer_trust = peer_pairs ? peer_sum / peer_pairs : 0.0;
  r.productivity = s.signals.productivity;
  int code_right = 0;
  for (Eigen::Index k = 0; k < s.code.size(); ++k) code_right += s.code[k] == s.reality[k];
  r.code_knowledge = static_cast<double>(code_right) / static_cast<double>(s.code.size());
  r.headcount = active;
  r.quits = s.quits;
  r.informal_leaders = s.leader_count;
  r.top_leader = s.top_leader;
  r.top_leader_power = s.top_leader >= 0 ? s.power[s.top_leader] : 0.0;
  r.manager_power = s.power[n];
  return r;
}

}  // namespace teamsim
