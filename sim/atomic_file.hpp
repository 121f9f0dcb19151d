#pragma once
// A file written under a temporary name and renamed into place when complete, so an interrupted run
// never leaves a file that looks finished.
#include <fstream>
#include <string>

namespace teamsim {

class AtomicFile {
 public:
  /// Opens `path + ".tmp"` for writing; throws std::runtime_error if it cannot.
  explicit AtomicFile(std::string path);
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  /// Removes the temporary file unless commit() succeeded.
  ~AtomicFile();

  void write(const std::string& text) { out_ << text; }
  std::ofstream& stream() { return out_; }
  /// Flushes, closes and renames to the final path; throws std::runtime_error on failure.
  void commit();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::string temporary_;
  std::ofstream out_;
  bool committed_ = false;
};

/// Writes `text` to `path` atomically.
void write_file_atomically(const std::string& path, const std::string& text);
/// Hex SHA-256 of `text`.
std::string sha256_hex(const std::string& text);

}  // namespace teamsim
