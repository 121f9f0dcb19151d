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

/// The CSV files of a run folder.
enum class RunFile { timeseries, events, agents, network };

/// The header line of a run CSV file, with a newline.
std::string run_csv_header(RunFile file);

/// Formats a run's CSV rows as it goes, exactly as the run folder's files hold them, and hands each
/// piece of text (whole rows, after the header) to emit(). RunWriter writes them to files, RunText keeps
/// them in memory.
class RunCsv : public Observer {
 public:
  /// `agents`: rows for agents.csv; `network_every` > 0: rows for network.csv every K steps, at t = 0 and at
  /// event steps.
  RunCsv(const Model& model, bool agents, int network_every);
  void on_record(const State& state, const Metrics& metrics) override;
  void on_event(const EventRecord& event) override;

 protected:
  virtual void emit(RunFile file, const std::string& text) = 0;

 private:
  void write_network(const State& state);
  const Model& model_;
  bool with_agents_;
  int network_every_;
  std::string line_;
  int last_network_t_ = -1;
};

/// Streams a run's CSV files as it goes; finish() renames them into place and writes run.json.
class RunWriter final : public RunCsv {
 public:
  /// Locks and checks the folder (check_run_folder) and opens the files under temporary names.
  RunWriter(const Model& model, const OutputOptions& options);
  /// Commits every file, removes an earlier run's files this run does not write, and writes run.json
  /// last. Throws IoError when a file cannot be written.
  void finish(const std::string& run_json);

 private:
  void emit(RunFile file, const std::string& text) override;
  OutputOptions options_;
  FolderLock lock_;  // first: held before the folder is looked at, released after the last write
  std::unique_ptr<AtomicFile> timeseries_, events_, agents_, network_;
};

/// Keeps a run's CSV files in memory, byte for byte what RunWriter writes (the Python package).
class RunText final : public RunCsv {
 public:
  RunText(const Model& model, bool agents, int network_every);
  std::string timeseries, events;
  std::string agents, network;  // empty unless asked for

 private:
  void emit(RunFile file, const std::string& text) override;
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
