#pragma once
// Calibration on shards (README "Calibration", docs/CLUSTER.md): processes that never talk to each other,
// such as the tasks of a Slurm job array, meet in one folder. Each replays the calibration from the rounds
// already in the folder (the replay is deterministic and cheap), simulates its share of the first round
// that is not all there and writes it as DIR/shard-I-of-N/round-R.bin; a gather step (`--gather`) replays
// to the end once every round is in and writes the results. Files are written whole (AtomicFile), so an
// interrupted shard loses only its share of one round; running it again continues.
#include <string>
#include <vector>

#include "calibration.hpp"
#include "sweep_writer.hpp"

namespace teamsim {

/// Where a replay stopped: the first round whose shard files are not all there.
struct PendingRound {
  int round = -1;
  int generation = 0;
  long long first = 0, count = 0;  // its proposals: first .. first + count - 1 of the generation
  int shards = 0;                  // the shard count whose files were looked at (0: none found)
  std::vector<int> done;           // the shards of `shards` whose file is there
};

/// Rounds kept as files under a calibration folder.
class ShardRounds final : public RoundRunner {
 public:
  /// `identity`: calibration_identity() of the calibration. `shard`: this process simulates and writes its
  /// share of the first missing round (count 0: it simulates nothing, the gather step).
  ShardRounds(const TaskSimulator& simulator, std::string dir, std::string identity, Shard shard,
              int threads);
  /// Loads the round from a complete set of shard files (any shard count); otherwise writes this process's
  /// share if it has one and returns false. Throws InputError for a file of another calibration.
  bool run(CalibrationRound& round) override;
  /// Rounds cost a job each: sized to finish the generation in one round at the expected acceptance rate.
  long long smc_round_size(long long particles, long long wanted, double acceptance) const override;

  const PendingRound& pending() const { return pending_; }
  bool wrote() const { return wrote_; }  // this process wrote its share of the pending round

 private:
  std::string header(const CalibrationRound& round, Shard shard, std::size_t begin, std::size_t end) const;
  void write_share(const CalibrationRound& round);
  void load_share(CalibrationRound& round, Shard shard) const;

  const TaskSimulator& simulator_;
  std::string dir_;
  std::string identity_;
  Shard shard_;
  int threads_;
  PendingRound pending_;
  bool wrote_ = false;
};

/// The folder of one shard's round files: DIR/shard-I-of-N.
std::string shard_folder(const std::string& dir, Shard shard);
/// Proposals [begin, end) of a round of `count` held by `shard`.
std::pair<std::size_t, std::size_t> shard_share(std::size_t count, Shard shard);

}  // namespace teamsim
