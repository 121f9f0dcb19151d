#pragma once
// Everything that changes during a run, as structure-of-arrays indexed by seat (0 .. n-1). The manager is
// node n of the influence and power arrays. Hot per-step data comes first, cold traits after.
#include <Eigen/Core>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "influence.hpp"
#include "network.hpp"
#include "params.hpp"
#include "rng.hpp"
#include "trust_matrix.hpp"

namespace teamsim {

using VectorXb = Eigen::Matrix<std::int8_t, Eigen::Dynamic, 1>;
using MatrixXb = Eigen::Matrix<std::int8_t, Eigen::Dynamic, Eigen::Dynamic>;

/// Strong id of a person who holds or held a seat (stable across quits and hires).
enum class PersonId : std::int32_t {};

/// Something that happened during a step, for events.csv.
struct EventRecord {
  int t;
  std::string event;  // "dissent", "quit", "hire", "top_leader", ...
  int agent;          // seat index, or -1 when none
  std::string detail;
};

/// Team-level quantities the step computes once and several stages read.
struct TeamSignals {
  double productivity = 0;      // sum of y over active seats / seats
  double mean_performance = 0;  // mean q over active seats
  double morale = 0;            // mean morale over active seats
  double morale_before = 0;     // morale one step earlier (lead policy)
  double style_change = 0;      // sum of |change| of the style this step (manager integrity)
};

/// The person in the manager seat (docs/MODEL.md 2): what they bring, apart from the seat's style.
struct ManagerPerson {
  double persuasiveness = 0.5, agreeability = 0.5, integrity = 0.5;  // traits, [0, 1]
  VectorXb beliefs;                                                  // (dims) in {-1, 0, +1}
};

/// Buffers the stages reuse from step to step so the step does not allocate; what they hold between stages
/// means nothing (each user fills them first).
struct StepScratch {
  std::vector<int> present;              // active seats in order (active_seats)
  Eigen::VectorXd power, next, product;  // power iteration (7.9); `next` also contagion's engagement
  Eigen::VectorXd peer_trust;            // mean peer trust by seat (7.7)
};

struct State {
  int t = 0;  // current step; 0 is the initial state
  Rng rng;
  Params params;  // live: starts as Model::initial_params; set events and the policy change it

  // Environment and organization.
  VectorXb reality;                                // (dims) in {-1, +1}
  VectorXb code;                                   // (dims) in {-1, 0, +1}: the official way of working
  double change_load = 0;                          // [0, 1]
  double change_start = 0;                         // load at the last change event
  int change_from = 0, change_until = 0;           // steps over which the load fades
  std::vector<std::pair<int, int>> pending_flips;  // (step, dimension) of reality still to turn, by step
  double closed_load = 0;  // work of closed seats not yet re-scoped away, share of seats

  // Per seat, hot.
  std::vector<std::uint8_t> active;  // (n) 1 when the seat is filled
  MatrixXb beliefs;                  // (dims, n) in {-1, 0, +1}: column i is seat i
  MatrixXb actions;                  // (dims, n) in {-1, +1}: this step's actions (0 beliefs coin-resolved)
  Eigen::VectorXd performance;       // (n) q_i: share of dimensions acted right this step
  Eigen::VectorXd productivity;      // (n) y_i
  Eigen::VectorXd stance;            // (n) x_i in [0, 1]
  Eigen::VectorXd anchor;            // (n) u_i
  Eigen::VectorXd susceptibility;    // (n) lambda_i
  TrustMatrix trust;                 // T_ij, diagonal = self weight: (n, n) on the complete network, else
                                     // the diagonal and the contacts (7.11)
  Eigen::VectorXd trust_manager;     // (n) trust in the manager
  bool influence_fresh = false;      // W was built from the present team (7.5); turnover and moved stances
                                     // under bounded confidence make it stale (7.9 rebuilds it then)
  Influence influence;    // (n + 1, n + 1) W, sparse, row-stochastic over active nodes; row n: manager
  Eigen::VectorXd power;  // (n + 1) social power pi; entry n: manager
  Eigen::VectorXd autonomy, strain, engagement, psych_safety, morale;  // (n) each
  Eigen::VectorXd recognition;                                         // (n) remembered recognition in [0, 1]
  std::vector<std::uint8_t> recognized, mentored;                      // (n) this step's manager actions
  Eigen::VectorXd lmx;        // (n) quality of the manager's relationship with the seat's holder, [0, 1]
  Eigen::VectorXd attention;  // (n) the manager's attention this step, 1 = an equal share (7.12)

  // Per seat, cold.
  Eigen::VectorXd persuasiveness, agreeability, learning_speed, integrity;  // (n) traits
  std::vector<int> tenure;                                                  // (n) weeks in the seat
  std::vector<int> hire_at;      // (n) step a vacant seat is filled; -1 when closed
  std::vector<PersonId> person;  // (n) who holds the seat
  PersonId manager{0};
  ManagerPerson boss;      // who holds the manager seat: traits and knowledge
  PersonId lmx_holder{0};  // the manager whose relationships `lmx` holds (a new holder starts afresh)
  ManagerParams intended;  // the style last set by the scenario or an event; policies move around it
  int next_person = 0;

  // Team.
  Network network;  // who can meet and influence whom (7.11); tie events change it
  TeamSignals signals;
  int top_leader = -1;     // seat of the most powerful employee, -1 when nobody is present
  int logged_leader = -1;  // the top leader last reported as an event
  int dissenter = -1;      // seat of the latest dissent event's agent, -1 when none
  int leader_count = 0;
  int quits = 0;                     // this step
  int total_quits = 0;               // since t = 0 (the warm-up's not counted)
  std::vector<EventRecord> log;      // events of this step; the runner drains it
  std::uint64_t numeric_issues = 0;  // values repaired because they left their range or were not finite
  StepScratch scratch;

  int seats() const { return static_cast<int>(active.size()); }
  int headcount() const;
};

}  // namespace teamsim
