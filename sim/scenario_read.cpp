// Reading scenario files (README "Scenario files"): parse (toml++), resolve `extends`, apply `--set` and
// typed overrides, and hand the merged document to the checks (scenario_check.cpp).
#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "input_error.hpp"
#include "param_registry.hpp"
#include "scenario.hpp"
#include "scenario_check.hpp"
#include "toml_check.hpp"

namespace teamsim {
namespace {

namespace fs = std::filesystem;

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

}  // namespace

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
  return check_scenario(doc);
}

Model load_scenario_text(const std::string& text, const std::string& origin, const LoadOptions& options) {
  std::vector<std::string> chain;
  toml::table doc = with_base(parse_toml_text(text, origin), fs::path(), options.search_dirs, chain);
  apply_sets(doc, options.sets);
  apply_overrides(doc, options.overrides);
  return check_scenario(doc);
}

}  // namespace teamsim
