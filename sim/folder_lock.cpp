#include "folder_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>

#include "atomic_file.hpp"
#include "input_error.hpp"

namespace teamsim {
namespace {

std::string holder_text(int fd) {
  char buf[512] = {};
  const ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
  std::string text = n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string();
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text.empty() ? "a process that has not yet written its host and pid" : text;
}

}  // namespace

FolderLock::FolderLock(const std::string& dir) : file_(dir + "/" + kLockFile) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw IoError("create folder", dir, ec.value());
  // The holder removes the file when it lets go; a lock taken on a removed file is no lock, so check that
  // the locked file is still the one in the folder, and try again if not.
  for (int attempt = 0;; ++attempt) {
    const int fd = ::open(file_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) throw IoError("create lock file", file_, errno);
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      const int error = errno;
      const std::string holder = error == EWOULDBLOCK ? holder_text(fd) : "";
      ::close(fd);
      if (error != EWOULDBLOCK) throw IoError("lock", file_, error);
      throw InputError(dir + " is being written by another teamsim command (" + holder +
                       "); wait for it to finish or stop it, or use another output folder");
    }
    struct stat locked {};
    struct stat named {};
    if (::fstat(fd, &locked) == 0 && ::stat(file_.c_str(), &named) == 0 && locked.st_dev == named.st_dev &&
        locked.st_ino == named.st_ino) {
      fd_ = fd;
      break;
    }
    ::close(fd);
    if (attempt == 100) throw IoError("lock", file_, EAGAIN);
  }
  errno = 0;
  char host[256] = {};
  ::gethostname(host, sizeof host - 1);
  const std::string text = "pid " + std::to_string(::getpid()) + " on host " + host + "\n";
  if (::ftruncate(fd_, 0) != 0 ||
      ::pwrite(fd_, text.data(), text.size(), 0) != static_cast<ssize_t>(text.size())) {
    const int error = errno ? errno : EIO;
    ::unlink(file_.c_str());
    ::close(fd_);
    throw IoError("write lock file", file_, error);
  }
}

FolderLock::~FolderLock() {
  // Unlink while still holding the lock, then let go.
  ::unlink(file_.c_str());
  ::close(fd_);
}

}  // namespace teamsim
