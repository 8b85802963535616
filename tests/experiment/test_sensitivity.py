"""Sobol and Morris estimators against functions with known answers, sampled here with numpy."""

import unittest

import numpy as np

from analysis.sensitivity import morris_indices, saltelli_blocks, sobol_indices

# Ishigami with a = 7, b = 0.1 on [-pi, pi]^3: analytical indices.
ISHIGAMI_S1 = np.array([0.3139, 0.4424, 0.0])
ISHIGAMI_ST = np.array([0.5576, 0.4424, 0.2437])


def ishigami(x: np.ndarray) -> np.ndarray:
    return np.sin(x[:, 0]) + 7 * np.sin(x[:, 1]) ** 2 + 0.1 * x[:, 2] ** 4 * np.sin(x[:, 0])


def saltelli_outputs(function, n: int, k: int, low: float, high: float, seed: int):
    random = np.random.default_rng(seed)
    a = random.uniform(low, high, (n, k))
    b = random.uniform(low, high, (n, k))
    f_ab = np.empty((n, k))
    for i in range(k):
        mixed = a.copy()
        mixed[:, i] = b[:, i]
        f_ab[:, i] = function(mixed)
    return function(a), function(b), f_ab


def morris_rows(trajectories: int, k: int, levels: int, seed: int):
    """Trajectories on the unit grid, one coordinate moved by delta at a time."""
    random = np.random.default_rng(seed)
    delta = levels / (2 * (levels - 1))
    unit, trajectory, changed = [], [], []
    for t in range(trajectories):
        point = random.integers(0, levels // 2, k) / (levels - 1)
        unit.append(point.copy()); trajectory.append(t); changed.append(-1)
        for i in random.permutation(k):
            point[i] += delta
            unit.append(point.copy()); trajectory.append(t); changed.append(i)
    return np.array(unit), np.array(trajectory), np.array(changed)


class SobolTest(unittest.TestCase):
    def setUp(self):
        self.f_a, self.f_b, self.f_ab = saltelli_outputs(ishigami, 2 ** 14, 3, -np.pi, np.pi, seed=3)

    def test_ishigami_indices_match_the_analytical_values(self):
        table = sobol_indices(self.f_a, self.f_b, self.f_ab, bootstrap=200)
        np.testing.assert_allclose(table["S1"], ISHIGAMI_S1, atol=0.03)
        np.testing.assert_allclose(table["ST"], ISHIGAMI_ST, atol=0.03)

    def test_bootstrap_intervals_are_narrow_and_cover_the_truth(self):
        table = sobol_indices(self.f_a, self.f_b, self.f_ab, bootstrap=300, seed=1)
        for name, truth in (("S1", ISHIGAMI_S1), ("ST", ISHIGAMI_ST)):
            low, high = table[f"{name}_low"].to_numpy(), table[f"{name}_high"].to_numpy()
            self.assertTrue(np.all(low <= table[name]) and np.all(table[name] <= high))
            self.assertTrue(np.all(high - low < 0.1), f"{name} intervals too wide: {high - low}")
            self.assertTrue(np.all((low - 0.01 <= truth) & (truth <= high + 0.01)), f"{name}: {low} .. {high}")

    def test_blocks_are_recovered_from_shuffled_design_rows(self):
        n, k = 50, 3
        kind = ["A"] * n + ["B"] * n + ["AB"] * (n * k)
        sample = list(range(n)) * (2 + k)
        changed = [-1] * (2 * n) + [i for i in range(k) for _ in range(n)]
        values = np.concatenate([self.f_a[:n], self.f_b[:n], self.f_ab[:n].T.reshape(-1)])
        order = np.random.default_rng(0).permutation(len(values))
        f_a, f_b, f_ab = saltelli_blocks(np.array(kind)[order], np.array(sample)[order],
                                         np.array(changed)[order], values[order], k)
        np.testing.assert_array_equal(f_a, self.f_a[:n])
        np.testing.assert_array_equal(f_b, self.f_b[:n])
        np.testing.assert_array_equal(f_ab, self.f_ab[:n])

    def test_a_missing_row_is_an_error(self):
        with self.assertRaises(ValueError):
            saltelli_blocks(["A", "B", "AB"], [0, 0, 0], [-1, -1, 0], [1.0, 2.0, 3.0], k=2)


class MorrisTest(unittest.TestCase):
    def test_linear_function_gives_its_coefficients_and_no_spread(self):
        unit, trajectory, changed = morris_rows(20, 3, 4, seed=5)
        values = 2 * unit[:, 0] - 3 * unit[:, 1] + 0 * unit[:, 2]
        table = morris_indices(unit, trajectory, changed, values, ["a", "b", "c"])
        np.testing.assert_allclose(table["mu"], [2, -3, 0], atol=1e-12)
        np.testing.assert_allclose(table["mu_star"], [2, 3, 0], atol=1e-12)
        np.testing.assert_allclose(table["sigma"], [0, 0, 0], atol=1e-12)
        self.assertEqual(list(table["effects"]), [20, 20, 20])

    def test_interaction_shows_as_spread_and_scale_converts_units(self):
        unit, trajectory, changed = morris_rows(30, 3, 4, seed=6)
        values = unit[:, 0] * unit[:, 1]
        table = morris_indices(unit, trajectory, changed, values, ["a", "b", "c"])
        self.assertGreater(table["sigma"][0], 0.1)
        self.assertGreater(table["sigma"][1], 0.1)
        self.assertEqual(table["mu_star"][2], 0)
        scaled = morris_indices(unit, trajectory, changed, values, ["a", "b", "c"], scale=np.array([10.0, 1, 1]))
        self.assertAlmostEqual(scaled["mu"][0], table["mu"][0] / 10)


if __name__ == "__main__":
    unittest.main()
