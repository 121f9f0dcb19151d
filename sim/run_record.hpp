#pragma once
// A run's record, run.json: its text, and reading it back so that `teamsim run DIR/run.json` repeats the run:
// the resolved scenario it holds carries the seed and the steps; `every` is stored beside it.
#include <string>

#include "model.hpp"
#include "simulate.hpp"

namespace teamsim {

struct RunRecord {
  std::string resolved_scenario;  // TOML text of the whole model (to_toml)
  int every = 1;
  std::string git_revision;  // of the build that wrote it ("" if the record has none)
};

/// The text of run.json (README "Run output"): version, build, scenario and its SHA-256, seed, steps, host,
/// start and wall time, numeric repairs, random words and the resolved scenario (`resolved`, to_toml's text).
std::string run_record_json(const Model& model, int every, const std::string& resolved,
                            const std::string& start_time, double wall_time_seconds,
                            const RunSummary& summary);

/// The note `teamsim run RECORD` prints when the record was written by another build ("" if the same): keys
/// added since then take today's defaults, so the repeat may differ.
std::string other_build_note(const std::string& path, const RunRecord& record);

/// Reads run.json; throws InputError naming the file and what is missing or malformed.
RunRecord read_run_record(const std::string& path);

}  // namespace teamsim
