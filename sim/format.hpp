#pragma once
// Number formatting for every file teamsim writes: the shortest text that reads back to the same double.
#include <string>

namespace teamsim {

/// Shortest round-trip decimal form of v ("nan", "inf" and "-inf" for the special values).
std::string format_number(double v);
/// Appends format_number(v) to out without a temporary string.
void append_number(std::string& out, double v);

}  // namespace teamsim
