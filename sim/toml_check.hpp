#pragma once
// Checked reading of TOML nodes. Every failure throws InputError at the node's file:line:column, naming
// the key, what was expected and what was found. Shared by scenario and sweep files.
#include <toml++/toml.h>

#include <cstdint>
#include <string>
#include <vector>

#include "param_registry.hpp"

namespace teamsim {

/// An allowed interval of numbers.
struct Range {
  double lo;
  double hi;
  bool lo_open = false;
};

/// Parses a file; a syntax error becomes an InputError at its position. Text toml++ 3.3.0 cannot parse
/// safely is rejected first (toml_guard.hpp).
toml::table parse_toml_file(const std::string& path);
/// Parses text; `origin` names it in messages.
toml::table parse_toml_text(const std::string& text, const std::string& origin);

[[noreturn]] void fail(const toml::node& node, const std::string& message);
[[noreturn]] void fail_at(const toml::source_region& where, const std::string& message);
/// "1.5", "a string \"abc\"", "a table", ...: what a message says was found.
std::string describe_found(const toml::node& node);

/// Rejects any key of `table` not in `allowed`, suggesting the nearest allowed key.
void check_keys(const toml::table& table, const std::string& where, const std::vector<std::string>& allowed);
/// The value under `key`, or an error at the enclosing node when it is missing.
const toml::node& require(const toml::table& table, const toml::node& owner, const std::string& where,
                          const std::string& key);
const toml::table& require_table(const toml::node& node, const std::string& key);

double read_real(const toml::node& node, const std::string& key, const Range& range);
double read_real(const toml::node& node, const std::string& key, const ParamSpec& spec);
std::int64_t read_int(const toml::node& node, const std::string& key, std::int64_t lo, std::int64_t hi);
bool read_bool(const toml::node& node, const std::string& key);
/// A seed: an unsigned 64-bit integer, written as an integer (up to 2^63 - 1, TOML's largest) or as a
/// string of decimal digits (the whole range, "0" to "18446744073709551615").
std::uint64_t read_seed(const toml::node& node, const std::string& key);
/// Text of a decimal unsigned 64-bit integer ("-1", "1e3", "0x10", " 1" and overflow are refused): "" when
/// it is one, else what was expected. Shared by TOML seeds and `--seed`.
std::string parse_seed(const std::string& text, std::uint64_t& seed);
std::string read_string(const toml::node& node, const std::string& key);
/// The index of the node's string value in `choices`.
int read_choice(const toml::node& node, const std::string& key, const std::vector<std::string>& choices);

std::vector<double> read_real_array(const toml::node& node, const std::string& key, std::size_t length,
                                    const Range& range);
std::vector<int> read_int_array(const toml::node& node, const std::string& key, std::size_t length,
                                const std::vector<int>& allowed);
/// `rows` rows of equal length, the length being one of `widths`.
std::vector<std::vector<double>> read_matrix(const toml::node& node, const std::string& key, std::size_t rows,
                                             const std::vector<std::size_t>& widths, const Range& range);
std::vector<std::vector<int>> read_int_matrix(const toml::node& node, const std::string& key,
                                              std::size_t rows, std::size_t width,
                                              const std::vector<int>& allowed);

}  // namespace teamsim
