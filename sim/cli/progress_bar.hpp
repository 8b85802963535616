#pragma once
// A progress bar on stderr for long runs, shown only when stderr is a terminal.
#include <chrono>
#include <string>

namespace wijksim::cli {

class ProgressBar {
 public:
  explicit ProgressBar(std::string label);
  ~ProgressBar();
  void update(double done, double total);

 private:
  std::string label_;
  bool enabled_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
  bool drawn_ = false;
};

}  // namespace wijksim::cli
