// Social power and informal leaders (sim/leaders.cpp): the left Perron vector of the damped influence
// matrix, the star network special case, and the informal leader as the most trusted non-manager.
#include <catch2/catch.hpp>

#include <cmath>

#include "metrics.hpp"
#include "test_util.hpp"

using namespace teamsim;
using teamsim::test::load;
using teamsim::test::only;

namespace {

// Star: seat 2 is the hub. Leaves trust the hub 0.9 and each other 0.05; the hub trusts every leaf 0.3.
// Self weight 0.1; last column: trust in the manager.
const std::string kStar = R"(
[team]
size = 5
dims = 10
[team.agents]
trust = [[0.10, 0.05, 0.90, 0.05, 0.05, 0.3],
         [0.05, 0.10, 0.90, 0.05, 0.05, 0.3],
         [0.30, 0.30, 0.10, 0.30, 0.30, 0.3],
         [0.05, 0.05, 0.90, 0.10, 0.05, 0.3],
         [0.05, 0.05, 0.90, 0.05, 0.10, 0.3]]
)";

// Largest |pi P - pi| over present nodes, P = d W + (1 - d) / N over the present nodes.
double perron_residual(const State& s, double damping) {
  const int n = s.seats();
  std::vector<int> nodes;
  for (int i = 0; i < n; ++i) {
    if (s.active[static_cast<std::size_t>(i)]) nodes.push_back(i);
  }
  nodes.push_back(n);
  const double count = static_cast<double>(nodes.size());
  double worst = 0;
  for (const int j : nodes) {
    double next = 0;
    for (const int i : nodes) next += s.power[i] * (damping * s.influence(i, j) + (1 - damping) / count);
    worst = std::max(worst, std::abs(next - s.power[j]));
  }
  return worst;
}

int argmax_power(const State& s) {
  int best = 0;
  for (int i = 1; i < s.power.size(); ++i) {
    if (s.power[i] > s.power[best]) best = i;
  }
  return best;
}

}  // namespace

TEST_CASE("In a star network the hub has the largest power and is the informal leader",
          "[leaders][special]") {
  for (const char* authority : {"manager.authority=0", "manager.authority=0.2"}) {
    INFO(authority);
    const Model model = load(kStar + only({"leaders"}), {authority});
    const State s = make_state(model, 1);  // initialization finds the leaders of the initial state
    CHECK(argmax_power(s) == 2);           // over every node, the manager included
    CHECK(s.top_leader == 2);
    CHECK(s.leader_count == 1);
    CHECK(s.power.sum() == Approx(1.0));
    CHECK(perron_residual(s, model.initial_params.leaders.damping) < 1e-10);
    for (const int leaf : {0, 1, 3, 4}) CHECK(s.power[2] > 2 * s.power[leaf]);
    const Metrics m = measure(s);
    CHECK(m.top_leader == 2.0);
    CHECK(m.informal_leaders == 1.0);
    CHECK(m.top_leader_power == s.power[2]);
  }
}

TEST_CASE("The informal leader is the non-manager the others trust most", "[leaders][special]") {
  // Everyone trusts seat 4 most (0.8); other trust is scattered in [0.2, 0.5]. The manager has authority but
  // is not an employee and never the informal leader.
  const Model model = load(R"(
[team]
size = 6
dims = 10
[team.agents]
trust = [[1.0, 0.3, 0.5, 0.2, 0.8, 0.6],
         [0.4, 1.0, 0.2, 0.5, 0.8, 0.6],
         [0.5, 0.2, 1.0, 0.3, 0.8, 0.6],
         [0.2, 0.4, 0.5, 1.0, 0.8, 0.6],
         [0.3, 0.5, 0.4, 0.2, 1.0, 0.6],
         [0.5, 0.3, 0.2, 0.4, 0.8, 0.6]]
[manager]
authority = 1.0
)" + only({"leaders"}));
  const State s = make_state(model, 1);
  CHECK(s.top_leader == 4);
  CHECK(s.leader_count >= 1);
  for (int i = 0; i < 6; ++i) {
    if (i != 4) CHECK(s.power[4] > s.power[i]);
  }
  CHECK(perron_residual(s, model.initial_params.leaders.damping) < 1e-10);
}

TEST_CASE("A team where everyone trusts everyone alike has no informal leader", "[leaders]") {
  const Model model = load(R"(
[team]
size = 5
dims = 10
[team.initial]
trust_peer = 0.5
trust_manager = 0.5
[team.traits]
self_weight = 0.5
)" + only({"leaders"}));
  const State s = make_state(model, 1);
  CHECK(s.leader_count == 0);
  for (int i = 1; i < 5; ++i) CHECK(s.power[i] == Approx(s.power[0]));
}

TEST_CASE("Authority gives the manager power", "[leaders]") {
  const State none = make_state(load(kStar + only({"leaders"}), {"manager.authority=0"}), 1);
  const State strong = make_state(load(kStar + only({"leaders"}), {"manager.authority=5"}), 1);
  CHECK(strong.power[5] > none.power[5] + 0.1);
  CHECK(strong.power[2] < none.power[2]);
}

TEST_CASE("An absent person has no power and loses the lead", "[leaders]") {
  const Model model = load(kStar + only({"leaders"}), {"manager.authority=0"});
  State s = make_state(model, 1);
  REQUIRE(s.top_leader == 2);
  s.t = 1;
  vacate_seat(s, 2, -1);
  find_leaders(model, s);
  CHECK(s.power[2] == 0.0);
  CHECK(s.power.sum() == Approx(1.0));
  CHECK(s.top_leader != 2);
  CHECK(perron_residual(s, model.initial_params.leaders.damping) < 1e-10);
}

TEST_CASE("A new top leader is logged", "[leaders]") {
  const Model model = load(kStar + only({"leaders"}), {"manager.authority=0"});
  State s = make_state(model, 1);
  REQUIRE(s.top_leader == 2);
  // Everyone turns to seat 0 instead.
  for (int i = 0; i < 5; ++i) {
    s.trust(i, 2) = 0.05;
    if (i != 0) s.trust(i, 0) = 0.9;
  }
  s.t = 1;
  s.log.clear();
  update_influence(model, s);  // W follows the new trust (step() builds it once a step, docs/MODEL.md 3.2)
  find_leaders(model, s);
  CHECK(s.top_leader == 0);
  REQUIRE(s.log.size() == 1);
  CHECK(s.log[0].event == "top_leader");
  CHECK(s.log[0].agent == 0);
  s.log.clear();
  find_leaders(model, s);
  CHECK(s.log.empty());  // no change, no event
}

TEST_CASE("Leaders switched off leave power and the top leader unchanged", "[leaders]") {
  const Model model = load(kStar + only({}));
  State s = make_state(model, 1);
  const Eigen::VectorXd power = s.power;
  const int top = s.top_leader;
  for (int i = 0; i < 5; ++i) s.trust(i, 0) = 1.0;
  find_leaders(model, s);
  CHECK(s.power == power);
  CHECK(s.top_leader == top);
  CHECK(s.log.empty());
}
