// Validation, per-capita outcomes do not depend on buurt size (docs/ODD.md, section 8.9): the
// bundled archetypes at half, once, twice and four times their size give the same shares, the
// same initiatives per 1,000 residents with the same fate, and the same Matthew index, within
// stated tolerances. Nothing here was tuned: it checks that no rule counts absolute numbers.
#include <catch.hpp>

#include <array>
#include <cmath>
#include <iostream>
#include <map>

#include "validation/size_study.hpp"

using namespace wijksim;
using namespace wijksim::validation;

namespace {

constexpr std::array<double, 4> kScales{0.5, 1.0, 2.0, 4.0};
// Below one street (initiatives.reach, 400 residents): the archetypes at x0.05, x0.1 and x0.25
// have buurten of 70-80, 140-160 and 350-400 residents, as many real CBS buurten do.
constexpr std::array<double, 3> kBelowStreetScales{0.05, 0.1, 0.25};
constexpr int kSizeReplicates = 4;

const PerCapita& figures_at(const std::string& role, double scale) {
  static std::map<std::pair<std::string, double>, PerCapita> cache;
  auto found = cache.find({role, scale});
  if (found != cache.end()) return found->second;
  const Scenario scenario = testing::bundled_scenario(role, kHorizon, kSizeReplicates, scale);
  const PerCapita& figures = cache[{role, scale}] = per_capita(run_scenario(scenario, {}));
  std::cout << role << " " << per_capita_row(scale, figures) << "\n" << std::flush;
  return figures;
}

// The figures at the bundled size (x1) and at each of `scales`.
template <std::size_t N>
std::map<double, PerCapita> figures_by_scale(const std::string& role, const std::array<double, N>& scales) {
  std::map<double, PerCapita> figures{{1.0, figures_at(role, 1.0)}};
  for (double scale : scales) figures[scale] = figures_at(role, scale);
  return figures;
}

// The largest relative difference from the figure at the bundled size (x1).
template <typename Read>
double largest_relative_gap(const std::map<double, PerCapita>& figures, Read read) {
  const double reference = read(figures.at(1.0));
  double gap = 0;
  for (const auto& [scale, f] : figures) gap = std::max(gap, std::abs(read(f) - reference) / reference);
  return gap;
}

template <typename Read>
double largest_absolute_gap(const std::map<double, PerCapita>& figures, Read read) {
  const double reference = read(figures.at(1.0));
  double gap = 0;
  for (const auto& [scale, f] : figures) gap = std::max(gap, std::abs(read(f) - reference));
  return gap;
}

// Shares and the education ratio within 10% of the bundled size's value, initiative rates and
// durations within 15%, the success share within 0.08, the Matthew index (a correlation over 12
// buurten) within 0.25.
void check_per_capita_tolerances(const std::map<double, PerCapita>& f) {
  CHECK(largest_relative_gap(f, [](const PerCapita& x) { return x.weekly; }) < 0.10);
  CHECK(largest_relative_gap(f, [](const PerCapita& x) { return x.past_year; }) < 0.10);
  CHECK(largest_relative_gap(f, [](const PerCapita& x) { return x.education_ratio; }) < 0.10);
  CHECK(largest_relative_gap(f, [](const PerCapita& x) { return x.initiatives_per_1000; }) < 0.15);
  CHECK(largest_relative_gap(f, [](const PerCapita& x) { return x.duration_weeks; }) < 0.15);
  CHECK(largest_absolute_gap(f, [](const PerCapita& x) { return x.success_share; }) < 0.08);
  CHECK(largest_absolute_gap(f, [](const PerCapita& x) { return x.matthew_index; }) < 0.25);
}

}  // namespace

TEST_CASE("per-capita outcomes do not depend on buurt size", "[validation][size]") {
  std::cout << kPerCapitaHeader << "\n";
  for (const std::string role : {"responsive", "inviting"}) {
    INFO(role);
    check_per_capita_tolerances(figures_by_scale(role, kScales));
  }
}

// Below one street a buurt's initiatives are its street's, shared with the neighbours outside it
// (ODD 7.4). Responsive invites nobody and runs no processes, so initiatives are all there is: at
// x0.1 and x0.25 (140-400 residents) they must give what a buurt of several streets gives.
TEST_CASE("initiatives below one street give what a larger buurt's give", "[validation][size]") {
  std::cout << kPerCapitaHeader << "\n";
  check_per_capita_tolerances(figures_by_scale("responsive", std::array<double, 2>{0.1, 0.25}));
}

// Below one street the invitations, processes and decisions work as in a larger buurt too: a
// process of a handful of participants is judged by the mix it draws, as one of a hundred is
// (the legitimacy rule, 7.3).
TEST_CASE("per-capita outcomes do not depend on buurt size below one street", "[validation][size]") {
  std::cout << kPerCapitaHeader << "\n";
  for (const std::string role : {"responsive", "inviting"}) {
    INFO(role);
    check_per_capita_tolerances(figures_by_scale(role, kBelowStreetScales));
  }
}

namespace {

double trust_won(double scale) {
  return figures_at("inviting", scale).final_year_trust - figures_at("top_down", scale).final_year_trust;
}

}  // namespace

// The trust inviting wins over top_down in the final year, within 10% of the bundled size's, as the
// shares above.
TEST_CASE("the trust a role wins does not depend on buurt size", "[validation][size]") {
  const double at_bundled_size = trust_won(1.0);
  for (const double scale : {0.1, 0.25, 0.5, 2.0, 4.0}) {
    INFO("scale " << scale << ": inviting wins " << trust_won(scale) << " against " << at_bundled_size << " at x1");
    CHECK(std::abs(trust_won(scale) - at_bundled_size) < 0.10 * at_bundled_size);
  }
}

// Known to fail (ODD 8.9): in buurten of 70-80 residents (x0.05) inviting wins 16% less trust than at
// x1. Kept, with the same tolerance, so that a remedy shows here.
TEST_CASE("the trust a role wins in buurten of 75 residents", "[validation][size][!mayfail]") {
  const double at_bundled_size = trust_won(1.0);
  INFO("x0.05: inviting wins " << trust_won(0.05) << " against " << at_bundled_size << " at x1");
  CHECK(std::abs(trust_won(0.05) - at_bundled_size) < 0.10 * at_bundled_size);
}

namespace {

// The responsive role, with every request for support answered one way, at a scale.
RunResult answered_run(const std::string& response, double scale) {
  Scenario bundled = testing::bundled_scenario("responsive", kHorizon, kSizeReplicates, scale);
  nlohmann::json mix = {{"support", 0.0}, {"conditional_subsidy", 0.0}, {"ignore", 0.0}, {"obstruct", 0.0}};
  mix[response] = 1.0;
  nlohmann::json resolved = nlohmann::json::parse(bundled.resolved_json);
  resolved = apply_override(std::move(resolved), "government.levers.initiative_response", mix);
  return run_scenario(scenario_from_json(resolved, "responsive, always " + response), {});
}

double second_half(const RunResult& run, const std::string& path) {
  return window_mean(run, path, 0, run.ticks.size() / 2, run.ticks.size());
}

}  // namespace

TEST_CASE("obstruction lowers later participation at every size", "[validation][size]") {
  for (double scale : kScales) {
    const RunResult supported = answered_run("support", scale), obstructed = answered_run("obstruct", scale);
    const double weekly_support = second_half(supported, "participation/overall");
    const double weekly_obstruct = second_half(obstructed, "participation/overall");
    const double year_support = second_half(supported, "participation/past_year");
    const double year_obstruct = second_half(obstructed, "participation/past_year");
    std::cout << "x" << scale << " years 6-10, always support / always obstruct: weekly " << weekly_support << " / "
              << weekly_obstruct << ", past year " << year_support << " / " << year_obstruct << "\n" << std::flush;
    INFO("scale " << scale << ": weekly " << weekly_support << " against " << weekly_obstruct << ", past year "
                  << year_support << " against " << year_obstruct);
    CHECK(weekly_obstruct < 0.95 * weekly_support);
    CHECK(year_obstruct < 0.95 * year_support);
  }
}
