// A fault-injection shim for the I/O tests (tests/fault_test.sh), loaded with LD_PRELOAD. It counts the
// calls that change files (open for writing, write, fsync, fdatasync, close of a written file, rename,
// unlink, truncate, ftruncate) and at the N-th one of a kind fails it with an errno, kills the process, or
// pauses it until a file is removed. Settings, from the environment:
//   TEAMSIM_FAULT_OP     which calls count: write, fsync, close, rename, unlink, open, truncate, or any
//   TEAMSIM_FAULT_AT     the 1-based number of the call to act on (0 or unset: never)
//   TEAMSIM_FAULT_ERRNO  fail it with this errno: ENOSPC, EIO, EDQUOT or a number (default ENOSPC)
//   TEAMSIM_FAULT_KILL   1: raise SIGKILL instead, before the call happens
//   TEAMSIM_FAULT_PAUSE  a path: create it, then wait (up to 60 s) until it is removed, then go on
//   TEAMSIM_FAULT_COUNT  a path: at exit, write the number of counted calls there
// Only descriptors above 2 count (not the terminal or redirected stdout/stderr).
#include <dlfcn.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

std::atomic<long> calls{0};

template <typename F>
F real(const char* name) {
  return reinterpret_cast<F>(dlsym(RTLD_NEXT, name));
}

const char* setting(const char* name) {
  const char* v = std::getenv(name);
  return v && *v ? v : nullptr;
}

int fault_errno() {
  const char* e = setting("TEAMSIM_FAULT_ERRNO");
  if (!e || std::strcmp(e, "ENOSPC") == 0) return ENOSPC;
  if (std::strcmp(e, "EIO") == 0) return EIO;
  if (std::strcmp(e, "EDQUOT") == 0) return EDQUOT;
  return std::atoi(e);
}

// Counts a call of kind `op`; returns an errno to fail it with, or 0 to let it happen.
int hit(const char* op) {
  const char* want = setting("TEAMSIM_FAULT_OP");
  if (!want || (std::strcmp(want, "any") != 0 && std::strcmp(want, op) != 0)) return 0;
  const long n = ++calls;
  const char* at = setting("TEAMSIM_FAULT_AT");
  if (!at || std::atol(at) != n) return 0;
  if (const char* pause = setting("TEAMSIM_FAULT_PAUSE")) {
    const int fd = real<int (*)(const char*, int, ...)>("open")(pause, O_WRONLY | O_CREAT, 0644);
    if (fd >= 0) real<int (*)(int)>("close")(fd);
    for (int i = 0; i < 6000 && access(pause, F_OK) == 0; ++i) usleep(10000);
    return 0;
  }
  if (setting("TEAMSIM_FAULT_KILL")) raise(SIGKILL);
  return fault_errno();
}

bool counted_fd(int fd) {
  struct stat st {};
  return fd > 2 && fstat(fd, &st) == 0 && (S_ISREG(st.st_mode) || S_ISDIR(st.st_mode));
}

bool written_fd(int fd) {
  const int flags = fcntl(fd, F_GETFL);
  return counted_fd(fd) && flags >= 0 && (flags & O_ACCMODE) != O_RDONLY;
}

__attribute__((destructor)) void report_count() {
  if (const char* file = setting("TEAMSIM_FAULT_COUNT")) {
    if (FILE* f = std::fopen(file, "w")) {
      std::fprintf(f, "%ld\n", calls.load());
      std::fclose(f);
    }
  }
}

int open_common(const char* name, const char* path, int flags, mode_t mode) {
  if ((flags & (O_WRONLY | O_RDWR | O_CREAT)) != 0) {
    if (const int e = hit("open")) {
      errno = e;
      return -1;
    }
  }
  return real<int (*)(const char*, int, ...)>(name)(path, flags, mode);
}

}  // namespace

extern "C" {

int open(const char* path, int flags, ...) {
  mode_t mode = 0;
  if (flags & (O_CREAT | O_TMPFILE)) {
    va_list args;
    va_start(args, flags);
    mode = static_cast<mode_t>(va_arg(args, int));
    va_end(args);
  }
  return open_common("open", path, flags, mode);
}

int open64(const char* path, int flags, ...) {
  mode_t mode = 0;
  if (flags & (O_CREAT | O_TMPFILE)) {
    va_list args;
    va_start(args, flags);
    mode = static_cast<mode_t>(va_arg(args, int));
    va_end(args);
  }
  return open_common("open64", path, flags, mode);
}

ssize_t write(int fd, const void* buf, size_t count) {
  if (counted_fd(fd)) {
    if (const int e = hit("write")) {
      errno = e;
      return -1;
    }
  }
  return real<ssize_t (*)(int, const void*, size_t)>("write")(fd, buf, count);
}

int fsync(int fd) {
  if (counted_fd(fd)) {
    if (const int e = hit("fsync")) {
      errno = e;
      return -1;
    }
  }
  return real<int (*)(int)>("fsync")(fd);
}

int fdatasync(int fd) {
  if (counted_fd(fd)) {
    if (const int e = hit("fsync")) {
      errno = e;
      return -1;
    }
  }
  return real<int (*)(int)>("fdatasync")(fd);
}

int close(int fd) {
  if (written_fd(fd)) {
    if (const int e = hit("close")) {
      // Like Linux: the descriptor is closed even though close() reports an error (EIO from a deferred
      // write).
      real<int (*)(int)>("close")(fd);
      errno = e;
      return -1;
    }
  }
  return real<int (*)(int)>("close")(fd);
}

int rename(const char* from, const char* to) {
  if (const int e = hit("rename")) {
    errno = e;
    return -1;
  }
  return real<int (*)(const char*, const char*)>("rename")(from, to);
}

int unlink(const char* path) {
  if (const int e = hit("unlink")) {
    errno = e;
    return -1;
  }
  return real<int (*)(const char*)>("unlink")(path);
}

int truncate(const char* path, off_t size) {
  if (const int e = hit("truncate")) {
    errno = e;
    return -1;
  }
  return real<int (*)(const char*, off_t)>("truncate")(path, size);
}

int ftruncate(int fd, off_t size) {
  if (counted_fd(fd)) {
    if (const int e = hit("truncate")) {
      errno = e;
      return -1;
    }
  }
  return real<int (*)(int, off_t)>("ftruncate")(fd, size);
}

}  // extern "C"
