#include "run_record.hpp"

#include <nlohmann/json.hpp>

#include <fstream>

#include "atomic_file.hpp"
#include "input_error.hpp"
#include "provenance.hpp"
#include "teamsim/version.hpp"

namespace teamsim {

std::string run_record_json(const Model& model, int every, const std::string& resolved,
                            const std::string& start_time, double wall_time_seconds,
                            const RunSummary& summary) {
  nlohmann::ordered_json json = build_identity();
  json["scenario"] = model.name;
  json["scenario_sha256"] = sha256_hex(resolved);
  json["seed"] = model.seed;
  json["steps"] = model.steps;
  json["every"] = every;
  json["host"] = host_name();
  json["start_time"] = start_time;
  json["wall_time_seconds"] = wall_time_seconds;
  json["numeric_issues"] = summary.numeric_issues;
  json["random_words"] = summary.random_words;
  json["resolved_scenario"] = resolved;
  return json.dump(2) + "\n";
}

RunRecord read_run_record(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError(path + ": cannot open the file");
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& e) {
    throw InputError(path + ": not a run record (run.json): " + e.what());
  }
  RunRecord record;
  const auto scenario = json.find("resolved_scenario");
  if (!json.is_object() || scenario == json.end() || !scenario->is_string())
    throw InputError(path +
                     ": not a run record: expected the key resolved_scenario with the scenario's TOML");
  record.resolved_scenario = scenario->get<std::string>();
  if (const auto every = json.find("every"); every != json.end()) {
    if (!every->is_number_integer() || every->get<long long>() < 1 || every->get<long long>() > 10000000)
      throw InputError(path + ": every: expected an integer in [1, 10000000], found " + every->dump());
    record.every = every->get<int>();
  }
  if (const auto revision = json.find("git_revision"); revision != json.end() && revision->is_string())
    record.git_revision = revision->get<std::string>();
  return record;
}

std::string other_build_note(const std::string& path, const RunRecord& record) {
  if (record.git_revision == kGitRevision) return "";
  return "note: " + path + " was written by teamsim revision " +
         (record.git_revision.empty() ? std::string("(unrecorded)") : record.git_revision) + ", this is " +
         kGitRevision +
         ": keys added to the model since then take this build's defaults (docs/MODEL.md 9), so " +
         "the repeat may differ\n";
}

}  // namespace teamsim
