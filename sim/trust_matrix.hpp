#pragma once
// Peer trust T (docs/MODEL.md 2.1, 7.4, 7.11): T(i, j) is i's trust in teammate j, T(i, i) the self weight.
// On a network trust is only ever read or written between contacts and on the diagonal, so it is stored in
// one of two forms, chosen when the state is made:
//   dense   an n x n matrix, as models 1 and 2 kept it: the complete network (every pair is a contact), or a
//           network so dense that one slot per tie would take more bytes than the matrix;
//   sparse  the diagonal plus one value per contact and direction, in compressed rows parallel to the
//           network's (columns ascending), so a team of 10,000 on a small world needs about 1.4 MB, not 800.
// Both forms are read and written as `trust(i, j)`; on the sparse form (i, j) must be a contact or i == j.
#include <Eigen/Core>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "assert.hpp"
#include "network.hpp"

namespace teamsim {

class TrustMatrix {
 public:
  TrustMatrix() = default;
  /// All zero, dense n x n.
  static TrustMatrix dense(int size);
  /// All zero: the diagonal and a slot for each tie of `network`, both directions.
  static TrustMatrix along(const Network& network);
  /// The storage a run on `network` uses: dense on the complete network or when slots would take more bytes.
  static TrustMatrix for_network(const Network& network);
  /// Bytes the storage for_network chooses takes for `size` seats and `ties` undirected ties.
  static double bytes_for(double size, double ties, bool complete);

  bool sparse() const { return sparse_; }
  int size() const { return size_; }

  // The stages index trust millions of times a step: the accessors stay tiny so that they are inlined
  // everywhere, with the dense form first; the sparse lookup is out of line (sparse_entry).
  double& operator()(int i, int j) {
    if (!sparse_) [[likely]]
      return dense_(i, j);
    return const_cast<double&>(sparse_entry(i, j));  // the entry of a non-const matrix
  }
  double operator()(int i, int j) const {
    if (!sparse_) [[likely]]
      return dense_(i, j);
    return sparse_entry(i, j);
  }
  /// True when T(i, j) has storage: always when dense; on the sparse form i == j or a contact.
  bool stored(int i, int j) const;

  /// A tie i-j was added to the network: the sparse form gains the slots i -> j and j -> i (0 until the
  /// caller sets them) unless they exist; the dense form has every pair already.
  void add_contact(int i, int j);
  /// The tie i-j was removed: the sparse form drops both slots and their values; the dense form keeps them.
  void remove_contact(int i, int j);

  /// True when the storage fits the network of the run: n x n when dense; when sparse, the slots of each row
  /// are exactly the seat's contacts.
  bool fits(const Network& network) const;
  /// Values held (n^2 dense; n + 2 |E| sparse).
  std::int64_t stored_count() const;
  /// Bytes the storage takes.
  double bytes() const;

  /// The dense matrix (the dense form only): for tests and tools that take the whole matrix.
  const Eigen::MatrixXd& matrix() const;
  Eigen::MatrixXd& matrix();
  /// The same values in the dense form (absent pairs 0).
  TrustMatrix to_dense() const;

 private:
  std::size_t checked(int i) const {
    TEAMSIM_ASSERT(i >= 0 && i < size_, out_of_range(i));
    return static_cast<std::size_t>(i);
  }
  // T(i, i) or the slot i -> j of the sparse form; j must be i or a contact of i.
  const double& sparse_entry(int i, int j) const;
  // The messages of failed checks, out of line so that the inlined accessors stay small.
  static std::string out_of_range(int i);
  static std::string not_in_contact(int i, int j);
  static double dense_bytes(double size) { return 8 * size * size; }
  static double sparse_bytes(double size, double ties) { return 8 * size + 8 * (size + 1) + 12 * 2 * ties; }
  void insert_slot(int i, int j);
  void erase_slot(int i, int j);

  bool sparse_ = false;
  int size_ = 0;
  Eigen::MatrixXd dense_;              // dense: (n, n)
  std::vector<double> diagonal_;       // sparse: (n) self weights
  std::vector<std::int64_t> offsets_;  // sparse: (n + 1) row starts in columns_ and values_
  std::vector<int> columns_;           // sparse: contacts, ascending within a row
  std::vector<double> values_;         // sparse: T(i, columns_[k]) for k in row i
};

}  // namespace teamsim
