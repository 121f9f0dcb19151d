// The event types' names, fields and whom they address (event_types.hpp). No engine code here: the
// parsers (and their fuzz build) need it without the stages.
#include "event_types.hpp"

namespace teamsim {
namespace {

// The TOML fields of each type, besides `at` and `type`.
constexpr std::string_view kSetFields[] = {"key", "value"};
constexpr std::string_view kDissentFields[] = {"agent", "anchor", "susceptibility", "trust_drop"};
constexpr std::string_view kChangeFields[] = {"share", "load", "duration", "spread"};
constexpr std::string_view kPromoteFields[] = {"agent",     "control", "structure", "recognition",
                                               "mentoring", "vision",  "openness",  "policy"};
constexpr std::string_view kReplaceManagerFields[] = {"control", "structure", "recognition", "mentoring",
                                                      "vision",  "openness",  "policy"};
constexpr std::string_view kHireFields[] = {"count"};
constexpr std::string_view kLayoffFields[] = {"count",  "share",     "select",
                                              "rehire", "trust_hit", "strain_hit"};
constexpr std::string_view kDialogueFields[] = {"agent", "trust_gain", "stance_gain", "anchor_gain"};
constexpr std::string_view kTieFields[] = {"agent", "other", "weight"};
constexpr std::string_view kUntieFields[] = {"agent", "other"};

// clang-format off
constexpr EventTypeInfo kEventTypes[] = {
    {EventType::set, "set", kSetFields, kNoAgent},
    {EventType::dissent, "dissent", kDissentFields, kTopLeader},
    {EventType::change, "change", kChangeFields, kNoAgent},
    {EventType::promote, "promote", kPromoteFields, kTopLeader},
    {EventType::replace_manager, "replace_manager", kReplaceManagerFields, kNoAgent},
    {EventType::hire, "hire", kHireFields, kNoAgent},
    {EventType::layoff, "layoff", kLayoffFields, kNoAgent},
    {EventType::dialogue, "dialogue", kDialogueFields, kTopLeader},
    {EventType::tie, "tie", kTieFields, kNoAgent},
    {EventType::untie, "untie", kUntieFields, kNoAgent},
};
// clang-format on
static_assert(indexed_by_event_type(kEventTypes), "kEventTypes needs one row per EventType, in enum order");

}  // namespace

std::span<const EventTypeInfo, kEventTypeCount> event_types() {
  return kEventTypes;
}

const EventTypeInfo& event_type_info(EventType type) {
  return kEventTypes[static_cast<std::size_t>(type)];
}

}  // namespace teamsim
