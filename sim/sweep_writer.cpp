#include "sweep_writer.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <limits>

#include "atomic_file.hpp"
#include "folder_lock.hpp"
#include "format.hpp"
#include "input_error.hpp"
#include "provenance.hpp"
#include "run_output.hpp"
#include "student_t.hpp"

namespace teamsim {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

constexpr std::size_t kWidth = kMetricColumns.size();  // t + metrics
constexpr const char* kFiles[] = {"runs.csv", "timeseries.csv", "aggregate.csv"};

double now_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

json read_json(const std::string& file) {
  const std::string text = read_whole_file(file);
  try {
    return json::parse(text);
  } catch (const json::exception& e) {
    throw InputError(file + ": cannot be read (" + e.what() + ")");
  }
}

// Appends the data rows of CSV file `source` to `out` (its header too when `header`), reading it with
// checked calls, and returns the number of data rows. A file that does not end in a newline is cut short.
long long copy_rows(const std::string& source, AtomicFile& out, bool header) {
  const int fd = ::open(source.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw IoError("open", source, errno);
  std::string chunk(std::size_t{1} << 16, '\0');
  long long lines = 0;
  bool in_header = true;
  char last = '\n';
  for (;;) {
    const ssize_t n = ::read(fd, chunk.data(), chunk.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int error = errno;
      ::close(fd);
      throw IoError("read", source, error);
    }
    if (n == 0) break;
    std::string_view data(chunk.data(), static_cast<std::size_t>(n));
    lines += std::count(data.begin(), data.end(), '\n');
    last = data.back();
    if (in_header) {
      const auto end = data.find('\n');
      if (header) out.write(data.substr(0, end == std::string_view::npos ? data.size() : end + 1));
      if (end == std::string_view::npos) continue;
      in_header = false;
      data.remove_prefix(end + 1);
    }
    out.write(data);
  }
  ::close(fd);
  if (last != '\n' || lines == 0) {
    throw InputError(source + (lines == 0 ? " has no header row" : " does not end with a whole row") +
                     "; the file was cut short");
  }
  return lines - 1;
}

// Mean of column j of a run's recorded rows over the steps t >= 1 (nan when there are none).
double mean_after_start(const RunResult& r, std::size_t j) {
  double sum = 0;
  std::size_t counted = 0;
  for (std::size_t row = 0; row < r.rows(); ++row) {
    if (r.row(row)[0] < 1) continue;
    sum += r.row(row)[j];
    ++counted;
  }
  return counted ? sum / static_cast<double>(counted) : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

std::vector<std::string> runs_columns(const SweepSpec& spec) {
  std::vector<std::string> columns = {"run_id", "point", "replicate", "seed"};
  for (const auto& p : spec.parameters) columns.push_back(p.key);
  columns.insert(columns.end(), {"status", "error"});
  for (const MetricSpec& metric : kMetrics) columns.emplace_back(metric.name);
  for (const MetricSpec& metric : kMetrics) {
    if (metric.run_mean) columns.push_back("mean_" + std::string(metric.name));
  }
  columns.insert(columns.end(), {"total_quits", "numeric_issues"});
  return columns;
}

std::vector<std::string> aggregate_columns() {
  std::vector<std::string> columns = {"point", "t", "n"};
  for (std::size_t j = 1; j < kWidth; ++j) {
    for (const char* suffix : {"_mean", "_sd", "_lo", "_hi"})
      columns.push_back(std::string(kMetricColumns[j]) + suffix);
  }
  return columns;
}

std::vector<std::string> aggregate_long_columns() {
  return {"point", "t", "metric", "n", "mean", "sd", "lo", "hi"};
}

SweepWriter::SweepWriter(const SweepSpec& spec, std::string dir, Shard shard, bool resume)
    : spec_(spec), dir_(std::move(dir)), shard_(shard) {
  first_run_ = static_cast<long long>(shard.first_point(spec.points)) * spec.replicates;
  end_run_ = static_cast<long long>(shard.end_point(spec.points)) * spec.replicates;
  frontier_ = first_run_;
  lock_ = std::make_unique<FolderLock>(dir_);  // before looking: nobody else changes the folder now

  // What is in the folder already?
  const bool has_ledger = fs::exists(path("ledger.json"));
  const bool has_summary = fs::exists(path("sweep.json"));
  if (has_ledger || has_summary) {
    const json held = read_json(path(has_ledger ? "ledger.json" : "sweep.json"));
    if (held.value("sweep_sha256", "") != spec.sha256) {
      throw InputError(dir_ + " holds a different sweep (" + held.value("sweep", std::string("?")) +
                       "); use another output folder");
    }
    if (held.value("shard_index", -1) != shard.index || held.value("shard_count", -1) != shard.count) {
      throw InputError(dir_ + " holds shard " + std::to_string(held.value("shard_index", -1)) + "/" +
                       std::to_string(held.value("shard_count", -1)) + " of this sweep, not " +
                       std::to_string(shard.index) + "/" + std::to_string(shard.count));
    }
    if (!resume) {
      throw InputError(dir_ +
                       (has_summary && !has_ledger ? " already holds this finished sweep"
                                                   : " holds an unfinished run of this sweep") +
                       "; add --resume to continue it, or use another output folder");
    }
    if (has_summary && !has_ledger) {  // finished: nothing to do
      frontier_ = end_run_;
      finished_ = held.value("finished", 0LL);
      failed_ = held.value("failed", 0LL);
      resumed_ = end_run_ - first_run_;
      return;
    }
    // Cut the files back to the last checkpoint and append from there.
    frontier_ = held.at("runs_done").get<long long>();
    finished_ = held.at("finished").get<long long>();
    failed_ = held.at("failed").get<long long>();
    const json rows = held.value("rows", json::object());
    runs_rows_ = rows.value("runs.csv", 0LL);
    timeseries_rows_ = rows.value("timeseries.csv", 0LL);
    aggregate_rows_ = rows.value("aggregate.csv", 0LL);
    resumed_ = frontier_ - first_run_;
    for (const char* name : kFiles) {
      const std::string partial = path(std::string(name) + ".partial");
      const auto offset = held.at("offsets").value(name, -1LL);
      if (offset < 0) continue;
      if (fs::exists(partial) && static_cast<long long>(fs::file_size(partial)) >= offset) {
        truncate_file(partial, offset);
      } else if (frontier_ == end_run_ && !fs::exists(partial) && fs::exists(path(name)) &&
                 static_cast<long long>(fs::file_size(path(name))) == offset) {
        // A finish cut short after this file was renamed into place: finish() completes it.
      } else {
        throw InputError(
            partial +
            " is shorter than the ledger says; the folder was changed, start afresh in another folder");
      }
    }
    if (frontier_ < end_run_) {
      runs_.open(path("runs.csv.partial"), CheckedFile::Mode::kAppend);
      aggregate_.open(path("aggregate.csv.partial"), CheckedFile::Mode::kAppend);
      if (spec.timeseries) timeseries_.open(path("timeseries.csv.partial"), CheckedFile::Mode::kAppend);
    }
  } else {
    for (const char* name : {"runs.csv", "timeseries.csv", "aggregate.csv", "run.json"}) {
      if (fs::exists(path(name))) {
        throw InputError(dir_ + " holds " + name +
                         " from something other than this sweep; use another output folder");
      }
    }
    runs_.open(path("runs.csv.partial"), CheckedFile::Mode::kTruncate);
    aggregate_.open(path("aggregate.csv.partial"), CheckedFile::Mode::kTruncate);
    runs_.write(csv_header(runs_columns(spec)));
    aggregate_.write(csv_header(spec.aggregate_long ? aggregate_long_columns() : aggregate_columns()));
    if (spec.timeseries) {
      timeseries_.open(path("timeseries.csv.partial"), CheckedFile::Mode::kTruncate);
      std::vector<std::string> columns = {"run_id"};
      columns.insert(columns.end(), kMetricColumns.begin(), kMetricColumns.end());
      timeseries_.write(csv_header(columns));
    }
    checkpoint(true);
  }
}

void SweepWriter::add(RunResult result) {
  waiting_.emplace(result.run_id, std::move(result));
  for (auto it = waiting_.find(frontier_); it != waiting_.end(); it = waiting_.find(frontier_)) {
    const double start = now_seconds();
    write_run(it->second);
    waiting_.erase(it);
    ++frontier_;
    if (frontier_ % spec_.replicates == 0) close_point();
    write_seconds_ += now_seconds() - start;
  }
}

void SweepWriter::write_run(const RunResult& r) {
  (r.ok ? finished_ : failed_) += 1;
  const auto nan = std::numeric_limits<double>::quiet_NaN();
  line_.clear();
  for (const long long v : {r.run_id, static_cast<long long>(r.point), static_cast<long long>(r.replicate)}) {
    line_ += std::to_string(v) + ',';
  }
  line_ += std::to_string(r.seed);
  const auto values = point_values(spec_, r.point);
  for (std::size_t k = 0; k < values.size(); ++k)
    line_ += ',' + csv_field(value_text(spec_.parameters[k], values[k]));
  line_ += r.ok ? ",ok," : ",failed," + csv_field(r.error);
  // Summary: the final value of each metric, the means over recorded steps t >= 1, and all quits.
  for (std::size_t j = 1; j < kWidth; ++j) {
    line_ += ',';
    append_number(line_, r.rows() ? r.row(r.rows() - 1)[j] : nan);
  }
  for (std::size_t j = 1; j < kWidth; ++j) {
    if (!kMetrics[j - 1].run_mean) continue;
    line_ += ',';
    append_number(line_, mean_after_start(r, j));
  }
  line_ += ',';
  append_number(line_, r.ok ? r.total_quits : nan);
  line_ += ',' + (r.ok ? std::to_string(r.numeric_issues) : std::string("nan")) + '\n';
  runs_.write(line_);
  ++runs_rows_;

  if (spec_.timeseries && r.ok) {
    line_.clear();
    for (std::size_t row = 0; row < r.rows(); ++row) {
      line_ += std::to_string(r.run_id) + ',';
      append_metrics_row(line_, std::span(r.row(row), kWidth));
      line_ += '\n';
    }
    timeseries_.write(line_);
    timeseries_rows_ += static_cast<long long>(r.rows());
  }

  // Welford update, replicate by replicate.
  if (!r.ok) return;
  if (count_ == 0) {
    times_.resize(r.rows());
    for (std::size_t row = 0; row < r.rows(); ++row) times_[row] = r.row(row)[0];
    mean_.assign(r.rows() * (kWidth - 1), 0.0);
    m2_.assign(mean_.size(), 0.0);
  }
  ++count_;
  for (std::size_t row = 0; row < times_.size() && row < r.rows(); ++row) {
    for (std::size_t j = 1; j < kWidth; ++j) {
      const std::size_t at = row * (kWidth - 1) + j - 1;
      const double x = r.row(row)[j];
      const double delta = x - mean_[at];
      mean_[at] += delta / count_;
      m2_[at] += delta * (x - mean_[at]);
    }
  }
}

void SweepWriter::close_point() {
  const long long point = frontier_ / spec_.replicates - 1;
  const auto nan = std::numeric_limits<double>::quiet_NaN();
  const double half_width =
      count_ > 1 ? student_t_quantile(0.95, count_ - 1) / std::sqrt(static_cast<double>(count_)) : nan;
  line_.clear();
  for (std::size_t row = 0; row < times_.size() && spec_.aggregate_long; ++row) {
    // Long form: point, t, metric, n, mean, sd, lo, hi.
    for (std::size_t j = 1; j < kWidth; ++j) {
      const std::size_t at = row * (kWidth - 1) + j - 1;
      const double sd = count_ > 1 ? std::sqrt(m2_[at] / (count_ - 1)) : nan;
      line_ += std::to_string(point) + ',';
      append_number(line_, times_[row]);
      line_.append(",").append(kMetricColumns[j]).append(",").append(std::to_string(count_));
      for (const double v : {mean_[at], sd, mean_[at] - half_width * sd, mean_[at] + half_width * sd}) {
        line_ += ',';
        append_number(line_, v);
      }
      line_ += '\n';
    }
  }
  for (std::size_t row = 0; row < times_.size() && !spec_.aggregate_long; ++row) {
    line_ += std::to_string(point) + ',';
    append_number(line_, times_[row]);
    line_ += ',' + std::to_string(count_);
    for (std::size_t j = 1; j < kWidth; ++j) {
      const std::size_t at = row * (kWidth - 1) + j - 1;
      const double sd = count_ > 1 ? std::sqrt(m2_[at] / (count_ - 1)) : nan;
      for (const double v : {mean_[at], sd, mean_[at] - half_width * sd, mean_[at] + half_width * sd}) {
        line_ += ',';
        append_number(line_, v);
      }
    }
    line_ += '\n';
  }
  aggregate_.write(line_);
  aggregate_rows_ += std::count(line_.begin(), line_.end(), '\n');  // one per step, or per step and metric
  count_ = 0;
  times_.clear();
  checkpoint(frontier_ == end_run_);
}

void SweepWriter::checkpoint(bool force) {
  const double now = now_seconds();
  // Each checkpoint fsyncs the files; every 0.5 s that costs about 3 % of a fast sweep's wall time.
  if (!force && now - last_checkpoint_ < 0.5) return;
  last_checkpoint_ = now;
  // The data reaches the disk before the ledger says it is there.
  runs_.sync();
  aggregate_.sync();
  if (spec_.timeseries) timeseries_.sync();
  json ledger;
  ledger["sweep"] = spec_.name;
  ledger["sweep_sha256"] = spec_.sha256;
  ledger["shard_index"] = shard_.index;
  ledger["shard_count"] = shard_.count;
  ledger["runs_done"] = frontier_;
  ledger["finished"] = finished_;
  ledger["failed"] = failed_;
  ledger["offsets"] = {{"runs.csv", runs_.offset()},
                       {"aggregate.csv", aggregate_.offset()},
                       {"timeseries.csv", spec_.timeseries ? timeseries_.offset() : -1LL}};
  ledger["rows"] = row_counts();
  // No fsync of the folder: after a crash an older ledger claims less than is on disk, which resume cuts
  // back.
  write_file_atomically(path("ledger.json"), ledger.dump(2) + "\n", false);
}

nlohmann::ordered_json SweepWriter::row_counts() const {
  json rows = {{"runs.csv", runs_rows_}, {"aggregate.csv", aggregate_rows_}};
  if (spec_.timeseries) rows["timeseries.csv"] = timeseries_rows_;
  return rows;
}

void SweepWriter::finish(json provenance) {
  if (!complete()) throw std::logic_error("SweepWriter::finish before every run was written");
  // Each step below can be repeated: a finish cut short anywhere is completed by the next one (--resume).
  // The ledger stays until the end, and says the data is complete.
  if (fs::exists(path("ledger.json"))) {
    runs_.close();
    aggregate_.close();
    timeseries_.close();
    for (const char* name : kFiles) {
      if (fs::exists(path(std::string(name) + ".partial")))
        rename_file(path(std::string(name) + ".partial"), path(name));
    }
    sync_folder(dir_);
  }
  json summary = build_identity();
  summary["sweep"] = spec_.name;
  summary["sweep_file"] = spec_.path;
  summary["sweep_sha256"] = spec_.sha256;
  summary["canonical"] = spec_.canonical;
  summary["scenario"] = spec_.scenario;
  summary["points"] = spec_.points;
  summary["replicates"] = spec_.replicates;
  summary["shard_index"] = shard_.index;
  summary["shard_count"] = shard_.count;
  summary["first_point"] = shard_.first_point(spec_.points);
  summary["end_point"] = shard_.end_point(spec_.points);
  summary["runs"] = end_run_ - first_run_;
  summary["finished"] = finished_;
  summary["failed"] = failed_;
  summary["rows"] = row_counts();
  for (auto& [key, value] : provenance.items()) summary[key] = value;
  write_file_atomically(path("sweep.json"), summary.dump(2) + "\n");
  remove_file(path("ledger.json"));
  sync_folder(dir_);
}

json sweep_provenance(const SweepWriter& writer, const SweepRunFacts& facts) {
  const long long ran = writer.end_run() - writer.first_run() - writer.resumed();
  const double wall = facts.wall_time_seconds;
  json provenance;
  provenance["host"] = host_name();
  provenance["start_time"] = facts.start_time;
  provenance["threads"] = facts.threads;
  provenance["mpi_ranks"] = facts.mpi_ranks;
  provenance["resumed_runs"] = writer.resumed();
  provenance["wall_time_seconds"] = wall;
  provenance["runs_per_second"] = wall > 0 ? static_cast<double>(ran) / wall : 0.0;
  provenance["write_seconds"] = writer.write_seconds();
  return provenance;
}

void merge_shards(const std::vector<std::string>& dirs, const std::string& out) {
  if (dirs.empty()) throw InputError("merge: no shard folders given");
  std::vector<json> shards;
  for (const auto& dir : dirs) {
    if (!fs::exists(dir + "/sweep.json")) {
      throw InputError(
          dir + ": no sweep.json; not a finished sweep shard (resume it with `teamsim sweep --resume`)");
    }
    if (fs::exists(dir + "/ledger.json")) {
      throw InputError(dir +
                       ": its finish was cut short (ledger.json is still there); complete it with "
                       "`teamsim sweep --resume`");
    }
    shards.push_back(read_json(dir + "/sweep.json"));
  }
  const std::string sha = shards[0].value("sweep_sha256", "");
  const int count = shards[0].value("shard_count", 0);
  std::vector<int> order(static_cast<std::size_t>(count), -1);
  for (std::size_t k = 0; k < shards.size(); ++k) {
    if (shards[k].value("sweep_sha256", "") != sha)
      throw InputError(dirs[k] + " holds a different sweep than " + dirs[0]);
    if (shards[k].value("shard_count", 0) != count)
      throw InputError(dirs[k] + " was split into a different number of shards than " + dirs[0]);
    const int index = shards[k].value("shard_index", -1);
    if (index < 0 || index >= count) throw InputError(dirs[k] + ": bad shard index");
    if (order[static_cast<std::size_t>(index)] >= 0)
      throw InputError(dirs[k] + " and " +
                       dirs[static_cast<std::size_t>(order[static_cast<std::size_t>(index)])] +
                       " are the same shard " + std::to_string(index));
    order[static_cast<std::size_t>(index)] = static_cast<int>(k);
  }
  for (int i = 0; i < count; ++i) {
    if (order[static_cast<std::size_t>(i)] < 0)
      throw InputError("merge: shard " + std::to_string(i) + "/" + std::to_string(count) + " is missing");
  }
  const bool created = !fs::exists(out);
  auto lock = std::make_unique<FolderLock>(out);
  try {
    // A merge that failed part-way left no sweep.json: its files are replaced whole, each atomically.
    if (fs::exists(out + "/sweep.json") || fs::exists(out + "/ledger.json"))
      throw InputError(out + " already holds a sweep's output; merge into a new folder");

    // Concatenate each file in shard order, keeping the first header only, and check that every shard's
    // file holds the rows its sweep.json records: a file cut short or changed is refused, not merged. No
    // file takes its final name before every one has been checked.
    const bool timeseries = fs::exists(dirs[static_cast<std::size_t>(order[0])] + "/timeseries.csv");
    json total_rows = json::object();
    std::vector<std::unique_ptr<AtomicFile>> files;
    for (const char* name : kFiles) {
      if (std::string(name) == "timeseries.csv" && !timeseries) continue;
      AtomicFile& file = *files.emplace_back(std::make_unique<AtomicFile>(out + "/" + name));
      long long merged_rows = 0;
      for (int i = 0; i < count; ++i) {
        const std::size_t k = static_cast<std::size_t>(order[static_cast<std::size_t>(i)]);
        const std::string source = dirs[k] + "/" + name;
        if (!fs::exists(source)) throw InputError(dirs[k] + ": missing " + name);
        const long long rows = copy_rows(source, file, i == 0);
        // Shards written before sweep.json recorded row counts are checked on runs.csv only.
        const bool is_runs = std::string(name) == "runs.csv";
        const long long expected = shards[k].contains("rows") ? shards[k]["rows"].value(name, -1LL)
                                   : is_runs                  ? shards[k].value("runs", -1LL)
                                                              : rows;
        if (expected < 0 || (is_runs && expected != shards[k].value("runs", -1LL)))
          throw InputError(dirs[k] + "/sweep.json: no consistent row count for " + name);
        if (rows != expected) {
          throw InputError(source + " holds " + std::to_string(rows) + " rows, but " + dirs[k] +
                           "/sweep.json records " + std::to_string(expected) +
                           "; the file was cut short or changed: run that shard again into a new folder");
        }
        merged_rows += rows;
      }
      total_rows[name] = merged_rows;
    }
    for (auto& file : files) file->commit();
    json merged = shards[static_cast<std::size_t>(order[0])];
    long long finished = 0, failed = 0, runs = 0;
    double wall = 0;
    for (const auto& s : shards) {
      finished += s.value("finished", 0LL);
      failed += s.value("failed", 0LL);
      runs += s.value("runs", 0LL);
      wall = std::max(wall, s.value("wall_time_seconds", 0.0));
    }
    merged["shard_index"] = 0;
    merged["shard_count"] = 1;
    merged["first_point"] = 0;
    merged["end_point"] = merged.value("points", 0);
    merged["runs"] = runs;
    merged["finished"] = finished;
    merged["failed"] = failed;
    merged["rows"] = total_rows;
    merged["merged_from"] = dirs;
    merged["wall_time_seconds"] = wall;
    write_file_atomically(out + "/sweep.json", merged.dump(2) + "\n");
  } catch (...) {
    // A refused or failed merge leaves no folder of its own behind (remove() takes only an empty one).
    lock.reset();
    std::error_code ignored;
    if (created) fs::remove(out, ignored);
    throw;
  }
}

}  // namespace teamsim
