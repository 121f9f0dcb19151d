#include "run_output.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <limits>

#include "format.hpp"
#include "step.hpp"

namespace teamsim {
namespace {

constexpr std::array<std::string_view, 4> kEventColumns = {"t", "event", "agent", "detail"};
constexpr std::array<std::string_view, 5> kNetworkColumns = {"t", "source", "target", "trust", "weight"};

}  // namespace

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

RunWriter::RunWriter(const Model& model, const OutputOptions& options)
    : model_(model),
      options_(options),
      timeseries_((std::filesystem::create_directories(options.dir), options.dir + "/timeseries.csv")),
      events_(options.dir + "/events.csv") {
  timeseries_.write(csv_header(kMetricColumns));
  events_.write(csv_header(kEventColumns));
  if (options.agents) {
    agents_ = std::make_unique<AtomicFile>(options.dir + "/agents.csv");
    agents_->write(csv_header(kAgentColumns));
  }
  if (options.network_every > 0) {
    network_ = std::make_unique<AtomicFile>(options.dir + "/network.csv");
    network_->write(csv_header(kNetworkColumns));
  }
}

void RunWriter::on_record(const State& s, const Metrics& metrics) {
  line_.clear();
  append_number(line_, s.t);
  for (const double v : metrics) {
    line_ += ',';
    append_number(line_, v);
  }
  line_ += '\n';
  timeseries_.write(line_);

  if (agents_) {
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
                             s.power[i], knowledge(s, i)}) {
        line_ += ',';
        append_number(line_, active ? v : nan);
      }
      line_ += '\n';
    }
    agents_->write(line_);
  }
  if (network_) {
    const bool event_step =
        std::any_of(model_.events.begin(), model_.events.end(), [&](const Event& e) { return e.at == s.t; });
    if (s.t == 0 || s.t % options_.network_every == 0 || event_step) write_network(s);
  }
}

void RunWriter::write_network(const State& s) {
  if (s.t == last_network_t_) return;
  last_network_t_ = s.t;
  const int n = s.seats();
  const auto nan = std::numeric_limits<double>::quiet_NaN();
  line_.clear();
  auto edge = [&](int source, int target, double trust, double weight) {
    append_number(line_, s.t);
    line_ += ',';
    append_number(line_, source);
    line_ += ',';
    append_number(line_, target);
    line_ += ',';
    append_number(line_, trust);
    line_ += ',';
    append_number(line_, weight);
    line_ += '\n';
  };
  // Node -1 is the manager. The manager's trust in employees is not modelled (nan).
  for (int i = 0; i < n; ++i) {
    if (!s.active[static_cast<std::size_t>(i)]) continue;
    for (int j = 0; j < n; ++j) {
      if (s.active[static_cast<std::size_t>(j)]) edge(i, j, s.trust(i, j), s.influence(i, j));
    }
    edge(i, -1, s.trust_manager[i], s.influence(i, n));
  }
  for (int j = 0; j < n; ++j) {
    if (s.active[static_cast<std::size_t>(j)]) edge(-1, j, nan, s.influence(n, j));
  }
  edge(-1, -1, nan, s.influence(n, n));
  network_->write(line_);
}

void RunWriter::on_event(const EventRecord& e) {
  line_.clear();
  append_number(line_, e.t);
  line_ += ',' + e.event + ',';
  if (e.agent >= 0) append_number(line_, e.agent);
  line_ += ',' + csv_field(e.detail) + '\n';
  events_.write(line_);
}

void RunWriter::finish(const std::string& run_json) {
  timeseries_.commit();
  events_.commit();
  if (agents_) agents_->commit();
  if (network_) network_->commit();
  write_file_atomically(options_.dir + "/run.json", run_json);
}

}  // namespace teamsim
