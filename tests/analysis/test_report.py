"""analysis.report: the files written, the embedded figures, and CSVs that parse back to the comparison."""

import tempfile
import unittest
from pathlib import Path

import pandas as pd

from analysis.compare import compare_runs
from analysis.load import load_runs
from analysis.report import write_report
from tests.analysis.make_fixture import write_standard_set
from tests.analysis.report_checks import SelfContainedReportChecks


class ReportTest(SelfContainedReportChecks, unittest.TestCase):
    minimum_figures = 7

    @classmethod
    def setUpClass(cls):
        cls.temporary = tempfile.TemporaryDirectory()
        folder = Path(cls.temporary.name)
        cls.runs = load_runs(write_standard_set(folder / "results"))
        cls.output = folder / "report"
        cls.report = write_report(cls.runs, cls.output, reference="inviting")
        cls.html = cls.report.read_text(encoding="utf-8")

    @classmethod
    def tearDownClass(cls):
        cls.temporary.cleanup()

    def test_writes_html_and_csv_and_no_temporary_files(self):
        self.assertEqual(self.report, self.output / "index.html")
        self.assertEqual(sorted(path.name for path in self.output.iterdir()),
                         ["differences.csv", "index.html", "summary.csv"])

    def test_intro_names_scenarios_roles_levers_and_provenance(self):
        for fragment in ("responsive", "inviting", "top_down", "levers.invitation_reach", "0.1.0",
                         "0123456789abcdef0123456789abcdef01234567", "weeks 30-80",
                         "The reference scenario is <b>inviting</b>"):
            self.assertIn(fragment, self.html)
        for seed in (11, 12, 13):
            self.assertRegex(self.html, rf"<td class=\"number\">{seed}</td>")

    def test_summary_csv_parses_to_the_comparison(self):
        summary = pd.read_csv(self.output / "summary.csv")
        expected = compare_runs(self.runs, reference="inviting").summary
        self.assertEqual(len(summary), len(expected))
        self.assertEqual(list(summary.columns), list(expected.columns))
        pd.testing.assert_series_equal(summary["mean"], expected["mean"], check_names=False)
        overall = summary.set_index(["scenario", "outcome"]).loc[("top_down", "participation_overall")]
        self.assertAlmostEqual(overall["mean"], 0.15 + 0.01 / 3)

    def test_differences_csv_is_against_the_chosen_reference(self):
        table = pd.read_csv(self.output / "differences.csv")
        self.assertEqual(set(table["reference"]), {"inviting"})
        self.assertEqual(set(table["scenario"]), {"responsive", "top_down"})
        row = table.set_index(["scenario", "outcome"]).loc[("top_down", "participation_overall")]
        self.assertAlmostEqual(row["difference"], -0.11)
        self.assertLess(row["ci_low"], row["difference"])


if __name__ == "__main__":
    unittest.main()
