// Scheduled events (docs/MODEL.md 7.1), applied at the start of their step in file order.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "event_index.hpp"
#include "event_types.hpp"
#include "format.hpp"
#include "network_events.hpp"
#include "param_registry.hpp"
#include "step.hpp"

namespace teamsim {
namespace {

// The seat an event addresses: a given seat, or the current top informal leader. -1 when nobody fits.
int target_seat(const Event& e, const State& s) {
  const int seat = e.agent == kTopLeader ? s.top_leader : (e.agent == kDissenter ? s.dissenter : e.agent);
  if (seat < 0 || seat >= s.seats() || !s.active[static_cast<std::size_t>(seat)]) return -1;
  return seat;
}

void apply_style(const StyleChange& c, ManagerParams& m) {
  if (c.control) m.control = *c.control;
  if (c.structure) m.structure = *c.structure;
  if (c.recognition) m.recognition = *c.recognition;
  if (c.mentoring) m.mentoring = *c.mentoring;
  if (c.vision) m.vision = *c.vision;
  if (c.openness) m.openness = *c.openness;
  if (c.policy) m.policy = *c.policy;
  // A style that overflows the budget keeps its control and gives up the rest in proportion.
  fit_attention_budget(m, &ManagerParams::control);
}

std::string describe_style(const ManagerParams& m) {
  return "control=" + format_number(m.control) + " structure=" + format_number(m.structure) +
         " recognition=" + format_number(m.recognition) + " mentoring=" + format_number(m.mentoring) +
         " vision=" + format_number(m.vision) + " openness=" + format_number(m.openness);
}

void apply_change(const Model& model, const Event& e, State& s) {
  // Choose round(share * m) distinct dimensions of reality by a partial Fisher–Yates shuffle. The k-th
  // chosen one turns at step t + floor(k * spread / flips): the shift in the task is felt over weeks.
  const int m = model.team.dims;
  const int flips = static_cast<int>(std::lround(e.share * m));
  std::vector<int> order(static_cast<std::size_t>(m));
  std::iota(order.begin(), order.end(), 0);
  for (int k = 0; k < flips; ++k) {
    const auto pick = static_cast<std::size_t>(k) + s.rng.below(static_cast<std::uint32_t>(m - k));
    std::swap(order[static_cast<std::size_t>(k)], order[pick]);
    s.pending_flips.emplace_back(s.t + k * e.spread / flips, order[static_cast<std::size_t>(k)]);
  }
  std::stable_sort(s.pending_flips.begin(), s.pending_flips.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  s.change_start = e.load;
  s.change_from = s.t;
  s.change_until = s.t + e.duration;
  s.log.push_back({s.t, "change", -1,
                   "flipped=" + std::to_string(flips) + " load=" + format_number(e.load) +
                       " duration=" + std::to_string(e.duration) + " spread=" + std::to_string(e.spread)});
}

void apply_layoff(const Model&, const Event& e, State& s) {
  std::vector<int> seats = active_seats(s);
  int count =
      e.count > 0 ? e.count : static_cast<int>(std::lround(e.share * static_cast<double>(seats.size())));
  count = std::min<int>(count, static_cast<int>(seats.size()));
  if (e.lowest) {
    // The lowest performers go; ties by seat order.
    std::stable_sort(seats.begin(), seats.end(),
                     [&](int a, int b) { return s.performance[a] < s.performance[b]; });
  } else {
    for (int k = 0; k < count; ++k) {
      const auto pick = static_cast<std::size_t>(k) +
                        s.rng.below(static_cast<std::uint32_t>(seats.size()) - static_cast<std::uint32_t>(k));
      std::swap(seats[static_cast<std::size_t>(k)], seats[pick]);
    }
  }
  for (int k = 0; k < count; ++k) {
    const int seat = seats[static_cast<std::size_t>(k)];
    vacate_seat(s, seat, e.rehire ? s.t + s.params.turnover.hiring_delay : -1);
    s.log.push_back({s.t, "laid_off", seat, ""});
  }
  // The work of closed seats stays with the survivors until the team re-scopes it (docs/MODEL.md 7.7).
  if (!e.rehire) s.closed_load += static_cast<double>(count) / s.seats();
  // Survivors lose trust in the manager and take on strain.
  for (const int i : active_seats(s)) {
    s.trust_manager[i] *= 1.0 - e.trust_hit;
    s.strain[i] += e.strain_hit * (1.0 - s.strain[i]);
  }
  s.log.push_back({s.t, "layoff", -1, "count=" + std::to_string(count)});
}

// The seat an event addresses, or -1 after logging that it was skipped (nobody fits).
int addressed_seat(const Event& e, State& s) {
  const int seat = target_seat(e, s);
  if (seat < 0)
    s.log.push_back({s.t, std::string(event_type_info(e.type).name), -1, "skipped: no such active agent"});
  return seat;
}

void apply_set(const Model&, const Event& e, State& s) {
  find_param(e.key)->set(s.params, e.value);  // the key was checked at load
  // A share of the attention budget set by hand wins; the other shares give way if needed.
  const std::pair<const char*, double ManagerParams::*> shares[] = {
      {"manager.control", &ManagerParams::control},
      {"manager.structure", &ManagerParams::structure},
      {"manager.recognition", &ManagerParams::recognition},
      {"manager.mentoring", &ManagerParams::mentoring},
      {"manager.vision", &ManagerParams::vision}};
  for (const auto& [key, share] : shares) {
    if (e.key == key) fit_attention_budget(s.params.manager, share);
  }
  // What the scenario sets is the style the policies move around.
  if (e.key.rfind("manager.", 0) == 0) s.intended = s.params.manager;
  s.log.push_back({s.t, "set", -1, e.key + "=" + format_number(e.value)});
}

void apply_dissent(const Model&, const Event& e, State& s) {
  const int i = addressed_seat(e, s);
  if (i < 0) return;
  s.dissenter = i;
  s.anchor[i] = e.anchor;
  s.susceptibility[i] = e.susceptibility;
  s.trust_manager[i] *= 1.0 - e.trust_drop;
  s.log.push_back({s.t, "dissent", i, "anchor=" + format_number(e.anchor)});
}

void apply_dialogue(const Model&, const Event& e, State& s) {
  const int i = addressed_seat(e, s);
  if (i < 0) return;
  s.trust_manager[i] += e.trust_gain * (1.0 - s.trust_manager[i]);
  s.stance[i] += e.stance_gain * (1.0 - s.stance[i]);
  s.anchor[i] += e.anchor_gain * (1.0 - s.anchor[i]);
  s.log.push_back({s.t, "dialogue", i, "trust_in_manager=" + format_number(s.trust_manager[i])});
}

void apply_promote(const Model& model, const Event& e, State& s) {
  const int i = addressed_seat(e, s);
  if (i < 0) return;
  // The promoted colleague brings their traits, knowledge and relationships: the team's trust in them
  // becomes its trust in the manager.
  // On a sparse network, a colleague who was never in contact with them meets a stranger: the prior.
  for (const int j : active_seats(s)) {
    if (j == i) continue;
    s.trust_manager[j] = s.network.complete() || s.network.weight(j, i) > 0
                             ? s.trust(j, i)
                             : draw_field(model.team, AgentField::trust_manager, s.rng);
  }
  s.boss.persuasiveness = s.persuasiveness[i];
  s.boss.agreeability = s.agreeability[i];
  s.boss.integrity = s.integrity[i];
  s.boss.beliefs = s.beliefs.col(i);
  s.manager = s.person[static_cast<std::size_t>(i)];
  vacate_seat(s, i, s.t + s.params.turnover.hiring_delay);
  apply_style(e.style, s.params.manager);
  s.intended = s.params.manager;
  s.log.push_back({s.t, "promote", i, describe_style(s.params.manager)});
}

void apply_replace_manager(const Model& model, const Event& e, State& s) {
  // An outsider: the team's trust in the manager starts again from the prior; the newcomer's traits
  // and knowledge are drawn like any newcomer's.
  for (const int j : active_seats(s)) {
    s.trust_manager[j] = draw_field(model.team, AgentField::trust_manager, s.rng);
  }
  draw_manager_person(model, s);
  s.manager = PersonId{s.next_person++};
  apply_style(e.style, s.params.manager);
  s.intended = s.params.manager;
  s.log.push_back({s.t, "replace_manager", -1, describe_style(s.params.manager)});
}

void apply_hire(const Model& model, const Event& e, State& s) {
  int hired = 0;
  for (int i = 0; i < s.seats() && hired < e.count; ++i) {
    if (s.active[static_cast<std::size_t>(i)]) continue;
    seat_new_person(model, s, i);
    s.log.push_back({s.t, "hire", i,
                     "person=" + std::to_string(static_cast<int>(s.person[static_cast<std::size_t>(i)]))});
    ++hired;
  }
  if (hired < e.count) {
    s.log.push_back({s.t, "hire", -1, "no vacant seat for " + std::to_string(e.count - hired)});
  }
}

// tie and untie (docs/MODEL.md 7.11): the agent's seat may be vacant when given by number (a tie holds for
// whoever fills the seat); "top_leader" and "dissenter" must name someone present.
void apply_tie(const Model& model, const Event& e, State& s) {
  const int i = e.agent >= 0 ? e.agent : addressed_seat(e, s);
  if (i < 0) return;
  if (i == e.other) {
    s.log.push_back({s.t, std::string(event_type_info(e.type).name), i, "skipped: a tie to oneself"});
    return;
  }
  if (e.type == EventType::tie)
    add_contact(model, s, i, e.other, e.weight);
  else
    remove_contact(s, i, e.other);
}

// How each event type acts, indexed by EventType (its name and fields: event_types.cpp).
struct EventApplier {
  EventType type;
  void (*apply)(const Model& model, const Event& event, State& state);
};
constexpr EventApplier kEventAppliers[] = {
    {EventType::set, apply_set},
    {EventType::dissent, apply_dissent},
    {EventType::change, apply_change},
    {EventType::promote, apply_promote},
    {EventType::replace_manager, apply_replace_manager},
    {EventType::hire, apply_hire},
    {EventType::layoff, apply_layoff},
    {EventType::dialogue, apply_dialogue},
    {EventType::tie, apply_tie},
    {EventType::untie, apply_tie},
};
static_assert(indexed_by_event_type(kEventAppliers),
              "kEventAppliers needs one row per EventType, in enum order");

}  // namespace

void apply_events(const Model& model, State& s) {
  for (const Event& e : events_at(model.events, s.t))
    kEventAppliers[static_cast<std::size_t>(e.type)].apply(model, e, s);
  // Dimensions of reality whose turn has come.
  std::size_t due = 0;
  while (due < s.pending_flips.size() && s.pending_flips[due].first <= s.t) {
    const int dim = s.pending_flips[due].second;
    s.reality[dim] = static_cast<std::int8_t>(-s.reality[dim]);
    ++due;
  }
  s.pending_flips.erase(s.pending_flips.begin(), s.pending_flips.begin() + static_cast<std::ptrdiff_t>(due));
  // The load of closed seats shrinks as the team re-scopes its work.
  s.closed_load *= 1.0 - s.params.wellbeing.rescope_rate;
  // Change load fades linearly from its start value to 0 over the event's duration.
  if (s.t >= s.change_until) {
    s.change_load = 0;
  } else {
    const double left = static_cast<double>(s.change_until - s.t) / (s.change_until - s.change_from);
    s.change_load = s.change_start * left;
  }
}

}  // namespace teamsim
