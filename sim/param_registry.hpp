#pragma once
// The table of every scalar parameter: its dotted key, type and allowed range. Scenario files, `--set`,
// `set` events and sweeps all read and write parameters through it, so a key is checked the same way
// everywhere.
#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "params.hpp"

namespace teamsim {

enum class ParamType { real, integer, boolean, choice };

/// The manager's policies (Policy, docs/MODEL.md 7.3) by name, in enum order: the one list for
/// `manager.policy`, the style of promote and replace_manager events, and `show`.
inline constexpr std::array<std::string_view, 3> kPolicyNames = {"steady", "push", "lead"};
static_assert(kPolicyNames.size() == static_cast<std::size_t>(Policy::lead) + 1, "a Policy without a name");

/// One scalar parameter reachable by a dotted key such as "manager.control".
struct ParamSpec {
  std::string_view key;
  ParamType type;
  double lo;                                  // smallest allowed value (choices: 0)
  double hi;                                  // largest allowed value (choices: count - 1)
  bool lo_open;                               // lo itself is not allowed
  bool runtime;                               // may change during a run through a `set` event
  std::span<const std::string_view> choices;  // names of a choice, in enum order
  double (*get)(const Params&);
  void (*set)(Params&, double);

  /// True when v is inside the allowed range (and integral for integers and booleans).
  bool allows(double v) const;
  /// The allowed range in words, e.g. "a number in [0, 1]" or "one of steady, push, lead".
  std::string describe() const;
};

/// All parameters, in the order `teamsim show` prints them.
std::span<const ParamSpec> param_specs();
/// The scenario sections of the parameters ("manager", "work", ...), in the registry's order.
const std::vector<std::string>& param_sections();
/// The sections of the submodels: those with an `enabled` switch, in the registry's order.
const std::vector<std::string>& submodel_sections();
/// The parameter with this key, or nullptr.
const ParamSpec* find_param(std::string_view key);
/// Levenshtein distance, used to suggest the nearest valid key for a misspelling.
std::size_t edit_distance(std::string_view a, std::string_view b);
/// The candidate nearest to `key` if it is close enough to be a likely misspelling, else "".
std::string nearest(std::string_view key, const std::vector<std::string>& candidates);

}  // namespace teamsim
