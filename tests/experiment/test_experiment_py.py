"""analysis.experiment on experiment files laid out as docs/experiments.md describes: a Sobol design of
the Ishigami function (known indices), a Morris design of a linear function, and named scenarios."""

import contextlib
import io
import tempfile
import unittest
from pathlib import Path

import h5py
import numpy as np
import pandas as pd

from analysis.__main__ import main as analysis_main
from analysis.experiment import compare_scenarios, load_experiment, main, sensitivity_table, write_tables
from analysis.load import AnalysisInputError
from analysis.report import write_experiment_report
from test_sensitivity import ISHIGAMI_S1, ISHIGAMI_ST, ishigami

STRING = h5py.string_dtype()


def write_experiment(path, method, labels, kinds, samples, changed, unit, parameters, outcomes, names, done=None):
    """outcomes: [runs, replicates, outcomes]; parameters: list of (path, min, max)."""
    runs = len(labels)
    with h5py.File(path, "w") as f:
        f.attrs.update({"format_version": 1, "kind": "experiment", "method": method, "experiment_json": "{}",
                        "experiment_name": f"test_{method}", "replicates": outcomes.shape[1], "runs": runs})
        f["design/run"] = np.arange(runs)
        f["design/label"] = np.array(labels, dtype=object).astype(STRING)
        f["design/kind"] = np.array(kinds, dtype=object).astype(STRING)
        f["design/sample"] = np.asarray(samples)
        f["design/changed"] = np.asarray(changed)
        f["runs/seed"] = np.arange(runs) + 100
        f["runs/residents"] = np.full(runs, 300)
        f["runs/done"] = np.ones(runs, dtype=np.int64) if done is None else np.asarray(done)
        if parameters:
            low = np.array([p[1] for p in parameters])
            high = np.array([p[2] for p in parameters])
            f["design/unit"] = unit
            f["design/values"] = low + unit * (high - low)
            f["parameters/path"] = np.array([p[0] for p in parameters], dtype=object).astype(STRING)
            f["parameters/min"] = low
            f["parameters/max"] = high
            f["parameters/integer"] = np.zeros(len(parameters), dtype=np.int64)
            f["parameters/choices"] = np.array([""] * len(parameters), dtype=object).astype(STRING)
        values = f.create_dataset("outcomes/values", data=outcomes)
        values.attrs["columns"] = np.array(names, dtype=object).astype(STRING)


class ExperimentFileTest(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.TemporaryDirectory()
        self.addCleanup(self.folder.cleanup)

    def path(self, name):
        return Path(self.folder.name) / name

    def test_sobol_design_of_ishigami_gives_its_indices(self):
        n, k = 4096, 3
        random = np.random.default_rng(11)
        a, b = random.random((n, k)), random.random((n, k))
        unit, kinds, samples, changed = [], [], [], []
        for j in range(n):
            rows = [(a[j], "A", -1), (b[j], "B", -1)]
            for i in range(k):
                mixed = a[j].copy()
                mixed[i] = b[j][i]
                rows.append((mixed, "AB", i))
            for point, kind, moved in rows:
                unit.append(point); kinds.append(kind); samples.append(j); changed.append(moved)
        unit = np.array(unit)
        x = -np.pi + 2 * np.pi * unit
        # Two replicates that differ by noise-free offsets of opposite sign: their mean is the function.
        outcomes = np.stack([ishigami(x) + 0.5, ishigami(x) - 0.5], axis=1)[:, :, None]
        parameters = [("x1", -np.pi, np.pi), ("x2", -np.pi, np.pi), ("x3", -np.pi, np.pi)]
        write_experiment(self.path("sobol.h5"), "sobol", [f"{k} {s}" for k, s in zip(kinds, samples)], kinds,
                         samples, changed, unit, parameters, outcomes, ["y"])
        data = load_experiment(self.path("sobol.h5"))
        self.assertEqual(len(data.outcomes), len(unit) * 2)
        table = sensitivity_table(data, bootstrap=50)
        self.assertEqual(list(table["parameter"]), ["x1", "x2", "x3"])
        np.testing.assert_allclose(table["S1"], ISHIGAMI_S1, atol=0.05)
        np.testing.assert_allclose(table["ST"], ISHIGAMI_ST, atol=0.05)

    def test_morris_effects_per_full_range_or_per_parameter_unit(self):
        unit = np.array([[0, 0], [2 / 3, 0], [2 / 3, 2 / 3], [1 / 3, 1], [1 / 3, 1 / 3], [1, 1 / 3]])
        trajectory, changed = [0, 0, 0, 1, 1, 1], [-1, 0, 1, -1, 1, 0]
        values = 10 * unit[:, 0] * 5 - 2 * unit[:, 1]  # parameter 1 spans 0..10: 5 per unit of it
        outcomes = values[:, None, None]
        write_experiment(self.path("morris.h5"), "morris", ["t"] * 6, ["start", "step", "step"] * 2, trajectory,
                         changed, unit, [("a", 0, 10), ("b", 0, 1)], outcomes, ["y"])
        data = load_experiment(self.path("morris.h5"))
        per_range = sensitivity_table(data)
        np.testing.assert_allclose(per_range["mu"], [50, -2])
        np.testing.assert_allclose(per_range["mu_star"], [50, 2])
        per_unit = sensitivity_table(data, morris_per_parameter_unit=True)
        np.testing.assert_allclose(per_unit["mu"], [5, -2])

    def test_named_scenarios_compare_with_intervals_and_differences(self):
        outcomes = np.array([[[0.10], [0.12], [0.11]], [[0.20], [0.22], [0.21]]])
        write_experiment(self.path("roles.h5"), "scenarios", ["top_down", "inviting"], ["scenario"] * 2, [0, 1],
                         [-1, -1], None, [], outcomes, ["participation/overall"])
        data = load_experiment(self.path("roles.h5"))
        summary, differences = compare_scenarios(data, reference="top_down")
        self.assertEqual(list(summary["scenario"]), ["top_down", "inviting"])
        np.testing.assert_allclose(summary["mean"], [0.11, 0.21])
        self.assertTrue((summary["ci_low"] < summary["mean"]).all())
        self.assertAlmostEqual(differences["difference"].iloc[0], 0.10)
        written = write_tables(data, self.path("tables"))
        self.assertIn(self.path("tables") / "differences.csv", written)

    def test_command_line_prints_the_table_and_reports_bad_input(self):
        outcomes = np.array([[[0.10], [0.12]], [[0.20], [0.22]]])
        write_experiment(self.path("roles.h5"), "scenarios", ["top_down", "inviting"], ["scenario"] * 2, [0, 1],
                         [-1, -1], None, [], outcomes, ["participation/overall"])
        output = io.StringIO()
        with contextlib.redirect_stdout(output):
            self.assertEqual(main([str(self.path("roles.h5")), "--reference", "inviting"]), 0)
        self.assertIn("top_down", output.getvalue())
        with contextlib.redirect_stderr(io.StringIO()) as errors:
            self.assertEqual(main([str(self.path("missing.h5"))]), 2)
        self.assertIn("missing.h5", errors.getvalue())

    def test_unfinished_runs_are_left_out_and_block_sensitivity(self):
        outcomes = np.array([[[1.0]], [[np.nan]]])
        write_experiment(self.path("partial.h5"), "morris", ["a", "b"], ["start", "step"], [0, 0], [-1, 0],
                         np.array([[0.0], [2 / 3]]), [("a", 0, 1)], outcomes, ["y"], done=[1, 0])
        data = load_experiment(self.path("partial.h5"))
        self.assertEqual(list(data.outcomes["run"]), [0])
        with self.assertRaisesRegex(AnalysisInputError, "not done"):
            sensitivity_table(data)

    def test_the_analysis_command_line_has_the_experiment_command(self):
        outcomes = np.array([[[0.10], [0.12]], [[0.20], [0.22]]])
        write_experiment(self.path("roles.h5"), "scenarios", ["top_down", "inviting"], ["scenario"] * 2, [0, 1],
                         [-1, -1], None, [], outcomes, ["participation/overall"])
        output = io.StringIO()
        with contextlib.redirect_stdout(output):
            self.assertEqual(analysis_main(["experiment", str(self.path("roles.h5"))]), 0)
        self.assertRegex(output.getvalue(), r"participation/overall +0\.11 ± .* +0\.21 ± ")
        self.assertIn("Difference from top_down", output.getvalue())

    def test_report_on_an_unfinished_design_says_so_and_keeps_the_done_runs(self):
        outcomes = np.array([[[1.0]], [[2.0]], [[np.nan]]])
        write_experiment(self.path("partial.h5"), "morris", ["a", "b", "c"], ["start", "step", "step"], [0, 0, 0],
                         [-1, 0, 0], np.array([[0.0], [2 / 3], [0.0]]), [("a", 0, 1)], outcomes, ["y"],
                         done=[1, 1, 0])
        report, *tables = write_experiment_report(load_experiment(self.path("partial.h5")), self.path("report"))
        html = report.read_text(encoding="utf-8")
        self.assertIn("1 of 3 runs are not done", html)
        self.assertIn("Not computed", html)
        self.assertEqual(html.count("<img "), 1)  # the parameter scatter of the done runs
        self.assertEqual(sorted(path.name for path in tables), ["design.csv", "outcomes.csv", "run_means.csv"])
        self.assertEqual(list(pd.read_csv(self.path("report") / "run_means.csv")["run"]), [0, 1])

    def test_a_single_run_file_is_refused_with_a_pointer(self):
        with h5py.File(self.path("run.h5"), "w") as f:
            f.attrs["format_version"] = 1
        with self.assertRaisesRegex(AnalysisInputError, "not a wijksim experiment"):
            load_experiment(self.path("run.h5"))


if __name__ == "__main__":
    unittest.main()
