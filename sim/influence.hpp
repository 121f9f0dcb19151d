#pragma once
// The influence matrix W (docs/MODEL.md 7.5), (n + 1) x (n + 1) with the manager as node n. On a sparse
// contact network it is stored by rows (compressed: columns ascending, the manager's column last; entries the
// build visits are stored even when their weight is 0), so it grows with the ties, not with n^2. On the
// complete network every pair is an entry anyway, and a dense row-major array is smaller (8 bytes an entry
// instead of 12); rows then hold every column, zeros included, as the dense matrix of model 1 and 2 did.
#include <Eigen/Core>

#include <cstdint>
#include <vector>

namespace teamsim {

class Influence {
 public:
  /// An empty (all-zero) matrix of `nodes` rows (n + 1), dense or sparse.
  void reset(int nodes, bool dense);
  /// Starts row i (rows must be started in ascending order; unstarted rows are empty).
  void begin_row(int i);
  /// Sets W(i, j) in the row last begun; j ascending.
  void push(int j, double w) {
    if (dense_) {
      vals_[static_cast<std::size_t>(begun_) * static_cast<std::size_t>(nodes_) +
            static_cast<std::size_t>(j)] = w;
      return;
    }
    cols_.push_back(j);
    vals_.push_back(w);
  }
  /// Ends the matrix: rows not begun after the last one are empty.
  void finish();

  int nodes() const { return nodes_; }
  bool dense() const { return dense_; }
  /// W(i, j), 0 when the entry is not stored.
  double operator()(int i, int j) const;
  /// Sets the entry W(i, j) (on a sparse matrix it must be stored).
  void set(int i, int j, double w);
  /// Sum of row i.
  double row_sum(int i) const;
  /// Number of stored entries (every entry when dense).
  std::int64_t stored() const { return static_cast<std::int64_t>(vals_.size()); }

  /// Calls f(j, w) for every stored entry of row i, columns ascending (every column when dense).
  template <class F>
  void for_each_in_row(int i, F&& f) const {
    if (dense_) {
      const double* row = vals_.data() + static_cast<std::size_t>(i) * static_cast<std::size_t>(nodes_);
      for (int j = 0; j < nodes_; ++j) f(j, row[j]);
      return;
    }
    const auto b = static_cast<std::size_t>(starts_[static_cast<std::size_t>(i)]);
    const auto e = static_cast<std::size_t>(starts_[static_cast<std::size_t>(i) + 1]);
    for (std::size_t k = b; k < e; ++k) f(cols_[k], vals_[k]);
  }
  /// Divides the entries of row i by `divisor`.
  void divide_row(int i, double divisor);
  /// Bytes the storage takes.
  double bytes() const {
    return 8.0 * static_cast<double>(starts_.size()) + 4.0 * static_cast<double>(cols_.size()) +
           8.0 * static_cast<double>(vals_.size());
  }

  /// y = W^T x over all nodes, summed in the order of the dense product it replaces (docs/MODEL.md 7.9):
  /// two interleaved partial sums over even and odd rows, added, then the last row when the row count is odd.
  void transpose_times(const Eigen::VectorXd& x, Eigen::VectorXd& y) const;

 private:
  // Range [first, last) of row i's entries in vals_; the row being built ends at the last entry pushed.
  std::int64_t first_of(int i) const;
  std::int64_t end_of(int i) const;
  // transpose_times on the dense array (rows 0 .. paired - 1 in pairs, then the odd last row).
  void dense_transpose_times(const Eigen::VectorXd& x, Eigen::VectorXd& y, int paired) const;

  int nodes_ = 0;
  int begun_ = -1;
  bool dense_ = false;
  std::vector<std::int64_t> starts_;  // sparse: (nodes + 1)
  std::vector<int> cols_;             // sparse
  std::vector<double> vals_;          // sparse: by row; dense: nodes x nodes, row-major
  mutable Eigen::VectorXd odd_;       // scratch of transpose_times
};

}  // namespace teamsim
