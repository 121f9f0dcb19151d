#pragma once
// The immutable description of a scenario: parameters, the team's initial make-up and the scheduled
// events. It is parsed and checked once (scenario.hpp); a run only reads it.
#include <Eigen/Core>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "network.hpp"
#include "params.hpp"

namespace teamsim {

/// A distribution of a per-agent initial value. Normal draws are clamped into the variable's range.
struct Distribution {
  enum class Kind { constant, uniform, normal };
  Kind kind = Kind::constant;
  double a = 0;  // constant: the value; uniform: lo; normal: mean
  double b = 0;  // uniform: hi; normal: sd
};

/// Per-agent quantities with a distribution and optional explicit values, in the order they are drawn.
enum class AgentField : std::uint8_t {
  persuasiveness,
  agreeability,
  learning_speed,
  self_weight,
  susceptibility,
  stance,
  anchor,
  trust_peer,
  trust_manager,
  engagement,
  strain,
  autonomy,
  psych_safety,
  integrity,
  lmx,
};
inline constexpr std::size_t kAgentFieldCount = 15;

/// Name, table ("traits" or "initial"), range and default distribution of each AgentField.
struct AgentFieldInfo {
  const char* name;
  const char* table;
  double lo, hi;
  Distribution fallback;
};
const AgentFieldInfo& agent_field_info(AgentField f);

/// The team at t = 0.
struct TeamSpec {
  int size = 12;                                      // seats (employees), >= 1
  int dims = 30;                                      // task dimensions m, >= 1
  std::array<Distribution, kAgentFieldCount> dist{};  // filled from agent_field_info defaults
  bool anchor_from_stance = true;                     // no anchor distribution given: u_i = x_i(0)
  std::array<std::optional<Eigen::VectorXd>, kAgentFieldCount> explicit_values;  // (size) each
  std::optional<Eigen::MatrixXd> trust;                  // (size, size): peer trust, diagonal = self weight;
                                                         // an extra column fills explicit trust_manager
  std::optional<std::vector<std::vector<int>>> beliefs;  // (size, dims) in {-1, 0, 1}
  std::optional<std::vector<int>> code;                  // (dims)
  std::optional<std::vector<int>> reality;               // (dims)

  TeamSpec();
};

/// Who an event addresses.
inline constexpr int kTopLeader = -1;  // the current top informal leader
inline constexpr int kNoAgent = -2;
inline constexpr int kDissenter = -3;  // the agent of the latest dissent event

/// The scheduled event types; their names, fields and effects are in event_types.hpp. `count` is not a type.
enum class EventType {
  set,
  dissent,
  change,
  promote,
  replace_manager,
  hire,
  layoff,
  dialogue,
  tie,
  untie,
  count
};

/// The manager style an event may install (promote, replace_manager); unset fields stay as they are.
struct StyleChange {
  std::optional<double> control, structure, recognition, mentoring, vision, openness;
  std::optional<Policy> policy;
};

/// A scheduled event. Which fields matter depends on the type (docs/MODEL.md 7.1).
struct Event {
  int at = 0;  // step at which it applies, >= 1
  EventType type = EventType::set;
  int agent = kNoAgent;         // seat index, kTopLeader, kDissenter or kNoAgent
  std::string key;              // set: the parameter key
  double value = 0;             // set: the new value
  double share = 0;             // change: share of reality that flips; layoff: share of the team
  double load = 0;              // change: change load at the start
  int duration = 1;             // change: steps over which the load fades
  int spread = 6;               // change: steps over which the flipped dimensions of reality turn
  int count = 0;                // hire, layoff: number of people
  bool lowest = false;          // layoff: the lowest performers go (else random)
  bool rehire = false;          // layoff: seats are refilled after the hiring delay
  double anchor = 0.1;          // dissent: the dissenter's new anchor
  double susceptibility = 0.1;  // dissent: the dissenter's new susceptibility
  double trust_drop = 0.6;      // dissent: relative drop of the dissenter's trust in the manager
  double trust_hit = 0.2;       // layoff: relative drop of survivors' trust in the manager
  double strain_hit = 0.2;      // layoff: survivors' strain moves this far toward 1
  double trust_gain = 0.3;      // dialogue: trust in the manager moves this far toward 1
  double stance_gain = 0.3;     // dialogue: stance moves this far toward 1
  double anchor_gain = 0.5;     // dialogue: anchor moves this far toward 1
  StyleChange style;            // promote, replace_manager
  int other = -1;               // tie, untie: the seat at the other end of the tie
  double weight = 1.0;          // tie: the contact weight, (0, 1]
  int line = 0;                 // source line, for messages
};

/// A fully resolved, checked scenario.
struct Model {
  std::string name = "unnamed";
  std::string description;
  int steps = 104;  // weeks
  int warmup = 0;   // unrecorded weeks run before t = 0 under the initial style, without events
  std::uint64_t seed = 1;
  Params initial_params;  // the scenario's values at t = 0; a run's live copy is State::params
  TeamSpec team;
  NetworkSpec network;        // the contact network at t = 0 (docs/MODEL.md 7.11)
  std::vector<Event> events;  // sorted by `at`, stable in file order
};

}  // namespace teamsim
