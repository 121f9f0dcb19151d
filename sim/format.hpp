#pragma once
// Number formatting for every file teamsim writes: the shortest text that reads back to the same double.
#include <string>

namespace teamsim {

/// Shortest round-trip decimal form of v ("nan", "inf" and "-inf" for the special values).
std::string format_number(double v);
/// Appends format_number(v) to out without a temporary string.
void append_number(std::string& out, double v);
/// A number for people to read in a message: at most 12 significant digits, so a computed sum such as
/// 0.6 + 0.25 + 0.5 + 0.2 reads 1.55 (its round-trip form is 1.5499999999999998).
std::string format_readable(double v);

}  // namespace teamsim
