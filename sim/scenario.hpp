#pragma once
// Scenario files (TOML): loading with `extends` inheritance and `--set` overrides (scenario_read.cpp),
// checking every key (scenario_check.cpp), and writing a resolved model back as TOML (scenario_write.cpp).
// The file format is documented in README.md.
#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "model.hpp"

namespace teamsim {

/// A typed override of one scenario value (a sweep's point): no text in between, so an integer stays an
/// integer and a real keeps every bit.
struct Override {
  std::string key;  // dotted, as for --set
  std::variant<std::int64_t, double, bool, std::string> value;
};

struct LoadOptions {
  LoadOptions() = default;
  LoadOptions(std::vector<std::string> dirs, std::vector<std::string> set = {},
              std::vector<Override> values = {})
      : search_dirs(std::move(dirs)), sets(std::move(set)), overrides(std::move(values)) {}

  std::vector<std::string> search_dirs;  // where built-in scenario names are looked up, in order
  std::vector<std::string> sets;         // "KEY=VALUE" overrides applied after extends
  std::vector<Override> overrides;       // applied after `sets`
};

/// A built-in scenario: its name and the first line of its description.
struct ScenarioInfo {
  std::string name;
  std::string path;
  std::string description;
};

/// Loads and checks a scenario given as a path or as the name of a built-in scenario.
/// Throws InputError with file:line:column for anything wrong.
Model load_scenario(const std::string& ref, const LoadOptions& options);
/// Loads a scenario from TOML text (tests; `origin` names it in messages; extends resolves by name only).
Model load_scenario_text(const std::string& text, const std::string& origin, const LoadOptions& options);
/// The path of a scenario reference: an existing file, or NAME.toml in the search directories.
std::string resolve_scenario(const std::string& ref, const std::vector<std::string>& search_dirs);
/// The built-in scenarios in the search directories, sorted by name.
std::vector<ScenarioInfo> list_scenarios(const std::vector<std::string>& search_dirs);
/// The rules between parameters (the attention budget, the trust weights): "" when they hold, else the
/// message. Checked at load and for every point of a sweep.
std::string cross_field_error(const Params& params);
/// The whole model as a scenario file that loads back to the same model (`teamsim show`, run.json).
std::string to_toml(const Model& model);

}  // namespace teamsim
