#pragma once
// Where and when teamsim wrote something: for run.json and sweep.json, from the CLI and the Python package.
#include <string>

namespace teamsim {

/// The current time in UTC, ISO 8601 to the second (2026-12-01T17:42:09Z).
std::string utc_now();
/// This machine's host name.
std::string host_name();

}  // namespace teamsim
