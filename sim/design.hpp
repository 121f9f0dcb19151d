#pragma once
// The points of a sampled sweep design (README "Sweeps", docs/ANALYSIS.md). A design is built once per
// sweep and then answers "the coordinates of point p" in O(parameters) time from any thread:
// - random: a Philox stream per point;
// - latin-hypercube: one permutation of the strata per parameter, drawn once (O(points x parameters));
// - sobol: points 1, 2, ... of the Sobol sequence (Joe & Kuo 2008 direction numbers, through Boost);
// - saltelli: the A, B and AB_i matrices of Saltelli et al. (2010) from a 2k-dimensional Sobol sequence;
// - morris: r one-at-a-time trajectories on a p-level grid (Morris 1991);
// - file: the values of a CSV file, as they are.
// Coordinates are in the unit cube [0, 1]^k except for `file`, whose values are the parameters' own.
#include <boost/random/sobol.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace teamsim {

/// Kinds of sweep design. Grid and list are enumerated by sweep_spec.cpp; the others live here.
enum class Design { grid, list, random, latin_hypercube, sobol, saltelli, morris, file };

/// Boost's Sobol engine with 32-bit outputs: coordinates are the outputs times 2^-32 (the 64-bit `sobol`
/// typedef gives outputs in [0, 2^64)).
using Sobol32 = boost::random::sobol_engine<std::uint32_t, 32>;

/// A sampled design, computed once: what point_values() reads for every run.
class DesignPoints {
 public:
  /// Builds the design. `points` is the total number of points (for saltelli N(k+2), for morris r(k+1));
  /// `levels` is Morris's p (ignored by the others). Throws std::invalid_argument on sizes the kind cannot
  /// take (they are checked at the sweep file before).
  DesignPoints(Design design, std::uint64_t seed, int points, int dims, int levels = 4);
  /// A design whose values are given (design = "file"): `values` holds points x dims values, row by row.
  DesignPoints(int points, int dims, std::vector<double> values);

  Design design() const { return design_; }
  int points() const { return points_; }
  int dims() const { return dims_; }
  /// True when point() gives the parameters' own values (file) rather than unit coordinates.
  bool values_given() const { return design_ == Design::file; }
  /// Writes the `dims` coordinates of point `p` (0 <= p < points()) to `out`.
  void point(int p, double* out) const;

 private:
  Design design_;
  std::uint64_t seed_;
  int points_, dims_;
  std::vector<std::uint32_t> strata_;  // latin-hypercube: (dims x points), the stratum of each point
  std::vector<double> table_;          // morris and file: (points x dims)
  std::vector<Sobol32> sobol_;         // sobol and saltelli: a prototype engine (copied per point)
};

/// Point `index` (0 = the all-zero point) of the `dims`-dimensional Sobol sequence, each coordinate in
/// [0, 1) as a multiple of 2^-32.
std::vector<double> sobol_point(std::uint64_t index, int dims);

/// Centred L2 discrepancy (Hickernell 1998) of `n` points in [0, 1]^dims, row by row: lower is more even.
double centred_l2_discrepancy(const std::vector<double>& points, int dims);

}  // namespace teamsim

namespace teamsim {

/// The points of a `design = "file"` CSV: a header of parameter keys, then one row per point.
struct DesignFile {
  std::vector<std::string> keys;  // the header, in column order
  int points = 0;
  std::vector<double> values;  // points x keys, row by row (choices as their index, booleans as 0/1)
  std::string sha256;          // of the file's bytes: part of the sweep's identity
};

/// Reads and checks a design CSV: every key a scalar parameter (`teamsim show` names them), at most once;
/// every value allowed for its key (choices by name, booleans as true/false). Throws InputError at
/// file:line:column.
DesignFile read_design_file(const std::string& path);

}  // namespace teamsim
