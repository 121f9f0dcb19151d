#pragma once
// Where and when teamsim wrote something: for run.json and sweep.json, from the CLI and the Python package.
#include <nlohmann/json.hpp>

#include <string>

namespace teamsim {

/// The current time in UTC, ISO 8601 to the second (2026-12-01T17:42:09Z).
std::string utc_now();
/// This machine's host name.
std::string host_name();
/// The build that wrote a record: teamsim_version, git_revision, build_type (the first keys of run.json and
/// sweep.json).
nlohmann::ordered_json build_identity();

}  // namespace teamsim
