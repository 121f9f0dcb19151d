#include "calibration_shards.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>

#include "atomic_file.hpp"
#include "folder_lock.hpp"
#include "input_error.hpp"

namespace teamsim {
namespace {

namespace fs = std::filesystem;

std::string round_file(const std::string& dir, Shard shard, int round) {
  return shard_folder(dir, shard) + "/round-" + std::to_string(round) + ".bin";
}

// The shard folders under `dir`, by shard count: N -> the indices I of the folders shard-I-of-N.
std::map<int, std::set<int>> shard_folders(const std::string& dir) {
  std::map<int, std::set<int>> found;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    int index = -1, count = -1, used = 0;
    if (std::sscanf(name.c_str(), "shard-%d-of-%d%n", &index, &count, &used) == 2 &&
        static_cast<std::size_t>(used) == name.size() && count > 0 && index >= 0 && index < count &&
        name == "shard-" + std::to_string(index) + "-of-" + std::to_string(count))
      found[count].insert(index);
  }
  return found;
}

}  // namespace

std::string shard_folder(const std::string& dir, Shard shard) {
  return dir + "/shard-" + std::to_string(shard.index) + "-of-" + std::to_string(shard.count);
}

std::pair<std::size_t, std::size_t> shard_share(std::size_t count, Shard shard) {
  const auto share = [&](long long i) {
    return static_cast<std::size_t>(static_cast<long long>(count) * i / shard.count);
  };
  return {share(shard.index), share(shard.index + 1LL)};
}

ShardRounds::ShardRounds(const TaskSimulator& simulator, std::string dir, std::string identity, Shard shard,
                         int threads)
    : simulator_(simulator),
      dir_(std::move(dir)),
      identity_(std::move(identity)),
      shard_(shard),
      threads_(threads) {}

long long ShardRounds::smc_round_size(long long particles, long long wanted, double acceptance) const {
  const double rate = std::clamp(acceptance, 0.01, 1.0);
  const auto size = static_cast<long long>(std::ceil(1.25 * static_cast<double>(wanted) / rate));
  return std::clamp(size, std::max(particles, 64LL), 50 * particles);
}

std::string ShardRounds::header(const CalibrationRound& round, Shard shard, std::size_t begin,
                                std::size_t end) const {
  return "teamsim calibration round 1\nidentity " + identity_ + "\nround " + std::to_string(round.index) +
         " generation " + std::to_string(round.generation) + " first " + std::to_string(round.first) +
         " count " + std::to_string(round.tasks.size()) + "\nshard " + std::to_string(shard.index) + "/" +
         std::to_string(shard.count) + " tasks " + std::to_string(begin) + ".." + std::to_string(end) +
         " replicates " + std::to_string(simulator_.spec().replicates) + " cells " +
         std::to_string(simulator_.cells()) + "\n";
}

bool ShardRounds::run(CalibrationRound& round) {
  const auto sets = shard_folders(dir_);
  pending_ = PendingRound{
      round.index, round.generation, round.first, static_cast<long long>(round.tasks.size()), 0, {}};
  for (const auto& [count, indices] : sets) {
    std::vector<int> done;
    for (const int index : indices) {
      if (fs::exists(round_file(dir_, Shard{index, count}, round.index))) done.push_back(index);
    }
    if (static_cast<int>(done.size()) == count) {
      for (int index = 0; index < count; ++index) load_share(round, Shard{index, count});
      return true;
    }
    // Report the set this process belongs to, else the one furthest along.
    if (count == shard_.count || (shard_.count == 0 && done.size() >= pending_.done.size())) {
      pending_.shards = count;
      pending_.done = done;
    }
  }
  if (shard_.count > 0 && !fs::exists(round_file(dir_, shard_, round.index))) write_share(round);
  return false;
}

void ShardRounds::write_share(const CalibrationRound& round) {
  // A second process of the same shard (a requeued task) is refused while this one holds the folder.
  const FolderLock lock(shard_folder(dir_, shard_));
  if (fs::exists(round_file(dir_, shard_, round.index))) return;  // written since the replay looked
  CalibrationRound mine = round;
  const auto [begin, end] = shard_share(mine.tasks.size(), shard_);
  simulator_.simulate(mine.tasks, begin, end, 1, threads_);
  std::string bytes = header(mine, shard_, begin, end);
  for (std::size_t i = begin; i < end; ++i) {
    const CalibrationTask& task = mine.tasks[i];
    bytes += task.valid ? '\1' : '\0';
    if (task.valid)
      bytes.append(reinterpret_cast<const char*>(task.runs.data()), task.runs.size() * sizeof(double));
  }
  bytes += "end\n";
  write_file_atomically(round_file(dir_, shard_, mine.index), bytes);
  wrote_ = true;
  if (std::find(pending_.done.begin(), pending_.done.end(), shard_.index) == pending_.done.end()) {
    pending_.shards = shard_.count;
    pending_.done.push_back(shard_.index);
    std::sort(pending_.done.begin(), pending_.done.end());
  }
}

void ShardRounds::load_share(CalibrationRound& round, Shard shard) const {
  const std::string path = round_file(dir_, shard, round.index);
  const std::string bytes = read_whole_file(path);
  const auto [begin, end] = shard_share(round.tasks.size(), shard);
  const std::string expected = header(round, shard, begin, end);
  if (bytes.compare(0, expected.size(), expected) != 0) {
    throw InputError(
        path + ":1:1: expected round " + std::to_string(round.index) + " of this calibration (identity " +
        identity_.substr(0, 12) +
        "...), found another header: the folder holds another calibration or was written by another "
        "version; use another folder");
  }
  const std::size_t values = simulator_.cells() * static_cast<std::size_t>(simulator_.spec().replicates);
  std::size_t at = expected.size();
  for (std::size_t i = begin; i < end; ++i) {
    CalibrationTask& task = round.tasks[i];
    if (at >= bytes.size()) break;
    task.valid = bytes[at++] == '\1';
    if (!task.valid) continue;
    if (at + values * sizeof(double) > bytes.size()) break;
    task.runs.resize(values);
    std::memcpy(task.runs.data(), bytes.data() + at, values * sizeof(double));
    at += values * sizeof(double);
  }
  if (bytes.size() != at + 4 || bytes.compare(at, 4, "end\n") != 0)
    throw InputError(
        path + ": expected " + std::to_string(end - begin) +
        " simulated proposals and the end marker, found a file of another size; delete it and run "
        "shard " +
        std::to_string(shard.index) + "/" + std::to_string(shard.count) + " again");
}

}  // namespace teamsim
