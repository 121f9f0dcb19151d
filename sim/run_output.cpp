#include "run_output.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <limits>

#include "event_index.hpp"
#include "format.hpp"
#include "input_error.hpp"
#include "lmx.hpp"
#include "step.hpp"

namespace teamsim {
namespace {

namespace fs = std::filesystem;

constexpr std::array<std::string_view, 4> kEventColumns = {"t", "event", "agent", "detail"};
constexpr std::array<std::string_view, 6> kNetworkColumns = {"t",     "source", "target",
                                                             "trust", "weight", "contact"};
constexpr const char* kRunFiles[] = {"timeseries.csv", "events.csv", "agents.csv", "network.csv", "run.json"};

// A file a run writes, or its temporary form.
bool is_run_file(const std::string& name) {
  for (const std::string file : kRunFiles) {
    if (name == file || name == file + ".tmp") return true;
  }
  return false;
}

}  // namespace

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

void check_run_folder(const std::string& dir, bool force) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    if (fs::exists(dir, ec)) throw InputError(dir + " is a file, not a folder; choose an output folder");
    return;
  }
  bool earlier_run = false;
  std::vector<std::string> others;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name == "sweep.json" || name == "ledger.json") {
      throw InputError(dir + " holds a sweep (" + name +
                       "); `teamsim run` never writes into a sweep folder: use another output folder");
    }
    if (name == "run.json") earlier_run = true;
    if (name != kLockFile && !is_run_file(name)) others.push_back(name);
  }
  if (ec) throw IoError("list folder", dir, ec.value());
  if (earlier_run || others.empty() || force) return;
  std::sort(others.begin(), others.end());
  std::string list;
  for (std::size_t k = 0; k < others.size() && k < 3; ++k) list += (k ? ", " : "") + others[k];
  if (others.size() > 3) list += ", ...";
  throw InputError(dir + " is not empty and holds no earlier teamsim run (no run.json; found " + list +
                   "); use a new or empty folder, or add --force to write the run into it");
}

std::string run_csv_header(RunFile file) {
  switch (file) {
    case RunFile::timeseries:
      return csv_header(kMetricColumns);
    case RunFile::events:
      return csv_header(kEventColumns);
    case RunFile::agents:
      return csv_header(kAgentColumns);
    case RunFile::network:
      return csv_header(kNetworkColumns);
  }
  return {};
}

RunCsv::RunCsv(const Model& model, bool agents, int network_every)
    : model_(model), with_agents_(agents), network_every_(network_every) {}

RunWriter::RunWriter(const Model& model, const OutputOptions& options)
    : RunCsv(model, options.agents, options.network_every),
      options_(options),
      lock_((check_run_folder(options.dir, options.force), options.dir)) {  // refuse before creating it
  check_run_folder(options.dir, options.force);  // again, now that no other writer can change it
  timeseries_ = std::make_unique<AtomicFile>(options.dir + "/timeseries.csv");
  events_ = std::make_unique<AtomicFile>(options.dir + "/events.csv");
  timeseries_->write(run_csv_header(RunFile::timeseries));
  events_->write(run_csv_header(RunFile::events));
  if (options.agents) {
    agents_ = std::make_unique<AtomicFile>(options.dir + "/agents.csv");
    agents_->write(run_csv_header(RunFile::agents));
  }
  if (options.network_every > 0) {
    network_ = std::make_unique<AtomicFile>(options.dir + "/network.csv");
    network_->write(run_csv_header(RunFile::network));
  }
}

void RunWriter::emit(RunFile file, const std::string& text) {
  switch (file) {
    case RunFile::timeseries:
      timeseries_->write(text);
      break;
    case RunFile::events:
      events_->write(text);
      break;
    case RunFile::agents:
      agents_->write(text);
      break;
    case RunFile::network:
      network_->write(text);
      break;
  }
}

RunText::RunText(const Model& model, bool agents_csv, int network_every)
    : RunCsv(model, agents_csv, network_every),
      timeseries(run_csv_header(RunFile::timeseries)),
      events(run_csv_header(RunFile::events)),
      agents(agents_csv ? run_csv_header(RunFile::agents) : std::string()),
      network(network_every > 0 ? run_csv_header(RunFile::network) : std::string()) {}

void RunText::emit(RunFile file, const std::string& text) {
  switch (file) {
    case RunFile::timeseries:
      timeseries += text;
      break;
    case RunFile::events:
      events += text;
      break;
    case RunFile::agents:
      agents += text;
      break;
    case RunFile::network:
      network += text;
      break;
  }
}

void RunCsv::on_record(const State& s, const Metrics& metrics) {
  line_.clear();
  append_metrics_row(line_, metrics_row(s.t, metrics));
  line_ += '\n';
  emit(RunFile::timeseries, line_);

  if (with_agents_) {
    line_.clear();
    for (int i = 0; i < s.seats(); ++i) {
      const bool active = s.active[static_cast<std::size_t>(i)];
      const auto nan = std::numeric_limits<double>::quiet_NaN();
      append_number(line_, s.t);
      line_ += ',';
      append_number(line_, i);
      line_ += !active ? ",vacant," : (i == s.top_leader ? ",top_leader," : ",employee,");
      line_ += active ? '1' : '0';
      for (const double v : {s.productivity[i], s.morale[i], s.strain[i], s.stance[i], s.trust_manager[i],
                             s.power[i], knowledge(s, i), s.lmx[i], s.attention[i]}) {
        line_ += ',';
        append_number(line_, active ? v : nan);
      }
      line_ += in_favoured_group(s, i) ? ",1" : ",0";  // the manager's in-group this step (7.12)
      line_ += ',';
      append_number(line_, s.network.degree(i));  // ties of the seat, filled or not
      line_ += '\n';
    }
    emit(RunFile::agents, line_);
  }
  if (network_every_ > 0) {
    const bool event_step = !events_at(model_.events, s.t).empty();
    if (s.t == 0 || s.t % network_every_ == 0 || event_step) write_network(s);
  }
}

void RunCsv::write_network(const State& s) {
  if (s.t == last_network_t_) return;
  last_network_t_ = s.t;
  const int n = s.seats();
  const auto nan = std::numeric_limits<double>::quiet_NaN();
  line_.clear();
  auto edge = [&](int source, int target, double trust, double weight,
                  double contact = std::numeric_limits<double>::quiet_NaN()) {
    append_number(line_, s.t);
    line_ += ',';
    append_number(line_, source);
    line_ += ',';
    append_number(line_, target);
    line_ += ',';
    append_number(line_, trust);
    line_ += ',';
    append_number(line_, weight);
    line_ += ',';
    append_number(line_, contact);
    line_ += '\n';
  };
  // Node -1 is the manager. The manager's trust in employees is not modelled (nan).
  // Each active seat: itself and its active contacts in seat order (everyone on the complete network).
  for (int i = 0; i < n; ++i) {
    if (!s.active[static_cast<std::size_t>(i)]) continue;
    bool self_done = false;
    s.network.for_each_neighbour(i, [&](int j, double contact) {
      if (!self_done && j > i) {
        edge(i, i, s.trust(i, i), s.influence(i, i));
        self_done = true;
      }
      if (s.active[static_cast<std::size_t>(j)]) edge(i, j, s.trust(i, j), s.influence(i, j), contact);
    });
    if (!self_done) edge(i, i, s.trust(i, i), s.influence(i, i));
    edge(i, -1, s.trust_manager[i], s.influence(i, n));
  }
  for (int j = 0; j < n; ++j) {
    if (s.active[static_cast<std::size_t>(j)]) edge(-1, j, nan, s.influence(n, j));
  }
  edge(-1, -1, nan, s.influence(n, n));
  emit(RunFile::network, line_);
}

void RunCsv::on_event(const EventRecord& e) {
  line_.clear();
  append_number(line_, e.t);
  line_ += ',' + e.event + ',';
  if (e.agent >= 0) append_number(line_, e.agent);
  line_ += ',' + csv_field(e.detail) + '\n';
  emit(RunFile::events, line_);
}

void RunWriter::finish(const std::string& run_json) {
  // The earlier run's record goes first, so the folder never shows its run.json beside newer data; a kill
  // from here on leaves only run files, which the next run recognizes and replaces.
  const std::string& dir = options_.dir;
  remove_file(dir + "/run.json");
  timeseries_->commit();
  events_->commit();
  if (agents_) agents_->commit();
  if (network_) network_->commit();
  if (!agents_) remove_file(dir + "/agents.csv");
  if (!network_) remove_file(dir + "/network.csv");
  for (const char* name : kRunFiles) {
    if (!fs::exists(dir + "/" + name)) remove_file(dir + "/" + name + ".tmp");  // an earlier run's leftovers
  }
  sync_folder(dir);
  write_file_atomically(dir + "/run.json", run_json);
}

}  // namespace teamsim
