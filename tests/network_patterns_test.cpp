// Network and leader–member exchange patterns (issue 10; docs/SCENARIOS.md Na, Nb, Nc, LMX). Like
// patterns_test.cpp: seeds 1..40 through tests/replicate.hpp, scenarios compared on the same seeds (paired),
// an effect must lie more than the two-sided 99% Student-t quantile of standard errors from zero. The claims
// compare groups of seats, so the runs keep per-seat values (Run::seats). The LMX groups are the ones the
// model forms each week (in_group in the state), as fixed in docs/review/network/plan2.md before the first
// run. With TEAMSIM_REPORT set, each effect is printed with its 95% and 99% intervals (docs/SCENARIOS.md).
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "lmx.hpp"
#include "replicate.hpp"

namespace teamsim::test {
namespace {

constexpr int kReplications = 40;
const double kZ99 = student_t_quantile(0.99, kReplications - 1);
const double kZ95 = student_t_quantile(0.95, kReplications - 1);

const std::vector<SeatField> kSeatFields = {
    {"power", [](const State& s, int i) { return s.power[i]; }},
    {"stance", [](const State& s, int i) { return s.stance[i]; }},
    {"trust_manager", [](const State& s, int i) { return s.trust_manager[i]; }},
    {"morale", [](const State& s, int i) { return s.morale[i]; }},
    {"in_group", [](const State& s, int i) { return in_favoured_group(s, i) ? 1.0 : 0.0; }},
};

std::vector<Run> runs_of(const std::string& name) {
  return replicate(name, kReplications, {}, {}, kSeatFields);
}

/// A value of one week of a run (NaN when there is nothing to average that week).
using WeekValue = std::function<double(const Run&, int t)>;
/// The same for a paired pair of runs (a from one scenario, b from the other, same seed).
using PairedWeekValue = std::function<double(const Run& a, const Run& b, int t)>;

/// Mean over weeks from..to of a paired weekly value, skipping the weeks where it is NaN (0 if all are).
double over_weeks(const Run& a, const Run& b, int from, int to, const PairedWeekValue& of) {
  double sum = 0;
  int count = 0;
  for (int t = from; t <= to; ++t) {
    const double v = of(a, b, t);
    if (std::isnan(v)) continue;
    sum += v;
    ++count;
  }
  return count ? sum / count : 0.0;
}

/// A run's mean over weeks from..to of a weekly value, skipping the weeks where it is NaN (0 if all are).
Measure weeks_mean(int from, int to, const WeekValue& of) {
  return [=](const Run& run) {
    return over_weeks(run, run, from, to, [of](const Run& r, const Run&, int t) { return of(r, t); });
  };
}

/// Per replicate, the mean over weeks of `of` on the paired runs a[r], b[r].
Estimate paired_over_weeks(const std::vector<Run>& a, const std::vector<Run>& b, int from, int to,
                           const PairedWeekValue& of) {
  std::vector<double> values;
  for (std::size_t r = 0; r < a.size(); ++r) values.push_back(over_weeks(a[r], b[r], from, to, of));
  return estimate(values);
}

/// Mean of a seat field over the active seats with `member(seat)` true (NaN if none).
double seat_mean(const Run& run, const std::string& field, int t, const std::function<bool(int)>& member) {
  const std::vector<double>& values = run.seat_values(field, t);
  double sum = 0;
  int count = 0;
  for (int i = 0; i < static_cast<int>(values.size()); ++i) {
    const double v = values[static_cast<std::size_t>(i)];
    if (std::isnan(v) || !member(i)) continue;
    sum += v;
    ++count;
  }
  return count ? sum / count : std::nan("");
}

WeekValue seats_mean(const std::string& field, int first, int last) {
  return [=](const Run& r, int t) {
    return seat_mean(r, field, t, [=](int i) { return i >= first && i <= last; });
  };
}

WeekValue seat_value(const std::string& field, int seat) {
  return [=](const Run& r, int t) { return r.seat_values(field, t)[static_cast<std::size_t>(seat)]; };
}

/// Population s.d. of a seat field over the active seats (NaN with fewer than two).
WeekValue spread(const std::string& field) {
  return [=](const Run& r, int t) {
    double sum = 0, squares = 0;
    int count = 0;
    for (const double v : r.seat_values(field, t)) {
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

/// 1 in the weeks where `seat` is the top informal leader, else 0 (vacant weeks included, as 0).
WeekValue top_leader_is(int seat) {
  return
      [=](const Run& r, int t) { return r.rows[static_cast<std::size_t>(t)].top_leader == seat ? 1.0 : 0.0; };
}

/// The measure's value on a run minus another measure's on the same run.
Measure minus(const Measure& left, const Measure& right) {
  return [=](const Run& r) { return left(r) - right(r); };
}

/// Whether seat i is in the manager's in-group (wanted = true) or out-group (false) at week t of `run`.
bool member_of(const Run& run, int t, int i, bool wanted) {
  const double flag = run.seat_values("in_group", t)[static_cast<std::size_t>(i)];
  return !std::isnan(flag) && (flag == 1.0) == wanted;
}

/// Mean of `field` over the in- or out-group of week t of `grouped`, read in `measured` (the same run, or
/// the paired run of the other scenario: the same seats that week).
double group_mean(const Run& grouped, const Run& measured, const std::string& field, int t, bool in) {
  return seat_mean(measured, field, t, [&](int i) { return member_of(grouped, t, i, in); });
}

/// Quits at t in 1..104 by a seat of the in- or out-group at t - 1, per seat-week of that group (0..103).
double quit_rate(const Run& run, bool in) {
  double quits = 0, seat_weeks = 0;
  for (int t = 0; t <= 103; ++t) {
    for (std::size_t i = 0; i < run.seat_values("in_group", t).size(); ++i) {
      seat_weeks += member_of(run, t, static_cast<int>(i), in) ? 1 : 0;
    }
  }
  for (const EventRecord& e : run.events) {
    if (e.event == "quit" && e.t >= 1 && e.t <= 104 && member_of(run, e.t - 1, e.agent, in)) ++quits;
  }
  return seat_weeks > 0 ? quits / seat_weeks : 0.0;
}

double quits_in_weeks(const Run& run, int from, int to) {
  double quits = 0;
  for (const EventRecord& e : run.events) quits += e.event == "quit" && e.t >= from && e.t <= to ? 1 : 0;
  return quits;
}

/// Prints the effect with its 95% and 99% intervals when TEAMSIM_REPORT is set (docs/SCENARIOS.md).
void report(const Estimate& e, const std::string& what) {
  if (!std::getenv("TEAMSIM_REPORT")) return;
  std::printf("| %s | %.4f | [%.4f, %.4f] | [%.4f, %.4f] |\n", what.c_str(), e.mean, e.mean - kZ95 * e.se,
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
  const auto runs = runs_of("broker");
  // Seat 0 is the broker, seat 1 an insider of the same sub-team with traits from the same distributions.
  require_positive(over_runs(runs, minus(weeks_mean(1, 104, seat_value("power", 0)),
                                         weeks_mean(1, 104, seat_value("power", 1)))),
                   "Na power: broker - insider, weeks 1-104");
  require_positive(
      over_runs(runs, minus(weeks_mean(1, 104, top_leader_is(0)), weeks_mean(1, 104, top_leader_is(1)))),
      "Na share of weeks as top leader: broker - insider, weeks 1-104");

  // With the degree held equal (broker_degree; plan2.md, addendum): seat 0 bridges a sub-team of 4 and one
  // of 8 with 7 ties, seat 8 has its 7 colleagues of the larger sub-team. Neither difference held at 99% in
  // the pre-registered run: what Na shows is degree, not bridging as such. Reported, not asserted.
  const auto matched = runs_of("broker_degree");
  report(over_runs(matched, minus(weeks_mean(1, 104, seat_value("power", 0)),
                                  weeks_mean(1, 104, seat_value("power", 8)))),
         "Na-d1 power: broker - insider of equal degree, weeks 1-104 (failed)");
  report(
      over_runs(matched, minus(weeks_mean(1, 104, top_leader_is(0)), weeks_mean(1, 104, top_leader_is(8)))),
      "Na-d2 share of weeks as top leader: broker - insider of equal degree (failed)");
}

TEST_CASE(
    "Nb dissent from a broker reaches both sub-teams; dissent inside a clique stays more in its own sub-team",
    "[patterns][network][slow]") {
  const auto base = runs_of("broker");
  const auto broker = runs_of("broker_dissent");
  const auto clique = runs_of("clique_dissent");
  const auto own_after_broker = weeks_mean(31, 60, seats_mean("stance", 1, 5));
  const auto second = weeks_mean(31, 60, seats_mean("stance", 6, 11));
  const auto own_after_clique = weeks_mean(31, 60, seats_mean("stance", 2, 5));

  // The broker's dissent lowers alignment in both sub-teams (against the same teams without dissent).
  require_positive(difference(broker, base, second), "Nb broker dissent: fall of the second sub-team");
  require_positive(difference(broker, base, own_after_broker),
                   "Nb broker dissent: fall of the broker's own sub-team");
  // The second sub-team falls more when the broker dissents than when an insider does.
  require_positive(difference(broker, clique, second),
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

TEST_CASE("Nc and LMX: a strong in-group, measured on the groups the manager forms each week",
          "[patterns][lmx][slow]") {
  const auto even = runs_of("lmx_even");
  const auto favoured = runs_of("lmx_in_group");
  // a = lmx_even, b = lmx_in_group throughout; the groups are those of the lmx_in_group run (plan2.md).
  auto in_group_gain = [&](const std::string& field) {
    return paired_over_weeks(even, favoured, 1, 104, [field](const Run& a, const Run& b, int t) {
      return group_mean(b, b, field, t, true) - group_mean(b, a, field, t, true);
    });
  };
  auto out_group_loss = [&](const std::string& field) {
    return paired_over_weeks(even, favoured, 1, 104, [field](const Run& a, const Run& b, int t) {
      return group_mean(b, a, field, t, false) - group_mean(b, b, field, t, false);
    });
  };
  auto within_gap = [&](const std::string& field) {
    return paired_over_weeks(even, favoured, 1, 104, [field](const Run&, const Run& b, int t) {
      return group_mean(b, b, field, t, true) - group_mean(b, b, field, t, false);
    });
  };
  require_positive(in_group_gain("trust_manager"), "L1 in-group trust in the manager: in-group - even");
  // L2 came out reversed in the one pre-registered run (plan2.md; docs/SCENARIOS.md): the in-group's morale
  // is lower than the same seats' under an even-handed manager. Reported, not asserted.
  report(in_group_gain("morale"), "L2 in-group morale: in-group - even (failed: reversed)");
  require_positive(out_group_loss("trust_manager"), "L3 out-group trust in the manager: even - in-group");
  require_positive(out_group_loss("morale"), "L4 out-group morale: even - in-group");
  require_positive(within_gap("trust_manager"),
                   "L5 trust in the manager: in-group - out-group (lmx_in_group)");
  require_positive(within_gap("morale"), "L6 morale: in-group - out-group (lmx_in_group)");

  require_positive(difference(favoured, even, mean_over(&Metrics::morale, 1, 104)),
                   "Nc1 team morale: even - in-group");
  require_positive(difference(favoured, even, mean_over(&Metrics::peer_trust, 1, 104)),
                   "Nc2 peer trust (cohesion): even - in-group");
  require_positive(difference(even, favoured, weeks_mean(1, 104, spread("trust_manager"))),
                   "Nc3 s.d. of trust in the manager: in-group - even");
  std::vector<double> more_quits, out_minus_in;
  for (std::size_t r = 0; r < even.size(); ++r) {
    more_quits.push_back(quits_in_weeks(favoured[r], 1, 104) - quits_in_weeks(even[r], 1, 104));
    out_minus_in.push_back(quit_rate(favoured[r], false) - quit_rate(favoured[r], true));
  }
  require_positive(estimate(more_quits), "Nc4 quits per run, weeks 1-104: in-group - even");
  // Nc5 did not hold at 99% in the pre-registered run (its 95% interval excludes 0). Reported, not asserted.
  report(estimate(out_minus_in),
         "Nc5 quits per seat-week, lmx_in_group: out-group - in-group (failed at 99%)");
}

}  // namespace teamsim::test
