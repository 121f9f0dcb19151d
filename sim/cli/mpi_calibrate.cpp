// Calibration across MPI ranks (teamsim-mpi): every rank replays the same deterministic sampler and
// simulates every ranks-th proposal of each round (so cheap proposals outside the prior spread evenly); an
// all-gather then gives every rank the whole round, and the next round follows on every rank alike. Rank 0
// writes the output.
#include <mpi.h>

#include <algorithm>
#include <climits>
#include <iostream>

#include "commands.hpp"
#include "mpi_sweep.hpp"

namespace teamsim::cli {
namespace {

class MpiRounds final : public RoundRunner {
 public:
  MpiRounds(const TaskSimulator& simulator, int rank, int ranks, int threads)
      : simulator_(simulator), rank_(rank), ranks_(ranks), threads_(threads) {}

  bool run(CalibrationRound& round) override {
    auto& tasks = round.tasks;
    simulator_.simulate(tasks, static_cast<std::size_t>(rank_), tasks.size(),
                        static_cast<std::size_t>(ranks_), threads_);
    // Exchanged in chunks of whole strides, each under INT_MAX values (MPI counts are ints).
    const std::size_t values =
        1 + simulator_.cells() * static_cast<std::size_t>(simulator_.spec().replicates);
    const auto ranks = static_cast<std::size_t>(ranks_);
    const std::size_t chunk = std::max<std::size_t>(1, (std::size_t{1} << 26) / (values * ranks)) * ranks;
    for (std::size_t begin = 0; begin < tasks.size(); begin += chunk)
      exchange(tasks, begin, std::min(tasks.size(), begin + chunk), values);
    return true;
  }

  long long smc_round_size(long long particles, long long, double) const override {
    return std::max(particles, 64LL * ranks_);
  }

 private:
  // Every rank gets the runs of tasks [begin, end): rank r simulated those with index = r (mod ranks).
  void exchange(std::vector<CalibrationTask>& tasks, std::size_t begin, std::size_t end,
                std::size_t values) const {
    const auto ranks = static_cast<std::size_t>(ranks_);
    std::vector<int> counts(ranks), offsets(ranks);
    for (std::size_t r = 0, at = 0; r < ranks; ++r) {
      std::size_t owned = 0;
      for (std::size_t i = begin + r; i < end; i += ranks) ++owned;
      counts[r] = static_cast<int>(owned * values);
      offsets[r] = static_cast<int>(at);
      at += owned * values;
    }
    std::vector<double> mine, all(static_cast<std::size_t>(offsets.back() + counts.back()));
    for (std::size_t i = begin + static_cast<std::size_t>(rank_); i < end; i += ranks) {
      mine.push_back(tasks[i].valid ? 1.0 : 0.0);
      if (tasks[i].valid)
        mine.insert(mine.end(), tasks[i].runs.begin(), tasks[i].runs.end());
      else
        mine.resize(mine.size() + values - 1, 0.0);
    }
    MPI_Allgatherv(mine.data(), counts[static_cast<std::size_t>(rank_)], MPI_DOUBLE, all.data(),
                   counts.data(), offsets.data(), MPI_DOUBLE, MPI_COMM_WORLD);
    for (std::size_t r = 0; r < ranks; ++r) {
      const double* at = all.data() + offsets[r];
      for (std::size_t i = begin + r; i < end; i += ranks, at += values) {
        tasks[i].valid = at[0] != 0.0;
        if (tasks[i].valid) tasks[i].runs.assign(at + 1, at + values);
      }
    }
  }

  const TaskSimulator& simulator_;
  int rank_, ranks_, threads_;
};

}  // namespace

int mpi_calibrate(const CalibrationSpec& spec, const Model& base, int threads,
                  const std::function<void(int, int, long long)>& progress,
                  const std::function<void(const CalibrationResult&, int ranks)>& finish) {
  int provided = 0;
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);  // only the main thread calls MPI
  int rank = 0, ranks = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks);
  try {
    const TaskSimulator simulator(spec, base);
    MpiRounds runner(simulator, rank, ranks, threads);
    const CalibrationResult result = calibrate(spec, runner, rank == 0 ? progress : nullptr);
    if (rank == 0) finish(result, ranks);
  } catch (const std::exception& e) {
    // An engine error or a failed write: the other ranks wait in a collective that will not come.
    std::cerr << "teamsim: failed: " << e.what() << "\n";
    MPI_Abort(MPI_COMM_WORLD, kFailed);
  }
  MPI_Finalize();
  return kOk;
}

}  // namespace teamsim::cli
