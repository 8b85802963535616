"""analysis.studio_summary: the studio's numbers are those of compare_runs, and the map's gemeente values are
the residents-weighted means of its buurten."""

import json
import unittest

import numpy as np

from analysis.compare import compare_runs, cost_per_extra_participant, replicate_means
from analysis.load import load_runs
from analysis.studio_summary import gemeente_of, main, studio_summary
from tests.analysis.make_fixture import BUURTEN, FixtureFolder


class StudioSummary(FixtureFolder):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.files = cls.paths
        cls.summary = studio_summary(cls.files)
        cls.runs = load_runs(cls.files)

    def test_decision_numbers_are_those_of_compare(self):
        comparison = compare_runs(self.runs)
        decision = self.summary["decision"]
        self.assertEqual(decision["reference"], comparison.reference)
        expected = comparison.differences.set_index(["scenario", "outcome"])
        for row in decision["differences"]:
            self.assertEqual(row["difference"], expected.loc[(row["scenario"], row["outcome"]), "difference"])
        prices = cost_per_extra_participant(self.runs, comparison).set_index("scenario")
        for row in decision["cost_per_extra_participant"]:
            self.assertEqual(row["extra_cost_per_year"], prices.loc[row["scenario"], "extra_cost_per_year"])

    def test_total_cost_is_per_resident_cost_times_residents(self):
        means = compare_runs(self.runs).summary.set_index(["scenario", "outcome"])["mean"]
        for row in self.summary["decision"]["cost"]:
            self.assertAlmostEqual(row["cost_total_year"],
                                   means[(row["scenario"], "cost_per_resident_year")] * row["residents"], places=6)

    def test_gemeente_value_is_the_residents_weighted_mean_of_its_buurten(self):
        reference = self.runs.scenarios[0]
        means = replicate_means(self.runs.series, "liveability/by_buurt")
        means = means[means["scenario"] == reference].groupby("column", observed=True)["value"].mean()
        residents = {code: count for code, _, _, _, count, _, _ in BUURTEN}
        expected = sum(means[code] * residents[code] for code in residents) / sum(residents.values())
        gemeente = next(row for row in self.summary["map"]["gemeente"] if row["scenario"] == reference)
        self.assertEqual(gemeente["code"], "GM0001")
        self.assertAlmostEqual(gemeente["liveability"], expected, places=12)
        self.assertEqual(gemeente["liveability_change"], 0.0)

    def test_codes_to_gemeente(self):
        self.assertEqual([gemeente_of(c) for c in ("BU03440831", "WK051801", "GM0518", "vital-1")],
                         ["GM0344", "GM0518", "GM0518", None])

    def test_command_line_writes_strict_json(self):
        out = self.folder / "summary.json"
        self.assertEqual(main([*map(str, self.files), "--output", str(out)]), 0)
        summary = json.loads(out.read_text(), parse_constant=lambda name: self.fail(f"{name} in the JSON"))
        self.assertEqual(summary["scenarios"], self.runs.scenarios)
        self.assertTrue(np.isfinite([p["mean"] for p in summary["series"][0]["points"]]).all())

    def test_bad_file_is_exit_status_2(self):
        self.assertEqual(main([str(self.folder / "missing.h5"), "--output", str(self.folder / "x.json")]), 2)


if __name__ == "__main__":
    unittest.main()
