// Initialization (docs/MODEL.md 5) and the seat bookkeeping that hiring reuses.
#include <algorithm>
#include <cmath>

#include "invariants.hpp"
#include "memory_check.hpp"
#include "step.hpp"

namespace teamsim {
namespace {

double draw(const Distribution& d, double lo, double hi, Rng& rng) {
  switch (d.kind) {
    case Distribution::Kind::constant:
      return d.a;
    case Distribution::Kind::uniform:
      return d.a + (d.b - d.a) * rng.uniform();
    case Distribution::Kind::normal:
      return std::clamp(d.a + d.b * rng.normal(), lo, hi);
  }
  return d.a;
}

// Draws seat i's beliefs and per-person values in AgentField order; explicit values win at t = 0.
void draw_person(const Model& model, State& s, int i, bool use_explicit) {
  const TeamSpec& team = model.team;
  for (int k = 0; k < team.dims; ++k) {
    s.beliefs(k, i) = (use_explicit && team.beliefs)
                          ? static_cast<std::int8_t>(
                                (*team.beliefs)[static_cast<std::size_t>(i)][static_cast<std::size_t>(k)])
                          : static_cast<std::int8_t>(static_cast<int>(s.rng.below(3)) - 1);
  }
  auto value = [&](AgentField f) {
    const auto& given = team.explicit_values[static_cast<std::size_t>(f)];
    if (use_explicit && given) return (*given)[i];
    if (f == AgentField::anchor && team.anchor_from_stance) return s.stance[i];
    return draw_field(team, f, s.rng);
  };
  s.persuasiveness[i] = value(AgentField::persuasiveness);
  s.agreeability[i] = value(AgentField::agreeability);
  s.learning_speed[i] = value(AgentField::learning_speed);
  s.trust(i, i) = value(AgentField::self_weight);
  s.susceptibility[i] = value(AgentField::susceptibility);
  s.stance[i] = value(AgentField::stance);
  s.anchor[i] = value(AgentField::anchor);
  // trust_peer is drawn per pair by the caller.
  s.trust_manager[i] = value(AgentField::trust_manager);
  s.engagement[i] = value(AgentField::engagement);
  s.strain[i] = value(AgentField::strain);
  s.autonomy[i] = value(AgentField::autonomy);
  s.psych_safety[i] = value(AgentField::psych_safety);
  s.integrity[i] = value(AgentField::integrity);
  s.lmx[i] = value(AgentField::lmx);
  s.attention[i] = 1.0;
  s.recognition[i] = 0;
  s.recognized[static_cast<std::size_t>(i)] = 0;
  s.mentored[static_cast<std::size_t>(i)] = 0;
  s.tenure[static_cast<std::size_t>(i)] = 0;
  s.hire_at[static_cast<std::size_t>(i)] = -1;
  s.active[static_cast<std::size_t>(i)] = 1;
  s.person[static_cast<std::size_t>(i)] = PersonId{s.next_person++};
}

// Expected performance before anyone has acted: right beliefs count 1, unknown ones 1/2.
void expected_performance(const Model& model, State& s) {
  for (int i = 0; i < s.seats(); ++i) {
    double right = 0;
    for (int k = 0; k < model.team.dims; ++k) {
      const int b = s.beliefs(k, i);
      right += b == 0 ? 0.5 : (b == s.reality[k] ? 1.0 : 0.0);
    }
    s.performance[i] = right / model.team.dims;
  }
}

}  // namespace

double draw_field(const TeamSpec& team, AgentField f, Rng& rng) {
  const auto& info = agent_field_info(f);
  return draw(team.dist[static_cast<std::size_t>(f)], info.lo, info.hi, rng);
}

double state_bytes(const Model& model) {
  // What make_state allocates below, plus the stages' O(n) temporaries (power iteration, seat lists).
  // Trust, the influence matrix and the network are dense on the complete network and sparse on another:
  // trust keeps the diagonal and a value per tie and direction, W per active seat its ties, itself and the
  // manager, plus the manager's row (docs/MODEL.md 7.5, 7.11).
  const double n = model.team.size, m = model.team.dims;
  // Dense (n + 1)^2 on the complete network; by rows on another (4 + 8 bytes an entry, 8 a row start).
  const double ties = expected_ties(model.network, model.team.size);
  const double influence = model.network.kind == NetworkSpec::Kind::complete
                               ? 8 * (n + 1) * (n + 1)
                               : 12 * (2 * ties + 3 * n + 1) + 8 * (n + 2);
  const double trust = TrustMatrix::bytes_for(n, ties, model.network.kind == NetworkSpec::Kind::complete);
  const double matrices = trust + influence + network_bytes(model.network, model.team.size);
  const double beliefs = 2 * m * n + 2 * m;  // beliefs and actions; reality and code
  const double per_seat = 18 * 8 * n + 3 * n + 3 * 4 * n + 5 * 8 * (n + 1) + 8 * n;
  return matrices + beliefs + per_seat;
}

State make_state(const Model& model, std::uint64_t seed) {
  const int n = model.team.size;
  const int m = model.team.dims;
  check_fits_in_memory(model, 1);
  State s;
  s.rng = Rng(seed);
  s.params = model.initial_params;
  // The contact network first: a generated one draws from the run's stream (docs/MODEL.md 7.11).
  s.network = make_network(model.network, n, s.rng);

  // Reality, then the code.
  s.reality.resize(m);
  for (int k = 0; k < m; ++k) {
    s.reality[k] = model.team.reality
                       ? static_cast<std::int8_t>((*model.team.reality)[static_cast<std::size_t>(k)])
                       : static_cast<std::int8_t>(s.rng.bernoulli(0.5) ? 1 : -1);
  }
  s.code = VectorXb::Zero(m);
  if (model.team.code) {
    for (int k = 0; k < m; ++k)
      s.code[k] = static_cast<std::int8_t>((*model.team.code)[static_cast<std::size_t>(k)]);
  }

  const auto un = static_cast<std::size_t>(n);
  s.active.assign(un, 0);
  s.beliefs = MatrixXb::Zero(m, n);
  s.actions = MatrixXb::Zero(m, n);
  for (Eigen::VectorXd* v :
       {&s.performance, &s.productivity, &s.stance, &s.anchor, &s.susceptibility, &s.trust_manager,
        &s.autonomy, &s.strain, &s.engagement, &s.psych_safety, &s.morale, &s.recognition, &s.persuasiveness,
        &s.agreeability, &s.learning_speed, &s.integrity, &s.lmx, &s.attention}) {
    *v = Eigen::VectorXd::Zero(n);
  }
  s.trust = TrustMatrix::for_network(s.network);
  s.influence.reset(n + 1, s.network.complete());
  s.power = Eigen::VectorXd::Constant(n + 1, 1.0 / (n + 1));
  s.recognized.assign(un, 0);
  s.mentored.assign(un, 0);
  s.tenure.assign(un, 0);
  s.hire_at.assign(un, -1);
  s.person.assign(un, PersonId{0});
  s.manager = PersonId{s.next_person++};
  s.lmx_holder = s.manager;

  // People, seat by seat, then peer trust pair by pair (row-major); on a network only between contacts (an
  // explicit matrix's other entries are never read, and the sparse storage has no room for them).
  for (int i = 0; i < n; ++i) draw_person(model, s, i, true);
  for (int i = 0; i < n; ++i) {
    if (model.team.trust) s.trust(i, i) = (*model.team.trust)(i, i);
    s.network.for_each_neighbour(i, [&](int j, double) {
      s.trust(i, j) = model.team.trust ? (*model.team.trust)(i, j)
                                       : draw_field(model.team, AgentField::trust_peer, s.rng);
    });
  }

  // The manager as a person, then the style the policies move around.
  draw_manager_person(model, s);
  s.intended = s.params.manager;

  // Derived quantities of the initial state, without draws.
  expected_performance(model, s);
  compute_productivity(s.params, s);
  compute_morale(s);
  build_influence(s.params, s);
  s.influence_fresh = true;
  s.signals.morale = active_mean(s, s.morale);
  s.signals.morale_before = s.signals.morale;
  find_leaders(model, s);
  check_events_sorted(model);
  check_invariants(model, s);
  return s;
}

void draw_manager_person(const Model& model, State& s) {
  const int m = model.team.dims;
  s.boss.beliefs.resize(m);
  for (int k = 0; k < m; ++k)
    s.boss.beliefs[k] = static_cast<std::int8_t>(static_cast<int>(s.rng.below(3)) - 1);
  s.boss.persuasiveness = draw_field(model.team, AgentField::persuasiveness, s.rng);
  s.boss.agreeability = draw_field(model.team, AgentField::agreeability, s.rng);
  s.boss.integrity = draw_field(model.team, AgentField::integrity, s.rng);
}

double manager_competence(const State& s) {
  const auto m = s.reality.size();
  double right = 0;
  for (Eigen::Index k = 0; k < m; ++k) {
    const int b = s.boss.beliefs[k];
    right += b == 0 ? 0.5 : (b == s.reality[k] ? 1.0 : 0.0);
  }
  return right / static_cast<double>(m);
}

void seat_new_person(const Model& model, State& s, int seat) {
  s.influence_fresh = false;
  draw_person(model, s, seat, false);
  // Priors both ways between the newcomer and every active contact, in seat order.
  s.network.for_each_neighbour(seat, [&](int j, double) {
    if (!s.active[static_cast<std::size_t>(j)]) return;
    s.trust(seat, j) = draw_field(model.team, AgentField::trust_peer, s.rng);
    s.trust(j, seat) = draw_field(model.team, AgentField::trust_peer, s.rng);
  });
  s.performance[seat] = 0;
  s.productivity[seat] = 0;
  s.morale[seat] = 0;
  // Until the next power computation a newcomer holds the mean power of the employees.
  double employees = 0;
  int present = 0;
  for (int j = 0; j < s.seats(); ++j) {
    if (j == seat || !s.active[static_cast<std::size_t>(j)]) continue;
    employees += s.power[j];
    ++present;
  }
  s.power[seat] = present > 0 ? employees / present : 0.0;
}

void vacate_seat(State& s, int seat, int hire_at) {
  const auto i = static_cast<std::size_t>(seat);
  s.influence_fresh = false;
  s.active[i] = 0;
  s.hire_at[i] = hire_at;
  s.productivity[seat] = 0;
  s.performance[seat] = 0;
  s.power[seat] = 0;
  if (s.top_leader == seat) s.top_leader = -1;
  if (s.logged_leader == seat) s.logged_leader = -1;
  if (s.dissenter == seat) s.dissenter = -1;
}

}  // namespace teamsim
