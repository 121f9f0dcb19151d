// Writing a resolved model back as a scenario file (`teamsim show`, run.json): every key, in the order of
// the README, so that it loads back to the same model.
#include <toml++/toml.h>

#include <algorithm>
#include <cstdint>

#include "event_types.hpp"
#include "network_file.hpp"
#include "param_registry.hpp"
#include "scenario.hpp"
#include "toml_format.hpp"

namespace teamsim {
namespace {

// The order `show` writes keys in: the scenario, the team (fields in agent-field order), then every
// parameter section and key in the registry's order (docs/MODEL.md section 9), then the events.
const KeyOrder& show_order() {
  static const KeyOrder order = [] {
    KeyOrder o;
    o.paths = {"scenario",       "scenario.name",   "scenario.description", "scenario.extends",
               "scenario.steps", "scenario.warmup", "scenario.seed",        "team",
               "team.size",      "team.dims",       "team.traits",          "team.initial",
               "team.agents"};
    for (std::size_t f = 0; f < kAgentFieldCount; ++f) {
      const auto& info = agent_field_info(static_cast<AgentField>(f));
      o.paths.push_back("team." + std::string(info.table) + "." + std::string(info.name));
      o.paths.push_back("team.agents." + std::string(info.name));
    }
    for (const char* name : {"trust", "beliefs", "code", "reality"})
      o.paths.push_back("team.agents." + std::string(name));
    for (const char* key : {"network", "network.kind", "network.sizes", "network.within", "network.between",
                            "network.degree", "network.rewire", "network.edges"})
      o.paths.emplace_back(key);
    for (const auto& section : param_sections()) {
      o.paths.push_back(section);
      for (const auto& spec : param_specs()) {
        if (spec.key.starts_with(section + ".")) o.paths.emplace_back(spec.key);
      }
    }
    o.paths.emplace_back("events");
    // Distributions and event fields, in the order the README documents them.
    o.keys = {"at",         "type",        "key",         "dist",        "value",     "mean",
              "sd",         "lo",          "hi",          "agent",       "anchor",    "susceptibility",
              "trust_drop", "trust_gain",  "stance_gain", "anchor_gain", "share",     "load",
              "duration",   "count",       "select",      "rehire",      "trust_hit", "strain_hit",
              "control",    "recognition", "mentoring",   "vision",      "openness",  "policy"};
    return o;
  }();
  return order;
}

// Inserts a parameter's value as TOML: a boolean, a choice's name, an integer or a real.
void insert_param_value(toml::table& t, const std::string& key, const ParamSpec& spec, double v) {
  switch (spec.type) {
    case ParamType::boolean:
      t.insert(key, v != 0);
      return;
    case ParamType::choice:
      t.insert(key, std::string(spec.choices[static_cast<std::size_t>(v)]));
      return;
    case ParamType::integer:
      t.insert(key, static_cast<std::int64_t>(v));
      return;
    case ParamType::real:
      t.insert(key, v);
      return;
  }
}

toml::table scenario_table(const Model& model) {
  toml::table scenario{{"name", model.name},
                       {"description", model.description},
                       {"steps", model.steps},
                       {"warmup", model.warmup}};
  // A seed above TOML's largest integer (2^63 - 1) is written as a string of digits, which reads back.
  if (model.seed <= static_cast<std::uint64_t>(INT64_MAX))
    scenario.insert("seed", static_cast<std::int64_t>(model.seed));
  else
    scenario.insert("seed", std::to_string(model.seed));
  return scenario;
}

toml::table distribution_table(const Distribution& d) {
  toml::table dist;
  switch (d.kind) {
    case Distribution::Kind::constant:
      dist = toml::table{{"dist", "constant"}, {"value", d.a}};
      break;
    case Distribution::Kind::uniform:
      dist = toml::table{{"dist", "uniform"}, {"lo", d.a}, {"hi", d.b}};
      break;
    case Distribution::Kind::normal:
      dist = toml::table{{"dist", "normal"}, {"mean", d.a}, {"sd", d.b}};
      break;
  }
  dist.is_inline(true);
  return dist;
}

toml::array int_array(const std::vector<int>& v) {
  toml::array a;
  for (const int x : v) a.push_back(x);
  return a;
}

// team.agents: the explicit trust matrix, beliefs, code and reality (the per-agent fields are added by
// team_table).
void insert_explicit_matrices(const TeamSpec& spec, toml::table& agents) {
  if (spec.trust) {
    toml::array rows;
    for (Eigen::Index i = 0; i < spec.trust->rows(); ++i) {
      toml::array row;
      for (Eigen::Index j = 0; j < spec.trust->cols(); ++j) row.push_back((*spec.trust)(i, j));
      rows.push_back(std::move(row));
    }
    agents.insert("trust", std::move(rows));
  }
  if (spec.beliefs) {
    toml::array rows;
    for (const auto& row : *spec.beliefs) rows.push_back(int_array(row));
    agents.insert("beliefs", std::move(rows));
  }
  if (spec.code) agents.insert("code", int_array(*spec.code));
  if (spec.reality) agents.insert("reality", int_array(*spec.reality));
}

// Team: sizes, every distribution, and explicit values when given.
toml::table team_table(const TeamSpec& spec) {
  toml::table team{{"size", spec.size}, {"dims", spec.dims}};
  toml::table traits, initial, agents;
  for (std::size_t f = 0; f < kAgentFieldCount; ++f) {
    const auto& info = agent_field_info(static_cast<AgentField>(f));
    if (static_cast<AgentField>(f) == AgentField::anchor && spec.anchor_from_stance) continue;
    (std::string_view(info.table) == "traits" ? traits : initial)
        .insert(info.name, distribution_table(spec.dist[f]));
    if (const auto& given = spec.explicit_values[f]) {
      toml::array values;
      for (Eigen::Index i = 0; i < given->size(); ++i) values.push_back((*given)[i]);
      agents.insert(info.name, std::move(values));
    }
  }
  insert_explicit_matrices(spec, agents);
  team.insert("traits", std::move(traits));
  team.insert("initial", std::move(initial));
  if (!agents.empty()) team.insert("agents", std::move(agents));
  return team;
}

// Every scalar parameter, through the registry, into its section's table.
void insert_params(const Params& params, toml::table& doc) {
  for (const auto& spec : param_specs()) {
    const auto dot = spec.key.find('.');
    const std::string section(spec.key.substr(0, dot));
    if (!doc.contains(section)) doc.insert(section, toml::table{});
    insert_param_value(*doc[section].as_table(), std::string(spec.key.substr(dot + 1)), spec,
                       spec.get(params));
  }
}

// ---- Events: one writer per type, in EventType order ------------------------------------------

void write_set_event(const Event& e, toml::table& t) {
  t.insert("key", e.key);
  insert_param_value(t, "value", *find_param(e.key), e.value);
}

void write_dissent_event(const Event& e, toml::table& t) {
  t.insert("anchor", e.anchor);
  t.insert("susceptibility", e.susceptibility);
  t.insert("trust_drop", e.trust_drop);
}

void write_dialogue_event(const Event& e, toml::table& t) {
  t.insert("trust_gain", e.trust_gain);
  t.insert("stance_gain", e.stance_gain);
  t.insert("anchor_gain", e.anchor_gain);
}

void write_change_event(const Event& e, toml::table& t) {
  t.insert("share", e.share);
  t.insert("load", e.load);
  t.insert("duration", e.duration);
  t.insert("spread", e.spread);
}

// promote and replace_manager: the style fields the event sets.
void write_style_event(const Event& e, toml::table& t) {
  if (e.style.control) t.insert("control", *e.style.control);
  if (e.style.structure) t.insert("structure", *e.style.structure);
  if (e.style.recognition) t.insert("recognition", *e.style.recognition);
  if (e.style.mentoring) t.insert("mentoring", *e.style.mentoring);
  if (e.style.vision) t.insert("vision", *e.style.vision);
  if (e.style.openness) t.insert("openness", *e.style.openness);
  if (e.style.policy)
    t.insert("policy", std::string(kPolicyNames[static_cast<std::size_t>(*e.style.policy)]));
}

void write_hire_event(const Event& e, toml::table& t) {
  t.insert("count", e.count);
}

void write_layoff_event(const Event& e, toml::table& t) {
  if (e.count > 0)
    t.insert("count", e.count);
  else
    t.insert("share", e.share);
  t.insert("select", e.lowest ? "lowest" : "random");
  t.insert("rehire", e.rehire);
  t.insert("trust_hit", e.trust_hit);
  t.insert("strain_hit", e.strain_hit);
}

void write_tie_event(const Event& e, toml::table& t) {
  t.insert("other", e.other);
  if (e.type == EventType::tie) t.insert("weight", e.weight);
}

struct EventWriter {
  EventType type;
  void (*write)(const Event& e, toml::table& t);
};
constexpr EventWriter kEventWriters[] = {
    {EventType::set, write_set_event},
    {EventType::dissent, write_dissent_event},
    {EventType::change, write_change_event},
    {EventType::promote, write_style_event},
    {EventType::replace_manager, write_style_event},
    {EventType::hire, write_hire_event},
    {EventType::layoff, write_layoff_event},
    {EventType::dialogue, write_dialogue_event},
    {EventType::tie, write_tie_event},
    {EventType::untie, write_tie_event},
};
static_assert(indexed_by_event_type(kEventWriters),
              "kEventWriters needs one writer per EventType, in enum order");

// Events, with the fields their type uses; `agent` for the types that address one.
toml::array events_array(const std::vector<Event>& events) {
  toml::array array;
  for (const Event& e : events) {
    const EventTypeInfo& type = event_type_info(e.type);
    toml::table t{{"at", e.at}, {"type", std::string(type.name)}};
    const bool addresses_agent =
        std::find(type.fields.begin(), type.fields.end(), "agent") != type.fields.end();
    if (addresses_agent && e.agent == kTopLeader)
      t.insert("agent", "top_leader");
    else if (addresses_agent && e.agent == kDissenter)
      t.insert("agent", "dissenter");
    else if (addresses_agent && e.agent >= 0)
      t.insert("agent", e.agent);
    kEventWriters[static_cast<std::size_t>(e.type)].write(e, t);
    array.push_back(std::move(t));
  }
  return array;
}

}  // namespace

std::string to_toml(const Model& model) {
  toml::table doc;
  doc.insert("scenario", scenario_table(model));
  doc.insert("team", team_table(model.team));
  if (model.network.kind != NetworkSpec::Kind::complete)
    doc.insert("network", network_to_toml(model.network));
  insert_params(model.initial_params, doc);
  if (!model.events.empty()) doc.insert("events", events_array(model.events));
  return format_toml(doc, show_order());
}

}  // namespace teamsim
