#pragma once
// A progress bar on stderr for long runs, shown only when stderr is a terminal.
#include <chrono>
#include <string>

namespace wijksim::cli {

class ProgressBar {
 public:
  // `unit` names what is counted, shown as a rate in millions when `millions` is set.
  ProgressBar(std::string label, std::string unit, bool millions);
  ~ProgressBar();
  void update(double done, double total);
  // Ends the bar's line, so that what is printed next starts on a line of its own.
  void finish();

 private:
  std::string label_;
  std::string unit_;
  bool millions_;
  bool enabled_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
  bool drawn_ = false;
};

}  // namespace wijksim::cli
