#pragma once
// The events of one step. A model's events are sorted by step at load (stable in file order), so the
// events of step t are one contiguous run found by binary search: applying them costs
// O(log events + events at t), not O(events) per step.
#include <algorithm>
#include <span>
#include <vector>

#include "model.hpp"

namespace teamsim {

/// The events scheduled at step t, in file order. `events` must be sorted by `at`.
inline std::span<const Event> events_at(const std::vector<Event>& events, int t) {
  const auto first =
      std::lower_bound(events.begin(), events.end(), t, [](const Event& e, int step) { return e.at < step; });
  const auto last =
      std::upper_bound(first, events.end(), t, [](int step, const Event& e) { return step < e.at; });
  return {first, last};
}

}  // namespace teamsim
