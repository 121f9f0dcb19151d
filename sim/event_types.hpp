#pragma once
// The scheduled event types (docs/MODEL.md 7.1), one row each (event_types.cpp): name, the TOML fields it
// takes and whom it addresses by default. Reading TOML (scenario_check.cpp), writing it
// (scenario_write.cpp) and applying an event (events.cpp) keep one function per type in tables indexed by
// EventType, each checked by the compiler with indexed_by_event_type(). To add an event type: an
// enumerator of EventType, a row in each of the four tables and the three functions. (The effects are
// kept apart from the names so that the parsers link without the engine, as the fuzz build does.)
#include <array>
#include <cstddef>
#include <span>
#include <string_view>

#include "model.hpp"

namespace teamsim {

/// One event type.
struct EventTypeInfo {
  EventType type;
  std::string_view name;                     // the TOML `type`
  std::span<const std::string_view> fields;  // TOML keys besides `at` and `type`
  int default_agent;                         // kTopLeader when the type addresses an agent, else kNoAgent
};

inline constexpr std::size_t kEventTypeCount = static_cast<std::size_t>(EventType::count);

/// Every event type, indexed by EventType.
std::span<const EventTypeInfo, kEventTypeCount> event_types();
/// The row of one type.
const EventTypeInfo& event_type_info(EventType type);

/// Checks at compile time that a table indexed by EventType has one row per type, in enum order.
template <typename Row, std::size_t N>
constexpr bool indexed_by_event_type(const Row (&rows)[N]) {
  if (N != kEventTypeCount) return false;
  for (std::size_t k = 0; k < N; ++k) {
    if (rows[k].type != static_cast<EventType>(k)) return false;
  }
  return true;
}

}  // namespace teamsim
