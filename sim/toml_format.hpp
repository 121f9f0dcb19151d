#pragma once
// Writing TOML for people: keys in a given order (not alphabetical) and numbers in the shortest form that
// reads back to the same double (toml++'s own formatter sorts keys and prints 17 significant digits).
#include <toml++/toml.h>

#include <string>
#include <vector>

namespace teamsim {

/// The order keys are written in. A key `k` of the table at dotted path `p` ranks by the position of
/// "p.k" in `paths`, else of "k" in `keys`; keys in neither come last, alphabetically. Arrays of tables
/// use the array's path for their elements.
struct KeyOrder {
  std::vector<std::string> paths;
  std::vector<std::string> keys;
};

/// The document as TOML text: scalars and inline tables first in each table, then sub-tables as
/// [a.b] sections, then arrays of tables as [[a.b]]. Floats keep a decimal point or exponent.
std::string format_toml(const toml::table& doc, const KeyOrder& order);

}  // namespace teamsim
