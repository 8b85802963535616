"""analysis.stability on replicate values whose rankings are known by construction."""

import unittest

import numpy as np
import pandas as pd

from analysis.stability import ranking, stability


def values(levels: dict[str, float], noise: float, replicates: int, seed: int = 3) -> pd.DataFrame:
    """Paired replicates: a shared replicate effect plus each scenario's level plus its own noise."""
    random = np.random.default_rng(seed)
    shared = random.normal(0, 0.05, replicates)
    rows = [{"scenario": name, "replicate": r, "outcome": outcome,
             "value": level + shared[r] + random.normal(0, noise)}
            for outcome in ("past_year_overall", "past_year_low")
            for name, level in levels.items() for r in range(replicates)]
    return pd.DataFrame(rows)


class StabilityTest(unittest.TestCase):
    def test_well_separated_scenarios_rank_the_same_and_resolved_from_three_replicates(self):
        table = stability(values({"a": 0.3, "b": 0.2, "c": 0.1}, 0.002, 12), [3, 6], draws=20, seed=1)
        subsets = table[table["k"] < 12]
        self.assertTrue((subsets["same_order"] == 1.0).all())
        self.assertTrue((subsets["all_resolved"] == 1.0).all())
        self.assertEqual(table["reference_order"].iloc[0], "a > b > c")

    def test_a_pair_within_noise_is_often_unresolved_and_sometimes_swapped(self):
        table = stability(values({"a": 0.3, "b": 0.201, "c": 0.2}, 0.01, 12), [2, 4], draws=100, seed=1)
        at_two = table[table["k"] == 2].iloc[0]
        self.assertLess(at_two["same_order"], 0.9)
        self.assertLess(at_two["all_resolved"], 0.5)

    def test_the_shared_replicate_effect_cancels_in_paired_intervals(self):
        # The replicate effect (sd 0.05) dwarfs the 0.02 gap, but it is shared, so pairs are told apart.
        data = values({"a": 0.22, "b": 0.20}, 0.001, 5)
        rows = data[data["outcome"] == "past_year_overall"].pivot(index="scenario", columns="replicate",
                                                                  values="value")
        self.assertEqual(ranking(rows, higher_is_better=True), (["a", "b"], True))


if __name__ == "__main__":
    unittest.main()
