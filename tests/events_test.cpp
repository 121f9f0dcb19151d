// Scheduled events (sim/events.cpp): set, dissent, change, promote, replace_manager, hire, layoff and
// dialogue, applied at the start of their step in file order.
#include <catch2/catch.hpp>

#include <cmath>

#include "simulate.hpp"
#include "test_util.hpp"

using namespace teamsim;
using teamsim::test::load;
using teamsim::test::only;

namespace {

// Six people; seat k acts right on k + 4 of 10 dimensions (seat 0 is the weakest performer). Trust in
// seat 2 is high, trust among the others low; trust in the manager 0.5 at t = 0, prior 0.44 after that.
const std::string kTeam = R"(
[team]
size = 6
dims = 10
[team.initial]
trust_manager = 0.44
[team.agents]
reality = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
beliefs = [[1, 1, 1, 1, -1, -1, -1, -1, -1, -1],
           [1, 1, 1, 1, 1, -1, -1, -1, -1, -1],
           [1, 1, 1, 1, 1, 1, -1, -1, -1, -1],
           [1, 1, 1, 1, 1, 1, 1, -1, -1, -1],
           [1, 1, 1, 1, 1, 1, 1, 1, -1, -1],
           [1, 1, 1, 1, 1, 1, 1, 1, 1, -1]]
trust = [[1.0, 0.2, 0.9, 0.2, 0.2, 0.2, 0.5],
         [0.2, 1.0, 0.9, 0.2, 0.2, 0.2, 0.5],
         [0.3, 0.3, 1.0, 0.3, 0.3, 0.3, 0.5],
         [0.2, 0.2, 0.9, 1.0, 0.2, 0.2, 0.5],
         [0.2, 0.2, 0.9, 0.2, 1.0, 0.2, 0.5],
         [0.2, 0.2, 0.9, 0.2, 0.2, 1.0, 0.5]]
stance = [0.7, 0.7, 0.7, 0.7, 0.7, 0.7]
strain = [0.2, 0.2, 0.2, 0.2, 0.2, 0.2]
)";

// The model with `events` (TOML [[events]] tables) and only `on` switched on.
Model with_events(const std::string& events, std::initializer_list<const char*> on = {}) {
  return load(kTeam + only(on) + events);
}

// Applies the events of step t to s (the stage alone).
void apply_at(const Model& model, State& s, int t) {
  s.t = t;
  s.log.clear();
  apply_events(model, s);
}

bool logged(const State& s, const std::string& event) {
  for (const auto& e : s.log) {
    if (e.event == event) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("set changes a parameter at its step and not before", "[events]") {
  const Model model = with_events(R"(
[[events]]
at = 3
type = "set"
key = "manager.openness"
value = 0.9
)");
  State s = make_state(model, 1);
  const double before = s.params.manager.openness;
  REQUIRE(before != 0.9);
  for (int t = 1; t <= 2; ++t) {
    apply_at(model, s, t);
    CHECK(s.params.manager.openness == before);
  }
  apply_at(model, s, 3);
  CHECK(s.params.manager.openness == 0.9);
  CHECK(logged(s, "set"));
  CHECK(model.initial_params.manager.openness == before);  // the model is not touched
}

TEST_CASE("Events of one step apply in file order", "[events]") {
  const Model model = with_events(R"(
[[events]]
at = 4
type = "set"
key = "manager.openness"
value = 0.1
[[events]]
at = 2
type = "set"
key = "manager.openness"
value = 0.7
[[events]]
at = 4
type = "set"
key = "manager.openness"
value = 0.3
)");
  REQUIRE(model.events.size() == 3);
  CHECK(model.events[0].at == 2);  // sorted by step, stable within a step
  CHECK(model.events[1].value == 0.1);
  CHECK(model.events[2].value == 0.3);
  State s = make_state(model, 1);
  apply_at(model, s, 2);
  CHECK(s.params.manager.openness == 0.7);
  apply_at(model, s, 4);
  CHECK(s.params.manager.openness == 0.3);
}

TEST_CASE("dissent turns the agent against the manager", "[events]") {
  const Model model = with_events(R"(
[[events]]
at = 1
type = "dissent"
agent = 3
anchor = 0.05
susceptibility = 0.2
trust_drop = 0.5
)");
  State s = make_state(model, 1);
  const State before = s;
  apply_at(model, s, 1);
  CHECK(s.anchor[3] == 0.05);
  CHECK(s.susceptibility[3] == 0.2);
  CHECK(s.trust_manager[3] == Approx(0.5 * before.trust_manager[3]));
  for (const int i : {0, 1, 2, 4, 5}) {
    CHECK(s.anchor[i] == before.anchor[i]);
    CHECK(s.trust_manager[i] == before.trust_manager[i]);
  }
  CHECK(logged(s, "dissent"));
}

TEST_CASE("dissent without an agent hits the top informal leader, or nobody", "[events]") {
  const std::string event = "[[events]]\nat = 1\ntype = \"dissent\"\n";
  SECTION("leaders on: seat 2, whom everyone trusts") {
    const Model model = with_events(event, {"leaders"});
    State s = make_state(model, 1);
    REQUIRE(s.top_leader == 2);
    const double trust = s.trust_manager[2];
    apply_at(model, s, 1);
    CHECK(s.anchor[2] == 0.1);  // the default dissent anchor
    CHECK(s.trust_manager[2] < trust);
  }
  SECTION("leaders off: no top leader, skipped") {
    const Model model = with_events(event);
    State s = make_state(model, 1);
    const State before = s;
    apply_at(model, s, 1);
    CHECK(s.anchor == before.anchor);
    CHECK(s.trust_manager == before.trust_manager);
    REQUIRE(s.log.size() == 1);
    CHECK(s.log[0].detail.find("skipped") != std::string::npos);
  }
}

TEST_CASE("A dissenting informal leader pulls those who trust them away from the manager", "[events]") {
  const std::string dissent = "[[events]]\nat = 5\ntype = \"dissent\"\nagent = 2\n";
  const Model calm = with_events("", {"influence"});
  const Model dissenting = with_events(dissent, {"influence"});
  State a = make_state(calm, 1), b = make_state(dissenting, 1);
  for (int t = 0; t < 40; ++t) {
    step(calm, a);
    step(dissenting, b);
  }
  CHECK(b.stance[2] < a.stance[2] - 0.2);
  for (const int i : {0, 1, 3, 4, 5}) CHECK(b.stance[i] < a.stance[i] - 0.05);
}

TEST_CASE("change flips round(share x m) dimensions of reality and fades its load", "[events]") {
  const Model model = with_events(R"(
[[events]]
at = 2
type = "change"
share = 0.37
load = 0.8
duration = 4
spread = 1
)");
  State s = make_state(model, 1);
  const VectorXb reality = s.reality;
  apply_at(model, s, 1);
  CHECK(s.change_load == 0.0);
  apply_at(model, s, 2);
  int flipped = 0;
  for (int k = 0; k < 10; ++k) flipped += s.reality[k] != reality[k];
  CHECK(flipped == 4);  // round(0.37 * 10)
  CHECK(logged(s, "change"));
  // The load starts at 0.8 and falls linearly to 0 over 4 steps.
  const double expected[] = {0.8, 0.6, 0.4, 0.2, 0.0, 0.0};
  CHECK(s.change_load == Approx(expected[0]));
  for (int t = 3; t <= 7; ++t) {
    apply_at(model, s, t);
    CHECK(s.change_load == Approx(expected[t - 2]).margin(1e-12));
  }
}

TEST_CASE("change with share 1 flips every dimension", "[events]") {
  const Model model = with_events("[[events]]\nat = 1\ntype = \"change\"\nshare = 1.0\nspread = 1\n");
  State s = make_state(model, 1);
  const VectorXb reality = s.reality;
  apply_at(model, s, 1);
  CHECK(s.reality == VectorXb(-reality));
}

TEST_CASE("promote moves the promoted agent's peers' trust into trust in the manager", "[events]") {
  const Model model = with_events(R"(
[[events]]
at = 1
type = "promote"
agent = 2
control = 0.1
vision = 0.3
)");
  State s = make_state(model, 1);
  const PersonId promoted = s.person[2];
  const Eigen::MatrixXd trust = s.trust.matrix();
  apply_at(model, s, 1);
  CHECK(s.manager == promoted);
  CHECK(s.active[2] == 0);
  CHECK(s.hire_at[2] == 1 + model.initial_params.turnover.hiring_delay);  // the seat is refilled later
  for (const int j : {0, 1, 3, 4, 5}) CHECK(s.trust_manager[j] == trust(j, 2));
  CHECK(s.params.manager.control == 0.1);
  CHECK(s.params.manager.vision == 0.3);
  CHECK(s.params.manager.recognition == model.initial_params.manager.recognition);  // unset fields stay
  CHECK(s.headcount() == 5);
  CHECK(logged(s, "promote"));
}

TEST_CASE("replace_manager resets trust in the manager to the prior", "[events]") {
  const Model model = with_events(R"(
[[events]]
at = 1
type = "replace_manager"
control = 0.1
policy = "lead"
)");
  State s = make_state(model, 1);
  const PersonId old_manager = s.manager;
  apply_at(model, s, 1);
  for (int i = 0; i < 6; ++i) CHECK(s.trust_manager[i] == 0.44);  // the team.initial prior, not 0.5
  CHECK(s.manager != old_manager);
  for (const PersonId p : s.person) CHECK(s.manager != p);  // an outsider
  CHECK(s.params.manager.control == 0.1);
  CHECK(s.params.manager.policy == Policy::lead);
}

TEST_CASE("Promoting the trusted leader keeps more trust than an outside hire", "[events]") {
  // P5 at the moment of the change: same style, same team.
  const Model promote = with_events("[[events]]\nat = 1\ntype = \"promote\"\nagent = 2\n");
  const Model outside = with_events("[[events]]\nat = 1\ntype = \"replace_manager\"\n");
  State a = make_state(promote, 1), b = make_state(outside, 1);
  apply_at(promote, a, 1);
  apply_at(outside, b, 1);
  double mean_a = 0, mean_b = 0;
  for (const int j : {0, 1, 3, 4, 5}) {
    mean_a += a.trust_manager[j] / 5;
    mean_b += b.trust_manager[j] / 5;
  }
  CHECK(mean_a > mean_b);
}

TEST_CASE("layoff lowers headcount, trust in the manager, and raises strain", "[events]") {
  const Model model = with_events(R"(
[[events]]
at = 1
type = "layoff"
count = 2
select = "lowest"
trust_hit = 0.25
strain_hit = 0.5
)");
  State s = make_state(model, 1);
  const State before = s;
  apply_at(model, s, 1);
  CHECK(s.headcount() == 4);
  CHECK(s.active[0] == 0);  // the two lowest performers
  CHECK(s.active[1] == 0);
  CHECK(s.hire_at[0] == -1);  // no rehire
  for (int i = 2; i < 6; ++i) {
    CHECK(s.trust_manager[i] == Approx(0.75 * before.trust_manager[i]));
    CHECK(s.strain[i] == Approx(0.2 + 0.5 * 0.8));
  }
  CHECK(logged(s, "layoff"));
  CHECK(logged(s, "laid_off"));
}

TEST_CASE("layoff by share, at random, with rehire", "[events]") {
  const Model model = with_events(R"(
[[events]]
at = 1
type = "layoff"
share = 0.5
rehire = true
)");
  State s = make_state(model, 1);
  apply_at(model, s, 1);
  CHECK(s.headcount() == 3);
  for (std::size_t i = 0; i < 6; ++i) {
    if (!s.active[i]) CHECK(s.hire_at[i] == 1 + model.initial_params.turnover.hiring_delay);
  }
  // The refill happens in the turnover stage once the delay has run out.
  s.t = 1 + model.initial_params.turnover.hiring_delay;
  turnover(model, s);
  CHECK(s.headcount() == 6);
}

TEST_CASE("hire fills vacant seats", "[events]") {
  const Model model = with_events(R"(
[[events]]
at = 1
type = "layoff"
count = 3
[[events]]
at = 2
type = "hire"
count = 2
[[events]]
at = 3
type = "hire"
count = 2
)");
  State s = make_state(model, 1);
  apply_at(model, s, 1);
  REQUIRE(s.headcount() == 3);
  apply_at(model, s, 2);
  CHECK(s.headcount() == 5);
  apply_at(model, s, 3);
  CHECK(s.headcount() == 6);
  bool reported = false;  // one of the two could not be seated
  for (const auto& e : s.log)
    reported = reported || (e.event == "hire" && e.detail.find("no vacant seat") != std::string::npos);
  CHECK(reported);
}

TEST_CASE("dialogue raises the agent's trust in and stance toward the manager", "[events]") {
  const Model model = with_events(R"(
[[events]]
at = 1
type = "dialogue"
agent = 4
trust_gain = 0.5
stance_gain = 0.5
anchor_gain = 0.5
)");
  State s = make_state(model, 1);
  const State before = s;
  apply_at(model, s, 1);
  CHECK(s.trust_manager[4] == Approx(before.trust_manager[4] + 0.5 * (1 - before.trust_manager[4])));
  CHECK(s.stance[4] == Approx(0.85));
  CHECK(s.anchor[4] > before.anchor[4]);
  CHECK(s.anchor[4] <= 1.0);
  for (const int i : {0, 1, 2, 3, 5}) CHECK(s.stance[i] == before.stance[i]);
}

TEST_CASE("An event aimed at an empty seat is skipped", "[events]") {
  const Model model = with_events(R"(
[[events]]
at = 1
type = "layoff"
count = 6
[[events]]
at = 2
type = "dialogue"
agent = 1
)");
  State s = make_state(model, 1);
  apply_at(model, s, 1);
  const State before = s;
  apply_at(model, s, 2);
  CHECK(s.trust_manager[1] == before.trust_manager[1]);
  REQUIRE(s.log.size() == 1);
  CHECK(s.log[0].detail.find("skipped") != std::string::npos);
}

TEST_CASE("A share set by an event wins and the others give way within the attention budget", "[events]") {
  // Default style: control 0.25, recognition 0.25, mentoring 0.2, vision 0.2. Setting control to 0.9 leaves
  // room 0.1 for the other three, shared in proportion to their sizes (docs/MODEL.md 7.3
  // fit_attention_budget).
  const Model model = with_events(R"(
[[events]]
at = 1
type = "set"
key = "manager.control"
value = 0.9
[[events]]
at = 2
type = "promote"
agent = 2
recognition = 0.8
)");
  State s = make_state(model, 1);
  const ManagerParams before = s.params.manager;
  apply_at(model, s, 1);
  const ManagerParams& m = s.params.manager;
  CHECK(m.control == 0.9);
  CHECK(m.control + m.structure + m.recognition + m.mentoring + m.vision == Approx(1.0));
  CHECK(m.recognition / m.mentoring == Approx(before.recognition / before.mentoring));
  CHECK(m.mentoring / m.vision == Approx(before.mentoring / before.vision));
  // A new manager's style that overflows keeps its control and the rest gives way.
  apply_at(model, s, 2);
  CHECK(m.control == 0.9);
  CHECK(m.control + m.structure + m.recognition + m.mentoring + m.vision == Approx(1.0));
  CHECK(m.recognition > m.mentoring);
}

TEST_CASE("The manager is a person: a promoted colleague brings traits and knowledge, an outsider is drawn",
          "[events]") {
  const Model promote = with_events("[[events]]\nat = 1\ntype = \"promote\"\nagent = 5\n");
  State s = make_state(promote, 1);
  apply_at(promote, s, 1);
  CHECK(s.boss.agreeability == s.agreeability[5]);
  CHECK(s.boss.integrity == s.integrity[5]);
  CHECK(s.boss.persuasiveness == s.persuasiveness[5]);
  CHECK(s.boss.beliefs == s.beliefs.col(5));
  CHECK(manager_competence(s) == Approx(0.9));  // seat 5 acts right on 9 of 10 dimensions

  const Model outside = with_events("[[events]]\nat = 1\ntype = \"replace_manager\"\n");
  State a = make_state(outside, 1), b = make_state(outside, 2);
  const ManagerPerson first = a.boss;
  apply_at(outside, a, 1);
  apply_at(outside, b, 1);
  // New draws from the team's distributions: different from the previous holder and between seeds.
  CHECK(a.boss.integrity != first.integrity);
  CHECK(a.boss.integrity != b.boss.integrity);
  for (const double v : {a.boss.agreeability, a.boss.integrity, a.boss.persuasiveness}) {
    CHECK(v >= 0.0);
    CHECK(v <= 1.0);
  }
}

TEST_CASE("change turns its dimensions over `spread` steps", "[events]") {
  const Model model = with_events("[[events]]\nat = 2\ntype = \"change\"\nshare = 0.8\nspread = 4\n");
  State s = make_state(model, 1);
  const VectorXb reality = s.reality;
  auto flipped = [&] {
    int count = 0;
    for (int k = 0; k < 10; ++k) count += s.reality[k] != reality[k];
    return count;
  };
  // 8 dimensions; the k-th turns at step 2 + floor(4k / 8): two a step over steps 2..5.
  const int expected[] = {2, 4, 6, 8, 8};
  for (int t = 2; t <= 6; ++t) {
    apply_at(model, s, t);
    CHECK(flipped() == expected[t - 2]);
  }
  CHECK(s.pending_flips.empty());
}

TEST_CASE("A layoff without rehire leaves a load that the team re-scopes away", "[events]") {
  const Model model = with_events("[[events]]\nat = 1\ntype = \"layoff\"\ncount = 3\n");
  State s = make_state(model, 1);
  apply_at(model, s, 1);
  const double rate = model.initial_params.wellbeing.rescope_rate;
  CHECK(s.closed_load == Approx(0.5 * (1.0 - rate)));  // 3 of 6 seats, then this step's re-scoping
  for (int t = 2; t <= 40; ++t) apply_at(model, s, t);
  CHECK(s.closed_load == Approx(0.5 * std::pow(1.0 - rate, 40)));
}
