"""analysis.report: the files written, the embedded figures, and CSVs that parse back to the comparison."""

import re
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
                         ["decision.json", "differences.csv", "index.html", "summary.csv"])

    def test_the_decision_summary_and_cost_against_effect_come_first(self):
        decision = self.html.index("Decision summary")
        first_figure = self.html.index("<figure")
        self.assertLess(decision, first_figure)
        self.assertIn("Cost against effect", self.html[first_figure:first_figure + 300])
        for later in ("Key outcomes", "<h3>Levers</h3>", "<h3>Provenance</h3>"):
            self.assertLess(first_figure, self.html.index(later), later)
        self.assertLess(self.html.index("Key outcomes"), self.html.index("<h3>Levers</h3>"))

    def test_shares_are_in_percent(self):
        # top_down weekly participation: 0.15 + 0.01 / 3 = 15.3 %; inviting past-year low 0.30 + 0.01/3 = 30.3 %.
        self.assertIn("15.33 ± 3.79 %", self.html)
        self.assertIn("30.33 ± 3.79 %", self.html)
        row = re.search(r"<tr><td>weekly participation, all residents.*?</tr>", self.html).group(0)
        self.assertEqual(row.count(" %</td>"), 3, row)

    def test_intro_names_scenarios_roles_levers_and_provenance(self):
        for fragment in ("responsive", "inviting", "top_down", "levers.invitation_reach", "0.1.0",
                         "0123456789abcdef0123456789abcdef01234567", "weeks 30-80",
                         "The reference scenario is <b>inviting</b>"):
            self.assertIn(fragment, self.html)
        for seed in (11, 12, 13):
            self.assertRegex(self.html, rf"<td class=\"number\">{seed}</td>")

    def test_it_says_how_real_the_composition_is(self):
        # Education from the first two buurten's own rows (1,200 + 1,000 residents), the third's gemeente (800).
        section = self.html[self.html.index("How real the composition is"):]
        row = re.search(r"<tr><td>education</td>.*?</tr>", section).group(0)
        self.assertEqual(re.findall(r"<td class=\"number\">([\d.]+)</td>", row), ["73.3", "26.7"])
        self.assertIn("<th>own unit</th>", section)

    def test_the_data_notes_lead_with_the_caveats(self):
        section = self.html[self.html.index("<h3>Data notes</h3>"):]
        caveats = section[:section.index("<details>")]
        self.assertIn("<li>buurt size: 1 of 3 buurten", caveats)
        self.assertNotIn("suppressed", caveats)
        self.assertIn("2 more note(s)", section)
        self.assertIn("<li>BU00000003 education: suppressed, took GM0000</li>", section)

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
