#include "sweep.hpp"

#include <chrono>

namespace teamsim {

long long sweep_window(const SweepSpec& spec, int workers, long long in_flight) {
  return 64LL * workers + 2 * in_flight * workers + spec.replicates;
}

SweepSchedule::SweepSchedule(const SweepSpec& spec, ModelCache& models, SweepWriter& writer, long long window,
                             std::function<void(const SweepProgress&)> progress)
    : spec_(spec),
      models_(models),
      writer_(writer),
      window_(window),
      progress_(std::move(progress)),
      already_(writer.frontier()),
      next_(writer.frontier()) {}

bool SweepSchedule::may_hand_out() const {
  return !failure_ && next_ < writer_.end_run() && next_ < writer_.frontier() + window_;
}

RunBlock SweepSchedule::try_take(long long count) {
  std::lock_guard lock(mutex_);
  if (!may_hand_out()) return {};
  const long long end = std::min({next_ + count, writer_.end_run(), writer_.frontier() + window_});
  const RunBlock block{next_, end};
  next_ = end;
  return block;
}

RunBlock SweepSchedule::take() {
  std::unique_lock lock(mutex_);
  room_.wait(lock, [&] { return failure_ || next_ >= writer_.end_run() || may_hand_out(); });
  if (!may_hand_out()) return {};
  return {next_, ++next_};
}

void SweepSchedule::add(RunResult&& result) {
  std::lock_guard lock(mutex_);
  try {
    writer_.add(std::move(result));
    models_.forget_below(static_cast<int>(writer_.frontier() / spec_.replicates));
    report();
  } catch (...) {
    if (!failure_) failure_ = std::current_exception();  // an I/O failure stops everyone
  }
  room_.notify_all();
}

void SweepSchedule::fail(std::exception_ptr error) {
  std::lock_guard lock(mutex_);
  if (!failure_) failure_ = std::move(error);
  room_.notify_all();
}

bool SweepSchedule::failed() const {
  std::lock_guard lock(mutex_);
  return failure_ != nullptr;
}

void SweepSchedule::rethrow_failure() const {
  std::lock_guard lock(mutex_);
  if (failure_) std::rethrow_exception(failure_);
}

bool SweepSchedule::exhausted() const {
  std::lock_guard lock(mutex_);
  return next_ >= writer_.end_run();
}

double SweepSchedule::runs_per_second() const {
  std::lock_guard lock(mutex_);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  return seconds > 0 ? static_cast<double>(writer_.frontier() - already_) / seconds : 0.0;
}

void SweepSchedule::report() {
  if (!progress_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_report_ < std::chrono::milliseconds(200) && !writer_.complete()) return;
  last_report_ = now;
  progress_({writer_.frontier() - writer_.first_run(), writer_.end_run() - writer_.first_run(),
             writer_.failed(), std::chrono::duration<double>(now - start_).count(),
             writer_.frontier() - already_});
}

SweepWorkers::SweepWorkers(SweepSchedule& schedule, const SweepSpec& spec, ModelCache& models, int threads) {
  auto work = [&schedule, &spec, &models] {
    for (RunBlock block; !(block = schedule.take()).empty();) {
      try {
        schedule.add(execute_run(spec, models, block.first));
      } catch (...) {
        schedule.fail(std::current_exception());  // an engine error stops everyone
        return;
      }
    }
  };
  for (int i = 0; i < threads; ++i) pool_.emplace_back(work);
}

void SweepWorkers::join() {
  for (auto& t : pool_) {
    if (t.joinable()) t.join();
  }
}

void run_sweep(const SweepSpec& spec, ModelCache& models, SweepWriter& writer, int threads,
               const std::function<void(const SweepProgress&)>& progress) {
  SweepSchedule schedule(spec, models, writer, sweep_window(spec, threads), progress);
  SweepWorkers(schedule, spec, models, threads).join();
  schedule.rethrow_failure();
}

}  // namespace teamsim
