// The MPI drivers of teamsim, which is built without MPI so that no command loads Open MPI: under mpirun
// they refuse, naming teamsim-mpi (the same commands, MPI-capable), instead of letting every rank run the
// whole job.
#include <iostream>

#include "commands.hpp"
#include "mpi_sweep.hpp"

namespace teamsim::cli {
namespace {

int refuse(const char* command) {
  std::cerr << "error: this teamsim does not use MPI; under mpirun run teamsim-mpi " << command
            << " (the same commands, installed next to teamsim when it was built with Open MPI)\n";
  return kBadInput;
}

}  // namespace

int mpi_sweep(const SweepSpec&, ModelCache&, const std::function<SweepWriter*()>&,
              const std::function<void(const SweepProgress&)>&,
              const std::function<void(SweepWriter&, int)>&) {
  return refuse("sweep");
}

int mpi_calibrate(const CalibrationSpec&, const Model&, int, const std::function<void(int, int, long long)>&,
                  const std::function<void(const CalibrationResult&, int)>&) {
  return refuse("calibrate");
}

}  // namespace teamsim::cli
