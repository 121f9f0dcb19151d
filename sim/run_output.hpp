#pragma once
// The output folder of one run (README "Run output"): timeseries.csv, events.csv, optional agents.csv and
// network.csv, and run.json. Each file is written under a temporary name and renamed when complete.
#include <memory>
#include <string>

#include "atomic_file.hpp"
#include "simulate.hpp"

namespace teamsim {

struct OutputOptions {
  std::string dir = ".";
  bool agents = false;    // write agents.csv
  int network_every = 0;  // write network.csv every K steps (and at t = 0 and event steps); 0: no
};

/// Streams a run's CSV files as it goes; finish() renames them into place and writes run.json.
class RunWriter final : public Observer {
 public:
  RunWriter(const Model& model, const OutputOptions& options);
  void on_record(const State& state, const Metrics& metrics) override;
  void on_event(const EventRecord& event) override;
  /// Commits every file; `provenance` is the JSON object written as run.json.
  void finish(const std::string& run_json);

 private:
  void write_network(const State& state);
  const Model& model_;
  OutputOptions options_;
  AtomicFile timeseries_, events_;
  std::unique_ptr<AtomicFile> agents_, network_;
  std::string line_;
  int last_network_t_ = -1;
};

/// The CSV header of a list of column names, with a newline.
template <typename Columns>
std::string csv_header(const Columns& columns) {
  std::string line;
  for (const auto& c : columns) {
    if (!line.empty()) line += ',';
    line += c;
  }
  return line + '\n';
}

/// Text of a CSV field: quoted when it holds a comma, quote or newline.
std::string csv_field(const std::string& text);

}  // namespace teamsim
