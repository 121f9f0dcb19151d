#pragma once
// Running a sweep on threads: runs are handed out in order, at most a bounded window ahead of what is
// written, so memory stays flat however many runs there are.
#include <functional>

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

/// Runs every missing run of the writer's shard on `threads` threads, writing through `writer`.
/// `progress` is called from the writing thread after each written run, at most every 0.2 s.
void run_sweep(const SweepSpec& spec, ModelCache& models, SweepWriter& writer, int threads,
               const std::function<void(const SweepProgress&)>& progress);

}  // namespace teamsim
