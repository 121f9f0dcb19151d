// Peer trust storage (sim/trust_matrix.hpp; docs/MODEL.md 7.11): dense on the complete network, the diagonal
// and the contacts on another; the two forms give the same run, bit for bit.
#include <catch2/catch.hpp>

#include <cstring>

#include "memory_check.hpp"
#include "metrics.hpp"
#include "network_events.hpp"
#include "test_util.hpp"
#include "trust_matrix.hpp"

using namespace teamsim;
using teamsim::test::load;

namespace {

// A ring of 6 seats (0-1-2-3-4-5-0) with one chord 0-3.
Network ring_with_chord() {
  std::vector<Tie> ties;
  for (int i = 0; i < 6; ++i) ties.push_back({i, (i + 1) % 6, 1.0, 0, 0});
  ties.push_back({0, 3, 1.0, 0, 0});
  return Network::from_ties(6, ties);
}

// Sets every stored value of `t` to a number that names its pair: 10 i + j + 0.5 (the diagonal i + 0.25).
void label(TrustMatrix& t, const Network& net) {
  for (int i = 0; i < t.size(); ++i) {
    t(i, i) = i + 0.25;
    net.for_each_neighbour(i, [&](int j, double) { t(i, j) = 10 * i + j + 0.5; });
  }
}

bool same_bits(double a, double b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

}  // namespace

TEST_CASE("Sparse trust holds the diagonal and one value per contact and direction", "[trust_matrix]") {
  const Network net = ring_with_chord();
  TrustMatrix t = TrustMatrix::along(net);
  CHECK(t.sparse());
  CHECK(t.size() == 6);
  CHECK(t.stored_count() == 6 + 2 * 7);
  CHECK(t.fits(net));
  CHECK(t.bytes() == 8.0 * (6 + 7) + 12.0 * 14);
  for (int i = 0; i < 6; ++i) {
    for (int j = 0; j < 6; ++j) CHECK(t.stored(i, j) == (i == j || net.weight(i, j) > 0));
  }
  label(t, net);
  CHECK(t(0, 0) == 0.25);
  CHECK(t(0, 3) == 3.5);
  CHECK(t(3, 0) == 30.5);
  CHECK(t(5, 0) == 50.5);
  // The dense copy has the same values and 0 between non-contacts.
  const TrustMatrix d = t.to_dense();
  CHECK_FALSE(d.sparse());
  CHECK(d.fits(net));
  for (int i = 0; i < 6; ++i) {
    for (int j = 0; j < 6; ++j) CHECK(d(i, j) == (t.stored(i, j) ? t(i, j) : 0.0));
  }
}

TEST_CASE("Adding and removing a contact keeps every other value", "[trust_matrix]") {
  Network net = ring_with_chord();
  TrustMatrix t = TrustMatrix::along(net);
  label(t, net);
  const TrustMatrix before = t.to_dense();

  net.add_tie(1, 4, 1.0);
  t.add_contact(1, 4);
  CHECK(t.fits(net));
  CHECK(t(1, 4) == 0.0);  // a new slot starts at 0 (the caller draws the prior)
  CHECK(t(4, 1) == 0.0);
  t.add_contact(1, 4);  // already there: nothing changes
  CHECK(t.stored_count() == 6 + 2 * 8);
  for (int i = 0; i < 6; ++i) {
    net.for_each_neighbour(i, [&](int j, double) {
      if ((i == 1 && j == 4) || (i == 4 && j == 1)) return;
      CHECK(t(i, j) == before(i, j));
    });
    CHECK(t(i, i) == before(i, i));
  }

  net.remove_tie(0, 3);
  t.remove_contact(0, 3);
  CHECK(t.fits(net));
  CHECK_FALSE(t.stored(0, 3));
  CHECK_FALSE(t.stored(3, 0));
  t.remove_contact(0, 3);  // already gone: nothing changes
  CHECK(t.stored_count() == 6 + 2 * 7);
  for (int i = 0; i < 6; ++i) {
    net.for_each_neighbour(i, [&](int j, double) {
      if ((i == 1 && j == 4) || (i == 4 && j == 1)) return;
      CHECK(t(i, j) == before(i, j));
    });
  }
  // The storage no longer fits a network it was not kept in step with.
  CHECK_FALSE(t.fits(ring_with_chord()));
}

TEST_CASE("Dense trust on the complete network, sparse on another unless slots would take more bytes",
          "[trust_matrix]") {
  const Network complete = Network::complete_network(5);
  const TrustMatrix a = TrustMatrix::for_network(complete);
  CHECK_FALSE(a.sparse());
  CHECK(a.matrix().rows() == 5);
  CHECK(a.bytes() == 8.0 * 25);
  CHECK(TrustMatrix::for_network(ring_with_chord()).sparse());
  // Every pair tied explicitly: one slot per pair costs 12 bytes, more than the dense 8.
  std::vector<Tie> all;
  for (int i = 0; i < 6; ++i) {
    for (int j = i + 1; j < 6; ++j) all.push_back({i, j, 0.5, 0, 0});
  }
  CHECK_FALSE(TrustMatrix::for_network(Network::from_ties(6, all)).sparse());
  // The estimate follows the same rule.
  CHECK(TrustMatrix::bytes_for(6, 15, false) == 8.0 * 36);
  CHECK(TrustMatrix::bytes_for(6, 7, false) == 8.0 * 13 + 12.0 * 14);
  CHECK(TrustMatrix::bytes_for(6, 7, true) == 8.0 * 36);
}

TEST_CASE("A newcomer's priors fill only their contact slots, both ways", "[trust_matrix][turnover]") {
  const Model model = load("[team]\nsize = 30\n[network]\nkind = \"small_world\"\ndegree = 4\n");
  State s = make_state(model, 3);
  REQUIRE(s.trust.sparse());
  const TrustMatrix before = s.trust.to_dense();
  vacate_seat(s, 7, 1);
  seat_new_person(model, s, 7);
  CHECK(s.trust.fits(s.network));
  int redrawn = 0;
  for (int i = 0; i < s.seats(); ++i) {
    s.network.for_each_neighbour(i, [&](int j, double) {
      if (i == 7 || j == 7) {
        redrawn += s.trust(i, j) != before(i, j);
      } else {
        CHECK(s.trust(i, j) == before(i, j));
      }
    });
  }
  CHECK(redrawn == 2 * s.network.degree(7));  // continuous draws: every prior differs from the old value
}

TEST_CASE("An explicit trust matrix on a network keeps the contact entries", "[trust_matrix][scenario]") {
  const Model model = load(R"(
[team]
size = 4
[team.agents]
trust = [[1.0, 0.1, 0.2, 0.3],
         [0.4, 2.0, 0.5, 0.6],
         [0.7, 0.8, 3.0, 0.9],
         [0.15, 0.25, 0.35, 4.0]]
[network]
kind = "sub_teams"
sizes = [2, 2]
)");
  const State s = make_state(model, 1);
  REQUIRE(s.trust.sparse());
  for (int i = 0; i < 4; ++i) {
    for (int j = 0; j < 4; ++j) {
      const bool contact = i == j || (i < 2) == (j < 2);
      CHECK(s.trust.stored(i, j) == contact);
      if (contact) CHECK(s.trust(i, j) == (*model.team.trust)(i, j));
    }
  }
}

TEST_CASE("Dense and sparse trust give the same run on a network, bit for bit", "[trust_matrix][network]") {
  // Turnover (hires draw priors), tie and untie events (slots come and go) and a promotion (the team's trust
  // in the promoted colleague): the run with sparse trust and the same run with the values in a dense
  // matrix agree on every metric, every trust value between active contacts, power and the event log.
  const Model model = load(R"(
[scenario]
steps = 60
[team]
size = 40
[network]
kind = "small_world"
degree = 4
rewire = 0.2
[turnover]
base_hazard = 0.02
hiring_delay = 2
[[events]]
at = 5
type = "tie"
agent = 0
other = 20
[[events]]
at = 10
type = "untie"
agent = 0
other = 1
[[events]]
at = 15
type = "promote"
agent = 7
[[events]]
at = 20
type = "tie"
agent = 0
other = 1
weight = 0.5
)");
  State sparse = make_state(model, 11);
  State dense = sparse;
  dense.trust = sparse.trust.to_dense();
  REQUIRE(sparse.trust.sparse());
  REQUIRE_FALSE(dense.trust.sparse());
  int hires = 0;
  for (int t = 1; t <= model.steps; ++t) {
    step(model, sparse);
    step(model, dense);
    const auto a = metrics_row(t, measure(sparse));
    const auto b = metrics_row(t, measure(dense));
    for (std::size_t k = 0; k < a.size(); ++k) REQUIRE(same_bits(a[k], b[k]));
    REQUIRE(sparse.trust.fits(sparse.network));
    for (int i = 0; i < sparse.seats(); ++i) {
      REQUIRE(same_bits(sparse.power[i], dense.power[i]));
      if (!sparse.active[static_cast<std::size_t>(i)]) continue;
      REQUIRE(same_bits(sparse.trust(i, i), dense.trust(i, i)));
      sparse.network.for_each_neighbour(i, [&](int j, double) {
        if (sparse.active[static_cast<std::size_t>(j)])
          REQUIRE(same_bits(sparse.trust(i, j), dense.trust(i, j)));
      });
    }
    REQUIRE(sparse.log.size() == dense.log.size());
    for (std::size_t k = 0; k < sparse.log.size(); ++k) {
      REQUIRE(sparse.log[k].event == dense.log[k].event);
      REQUIRE(sparse.log[k].detail == dense.log[k].detail);
      hires += sparse.log[k].event == "hire";
    }
    sparse.log.clear();
    dense.log.clear();
  }
  CHECK(sparse.total_quits > 5);  // the run exercised turnover...
  CHECK(hires > 5);               // ... and hires' priors
  CHECK(sparse.network.weight(0, 1) == 0.5);
  CHECK(sparse.rng.words_drawn() == dense.rng.words_drawn());
}

TEST_CASE("A 10,000-person small-world state holds far less than n^2 values", "[trust_matrix][limits]") {
  const Model model = load("[team]\nsize = 10000\n[network]\nkind = \"small_world\"\ndegree = 10\n");
  const double n = 10000, dense = 8 * n * n;  // 800 MB
  CHECK(state_bytes(model) < dense / 50);     // about 9 MB of 800
  const State s = make_state(model, 1);
  REQUIRE(s.trust.sparse());
  CHECK(s.trust.stored_count() == 10000 + 2 * s.network.tie_count());
  CHECK(s.trust.stored_count() == 10000 + 10 * 10000);
  CHECK(s.trust.bytes() < dense / 200);  // 1.4 MB
  CHECK(s.trust.bytes() + s.influence.bytes() + s.network.bytes() < dense / 100);
  CHECK(s.trust.bytes() + s.influence.bytes() + s.network.bytes() <= state_bytes(model));
}

#ifndef TEAMSIM_DISABLE_ASSERT
TEST_CASE("Reading sparse trust between seats not in contact aborts", "[trust_matrix][assert]") {
  const TrustMatrix t = TrustMatrix::along(ring_with_chord());
  const test::Abort result = test::abort_of([&] {
    const volatile double v = t(1, 4);
    static_cast<void>(v);
  });
  CHECK(result.aborted);
  const std::string& err = result.message;
  CHECK_THAT(err, Catch::Matchers::Contains("trust(1, 4) read or written, but the seats are not in contact"));
}
#endif
