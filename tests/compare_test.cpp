// Comparing two scenarios on paired seeds (sim/compare.cpp): the numbers are checked against runs made
// here with simulate() and an interval computed here from Student's t (student_t_quantile).
#include <catch2/catch.hpp>

#include <cmath>

#include "compare.hpp"
#include "input_error.hpp"
#include "metrics.hpp"
#include "simulate.hpp"
#include "student_t.hpp"
#include "sweep_spec.hpp"
#include "test_util.hpp"

using namespace teamsim;
using Catch::Matchers::Contains;

namespace {

// The mean of one metric column over recorded steps from <= t <= to.
class WindowMean final : public Observer {
 public:
  WindowMean(std::size_t column, int from, int to) : column_(column), from_(from), to_(to) {}
  void on_record(const State& s, const Metrics& m) override {
    if (s.t < from_ || s.t > to_) return;
    sum_ += m.*kMetrics[column_ - 1].field;
    ++count_;
  }
  void on_event(const EventRecord&) override {}
  double mean() const { return sum_ / count_; }

 private:
  std::size_t column_;
  int from_, to_;
  double sum_ = 0;
  int count_ = 0;
};

double window_mean(const Model& model, std::uint64_t seed, std::size_t column, int from, int to) {
  WindowMean observer(column, from, to);
  simulate(model, RunSettings{model.steps, seed, 1}, observer);
  return observer.mean();
}

const MetricComparison& metric(const Comparison& c, const std::string& name) {
  for (const auto& m : c.metrics)
    if (m.metric == name) return m;
  FAIL("no metric " << name);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("compare pairs seeds, averages over the window and gives a Student t interval", "[compare]") {
  CompareSpec spec;
  spec.a = "baseline";
  spec.b = "micromanager";
  spec.replicates = 5;
  spec.seed = 42;
  spec.steps = 30;
  spec.from = 10;
  spec.to = 30;
  const Comparison c = compare_scenarios(spec, {TEAMSIM_TEST_SCENARIOS}, 2);
  REQUIRE(c.failed == 0);
  CHECK(c.name_a == "baseline");
  CHECK(c.name_b == "micromanager");
  CHECK(c.from == 10);
  CHECK(c.to == 30);
  CHECK(c.metrics.size() == kMetricColumns.size() - 2);  // every metric but t and top_leader

  // The same numbers from runs made here: replicate r of both scenarios uses run_seed(42, 0, r).
  Model a = load_scenario("baseline", test::options());
  Model b = load_scenario("micromanager", test::options());
  a.steps = b.steps = 30;
  for (const char* name : {"productivity", "morale", "trust_in_manager"}) {
    std::size_t column = 1;
    while (kMetricColumns[column] != name) ++column;
    std::vector<double> d;
    double sum_a = 0, sum_b = 0;
    for (int r = 0; r < 5; ++r) {
      const std::uint64_t seed = run_seed(42, 0, r);
      const double ma = window_mean(a, seed, column, 10, 30);
      const double mb = window_mean(b, seed, column, 10, 30);
      sum_a += ma;
      sum_b += mb;
      d.push_back(mb - ma);
    }
    double mean = 0;
    for (const double x : d) mean += x / 5;
    double ss = 0;
    for (const double x : d) ss += (x - mean) * (x - mean);
    const double sd = std::sqrt(ss / 4);
    const double half = student_t_quantile(0.95, 4) * sd / std::sqrt(5.0);
    const MetricComparison& m = metric(c, name);
    INFO(name);
    CHECK(m.n == 5);
    CHECK(m.mean_a == Approx(sum_a / 5).epsilon(1e-12));
    CHECK(m.mean_b == Approx(sum_b / 5).epsilon(1e-12));
    CHECK(m.diff == Approx(mean).epsilon(1e-12).margin(1e-15));
    CHECK(m.sd == Approx(sd).epsilon(1e-9).margin(1e-15));
    CHECK(m.lo == Approx(mean - half).epsilon(1e-9).margin(1e-15));
    CHECK(m.hi == Approx(mean + half).epsilon(1e-9).margin(1e-15));
  }
}

TEST_CASE("compare gives the same numbers on any number of threads", "[compare]") {
  CompareSpec spec;
  spec.a = "baseline";
  spec.b = "recognition_none";
  spec.replicates = 6;
  spec.steps = 20;
  const Comparison one = compare_scenarios(spec, {TEAMSIM_TEST_SCENARIOS}, 1);
  const Comparison three = compare_scenarios(spec, {TEAMSIM_TEST_SCENARIOS}, 3);
  REQUIRE(one.metrics.size() == three.metrics.size());
  for (std::size_t i = 0; i < one.metrics.size(); ++i) {
    INFO(one.metrics[i].metric);
    CHECK(std::memcmp(&one.metrics[i].mean_a, &three.metrics[i].mean_a, 6 * sizeof(double)) == 0);
  }
}

TEST_CASE("compare of a scenario with itself differs by exactly zero", "[compare]") {
  CompareSpec spec;
  spec.a = spec.b = "baseline";
  spec.replicates = 3;
  spec.steps = 15;
  for (const auto& m : compare_scenarios(spec, {TEAMSIM_TEST_SCENARIOS}, 2).metrics) {
    INFO(m.metric);
    CHECK(m.diff == 0);
    CHECK(m.lo == 0);
    CHECK(m.hi == 0);
  }
}

TEST_CASE("compare rejects bad counts, windows and scenarios", "[compare]") {
  CompareSpec spec;
  spec.a = "baseline";
  spec.b = "micromanager";
  spec.replicates = 1;
  CHECK_THROWS_WITH(compare_scenarios(spec, {TEAMSIM_TEST_SCENARIOS}, 1),
                    Contains("--replicates: expected an integer >= 2"));
  spec.replicates = 2;
  spec.steps = 10;
  spec.from = 3;
  spec.to = 11;
  CHECK_THROWS_WITH(
      compare_scenarios(spec, {TEAMSIM_TEST_SCENARIOS}, 1),
      Contains("--window: expected a:b with 0 <= a <= b <= 10 (the steps both scenarios run), found 3:11"));
  spec.to = -1;
  spec.b = "micromanagr";
  CHECK_THROWS_WITH(compare_scenarios(spec, {TEAMSIM_TEST_SCENARIOS}, 1),
                    Contains("did you mean 'micromanager'"));
  spec.b = "micromanager";
  spec.sets = {"manager.control=0.9"};
  CHECK_THROWS_AS(compare_scenarios(spec, {TEAMSIM_TEST_SCENARIOS}, 1), InputError);
}
