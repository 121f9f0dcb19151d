// Contact networks (sim/network.cpp, sim/network_file.cpp; docs/MODEL.md 7.11): storage, generators, the
// scenario syntax and its errors, and the engine following the network.
#include <catch2/catch.hpp>

#include <set>

#include "input_error.hpp"
#include "metrics.hpp"
#include "run_output.hpp"
#include "simulate.hpp"
#include "test_util.hpp"

using namespace teamsim;
using teamsim::test::load;
using teamsim::test::options;
using teamsim::test::TempDir;

namespace {

std::vector<std::pair<int, double>> neighbours(const Network& net, int i) {
  std::vector<std::pair<int, double>> out;
  net.for_each_neighbour(i, [&](int j, double w) { out.emplace_back(j, w); });
  return out;
}

std::string error_of(const std::string& text) {
  return test::input_error_of([&] { load(text); });
}

NetworkSpec spec_of(NetworkSpec::Kind kind) {
  NetworkSpec spec;
  spec.kind = kind;
  return spec;
}

}  // namespace

TEST_CASE("The complete network is implicit: everyone else, ascending, weight 1", "[network]") {
  const Network net = Network::complete_network(4);
  CHECK(net.complete());
  CHECK(net.degree(2) == 3);
  CHECK(net.tie_count() == 6);
  CHECK(neighbours(net, 2) == std::vector<std::pair<int, double>>{{0, 1.0}, {1, 1.0}, {3, 1.0}});
  CHECK(net.weight(1, 1) == 0.0);
  CHECK(net.bytes() == 0.0);
}

TEST_CASE("Sub-teams: ties within each sub-team, and between them only with a between weight", "[network]") {
  Rng rng(1);
  NetworkSpec spec = spec_of(NetworkSpec::Kind::sub_teams);
  spec.sizes = {3, 2};
  spec.within = 0.8;
  const Network apart = make_network(spec, 5, rng);
  CHECK(apart.tie_count() == 3 + 1);
  CHECK(apart.weight(0, 2) == 0.8);
  CHECK(apart.weight(2, 3) == 0.0);
  CHECK(apart.weighted());
  spec.between = 0.1;
  spec.ties = {{0, 4, 1.0, 0, 0}};  // an extra tie overrides the generated weight
  const Network linked = make_network(spec, 5, rng);
  CHECK(linked.tie_count() == 10);
  CHECK(linked.weight(2, 3) == 0.1);
  CHECK(linked.weight(4, 0) == 1.0);
  CHECK(rng.words_drawn() == 0);  // no draws for sub-teams
}

TEST_CASE("Watts-Strogatz: a ring of degree k, rewired without self ties or duplicates", "[network]") {
  NetworkSpec spec = spec_of(NetworkSpec::Kind::small_world);
  spec.degree = 4;
  spec.rewire = 0.0;
  Rng rng(3);
  const Network ring = make_network(spec, 20, rng);
  for (int i = 0; i < 20; ++i) {
    CHECK(ring.degree(i) == 4);
    CHECK(ring.weight(i, (i + 1) % 20) == 1.0);
    CHECK(ring.weight(i, (i + 2) % 20) == 1.0);
  }
  spec.rewire = 0.3;
  const Network small = make_network(spec, 20, rng);
  CHECK(small.tie_count() == 40);  // rewiring keeps the number of ties
  int moved = 0;
  for (int i = 0; i < 20; ++i) {
    std::set<int> seen;
    small.for_each_neighbour(i, [&](int j, double) {
      CHECK(j != i);
      CHECK(seen.insert(j).second);
      CHECK(small.weight(j, i) == 1.0);  // undirected
    });
    moved += small.weight(i, (i + 1) % 20) == 0.0;
  }
  CHECK(moved > 0);
  // The same stream gives the same network.
  Rng a(9), b(9);
  const Network x = make_network(spec, 50, a), y = make_network(spec, 50, b);
  for (int i = 0; i < 50; ++i) CHECK(neighbours(x, i) == neighbours(y, i));
}

TEST_CASE("Erdős–Rényi: the mean degree is the one asked for", "[network]") {
  NetworkSpec spec = spec_of(NetworkSpec::Kind::random);
  spec.degree = 10;
  Rng rng(5);
  const Network net = make_network(spec, 400, rng);
  const double mean_degree = 2.0 * static_cast<double>(net.tie_count()) / 400;
  // Binomial(79800, 10/399): the mean degree has s.d. about 0.16.
  CHECK(mean_degree == Approx(10.0).margin(0.8));
}

TEST_CASE("Ties can be added and removed, also on the complete network", "[network]") {
  Network net = Network::complete_network(3);
  net.remove_tie(0, 2);
  CHECK_FALSE(net.complete());
  CHECK(net.weight(0, 2) == 0.0);
  CHECK(net.weight(0, 1) == 1.0);
  net.add_tie(2, 0, 0.5);
  CHECK(net.weight(0, 2) == 0.5);
  CHECK(net.weighted());
}

TEST_CASE("A network of every tie reproduces the complete network bit for bit", "[network]") {
  const std::vector<std::string> sets = {"scenario.warmup=30", "scenario.steps=40"};
  const Model complete = load_scenario("baseline", options(sets));
  std::vector<std::string> with = sets;
  with.emplace_back("network.kind=sub_teams");
  with.emplace_back("network.sizes=[12]");
  const Model explicit_ties = load_scenario("baseline", options(with));
  REQUIRE(explicit_ties.network.kind == NetworkSpec::Kind::sub_teams);
  for (const std::uint64_t seed : {7u, 8u}) {
    TempDir a, b;
    for (const auto& [model, dir] : {std::pair{&complete, &a}, std::pair{&explicit_ties, &b}}) {
      RunWriter writer(*model, OutputOptions{dir->str(), true, 10});
      simulate(*model, RunSettings{model->steps, seed, 1}, writer);
      writer.finish("{}\n");
    }
    CHECK(test::read_file(a.path() / "timeseries.csv") == test::read_file(b.path() / "timeseries.csv"));
    CHECK(test::read_file(a.path() / "events.csv") == test::read_file(b.path() / "events.csv"));
  }
}

TEST_CASE("Meetings, trust and influence follow the network", "[network]") {
  // Two sub-teams with no tie between them: nobody meets, trusts or listens across.
  const Model model = load(R"(
[scenario]
steps = 30
[team]
size = 6
[network]
kind = "sub_teams"
sizes = [3, 3]
)");
  State s = make_state(model, 4);
  for (int t = 0; t < 30; ++t) step(model, s);
  for (int i = 0; i < 3; ++i) {
    for (int j = 3; j < 6; ++j) {
      // Sparse storage has no slot between non-contacts; dense storage holds 0 there.
      CHECK((!s.trust.stored(i, j) || s.trust(i, j) == 0.0));
      CHECK((!s.trust.stored(j, i) || s.trust(j, i) == 0.0));
      CHECK(s.influence(i, j) == 0.0);
      CHECK(s.influence(j, i) == 0.0);
    }
  }
  for (int i = 0; i < 6; ++i) {
    if (!s.active[static_cast<std::size_t>(i)]) continue;
    CHECK(s.influence.row_sum(i) == Approx(1.0).margin(1e-12));
    CHECK(s.influence(i, 6) > 0.0);  // everyone listens to the manager
  }
  // Peer trust (the metric) is over ties only: it stays near the priors, not diluted by the zeros.
  CHECK(measure(s).peer_trust > 0.4);
}

TEST_CASE("Scenario syntax: kinds, parameters and ties inline or from a CSV file", "[network]") {
  const Model small =
      load("[team]\nsize = 30\n[network]\nkind = \"small_world\"\ndegree = 6\nrewire = 0.2\n");
  CHECK(small.network.kind == NetworkSpec::Kind::small_world);
  CHECK(small.network.degree == 6);
  CHECK(small.network.rewire == 0.2);
  const Model listed = load("[team]\nsize = 4\n[network]\nkind = \"edges\"\nedges = [[0, 1], [1, 2, 0.5]]\n");
  REQUIRE(listed.network.ties.size() == 2);
  CHECK(listed.network.ties[1].weight == 0.5);
  State s = make_state(listed, 1);
  CHECK(s.network.degree(3) == 0);
  CHECK(s.network.weight(2, 1) == 0.5);

  TempDir dir;
  test::write_file(dir.path() / "ties.csv", "a,b,weight\n0,1\n1,2,0.25\n\n2,3\n");
  test::write_file(dir.path() / "team.toml",
                   "[team]\nsize = 4\n[network]\nkind = \"edges\"\nedges = \"ties.csv\"\n");
  const Model from_file = load_scenario(dir.str("team.toml"), options());
  REQUIRE(from_file.network.ties.size() == 3);
  CHECK(from_file.network.ties[1].weight == 0.25);
  // `show` writes the ties inline, and that reads back to the same network.
  const Model again = load(to_toml(from_file));
  REQUIRE(again.network.ties.size() == 3);
  CHECK(again.network.ties[2].b == 3);
}

TEST_CASE("Bad networks are refused at file:line:column with the key, what was expected and found",
          "[network]") {
  using Catch::Matchers::Contains;
  const std::string head = "[team]\nsize = 4\n[network]\n";
  CHECK_THAT(
      error_of(head + "kind = \"edges\"\nedges = [[0, 1], [1, 7]]\n"),
      Contains("test.toml:5:22: network.edges[1]: expected a seat in [0, 3] (team.size = 4), found 7"));
  CHECK_THAT(error_of(head + "kind = \"edges\"\nedges = [[2, 2]]\n"),
             Contains("test.toml:5:10: network.edges[0]: expected two different seats"));
  CHECK_THAT(error_of(head + "kind = \"edges\"\nedges = [[0, 1, 1.5]]\n"),
             Contains("test.toml:5:17: network.edges[0]: expected a weight in (0, 1], found 1.5"));
  CHECK_THAT(error_of(head + "kind = \"edges\"\nedges = [[0, 1], [1, 0]]\n"),
             Contains("network.edges[1]: the tie 1-0 is listed twice"));
  CHECK_THAT(error_of(head + "kind = \"sub_teams\"\nsizes = [2, 3]\n"),
             Contains("test.toml:5:9: network.sizes: expected sizes that add up to team.size = 4, found 5"));
  CHECK_THAT(error_of(head + "kind = \"small_world\"\ndegree = 3\n"),
             Contains("network.degree: expected an even ring degree, found 3"));
  CHECK_THAT(error_of(head + "kind = \"complete\"\nedges = [[0, 1]]\n"), Contains("network (kind complete)"));
  CHECK_THAT(error_of(head + "kind = \"mesh\"\n"), Contains("network.kind"));

  // The ties from a CSV file: the error of a scenario whose network.edges names ties.csv holding `csv`.
  TempDir dir;
  test::write_file(dir.path() / "t.toml", head + "kind = \"edges\"\nedges = \"ties.csv\"\n");
  auto csv_error = [&](const std::string& csv) {
    test::write_file(dir.path() / "ties.csv", csv);
    return test::input_error_of([&] { load_scenario(dir.str("t.toml"), options()); });
  };
  CHECK_THAT(csv_error("0,1\n1,x\n"),
             Contains("ties.csv:2:3: network.edges line 2: expected a number, found 'x'"));
  CHECK_THAT(csv_error("0,1\n1,9,0.5\n"),
             Contains("ties.csv:2:3: network.edges line 2: expected a seat in [0, 3]"));

  // Found by the outside review: a malformed first line is an error, not a header; a header may follow
  // comment lines; a seat beyond int's range is reported as written, not wrapped.
  CHECK_THAT(csv_error("0;1\n1,2\n"),
             Contains("ties.csv:1:1: network.edges line 1: expected a,b or a,b,weight, found 1 fields"));
  CHECK_THAT(
      csv_error("4294967296,1\n"),
      Contains(
          "ties.csv:1:1: network.edges line 1: expected a seat in [0, 3] (team.size = 4), found 4294967296"));
  CHECK(csv_error("# the ties of the team\nsource,target,weight\n0,1\n1,2,0.5\n").empty());
  CHECK_THAT(csv_error("a,b\nc,d\n"),
             Contains("ties.csv:2:1: network.edges line 2: expected a number, found 'c'"));
}

TEST_CASE("network.csv holds contacts only, with their weight; agents.csv the degree", "[network][output]") {
  const Model model = load(R"(
[scenario]
steps = 2
[team]
size = 4
[network]
kind = "edges"
edges = [[0, 1], [1, 2, 0.5]]
)");
  TempDir dir;
  RunWriter writer(model, OutputOptions{dir.str(), true, 1});
  simulate(model, RunSettings{2, 1, 1}, writer);
  writer.finish("{}\n");
  const auto network = test::lines(test::read_file(dir.path() / "network.csv"));
  std::vector<std::string> first;
  for (const auto& line : network) {
    if (line.rfind("0,", 0) == 0) first.push_back(line.substr(0, line.find(',', line.find(',', 2) + 1)));
  }
  // t = 0: each seat's own row and its contacts (seat 3 has none), then the manager's column and row.
  const std::vector<std::string> expected = {"0,0,0",  "0,0,1",  "0,0,-1", "0,1,0",  "0,1,1",  "0,1,2",
                                             "0,1,-1", "0,2,1",  "0,2,2",  "0,2,-1", "0,3,3",  "0,3,-1",
                                             "0,-1,0", "0,-1,1", "0,-1,2", "0,-1,3", "0,-1,-1"};
  CHECK(first == expected);
  bool half = false;
  for (const auto& line : network) half = half || (line.rfind("0,2,1,", 0) == 0 && line.ends_with(",0.5"));
  CHECK(half);
  const auto agents = test::lines(test::read_file(dir.path() / "agents.csv"));
  REQUIRE(agents.size() > 4);
  for (int seat = 0; seat < 4; ++seat) {
    const std::string& row = agents[static_cast<std::size_t>(seat) + 1];
    CHECK(row.substr(row.rfind(',') + 1) == std::to_string(seat == 1 ? 2 : seat == 3 ? 0 : 1));
  }
}

TEST_CASE("Tie events start and end contacts during a run", "[network][events]") {
  const Model model = load(R"(
[scenario]
steps = 6
[team]
size = 4
[network]
kind = "sub_teams"
sizes = [2, 2]
[[events]]
at = 2
type = "tie"
agent = 0
other = 3
weight = 0.5
[[events]]
at = 4
type = "untie"
agent = 0
other = 1
)");
  REQUIRE(model.events.size() == 2);
  CHECK(model.events[0].other == 3);
  CHECK(model.events[0].weight == 0.5);
  State s = make_state(model, 2);
  step(model, s);
  CHECK(s.network.weight(0, 3) == 0.0);
  CHECK((!s.trust.stored(0, 3) || s.trust(0, 3) == 0.0));
  step(model, s);  // t = 2: the tie, with trust priors both ways
  CHECK(s.network.weight(3, 0) == 0.5);
  CHECK(s.trust(0, 3) >= 0.5);
  CHECK(s.trust(3, 0) >= 0.5);
  CHECK(s.influence(0, 3) > 0.0);
  step(model, s);
  step(model, s);  // t = 4: 0 and 1 are no longer in contact
  CHECK(s.network.weight(0, 1) == 0.0);
  CHECK(s.influence(0, 1) == 0.0);
  // `show` writes the events back and they read the same.
  const Model again = load(to_toml(model));
  REQUIRE(again.events.size() == 2);
  CHECK(again.events[1].type == EventType::untie);
  CHECK(again.events[1].other == 1);

  using Catch::Matchers::Contains;
  const std::string head = "[team]\nsize = 4\n[[events]]\nat = 1\n";
  CHECK_THAT(error_of(head + "type = \"tie\"\nother = 2\n"), Contains("missing key 'agent'"));
  CHECK_THAT(error_of(head + "type = \"tie\"\nagent = 1\nother = 9\n"),
             Contains("test.toml:7:9: events[0].other: expected an integer in [0, 3], found 9"));
  CHECK_THAT(error_of(head + "type = \"tie\"\nagent = 1\nother = 1\n"),
             Contains("expected a seat other than agent"));
  CHECK_THAT(error_of(head + "type = \"tie\"\nagent = 1\nother = 2\nweight = 0\n"),
             Contains("events[0].weight"));
}
