#include "toml_check.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

#include "format.hpp"
#include "input_error.hpp"
#include "toml_guard.hpp"

namespace teamsim {
namespace {

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
  return out;
}

std::string describe(const Range& r) {
  const std::string hi = std::isinf(r.hi) ? "inf)" : format_number(r.hi) + "]";
  return std::string("a number in ") + (r.lo_open ? "(" : "[") + format_number(r.lo) + ", " + hi;
}

const toml::array& require_array(const toml::node& node, const std::string& key, std::size_t length) {
  if (!node.is_array())
    fail(node,
         key + ": expected an array of " + std::to_string(length) + " values, found " + describe_found(node));
  const toml::array& a = *node.as_array();
  if (a.size() != length) {
    fail(node, key + ": expected an array of " + std::to_string(length) + " values, found " +
                   std::to_string(a.size()));
  }
  return a;
}

}  // namespace

toml::table parse_toml_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot open the file");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw InputError(path + ": cannot read the file");
  return parse_toml_text(text.str(), path);
}

toml::table parse_toml_text(const std::string& text, const std::string& origin) {
  check_toml_safe(text, origin);  // before toml++ sees it: see toml_guard.hpp
  try {
    return toml::parse(text, origin);
  } catch (const toml::parse_error& e) {
    fail_at(e.source(), "TOML syntax error: " + std::string(e.description()));
  }
}

void fail_at(const toml::source_region& where, const std::string& message) {
  // A value from the command line (`--set KEY=VALUE`) is named by the argument, not by line and column.
  if (where.path && where.path->starts_with("--set ")) throw InputError(*where.path + ": " + message);
  // A node made in memory (a sweep point's typed override) has no source: the message names its key.
  if (!where.path && where.begin.line == 0) throw InputError(message);
  throw InputError(where.path ? *where.path : std::string("<input>"), static_cast<int>(where.begin.line),
                   static_cast<int>(where.begin.column), message);
}

void fail(const toml::node& node, const std::string& message) {
  fail_at(node.source(), message);
}

std::string describe_found(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string:
      return "a string \"" + *node.value<std::string>() + "\"";
    case toml::node_type::integer:
      return std::to_string(*node.value<std::int64_t>());
    case toml::node_type::floating_point:
      return format_number(*node.value<double>());
    case toml::node_type::boolean:
      return *node.value<bool>() ? "true" : "false";
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

void check_keys(const toml::table& table, const std::string& where, const std::vector<std::string>& allowed) {
  for (auto&& [key, value] : table) {
    const std::string name(key.str());
    if (std::find(allowed.begin(), allowed.end(), name) != allowed.end()) continue;
    const std::string near = nearest(name, allowed);
    fail_at(key.source(), "unknown key '" + name + "' in " + where +
                              (near.empty() ? "" : "; did you mean '" + near + "'?") +
                              " (allowed: " + join(allowed) + ")");
  }
}

const toml::node& require(const toml::table& table, const toml::node& owner, const std::string& where,
                          const std::string& key) {
  const toml::node* node = table.get(key);
  if (!node) fail(owner, where + ": missing key '" + key + "'");
  return *node;
}

const toml::table& require_table(const toml::node& node, const std::string& key) {
  if (!node.is_table()) fail(node, key + ": expected a table, found " + describe_found(node));
  return *node.as_table();
}

double read_real(const toml::node& node, const std::string& key, const Range& range) {
  if (!node.is_number())
    fail(node, key + ": expected " + describe(range) + ", found " + describe_found(node));
  const double v =
      node.is_integer() ? static_cast<double>(*node.value<std::int64_t>()) : *node.value<double>();
  if (!std::isfinite(v) || v < range.lo || v > range.hi || (range.lo_open && v == range.lo)) {
    fail(node, key + ": expected " + describe(range) + ", found " + describe_found(node));
  }
  return v;
}

double read_real(const toml::node& node, const std::string& key, const ParamSpec& spec) {
  if (!node.is_number())
    fail(node, key + ": expected " + spec.describe() + ", found " + describe_found(node));
  const double v =
      node.is_integer() ? static_cast<double>(*node.value<std::int64_t>()) : *node.value<double>();
  if (!spec.allows(v)) fail(node, key + ": expected " + spec.describe() + ", found " + describe_found(node));
  return v;
}

std::int64_t read_int(const toml::node& node, const std::string& key, std::int64_t lo, std::int64_t hi) {
  const std::string expected = "an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]";
  if (!node.is_integer()) fail(node, key + ": expected " + expected + ", found " + describe_found(node));
  const std::int64_t v = *node.value<std::int64_t>();
  if (v < lo || v > hi) fail(node, key + ": expected " + expected + ", found " + describe_found(node));
  return v;
}

std::string parse_seed(const std::string& text, std::uint64_t& seed) {
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, seed);
  const bool digits =
      !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits || ec != std::errc() || ptr != end) return "an integer in [0, 18446744073709551615]";
  return "";
}

std::uint64_t read_seed(const toml::node& node, const std::string& key) {
  const std::string expected =
      "an integer in [0, 9223372036854775807] or a string of digits up to \"18446744073709551615\"";
  if (node.is_integer()) {
    const std::int64_t v = *node.value<std::int64_t>();
    if (v < 0) fail(node, key + ": expected " + expected + ", found " + describe_found(node));
    return static_cast<std::uint64_t>(v);
  }
  std::uint64_t seed = 0;
  if (!node.is_string() || !parse_seed(*node.value<std::string>(), seed).empty())
    fail(node, key + ": expected " + expected + ", found " + describe_found(node));
  return seed;
}

bool read_bool(const toml::node& node, const std::string& key) {
  if (!node.is_boolean()) fail(node, key + ": expected true or false, found " + describe_found(node));
  return *node.value<bool>();
}

std::string read_string(const toml::node& node, const std::string& key) {
  if (!node.is_string()) fail(node, key + ": expected a string, found " + describe_found(node));
  return *node.value<std::string>();
}

int read_choice(const toml::node& node, const std::string& key, const std::vector<std::string>& choices) {
  const std::string expected = "one of " + join(choices);
  if (!node.is_string()) fail(node, key + ": expected " + expected + ", found " + describe_found(node));
  const std::string v = *node.value<std::string>();
  for (std::size_t i = 0; i < choices.size(); ++i) {
    if (choices[i] == v) return static_cast<int>(i);
  }
  const std::string near = nearest(v, choices);
  fail(node, key + ": expected " + expected + ", found \"" + v + "\"" +
                 (near.empty() ? "" : "; did you mean '" + near + "'?"));
}

std::vector<double> read_real_array(const toml::node& node, const std::string& key, std::size_t length,
                                    const Range& range) {
  const toml::array& a = require_array(node, key, length);
  std::vector<double> values;
  for (std::size_t i = 0; i < a.size(); ++i)
    values.push_back(read_real(*a.get(i), key + "[" + std::to_string(i) + "]", range));
  return values;
}

std::vector<int> read_int_array(const toml::node& node, const std::string& key, std::size_t length,
                                const std::vector<int>& allowed) {
  const toml::array& a = require_array(node, key, length);
  std::vector<int> values;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::string name = key + "[" + std::to_string(i) + "]";
    const auto v = static_cast<int>(read_int(*a.get(i), name, allowed.front(), allowed.back()));
    if (std::find(allowed.begin(), allowed.end(), v) == allowed.end()) {
      std::vector<std::string> names;
      names.reserve(allowed.size());
      for (const int x : allowed) names.push_back(std::to_string(x));
      fail(*a.get(i), name + ": expected one of " + join(names) + ", found " + std::to_string(v));
    }
    values.push_back(v);
  }
  return values;
}

std::vector<std::vector<double>> read_matrix(const toml::node& node, const std::string& key, std::size_t rows,
                                             const std::vector<std::size_t>& widths, const Range& range) {
  const toml::array& a = require_array(node, key, rows);
  std::vector<std::vector<double>> values;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const toml::node& row = *a.get(i);
    const std::string name = key + "[" + std::to_string(i) + "]";
    if (!row.is_array()) fail(row, name + ": expected an array (a row), found " + describe_found(row));
    const std::size_t width = row.as_array()->size();
    const std::size_t first = values.empty() ? width : values.front().size();
    if (std::find(widths.begin(), widths.end(), width) == widths.end() || width != first) {
      std::vector<std::string> names;
      names.reserve(widths.size());
      for (const auto w : widths) names.push_back(std::to_string(w));
      fail(row, name + ": expected a row of " + join(names) + " values (all rows alike), found " +
                    std::to_string(width));
    }
    values.push_back(read_real_array(row, name, width, range));
  }
  return values;
}

std::vector<std::vector<int>> read_int_matrix(const toml::node& node, const std::string& key,
                                              std::size_t rows, std::size_t width,
                                              const std::vector<int>& allowed) {
  const toml::array& a = require_array(node, key, rows);
  std::vector<std::vector<int>> values;
  for (std::size_t i = 0; i < a.size(); ++i) {
    values.push_back(read_int_array(*a.get(i), key + "[" + std::to_string(i) + "]", width, allowed));
  }
  return values;
}

}  // namespace teamsim
