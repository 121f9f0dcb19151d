// The metrics table (sim/metrics.hpp) is the one list of metrics: the column lists the docs and the Python
// reader show must be the table's, in its order.
#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "metrics.hpp"
#include "test_util.hpp"

using namespace teamsim;

namespace {

std::string read_source(const std::string& relative) {
  std::ifstream in(std::string(TEAMSIM_SOURCE_DIR) + "/" + relative);
  REQUIRE(in.good());
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The text of `text` from `from` up to (not including) `to`; fails when either is missing.
std::string between(const std::string& text, const std::string& from, const std::string& to) {
  const auto start = text.find(from);
  REQUIRE(start != std::string::npos);
  const auto end = text.find(to, start + from.size());
  REQUIRE(end != std::string::npos);
  return text.substr(start + from.size(), end - start - from.size());
}

std::vector<std::string> matches(const std::string& text, const std::string& pattern) {
  std::vector<std::string> found;
  const std::regex re(pattern);
  for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator(); ++it)
    found.push_back((*it)[1].str());
  return found;
}

std::vector<std::string> table_columns() {
  return {kMetricColumns.begin(), kMetricColumns.end()};
}

}  // namespace

TEST_CASE("README's timeseries.csv columns are the metrics table's, in order", "[metrics]") {
  const std::string list = between(read_source("README.md"), "- `timeseries.csv` — one row per recorded step",
                                   "`. `top_leader` is a seat");
  const std::string columns = list.substr(list.find(":\n") + 2) + ",";
  CHECK(matches(columns, R"(([a-z_]+),)") == table_columns());
}

TEST_CASE("docs/MODEL.md 7.10 has one formula row per metric, in the table's order", "[metrics]") {
  const std::string rows = between(read_source("docs/MODEL.md"), "| Column | Formula |", "All means are 0");
  std::vector<std::string> names;
  std::istringstream lines(rows);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("| `", 0) != 0) continue;
    const std::string first_cell = line.substr(0, line.find(" |", 2));
    for (const auto& name : matches(first_cell, "`([a-z_]+)`")) names.push_back(name);
  }
  CHECK(names == table_columns());
}

TEST_CASE("The Python reader's timeseries columns and their integer kinds are the table's", "[metrics]") {
  const std::string io = read_source("python/teamsim/io.py");
  const auto ints = matches(between(io, "TIMESERIES_INT = [", "]"), R"re("([a-z_]+)")re");
  const auto floats = matches(between(io, "TIMESERIES_FLOAT = [", "]"), R"re("([a-z_]+)")re");
  std::vector<std::string> want_ints = {"t"}, want_floats;
  for (const MetricSpec& metric : kMetrics)
    (metric.integer ? want_ints : want_floats).emplace_back(metric.name);
  CHECK(ints == want_ints);
  CHECK(floats == want_floats);
}

TEST_CASE("measure() fills each field from its row; metrics_row and the row writer follow the table",
          "[metrics]") {
  // A team of 4 with hand-set morale and stance: seat 3 vacant, seat 1 a dissenter.
  Model model = test::load("[team]\nsize = 4\n");
  State s = make_state(model, 7);
  s.active[3] = 0;
  s.morale << 0.2, 0.4, 0.9, 0.5;
  s.stance << 0.8, 0.3, 0.6, 0.1;
  const Metrics m = measure(s);
  CHECK(m.headcount == 3);
  CHECK(m.morale == (0.2 + 0.4 + 0.9) / 3.0);
  CHECK(m.dissent_share == 1.0 / 3.0);
  CHECK(m.alignment == (0.8 + 0.3 + 0.6) / 3.0);
  const auto row = metrics_row(3, m);
  CHECK(row[0] == 3);
  for (std::size_t j = 0; j < kMetricCount; ++j) CHECK(row[j + 1] == m.*kMetrics[j].field);
  std::string line;
  const double values[] = {3, 0.25, -1};
  append_metrics_row(line, values);
  CHECK(line == "3,0.25,-1");
}
