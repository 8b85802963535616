"""analysis.compare against numbers worked out by hand from the fixture's known values.

The fixture's replicate means are level + scale * (-1, 0, 2) (see make_fixture), so for every outcome:
  mean     = level + scale / 3
  sd       = scale * sqrt(((-4/3)^2 + (-1/3)^2 + (5/3)^2) / 2) = scale * sqrt(7/3)
  CI half  = t(0.975, df=2) * sd / sqrt(3) = 4.302653 * 0.881917 * scale = 3.794583 * scale
Two scenarios with the same scale differ by a Welch interval with df = 4:
  half     = t(0.975, df=4) * scale * sqrt(7/3) * sqrt(2/3) = 2.776445 * 1.247219 * scale = 3.462835 * scale
"""

import dataclasses
import math
import tempfile
import unittest
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

from analysis.compare import (compare_runs, differences, final_year, mean_ci, paired_ci, replicate_means,
                              summarise, welch_ci)
from analysis.load import AnalysisInputError, load_runs
from tests.analysis.make_fixture import (LEVERS, REPLICATE_OFFSETS, RESIDENTS, SHORT_TICKS, STANDARD_SCENARIOS,
                                         write_fixture, write_standard_set)

T_975_DF2 = 4.302652729911275  # Student t quantiles, as tabulated
T_975_DF4 = 2.7764451051977987
HALF_PER_SCALE = T_975_DF2 * math.sqrt(7 / 3) / math.sqrt(3)
WELCH_HALF_PER_SCALE = T_975_DF4 * math.sqrt(7 / 3) * math.sqrt(2 / 3)
LEVEL = {scenario.name: scenario.levels for scenario in STANDARD_SCENARIOS}

# outcome -> (series path, column, scale) in the fixture
OUTCOME_SOURCES = {
    "participation_overall": ("participation/overall", "", 0.01),
    "participation_low": ("participation/by_group", "education=low", 0.01),
    "participation_middle": ("participation/by_group", "education=middle", 0.01),
    "participation_high": ("participation/by_group", "education=high", 0.02),
    "dissimilarity_education": ("representation/dissimilarity", "education", 0.01),
    "liveability_gini": ("liveability/gini", "", 0.005),
    "vulnerability_gap": ("liveability/vulnerability_gap", "", 0.01),
    "initiatives_active": ("initiatives/active", "", 1.0),
}


class CompareFixtureTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.temporary = tempfile.TemporaryDirectory()
        cls.runs = load_runs(write_standard_set(Path(cls.temporary.name)))
        cls.comparison = compare_runs(cls.runs)
        cls.summary = cls.comparison.summary.set_index(["scenario", "outcome"])
        cls.differences = cls.comparison.differences.set_index(["scenario", "outcome"])

    @classmethod
    def tearDownClass(cls):
        cls.temporary.cleanup()

    def assert_summary(self, scenario, outcome, mean, half):
        row = self.summary.loc[(scenario, outcome)]
        self.assertAlmostEqual(row["mean"], mean, places=9, msg=f"{scenario} {outcome} mean")
        self.assertAlmostEqual(row["ci_half"], half, delta=1e-9 * half, msg=f"{scenario} {outcome} CI half")
        self.assertAlmostEqual(row["ci_low"], mean - half, delta=1e-9 * abs(mean - half))
        self.assertAlmostEqual(row["ci_high"], mean + half, delta=1e-9 * (mean + half))
        self.assertEqual(row["n"], 3)

    def test_the_final_year_is_the_last_52_ticks(self):
        window = final_year(self.runs.series)
        self.assertEqual(sorted(window["tick"].unique()), list(range(30, 81, 2)))

    def test_a_run_shorter_than_a_year_counts_every_tick(self):
        path = write_fixture(Path(self.temporary.name) / "short.h5", STANDARD_SCENARIOS[0], ticks=SHORT_TICKS)
        series = load_runs([path]).series
        self.assertEqual(sorted(final_year(series)["tick"].unique()), list(SHORT_TICKS))
        overall = compare_runs(load_runs([path])).summary.set_index("outcome").loc["participation_overall"]
        self.assertAlmostEqual(overall["mean"], 0.20 + 0.01 / 3)

    def test_means_and_t_intervals_of_the_key_outcomes(self):
        for scenario in LEVEL:
            for outcome, (path, column, scale) in OUTCOME_SOURCES.items():
                level = LEVEL[scenario][(path, column)]
                self.assert_summary(scenario, outcome, level + scale / 3, HALF_PER_SCALE * scale)

    def test_sd_is_the_sample_sd_over_replicates(self):
        self.assertAlmostEqual(self.summary.loc[("responsive", "participation_overall"), "std"],
                               0.01 * math.sqrt(7 / 3))

    def test_trust_with_a_doubled_spread(self):
        self.assert_summary("responsive", "trust_mean", 0.55 + 0.01 / 3, HALF_PER_SCALE * 0.01)
        self.assert_summary("inviting", "trust_mean", 0.60 + 0.02 / 3, HALF_PER_SCALE * 0.02)

    def test_cost_sums_the_levers_and_scales_to_residents_and_years(self):
        # Each lever at 500 euro per tick with scale 100: the sum has level 500 n and scale 100 n.
        n = len(LEVERS)
        self.assert_summary("responsive", "cost_per_tick", 500 * n + 100 * n / 3, HALF_PER_SCALE * 100 * n)
        per_resident = 52 / RESIDENTS
        self.assert_summary("responsive", "cost_per_resident_year", (500 * n + 100 * n / 3) * per_resident,
                            HALF_PER_SCALE * 100 * n * per_resident)
        self.assert_summary("top_down", "cost_per_resident_year", (300 * n + 100 * n / 3) * per_resident,
                            HALF_PER_SCALE * 100 * n * per_resident)

    def test_differences_against_the_first_scenario(self):
        self.assertEqual(self.comparison.reference, "responsive")
        self.assertEqual(set(self.comparison.differences["scenario"]), {"inviting", "top_down"})
        row = self.differences.loc[("inviting", "participation_overall")]
        self.assertAlmostEqual(row["difference"], 0.06)
        self.assertAlmostEqual(row["df"], 4.0)
        self.assertAlmostEqual(row["ci_half"], WELCH_HALF_PER_SCALE * 0.01, places=6)
        row = self.differences.loc[("top_down", "dissimilarity_education")]
        self.assertAlmostEqual(row["difference"], 0.05)
        self.assertAlmostEqual(row["ci_low"], 0.05 - WELCH_HALF_PER_SCALE * 0.01, places=6)

    def test_ratios_are_the_ratio_of_the_final_years_mean_rates(self):
        # The fixture's ratio series hold each tick's ratio of its rates, as the engine writes them; the outcome
        # is the ratio of the final year's mean rates per replicate: (level + scale * offset) over the same of
        # the denominator, without the wiggle, which a mean of weekly ratios would count.
        def rate(scenario, path, column, scale):
            return LEVEL[scenario][(path, column)] + scale * REPLICATE_OFFSETS

        for scenario in LEVEL:
            high = rate(scenario, "participation/by_group", "education=high", 0.02)
            low = rate(scenario, "participation/by_group", "education=low", 0.01)
            overall = rate(scenario, "participation/overall", "", 0.01)
            for outcome, per_replicate in (("education_ratio", high / low), ("representation_low", low / overall)):
                expected = mean_ci(per_replicate)
                self.assert_summary(scenario, outcome, expected["mean"], expected["ci_half"])
                weekly = self.weekly_mean(scenario, outcome)
                self.assertGreater(abs(weekly - expected["mean"]), 1e-5, f"{scenario} {outcome}")

    def weekly_mean(self, scenario, outcome):
        """The old reading: the mean over replicates of each replicate's mean of the weekly ratios."""
        metric, column = {"education_ratio": ("representation/education_ratio", ""),
                          "representation_low": ("representation/ratio_by_group", "education=low")}[outcome]
        rows = final_year(self.runs.series)
        rows = rows[(rows["scenario"] == scenario) & (rows["metric"] == metric) & (rows["column"] == column)]
        return rows.groupby("replicate")["value"].mean().mean()

    def test_welch_degrees_of_freedom_with_unequal_spread(self):
        # Scales 0.01 and 0.02: df = 2 (1 + 4)^2 / (1 + 16) = 50/17; se^2 = (7/9) * (0.01^2 + 0.02^2).
        row = self.differences.loc[("inviting", "trust_mean")]
        self.assertAlmostEqual(row["difference"], 0.05 + 0.01 / 3)
        self.assertAlmostEqual(row["df"], 50 / 17)
        half = stats.t.ppf(0.975, 50 / 17) * math.sqrt(7 / 9 * (0.01 ** 2 + 0.02 ** 2))
        self.assertAlmostEqual(row["ci_half"], half)

    def test_reference_by_name(self):
        named = differences(self.comparison.values, reference="inviting").set_index(["scenario", "outcome"])
        self.assertEqual(set(named.index.get_level_values("scenario")), {"responsive", "top_down"})
        self.assertAlmostEqual(named.loc[("responsive", "participation_overall"), "difference"], -0.06)

    def test_unknown_reference_names_the_choices(self):
        with self.assertRaisesRegex(AnalysisInputError, "'nobody'.*responsive, inviting, top_down"):
            compare_runs(self.runs, reference="nobody")

    def test_summary_has_labels_for_every_outcome(self):
        self.assertFalse(self.comparison.summary["label"].isna().any())
        self.assertEqual(len(self.comparison.summary), 3 * 18)

    def test_past_year_outcomes_lead(self):
        self.assertEqual(list(self.comparison.summary["outcome"][:2]), ["past_year_overall", "past_year_low"])
        # responsive: past-year low level 1.5 * 0.12 = 0.18
        self.assert_summary("responsive", "past_year_low", 0.18 + 0.01 / 3, HALF_PER_SCALE * 0.01)

    def test_unpaired_files_are_marked_so(self):
        self.assertFalse(self.comparison.differences["paired"].any())


class PairedCompareTest(unittest.TestCase):
    """The standard scenarios written with one seed: replicate r of each pairs with replicate r of the others.

    Every scenario has replicate offsets scale * (-1, 0, 2), so with equal scales the per-replicate differences
    are constant (a paired interval of width 0) and with the trust scales 0.01 and 0.02 they are
    0.05 + 0.01 * (-1, 0, 2): mean 0.05 + 0.01/3, half-width HALF_PER_SCALE * 0.01.
    """

    @classmethod
    def setUpClass(cls):
        cls.temporary = tempfile.TemporaryDirectory()
        folder = Path(cls.temporary.name)
        paths = [write_fixture(folder / f"{s.name}.h5", dataclasses.replace(s, seed=7)) for s in STANDARD_SCENARIOS]
        cls.comparison = compare_runs(load_runs(paths))
        cls.differences = cls.comparison.differences.set_index(["scenario", "outcome"])

    @classmethod
    def tearDownClass(cls):
        cls.temporary.cleanup()

    def test_every_difference_is_paired(self):
        self.assertTrue(self.comparison.differences["paired"].all())

    def test_the_same_spread_in_both_gives_an_exact_difference(self):
        row = self.differences.loc[("inviting", "participation_overall")]
        self.assertAlmostEqual(row["difference"], 0.06)
        self.assertAlmostEqual(row["ci_half"], 0.0)
        self.assertTrue(row["resolved"])

    def test_paired_t_interval_of_the_replicate_differences(self):
        row = self.differences.loc[("inviting", "trust_mean")]
        self.assertAlmostEqual(row["difference"], 0.05 + 0.01 / 3)
        self.assertAlmostEqual(row["ci_half"], HALF_PER_SCALE * 0.01)
        self.assertEqual(row["df"], 2)

    def test_paired_is_narrower_than_welch_would_be(self):
        welch = welch_ci([0.55 - 0.01, 0.55, 0.55 + 0.02], [0.60 - 0.02, 0.60, 0.60 + 0.04])
        self.assertLess(self.differences.loc[("inviting", "trust_mean"), "ci_half"], welch["ci_half"])


class StatisticsTest(unittest.TestCase):
    def test_mean_ci_skips_missing_values(self):
        result = mean_ci([1.0, np.nan, 3.0])
        self.assertEqual(result["n"], 2)
        self.assertAlmostEqual(result["mean"], 2.0)
        # sd = sqrt(2); half = t(0.975, 1) * sqrt(2) / sqrt(2) = 12.706205
        self.assertAlmostEqual(result["ci_half"], 12.706205, places=5)

    def test_one_replicate_has_no_interval(self):
        result = mean_ci([0.4])
        self.assertEqual(result["mean"], 0.4)
        self.assertTrue(math.isnan(result["ci_half"]))

    def test_paired_ci_matches_scipy(self):
        reference = pd.Series([1.0, 2.0, 4.0, 3.5], index=[0, 1, 2, 3])
        other = pd.Series([1.4, 2.1, 4.9, 3.6], index=[0, 1, 2, 3])
        result = paired_ci(reference, other)
        interval = stats.ttest_rel(other, reference).confidence_interval(0.95)
        self.assertAlmostEqual(result["ci_low"], interval.low)
        self.assertAlmostEqual(result["ci_high"], interval.high)

    def test_paired_ci_pairs_by_replicate_and_skips_missing(self):
        result = paired_ci(pd.Series([1.0, 2.0, np.nan]), pd.Series([3.0, 2.5, 1.0], index=[1, 0, 2]))
        self.assertAlmostEqual(result["difference"], ((2.5 - 1.0) + (3.0 - 2.0)) / 2)

    def test_identical_replicates_give_an_exact_difference(self):
        result = welch_ci([1.0, 1.0, 1.0], [1.5, 1.5])
        self.assertEqual((result["difference"], result["ci_low"], result["ci_high"]), (0.5, 0.5, 0.5))

    def test_replicate_means_skip_ticks_without_participants(self):
        series = pd.DataFrame({
            "scenario": "s", "replicate": [0, 0, 0, 1, 1, 1], "tick": [1, 2, 3, 1, 2, 3],
            "metric": "trust/past_year_participants", "column": "",
            "value": [0.5, np.nan, 0.7, 0.9, 1.1, 1.0]})
        means = replicate_means(series, "trust/past_year_participants")
        self.assertEqual(list(means["value"].round(9)), [0.6, 1.0])
        summary = summarise(means, by=["column"])
        self.assertAlmostEqual(summary["mean"].item(), 0.8)

    def test_a_ratio_is_the_ratio_of_the_mean_rates(self):
        # Low-educated rate 0.01 and 0.03 in two weeks, high 0.06: weekly ratios 6 and 2 (mean 4), while the
        # period's rates give 0.06 / 0.02 = 3. A group's representation: its rate over the overall rate.
        rates = [("education=low", [0.01, 0.03]), ("education=high", [0.06, 0.06])]
        series = pd.DataFrame(
            [("s", 0, tick, "participation/by_group", group, values[tick]) for group, values in rates
             for tick in (0, 1)] + [("s", 0, tick, "participation/overall", "", 0.04) for tick in (0, 1)],
            columns=["scenario", "replicate", "tick", "metric", "column", "value"])
        self.assertAlmostEqual(replicate_means(series, "representation/education_ratio")["value"].item(), 3.0)
        by_group = replicate_means(series, "representation/ratio_by_group").set_index("column")["value"]
        self.assertAlmostEqual(by_group["education=low"], 0.5)
        self.assertAlmostEqual(by_group["education=high"], 1.5)

    def test_a_ratio_without_its_rates_is_an_input_error(self):
        series = pd.DataFrame({"scenario": "s", "replicate": [0], "tick": [1], "metric": "representation/education_ratio",
                               "column": "", "value": [2.0]})
        with self.assertRaisesRegex(AnalysisInputError, "participation/by_group"):
            replicate_means(series, "representation/education_ratio")


if __name__ == "__main__":
    unittest.main()
