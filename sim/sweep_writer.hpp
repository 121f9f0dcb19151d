#pragma once
// The output folder of a sweep (or of one shard): runs.csv, timeseries.csv (when asked), aggregate.csv,
// ledger.json and sweep.json. Results arrive in any order and are written in run order, so the files
// are the same whatever the thread count, shard split or number of MPI ranks. The ledger records how
// far the files are complete (fsync'd before the ledger says so), so `--resume` after a kill or a failed
// write continues from there with identical output; finishing is resumable from any point. The folder
// is locked while a writer has it open.
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "atomic_file.hpp"
#include "folder_lock.hpp"
#include "sweep_run.hpp"

namespace teamsim {

/// A deterministic slice of the points: shard `index` of `count` (0-based).
struct Shard {
  int index = 0;
  int count = 1;
  int first_point(int points) const {
    return static_cast<int>(static_cast<long long>(points) * index / count);
  }
  int end_point(int points) const {
    return static_cast<int>(static_cast<long long>(points) * (index + 1) / count);
  }
};

class SweepWriter {
 public:
  /// Locks and opens `dir` for this sweep and shard. With `resume`, continues an unfinished sweep there
  /// (also one whose finishing was interrupted). Throws InputError when another process writes the
  /// folder, or it holds another sweep, or this one without `resume`; IoError when a file operation fails.
  SweepWriter(const SweepSpec& spec, std::string dir, Shard shard, bool resume);

  long long first_run() const { return first_run_; }
  long long end_run() const { return end_run_; }
  /// The next run to write; everything before it is on disk.
  long long frontier() const { return frontier_; }
  bool complete() const { return frontier_ == end_run_; }
  long long finished() const { return finished_; }
  long long failed() const { return failed_; }
  /// Runs already on disk when the writer opened (resume).
  long long resumed() const { return resumed_; }
  /// Seconds spent writing files.
  double write_seconds() const { return write_seconds_; }

  /// Takes a result; writes it and any that were waiting for it, in run order.
  void add(RunResult result);
  /// Renames the files into place and writes sweep.json with `provenance` merged in. Every step can be
  /// repeated, so a finish cut short by a kill or an error is completed by `--resume`.
  void finish(nlohmann::ordered_json provenance);

 private:
  void write_run(const RunResult& r);
  void close_point();
  void checkpoint(bool force);
  nlohmann::ordered_json row_counts() const;
  std::string path(const std::string& name) const { return dir_ + "/" + name; }

  const SweepSpec& spec_;
  std::string dir_;
  Shard shard_;
  long long first_run_, end_run_, frontier_;
  long long finished_ = 0, failed_ = 0, resumed_ = 0;
  std::map<long long, RunResult> waiting_;
  std::unique_ptr<FolderLock> lock_;
  CheckedFile runs_, timeseries_, aggregate_;
  // Data rows written to each file (sweep.json records them; merge checks them).
  long long runs_rows_ = 0, timeseries_rows_ = 0, aggregate_rows_ = 0;
  std::string line_;
  // Per-point accumulators (Welford, in replicate order): per recorded row and metric.
  std::vector<double> times_, mean_, m2_;
  int count_ = 0;
  double last_checkpoint_ = 0, write_seconds_ = 0;
};

/// How a sweep was run, for sweep.json.
struct SweepRunFacts {
  std::string start_time;  // utc_now() when it started
  double wall_time_seconds = 0;
  int threads = 1;
  int mpi_ranks = 1;
};

/// sweep.json's provenance: host, start and wall time, threads, MPI ranks, resumed runs, speed and write
/// time. The one place that builds it (the CLI and the Python package); SweepWriter::finish adds the
/// build's identity and the sweep's counts.
nlohmann::ordered_json sweep_provenance(const SweepWriter& writer, const SweepRunFacts& facts);

/// Joins shard folders into `out`: the same files a single process would have written.
/// Throws InputError when the folders are not the complete shards of one sweep, or a shard's files do not
/// hold the rows its sweep.json records (a file cut short or changed).
void merge_shards(const std::vector<std::string>& dirs, const std::string& out);

/// The CSV columns of runs.csv, timeseries.csv and aggregate.csv for a sweep.
std::vector<std::string> runs_columns(const SweepSpec& spec);
std::vector<std::string> aggregate_columns();
/// aggregate.csv in long (tidy) form, `record.aggregate_form = "long"`: a row per point, step and metric.
std::vector<std::string> aggregate_long_columns();

}  // namespace teamsim
