// Engine throughput and memory: resident-ticks per second of the model's tick (synthesis and
// recording excluded, measured apart) and peak resident memory per resident, for a synthetic
// municipality of N residents built from the bundled base scenario's archetypes.
//
//   bench_engine --residents 1000000 --ticks 52 --threads 2
//   bench_engine --residents 100000 --buurt-residents 150      # buurten below one street (ODD 7.4)
//   bench_engine --scenario scenarios/cbs/den_haag.json --set municipality.cbs.scale=0.1
//
// --buurt-residents R gives every archetype R residents, each archetype keeping its share of the
// residents; --set KEY.PATH=VALUE (repeatable) is applied as `wijksim run --set` applies it. A
// scenario of CBS buurten is run as it is: --residents and --buurt-residents act on archetypes only.
//
// Prints one JSON object per run; benchmarks/run.sh collects them into docs/performance.md.
#include <sys/resource.h>
#include <tbb/global_control.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "sim/metrics/recorder.hpp"
#include "sim/model/model.hpp"
#include "sim/population/synthesis.hpp"
#include "sim/scenario/load.hpp"
#include "sim/scenario/settings.hpp"

using namespace wijksim;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
  long residents = 1'000'000;
  int ticks = 52;
  int threads = 2;
  long buurt_residents = 0;  // 0: the archetypes' own sizes
  std::vector<std::string> settings;
  // Found from any working folder: the source tree's copy unless --scenario names another.
  std::string scenario = WIJKSIM_SOURCE_DIR "/scenarios/kaleidoscopic.json";
};

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i];
    if (key == "--residents") o.residents = std::stol(argv[i + 1]);
    else if (key == "--ticks") o.ticks = std::stoi(argv[i + 1]);
    else if (key == "--threads") o.threads = std::stoi(argv[i + 1]);
    else if (key == "--scenario") o.scenario = argv[i + 1];
    else if (key == "--buurt-residents") o.buurt_residents = std::stol(argv[i + 1]);
    else if (key == "--set") o.settings.emplace_back(argv[i + 1]);
    else { std::fprintf(stderr, "unknown option %s\n", argv[i]); std::exit(2); }
  }
  return o;
}

// The scenario's archetypes, with buurt counts scaled so that the total is about N residents
// (and, with --buurt-residents, every buurt of that size, each archetype keeping its residents).
Scenario scaled_scenario(const Options& o) {
  nlohmann::json j = read_scenario_json(o.scenario);
  j["replicates"] = 1;
  j["horizon_ticks"] = o.ticks;
  const bool archetypes = j.contains("municipality") && j["municipality"].contains("buurt_types");
  nlohmann::json no_types = nlohmann::json::array();
  nlohmann::json& types = archetypes ? j["municipality"]["buurt_types"] : no_types;
  long base = 0;
  for (const auto& type : types) base += type["count"].get<long>() * type["residents"].get<long>();
  const double factor = static_cast<double>(o.residents) / static_cast<double>(base);
  for (auto& type : types) {
    const long own_size = type["residents"].get<long>();
    const long size = o.buurt_residents > 0 ? o.buurt_residents : own_size;
    const double resized = static_cast<double>(own_size) / static_cast<double>(size);  // 1 at its own size
    type["residents"] = size;
    type["count"] = std::max(1L, std::lround(type["count"].get<long>() * factor * resized));
  }
  return scenario_with_settings(j, parse_settings(o.settings), o.scenario);
}

// Buurten of fewer residents than a street (initiatives.reach), where the street rule runs.
std::size_t buurten_below_street(const Scenario& scenario, const Population& population) {
  std::size_t count = 0;
  for (const auto& buurt : population.buurten)
    if (buurt.resident_count < scenario.initiatives.reach) ++count;
  return count;
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

long peak_rss_bytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss * 1024L;
}

}  // namespace

int benchmark(const Options& o) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(o.threads));
  const Scenario scenario = scaled_scenario(o);

  auto start = Clock::now();
  const Population population = synthesize_population(scenario, 0);
  const double synthesis_seconds = seconds_since(start);

  Model model(scenario, population, 0);
  std::vector<std::int64_t> ticks{0, o.ticks};
  Recorder recorder(scenario, ticks);
  start = Clock::now();
  for (int t = 1; t <= o.ticks; ++t) model.step(t);
  const double tick_seconds = seconds_since(start);
  start = Clock::now();
  recorder.record(model, 1);
  const double record_seconds = seconds_since(start);

  const double n = static_cast<double>(population.size());
  std::printf(
      "{\"residents\": %zu, \"buurten\": %zu, \"buurten_below_street\": %zu, \"ties\": %zu, "
      "\"initiatives_founded\": %lld, \"ticks\": %d, \"threads\": %d, "
      "\"synthesis_s\": %.3f, \"ticks_s\": %.3f, \"record_one_tick_s\": %.4f, "
      "\"resident_ticks_per_s\": %.0f, \"peak_rss_bytes\": %ld, \"bytes_per_resident\": %.1f}\n",
      population.size(), population.buurten.size(), buurten_below_street(scenario, population),
      population.network.tie_count(), static_cast<long long>(model.state().totals.founded), o.ticks, o.threads,
      synthesis_seconds, tick_seconds, record_seconds, n * o.ticks / tick_seconds, peak_rss_bytes(),
      peak_rss_bytes() / n);
  return 0;
}

int main(int argc, char** argv) {
  try {
    return benchmark(parse(argc, argv));
  } catch (const InputError& error) {
    std::fprintf(stderr, "bench_engine: %s\n", error.what());
    return 2;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "bench_engine: %s\n", error.what());
    return 1;
  }
}
