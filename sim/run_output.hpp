#pragma once
// The output folder of one run (README "Run output"): timeseries.csv, events.csv, optional agents.csv and
// network.csv, and run.json. Each file is written under a temporary name and renamed when complete; run.json
// comes last, and an earlier run's files are replaced as a whole. The folder is locked while a run writes it.
#include <memory>
#include <string>

#include "atomic_file.hpp"
#include "folder_lock.hpp"
#include "simulate.hpp"

namespace teamsim {

struct OutputOptions {
  std::string dir = ".";
  bool agents = false;    // write agents.csv
  int network_every = 0;  // write network.csv every K steps (and at t = 0 and event steps); 0: no
  bool force = false;     // write into a folder that holds other files than an earlier run's
};

/// Throws InputError when `dir` may not take a run: it holds a sweep (sweep.json, ledger.json), or files
/// other than an earlier teamsim run's (recognized by its run.json, or by holding only run files) unless
/// `force`. A folder that does not exist or is empty is fine.
void check_run_folder(const std::string& dir, bool force);

/// Streams a run's CSV files as it goes; finish() renames them into place and writes run.json.
class RunWriter final : public Observer {
 public:
  void on_record(const State& state, const Metrics& metrics) override;
  void on_event(const EventRecord& event) override;
  /// Locks and checks the folder (check_run_folder) and opens the files under temporary names.
  RunWriter(const Model& model, const OutputOptions& options);
  /// Commits every file, removes an earlier run's files this run does not write, and writes run.json
  /// last. Throws IoError when a file cannot be written.
  void finish(const std::string& run_json);

 private:
  void write_network(const State& state);
  const Model& model_;
  OutputOptions options_;
  FolderLock lock_;  // first: held before the folder is looked at, released after the last write
  std::unique_ptr<AtomicFile> timeseries_, events_, agents_, network_;
  std::string line_;
  int last_network_t_ = -1;
};

/// The CSV header of a list of column names, with a newline.
template <typename Columns>
std::string csv_header(const Columns& columns) {
  std::string line;
  for (const auto& c : columns) {
    if (!line.empty()) line += ',';
    line += c;
  }
  return line + '\n';
}

/// Text of a CSV field: quoted when it holds a comma, quote or newline.
std::string csv_field(const std::string& text);

}  // namespace teamsim
