#include "sim/cli/progress_bar.hpp"

#include <unistd.h>

#include <cstdio>

namespace wijksim::cli {

ProgressBar::ProgressBar(std::string label, std::string unit, bool millions)
    : label_(std::move(label)), unit_(std::move(unit)), millions_(millions), enabled_(isatty(STDERR_FILENO) == 1),
      start_(std::chrono::steady_clock::now()), last_draw_(start_) {}

ProgressBar::~ProgressBar() { finish(); }

void ProgressBar::finish() {
  if (drawn_) std::fputc('\n', stderr);
  drawn_ = false;
}

void ProgressBar::update(double done, double total) {
  if (!enabled_ || total <= 0) return;
  const auto now = std::chrono::steady_clock::now();
  if (done < total && now - last_draw_ < std::chrono::milliseconds(200)) return;
  last_draw_ = now;
  drawn_ = true;
  const double fraction = done / total;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  const double rate = seconds > 0 ? done / seconds : 0;
  const double eta = rate > 0 ? (total - done) / rate : 0;
  constexpr int width = 30;
  const int filled = static_cast<int>(fraction * width);
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.resize(width, '.');
  std::fprintf(stderr, "\r%s [%s] %3.0f%%  %.1f%s %s/s  %.0fs left ", label_.c_str(), bar.c_str(),
               100 * fraction, millions_ ? rate / 1e6 : rate, millions_ ? "M" : "", unit_.c_str(), eta);
  std::fflush(stderr);
}

}  // namespace wijksim::cli
