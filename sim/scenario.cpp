// Scenario files: parse (toml++), resolve `extends` and `--set`, then check every key once, here at the
// boundary, into an immutable Model.
#include "scenario.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>
#include <sstream>

#include "format.hpp"
#include "input_error.hpp"
#include "param_registry.hpp"
#include "toml_check.hpp"
#include "toml_format.hpp"

namespace teamsim {
namespace {

namespace fs = std::filesystem;

// ---- Reading and merging documents -------------------------------------------------------------

// Deep merge: tables merge key by key, `events` arrays append, anything else is replaced.
// Nodes are moved, which keeps their source positions for messages.
void merge(toml::table& base, toml::table& top) {
  for (auto&& [key, node] : top) {
    toml::node* existing = base.get(key.str());
    if (existing && existing->is_table() && node.is_table()) {
      merge(*existing->as_table(), *node.as_table());
    } else if (existing && existing->is_array() && node.is_array() && key.str() == "events") {
      for (auto& element : *node.as_array()) existing->as_array()->push_back(std::move(element));
    } else {
      base.insert_or_assign(key, std::move(node));
    }
  }
}

bool looks_like_path(const std::string& ref) {
  return ref.find('/') != std::string::npos || ref.ends_with(".toml");
}

std::vector<std::string> builtin_names(const std::vector<std::string>& dirs) {
  std::vector<std::string> names;
  for (const auto& info : list_scenarios(dirs)) names.push_back(info.name);
  return names;
}

std::string resolve_from(const std::string& ref, const fs::path& relative_to,
                         const std::vector<std::string>& dirs) {
  if (!relative_to.empty()) {
    for (const fs::path& candidate : {relative_to / ref, relative_to / (ref + ".toml")}) {
      if (fs::is_regular_file(candidate)) return candidate.string();
    }
  }
  return resolve_scenario(ref, dirs);
}

toml::table load_document(const std::string& path, const std::vector<std::string>& dirs,
                          std::vector<std::string>& chain);

// Applies `scenario.extends` of `doc`, looked up relative to `relative_to` and then among the built-ins:
// the base is loaded (recursively) and `doc` merged over it.
toml::table with_base(toml::table doc, const fs::path& relative_to, const std::vector<std::string>& dirs,
                      std::vector<std::string>& chain) {
  const toml::node* extends = doc.at_path("scenario.extends").node();
  if (!extends) return doc;
  if (!extends->is_string()) {
    fail(*extends,
         "scenario.extends: expected a scenario name or path (a string), found " + describe_found(*extends));
  }
  const std::string ref = *extends->value<std::string>();
  std::string base_path;
  try {
    base_path = resolve_from(ref, relative_to, dirs);
  } catch (const InputError& e) {
    fail(*extends, std::string("scenario.extends: ") + e.what());
  }
  toml::table base = load_document(base_path, dirs, chain);
  doc["scenario"].as_table()->erase("extends");
  // `name` and `description` belong to each file: a child without them is not its parent.
  if (toml::table* scenario = base["scenario"].as_table()) {
    scenario->erase("name");
    scenario->erase("description");
  }
  merge(base, doc);
  return base;
}

// Loads a file and, recursively, what it extends; `chain` guards against cycles.
toml::table load_document(const std::string& path, const std::vector<std::string>& dirs,
                          std::vector<std::string>& chain) {
  const std::string canonical = fs::weakly_canonical(path).string();
  if (std::find(chain.begin(), chain.end(), canonical) != chain.end()) {
    std::string cycle;
    for (const auto& c : chain) cycle += c + " -> ";
    throw InputError(path + ": extends forms a cycle: " + cycle + canonical);
  }
  chain.push_back(canonical);
  return with_base(parse_toml_file(path), fs::path(path).parent_path(), dirs, chain);
}

void apply_sets(toml::table& doc, const std::vector<std::string>& sets) {
  for (const auto& set : sets) {
    const auto eq = set.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw InputError("--set " + set + ": expected KEY=VALUE, for example --set manager.control=0.5");
    }
    const std::string key = set.substr(0, eq);
    const std::string value = set.substr(eq + 1);
    const std::string origin = "--set " + set;
    toml::table patch;
    try {
      patch = parse_toml_text(key + " = " + value, origin);
    } catch (const InputError&) {
      // A bare word such as `push` is taken as a string.
      std::string quoted;
      for (const char c : value)
        quoted += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
      try {
        patch = parse_toml_text(key + " = \"" + quoted + "\"", origin);
      } catch (const InputError& e) {
        const std::string message = e.what();
        const auto cut = message.find(": ", message.find(origin) + origin.size());
        throw InputError(origin + ": cannot read KEY=VALUE: " +
                         (cut == std::string::npos ? message : message.substr(cut + 2)));
      }
    }
    merge(doc, patch);
  }
}

void apply_overrides(toml::table& doc, const std::vector<Override>& overrides) {
  for (const auto& o : overrides) {
    toml::table patch;
    toml::table* at = &patch;
    std::string_view rest = o.key;
    for (auto dot = rest.find('.'); dot != std::string_view::npos; dot = rest.find('.')) {
      at = at->insert(rest.substr(0, dot), toml::table{}).first->second.as_table();
      rest.remove_prefix(dot + 1);
    }
    std::visit([&](const auto& v) { at->insert(rest, v); }, o.value);
    merge(doc, patch);
  }
}

// ---- Checking ----------------------------------------------------------------------------------

const std::vector<std::string> kSections = {"manager",   "environment", "work",      "manage",   "trust",
                                            "influence", "learning",    "wellbeing", "turnover", "leaders"};

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

std::vector<std::string> event_keys(EventType type) {
  std::vector<std::string> keys = {"at", "type"};
  auto add = [&](std::initializer_list<const char*> more) {
    keys.insert(keys.end(), more.begin(), more.end());
  };
  const auto style = {"control", "structure", "recognition", "mentoring", "vision", "openness", "policy"};
  switch (type) {
    case EventType::set:
      add({"key", "value"});
      break;
    case EventType::dissent:
      add({"agent", "anchor", "susceptibility", "trust_drop"});
      break;
    case EventType::dialogue:
      add({"agent", "trust_gain", "stance_gain", "anchor_gain"});
      break;
    case EventType::change:
      add({"share", "load", "duration", "spread"});
      break;
    case EventType::promote:
      add({"agent"});
      add(style);
      break;
    case EventType::replace_manager:
      add(style);
      break;
    case EventType::hire:
      add({"count"});
      break;
    case EventType::layoff:
      add({"count", "share", "select", "rehire", "trust_hit", "strain_hit"});
      break;
  }
  return keys;
}

Event read_event(const toml::node& node, std::size_t index, const Model& model) {
  const std::string where = "events[" + std::to_string(index) + "]";
  const toml::table& t = require_table(node, where);
  const std::vector<std::string> types = {"set",  "dissent", "change",  "promote", "replace_manager",
                                          "hire", "layoff",  "dialogue"};
  Event e;
  e.line = static_cast<int>(node.source().begin.line);
  e.type = static_cast<EventType>(read_choice(require(t, node, where, "type"), where + ".type", types));
  check_keys(t, where + " (type " + std::string(event_name(e.type)) + ")", event_keys(e.type));
  e.at = static_cast<int>(read_int(require(t, node, where, "at"), where + ".at", 1, model.steps));
  const Range unit{0, 1};
  auto real = [&](const char* key, double& out) {
    if (const auto* v = t.get(key)) out = read_real(*v, where + "." + key, unit);
  };

  if (const auto* agent = t.get("agent")) {
    if (agent->is_string()) {
      e.agent =
          read_choice(*agent, where + ".agent", {"top_leader", "dissenter"}) == 0 ? kTopLeader : kDissenter;
    } else {
      e.agent = static_cast<int>(read_int(*agent, where + ".agent", 0, model.team.size - 1));
    }
  } else if (e.type == EventType::dissent || e.type == EventType::dialogue || e.type == EventType::promote) {
    e.agent = kTopLeader;
  }

  switch (e.type) {
    case EventType::set: {
      const toml::node& key = require(t, node, where, "key");
      if (!key.is_string())
        fail(key, where + ".key: expected a parameter key (a string), found " + describe_found(key));
      e.key = key.value<std::string>().value_or("");
      const ParamSpec* spec = find_param(e.key);
      if (spec && !spec->runtime) {
        fail(key, where + ".key: '" + e.key +
                      "' cannot change during a run (it is fixed by the rules between parameters)");
      }
      if (!spec) {
        std::vector<std::string> keys;
        for (const auto& s : param_specs()) keys.emplace_back(s.key);
        const std::string near = nearest(e.key, keys);
        fail(key, where + ".key: unknown parameter '" + e.key + "'" +
                      (near.empty() ? "" : "; did you mean '" + near + "'?"));
      }
      Params scratch = model.params;
      read_param(*spec, require(t, node, where, "value"), scratch);
      e.value = spec->get(scratch);
      break;
    }
    case EventType::dissent:
      real("anchor", e.anchor);
      real("susceptibility", e.susceptibility);
      real("trust_drop", e.trust_drop);
      break;
    case EventType::dialogue:
      real("trust_gain", e.trust_gain);
      real("stance_gain", e.stance_gain);
      real("anchor_gain", e.anchor_gain);
      break;
    case EventType::change:
      real("share", e.share);
      real("load", e.load);
      if (const auto* v = t.get("duration"))
        e.duration = static_cast<int>(read_int(*v, where + ".duration", 1, 1000000));
      else
        e.duration = 1;
      if (const auto* v = t.get("spread"))
        e.spread = static_cast<int>(read_int(*v, where + ".spread", 1, 1000000));
      break;
    case EventType::promote:
    case EventType::replace_manager: {
      auto style = [&](const char* key, std::optional<double>& out) {
        if (const auto* v = t.get(key)) out = read_real(*v, where + "." + key, unit);
      };
      style("control", e.style.control);
      style("structure", e.style.structure);
      style("recognition", e.style.recognition);
      style("mentoring", e.style.mentoring);
      style("vision", e.style.vision);
      style("openness", e.style.openness);
      if (const auto* v = t.get("policy"))
        e.style.policy = static_cast<Policy>(read_choice(*v, where + ".policy", {"steady", "push", "lead"}));
      break;
    }
    case EventType::hire:
      e.count =
          static_cast<int>(read_int(require(t, node, where, "count"), where + ".count", 1, model.team.size));
      break;
    case EventType::layoff: {
      const auto* count = t.get("count");
      const auto* share = t.get("share");
      if ((count == nullptr) == (share == nullptr))
        fail(node, where + ": a layoff needs exactly one of 'count' or 'share'");
      if (count) e.count = static_cast<int>(read_int(*count, where + ".count", 1, model.team.size));
      real("share", e.share);
      if (const auto* v = t.get("select"))
        e.lowest = read_choice(*v, where + ".select", {"random", "lowest"}) == 1;
      if (const auto* v = t.get("rehire")) e.rehire = read_bool(*v, where + ".rehire");
      real("trust_hit", e.trust_hit);
      real("strain_hit", e.strain_hit);
      break;
    }
  }
  return e;
}

Model check(const toml::table& doc) {
  Model model;
  std::vector<std::string> top = {"scenario", "team", "events"};
  top.insert(top.end(), kSections.begin(), kSections.end());
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

  for (const auto& section : kSections) {
    const toml::node* node = doc.get(section);
    if (!node) continue;
    const toml::table& t = require_table(*node, section);
    std::vector<std::string> keys;
    for (const auto& spec : param_specs()) {
      if (spec.key.starts_with(section + ".")) keys.emplace_back(spec.key.substr(section.size() + 1));
    }
    check_keys(t, section, keys);
    for (auto&& [key, value] : t)
      read_param(*find_param(section + "." + std::string(key.str())), value, model.params);
  }

  // Cross-field rules, reported at the table they concern.
  if (const std::string message = cross_field_error(model.params); !message.empty()) {
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

}  // namespace

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

std::string resolve_scenario(const std::string& ref, const std::vector<std::string>& search_dirs) {
  if (fs::is_regular_file(ref)) return ref;
  if (!looks_like_path(ref)) {
    for (const auto& dir : search_dirs) {
      const fs::path candidate = fs::path(dir) / (ref + ".toml");
      if (fs::is_regular_file(candidate)) return candidate.string();
    }
    const auto names = builtin_names(search_dirs);
    const std::string near = nearest(ref, names);
    throw InputError("no scenario file or built-in scenario named '" + ref + "'" +
                     (near.empty() ? "" : "; did you mean '" + near + "'?") + " (see `teamsim list`)");
  }
  throw InputError(ref + ": no such file");
}

std::vector<ScenarioInfo> list_scenarios(const std::vector<std::string>& search_dirs) {
  std::vector<ScenarioInfo> found;
  std::set<std::string> seen;
  for (const auto& dir : search_dirs) {
    std::error_code ec;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      if (entry.is_regular_file() && entry.path().extension() == ".toml") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      const std::string name = file.stem().string();
      if (!seen.insert(name).second) continue;  // an earlier directory wins
      ScenarioInfo info{name, file.string(), ""};
      try {
        const toml::table doc = parse_toml_file(file.string());
        if (doc.contains("sweep")) continue;  // sweep files live beside scenarios but are not scenarios
        std::string description = doc.at_path("scenario.description").value_or(std::string());
        info.description = description.substr(0, description.find('\n'));
      } catch (const InputError&) {
        info.description = "(cannot be read: run `teamsim validate " + file.string() + "`)";
      }
      found.push_back(info);
    }
  }
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return found;
}

Model load_scenario(const std::string& ref, const LoadOptions& options) {
  const std::string path = resolve_scenario(ref, options.search_dirs);
  std::vector<std::string> chain;
  toml::table doc = load_document(path, options.search_dirs, chain);
  apply_sets(doc, options.sets);
  apply_overrides(doc, options.overrides);
  return check(doc);
}

Model load_scenario_text(const std::string& text, const std::string& origin, const LoadOptions& options) {
  std::vector<std::string> chain;
  toml::table doc = with_base(parse_toml_text(text, origin), fs::path(), options.search_dirs, chain);
  apply_sets(doc, options.sets);
  apply_overrides(doc, options.overrides);
  return check(doc);
}

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
    for (const auto& spec : param_specs()) {
      const std::string section(spec.key.substr(0, spec.key.find('.')));
      if (std::find(o.paths.begin(), o.paths.end(), section) == o.paths.end()) o.paths.push_back(section);
      o.paths.emplace_back(spec.key);
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

}  // namespace

std::string to_toml(const Model& model) {
  toml::table doc;
  doc.insert("scenario", toml::table{{"name", model.name},
                                     {"description", model.description},
                                     {"steps", model.steps},
                                     {"warmup", model.warmup}});
  // A seed above TOML's largest integer (2^63 - 1) is written as a string of digits, which reads back.
  if (model.seed <= static_cast<std::uint64_t>(INT64_MAX))
    doc["scenario"].as_table()->insert("seed", static_cast<std::int64_t>(model.seed));
  else
    doc["scenario"].as_table()->insert("seed", std::to_string(model.seed));

  // Team: sizes, every distribution, and explicit values when given.
  toml::table team{{"size", model.team.size}, {"dims", model.team.dims}};
  toml::table traits, initial, agents;
  for (std::size_t f = 0; f < kAgentFieldCount; ++f) {
    const auto& info = agent_field_info(static_cast<AgentField>(f));
    if (static_cast<AgentField>(f) == AgentField::anchor && model.team.anchor_from_stance) continue;
    const Distribution& d = model.team.dist[f];
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
    (std::string_view(info.table) == "traits" ? traits : initial).insert(info.name, std::move(dist));
    if (const auto& given = model.team.explicit_values[f]) {
      toml::array values;
      for (Eigen::Index i = 0; i < given->size(); ++i) values.push_back((*given)[i]);
      agents.insert(info.name, std::move(values));
    }
  }
  if (model.team.trust) {
    toml::array rows;
    for (Eigen::Index i = 0; i < model.team.trust->rows(); ++i) {
      toml::array row;
      for (Eigen::Index j = 0; j < model.team.trust->cols(); ++j) row.push_back((*model.team.trust)(i, j));
      rows.push_back(std::move(row));
    }
    agents.insert("trust", std::move(rows));
  }
  auto int_array = [](const std::vector<int>& v) {
    toml::array a;
    for (const int x : v) a.push_back(x);
    return a;
  };
  if (model.team.beliefs) {
    toml::array rows;
    for (const auto& row : *model.team.beliefs) rows.push_back(int_array(row));
    agents.insert("beliefs", std::move(rows));
  }
  if (model.team.code) agents.insert("code", int_array(*model.team.code));
  if (model.team.reality) agents.insert("reality", int_array(*model.team.reality));
  team.insert("traits", std::move(traits));
  team.insert("initial", std::move(initial));
  if (!agents.empty()) team.insert("agents", std::move(agents));
  doc.insert("team", std::move(team));

  // Every scalar parameter, through the registry.
  for (const auto& spec : param_specs()) {
    const auto dot = spec.key.find('.');
    const std::string section(spec.key.substr(0, dot));
    const std::string key(spec.key.substr(dot + 1));
    if (!doc.contains(section)) doc.insert(section, toml::table{});
    toml::table& t = *doc[section].as_table();
    const double v = spec.get(model.params);
    switch (spec.type) {
      case ParamType::boolean:
        t.insert(key, v != 0);
        break;
      case ParamType::choice:
        t.insert(key, std::string(spec.choices[static_cast<std::size_t>(v)]));
        break;
      case ParamType::integer:
        t.insert(key, static_cast<std::int64_t>(v));
        break;
      case ParamType::real:
        t.insert(key, v);
        break;
    }
  }

  // Events, with the fields their type uses.
  toml::array events;
  for (const Event& e : model.events) {
    toml::table t{{"at", e.at}, {"type", event_name(e.type)}};
    auto agent = [&] {
      if (e.agent == kTopLeader)
        t.insert("agent", "top_leader");
      else if (e.agent == kDissenter)
        t.insert("agent", "dissenter");
      else if (e.agent >= 0)
        t.insert("agent", e.agent);
    };
    auto style = [&] {
      if (e.style.control) t.insert("control", *e.style.control);
      if (e.style.structure) t.insert("structure", *e.style.structure);
      if (e.style.recognition) t.insert("recognition", *e.style.recognition);
      if (e.style.mentoring) t.insert("mentoring", *e.style.mentoring);
      if (e.style.vision) t.insert("vision", *e.style.vision);
      if (e.style.openness) t.insert("openness", *e.style.openness);
      if (e.style.policy) {
        const char* names[] = {"steady", "push", "lead"};
        t.insert("policy", names[static_cast<int>(*e.style.policy)]);
      }
    };
    switch (e.type) {
      case EventType::set: {
        t.insert("key", e.key);
        const ParamSpec* spec = find_param(e.key);
        Params scratch;
        spec->set(scratch, e.value);
        switch (spec->type) {
          case ParamType::boolean:
            t.insert("value", e.value != 0);
            break;
          case ParamType::choice:
            t.insert("value", std::string(spec->choices[static_cast<std::size_t>(e.value)]));
            break;
          case ParamType::integer:
            t.insert("value", static_cast<std::int64_t>(e.value));
            break;
          case ParamType::real:
            t.insert("value", e.value);
            break;
        }
        break;
      }
      case EventType::dissent:
        agent();
        t.insert("anchor", e.anchor);
        t.insert("susceptibility", e.susceptibility);
        t.insert("trust_drop", e.trust_drop);
        break;
      case EventType::dialogue:
        agent();
        t.insert("trust_gain", e.trust_gain);
        t.insert("stance_gain", e.stance_gain);
        t.insert("anchor_gain", e.anchor_gain);
        break;
      case EventType::change:
        t.insert("share", e.share);
        t.insert("load", e.load);
        t.insert("duration", e.duration);
        t.insert("spread", e.spread);
        break;
      case EventType::promote:
        agent();
        style();
        break;
      case EventType::replace_manager:
        style();
        break;
      case EventType::hire:
        t.insert("count", e.count);
        break;
      case EventType::layoff:
        if (e.count > 0)
          t.insert("count", e.count);
        else
          t.insert("share", e.share);
        t.insert("select", e.lowest ? "lowest" : "random");
        t.insert("rehire", e.rehire);
        t.insert("trust_hit", e.trust_hit);
        t.insert("strain_hit", e.strain_hit);
        break;
    }
    events.push_back(std::move(t));
  }
  if (!events.empty()) doc.insert("events", std::move(events));

  return format_toml(doc, show_order());
}

}  // namespace teamsim
