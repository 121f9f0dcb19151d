#include "provenance.hpp"

#include <unistd.h>

#include <ctime>

#include "teamsim/version.hpp"

namespace teamsim {

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm parts{};
  gmtime_r(&now, &parts);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return buf;
}

std::string host_name() {
  char buf[256] = {};
  gethostname(buf, sizeof buf - 1);
  return buf;
}

nlohmann::ordered_json build_identity() {
  nlohmann::ordered_json json;
  json["teamsim_version"] = kVersion;
  json["git_revision"] = kGitRevision;
  json["build_type"] = kBuildType;
  return json;
}

}  // namespace teamsim
