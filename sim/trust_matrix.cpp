#include "trust_matrix.hpp"

namespace teamsim {

TrustMatrix TrustMatrix::dense(int size) {
  TrustMatrix t;
  t.size_ = size;
  t.dense_ = Eigen::MatrixXd::Zero(size, size);
  return t;
}

TrustMatrix TrustMatrix::along(const Network& network) {
  TrustMatrix t;
  t.sparse_ = true;
  t.size_ = network.size();
  const auto n = static_cast<std::size_t>(t.size_);
  t.diagonal_.assign(n, 0.0);
  t.offsets_.assign(n + 1, 0);
  t.columns_.reserve(static_cast<std::size_t>(2 * network.tie_count()));
  for (int i = 0; i < t.size_; ++i) {
    network.for_each_neighbour(i, [&](int j, double) { t.columns_.push_back(j); });
    t.offsets_[static_cast<std::size_t>(i) + 1] = static_cast<std::int64_t>(t.columns_.size());
  }
  t.values_.assign(t.columns_.size(), 0.0);
  return t;
}

TrustMatrix TrustMatrix::for_network(const Network& network) {
  const double n = network.size(), ties = static_cast<double>(network.tie_count());
  if (network.complete() || sparse_bytes(n, ties) >= dense_bytes(n)) return dense(network.size());
  return along(network);
}

double TrustMatrix::bytes_for(double size, double ties, bool complete) {
  if (complete) return dense_bytes(size);
  return std::min(dense_bytes(size), sparse_bytes(size, ties));
}

std::string TrustMatrix::out_of_range(int i) {
  return "trust: seat " + std::to_string(i) + " out of range";
}

std::string TrustMatrix::not_in_contact(int i, int j) {
  return "trust(" + std::to_string(i) + ", " + std::to_string(j) +
         ") read or written, but the seats are not in contact";
}

const double& TrustMatrix::sparse_entry(int i, int j) const {
  const auto row = checked(i);
  if (i == j) return diagonal_[row];
  // A binary search without branches on the data (conditional moves): rows are short and the column sought
  // is unpredictable, so a mispredicted branch would cost more than the compares. [base, base + len) holds j.
  const int* base = columns_.data() + offsets_[row];
  auto len = static_cast<std::size_t>(offsets_[row + 1] - offsets_[row]);
  while (len > 1) {
    const std::size_t half = len / 2;
    base = base[half] <= j ? base + half : base;
    len -= half;
  }
  TEAMSIM_ASSERT(len == 1 && *base == j, not_in_contact(i, j));
  return values_[static_cast<std::size_t>(base - columns_.data())];
}

bool TrustMatrix::stored(int i, int j) const {
  if (!sparse_ || i == j) return true;
  const auto row = checked(i);
  const auto first = columns_.begin() + offsets_[row];
  const auto last = columns_.begin() + offsets_[row + 1];
  return std::binary_search(first, last, j);
}

void TrustMatrix::add_contact(int i, int j) {
  if (!sparse_) return;
  TEAMSIM_ASSERT(i != j, "trust: a seat is not its own contact");
  insert_slot(i, j);
  insert_slot(j, i);
}

void TrustMatrix::remove_contact(int i, int j) {
  if (!sparse_) return;
  erase_slot(i, j);
  erase_slot(j, i);
}

void TrustMatrix::insert_slot(int i, int j) {
  const auto row = checked(i);
  checked(j);
  const auto first = columns_.begin() + offsets_[row];
  const auto last = columns_.begin() + offsets_[row + 1];
  const auto it = std::lower_bound(first, last, j);
  if (it != last && *it == j) return;
  const auto at = it - columns_.begin();
  columns_.insert(it, j);
  values_.insert(values_.begin() + at, 0.0);
  for (std::size_t r = row + 1; r < offsets_.size(); ++r) ++offsets_[r];
}

void TrustMatrix::erase_slot(int i, int j) {
  const auto row = checked(i);
  const auto first = columns_.begin() + offsets_[row];
  const auto last = columns_.begin() + offsets_[row + 1];
  const auto it = std::lower_bound(first, last, j);
  if (it == last || *it != j) return;
  const auto at = it - columns_.begin();
  columns_.erase(it);
  values_.erase(values_.begin() + at);
  for (std::size_t r = row + 1; r < offsets_.size(); ++r) --offsets_[r];
}

bool TrustMatrix::fits(const Network& network) const {
  if (network.size() != size_) return false;
  if (!sparse_) return dense_.rows() == size_ && dense_.cols() == size_;
  if (diagonal_.size() != static_cast<std::size_t>(size_) || values_.size() != columns_.size()) return false;
  for (int i = 0; i < size_; ++i) {
    auto k = static_cast<std::size_t>(offsets_[static_cast<std::size_t>(i)]);
    const auto end = static_cast<std::size_t>(offsets_[static_cast<std::size_t>(i) + 1]);
    bool same = true;
    network.for_each_neighbour(i, [&](int j, double) { same = same && k < end && columns_[k++] == j; });
    if (!same || k != end) return false;
  }
  return true;
}

std::int64_t TrustMatrix::stored_count() const {
  if (!sparse_) return static_cast<std::int64_t>(dense_.size());
  return static_cast<std::int64_t>(diagonal_.size() + values_.size());
}

double TrustMatrix::bytes() const {
  if (!sparse_) return 8.0 * static_cast<double>(dense_.size());
  return 8.0 * static_cast<double>(diagonal_.size() + offsets_.size()) +
         12.0 * static_cast<double>(values_.size());
}

const Eigen::MatrixXd& TrustMatrix::matrix() const {
  TEAMSIM_ASSERT(!sparse_, "trust: the whole matrix of the sparse form was asked for");
  return dense_;
}

Eigen::MatrixXd& TrustMatrix::matrix() {
  TEAMSIM_ASSERT(!sparse_, "trust: the whole matrix of the sparse form was asked for");
  return dense_;
}

TrustMatrix TrustMatrix::to_dense() const {
  if (!sparse_) return *this;
  TrustMatrix t = dense(size_);
  for (int i = 0; i < size_; ++i) {
    const auto row = static_cast<std::size_t>(i);
    t.dense_(i, i) = diagonal_[row];
    for (auto k = static_cast<std::size_t>(offsets_[row]); k < static_cast<std::size_t>(offsets_[row + 1]);
         ++k)
      t.dense_(i, columns_[k]) = values_[k];
  }
  return t;
}

}  // namespace teamsim
