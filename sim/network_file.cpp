// The [network] table of a scenario file (docs/MODEL.md 7.11), checked at the boundary.
#include "network_file.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "format.hpp"
#include "input_error.hpp"
#include "toml_check.hpp"

namespace teamsim {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kKinds = {"complete", "sub_teams", "small_world", "random", "edges"};

// Checks one tie (seats in range, no self tie, weight in (0, 1], not listed twice); `where` locates it.
template <class Fail>
void check_tie(const Tie& t, int size, std::set<std::pair<int, int>>& seen, const std::string& name,
               Fail fail_here) {
  for (const int seat : {t.a, t.b}) {
    if (seat < 0 || seat >= size)
      fail_here(name + ": expected a seat in [0, " + std::to_string(size - 1) +
                "] (team.size = " + std::to_string(size) + "), found " + std::to_string(seat));
  }
  if (t.a == t.b)
    fail_here(name + ": expected two different seats, found a tie of seat " + std::to_string(t.a) +
              " to itself");
  if (!(t.weight > 0 && t.weight <= 1))
    fail_here(name + ": expected a weight in (0, 1], found " + format_number(t.weight));
  if (!seen.insert({std::min(t.a, t.b), std::max(t.a, t.b)}).second)
    fail_here(name + ": the tie " + std::to_string(t.a) + "-" + std::to_string(t.b) + " is listed twice");
}

std::vector<Tie> inline_ties(const toml::node& node, int size) {
  const std::string key = "network.edges";
  if (!node.is_array())
    fail(node, key + ": expected an array of [a, b] or [a, b, weight], or a CSV file name, found " +
                   describe_found(node));
  std::vector<Tie> ties;
  std::set<std::pair<int, int>> seen;
  const toml::array& rows = *node.as_array();
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const toml::node& row = *rows.get(r);
    const std::string name = key + "[" + std::to_string(r) + "]";
    if (!row.is_array() || row.as_array()->size() < 2 || row.as_array()->size() > 3)
      fail(row, name + ": expected [a, b] or [a, b, weight], found " + describe_found(row));
    const toml::array& cells = *row.as_array();
    Tie t;
    t.a = static_cast<int>(read_int(*cells.get(0), name + "[0]", INT32_MIN, INT32_MAX));
    t.b = static_cast<int>(read_int(*cells.get(1), name + "[1]", INT32_MIN, INT32_MAX));
    if (cells.size() == 3) t.weight = read_real(*cells.get(2), name + "[2]", Range{-1e300, 1e300});
    t.line = static_cast<int>(row.source().begin.line);
    t.column = static_cast<int>(row.source().begin.column);
    // Point at the offending cell when it is one.
    check_tie(t, size, seen, name, [&](const std::string& message) {
      const bool seat_a = t.a < 0 || t.a >= size;
      const bool seat_b = !seat_a && (t.b < 0 || t.b >= size);
      const bool weight = !seat_a && !seat_b && t.a != t.b && !(t.weight > 0 && t.weight <= 1);
      fail(seat_a ? *cells.get(0) : seat_b ? *cells.get(1) : weight ? *cells.get(2) : row, message);
    });
    ties.push_back(t);
  }
  return ties;
}

// A CSV file of ties: "a,b" or "a,b,weight" per line. Blank lines and lines starting with # are skipped; the
// first other line is a header when it has two or three cells and none of them is a number ("a,b,weight").
std::vector<Tie> csv_ties(const toml::node& node, int size) {
  const std::string name = *node.value<std::string>();
  fs::path path = name;
  if (path.is_relative() && node.source().path) path = fs::path(*node.source().path).parent_path() / path;
  std::ifstream in(path);
  if (!in) fail(node, "network.edges: cannot read the CSV file '" + path.string() + "'");
  std::vector<Tie> ties;
  std::set<std::pair<int, int>> seen;
  std::string line;
  bool first = true;  // the first line that is not blank or a comment
  for (int number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos || line[line.find_first_not_of(" \t")] == '#')
      continue;
    std::vector<std::pair<std::string, int>> cells;  // text and 1-based column
    std::size_t start = 0;
    while (true) {
      const std::size_t comma = line.find(',', start);
      cells.emplace_back(line.substr(start, comma == std::string::npos ? std::string::npos : comma - start),
                         static_cast<int>(start) + 1);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    auto fail_at_cell = [&](int column, const std::string& message) {
      throw InputError(path.string(), number, column, message);
    };
    auto number_of = [&](std::size_t c, double& out) {
      std::istringstream text(cells[c].first);
      text >> out;
      return !text.fail() && (text >> std::ws).eof();
    };
    double a = 0, b = 0, w = 1;
    const bool header = first && cells.size() >= 2 && cells.size() <= 3 &&
                        std::none_of(cells.begin(), cells.end(), [&](const auto& cell) {
                          double v = 0;
                          return number_of(static_cast<std::size_t>(&cell - cells.data()), v);
                        });
    first = false;
    if (header) continue;
    const std::string where = "network.edges line " + std::to_string(number);
    if (cells.size() < 2 || cells.size() > 3)
      fail_at_cell(1,
                   where + ": expected a,b or a,b,weight, found " + std::to_string(cells.size()) + " fields");
    for (std::size_t c = 0; c < cells.size(); ++c) {
      double v = 0;
      if (!number_of(c, v))
        fail_at_cell(cells[c].second, where + ": expected a number, found '" + cells[c].first + "'");
      if (c >= 2) continue;
      if (v != std::floor(v))
        fail_at_cell(cells[c].second, where + ": expected a seat (an integer), found " + cells[c].first);
      if (v < 0 || v >= size)  // checked here, before the conversion to int can overflow
        fail_at_cell(cells[c].second, where + ": expected a seat in [0, " + std::to_string(size - 1) +
                                          "] (team.size = " + std::to_string(size) + "), found " +
                                          cells[c].first);
    }
    number_of(0, a);
    number_of(1, b);
    if (cells.size() == 3) number_of(2, w);
    Tie t{static_cast<int>(a), static_cast<int>(b), w, number, 1};
    check_tie(t, size, seen, where, [&](const std::string& message) {
      const bool seat_a = t.a < 0 || t.a >= size;
      const bool seat_b = !seat_a && (t.b < 0 || t.b >= size);
      const bool weight = !seat_a && !seat_b && t.a != t.b && !(t.weight > 0 && t.weight <= 1);
      fail_at_cell(cells[seat_a ? 0 : seat_b ? 1 : weight ? 2 : 0].second, message);
    });
    ties.push_back(t);
  }
  return ties;
}

void read_sub_teams(const toml::table& t, const toml::node& node, int size, NetworkSpec& spec) {
  const toml::node& sizes = require(t, node, "network", "sizes");
  if (!sizes.is_array() || sizes.as_array()->empty())
    fail(sizes, "network.sizes: expected an array of sub-team sizes, found " + describe_found(sizes));
  int total = 0;
  for (std::size_t g = 0; g < sizes.as_array()->size(); ++g) {
    const int s = static_cast<int>(
        read_int(*sizes.as_array()->get(g), "network.sizes[" + std::to_string(g) + "]", 1, size));
    spec.sizes.push_back(s);
    total += s;
  }
  if (total != size)
    fail(sizes, "network.sizes: expected sizes that add up to team.size = " + std::to_string(size) +
                    ", found " + std::to_string(total));
  if (const auto* v = t.get("within")) spec.within = read_real(*v, "network.within", Range{0, 1, true});
  if (const auto* v = t.get("between")) spec.between = read_real(*v, "network.between", Range{0, 1});
}

}  // namespace

NetworkSpec read_network(const toml::node& node, int size) {
  const toml::table& t = require_table(node, "network");
  NetworkSpec spec;
  if (const auto* v = t.get("kind"))
    spec.kind = static_cast<NetworkSpec::Kind>(read_choice(*v, "network.kind", kKinds));
  switch (spec.kind) {
    case NetworkSpec::Kind::complete:
      check_keys(t, "network (kind complete)", {"kind"});
      return spec;
    case NetworkSpec::Kind::sub_teams:
      check_keys(t, "network (kind sub_teams)", {"kind", "sizes", "within", "between", "edges"});
      read_sub_teams(t, node, size, spec);
      break;
    case NetworkSpec::Kind::small_world:
      check_keys(t, "network (kind small_world)", {"kind", "degree", "rewire", "edges"});
      if (const auto* v = t.get("degree")) {
        spec.degree = static_cast<int>(read_int(*v, "network.degree", 2, std::max(2, size - 1)));
        if (spec.degree % 2 != 0)
          fail(*v, "network.degree: expected an even ring degree, found " + std::to_string(spec.degree));
      }
      if (const auto* v = t.get("rewire")) spec.rewire = read_real(*v, "network.rewire", Range{0, 1});
      break;
    case NetworkSpec::Kind::random:
      check_keys(t, "network (kind random)", {"kind", "degree", "edges"});
      if (const auto* v = t.get("degree"))
        spec.degree = static_cast<int>(read_int(*v, "network.degree", 0, std::max(0, size - 1)));
      break;
    case NetworkSpec::Kind::edges:
      check_keys(t, "network (kind edges)", {"kind", "edges"});
      require(t, node, "network", "edges");
      break;
  }
  if (const auto* v = t.get("edges")) {
    spec.ties = v->is_string() ? csv_ties(*v, size) : inline_ties(*v, size);
    spec.source = v->is_string() ? *v->value<std::string>() : "inline";
  }
  return spec;
}

toml::table network_to_toml(const NetworkSpec& spec) {
  toml::table t{{"kind", network_kind_name(spec.kind)}};
  switch (spec.kind) {
    case NetworkSpec::Kind::complete:
      return t;
    case NetworkSpec::Kind::sub_teams: {
      toml::array sizes;
      for (const int s : spec.sizes) sizes.push_back(s);
      t.insert("sizes", std::move(sizes));
      t.insert("within", spec.within);
      t.insert("between", spec.between);
      break;
    }
    case NetworkSpec::Kind::small_world:
      t.insert("degree", spec.degree);
      t.insert("rewire", spec.rewire);
      break;
    case NetworkSpec::Kind::random:
      t.insert("degree", spec.degree);
      break;
    case NetworkSpec::Kind::edges:
      break;
  }
  if (!spec.ties.empty() || spec.kind == NetworkSpec::Kind::edges) {
    toml::array ties;
    for (const Tie& tie : spec.ties) {
      toml::array row{tie.a, tie.b};
      if (tie.weight != 1.0) row.push_back(tie.weight);
      ties.push_back(std::move(row));
    }
    t.insert("edges", std::move(ties));
  }
  return t;
}

}  // namespace teamsim
