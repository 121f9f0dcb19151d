#include "memory_check.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "input_error.hpp"

namespace teamsim {
namespace {

// A limit from a cgroup file: a number of bytes, or "max" (none).
bool read_limit(const std::string& path, std::uint64_t& limit) {
  std::ifstream in(path);
  std::string text;
  if (!(in >> text) || text == "max") return false;
  try {
    limit = std::stoull(text);
  } catch (const std::exception&) {
    return false;
  }
  return true;
}

// The process's cgroup v2 folder, from /proc/self/cgroup ("0::/some/path").
std::string cgroup_v2_dir() {
  std::ifstream in("/proc/self/cgroup");
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("0::")) return "/sys/fs/cgroup" + (line.size() > 3 ? line.substr(3) : std::string());
  }
  return "/sys/fs/cgroup";
}

}  // namespace

std::string bytes_text(double bytes) {
  char buf[32];
  if (bytes >= 1e9)
    std::snprintf(buf, sizeof buf, "%.1f GB", bytes / 1e9);
  else
    std::snprintf(buf, sizeof buf, "%.0f MB", bytes / 1e6);
  return buf;
}

std::uint64_t memory_limit(std::string* source) {
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long page = sysconf(_SC_PAGE_SIZE);
  std::uint64_t limit = pages > 0 && page > 0
                            ? static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page)
                            : UINT64_MAX;
  std::string from = "physical memory";
  auto lower = [&](std::uint64_t candidate, const std::string& name) {
    if (candidate < limit) {
      limit = candidate;
      from = name;
    }
  };
  std::uint64_t value = 0;
  // cgroup v2 (the process's own folder, then the root's view of it), then cgroup v1.
  for (const std::string& path : {cgroup_v2_dir() + "/memory.max", std::string("/sys/fs/cgroup/memory.max"),
                                  std::string("/sys/fs/cgroup/memory/memory.limit_in_bytes")}) {
    if (read_limit(path, value)) lower(value, "the cgroup limit " + path);
  }
  rlimit as{};
  if (getrlimit(RLIMIT_AS, &as) == 0 && as.rlim_cur != RLIM_INFINITY)
    lower(static_cast<std::uint64_t>(as.rlim_cur), "the address-space limit (ulimit -v)");
  if (source) *source = from;
  return limit;
}

void check_fits_in_memory(const Model& model, int copies, const std::string& hint) {
  const double need = state_bytes(model) * copies;
  std::string source;
  const auto limit = static_cast<double>(memory_limit(&source));
  if (need <= limit) return;
  std::ostringstream message;
  message << "team.size = " << model.team.size << ", team.dims = " << model.team.dims
          << ": the state needs about " << bytes_text(need)
          << (copies > 1 ? " (" + std::to_string(copies) + " runs at once)" : "") << ", more than the "
          << bytes_text(limit) << " this process may use (" << source
          << "); on the complete network the trust and influence matrices grow as team.size^2 (a sparse "
             "[network] keeps them to the ties)"
          << hint;
  throw InputError(message.str());
}

}  // namespace teamsim
