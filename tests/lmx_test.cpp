// Leader–member exchange (sim/lmx.cpp; docs/MODEL.md 7.12): the attention rule and its styles, how
// relationship quality follows attention, and a new manager starting afresh.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "lmx.hpp"
#include "test_util.hpp"

using namespace teamsim;
using teamsim::test::load;

namespace {

Model lmx_team(const std::string& lmx_table, const std::string& more = "") {
  return load("[scenario]\nsteps = 200\n[team]\nsize = 12\n[lmx]\nenabled = true\n" + lmx_table + more);
}

}  // namespace

TEST_CASE("Attention: even shares, an in-group by relationship, the weakest by performance", "[lmx]") {
  const Model model = lmx_team("style = \"in_group\"\nfocus = 0.25\nfavour = 0.6\n");
  State s = make_state(model, 1);
  for (int i = 0; i < 12; ++i) s.lmx[i] = 0.5;
  s.lmx[4] = 0.9;
  s.lmx[7] = 0.8;
  s.lmx[2] = 0.8;  // ties with 7: the lower seat comes first
  LmxParams p = s.params.lmx;
  const Eigen::VectorXd in = allocate_attention(p, s);
  // The in-group of round(0.25 * 12) = 3 gets 0.25 + 0.6 * 0.75 = 0.7 of the attention: 2.8 each;
  // the other nine share 0.3: 0.4 each. The shares sum to the headcount.
  for (const int i : {2, 4, 7}) CHECK(in[i] == Approx(2.8));
  CHECK(in[0] == Approx(0.4));
  CHECK(in.sum() == Approx(12.0));
  s.lmx[5] = 0.8;  // now 2, 5 and 7 tie for the third place: seats 2 and 5 are in, 7 is out
  const Eigen::VectorXd tie = allocate_attention(p, s);
  CHECK(tie[5] == Approx(2.8));
  CHECK(tie[7] == Approx(0.4));

  p.style = LmxStyle::developmental;
  for (int i = 0; i < 12; ++i) s.performance[i] = 0.5 + 0.01 * i;
  const Eigen::VectorXd weak = allocate_attention(p, s);
  for (const int i : {0, 1, 2}) CHECK(weak[i] == Approx(2.8));
  CHECK(weak[11] == Approx(0.4));

  // The in-group flag of agents.csv: more than an equal share this step.
  s.attention = weak;
  for (int i = 0; i < 12; ++i) CHECK(in_favoured_group(s, i) == (i <= 2));

  p.favour = 0;  // a favoured group that gets no more than its equal share is no in-group
  CHECK(allocate_attention(p, s) == Eigen::VectorXd::Ones(12));
  p.favour = 0.6;

  p.style = LmxStyle::even;
  CHECK(allocate_attention(p, s) == Eigen::VectorXd::Ones(12));
  s.active[3] = 0;  // a vacant seat gets nothing
  CHECK(allocate_attention(p, s)[3] == 0.0);
  s.attention = weak;
  s.active[1] = 0;
  CHECK_FALSE(in_favoured_group(s, 1));  // a vacant seat is in no group, whatever its last share
  CHECK(in_favoured_group(s, 2));
}

TEST_CASE("Relationship quality relaxes toward what attention buys", "[lmx]") {
  // Manager off (no recognition or mentoring draws change it), everything else off: only the LMX stage runs.
  const Model model =
      lmx_team("style = \"in_group\"\nfocus = 0.25\nfavour = 0.6\nrate = 0.1\n",
               test::only({"manage", "lmx"}) + "[manager]\nrecognition = 0.25\nmentoring = 0.2\n");
  State s = make_state(model, 2);
  for (int t = 0; t < 200; ++t) step(model, s);
  // Targets: base 0.3 + gain 0.5 x (0.25 + 0.2) x attention: 0.93 in the in-group, 0.39 outside it.
  int high = 0;
  for (int i = 0; i < 12; ++i) {
    const bool in = s.lmx[i] > 0.6;
    high += in;
    CHECK(s.lmx[i] == Approx(in ? 0.93 : 0.39).margin(1e-6));
  }
  CHECK(high == 3);
  CHECK(lmx_differentiation(s) == Approx(0.54 * std::sqrt(0.25 * 0.75)).margin(1e-6));
}

TEST_CASE("LMX off leaves relationships and attention alone; a new manager starts afresh", "[lmx]") {
  const Model off =
      load("[scenario]\nsteps = 20\n[team]\nsize = 5\n[team.agents]\nlmx = [0.9, 0.1, 0.5, 0.5, 0.5]\n");
  State s = make_state(off, 3);
  for (int t = 0; t < 20; ++t) step(off, s);
  CHECK(s.lmx[0] == 0.9);
  CHECK(s.attention == Eigen::VectorXd::Ones(5));

  const Model replaced = load(R"(
[scenario]
steps = 20
[team]
size = 5
[team.initial]
lmx = 0.2
[team.agents]
lmx = [0.9, 0.9, 0.9, 0.9, 0.9]
[lmx]
enabled = true
rate = 0.0
[[events]]
at = 10
type = "replace_manager"
)");
  State r = make_state(replaced, 3);
  for (int t = 0; t < 9; ++t) step(replaced, r);
  CHECK(r.lmx[1] == 0.9);
  for (int t = 0; t < 2; ++t) step(replaced, r);
  for (int i = 0; i < 5; ++i) {
    if (r.active[static_cast<std::size_t>(i)]) CHECK(r.lmx[i] == 0.2);
  }
}

TEST_CASE("Unfairness: a climate everyone feels and a shortfall below the team's mean", "[lmx]") {
  const Model model = lmx_team("style = \"in_group\"\nfairness_cost = 2\nfairness_climate = 0.25\n");
  State s = make_state(model, 3);
  // Three at 0.9, nine at 0.3: mean 0.45, population s.d. sqrt(0.25 x 0.75) x 0.6.
  for (int i = 0; i < 12; ++i) s.lmx[i] = i < 3 ? 0.9 : 0.3;
  const LmxClimate climate = lmx_climate(s);
  const double sd = std::sqrt(0.25 * 0.75) * 0.6;
  CHECK(climate.mean == Approx(0.45));
  CHECK(climate.differentiation == Approx(sd));
  const LmxParams& p = s.params.lmx;
  // Above the mean: the climate only; below it: the climate and the shortfall 0.15.
  CHECK(unfairness_demand(p, climate, 0.9) == Approx(2 * 0.25 * sd));
  CHECK(unfairness_demand(p, climate, 0.3) == Approx(2 * (0.25 * sd + 0.75 * 0.15)));
  LmxParams all_climate = p;
  all_climate.fairness_climate = 1;  // everyone bears fairness_cost x s.d., whatever their standing
  CHECK(unfairness_demand(all_climate, climate, 0.9) == Approx(2 * sd));
  CHECK(unfairness_demand(all_climate, climate, 0.3) == Approx(2 * sd));
  // A vacant seat counts in neither the mean nor the spread.
  s.active[0] = 0;
  s.lmx[0] = 0.0;
  CHECK(lmx_climate(s).mean == Approx((0.9 * 2 + 0.3 * 9) / 11));
}

TEST_CASE("Unfairness weighs on those below the mean: the out-group's strain gap widens", "[lmx]") {
  // Relationships held fixed (rate 0): three in an in-group at 0.9, the rest at 0.3. With the climate alone
  // everyone bears the same demand (the gap comes from the relationship as a resource); with relative
  // standing alone only the out-group does, so its strain exceeds the in-group's by more.
  auto strain_gap = [](double climate_weight) {
    const Model model = lmx_team(
        "style = \"in_group\"\nrate = 0\nfairness_climate = " + std::to_string(climate_weight) + "\n");
    State s = make_state(model, 4);
    for (int i = 0; i < 12; ++i) s.lmx[i] = i < 3 ? 0.9 : 0.3;
    for (int t = 0; t < 30; ++t) step(model, s);
    double in = 0, out = 0;
    int in_count = 0, out_count = 0;
    for (int i = 0; i < 12; ++i) {
      if (!s.active[static_cast<std::size_t>(i)]) continue;
      (i < 3 ? in : out) += s.strain[i];
      ++(i < 3 ? in_count : out_count);
    }
    REQUIRE(in_count > 0);
    REQUIRE(out_count > 0);
    return out / out_count - in / in_count;
  };
  const double climate_only = strain_gap(1.0);
  CHECK(climate_only > 0);
  CHECK(strain_gap(0.0) > climate_only + 0.01);
}
