#pragma once
// Reading back a run's record (run.json) so that `teamsim run DIR/run.json` repeats the run: the resolved
// scenario it holds carries the seed and the steps; `every` is stored beside it.
#include <string>

namespace teamsim {

struct RunRecord {
  std::string resolved_scenario;  // TOML text of the whole model (to_toml)
  int every = 1;
};

/// Reads run.json; throws InputError naming the file and what is missing or malformed.
RunRecord read_run_record(const std::string& path);

}  // namespace teamsim
