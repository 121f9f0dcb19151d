// Limits of the engine checked before they bite: the memory a state needs (sim/memory_check.cpp), the
// per-step event index (sim/event_index.hpp) and TEAMSIM_ASSERT on the engine's invariants.
#include <catch2/catch.hpp>

#include "event_index.hpp"
#include "input_error.hpp"
#include "invariants.hpp"
#include "memory_check.hpp"
#include "test_util.hpp"

using namespace teamsim;
using Catch::Matchers::Contains;
using teamsim::test::load;

TEST_CASE("The state's memory estimate follows its n^2 matrices", "[limits]") {
  for (const int n : {10, 1000, 3000}) {
    const Model model = load("[team]\nsize = " + std::to_string(n) + "\n");
    const double bytes = state_bytes(model);
    // Trust and, on the complete network, influence are dense: 8 bytes an entry.
    const double matrices = 8.0 * n * n + 8.0 * (n + 1.0) * (n + 1.0);
    CHECK(bytes >= matrices);
    CHECK(bytes <= matrices + 400.0 * n + 1000);
    // The real thing: make_state allocates at least the matrices the estimate counts.
    if (n <= 1000) {
      const State s = make_state(model, 1);
      CHECK(s.trust.bytes() + s.influence.bytes() <= bytes);
    }
  }
}

TEST_CASE("On a sparse network the estimate grows with the ties", "[limits]") {
  const Model model = load("[team]\nsize = 2000\n[network]\nkind = \"small_world\"\ndegree = 10\n");
  const double n = 2000;
  const double bytes = state_bytes(model);
  CHECK(bytes >= 8 * n * 10);  // at least trust between the 10 contacts of each seat
  CHECK(bytes <= 2000.0 * n);  // trust, influence and network: a few hundred bytes a seat, no n^2
  const State s = make_state(model, 1);
  CHECK(s.trust.sparse());
  CHECK(s.trust.bytes() + s.influence.bytes() + s.network.bytes() <= bytes);
  CHECK(s.influence.stored() < 20 * 2000);
  CHECK(s.trust.stored_count() == 2000 + 2 * s.network.tie_count());
}

TEST_CASE("A state that would not fit in memory is refused with the estimate", "[limits]") {
  const Model model = load("[team]\nsize = 2000\n");
  std::string source;
  const auto limit = static_cast<double>(memory_limit(&source));
  CHECK(limit > 1e8);  // any machine that runs the tests has 100 MB
  CHECK_FALSE(source.empty());
  CHECK_NOTHROW(check_fits_in_memory(model, 1));
  // As many states as it takes to pass the limit.
  const int copies = static_cast<int>(limit / state_bytes(model)) + 1;
  try {
    check_fits_in_memory(model, copies, "; use fewer --threads");
    FAIL("no InputError");
  } catch (const InputError& e) {
    const std::string message = e.what();
    CHECK_THAT(message, Contains("team.size = 2000, team.dims = 30: the state needs about "));
    CHECK_THAT(message, Contains(std::to_string(copies) + " runs at once"));
    CHECK_THAT(message, Contains("this process may use (" + source + ")"));
    CHECK_THAT(message, Contains("use fewer --threads"));
  }
  // The largest allowed team: refused up front wherever 160 GB is more than the machine has.
  const Model largest = load("[team]\nsize = 100000\n");
  CHECK(state_bytes(largest) > 1.6e11);
  if (state_bytes(largest) > limit) CHECK_THROWS_WITH(make_state(largest, 1), Contains("team.size = 100000"));
}

TEST_CASE("events_at finds exactly the events of a step, in file order", "[limits][events]") {
  std::vector<Event> events;
  for (int k = 0; k < 20000; ++k) {
    Event e;
    e.at = 1 + (k * 7919) % 997;  // many steps, several events each
    e.line = k;
    events.push_back(e);
  }
  std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) { return a.at < b.at; });
  for (const int t : {0, 1, 2, 500, 997, 998, 5000}) {
    std::vector<int> expected;
    for (const Event& e : events) {
      if (e.at == t) expected.push_back(e.line);
    }
    std::vector<int> found;
    for (const Event& e : events_at(events, t)) found.push_back(e.line);
    CHECK(found == expected);
  }
  CHECK(events_at({}, 3).empty());
}

#ifndef TEAMSIM_DISABLE_ASSERT
TEST_CASE("A broken invariant aborts with file:line and the message", "[limits][assert]") {
  const Model model = load("[team]\nsize = 4\n");
  State state = make_state(model, 1);
  CHECK_NOTHROW(check_invariants(model, state));
  state.top_leader = 7;  // not a seat
  const test::Abort result = test::abort_of([&] { check_invariants(model, state); });
  CHECK(result.aborted);
  const std::string& err = result.message;
  CHECK_THAT(err, Contains("invariants.cpp:"));
  CHECK_THAT(err, Contains("top_leader 7 is not a filled seat"));
}
#endif
