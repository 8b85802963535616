"""The price of representation: extra yearly cost per extra low-educated participant, by hand."""
import unittest

import pandas as pd

from analysis.compare import COST_PER_RESIDENT_YEAR, Comparison, cost_per_extra_participant, low_educated_residents
from analysis.load import RunData, RunSet


def run(name, residents, low_shares):
    buurten = pd.DataFrame({"code": ["B1", "B2"], "residents": [residents // 2, residents // 2]})
    fit = pd.DataFrame({"buurt": ["B1", "B1", "B2", "B2"], "marginal": ["education", "age_group"] * 2,
                        "category": ["low", "15-24"] * 2, "achieved": [low_shares[0], 0.2, low_shares[1], 0.2]})
    return RunData(path=name, meta={"residents": residents, "scenario_name": name}, series=pd.DataFrame(),
                   tables={"buurten": buurten, "fit": fit}, buurten=buurten)


def comparison(means):
    rows = [{"scenario": s, "outcome": o, "mean": v} for (s, o), v in means.items()]
    return Comparison(values=pd.DataFrame(), summary=pd.DataFrame(rows), differences=pd.DataFrame(),
                      reference="responsive")


class CostPerExtraParticipant(unittest.TestCase):
    def test_low_educated_residents_from_the_fit_table(self):
        # 500 residents at 40% low and 500 at 20%: 300.
        self.assertAlmostEqual(low_educated_residents(run("x", 1000, (0.4, 0.2))), 300.0)

    def test_without_fit_table_the_count_is_unknown(self):
        plain = run("x", 1000, (0.4, 0.2))
        plain.tables.pop("fit")
        self.assertTrue(pd.isna(low_educated_residents(plain)))

    def test_price_per_extra_participant(self):
        runs = RunSet([run("responsive", 1000, (0.4, 0.2)), run("inviting", 1000, (0.4, 0.2)),
                       run("withdrawing", 1000, (0.4, 0.2))])
        table = cost_per_extra_participant(runs, comparison({
            ("responsive", COST_PER_RESIDENT_YEAR): 100.0, ("responsive", "participation_low"): 0.02,
            ("inviting", COST_PER_RESIDENT_YEAR): 130.0, ("inviting", "participation_low"): 0.05,
            ("withdrawing", COST_PER_RESIDENT_YEAR): 60.0, ("withdrawing", "participation_low"): 0.01,
        })).set_index("scenario")
        # 30 euro x 1000 residents a year for 0.03 x 300 = 9 extra participants.
        self.assertAlmostEqual(table.loc["inviting", "extra_cost_per_year"], 30000.0)
        self.assertAlmostEqual(table.loc["inviting", "extra_low_educated_participants"], 9.0)
        self.assertAlmostEqual(table.loc["inviting", "cost_per_extra_participant"], 30000.0 / 9.0)
        self.assertTrue(pd.isna(table.loc["withdrawing", "cost_per_extra_participant"]))
        self.assertNotIn("responsive", table.index)


if __name__ == "__main__":
    unittest.main()
