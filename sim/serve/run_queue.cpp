#include "sim/serve/run_queue.hpp"

#include <algorithm>
#include <ctime>

namespace wijksim::serve {

using nlohmann::json;

const char* state_name(RunState state) {
  static const char* names[] = {"queued", "running", "analysing", "done", "failed", "cancelled"};
  return names[static_cast<int>(state)];
}

bool is_final(RunState state) {
  return state == RunState::done || state == RunState::failed || state == RunState::cancelled;
}

namespace {

// "20261130-184512-3": sortable by time, unique within the server's life.
std::string new_run_id(std::uint64_t number) {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &utc);
  return std::string(stamp) + "-" + std::to_string(number);
}

}  // namespace

RunQueue::RunQueue(Executor execute, int concurrent, int max_waiting)
    : execute_(std::move(execute)), max_waiting_(max_waiting) {
  for (int i = 0; i < std::max(concurrent, 1); ++i) workers_.emplace_back([this] { work(); });
}

RunQueue::~RunQueue() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    for (auto& [id, job] : jobs_) job->cancel_requested = true;
  }
  work_ready_.notify_all();
  for (std::thread& worker : workers_) worker.join();
}

std::optional<std::string> RunQueue::submit(RunPlan plan) {
  std::lock_guard lock(mutex_);
  if (static_cast<int>(waiting_.size()) >= max_waiting_) return std::nullopt;
  auto job = std::make_shared<Job>();
  job->id = new_run_id(next_number_++);
  for (const PlannedAlternative& alternative : plan.alternatives)
    job->alternatives.push_back({.name = alternative.name, .replicates = plan.replicates});
  job->plan = std::move(plan);
  jobs_[job->id] = job;
  waiting_.push_back(job);
  work_ready_.notify_one();
  return job->id;
}

bool RunQueue::cancel(const std::string& id) {
  std::lock_guard lock(mutex_);
  const auto found = jobs_.find(id);
  if (found == jobs_.end() || is_final(found->second->state)) return false;
  Job& job = *found->second;
  job.cancel_requested = true;
  if (job.state == RunState::queued) {
    std::erase_if(waiting_, [&](const auto& waiting) { return waiting.get() == &job; });
    job.state = RunState::cancelled;
    job.message = "cancelled before it started";
    ++job.version;
    changed_.notify_all();
  }
  return true;
}

void RunQueue::cancel_all(std::chrono::seconds timeout) {
  std::unique_lock lock(mutex_);
  for (const auto& waiting : waiting_) {
    waiting->state = RunState::cancelled;
    ++waiting->version;
  }
  waiting_.clear();
  for (auto& [id, job] : jobs_) job->cancel_requested = true;
  changed_.notify_all();
  changed_.wait_for(lock, timeout, [&] {
    return std::all_of(jobs_.begin(), jobs_.end(), [](const auto& entry) { return is_final(entry.second->state); });
  });
}

void RunQueue::update(Job& job, const std::function<void(Job&)>& change) {
  std::lock_guard lock(mutex_);
  change(job);
  ++job.version;
  changed_.notify_all();
}

std::optional<json> RunQueue::status(const std::string& id) const {
  std::lock_guard lock(mutex_);
  const auto found = jobs_.find(id);
  if (found == jobs_.end()) return std::nullopt;
  return snapshot(*found->second);
}

std::vector<json> RunQueue::unfinished() const {
  std::lock_guard lock(mutex_);
  std::vector<json> runs;
  for (const auto& [id, job] : jobs_)
    if (!is_final(job->state)) runs.push_back(snapshot(*job));
  return runs;
}

std::optional<json> RunQueue::wait_for_change(const std::string& id, std::uint64_t seen,
                                              std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  const auto found = jobs_.find(id);
  if (found == jobs_.end()) return std::nullopt;
  const std::shared_ptr<Job> job = found->second;
  changed_.wait_for(lock, timeout, [&] { return job->version > seen || stopping_; });
  return snapshot(*job);
}

void RunQueue::work() {
  for (;;) {
    std::shared_ptr<Job> job;
    {
      std::unique_lock lock(mutex_);
      work_ready_.wait(lock, [&] { return stopping_ || !waiting_.empty(); });
      if (stopping_) return;
      job = waiting_.front();
      waiting_.pop_front();
      job->state = RunState::running;
      ++job->version;
      changed_.notify_all();
    }
    execute_(*job, *this);
  }
}

json RunQueue::snapshot(const Job& job) const {
  json alternatives = json::array();
  for (const AlternativeProgress& a : job.alternatives) {
    const double fraction = a.total > 0 ? a.done / a.total : (a.state == RunState::done ? 1.0 : 0.0);
    const double rate = a.seconds > 0 ? a.done / a.seconds : 0;
    alternatives.push_back({{"name", a.name},
                            {"state", state_name(a.state)},
                            {"fraction", fraction},
                            {"replicates", a.replicates},
                            // replicates run side by side, so whole replicates finish together.
                            {"replicates_done", static_cast<int>(fraction * a.replicates + 1e-9)},
                            {"seconds_left", rate > 0 ? json((a.total - a.done) / rate) : json(nullptr)}});
  }
  return {{"id", job.id},
          {"state", state_name(job.state)},
          {"message", job.message},
          {"place", job.plan.place_label},
          {"version", job.version},
          {"alternatives", alternatives}};
}

}  // namespace wijksim::serve
