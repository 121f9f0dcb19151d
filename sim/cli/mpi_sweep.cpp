#include "mpi_sweep.hpp"

#include <chrono>
#include <cstdlib>
#include <deque>
#include <iostream>
#include <thread>

#include "commands.hpp"
#include "input_error.hpp"

#ifdef TEAMSIM_HAVE_MPI
#include <mpi.h>
#endif

namespace teamsim::cli {

#ifndef TEAMSIM_HAVE_MPI

bool mpi_launched() {
  return false;
}

int mpi_sweep(const SweepSpec&, ModelCache&, const std::function<SweepWriter*()>&,
              const std::function<void(const SweepProgress&)>&,
              const std::function<void(SweepWriter&, int)>&) {
  std::cerr << "error: this teamsim was built without MPI\n";
  return kFailed;
}

#else

namespace {

enum Tag : int { kReady = 1, kResult = 2, kWork = 3, kStop = 4, kError = 5 };

void send_bytes(const std::string& bytes, int to, int tag) {
  MPI_Send(bytes.data(), static_cast<int>(bytes.size()), MPI_BYTE, to, tag, MPI_COMM_WORLD);
}

int worker(const SweepSpec& spec, ModelCache& models) {
  send_bytes("", 0, kReady);
  for (;;) {
    long long run_id = 0;
    MPI_Status status;
    MPI_Recv(&run_id, 1, MPI_LONG_LONG, 0, MPI_ANY_TAG, MPI_COMM_WORLD, &status);
    if (status.MPI_TAG == kStop) return kOk;
    models.forget_below(static_cast<int>(run_id / spec.replicates));  // run ids come in increasing order
    try {
      send_bytes(serialize(execute_run(spec, models, run_id)), 0, kResult);
    } catch (const std::exception& e) {
      send_bytes(e.what(), 0, kError);  // an engine error: rank 0 stops the sweep
    }
  }
}

int scheduler(const SweepSpec& spec, SweepWriter& writer, int ranks,
              const std::function<void(const SweepProgress&)>& progress) {
  const double start = MPI_Wtime();
  const long long already = writer.frontier();
  const long long window = 64LL * (ranks - 1) + spec.replicates;
  long long next = writer.frontier();
  int running = ranks - 1;
  std::deque<int> idle;
  double last_report = -1;

  // Gives work to idle ranks while the window allows; stops them when nothing is left.
  auto dispatch = [&] {
    while (!idle.empty() && (next >= writer.end_run() || next < writer.frontier() + window)) {
      const int rank = idle.front();
      idle.pop_front();
      if (next < writer.end_run()) {
        MPI_Send(&next, 1, MPI_LONG_LONG, rank, kWork, MPI_COMM_WORLD);
        ++next;
      } else {
        long long none = -1;
        MPI_Send(&none, 1, MPI_LONG_LONG, rank, kStop, MPI_COMM_WORLD);
        --running;
      }
    }
  };

  std::string buffer;
  while (running > 0) {
    // Poll with short sleeps rather than a blocking probe, which spins and takes a core from the workers.
    MPI_Status status;
    for (int arrived = 0;;) {
      MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &arrived, &status);
      if (arrived) break;
      std::this_thread::sleep_for(std::chrono::microseconds(100));
    }
    int size = 0;
    MPI_Get_count(&status, MPI_BYTE, &size);
    buffer.resize(static_cast<std::size_t>(size));
    MPI_Recv(buffer.data(), size, MPI_BYTE, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD,
             MPI_STATUS_IGNORE);
    if (status.MPI_TAG == kError) throw std::runtime_error(buffer);
    if (status.MPI_TAG == kResult) {
      writer.add(deserialize(buffer));
      const double now = MPI_Wtime();
      if (progress && (now - last_report > 0.2 || writer.complete())) {
        last_report = now;
        progress({writer.frontier() - writer.first_run(), writer.end_run() - writer.first_run(),
                  writer.failed(), now - start, writer.frontier() - already});
      }
    }
    idle.push_back(status.MPI_SOURCE);
    dispatch();
  }
  return kOk;
}

}  // namespace

bool mpi_launched() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_SIZE"}) {
    if (const char* v = std::getenv(name)) return std::atoi(v) > 1;
  }
  return false;
}

int mpi_sweep(const SweepSpec& spec, ModelCache& models, const std::function<SweepWriter*()>& open_writer,
              const std::function<void(const SweepProgress&)>& progress,
              const std::function<void(SweepWriter&, int)>& finish) {
  MPI_Init(nullptr, nullptr);
  int rank = 0, ranks = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks);

  // Rank 0 opens the output folder; everyone learns whether that worked.
  SweepWriter* writer = nullptr;
  int opened = kOk;
  if (rank == 0) {
    try {
      writer = open_writer();
    } catch (const InputError& e) {
      std::cerr << "error: " << e.what() << "\n";
      opened = kBadInput;
    } catch (const std::exception& e) {
      std::cerr << "teamsim: failed: " << e.what() << "\n";
      opened = kFailed;
    }
  }
  MPI_Bcast(&opened, 1, MPI_INT, 0, MPI_COMM_WORLD);
  if (opened != kOk) {
    MPI_Finalize();
    return opened;
  }
  int code = kOk;
  if (rank == 0) {
    try {
      code = scheduler(spec, *writer, ranks, progress);
      finish(*writer, ranks);
    } catch (const std::exception& e) {
      // A failed write or an engine error: the workers wait for work that will not come, so abort them.
      std::cerr << "teamsim: failed: " << e.what() << "\n";
      MPI_Abort(MPI_COMM_WORLD, kFailed);
    }
  } else {
    code = worker(spec, models);
  }
  MPI_Finalize();
  return code;
}

#endif

}  // namespace teamsim::cli
