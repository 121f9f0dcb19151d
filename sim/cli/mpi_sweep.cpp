// The MPI sweep driver (teamsim-mpi). Every rank computes: rank 0 runs one worker thread of the shared
// schedule (sim/sweep.hpp) beside the thread that talks MPI, and ranks 1..R-1 run blocks of consecutive
// runs that rank 0 hands out. Blocks are sized to take about 20 ms (at least one run, at most kMaxBlock), so
// a message costs little beside the work, and each worker holds one block in reserve so it never waits for
// the next. Rank 0 writes every result through the one SweepWriter, in run order: the output is that of a
// single process.
#include <mpi.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <iostream>
#include <thread>

#include "commands.hpp"
#include "input_error.hpp"
#include "mpi_sweep.hpp"

namespace teamsim::cli {
namespace {

enum Tag : int { kResults = 2, kWork = 3, kStop = 4, kError = 5 };
constexpr long long kMaxBlock = 64;
constexpr double kBlockSeconds = 0.02;  // the work a block aims at
constexpr auto kPoll = std::chrono::microseconds(200);

// Waits for a message without a blocking MPI call, which spins and takes a core from the computing threads.
MPI_Status wait_for_message() {
  MPI_Status status;
  for (int arrived = 0;;) {
    MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &arrived, &status);
    if (arrived) return status;
    std::this_thread::sleep_for(kPoll);
  }
}

std::string receive(const MPI_Status& status) {
  int size = 0;
  MPI_Get_count(&status, MPI_BYTE, &size);
  std::string bytes(static_cast<std::size_t>(size), '\0');
  MPI_Recv(bytes.data(), size, MPI_BYTE, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD,
           MPI_STATUS_IGNORE);
  return bytes;
}

// Results of a block, each serialized and prefixed by its size.
void append_result(std::string& out, const RunResult& result) {
  const std::string bytes = serialize(result);
  const auto size = static_cast<std::uint64_t>(bytes.size());
  out.append(reinterpret_cast<const char*>(&size), sizeof size);
  out += bytes;
}

std::vector<RunResult> split_results(const std::string& in) {
  std::vector<RunResult> results;
  for (std::size_t at = 0; at < in.size();) {
    std::uint64_t size = 0;
    std::memcpy(&size, in.data() + at, sizeof size);
    at += sizeof size;
    results.push_back(deserialize(in.substr(at, size)));
    at += size;
  }
  return results;
}

// A rank other than 0: runs the blocks it is sent, in order, until told to stop. The results of one block
// are sent while the next is computed.
int worker(const SweepSpec& spec, ModelCache& models) {
  std::string sending;
  MPI_Request request = MPI_REQUEST_NULL;
  for (;;) {
    const MPI_Status status = wait_for_message();
    long long block[2] = {0, 0};
    MPI_Recv(block, 2, MPI_LONG_LONG, 0, status.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    if (status.MPI_TAG == kStop) break;
    models.forget_below(static_cast<int>(block[0] / spec.replicates));  // blocks come in increasing order
    std::string results;
    try {
      for (long long run_id = block[0]; run_id < block[1]; ++run_id)
        append_result(results, execute_run(spec, models, run_id));
    } catch (const std::exception& e) {
      MPI_Wait(&request, MPI_STATUS_IGNORE);
      MPI_Send(e.what(), static_cast<int>(std::strlen(e.what())), MPI_BYTE, 0, kError, MPI_COMM_WORLD);
      continue;  // rank 0 aborts the job
    }
    MPI_Wait(&request, MPI_STATUS_IGNORE);
    sending = std::move(results);
    MPI_Isend(sending.data(), static_cast<int>(sending.size()), MPI_BYTE, 0, kResults, MPI_COMM_WORLD,
              &request);
  }
  MPI_Wait(&request, MPI_STATUS_IGNORE);
  return kOk;
}

// Rank 0's side of the other ranks: hands out blocks (two per rank at first, then one per block returned),
// writes what comes back, and stops each rank once every run is handed out.
class Dispatcher {
 public:
  Dispatcher(SweepSchedule& schedule, int ranks)
      : schedule_(schedule),
        ranks_(ranks),
        owed_(static_cast<std::size_t>(ranks), 2),
        busy_(static_cast<std::size_t>(ranks), 0),
        stopped_(static_cast<std::size_t>(ranks), false) {}

  void run() {
    while (!finished()) {
      hand_out();
      if (schedule_.failed()) return;
      MPI_Status status;
      int arrived = 0;
      MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &arrived, &status);
      if (!arrived) {
        std::this_thread::sleep_for(kPoll);
        continue;
      }
      const std::string bytes = receive(status);
      if (status.MPI_TAG == kError) throw std::runtime_error(bytes);  // an engine error on that rank
      const auto rank = static_cast<std::size_t>(status.MPI_SOURCE);
      for (RunResult& result : split_results(bytes)) schedule_.add(std::move(result));
      --busy_[rank];
      ++owed_[rank];
    }
  }

 private:
  bool finished() const {
    for (int r = 1; r < ranks_; ++r) {
      if (!stopped_[static_cast<std::size_t>(r)] || busy_[static_cast<std::size_t>(r)] > 0) return false;
    }
    return true;
  }

  // About kBlockSeconds of work at the rate measured so far (each rank computes one run at a time).
  long long block_size() const {
    const double per_rank = schedule_.runs_per_second() / ranks_;
    return std::clamp(static_cast<long long>(std::floor(per_rank * kBlockSeconds)), 1LL, kMaxBlock);
  }

  void hand_out() {
    const long long size = block_size();
    for (int r = 1; r < ranks_; ++r) {
      const auto i = static_cast<std::size_t>(r);
      while (!stopped_[i] && owed_[i] > 0) {
        const RunBlock block = schedule_.try_take(size);
        if (!block.empty()) {
          const long long range[2] = {block.first, block.end};
          MPI_Send(range, 2, MPI_LONG_LONG, r, kWork, MPI_COMM_WORLD);
          --owed_[i];
          ++busy_[i];
        } else if (schedule_.exhausted() || schedule_.failed()) {
          const long long none[2] = {-1,
                                     -1};  // after its blocks: messages between two ranks keep their order
          MPI_Send(none, 2, MPI_LONG_LONG, r, kStop, MPI_COMM_WORLD);
          stopped_[i] = true;
        } else {
          return;  // the window is full: later
        }
      }
    }
  }

  SweepSchedule& schedule_;
  int ranks_;
  std::vector<int> owed_, busy_;  // per rank: blocks it may still get now, blocks it is computing
  std::vector<bool> stopped_;
};

void scheduler(const SweepSpec& spec, ModelCache& models, SweepWriter& writer, int ranks,
               const std::function<void(const SweepProgress&)>& progress) {
  SweepSchedule schedule(spec, models, writer, sweep_window(spec, ranks, kMaxBlock), progress);
  SweepWorkers local(schedule, spec, models, 1);  // rank 0 computes too
  try {
    Dispatcher(schedule, ranks).run();
  } catch (...) {
    schedule.fail(std::current_exception());
  }
  local.join();
  schedule.rethrow_failure();
}

}  // namespace

int mpi_sweep(const SweepSpec& spec, ModelCache& models, const std::function<SweepWriter*()>& open_writer,
              const std::function<void(const SweepProgress&)>& progress,
              const std::function<void(SweepWriter&, int)>& finish) {
  int provided = 0;
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);  // only the main thread calls MPI
  int rank = 0, ranks = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks);

  // Rank 0 opens the output folder; everyone learns whether that worked.
  SweepWriter* writer = nullptr;
  int opened = kOk;
  if (rank == 0) {
    try {
      writer = open_writer();
    } catch (const InputError& e) {
      std::cerr << "error: " << e.what() << "\n";
      opened = kBadInput;
    } catch (const std::exception& e) {
      std::cerr << "teamsim: failed: " << e.what() << "\n";
      opened = kFailed;
    }
  }
  MPI_Bcast(&opened, 1, MPI_INT, 0, MPI_COMM_WORLD);
  if (opened != kOk) {
    MPI_Finalize();
    return opened;
  }
  int code = kOk;
  if (rank == 0) {
    try {
      scheduler(spec, models, *writer, ranks, progress);
      finish(*writer, ranks);
    } catch (const std::exception& e) {
      // A failed write or an engine error: the other ranks wait for work that will not come, so abort them.
      std::cerr << "teamsim: failed: " << e.what() << "\n";
      MPI_Abort(MPI_COMM_WORLD, kFailed);
    }
  } else {
    code = worker(spec, models);
  }
  MPI_Finalize();
  return code;
}

}  // namespace teamsim::cli
