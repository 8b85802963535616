"""analysis.studio_summary: the studio shows the numbers of `analysis compare --json` and of the report's maps,
not numbers of its own, and writes strict JSON."""

import json
import unittest

import numpy as np

from analysis.decision import decision_summary, to_json
from analysis.load import load_runs
from analysis.maps import buurt_outcomes
from analysis.studio_summary import main, studio_summary
from tests.analysis.make_fixture import BUURTEN, FixtureFolder


class StudioSummary(FixtureFolder):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.files = cls.paths
        cls.summary = studio_summary(cls.files)
        cls.runs = load_runs(cls.files)

    def test_decision_is_the_summary_compare_prints(self):
        expected = json.loads(to_json(decision_summary(self.runs)))
        self.assertEqual(self.summary["decision"], expected)

    def test_changes_and_total_costs_are_present_for_each_alternative(self):
        decision = self.summary["decision"]
        alternatives = [a for a in decision["alternatives"] if not a["is_reference"]]
        self.assertEqual(len(alternatives), len(self.files) - 1)
        for alternative in alternatives:
            gap = alternative["outcomes"]["vulnerability_gap"]
            self.assertLessEqual(gap["change_ci_low"], gap["change"])
            self.assertLessEqual(gap["change"], gap["change_ci_high"])
            self.assertIn("cost_per_year", alternative["outcomes"])

    def test_gemeente_value_is_the_residents_weighted_mean_of_its_buurten(self):
        reference = self.summary["decision"]["reference"]
        buurten = buurt_outcomes(self.runs, reference)
        buurten = buurten[buurten["scenario"] == reference].set_index("code")
        residents = {row[0]: row[4] for row in BUURTEN}
        expected = sum(buurten.at[code, "value"] * n for code, n in residents.items()) / sum(residents.values())
        gemeente = next(row for row in self.summary["map"]["gemeente"] if row["scenario"] == reference)
        self.assertEqual(gemeente["code"], "GM0001")
        self.assertAlmostEqual(gemeente["value"], expected, places=12)
        self.assertEqual(gemeente["change"], 0.0)

    def test_command_line_writes_strict_json(self):
        out = self.folder / "summary.json"
        self.assertEqual(main([*map(str, self.files), "--output", str(out)]), 0)
        summary = json.loads(out.read_text(), parse_constant=lambda name: self.fail(f"{name} in the JSON"))
        self.assertEqual(summary["scenarios"], self.runs.scenarios)
        self.assertTrue(summary["series"])
        self.assertTrue(np.isfinite([p["mean"] for p in summary["series"][0]["points"]]).all())

    def test_bad_file_is_exit_status_2(self):
        self.assertEqual(main([str(self.folder / "missing.h5"), "--output", str(self.folder / "x.json")]), 2)


if __name__ == "__main__":
    unittest.main()
