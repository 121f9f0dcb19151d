#include "atomic_file.hpp"

#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace teamsim {
namespace {

constexpr std::size_t kBuffer = std::size_t{1} << 16;

}  // namespace

IoError::IoError(const std::string& action, const std::string& file, int error)
    : std::runtime_error("cannot " + action + " " + file + ": " + std::strerror(error)), error_(error) {}

CheckedFile::~CheckedFile() {
  if (fd_ >= 0) ::close(fd_);
}

void CheckedFile::open(const std::string& path, Mode mode) {
  path_ = path;
  buffer_.clear();
  const int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (mode == Mode::kTruncate ? O_TRUNC : 0);
  fd_ = ::open(path.c_str(), flags, 0644);
  if (fd_ < 0) throw IoError("create", path, errno);
  written_ = 0;
  if (mode == Mode::kAppend) {
    const off_t end = ::lseek(fd_, 0, SEEK_END);
    if (end < 0) throw IoError("seek in", path, errno);
    written_ = end;
  }
  buffer_.reserve(kBuffer);
}

void CheckedFile::write(std::string_view text) {
  buffer_.append(text);
  if (buffer_.size() >= kBuffer) flush();
}

void CheckedFile::flush() {
  std::size_t done = 0;
  while (done < buffer_.size()) {
    const ssize_t n = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw IoError("write", path_, errno);
    done += static_cast<std::size_t>(n);
    written_ += n;
  }
  buffer_.clear();
}

void CheckedFile::sync() {
  flush();
  if (::fsync(fd_) != 0) throw IoError("fsync", path_, errno);
}

void CheckedFile::close() {
  if (fd_ < 0) return;
  flush();
  const int fd = fd_;
  fd_ = -1;
  // Linux closes the descriptor even when close() fails, so it is never retried.
  if (::close(fd) != 0 && errno != EINTR) throw IoError("close", path_, errno);
}

AtomicFile::AtomicFile(std::string path)
    : path_(std::move(path)), temporary_(path_ + ".tmp"), file_(temporary_, CheckedFile::Mode::kTruncate) {}

AtomicFile::~AtomicFile() {
  if (!committed_) ::unlink(temporary_.c_str());  // unchecked: this is already the failure path
}

void AtomicFile::commit(bool durable_rename) {
  file_.sync();
  file_.close();
  rename_file(temporary_, path_);
  committed_ = true;
  if (durable_rename) sync_folder(folder_of(path_));
}

void write_file_atomically(const std::string& path, const std::string& text, bool durable_rename) {
  AtomicFile file(path);
  file.write(text);
  file.commit(durable_rename);
}

void rename_file(const std::string& from, const std::string& to) {
  if (::rename(from.c_str(), to.c_str()) != 0) throw IoError("rename " + from + " to", to, errno);
}

void remove_file(const std::string& path) {
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) throw IoError("remove", path, errno);
}

void truncate_file(const std::string& path, long long size) {
  if (::truncate(path.c_str(), static_cast<off_t>(size)) != 0) throw IoError("truncate", path, errno);
}

void sync_folder(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw IoError("open folder", dir, errno);
  const int synced = ::fsync(fd);
  const int error = errno;
  ::close(fd);
  // Some file systems cannot fsync a folder (EINVAL); their renames are then as durable as they get.
  if (synced != 0 && error != EINVAL) throw IoError("fsync folder", dir, error);
}

std::string folder_of(const std::string& path) {
  const auto slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

std::string read_whole_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw IoError("open", path, errno);
  std::string text;
  char chunk[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int error = errno;
      ::close(fd);
      throw IoError("read", path, error);
    }
    if (n == 0) break;
    text.append(chunk, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return text;
}

std::string sha256_hex(const std::string& text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(text.data(), text.size(), digest, &length, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 15];
  }
  return hex;
}

}  // namespace teamsim
