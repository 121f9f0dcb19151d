// Pattern tests P1–P8 (docs/SCENARIOS.md): each runs the library's scenarios over replications with
// fixed seeds and compares the documented metrics. Scenarios that are compared share their seeds, so the
// runs are paired (the same team until the scenarios part) and differences are judged by their own
// standard error: an effect must lie more than kZ standard errors from zero.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>

#include "metrics.hpp"
#include "replicate.hpp"
#include "simulate.hpp"
#include "test_util.hpp"

namespace teamsim::test {
namespace {

constexpr int kReplications = 40;
// Two-sided 99% quantile of Student's t with kReplications - 1 degrees of freedom (2.708 for 40 pairs).
const double kZ = student_t_quantile(0.99, kReplications - 1);

/// b's measure is larger than a's, beyond kZ standard errors of the paired difference.
void require_larger(const std::vector<Run>& a, const std::vector<Run>& b, const Measure& measure,
                    const std::string& what) {
  const Estimate e = difference(a, b, measure);
  INFO(what << ": difference " << e.mean << " (se " << e.se << ")");
  CHECK(e.mean > kZ * e.se);
  CHECK(e.mean > 0);
}

/// Asserts every comparison that tests/patterns.csv claims for `pattern` (those not marked "reported"),
/// on the runs of `runs` (scenario name -> its replications); there must be `count` of them.
void require_pattern(const std::map<std::string, std::vector<Run>>& runs, const std::string& pattern,
                     int count) {
  int asserted = 0;
  for (const auto& c : pattern_comparisons()) {
    if (c.pattern != pattern || c.expect == PatternComparison::Expect::reported) continue;
    REQUIRE(runs.count(c.a) == 1);
    REQUIRE(runs.count(c.b) == 1);
    const auto& a = runs.at(c.a);
    const auto& b = runs.at(c.b);
    if (c.expect == PatternComparison::Expect::b_larger) {
      require_larger(a, b, c.measure(), c.describe());
    } else {
      require_larger(b, a, c.measure(), c.describe());
    }
    ++asserted;
  }
  CHECK(asserted == count);
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
  const auto runs = replicate("baseline", kReplications);
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
  const auto runs = replicate("baseline", kReplications, {"trust.status_weight=0"}, {104});
  // Influence concentrates beyond chance: the top employee's share of the employees' power at week 104 is
  // larger than in the same teams with every trait constant (so that only noise tells people apart).
  const auto null = replicate("baseline", kReplications,
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
  std::map<std::string, std::vector<Run>> runs;
  for (const char* name :
       {"baseline", "dissenting_informal_leader_crackdown", "dissenting_informal_leader_dialogue"})
    runs[name] = replicate(name, kReplications);
  runs["dissenting_informal_leader"] = replicate("dissenting_informal_leader", kReplications, {}, {29, 32});

  // tests/patterns.csv: alignment, morale and productivity fall below baseline in weeks 31-60; engaging the
  // dissenter recovers more than cracking down (alignment, morale, trust, productivity, weeks 60-104).
  // Quits after week 30 rise only weakly now that morale holds no agreement with the manager (about +0.03
  // per team, not significant at 200 pairs): docs/SCENARIOS.md P2 reports it; it is not asserted.
  require_pattern(runs, "P2", 7);

  // First among those who trust the dissenter most: by week 32 their stance has fallen further than
  // that of the others (the third who trust the dissenter most against the third who trust them least).
  std::vector<double> gap;
  for (const auto& r : runs.at("dissenting_informal_leader")) {
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
}

TEST_CASE("P3 control vs trust: from an established team, control gains for a quarter and loses later",
          "[patterns][slow]") {
  // tests/patterns.csv: the micromanager is ahead on productivity in weeks 2-12; the leader on
  // productivity, autonomy, morale and trust in weeks 80-104.
  std::map<std::string, std::vector<Run>> runs;
  for (const char* name : {"micromanager", "manager_who_leads"}) runs[name] = replicate(name, kReplications);
  require_pattern(runs, "P3", 5);
}

TEST_CASE("P4 change: a gradual J-curve, shallower and shorter with a leading manager, slower with control",
          "[patterns][slow]") {
  std::map<std::string, std::vector<Run>> runs;
  for (const char* name : {"change_crisis", "change_crisis_leading", "change_crisis_controlling"})
    runs[name] = replicate(name, kReplications);
  const auto& plain = runs.at("change_crisis");
  // The dip (weeks 31-45 below week 29) and the recovery (weeks 90-104 above weeks 31-45) in each.
  for (const auto& [name, replications] : runs) {
    const Estimate d = over_runs(replications, [](const Run& r) {
      return r.rows[29].productivity - mean_over(&Metrics::productivity, 31, 45)(r);
    });
    const Estimate u = over_runs(replications, [](const Run& r) {
      return mean_over(&Metrics::productivity, 90, 104)(r) - mean_over(&Metrics::productivity, 31, 45)(r);
    });
    INFO(name << ": dip " << d.mean << " (se " << d.se << "), recovery " << u.mean << " (se " << u.se << ")");
    CHECK(d.mean > kZ * d.se);
    CHECK(u.mean > kZ * u.se);
  }
  // Gradual: the first week after the change loses less than the trough (weeks 31-45) does.
  const Estimate gradual = over_runs(plain, [](const Run& r) {
    return r.rows[30].productivity - mean_over(&Metrics::productivity, 31, 45)(r);
  });
  INFO("week 30 minus weeks 31-45: " << gradual.mean << " (se " << gradual.se << ")");
  CHECK(gradual.mean > kZ * gradual.se);
  // tests/patterns.csv: shallower (weeks 30-45) and shorter (weeks 46-70) with the leading manager; slower
  // with control (weeks 46-70).
  require_pattern(runs, "P4", 3);
}

TEST_CASE("P5 promotion keeps more trust in the manager than an outside hire, to the end",
          "[patterns][slow]") {
  // tests/patterns.csv: trust in the manager in weeks 41-52 and 79-104 (the last quarter).
  std::map<std::string, std::vector<Run>> runs;
  for (const char* name : {"promote_natural_leader", "outside_hire"})
    runs[name] = replicate(name, kReplications);
  require_pattern(runs, "P5", 2);
}

TEST_CASE("P6 the manager who leads beats pure control on both, and no structure on productivity",
          "[patterns][slow]") {
  // tests/patterns.csv, weeks 53-104: the leader over the micromanager on productivity and morale; over the
  // leader without structure only on productivity: morale is higher without structure, as consideration
  // relates more to satisfaction than structure does (docs/SCENARIOS.md P6).
  std::map<std::string, std::vector<Run>> runs;
  for (const char* name : {"manager_who_leads", "micromanager", "leader_without_structure"})
    runs[name] = replicate(name, kReplications);
  require_pattern(runs, "P6", 3);
}

TEST_CASE("P7 exploration vs exploitation (March 1991)", "[patterns][slow]") {
  // tests/patterns.csv: knowledge at week 10 (fast over slow) and 300 (slow over fast), code knowledge at
  // week 300 (slow over fast, turnover over none).
  const int n = 30;
  std::map<std::string, std::vector<Run>> runs;
  for (const char* name : {"exploration_vs_exploitation", "exploration_vs_exploitation_fast",
                           "exploration_vs_exploitation_fast_turnover"})
    runs[name] = replicate(name, n);
  require_pattern(runs, "P7", 4);
}

TEST_CASE("P8 recognition raises morale and trust in the manager", "[patterns][slow]") {
  // tests/patterns.csv: morale and trust in the manager, weeks 80-104.
  std::map<std::string, std::vector<Run>> runs;
  for (const char* name : {"recognition", "recognition_none"}) runs[name] = replicate(name, kReplications);
  require_pattern(runs, "P8", 2);
}

TEST_CASE("Layoffs: survivors' strain rises, then the team re-scopes and it eases", "[patterns][slow]") {
  std::map<std::string, std::vector<Run>> runs;
  for (const char* name : {"baseline", "layoffs"}) runs[name] = replicate(name, kReplications);
  // tests/patterns.csv: trust in the manager falls and strain rises in weeks 41-52.
  require_pattern(runs, "Layoffs", 2);
  const auto& base = runs.at("baseline");
  const auto& layoffs = runs.at("layoffs");
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

TEST_CASE("tests/patterns.csv names built-in scenarios and recorded metrics, and claims a direction",
          "[patterns]") {
  const auto rows = pattern_comparisons();
  REQUIRE(rows.size() == 38);
  int asserted = 0;
  for (const auto& c : rows) {
    INFO(c.describe());
    CHECK_NOTHROW(metric_member(c.metric));
    CHECK(c.a != c.b);
    CHECK_NOTHROW(load_scenario(c.a, options()));
    CHECK_NOTHROW(load_scenario(c.b, options()));
    CHECK(c.from >= 0);
    asserted += c.expect != PatternComparison::Expect::reported;
  }
  // The asserted comparisons of P2-P8 and Layoffs above: 7 + 5 + 3 + 2 + 3 + 4 + 2 + 2.
  CHECK(asserted == 28);
  CHECK_THROWS_WITH(metric_member("no_such_metric"), "no metric named 'no_such_metric'");
}

}  // namespace teamsim::test
