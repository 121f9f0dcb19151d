// Pattern tests P1–P8 (docs/SCENARIOS.md): each runs the library's scenarios over replications with
// fixed seeds and compares the documented metrics. Scenarios that are compared share their seeds, so the
// runs are paired (the same team until the scenarios part) and differences are judged by their own
// standard error: an effect must lie more than kZ standard errors from zero.
#include <boost/math/distributions/students_t.hpp>
#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <map>
#include <numeric>

#include "metrics.hpp"
#include "simulate.hpp"
#include "test_util.hpp"

namespace teamsim::test {
namespace {

constexpr int kReplications = 40;
// Two-sided 99% quantile of Student's t with kReplications - 1 degrees of freedom (2.708 for 40 pairs).
const double kZ = boost::math::quantile(boost::math::students_t(kReplications - 1), 0.995);

/// Metric rows of one run by step, and snapshots of the state at chosen steps.
struct Run {
  std::vector<Metrics> rows;       // index = t
  std::map<int, State> snapshots;  // t -> state
  int quits_after(int t) const {
    double sum = 0;
    for (std::size_t s = static_cast<std::size_t>(t) + 1; s < rows.size(); ++s) sum += rows[s].quits;
    return static_cast<int>(sum);
  }
};

class Recorder final : public Observer {
 public:
  Recorder(Run& run, std::vector<int> keep) : run_(run), keep_(std::move(keep)) {}
  void on_record(const State& s, const Metrics& m) override {
    run_.rows.push_back(m);
    if (std::find(keep_.begin(), keep_.end(), s.t) != keep_.end()) run_.snapshots.emplace(s.t, s);
  }
  void on_event(const EventRecord&) override {}

 private:
  Run& run_;
  std::vector<int> keep_;
};

/// Runs a built-in scenario with seeds 1..n (after its warm-up), with optional --set overrides.
std::vector<Run> replicate(const std::string& name, std::vector<int> keep = {}, int n = kReplications,
                           std::vector<std::string> sets = {}) {
  const Model model = load_scenario(name, options(std::move(sets)));
  std::vector<Run> runs(static_cast<std::size_t>(n));
  for (int r = 0; r < n; ++r) {
    Recorder recorder(runs[static_cast<std::size_t>(r)], keep);
    simulate(model, RunSettings{model.steps, static_cast<std::uint64_t>(r + 1), 1}, recorder);
  }
  return runs;
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

/// A per-run quantity: a metric at a step, or a mean over steps.
using Measure = std::function<double(const Run&)>;

Measure at(double Metrics::*metric, int t) {
  return [=](const Run& r) { return r.rows[static_cast<std::size_t>(t)].*metric; };
}

Measure mean_over(double Metrics::*metric, int from, int to) {
  return [=](const Run& r) {
    double sum = 0;
    for (int t = from; t <= to; ++t) sum += r.rows[static_cast<std::size_t>(t)].*metric;
    return sum / (to - from + 1);
  };
}

/// Paired difference b - a of a measure over replications.
Estimate difference(const std::vector<Run>& a, const std::vector<Run>& b, const Measure& measure) {
  std::vector<double> d;
  for (std::size_t r = 0; r < a.size(); ++r) d.push_back(measure(b[r]) - measure(a[r]));
  return estimate(d);
}

/// b's measure is larger than a's, beyond kZ standard errors of the paired difference.
void require_larger(const std::vector<Run>& a, const std::vector<Run>& b, const Measure& measure,
                    const char* what) {
  const Estimate e = difference(a, b, measure);
  INFO(what << ": difference " << e.mean << " (se " << e.se << ")");
  CHECK(e.mean > kZ * e.se);
  CHECK(e.mean > 0);
}

/// Least-squares slope of a metric over steps from..to of one run, per year (52 steps).
Measure slope_per_year(double Metrics::*metric, int from, int to) {
  return [=](const Run& r) {
    double st = 0, sy = 0, stt = 0, sty = 0;
    const double n = to - from + 1;
    for (int t = from; t <= to; ++t) {
      const double y = r.rows[static_cast<std::size_t>(t)].*metric;
      st += t;
      sy += y;
      stt += static_cast<double>(t) * t;
      sty += t * y;
    }
    return 52.0 * (n * sty - st * sy) / (n * stt - st * st);
  };
}

Estimate over_runs(const std::vector<Run>& runs, const Measure& measure) {
  std::vector<double> v;
  for (const auto& r : runs) v.push_back(measure(r));
  return estimate(v);
}

/// A person's trustworthiness by traits alone: the peer evidence of docs/MODEL.md 7.4 without the
/// work they do (ability's persuasive share, benevolence, integrity).
double trait_trustworthiness(const State& s, int j) {
  const TrustParams& tp = s.params.trust;
  return tp.ability_weight * tp.charisma * s.persuasiveness[j] + tp.benevolence_weight * s.agreeability[j] +
         tp.integrity_weight * s.integrity[j];
}

}  // namespace

TEST_CASE("Baseline: an established team shows no start-up trend and turnover in the cited range",
          "[patterns][slow]") {
  const auto runs = replicate("baseline");
  // Slopes over weeks 1-104, per year: each 99% interval lies within +-0.02 a year (docs/SCENARIOS.md).
  for (auto metric : {&Metrics::productivity, &Metrics::morale}) {
    const Estimate e = over_runs(runs, slope_per_year(metric, 1, 104));
    INFO("slope per year " << e.mean << " (se " << e.se << ")");
    CHECK(e.mean + kZ * e.se < 0.02);
    CHECK(e.mean - kZ * e.se > -0.02);
  }
  // Voluntary quits per seat and year: the 99% interval within 5-20% (docs/MODEL.md 7.8).
  const Estimate quits = over_runs(runs, [](const Run& r) { return r.quits_after(0) / 12.0 / 2.0; });
  INFO("quits per seat and year " << quits.mean << " (se " << quits.se << ")");
  CHECK(quits.mean - kZ * quits.se > 0.05);
  CHECK(quits.mean + kZ * quits.se < 0.20);
}

TEST_CASE("P1 emergence without a prestige feedback: leaders emerge and are the trustworthy ones",
          "[patterns][slow]") {
  REQUIRE(load_scenario("baseline", options()).events.empty());  // nobody is assigned
  const auto runs = replicate("baseline", {104}, kReplications, {"trust.status_weight=0"});
  // Influence concentrates beyond chance: the top employee's share of the employees' power at week 104 is
  // larger than in the same teams with every trait constant (so that only noise tells people apart).
  const auto null = replicate("baseline", {}, kReplications,
                              {"trust.status_weight=0", "team.traits.persuasiveness=0.55",
                               "team.traits.agreeability=0.6", "team.traits.integrity=0.7"});
  auto concentration = [](const Run& r) {
    const Metrics& m = r.rows[104];
    return m.top_leader_power * m.headcount / (1.0 - m.manager_power);
  };
  require_larger(null, runs, concentration, "top / mean employee power at week 104, traits over no traits");
  int trustworthy = 0;
  for (const auto& r : runs) {
    // The top leader is among the three most trustworthy by traits (chance: 3 in 12 = 25%).
    const State& s = r.snapshots.at(104);
    if (s.top_leader < 0) continue;
    int above = 0;
    for (int j = 0; j < s.seats(); ++j) {
      if (j != s.top_leader && s.active[static_cast<std::size_t>(j)] &&
          trait_trustworthiness(s, j) > trait_trustworthiness(s, s.top_leader))
        ++above;
    }
    trustworthy += above < 3;
  }
  INFO("top leader among the 3 most trustworthy: " << trustworthy << " of " << runs.size());
  // Binomial(40, 0.25) exceeds 17 with probability < 0.5%.
  CHECK(trustworthy >= 18);
}

TEST_CASE("P2 dissent spreads from the dissenter's followers, and dialogue beats a crackdown",
          "[patterns][slow]") {
  const auto base = replicate("baseline");
  const auto dissent = replicate("dissenting_informal_leader", {29, 32});
  const auto crackdown = replicate("dissenting_informal_leader_crackdown");
  const auto dialogue = replicate("dissenting_informal_leader_dialogue");

  // Alignment, morale and productivity fall below baseline after week 30; quits rise.
  require_larger(dissent, base, mean_over(&Metrics::alignment, 31, 60), "alignment, baseline over dissent");
  require_larger(dissent, base, mean_over(&Metrics::morale, 31, 60), "morale, baseline over dissent");
  require_larger(dissent, base, mean_over(&Metrics::productivity, 31, 60),
                 "productivity, baseline over dissent");
  // Quits after week 30 rise only weakly now that morale holds no agreement with the manager (about +0.03
  // per team, not significant at 200 pairs): docs/SCENARIOS.md P2 reports it; it is not asserted.

  // First among those who trust the dissenter most: by week 32 their stance has fallen further than
  // that of the others (the third who trust the dissenter most against the third who trust them least).
  std::vector<double> gap;
  for (const auto& r : dissent) {
    const State& before = r.snapshots.at(29);
    const State& after = r.snapshots.at(32);
    const int d = after.dissenter;
    if (d < 0) continue;
    std::vector<int> others;
    for (int i = 0; i < before.seats(); ++i) {
      if (i != d && before.active[static_cast<std::size_t>(i)] && after.active[static_cast<std::size_t>(i)])
        others.push_back(i);
    }
    std::sort(others.begin(), others.end(),
              [&](int a, int b) { return before.trust(a, d) > before.trust(b, d); });
    const std::size_t third = others.size() / 3;
    double close = 0, far = 0;
    for (std::size_t k = 0; k < third; ++k) {
      close += before.stance[others[k]] - after.stance[others[k]];
      far += before.stance[others[others.size() - 1 - k]] - after.stance[others[others.size() - 1 - k]];
    }
    gap.push_back((close - far) / static_cast<double>(third));
  }
  const Estimate g = estimate(gap);
  INFO("stance drop of close followers minus distant ones by week 32: " << g.mean << " (se " << g.se << ")");
  CHECK(gap.size() >= kReplications * 9 / 10);
  CHECK(g.mean > kZ * g.se);

  // Engaging the dissenter recovers more than cracking down.
  for (auto metric :
       {&Metrics::alignment, &Metrics::morale, &Metrics::trust_in_manager, &Metrics::productivity}) {
    require_larger(crackdown, dialogue, mean_over(metric, 60, 104), "dialogue over crackdown, weeks 60-104");
  }
}

TEST_CASE("P3 control vs trust: from an established team, control gains for a quarter and loses later",
          "[patterns][slow]") {
  const auto micro = replicate("micromanager");
  const auto leads = replicate("manager_who_leads");
  require_larger(leads, micro, mean_over(&Metrics::productivity, 2, 12),
                 "weeks 2-12 productivity, micromanager over leader");
  require_larger(micro, leads, mean_over(&Metrics::productivity, 80, 104),
                 "weeks 80-104 productivity, leader over micromanager");
  for (auto metric : {&Metrics::autonomy, &Metrics::morale, &Metrics::trust_in_manager}) {
    require_larger(micro, leads, mean_over(metric, 80, 104),
                   "weeks 80-104, leader over micromanager (autonomy, morale, trust)");
  }
}

TEST_CASE("P4 change: a gradual J-curve, shallower and shorter with a leading manager, slower with control",
          "[patterns][slow]") {
  const auto plain = replicate("change_crisis");
  const auto leading = replicate("change_crisis_leading");
  const auto controlling = replicate("change_crisis_controlling");
  // The dip (weeks 31-45 below week 29) and the recovery (weeks 90-104 above weeks 31-45) in each.
  for (const auto* runs : {&plain, &leading, &controlling}) {
    const Estimate d = over_runs(*runs, [](const Run& r) {
      return r.rows[29].productivity - mean_over(&Metrics::productivity, 31, 45)(r);
    });
    const Estimate u = over_runs(*runs, [](const Run& r) {
      return mean_over(&Metrics::productivity, 90, 104)(r) - mean_over(&Metrics::productivity, 31, 45)(r);
    });
    INFO("dip " << d.mean << " (se " << d.se << "), recovery " << u.mean << " (se " << u.se << ")");
    CHECK(d.mean > kZ * d.se);
    CHECK(u.mean > kZ * u.se);
  }
  // Gradual: the first week after the change loses less than the trough (weeks 31-45) does.
  const Estimate gradual = over_runs(plain, [](const Run& r) {
    return r.rows[30].productivity - mean_over(&Metrics::productivity, 31, 45)(r);
  });
  INFO("week 30 minus weeks 31-45: " << gradual.mean << " (se " << gradual.se << ")");
  CHECK(gradual.mean > kZ * gradual.se);
  // Shallower (weeks 30-45) and shorter (weeks 46-70) with the leading manager; slower with control.
  require_larger(plain, leading, mean_over(&Metrics::productivity, 30, 45), "dip weeks 30-45, leading");
  require_larger(plain, leading, mean_over(&Metrics::productivity, 46, 70), "recovery weeks 46-70, leading");
  require_larger(controlling, plain, mean_over(&Metrics::productivity, 46, 70),
                 "recovery weeks 46-70, unchanged style over controlling");
}

TEST_CASE("P5 promotion keeps more trust in the manager than an outside hire, to the end",
          "[patterns][slow]") {
  const auto promoted = replicate("promote_natural_leader");
  const auto outsider = replicate("outside_hire");
  require_larger(outsider, promoted, mean_over(&Metrics::trust_in_manager, 41, 52),
                 "trust in manager weeks 41-52");
  require_larger(outsider, promoted, mean_over(&Metrics::trust_in_manager, 79, 104),
                 "trust in manager weeks 79-104 (last quarter)");
}

TEST_CASE("P6 the manager who leads beats pure control on both, and no structure on productivity",
          "[patterns][slow]") {
  const auto leads = replicate("manager_who_leads");
  const auto micro = replicate("micromanager");
  const auto unstructured = replicate("leader_without_structure");
  for (auto metric : {&Metrics::productivity, &Metrics::morale}) {
    require_larger(micro, leads, mean_over(metric, 53, 104), "weeks 53-104, leader over micromanager");
  }
  // Against the leader without structure only productivity: morale is higher without structure, as
  // consideration relates more to satisfaction than structure does (docs/SCENARIOS.md P6).
  require_larger(unstructured, leads, mean_over(&Metrics::productivity, 53, 104),
                 "weeks 53-104 productivity, leader over leader without structure");
}

TEST_CASE("P7 exploration vs exploitation (March 1991)", "[patterns][slow]") {
  const int n = 30;
  const auto slow = replicate("exploration_vs_exploitation", {}, n);
  const auto fast = replicate("exploration_vs_exploitation_fast", {}, n);
  const auto fast_turnover = replicate("exploration_vs_exploitation_fast_turnover", {}, n);
  require_larger(slow, fast, at(&Metrics::knowledge, 10), "knowledge at week 10, fast over slow");
  require_larger(fast, slow, at(&Metrics::knowledge, 300), "knowledge at week 300, slow over fast");
  require_larger(fast, slow, at(&Metrics::code_knowledge, 300), "code knowledge at week 300, slow over fast");
  require_larger(fast, fast_turnover, at(&Metrics::code_knowledge, 300),
                 "code knowledge at week 300, turnover over none");
}

TEST_CASE("P8 recognition raises morale and trust in the manager", "[patterns][slow]") {
  const auto with = replicate("recognition");
  const auto without = replicate("recognition_none");
  require_larger(without, with, mean_over(&Metrics::morale, 80, 104), "morale weeks 80-104");
  require_larger(without, with, mean_over(&Metrics::trust_in_manager, 80, 104),
                 "trust in manager weeks 80-104");
}

TEST_CASE("Layoffs: survivors' strain rises, then the team re-scopes and it eases", "[patterns][slow]") {
  const auto base = replicate("baseline");
  const auto layoffs = replicate("layoffs");
  require_larger(layoffs, base, mean_over(&Metrics::trust_in_manager, 41, 52),
                 "trust in manager weeks 41-52");
  require_larger(base, layoffs, mean_over(&Metrics::strain, 41, 52), "strain weeks 41-52");
  // Re-scoping: the survivors' extra strain is smaller in weeks 90-104 than in weeks 41-52.
  std::vector<double> drop;
  for (std::size_t r = 0; r < layoffs.size(); ++r) {
    const double early =
        mean_over(&Metrics::strain, 41, 52)(layoffs[r]) - mean_over(&Metrics::strain, 41, 52)(base[r]);
    const double late =
        mean_over(&Metrics::strain, 90, 104)(layoffs[r]) - mean_over(&Metrics::strain, 90, 104)(base[r]);
    drop.push_back(early - late);
  }
  const Estimate d = estimate(drop);
  INFO("extra strain, weeks 41-52 minus weeks 90-104: " << d.mean << " (se " << d.se << ")");
  CHECK(d.mean > kZ * d.se);
}

}  // namespace teamsim::test
