#pragma once
// A guard in front of toml++ 3.3.0 (Debian's). That version reaches __builtin_unreachable() when it asks
// whether a non-ASCII character is whitespace (upstream issues #190 and #295: `a = 1é`) and asserts on a
// table header that does not start with a key (`[:x]`) and on an array element that starts with '}'
// (`[}1]`, found by fuzz/scenario_fuzz.cpp); in a build without assertions these are undefined
// behaviour. Every input goes through this scan first, so such text is an InputError at its line:column
// and never reaches the parser. Everything rejected here is invalid TOML 1.0 except one corner: a
// non-ASCII character that directly follows a line-ending backslash in a multi-line string.
#include <string>
#include <string_view>

namespace teamsim {

/// Throws InputError at `origin`:line:column when `text` holds a construct toml++ 3.3.0 cannot parse
/// safely: a non-ASCII character outside strings and comments, a non-ASCII character after a backslash
/// in a basic string (directly or after a line-ending backslash), a table header that does not start
/// with a key, or '}' where an array element should start.
void check_toml_safe(std::string_view text, const std::string& origin);

}  // namespace teamsim
