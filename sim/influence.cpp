// Storage of the influence matrix, dense on the complete network and by rows on a sparse one
// (docs/MODEL.md 7.5, 7.9).
#include "influence.hpp"

#include <algorithm>

#include "assert.hpp"

namespace teamsim {

void Influence::reset(int nodes, bool dense) {
  nodes_ = nodes;
  begun_ = -1;
  dense_ = dense;
  cols_.clear();
  if (dense) {
    starts_.clear();
    vals_.assign(static_cast<std::size_t>(nodes) * static_cast<std::size_t>(nodes), 0.0);
  } else {
    starts_.assign(static_cast<std::size_t>(nodes) + 1, 0);
    vals_.clear();
  }
}

void Influence::begin_row(int i) {
  TEAMSIM_ASSERT(i > begun_ && i < nodes_, "influence rows must be begun in ascending order");
  if (!dense_) {
    const auto at = static_cast<std::int64_t>(vals_.size());
    for (int r = begun_ + 1; r <= i; ++r) starts_[static_cast<std::size_t>(r)] = at;
  }
  begun_ = i;
}

void Influence::finish() {
  if (!dense_) {
    const auto at = static_cast<std::int64_t>(vals_.size());
    for (int r = begun_ + 1; r <= nodes_; ++r) starts_[static_cast<std::size_t>(r)] = at;
  }
  begun_ = nodes_;
}

std::int64_t Influence::first_of(int i) const {
  return dense_ ? static_cast<std::int64_t>(i) * nodes_ : starts_[static_cast<std::size_t>(i)];
}

std::int64_t Influence::end_of(int i) const {
  if (dense_) return static_cast<std::int64_t>(i + 1) * nodes_;
  return i >= begun_ ? static_cast<std::int64_t>(vals_.size()) : starts_[static_cast<std::size_t>(i) + 1];
}

double Influence::operator()(int i, int j) const {
  if (dense_) return vals_[static_cast<std::size_t>(first_of(i) + j)];
  const auto b = cols_.begin() + first_of(i);
  const auto e = cols_.begin() + end_of(i);
  const auto it = std::lower_bound(b, e, j);
  return it != e && *it == j ? vals_[static_cast<std::size_t>(it - cols_.begin())] : 0.0;
}

void Influence::set(int i, int j, double w) {
  if (dense_) {
    vals_[static_cast<std::size_t>(first_of(i) + j)] = w;
    return;
  }
  const auto b = cols_.begin() + first_of(i);
  const auto e = cols_.begin() + end_of(i);
  const auto it = std::lower_bound(b, e, j);
  TEAMSIM_ASSERT(it != e && *it == j, "influence: setting an entry that is not stored");
  vals_[static_cast<std::size_t>(it - cols_.begin())] = w;
}

double Influence::row_sum(int i) const {
  double sum = 0;
  for_each_in_row(i, [&](int, double w) { sum += w; });
  return sum;
}

void Influence::divide_row(int i, double divisor) {
  const auto b = static_cast<std::size_t>(first_of(i));
  const auto e = static_cast<std::size_t>(end_of(i));
  for (std::size_t k = b; k < e; ++k) vals_[k] /= divisor;
}

void Influence::transpose_times(const Eigen::VectorXd& x, Eigen::VectorXd& y) const {
  // The dense product of model 1 and 2 (Eigen's SSE2 kernel) sums each column with two interleaved
  // partial sums (even rows, odd rows), adds them, then adds the last row if the row count is odd. Keeping
  // that order keeps the complete network's results bit for bit (docs/MODEL.md 7.9).
  y.setZero(nodes_);
  odd_.setZero(nodes_);
  const int paired = nodes_ / 2 * 2;
  if (dense_) {
    dense_transpose_times(x, y, paired);
    return;
  }
  for (int i = 0; i < paired; ++i) {
    Eigen::VectorXd& lane = (i % 2 == 0) ? y : odd_;
    const double xi = x[i];
    for_each_in_row(i, [&](int j, double w) { lane[j] += w * xi; });
  }
  y += odd_;
  for (int i = paired; i < nodes_; ++i) {
    const double xi = x[i];
    for_each_in_row(i, [&](int j, double w) { y[j] += w * xi; });
  }
}

namespace {

// sum[j] += row[j] * x for j in [0, n): one row of W^T x into one partial sum. The arrays never overlap
// (restrict), so the loop vectorizes without run-time overlap checks; each column still adds its terms in
// row order.
void add_scaled_row(double* __restrict sum, const double* __restrict row, double x, std::size_t n) {
  for (std::size_t j = 0; j < n; ++j) sum[j] += row[j] * x;
}

}  // namespace

void Influence::dense_transpose_times(const Eigen::VectorXd& x, Eigen::VectorXd& y, int paired) const {
  // The same sums as the general path, along the contiguous rows of the dense array.
  const auto n = static_cast<std::size_t>(nodes_);
  for (int i = 0; i < paired; ++i) {
    double* lane = (i % 2 == 0) ? y.data() : odd_.data();
    add_scaled_row(lane, vals_.data() + static_cast<std::size_t>(i) * n, x[i], n);
  }
  double* even_sum = y.data();
  const double* odd_sum = odd_.data();
  for (std::size_t j = 0; j < n; ++j) even_sum[j] += odd_sum[j];
  if (paired < nodes_)
    add_scaled_row(y.data(), vals_.data() + static_cast<std::size_t>(paired) * n, x[paired], n);
}

}  // namespace teamsim
