// Checking a scenario: every key of the merged document, once, at the boundary, into an immutable Model.
// Messages name file:line:column, the key, what was expected and what was found.
#include <toml++/toml.h>

#include <cmath>

#include "event_types.hpp"
#include "format.hpp"
#include "input_error.hpp"
#include "network_file.hpp"
#include "param_registry.hpp"
#include "scenario.hpp"
#include "scenario_check.hpp"
#include "toml_check.hpp"

namespace teamsim {
namespace {

int agent_field_index(std::string_view name, std::string_view table) {
  for (std::size_t f = 0; f < kAgentFieldCount; ++f) {
    const auto& info = agent_field_info(static_cast<AgentField>(f));
    if (name == info.name && (table.empty() || table == info.table)) return static_cast<int>(f);
  }
  return -1;
}

std::vector<std::string> agent_field_names(std::string_view table) {
  std::vector<std::string> names;
  for (std::size_t f = 0; f < kAgentFieldCount; ++f) {
    const auto& info = agent_field_info(static_cast<AgentField>(f));
    if (table.empty() || table == info.table) names.emplace_back(info.name);
  }
  return names;
}

// Reads a parameter value into `params` through its registry entry.
void read_param(const ParamSpec& spec, const toml::node& node, Params& params) {
  const std::string key(spec.key);
  switch (spec.type) {
    case ParamType::boolean:
      spec.set(params, read_bool(node, key) ? 1.0 : 0.0);
      return;
    case ParamType::choice: {
      std::vector<std::string> names(spec.choices.begin(), spec.choices.end());
      spec.set(params, static_cast<double>(read_choice(node, key, names)));
      return;
    }
    case ParamType::integer:
      spec.set(params, static_cast<double>(read_int(node, key, static_cast<std::int64_t>(spec.lo),
                                                    static_cast<std::int64_t>(spec.hi))));
      return;
    case ParamType::real:
      spec.set(params, read_real(node, key, spec));
      return;
  }
}

Distribution read_distribution(const toml::node& node, const std::string& key, const AgentFieldInfo& info) {
  const Range range{info.lo, info.hi};
  if (!node.is_table()) return {Distribution::Kind::constant, read_real(node, key, range), 0};
  const toml::table& t = *node.as_table();
  const toml::node* dist = t.get("dist");
  if (!dist) fail(node, key + ": missing key 'dist' (one of constant, uniform, normal)");
  const int kind = read_choice(*dist, key + ".dist", {"constant", "uniform", "normal"});
  Distribution d;
  switch (kind) {
    case 0:
      check_keys(t, key, {"dist", "value"});
      d = {Distribution::Kind::constant, read_real(require(t, node, key, "value"), key + ".value", range), 0};
      break;
    case 1:
      check_keys(t, key, {"dist", "lo", "hi"});
      d = {Distribution::Kind::uniform, read_real(require(t, node, key, "lo"), key + ".lo", range),
           read_real(require(t, node, key, "hi"), key + ".hi", range)};
      if (d.b < d.a)
        fail(*t.get("hi"),
             key + ".hi: expected hi >= lo = " + format_number(d.a) + ", found " + format_number(d.b));
      break;
    default:
      check_keys(t, key, {"dist", "mean", "sd"});
      d = {Distribution::Kind::normal, read_real(require(t, node, key, "mean"), key + ".mean", range),
           read_real(require(t, node, key, "sd"), key + ".sd", Range{0, 1e6})};
      break;
  }
  return d;
}

void read_team(const toml::table& team, Model& model) {
  check_keys(team, "team", {"size", "dims", "traits", "initial", "agents"});
  TeamSpec& spec = model.team;
  if (const auto* n = team.get("size")) spec.size = static_cast<int>(read_int(*n, "team.size", 1, 100000));
  if (const auto* n = team.get("dims")) spec.dims = static_cast<int>(read_int(*n, "team.dims", 1, 100000));

  for (const std::string table : {"traits", "initial"}) {
    const toml::node* node = team.get(table);
    if (!node) continue;
    const toml::table& t = require_table(*node, "team." + table);
    check_keys(t, "team." + table, agent_field_names(table));
    for (auto&& [name, value] : t) {
      const int f = agent_field_index(name.str(), table);
      const auto& info = agent_field_info(static_cast<AgentField>(f));
      spec.dist[static_cast<std::size_t>(f)] =
          read_distribution(value, "team." + table + "." + std::string(name.str()), info);
      if (f == static_cast<int>(AgentField::anchor)) spec.anchor_from_stance = false;
    }
  }

  const toml::node* agents_node = team.get("agents");
  if (!agents_node) return;
  const toml::table& agents = require_table(*agents_node, "team.agents");
  std::vector<std::string> allowed = agent_field_names("");
  for (const char* extra : {"trust", "beliefs", "code", "reality"}) allowed.emplace_back(extra);
  check_keys(agents, "team.agents", allowed);
  const auto n = static_cast<std::size_t>(spec.size);
  const auto m = static_cast<std::size_t>(spec.dims);
  for (auto&& [name, value] : agents) {
    const std::string key = "team.agents." + std::string(name.str());
    const int f = agent_field_index(name.str(), "");
    if (f >= 0) {
      const auto& info = agent_field_info(static_cast<AgentField>(f));
      const auto values = read_real_array(value, key, n, Range{info.lo, info.hi});
      spec.explicit_values[static_cast<std::size_t>(f)] =
          Eigen::Map<const Eigen::VectorXd>(values.data(), spec.size);
    } else if (name.str() == "trust") {
      if (agents.contains("self_weight")) {
        fail(value, key +
                        ": the diagonal of the trust matrix is the self weight; give either trust or "
                        "self_weight, not both");
      }
      const auto rows = read_matrix(value, key, n, {n, n + 1}, Range{0, 10});
      Eigen::MatrixXd trust(spec.size, spec.size);
      Eigen::VectorXd manager(spec.size);
      for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = 0; j < rows[i].size(); ++j) {
          const double v = rows[i][j];
          if (i != j && v > 1) {
            fail(*value.as_array()->get(i)->as_array()->get(j),
                 key + "[" + std::to_string(i) + "][" + std::to_string(j) +
                     "]: expected a number in [0, 1] off the diagonal, found " + format_number(v));
          }
          if (j < n)
            trust(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = v;
          else
            manager[static_cast<Eigen::Index>(i)] = v;
        }
      }
      spec.trust = trust;
      if (rows[0].size() == n + 1)
        spec.explicit_values[static_cast<std::size_t>(AgentField::trust_manager)] = manager;
    } else if (name.str() == "beliefs") {
      const auto rows = read_int_matrix(value, key, n, m, {-1, 0, 1});
      spec.beliefs = rows;
    } else if (name.str() == "code") {
      spec.code = read_int_array(value, key, m, {-1, 0, 1});
    } else {
      spec.reality = read_int_array(value, key, m, {-1, 1});
    }
  }
}

// ---- Events: one reader per type, in EventType order ------------------------------------------

// An event's table while it is read: where it is, for messages, and the model so far.
struct EventInput {
  const toml::table& t;
  const toml::node& node;
  const std::string& where;
  const Model& model;

  // Reads an optional number in [0, 1] into `out`.
  void unit(const char* key, double& out) const {
    if (const auto* v = t.get(key)) out = read_real(*v, where + "." + key, Range{0, 1});
  }
  // Reads an optional whole number of steps >= 1 into `out`.
  void steps(const char* key, int& out) const {
    if (const auto* v = t.get(key)) out = static_cast<int>(read_int(*v, where + "." + key, 1, 1000000));
  }
  // Reads a head count in [1, team size].
  int count(const toml::node& v) const {
    return static_cast<int>(read_int(v, where + ".count", 1, model.team.size));
  }
};

void read_set_event(const EventInput& in, Event& e) {
  const toml::node& key = require(in.t, in.node, in.where, "key");
  if (!key.is_string())
    fail(key, in.where + ".key: expected a parameter key (a string), found " + describe_found(key));
  e.key = key.value<std::string>().value_or("");
  const ParamSpec* spec = find_param(e.key);
  if (spec && !spec->runtime) {
    fail(key, in.where + ".key: '" + e.key +
                  "' cannot change during a run (it is fixed by the rules between parameters)");
  }
  if (!spec) {
    std::vector<std::string> keys;
    for (const auto& s : param_specs()) keys.emplace_back(s.key);
    const std::string near = nearest(e.key, keys);
    fail(key, in.where + ".key: unknown parameter '" + e.key + "'" +
                  (near.empty() ? "" : "; did you mean '" + near + "'?"));
  }
  Params scratch = in.model.initial_params;
  read_param(*spec, require(in.t, in.node, in.where, "value"), scratch);
  e.value = spec->get(scratch);
}

void read_dissent_event(const EventInput& in, Event& e) {
  in.unit("anchor", e.anchor);
  in.unit("susceptibility", e.susceptibility);
  in.unit("trust_drop", e.trust_drop);
}

void read_dialogue_event(const EventInput& in, Event& e) {
  in.unit("trust_gain", e.trust_gain);
  in.unit("stance_gain", e.stance_gain);
  in.unit("anchor_gain", e.anchor_gain);
}

void read_change_event(const EventInput& in, Event& e) {
  in.unit("share", e.share);
  in.unit("load", e.load);
  in.steps("duration", e.duration);
  in.steps("spread", e.spread);
}

// promote and replace_manager: the style the new manager installs.
void read_style_event(const EventInput& in, Event& e) {
  auto style = [&](const char* key, std::optional<double>& out) {
    if (const auto* v = in.t.get(key)) out = read_real(*v, in.where + "." + key, Range{0, 1});
  };
  style("control", e.style.control);
  style("structure", e.style.structure);
  style("recognition", e.style.recognition);
  style("mentoring", e.style.mentoring);
  style("vision", e.style.vision);
  style("openness", e.style.openness);
  if (const auto* v = in.t.get("policy"))
    e.style.policy = static_cast<Policy>(read_choice(
        *v, in.where + ".policy", std::vector<std::string>(kPolicyNames.begin(), kPolicyNames.end())));
}

void read_hire_event(const EventInput& in, Event& e) {
  e.count = in.count(require(in.t, in.node, in.where, "count"));
}

void read_layoff_event(const EventInput& in, Event& e) {
  const auto* count = in.t.get("count");
  const auto* share = in.t.get("share");
  if ((count == nullptr) == (share == nullptr))
    fail(in.node, in.where + ": a layoff needs exactly one of 'count' or 'share'");
  if (count) e.count = in.count(*count);
  in.unit("share", e.share);
  if (const auto* v = in.t.get("select"))
    e.lowest = read_choice(*v, in.where + ".select", {"random", "lowest"}) == 1;
  if (const auto* v = in.t.get("rehire")) e.rehire = read_bool(*v, in.where + ".rehire");
  in.unit("trust_hit", e.trust_hit);
  in.unit("strain_hit", e.strain_hit);
}

// tie and untie: `agent` (a seat, "top_leader" or "dissenter") and `other` (a seat) are required; a tie
// takes a contact weight in (0, 1] (docs/MODEL.md 7.11).
void read_tie_event(const EventInput& in, Event& e) {
  if (e.agent == kNoAgent) fail(in.node, in.where + ": missing key 'agent' (the seat at one end of the tie)");
  const toml::node& other = require(in.t, in.node, in.where, "other");
  e.other = static_cast<int>(read_int(other, in.where + ".other", 0, in.model.team.size - 1));
  if (e.other == e.agent)
    fail(other, in.where + ".other: expected a seat other than agent, found " + std::to_string(e.other));
  if (const auto* v = in.t.get("weight")) e.weight = read_real(*v, in.where + ".weight", Range{0, 1, true});
}

struct EventReader {
  EventType type;
  void (*read)(const EventInput& in, Event& e);
};
constexpr EventReader kEventReaders[] = {
    {EventType::set, read_set_event},
    {EventType::dissent, read_dissent_event},
    {EventType::change, read_change_event},
    {EventType::promote, read_style_event},
    {EventType::replace_manager, read_style_event},
    {EventType::hire, read_hire_event},
    {EventType::layoff, read_layoff_event},
    {EventType::dialogue, read_dialogue_event},
    {EventType::tie, read_tie_event},
    {EventType::untie, read_tie_event},
};
static_assert(indexed_by_event_type(kEventReaders),
              "kEventReaders needs one reader per EventType, in enum order");

// The seat an event's `agent` names: a seat number, "top_leader" or "dissenter"; the type's default when
// absent.
int read_agent(const EventInput& in, const EventTypeInfo& type) {
  const auto* agent = in.t.get("agent");
  if (!agent) return type.default_agent;
  if (agent->is_string())
    return read_choice(*agent, in.where + ".agent", {"top_leader", "dissenter"}) == 0 ? kTopLeader
                                                                                      : kDissenter;
  return static_cast<int>(read_int(*agent, in.where + ".agent", 0, in.model.team.size - 1));
}

Event read_event(const toml::node& node, std::size_t index, const Model& model) {
  const std::string where = "events[" + std::to_string(index) + "]";
  const toml::table& t = require_table(node, where);
  std::vector<std::string> types;
  for (const EventTypeInfo& type : event_types()) types.emplace_back(type.name);
  Event e;
  e.line = static_cast<int>(node.source().begin.line);
  e.type = static_cast<EventType>(read_choice(require(t, node, where, "type"), where + ".type", types));
  const EventTypeInfo& type = event_type_info(e.type);
  std::vector<std::string> keys = {"at", "type"};
  keys.insert(keys.end(), type.fields.begin(), type.fields.end());
  check_keys(t, where + " (type " + std::string(type.name) + ")", keys);
  e.at = static_cast<int>(read_int(require(t, node, where, "at"), where + ".at", 1, model.steps));
  const EventInput in{t, node, where, model};
  e.agent = read_agent(in, type);
  kEventReaders[static_cast<std::size_t>(e.type)].read(in, e);
  return e;
}

}  // namespace

Model check_scenario(const toml::table& doc) {
  Model model;
  std::vector<std::string> top = {"scenario", "team", "network", "events"};
  top.insert(top.end(), param_sections().begin(), param_sections().end());
  check_keys(doc, "the scenario", top);

  if (const auto* node = doc.get("scenario")) {
    const toml::table& s = require_table(*node, "scenario");
    check_keys(s, "scenario", {"name", "description", "steps", "warmup", "seed", "extends"});
    if (const auto* v = s.get("name")) model.name = read_string(*v, "scenario.name");
    if (const auto* v = s.get("description")) model.description = read_string(*v, "scenario.description");
    if (const auto* v = s.get("steps"))
      model.steps = static_cast<int>(read_int(*v, "scenario.steps", 1, 10000000));
    if (const auto* v = s.get("warmup"))
      model.warmup = static_cast<int>(read_int(*v, "scenario.warmup", 0, 10000000));
    if (const auto* v = s.get("seed")) model.seed = read_seed(*v, "scenario.seed");
  }
  if (const auto* node = doc.get("team")) read_team(require_table(*node, "team"), model);
  if (const auto* node = doc.get("network")) model.network = read_network(*node, model.team.size);

  for (const auto& section : param_sections()) {
    const toml::node* node = doc.get(section);
    if (!node) continue;
    const toml::table& t = require_table(*node, section);
    std::vector<std::string> keys;
    for (const auto& spec : param_specs()) {
      if (spec.key.starts_with(section + ".")) keys.emplace_back(spec.key.substr(section.size() + 1));
    }
    check_keys(t, section, keys);
    for (auto&& [key, value] : t)
      read_param(*find_param(section + "." + std::string(key.str())), value, model.initial_params);
  }

  // Cross-field rules, reported at the table they concern.
  if (const std::string message = cross_field_error(model.initial_params); !message.empty()) {
    const toml::node* at = doc.at_path(message.substr(0, message.find(':'))).node();
    // A `--set` that took part in breaking the rule is named rather than the table's file position.
    if (at && at->is_table()) {
      for (auto&& [key, value] : *at->as_table()) {
        if (value.source().path && value.source().path->starts_with("--set ")) at = &value;
      }
    }
    if (at) fail(*at, message);
    throw InputError(message);
  }

  if (const auto* node = doc.get("events")) {
    if (!node->is_array())
      fail(*node, "events: expected an array of tables ([[events]]), found " + describe_found(*node));
    std::size_t index = 0;
    for (const auto& element : *node->as_array()) model.events.push_back(read_event(element, index++, model));
    std::stable_sort(model.events.begin(), model.events.end(),
                     [](const Event& a, const Event& b) { return a.at < b.at; });
  }
  return model;
}

std::string cross_field_error(const Params& params) {
  const ManagerParams& m = params.manager;
  const double budget = m.control + m.structure + m.recognition + m.mentoring + m.vision;
  if (budget > 1.0 + 1e-9) {
    return "manager: control + structure + recognition + mentoring + vision is an attention budget of at "
           "most "
           "1, found " +
           format_readable(budget);
  }
  const TrustParams& tp = params.trust;
  const double weights = tp.ability_weight + tp.benevolence_weight + tp.integrity_weight;
  if (std::abs(weights - 1.0) > 1e-9) {
    return "trust: ability_weight + benevolence_weight + integrity_weight must be 1, found " +
           format_readable(weights);
  }
  return "";
}

}  // namespace teamsim
