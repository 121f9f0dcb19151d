// Contact networks (docs/MODEL.md 7.11): sparse storage and the generators (sub-teams, Watts–Strogatz
// small world, Erdős–Rényi random graph, explicit ties).
#include "network.hpp"

#include <algorithm>

#include "assert.hpp"

namespace teamsim {
namespace {

using Adjacency = std::vector<std::vector<std::pair<int, double>>>;

void set_tie(Adjacency& adj, int a, int b, double weight) {
  for (const auto& [x, other] : {std::pair{a, b}, std::pair{b, a}}) {
    const int y = other;  // a structured binding cannot be captured by a lambda before clang 16
    auto& row = adj[static_cast<std::size_t>(x)];
    auto it = std::find_if(row.begin(), row.end(), [&](const auto& e) { return e.first == y; });
    if (it == row.end())
      row.emplace_back(y, weight);
    else
      it->second = weight;
  }
}

// A tie known to be new (generators that never repeat a pair).
void append_tie(Adjacency& adj, int a, int b, double weight) {
  adj[static_cast<std::size_t>(a)].emplace_back(b, weight);
  adj[static_cast<std::size_t>(b)].emplace_back(a, weight);
}

bool has_tie(const Adjacency& adj, int a, int b) {
  const auto& row = adj[static_cast<std::size_t>(a)];
  return std::any_of(row.begin(), row.end(), [&](const auto& e) { return e.first == b; });
}

void drop_tie(Adjacency& adj, int a, int b) {
  for (const auto& [x, other] : {std::pair{a, b}, std::pair{b, a}}) {
    const int y = other;  // as in set_tie
    auto& row = adj[static_cast<std::size_t>(x)];
    row.erase(std::remove_if(row.begin(), row.end(), [&](const auto& e) { return e.first == y; }), row.end());
  }
}

// Sub-teams in seat order: ties of weight `within` inside a sub-team, `between` across (none if 0).
Adjacency sub_teams(const NetworkSpec& spec, int size) {
  std::vector<int> group(static_cast<std::size_t>(size), 0);
  int seat = 0;
  for (std::size_t g = 0; g < spec.sizes.size(); ++g) {
    for (int k = 0; k < spec.sizes[g] && seat < size; ++k)
      group[static_cast<std::size_t>(seat++)] = static_cast<int>(g);
  }
  Adjacency adj(static_cast<std::size_t>(size));
  for (int i = 0; i < size; ++i) {
    for (int j = i + 1; j < size; ++j) {
      const bool same = group[static_cast<std::size_t>(i)] == group[static_cast<std::size_t>(j)];
      const double w = same ? spec.within : spec.between;
      if (w > 0) append_tie(adj, i, j, w);
    }
  }
  return adj;
}

// Watts & Strogatz (1998), in the order of networkx's watts_strogatz_graph: a ring where each seat is tied
// to its k/2 nearest on each side; then for j = 1..k/2 and each seat u in order, the tie u-(u+j) is rewired
// with probability beta to a uniformly drawn seat w (redrawn while w = u or u-w is already a tie).
Adjacency small_world(const NetworkSpec& spec, int size, Rng& rng) {
  Adjacency adj(static_cast<std::size_t>(size));
  const int half = std::min(spec.degree / 2, (size - 1) / 2);
  for (int j = 1; j <= half; ++j) {
    for (int u = 0; u < size; ++u) append_tie(adj, u, (u + j) % size, 1.0);
  }
  const auto n = static_cast<std::uint32_t>(size);
  for (int j = 1; j <= half; ++j) {
    for (int u = 0; u < size; ++u) {
      const int v = (u + j) % size;
      if (!rng.bernoulli(spec.rewire)) continue;
      if (static_cast<int>(adj[static_cast<std::size_t>(u)].size()) >= size - 1) continue;  // no free seat
      int w = static_cast<int>(rng.below(n));
      while (w == u || has_tie(adj, u, w)) w = static_cast<int>(rng.below(n));
      drop_tie(adj, u, v);
      set_tie(adj, u, w, 1.0);
    }
  }
  return adj;
}

// Erdős–Rényi G(n, p) with p = degree / (n - 1): one Bernoulli draw per pair i < j, row by row.
Adjacency random_graph(const NetworkSpec& spec, int size, Rng& rng) {
  Adjacency adj(static_cast<std::size_t>(size));
  const double p = size > 1 ? std::min(1.0, spec.degree / static_cast<double>(size - 1)) : 0.0;
  for (int i = 0; i < size; ++i) {
    for (int j = i + 1; j < size; ++j) {
      if (rng.bernoulli(p)) append_tie(adj, i, j, 1.0);
    }
  }
  return adj;
}

}  // namespace

const char* network_kind_name(NetworkSpec::Kind kind) {
  switch (kind) {
    case NetworkSpec::Kind::complete:
      return "complete";
    case NetworkSpec::Kind::sub_teams:
      return "sub_teams";
    case NetworkSpec::Kind::small_world:
      return "small_world";
    case NetworkSpec::Kind::random:
      return "random";
    case NetworkSpec::Kind::edges:
      return "edges";
  }
  return "?";
}

Network Network::complete_network(int size) {
  Network net;
  net.size_ = size;
  return net;
}

Network Network::from_ties(int size, const std::vector<Tie>& ties) {
  Adjacency adj(static_cast<std::size_t>(size));
  for (const Tie& t : ties) set_tie(adj, t.a, t.b, t.weight);
  Network net;
  net.size_ = size;
  net.rebuild(std::move(adj));
  return net;
}

void Network::rebuild(Adjacency adj) {
  complete_ = false;
  weighted_ = false;
  offsets_.assign(static_cast<std::size_t>(size_) + 1, 0);
  neighbours_.clear();
  weights_.clear();
  for (int i = 0; i < size_; ++i) {
    auto& row = adj[static_cast<std::size_t>(i)];
    std::sort(row.begin(), row.end());
    for (const auto& [j, w] : row) {
      neighbours_.push_back(j);
      weights_.push_back(w);
      weighted_ = weighted_ || w != 1.0;
    }
    offsets_[static_cast<std::size_t>(i) + 1] = static_cast<std::int64_t>(neighbours_.size());
  }
}

Adjacency Network::adjacency() const {
  Adjacency adj(static_cast<std::size_t>(size_));
  for (int i = 0; i < size_; ++i) {
    for_each_neighbour(i, [&](int j, double w) { adj[static_cast<std::size_t>(i)].emplace_back(j, w); });
  }
  return adj;
}

int Network::degree(int i) const {
  if (complete_) return size_ - 1;
  return static_cast<int>(offsets_[static_cast<std::size_t>(i) + 1] - offsets_[static_cast<std::size_t>(i)]);
}

double Network::weight(int i, int j) const {
  if (i == j) return 0.0;
  if (complete_) return 1.0;
  const auto b = neighbours_.begin() + offsets_[static_cast<std::size_t>(i)];
  const auto e = neighbours_.begin() + offsets_[static_cast<std::size_t>(i) + 1];
  const auto it = std::lower_bound(b, e, j);
  return it != e && *it == j ? weights_[static_cast<std::size_t>(it - neighbours_.begin())] : 0.0;
}

std::int64_t Network::tie_count() const {
  if (complete_) return static_cast<std::int64_t>(size_) * (size_ - 1) / 2;
  return static_cast<std::int64_t>(neighbours_.size()) / 2;
}

void Network::add_tie(int i, int j, double weight) {
  TEAMSIM_ASSERT(i != j && i >= 0 && j >= 0 && i < size_ && j < size_, "add_tie: bad seats");
  Adjacency adj = adjacency();
  set_tie(adj, i, j, weight);
  rebuild(std::move(adj));
}

void Network::remove_tie(int i, int j) {
  TEAMSIM_ASSERT(i >= 0 && j >= 0 && i < size_ && j < size_, "remove_tie: bad seats");
  Adjacency adj = adjacency();
  drop_tie(adj, i, j);
  rebuild(std::move(adj));
}

double Network::bytes() const {
  return 8.0 * static_cast<double>(offsets_.size()) + 12.0 * static_cast<double>(neighbours_.size());
}

Network make_network(const NetworkSpec& spec, int size, Rng& rng) {
  Adjacency adj;
  switch (spec.kind) {
    case NetworkSpec::Kind::complete:
      return Network::complete_network(size);
    case NetworkSpec::Kind::sub_teams:
      adj = sub_teams(spec, size);
      break;
    case NetworkSpec::Kind::small_world:
      adj = small_world(spec, size, rng);
      break;
    case NetworkSpec::Kind::random:
      adj = random_graph(spec, size, rng);
      break;
    case NetworkSpec::Kind::edges:
      adj.resize(static_cast<std::size_t>(size));
      break;
  }
  for (const Tie& t : spec.ties) set_tie(adj, t.a, t.b, t.weight);
  Network net;
  net.size_ = size;
  net.rebuild(std::move(adj));
  return net;
}

double expected_ties(const NetworkSpec& spec, int size) {
  const double n = size;
  double ties = 0;  // undirected
  switch (spec.kind) {
    case NetworkSpec::Kind::complete:
      return n * (n - 1) / 2;
    case NetworkSpec::Kind::sub_teams:
      if (spec.between > 0) {
        ties = n * (n - 1) / 2;
      } else {
        for (const int s : spec.sizes) ties += s * (s - 1) / 2.0;
      }
      break;
    case NetworkSpec::Kind::small_world:
    case NetworkSpec::Kind::random:
      ties = n * spec.degree / 2.0;
      break;
    case NetworkSpec::Kind::edges:
      break;
  }
  return ties + static_cast<double>(spec.ties.size());
}

double network_bytes(const NetworkSpec& spec, int size) {
  if (spec.kind == NetworkSpec::Kind::complete) return 0;  // implicit
  const double n = size, ties = expected_ties(spec, size);
  // The rows, and while it is drawn the adjacency lists (an entry each way, a vector header per seat).
  return 8 * (n + 1) + 2 * 12 * ties + 2 * 16 * ties + 24 * n;
}

}  // namespace teamsim
