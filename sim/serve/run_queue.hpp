#pragma once
// The studio's run queue: runs wait in order and at most `concurrent` of them execute at once,
// each on its own worker thread that hands the simulation to the engine's (TBB) thread pool.
// Progress is kept per run and per alternative; watchers wait for the next change (server-sent
// events). Cancelling a queued run drops it; cancelling a running one stops it at the next tick.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/serve/run_plan.hpp"

namespace wijksim::serve {

enum class RunState { queued, running, analysing, done, failed, cancelled };
const char* state_name(RunState state);
bool is_final(RunState state);

// Thrown from the engine's progress callback to stop a cancelled run.
struct RunCancelled : std::exception {
  const char* what() const noexcept override { return "run cancelled"; }
};

struct AlternativeProgress {
  std::string name;
  int replicates = 0;
  double done = 0;   // resident-ticks
  double total = 0;
  double seconds = 0;  // elapsed while running
  RunState state = RunState::queued;
};

struct Job {
  std::string id;
  RunPlan plan;
  std::atomic<bool> cancel_requested{false};
  // Guarded by the queue's mutex:
  RunState state = RunState::queued;
  std::string message;
  std::vector<AlternativeProgress> alternatives;
  std::uint64_t version = 0;
};

class RunQueue {
 public:
  using Executor = std::function<void(Job&, RunQueue&)>;
  RunQueue(Executor execute, int concurrent, int max_waiting);
  ~RunQueue();
  RunQueue(const RunQueue&) = delete;
  RunQueue& operator=(const RunQueue&) = delete;

  // Nothing when the queue is full.
  std::optional<std::string> submit(RunPlan plan);
  // False when the run is unknown or already finished.
  bool cancel(const std::string& id);
  // Cancels every unfinished run and waits (up to `timeout`) until none is executing.
  void cancel_all(std::chrono::seconds timeout);
  std::optional<nlohmann::json> status(const std::string& id) const;
  // Runs not yet finished, oldest first.
  std::vector<nlohmann::json> unfinished() const;
  // The status once its version passes `seen`, or at `timeout` as it is; nothing for unknown runs.
  std::optional<nlohmann::json> wait_for_change(const std::string& id, std::uint64_t seen,
                                                std::chrono::milliseconds timeout) const;

  // For the executor: change a job under the lock and wake the watchers.
  void update(Job& job, const std::function<void(Job&)>& change);

 private:
  void work();
  nlohmann::json snapshot(const Job& job) const;

  Executor execute_;
  int max_waiting_;
  mutable std::mutex mutex_;
  mutable std::condition_variable work_ready_;
  mutable std::condition_variable changed_;
  std::deque<std::shared_ptr<Job>> waiting_;
  std::map<std::string, std::shared_ptr<Job>> jobs_;
  std::uint64_t next_number_ = 1;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace wijksim::serve
