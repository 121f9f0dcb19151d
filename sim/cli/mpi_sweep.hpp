#pragma once
// The MPI drivers, in teamsim-mpi only (sim/cli/mpi_sweep.cpp, mpi_calibrate.cpp); teamsim, which does not
// load Open MPI, links sim/cli/no_mpi.cpp instead, whose drivers refuse with a pointer to teamsim-mpi.
#include <functional>

#include "calibration.hpp"
#include "sweep.hpp"

namespace teamsim::cli {

/// Runs the sweep across MPI ranks: rank 0 writes every result through one SweepWriter, so the output is
/// that of a single process; every rank, rank 0 included, runs blocks of runs. `open_writer` is called on
/// rank 0 only; it may throw InputError, which every rank then reports as bad input. Returns the exit code.
int mpi_sweep(const SweepSpec& spec, ModelCache& models, const std::function<SweepWriter*()>& open_writer,
              const std::function<void(const SweepProgress&)>& progress,
              const std::function<void(SweepWriter&, int ranks)>& finish);

/// Runs the calibration across MPI ranks, each simulating its share of every round on `threads` threads;
/// rank 0 calls `finish` with the result (it writes the output). Returns the exit code.
int mpi_calibrate(const CalibrationSpec& spec, const Model& base, int threads,
                  const std::function<void(int, int, long long)>& progress,
                  const std::function<void(const CalibrationResult&, int ranks)>& finish);

}  // namespace teamsim::cli
