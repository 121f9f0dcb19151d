// Network and leader–member exchange patterns (issue 10; docs/SCENARIOS.md Na, Nb, Nc, LMX). Like
// patterns_test.cpp: seeds 1..40, scenarios compared on the same seeds (paired), an effect must lie more than
// the two-sided 99% Student-t quantile of standard errors from zero. The claims compare groups of seats, so
// the runs are recorded seat by seat here rather than through timeseries.csv. With TEAMSIM_REPORT set, each
// effect is also printed with its 95% interval (the figures of docs/SCENARIOS.md).
#include <boost/math/distributions/students_t.hpp>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <numeric>

#include "metrics.hpp"
#include "simulate.hpp"
#include "test_util.hpp"

namespace teamsim::test {
namespace {

constexpr int kReplications = 40;
const double kZ99 = boost::math::quantile(boost::math::students_t(kReplications - 1), 0.995);
const double kZ95 = boost::math::quantile(boost::math::students_t(kReplications - 1), 0.975);

/// One week of one run, per seat (NaN for a vacant seat) and for the team.
struct Week {
  std::vector<double> power, stance, trust_manager, morale;
  int top_leader = -1;
  double team_morale = 0, peer_trust = 0;
};

struct Run {
  std::vector<Week> weeks;    // index = t
  std::vector<int> quitters;  // seats that quit at t >= 1
};

class SeatRecorder final : public Observer {
 public:
  explicit SeatRecorder(Run& run) : run_(run) {}
  void on_record(const State& s, const Metrics& m) override {
    Week w;
    const double nan = std::nan("");
    for (int i = 0; i < s.seats(); ++i) {
      const bool on = s.active[static_cast<std::size_t>(i)] != 0;
      w.power.push_back(on ? s.power[i] : nan);
      w.stance.push_back(on ? s.stance[i] : nan);
      w.trust_manager.push_back(on ? s.trust_manager[i] : nan);
      w.morale.push_back(on ? s.morale[i] : nan);
    }
    w.top_leader = s.top_leader;
    w.team_morale = m.morale;
    w.peer_trust = m.peer_trust;
    run_.weeks.push_back(std::move(w));
  }
  void on_event(const EventRecord& e) override {
    if (e.event == "quit" && e.t >= 1) run_.quitters.push_back(e.agent);
  }

 private:
  Run& run_;
};

std::vector<Run> replicate(const std::string& name) {
  const Model model = load_scenario(name, options());
  std::vector<Run> runs(kReplications);
  for (int r = 0; r < kReplications; ++r) {
    SeatRecorder recorder(runs[static_cast<std::size_t>(r)]);
    simulate(model, RunSettings{model.steps, static_cast<std::uint64_t>(r + 1), 1}, recorder);
  }
  return runs;
}

using Measure = std::function<double(const Run&)>;

/// Mean over weeks from..to of a per-week value; weeks where it is NaN (nobody there) are skipped.
Measure over_weeks(int from, int to, std::function<double(const Week&)> of) {
  return [=](const Run& r) {
    double sum = 0;
    int count = 0;
    for (int t = from; t <= to; ++t) {
      const double v = of(r.weeks[static_cast<std::size_t>(t)]);
      if (std::isnan(v)) continue;
      sum += v;
      ++count;
    }
    return count ? sum / count : 0.0;
  };
}

/// Mean of a per-seat field over the active seats first..last.
std::function<double(const Week&)> group_mean(std::vector<double> Week::*field, int first, int last) {
  return [=](const Week& w) {
    double sum = 0;
    int count = 0;
    for (int i = first; i <= last; ++i) {
      const double v = (w.*field)[static_cast<std::size_t>(i)];
      if (std::isnan(v)) continue;
      sum += v;
      ++count;
    }
    return count ? sum / count : std::nan("");
  };
}

/// Population s.d. of a per-seat field over the active seats.
std::function<double(const Week&)> spread(std::vector<double> Week::*field) {
  return [=](const Week& w) {
    double sum = 0, squares = 0;
    int count = 0;
    for (const double v : w.*field) {
      if (std::isnan(v)) continue;
      sum += v;
      squares += v * v;
      ++count;
    }
    if (count < 2) return std::nan("");
    const double mean = sum / count;
    return std::sqrt(std::max(0.0, squares / count - mean * mean));
  };
}

struct Estimate {
  double mean, se;
};

Estimate estimate(const std::vector<double>& x) {
  const double n = static_cast<double>(x.size());
  const double mean = std::accumulate(x.begin(), x.end(), 0.0) / n;
  double ss = 0;
  for (const double v : x) ss += (v - mean) * (v - mean);
  return {mean, std::sqrt(ss / (n - 1) / n)};
}

/// Paired difference of two measures, b(run_b) - a(run_a), over the replications.
Estimate paired(const std::vector<Run>& a, const Measure& of_a, const std::vector<Run>& b,
                const Measure& of_b) {
  std::vector<double> d;
  for (std::size_t r = 0; r < a.size(); ++r) d.push_back(of_b(b[r]) - of_a(a[r]));
  return estimate(d);
}

/// Prints the effect with its 95% and 99% intervals when TEAMSIM_REPORT is set (docs/SCENARIOS.md).
void report(const Estimate& e, const std::string& what) {
  if (!std::getenv("TEAMSIM_REPORT")) return;
  std::printf("| %s | %.4f [%.4f, %.4f] | [%.4f, %.4f] |\n", what.c_str(), e.mean, e.mean - kZ95 * e.se,
              e.mean + kZ95 * e.se, e.mean - kZ99 * e.se, e.mean + kZ99 * e.se);
}

/// The effect is positive beyond the 99% t quantile.
void require_positive(const Estimate& e, const std::string& what) {
  report(e, what);
  INFO(what << ": " << e.mean << " (se " << e.se << ")");
  CHECK(e.mean > kZ99 * e.se);
}

}  // namespace

TEST_CASE(
    "Na a broker between two sub-teams becomes an informal leader more often than an equal-trait insider",
    "[patterns][network][slow]") {
  const auto runs = replicate("broker");
  // Seat 0 is the broker, seat 1 an insider of the same sub-team with traits from the same distributions.
  auto seat_power = [](int seat) {
    return over_weeks(1, 104, [seat](const Week& w) { return w.power[static_cast<std::size_t>(seat)]; });
  };
  require_positive(paired(runs, seat_power(1), runs, seat_power(0)),
                   "Na power: broker - insider, weeks 1-104");
  auto top_share = [](int seat) {
    return over_weeks(1, 104, [seat](const Week& w) { return w.top_leader == seat ? 1.0 : 0.0; });
  };
  require_positive(paired(runs, top_share(1), runs, top_share(0)),
                   "Na share of weeks as top leader: broker - insider, weeks 1-104");
}

TEST_CASE("Nb dissent from a broker reaches both sub-teams; dissent inside a clique stays there longer",
          "[patterns][network][slow]") {
  const auto base = replicate("broker");
  const auto broker = replicate("broker_dissent");
  const auto clique = replicate("clique_dissent");
  const auto own_after_broker = over_weeks(31, 60, group_mean(&Week::stance, 1, 5));
  const auto second = over_weeks(31, 60, group_mean(&Week::stance, 6, 11));
  const auto own_after_clique = over_weeks(31, 60, group_mean(&Week::stance, 2, 5));

  // The broker's dissent lowers alignment in both sub-teams (against the same teams without dissent).
  require_positive(paired(broker, second, base, second), "Nb broker dissent: fall of the second sub-team");
  require_positive(paired(broker, own_after_broker, base, own_after_broker),
                   "Nb broker dissent: fall of the broker's own sub-team");
  // The second sub-team falls more when the broker dissents than when an insider does.
  require_positive(paired(broker, second, clique, second),
                   "Nb second sub-team: stance after clique dissent - after broker dissent");
  // After an insider's dissent, their own sub-team falls more than the other one.
  std::vector<double> gap;
  for (std::size_t r = 0; r < base.size(); ++r) {
    const double own = own_after_clique(base[r]) - own_after_clique(clique[r]);
    const double other = second(base[r]) - second(clique[r]);
    gap.push_back(own - other);
  }
  require_positive(estimate(gap), "Nb clique dissent: fall of the own sub-team - fall of the second");
}

TEST_CASE("Nc and LMX: a strong in-group helps the in-group, hurts the out-group and the team",
          "[patterns][lmx][slow]") {
  const auto even = replicate("lmx_even");
  const auto favoured = replicate("lmx_in_group");
  const auto team_morale = over_weeks(1, 104, [](const Week& w) { return w.team_morale; });
  const auto cohesion = over_weeks(1, 104, [](const Week& w) { return w.peer_trust; });
  const auto trust_spread = over_weeks(1, 104, spread(&Week::trust_manager));
  const Measure out_quits = [](const Run& r) {
    return static_cast<double>(
        std::count_if(r.quitters.begin(), r.quitters.end(), [](int s) { return s >= 3; }));
  };
  // Nc: team morale and cohesion lower, trust in the manager more dispersed, more quits in the out-group.
  require_positive(paired(favoured, team_morale, even, team_morale), "Nc team morale: even - in-group");
  require_positive(paired(favoured, cohesion, even, cohesion), "Nc peer trust: even - in-group");
  require_positive(paired(even, trust_spread, favoured, trust_spread),
                   "Nc s.d. of trust in the manager: in-group - even");
  require_positive(paired(even, out_quits, favoured, out_quits), "Nc out-group quits: in-group - even");

  // LMX: the out-group (seats 3-11) loses. The claimed gain of the in-group (seats 0-2) is not produced:
  // their trust in the manager is not significantly higher and their morale is lower, because the cost of
  // differentiation falls on everyone (docs/SCENARIOS.md "Networks and leader–member exchange"). Those two
  // are reported (TEAMSIM_REPORT), not asserted.
  for (auto field : {&Week::trust_manager, &Week::morale}) {
    const char* name = field == &Week::trust_manager ? "trust in the manager" : "morale";
    const auto in = over_weeks(1, 104, group_mean(field, 0, 2));
    const auto out = over_weeks(1, 104, group_mean(field, 3, 11));
    require_positive(paired(favoured, out, even, out),
                     std::string("LMX out-group ") + name + ": even - in-group");
    const Estimate gain = paired(even, in, favoured, in);
    report(gain, std::string("LMX in-group ") + name + ": in-group - even (not asserted)");
  }
}

}  // namespace teamsim::test
