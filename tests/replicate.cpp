#include "replicate.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <numeric>
#include <sstream>
#include <stdexcept>

#include "simulate.hpp"
#include "test_util.hpp"

namespace teamsim::test {

int Run::quits_after(int t) const {
  double sum = 0;
  for (std::size_t s = static_cast<std::size_t>(t) + 1; s < rows.size(); ++s) sum += rows[s].quits;
  return static_cast<int>(sum);
}

namespace {

class Recorder final : public Observer {
 public:
  Recorder(Run& run, const std::vector<int>& keep, const std::vector<SeatField>& fields)
      : run_(run), keep_(keep), fields_(fields) {}
  void on_record(const State& s, const Metrics& m) override {
    run_.rows.push_back(m);
    if (std::find(keep_.begin(), keep_.end(), s.t) != keep_.end()) run_.snapshots.emplace(s.t, s);
    for (const SeatField& field : fields_) {
      std::vector<double> values(static_cast<std::size_t>(s.seats()), std::nan(""));
      for (int i = 0; i < s.seats(); ++i) {
        if (s.active[static_cast<std::size_t>(i)]) values[static_cast<std::size_t>(i)] = field.read(s, i);
      }
      run_.seats[field.name].push_back(std::move(values));
    }
  }
  void on_event(const EventRecord& e) override { run_.events.push_back(e); }

 private:
  Run& run_;
  const std::vector<int>& keep_;
  const std::vector<SeatField>& fields_;
};

}  // namespace

const std::vector<double>& Run::seat_values(const std::string& name, int t) const {
  return seats.at(name).at(static_cast<std::size_t>(t));
}

std::vector<Run> replicate(const std::string& name, int n, std::vector<std::string> sets,
                           const std::vector<int>& keep, const std::vector<SeatField>& seat_fields) {
  const Model model = load_scenario(name, options(std::move(sets)));
  std::vector<Run> runs(static_cast<std::size_t>(n));
  for (int r = 0; r < n; ++r) {
    Recorder recorder(runs[static_cast<std::size_t>(r)], keep, seat_fields);
    simulate(model, RunSettings{model.steps, static_cast<std::uint64_t>(r + 1), 1}, recorder);
  }
  return runs;
}

Estimate estimate(const std::vector<double>& x) {
  const double n = static_cast<double>(x.size());
  const double mean = std::accumulate(x.begin(), x.end(), 0.0) / n;
  double ss = 0;
  for (const double v : x) ss += (v - mean) * (v - mean);
  return {mean, std::sqrt(ss / (n - 1) / n)};
}

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

Estimate over_runs(const std::vector<Run>& runs, const Measure& measure) {
  std::vector<double> v;
  v.reserve(runs.size());
  for (const auto& r : runs) v.push_back(measure(r));
  return estimate(v);
}

Estimate difference(const std::vector<Run>& a, const std::vector<Run>& b, const Measure& measure) {
  std::vector<double> d;
  d.reserve(a.size());
  for (std::size_t r = 0; r < a.size(); ++r) d.push_back(measure(b[r]) - measure(a[r]));
  return estimate(d);
}

double Metrics::*metric_member(std::string_view name) {
  for (const MetricSpec& m : kMetrics) {
    if (m.name == name) return m.field;
  }
  throw std::invalid_argument("no metric named '" + std::string(name) + "'");
}

Measure PatternComparison::measure() const {
  return to == from ? at(metric_member(metric), from) : mean_over(metric_member(metric), from, to);
}

std::string PatternComparison::describe() const {
  const bool b_larger = expect != Expect::a_larger;
  std::ostringstream out;
  out << pattern << " " << metric << (to == from ? " at week " : " weeks ") << from;
  if (to != from) out << "-" << to;
  out << ", " << (b_larger ? b : a) << " over " << (b_larger ? a : b);
  return out.str();
}

namespace {

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> fields;
  std::istringstream in(line);
  std::string field;
  while (std::getline(in, field, ',')) fields.push_back(field);
  if (!line.empty() && line.back() == ',') fields.emplace_back();
  return fields;
}

}  // namespace

std::vector<PatternComparison> pattern_comparisons() {
  const std::string path = TEAMSIM_TEST_PATTERNS;
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot be read");
  std::vector<PatternComparison> rows;
  std::string line;
  std::getline(in, line);
  if (line != "pattern,a,b,metric,from,to,expect") throw std::runtime_error(path + ":1: unexpected header");
  for (int number = 2; std::getline(in, line); ++number) {
    const auto where = path + ":" + std::to_string(number) + ": ";
    const auto f = split(line);
    if (f.size() != 7) throw std::runtime_error(where + "expected 7 fields");
    PatternComparison c;
    c.pattern = f[0], c.a = f[1], c.b = f[2], c.metric = f[3];
    c.from = std::stoi(f[4]);
    c.to = f[5].empty() ? c.from : std::stoi(f[5]);
    if (f[6] == "b > a") {
      c.expect = PatternComparison::Expect::b_larger;
    } else if (f[6] == "a > b") {
      c.expect = PatternComparison::Expect::a_larger;
    } else if (f[6] != "reported") {
      throw std::runtime_error(where + "expect: expected 'b > a', 'a > b' or 'reported', found '" + f[6] +
                               "'");
    }
    if (c.to < c.from) throw std::runtime_error(where + "to < from");
    rows.push_back(std::move(c));
  }
  return rows;
}

}  // namespace teamsim::test
