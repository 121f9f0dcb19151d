#include "metrics.hpp"

#include "format.hpp"

namespace teamsim {
namespace {

// One pass over the active seats: the sums every metric is computed from.
TeamTally tally(const State& s) {
  TeamTally t{s};
  const int n = s.seats();
  for (int i = 0; i < n; ++i) {
    if (!s.active[static_cast<std::size_t>(i)]) continue;
    ++t.active;
    t.morale += s.morale[i];
    t.morale_sq += s.morale[i] * s.morale[i];
    t.trust_manager += s.trust_manager[i];
    t.stance += s.stance[i];
    t.dissenters += s.stance[i] < kDissentStance;
    t.knowledge += knowledge(s, i);
    t.strain += s.strain[i];
    t.autonomy += s.autonomy[i];
    t.psych_safety += s.psych_safety[i];
    // Over ordered pairs of active contacts (every pair on the complete network), in seat order.
    s.network.for_each_neighbour(i, [&](int j, double) {
      if (!s.active[static_cast<std::size_t>(j)]) return;
      t.peer_trust += s.trust(i, j);
      ++t.peer_pairs;
    });
  }
  return t;
}

}  // namespace

double knowledge(const State& s, int seat) {
  const auto m = s.reality.size();
  int right = 0;
  for (Eigen::Index k = 0; k < m; ++k) right += s.beliefs(k, seat) == s.reality[k];
  return static_cast<double>(right) / static_cast<double>(m);
}

double code_knowledge(const State& s) {
  int right = 0;
  for (Eigen::Index k = 0; k < s.code.size(); ++k) right += s.code[k] == s.reality[k];
  return static_cast<double>(right) / static_cast<double>(s.code.size());
}

Metrics measure(const State& s) {
  const TeamTally sums = tally(s);
  Metrics r{};
  for (const MetricSpec& metric : kMetrics) r.*metric.field = metric.compute(sums);
  return r;
}

std::array<double, kMetricCount + 1> metrics_row(int t, const Metrics& metrics) {
  std::array<double, kMetricCount + 1> row{};
  row[0] = t;
  for (std::size_t j = 0; j < kMetricCount; ++j) row[j + 1] = metrics.*kMetrics[j].field;
  return row;
}

void append_metrics_row(std::string& line, std::span<const double> values) {
  for (std::size_t j = 0; j < values.size(); ++j) {
    if (j > 0) line += ',';
    append_number(line, values[j]);
  }
}

}  // namespace teamsim
