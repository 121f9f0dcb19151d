#include "toml_format.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "format.hpp"

namespace teamsim {
namespace {

bool bare_key(std::string_view key) {
  return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

void append_string(std::string& out, std::string_view s) {
  out += '"';
  for (const char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

void append_key(std::string& out, std::string_view key) {
  if (bare_key(key))
    out += key;
  else
    append_string(out, key);
}

// Keys of a table, ranked by the order.
std::vector<std::string_view> ordered_keys(const toml::table& table, const std::string& path,
                                           const KeyOrder& order) {
  auto rank = [&](std::string_view key) {
    const std::string full = path.empty() ? std::string(key) : path + "." + std::string(key);
    const auto p = std::find(order.paths.begin(), order.paths.end(), full);
    if (p != order.paths.end()) return static_cast<std::size_t>(p - order.paths.begin());
    const auto k = std::find(order.keys.begin(), order.keys.end(), key);
    if (k != order.keys.end()) return order.paths.size() + static_cast<std::size_t>(k - order.keys.begin());
    return order.paths.size() + order.keys.size();
  };
  std::vector<std::string_view> keys;
  for (auto&& [key, value] : table) keys.push_back(key.str());
  std::stable_sort(keys.begin(), keys.end(), [&](std::string_view a, std::string_view b) {
    const std::size_t ra = rank(a), rb = rank(b);
    return ra != rb ? ra < rb : a < b;
  });
  return keys;
}

void append_value(std::string& out, const toml::node& node, const std::string& path, const KeyOrder& order) {
  switch (node.type()) {
    case toml::node_type::string:
      append_string(out, *node.value<std::string>());
      return;
    case toml::node_type::integer:
      out += std::to_string(*node.value<std::int64_t>());
      return;
    case toml::node_type::floating_point: {
      const double v = *node.value<double>();
      const std::size_t start = out.size();
      append_number(out, v);
      // "1" would read back as an integer: floats keep a decimal point or an exponent.
      if (out.find_first_of(".eni", start) == std::string::npos) out += ".0";
      return;
    }
    case toml::node_type::boolean:
      out += *node.value<bool>() ? "true" : "false";
      return;
    case toml::node_type::array: {
      const toml::array& a = *node.as_array();
      out += '[';
      for (std::size_t i = 0; i < a.size(); ++i) {
        if (i) out += ", ";
        append_value(out, *a.get(i), path, order);
      }
      out += ']';
      return;
    }
    case toml::node_type::table: {
      const toml::table& t = *node.as_table();
      if (t.empty()) {
        out += "{}";
        return;
      }
      out += "{ ";
      bool first = true;
      for (const auto key : ordered_keys(t, path, order)) {
        if (!first) out += ", ";
        first = false;
        append_key(out, key);
        out += " = ";
        append_value(out, *t.get(key), path + "." + std::string(key), order);
      }
      out += " }";
      return;
    }
    default: {
      // Dates and times: toml++'s own form.
      std::ostringstream text;
      node.visit([&](auto&& v) { text << v; });
      out += text.str();
      return;
    }
  }
}

bool is_section(const toml::node& node) {
  return node.is_table() && !node.as_table()->is_inline();
}

bool is_table_array(const toml::node& node) {
  return node.is_array_of_tables() && !node.as_array()->empty();
}

void append_table(std::string& out, const toml::table& table, const std::string& path,
                  const KeyOrder& order) {
  const auto keys = ordered_keys(table, path, order);
  // Values first: after a [section] header every key = value line belongs to it.
  for (const auto key : keys) {
    const toml::node& value = *table.get(key);
    if (is_section(value) || is_table_array(value)) continue;
    append_key(out, key);
    out += " = ";
    append_value(out, value, path.empty() ? std::string(key) : path + "." + std::string(key), order);
    out += '\n';
  }
  for (const auto key : keys) {
    const toml::node& value = *table.get(key);
    std::string header = path;
    if (!header.empty()) header += '.';
    append_key(header, key);
    const std::string child = path.empty() ? std::string(key) : path + "." + std::string(key);
    if (is_section(value)) {
      if (!out.empty()) out += '\n';
      out += "[" + header + "]\n";
      append_table(out, *value.as_table(), child, order);
    } else if (is_table_array(value)) {
      for (const auto& element : *value.as_array()) {
        if (!out.empty()) out += '\n';
        out += "[[" + header + "]]\n";
        append_table(out, *element.as_table(), child, order);
      }
    }
  }
}

}  // namespace

std::string format_toml(const toml::table& doc, const KeyOrder& order) {
  std::string out;
  append_table(out, doc, "", order);
  return out;
}

}  // namespace teamsim
