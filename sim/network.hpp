#pragma once
// The contact network (docs/MODEL.md 7.11): who can meet and influence whom. Undirected ties with a contact
// weight in (0, 1], stored sparsely (compressed rows, neighbours ascending) so a team of 10,000 on a sparse
// network needs no n x n array. The complete network (everyone knows everyone, weight 1) is implicit.
#include <cstdint>
#include <string>
#include <vector>

#include "rng.hpp"

namespace teamsim {

/// One undirected tie between seats a and b, and the source line/column it came from (for messages).
struct Tie {
  int a = 0, b = 0;
  double weight = 1.0;
  int line = 0, column = 0;
};

/// The network as the scenario describes it (docs/MODEL.md 7.11); drawn into a Network at t = 0.
struct NetworkSpec {
  enum class Kind { complete, sub_teams, small_world, random, edges };
  Kind kind = Kind::complete;
  std::vector<int> sizes;  // sub_teams: seats per sub-team, in seat order, summing to team.size
  double within = 1.0;     // sub_teams: weight of ties inside a sub-team, (0, 1]
  double between = 0.0;    // sub_teams: weight of ties between sub-teams, [0, 1]; 0 = no such ties
  int degree = 10;         // small_world: ring degree k (even); random: mean degree
  double rewire = 0.1;     // small_world: rewiring probability beta
  std::vector<Tie> ties;   // edges: the list; other kinds: ties added on top of the generated ones
  std::string source;      // where the ties came from (the scenario or a CSV file), for messages
};

const char* network_kind_name(NetworkSpec::Kind kind);

class Network {
 public:
  Network() = default;
  /// The complete network of `size` seats (implicit: no storage).
  static Network complete_network(int size);
  /// A network from undirected ties (a tie listed twice keeps the last weight).
  static Network from_ties(int size, const std::vector<Tie>& ties);

  bool complete() const { return complete_; }
  int size() const { return size_; }
  /// True when some tie's weight is not 1 (meetings are then drawn in proportion to weight).
  bool weighted() const { return weighted_; }
  /// Number of ties of seat i (vacant neighbours included).
  int degree(int i) const;
  /// Contact weight of the tie i-j, 0 when there is none (and for i == j).
  double weight(int i, int j) const;
  /// Number of undirected ties.
  std::int64_t tie_count() const;

  /// Calls f(j, weight) for every neighbour j of i in ascending order (vacant ones included).
  template <class F>
  void for_each_neighbour(int i, F&& f) const {
    if (complete_) {
      for (int j = 0; j < size_; ++j) {
        if (j != i) f(j, 1.0);
      }
      return;
    }
    const auto b = static_cast<std::size_t>(offsets_[static_cast<std::size_t>(i)]);
    const auto e = static_cast<std::size_t>(offsets_[static_cast<std::size_t>(i) + 1]);
    for (std::size_t k = b; k < e; ++k) f(neighbours_[k], weights_[k]);
  }

  /// Adds (or re-weights) the tie i-j; a complete network becomes explicit first.
  void add_tie(int i, int j, double weight);
  /// Removes the tie i-j if present; a complete network becomes explicit first.
  void remove_tie(int i, int j);
  /// Bytes the explicit storage takes.
  double bytes() const;

 private:
  friend Network make_network(const NetworkSpec& spec, int size, Rng& rng);
  void rebuild(std::vector<std::vector<std::pair<int, double>>> adjacency);
  std::vector<std::vector<std::pair<int, double>>> adjacency() const;

  bool complete_ = true;
  bool weighted_ = false;
  int size_ = 0;
  std::vector<std::int64_t> offsets_;  // (size + 1): row starts
  std::vector<int> neighbours_;        // ascending within a row
  std::vector<double> weights_;
};

/// Draws the network of a scenario (docs/MODEL.md 7.11): generated kinds use the run's stream.
Network make_network(const NetworkSpec& spec, int size, Rng& rng);

/// Undirected ties the network of `spec` has (expected, for generated kinds) for `size` seats.
double expected_ties(const NetworkSpec& spec, int size);

/// Bytes the network of `spec` will take for `size` seats (memory estimate, before it is drawn).
double network_bytes(const NetworkSpec& spec, int size);

}  // namespace teamsim
