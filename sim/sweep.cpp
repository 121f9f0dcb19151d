#include "sweep.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace teamsim {

void run_sweep(const SweepSpec& spec, ModelCache& models, SweepWriter& writer, int threads,
               const std::function<void(const SweepProgress&)>& progress) {
  using clock = std::chrono::steady_clock;
  const auto start = clock::now();
  const long long already = writer.frontier();
  const long long window = 64LL * threads + spec.replicates;  // runs handed out ahead of the writer
  std::mutex mutex;
  std::condition_variable room;
  long long next = writer.frontier();
  auto last_report = clock::now() - std::chrono::seconds(1);
  std::exception_ptr failure;

  auto report = [&] {
    if (!progress) return;
    const auto now = clock::now();
    if (now - last_report < std::chrono::milliseconds(200) && !writer.complete()) return;
    last_report = now;
    progress({writer.frontier() - writer.first_run(), writer.end_run() - writer.first_run(), writer.failed(),
              std::chrono::duration<double>(now - start).count(), writer.frontier() - already});
  };

  auto worker = [&] {
    for (;;) {
      long long run_id;
      {
        std::unique_lock lock(mutex);
        room.wait(lock,
                  [&] { return failure || next >= writer.end_run() || next < writer.frontier() + window; });
        if (failure || next >= writer.end_run()) return;
        run_id = next++;
      }
      RunResult result;
      try {
        result = execute_run(spec, models, run_id);
      } catch (...) {
        std::lock_guard lock(mutex);
        if (!failure) failure = std::current_exception();  // an engine error stops everyone
        room.notify_all();
        return;
      }
      std::lock_guard lock(mutex);
      try {
        writer.add(std::move(result));
        models.forget_below(static_cast<int>(writer.frontier() / spec.replicates));
        report();
      } catch (...) {
        if (!failure) failure = std::current_exception();  // an I/O failure stops everyone
      }
      room.notify_all();
    }
  };

  std::vector<std::thread> pool;
  for (int i = 0; i < threads; ++i) pool.emplace_back(worker);
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace teamsim
