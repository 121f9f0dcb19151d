#pragma once
// Checked file writes. Every write, fsync, close, rename and unlink is checked and a failure throws
// IoError naming the file and the OS reason, so no command ends "successfully" with a file it could not
// write. AtomicFile writes under a temporary name, fsyncs, renames into place and fsyncs the folder, so
// an interrupted or failed write never leaves a file that looks finished.
#include <stdexcept>
#include <string>
#include <string_view>

namespace teamsim {

/// A failed operating-system call on a file ("cannot ACTION FILE: REASON"). The CLI exits 1 with it.
class IoError : public std::runtime_error {
 public:
  IoError(const std::string& action, const std::string& file, int error);
  int error() const { return error_; }

 private:
  int error_;
};

/// A file written through a buffer with checked POSIX calls.
class CheckedFile {
 public:
  enum class Mode { kTruncate, kAppend };
  CheckedFile() = default;
  CheckedFile(const std::string& path, Mode mode) { open(path, mode); }
  CheckedFile(const CheckedFile&) = delete;
  CheckedFile& operator=(const CheckedFile&) = delete;
  /// Closes without checking: only an abandoned (failed) file is closed here.
  ~CheckedFile();

  void open(const std::string& path, Mode mode);
  bool is_open() const { return fd_ >= 0; }
  void write(std::string_view text);
  /// Writes out the buffer.
  void flush();
  /// Flushes and fsyncs: the bytes so far survive a crash of the machine.
  void sync();
  /// Flushes and closes.
  void close();
  /// Bytes written so far, buffered ones included: the file's size after flush().
  long long offset() const { return written_ + static_cast<long long>(buffer_.size()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  int fd_ = -1;
  long long written_ = 0;
  std::string buffer_;
};

class AtomicFile {
 public:
  /// Opens `path + ".tmp"` for writing; throws IoError if it cannot.
  explicit AtomicFile(std::string path);
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  /// Removes the temporary file unless commit() succeeded.
  ~AtomicFile();

  void write(std::string_view text) { file_.write(text); }
  /// Flushes, fsyncs, closes, renames to the final path and (with `durable_rename`) fsyncs the folder;
  /// throws IoError on failure.
  void commit(bool durable_rename = true);
  const std::string& path() const { return path_; }
  const std::string& temporary() const { return temporary_; }

 private:
  std::string path_;
  std::string temporary_;
  CheckedFile file_;
  bool committed_ = false;
};

/// Writes `text` to `path` atomically. `durable_rename` false skips the folder's fsync after the rename, for
/// files whose older version is as good after a crash (the sweep ledger).
void write_file_atomically(const std::string& path, const std::string& text, bool durable_rename = true);
/// Checked rename(2).
void rename_file(const std::string& from, const std::string& to);
/// Checked unlink(2); a file that is not there is no error.
void remove_file(const std::string& path);
/// Checked truncate(2) to `size` bytes.
void truncate_file(const std::string& path, long long size);
/// fsyncs a folder, so the renames and unlinks in it survive a crash of the machine.
void sync_folder(const std::string& dir);
/// The folder a path is in ("." for a bare name).
std::string folder_of(const std::string& path);
/// Reads a whole file; throws IoError if it cannot.
std::string read_whole_file(const std::string& path);
/// Hex SHA-256 of `text`.
std::string sha256_hex(const std::string& text);

}  // namespace teamsim
