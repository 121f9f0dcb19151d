#include "format.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace teamsim {

void append_number(std::string& out, double v) {
  if (std::isnan(v)) {
    out += "nan";
    return;
  }
  if (std::isinf(v)) {
    out += v > 0 ? "inf" : "-inf";
    return;
  }
  if (v == 0) v = 0;  // no "-0"
  char buf[32];
  const auto result = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, result.ptr);
}

std::string format_number(double v) {
  std::string s;
  append_number(s, v);
  return s;
}

std::string format_readable(double v) {
  if (!std::isfinite(v)) return format_number(v);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.12g", v == 0 ? 0.0 : v);
  return buf;
}

}  // namespace teamsim
