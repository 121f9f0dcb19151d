#pragma once
// An advisory lock on an output folder while a command writes it: a second writer (a requeued Slurm task,
// a second --resume) is refused instead of interleaving rows. It is an flock(2) on DIR/.teamsim.lock,
// which the kernel releases when the holder dies, so a killed run never leaves the folder locked. The
// file records the holder's host and pid for the message; it is removed when the lock is released.
#include <string>

namespace teamsim {

inline constexpr const char* kLockFile = ".teamsim.lock";

class FolderLock {
 public:
  /// Creates `dir` if needed and locks it. Throws InputError naming the holder's host and pid when another
  /// process holds the lock, IoError when the lock file cannot be created.
  explicit FolderLock(const std::string& dir);
  FolderLock(const FolderLock&) = delete;
  FolderLock& operator=(const FolderLock&) = delete;
  ~FolderLock();

 private:
  std::string file_;
  int fd_ = -1;
};

}  // namespace teamsim
