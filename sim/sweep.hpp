#pragma once
// Scheduling a sweep's runs: one window and one progress display, used by the threads of a process
// (run_sweep) and by the MPI driver (teamsim-mpi, sim/cli/mpi_sweep.cpp). Runs are handed out in order,
// at most a bounded window ahead of what is written, so memory stays flat however many runs there are;
// results are written in run order whoever computed them.
#include <chrono>
#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "sweep_writer.hpp"

namespace teamsim {

/// Counts for a progress display.
struct SweepProgress {
  long long done;   // runs written, including those resumed from disk
  long long total;  // runs of this shard
  long long failed;
  double seconds;     // since this process started the sweep
  long long run_now;  // runs this process has written
};

/// Consecutive runs [first, end) handed out together.
struct RunBlock {
  long long first = 0, end = 0;
  long long size() const { return end - first; }
  bool empty() const { return end <= first; }
};

/// How far ahead of the writer runs may be handed out when `workers` compute at once, each holding up to
/// `in_flight` runs: enough that no worker waits for a slow run ahead of it.
long long sweep_window(const SweepSpec& spec, int workers, long long in_flight = 1);

/// The runs of the writer's shard that are still missing, handed out in order within a window, and their
/// results written as they come. Thread-safe.
class SweepSchedule {
 public:
  SweepSchedule(const SweepSpec& spec, ModelCache& models, SweepWriter& writer, long long window,
                std::function<void(const SweepProgress&)> progress);
  /// Up to `count` runs that may start now; empty when the window is full, every run is handed out or the
  /// sweep has failed. Never waits.
  RunBlock try_take(long long count);
  /// One run, waiting while the window is full; empty when every run is handed out or the sweep failed.
  RunBlock take();
  /// Writes a finished run (in any order), forgets finished points' models and shows progress. A failed
  /// write fails the sweep.
  void add(RunResult&& result);
  /// Stops the sweep: nothing more is handed out; the first error is what rethrow_failure() throws.
  void fail(std::exception_ptr error);
  bool failed() const;
  void rethrow_failure() const;
  bool exhausted() const;  // every run handed out
  /// Runs written per second by this process so far (0 before the first).
  double runs_per_second() const;

 private:
  bool may_hand_out() const;  // under the lock
  void report();              // under the lock

  const SweepSpec& spec_;
  ModelCache& models_;
  SweepWriter& writer_;
  const long long window_;
  const std::function<void(const SweepProgress&)> progress_;
  const long long already_;  // runs on disk when this process started
  const std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_report_ = start_ - std::chrono::seconds(1);
  mutable std::mutex mutex_;
  std::condition_variable room_;
  long long next_;
  std::exception_ptr failure_;
};

/// Threads that take runs from a schedule one at a time and run them until none is left; an engine error
/// fails the schedule. Joined by join() or the destructor.
class SweepWorkers {
 public:
  SweepWorkers(SweepSchedule& schedule, const SweepSpec& spec, ModelCache& models, int threads);
  SweepWorkers(const SweepWorkers&) = delete;
  SweepWorkers& operator=(const SweepWorkers&) = delete;
  ~SweepWorkers() { join(); }
  void join();

 private:
  std::vector<std::thread> pool_;
};

/// Runs every missing run of the writer's shard on `threads` threads, writing through `writer`.
/// `progress` is called from a worker thread after a written run, at most every 0.2 s.
void run_sweep(const SweepSpec& spec, ModelCache& models, SweepWriter& writer, int threads,
               const std::function<void(const SweepProgress&)>& progress);

}  // namespace teamsim
