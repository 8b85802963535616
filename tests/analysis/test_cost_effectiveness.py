"""The decision summary (analysis.decision) on fixtures with values known in advance: the price of an extra
past-year participant with low education, the total cost for the municipality, rankings and the JSON form."""
import dataclasses
import json
import tempfile
import unittest
from pathlib import Path

import h5py

from analysis.decision import cost_per_extra_participant, decision_summary, format_decision_table, to_json
from analysis.compare import compare_runs
from analysis.load import load_runs
from tests.analysis.make_fixture import LEVERS, LOW_EDUCATED, RESIDENTS, STANDARD_SCENARIOS, write_fixture

# Cost per tick: n levers at level L with scale 100, so a replicate's sum is n L + 100 n * (-1, 0, 2); per year
# (52 ticks) for the 3000 simulated residents. Past-year participation of the low educated: 1.5 times the
# weekly level, scale 0.01.
def cost_per_year(level):
    return 52 * len(LEVERS) * (level + 100 / 3)


class DecisionSummaryTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.temporary = tempfile.TemporaryDirectory()
        folder = Path(cls.temporary.name)
        paths = [write_fixture(folder / f"{s.name}.h5", dataclasses.replace(s, seed=7)) for s in STANDARD_SCENARIOS]
        cls.runs = load_runs(paths)
        cls.summary = decision_summary(cls.runs, reference="top_down")
        cls.by_name = {a["name"]: a for a in cls.summary["alternatives"]}

    @classmethod
    def tearDownClass(cls):
        cls.temporary.cleanup()

    def test_the_reference_is_explicit_and_paired(self):
        self.assertEqual(self.summary["reference"], "top_down")
        self.assertTrue(self.by_name["top_down"]["is_reference"])
        self.assertIsNone(self.by_name["top_down"]["paired"])
        self.assertTrue(self.by_name["inviting"]["paired"])

    def test_cost_per_year_for_the_whole_municipality(self):
        cell = self.by_name["inviting"]["outcomes"]["cost_per_year"]
        self.assertAlmostEqual(cell["value"], cost_per_year(800))
        self.assertAlmostEqual(cell["change"], cost_per_year(800) - cost_per_year(300))
        self.assertAlmostEqual(cell["change_ci_low"], cell["change"])  # the same spread: an exact change
        self.assertTrue(cell["resolved"])

    def test_price_of_an_extra_past_year_participant(self):
        price = self.by_name["inviting"]["cost_per_extra_participant"]
        extra_cost = 52 * len(LEVERS) * (800 - 300)
        extra_participants = 1.5 * (0.20 - 0.08) * LOW_EDUCATED
        self.assertAlmostEqual(price["extra_cost_per_year"], extra_cost)
        self.assertAlmostEqual(price["extra_participants"], extra_participants)
        self.assertAlmostEqual(price["value"], extra_cost / extra_participants)
        # Every replicate changes by the same amount: the bootstrap interval is the value itself.
        self.assertAlmostEqual(price["ci_low"], price["value"])
        self.assertAlmostEqual(price["ci_high"], price["value"])

    def test_no_price_without_extra_participants(self):
        summary = decision_summary(self.runs, reference="inviting")
        price = next(a for a in summary["alternatives"] if a["name"] == "top_down")["cost_per_extra_participant"]
        self.assertNotEqual(price["value"], price["value"])  # NaN
        self.assertIn("no extra", price["note"])

    def test_a_scaled_cbs_run_stands_for_the_whole_municipality(self):
        comparison = compare_runs(self.runs, "top_down")
        run = self.runs.runs[1]
        scaled = dataclasses.replace(run, meta={**run.meta, "scenario": {"municipality": {"cbs": {"scale": 0.1}}}})
        price = cost_per_extra_participant(comparison, scaled, self.runs.runs[2], paired=True)
        self.assertAlmostEqual(price["extra_participants"], 1.5 * 0.12 * LOW_EDUCATED * 10)
        self.assertEqual(self.by_name["inviting"]["represented_residents"], RESIDENTS)

    def test_rankings_say_when_an_order_is_not_resolved(self):
        ranking = self.summary["rankings"]["vulnerability_gap"]
        self.assertEqual(ranking["order"], ["inviting", "responsive", "top_down"])
        self.assertEqual(ranking["resolved"], [True, True])

    def test_json_has_no_nan_and_round_trips(self):
        text = to_json(self.summary)
        self.assertNotIn("NaN", text)
        parsed = json.loads(text)
        self.assertEqual(parsed["kind"], "wijksim decision summary")
        self.assertEqual([a["name"] for a in parsed["alternatives"]], ["responsive", "inviting", "top_down"])

    def test_terminal_table_leads_with_the_gap_and_shows_percentage_points(self):
        table = format_decision_table(self.summary)
        rows = [line for line in table.splitlines() if line.startswith(("liveability gap", "past-year"))]
        self.assertTrue(rows[0].startswith("liveability gap"))
        self.assertIn("+18.0±0.0 pp", table)  # inviting past-year low: 1.5 * (0.20 - 0.08), exact
        self.assertIn("Ranking on liveability gap", table)


class UnresolvedOrderTest(unittest.TestCase):
    def test_overlapping_alternatives_are_not_ordered(self):
        with tempfile.TemporaryDirectory() as folder:
            reference = dataclasses.replace(STANDARD_SCENARIOS[0], seed=7)
            # Same gap level as the reference, and a different spread: the paired change is 0 +- something.
            twin = dataclasses.replace(reference, name="twin", scale_factor={("liveability/vulnerability_gap", ""): 3})
            paths = [write_fixture(Path(folder) / f"{s.name}.h5", s) for s in (reference, twin)]
            summary = decision_summary(load_runs(paths))
            gap = summary["alternatives"][1]["outcomes"]["vulnerability_gap"]
            self.assertFalse(gap["resolved"])
            self.assertEqual(summary["rankings"]["vulnerability_gap"]["resolved"], [False])
            self.assertIn(" ~ ", format_decision_table(summary))


if __name__ == "__main__":
    unittest.main()
