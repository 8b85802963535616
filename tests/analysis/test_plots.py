"""analysis.plots: each figure draws every scenario, and renders to PNG."""

import io
import tempfile
import unittest
from pathlib import Path

from analysis import plots
from analysis.compare import compare_runs
from analysis.decision import decision_summary
from analysis.load import load_runs
from tests.analysis.make_fixture import BUURTEN, GROUPS, write_standard_set

SCENARIOS = ["responsive", "inviting", "top_down"]


class PlotsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.temporary = tempfile.TemporaryDirectory()
        cls.runs = load_runs(write_standard_set(Path(cls.temporary.name)))
        cls.series = cls.runs.series
        cls.comparison = compare_runs(cls.runs)

    @classmethod
    def tearDownClass(cls):
        cls.temporary.cleanup()

    def assert_renders(self, figure):
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
        self.assertGreater(len(buffer.getvalue()), 5000)

    def test_time_series_has_a_line_and_band_per_scenario_in_each_panel(self):
        figure = plots.time_series(self.series)
        visible = [ax for ax in figure.axes if ax.get_visible()]
        self.assertEqual(len(visible), len(plots.ACTIVITY_PANELS))
        for ax in visible:
            self.assertEqual([line.get_label() for line in ax.get_lines()], SCENARIOS)
            self.assertEqual(len(ax.collections), len(SCENARIOS))
        self.assert_renders(figure)

    def test_band_is_the_t_interval_over_replicates(self):
        rows = self.series[(self.series["metric"] == "participation/overall") & (self.series["tick"] == 80)]
        band = plots.tick_bands(rows).set_index("scenario").loc["responsive"]
        # Values 0.20 + 0.01 * (-1, 0, 2) - 0.005: mean 0.19833, half 3.794583 * 0.01.
        self.assertAlmostEqual(band["mean"], 0.20 + 0.01 / 3 - 0.005)
        self.assertAlmostEqual(band["high"] - band["mean"], 0.03794583, places=6)

    def test_a_ratio_panel_draws_the_ratio_of_the_replicates_mean_rates(self):
        rows = self.series[(self.series["tick"] == 80) & (self.series["scenario"] == "responsive")]
        rates = rows[rows["metric"] == "participation/by_group"].pivot(index="replicate", columns="column",
                                                                        values="value")
        ratio = rates["education=high"].mean() / rates["education=low"].mean()
        band = plots.ratio_bands(self.series, "representation/education_ratio", "").set_index(["scenario", "tick"])
        self.assertAlmostEqual(band.loc[("responsive", 80), "mean"], ratio)
        weekly = plots.tick_bands(rows[rows["metric"] == "representation/education_ratio"])["mean"].item()
        self.assertGreater(weekly - ratio, 1e-4)  # the mean of the weekly ratios is higher
        # The ratio estimator's band: residuals high - ratio * low over replicates.
        residual = rates["education=high"] - ratio * rates["education=low"]
        half = 4.302652729911275 * residual.std(ddof=1) / (3 ** 0.5 * rates["education=low"].mean())
        self.assertAlmostEqual(band.loc[("responsive", 80), "high"] - ratio, half)

    def test_group_bars_have_a_bar_per_group_and_scenario(self):
        for make in (plots.participation_by_group, plots.representation_by_group, plots.trust_by_group):
            figure = make(self.series)
            ax = figure.axes[0]
            self.assertEqual(len(ax.patches), len(GROUPS) * len(SCENARIOS))
            self.assertEqual(len(ax.get_xticklabels()), len(GROUPS))
            self.assert_renders(figure)

    def test_liveability_has_a_point_per_buurt_per_scenario(self):
        figure = plots.liveability_start_end(self.series, self.runs.buurten)
        panels = [ax for ax in figure.axes if ax.get_title() in SCENARIOS]
        self.assertEqual([ax.get_title() for ax in panels], SCENARIOS)
        for ax in panels:
            self.assertEqual(sum(len(points.get_offsets()) for points in ax.collections), len(BUURTEN))
        self.assert_renders(figure)

    def test_inequality_and_cost_figures_render(self):
        self.assert_renders(plots.inequality_over_time(self.series))
        figure = plots.cost_against_effect(decision_summary(self.runs, comparison=self.comparison))
        self.assertEqual(len(figure.axes), len(plots.EFFECT_PANELS))
        for ax in figure.axes:
            labels = [text.get_text() for text in ax.texts]
            self.assertEqual(labels, ["responsive (reference)", "inviting", "top_down"])
        self.assert_renders(figure)


if __name__ == "__main__":
    unittest.main()
