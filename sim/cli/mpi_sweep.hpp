#pragma once
// The MPI sweep driver: rank 0 hands runs out one at a time to the other ranks as they ask, and writes
// every result through one SweepWriter, so the output is that of a single process.
#include <functional>

#include "sweep.hpp"

namespace teamsim::cli {

/// True when this process was started by mpirun with more than one rank (and MPI support is built).
bool mpi_launched();

/// Runs the sweep across MPI ranks. `open_writer` is called on rank 0 only; it may throw InputError,
/// which every rank then reports as bad input. Returns the process exit code.
int mpi_sweep(const SweepSpec& spec, ModelCache& models, const std::function<SweepWriter*()>& open_writer,
              const std::function<void(const SweepProgress&)>& progress,
              const std::function<void(SweepWriter&, int ranks)>& finish);

}  // namespace teamsim::cli
