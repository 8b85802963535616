"""`python3 -m analysis report` and `python3 -m analysis experiment` on real experiment files, written by the
wijksim binary (path in the environment variable WIJKSIM_BIN, set by ctest) from the small experiments in
tests/experiment/data: named scenarios, a Sobol design, a Morris design and a Latin hypercube."""

import json
import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

import h5py
import numpy as np
import pandas as pd

from tests.analysis.report_checks import SelfContainedReportChecks

REPO_ROOT = Path(__file__).resolve().parents[2]
EXPERIMENTS = REPO_ROOT / "tests" / "experiment" / "data"


def wijksim_binary() -> str:
    binary = os.environ.get("WIJKSIM_BIN")
    if not binary or not Path(binary).is_file():
        raise RuntimeError(f"WIJKSIM_BIN must name the wijksim executable (found {binary!r}); ctest sets it")
    return binary


def run_experiment(name: str, folder: Path) -> Path:
    output = folder / f"{name}.h5"
    result = subprocess.run([wijksim_binary(), "experiment", str(EXPERIMENTS / f"{name}.json"), "-o", str(output),
                             "--threads", "2"], capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        raise RuntimeError(f"wijksim experiment {name} failed ({result.returncode}):\n{result.stderr}")
    return output


def run_cli(*args):
    environment = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    return subprocess.run([sys.executable, "-m", "analysis", *map(str, args)], capture_output=True, text=True,
                          env=environment, cwd=REPO_ROOT, timeout=600)


def file_outcomes(path: Path) -> tuple[dict, list[str], list[str], np.ndarray]:
    """Root attributes, run labels, outcome names and the [runs, replicates, outcomes] values, read directly."""
    with h5py.File(path, "r") as h5:
        attributes = {key: value.decode() if isinstance(value, bytes) else value for key, value in h5.attrs.items()}
        labels = [label.decode() for label in h5["design/label"][()]]
        names = [name.decode() if isinstance(name, bytes) else name
                 for name in h5["outcomes/values"].attrs["columns"]]
        return attributes, labels, names, h5["outcomes/values"][()]


class ExperimentReportChecks(SelfContainedReportChecks):
    """Checks for every experiment report; a test class mixes this in with unittest.TestCase, names its
    experiment and the least number of figures, and runs the experiment and the report once."""

    experiment = ""
    minimum_figures = 1
    reference_arguments: tuple = ()

    @classmethod
    def setUpClass(cls):
        cls.temporary = tempfile.TemporaryDirectory()
        folder = Path(cls.temporary.name)
        cls.path = run_experiment(cls.experiment, folder)
        cls.output = folder / "report"
        cls.result = run_cli("report", cls.path, "-o", cls.output, *cls.reference_arguments)
        cls.html = (cls.output / "index.html").read_text(encoding="utf-8") if cls.result.returncode == 0 else ""
        cls.attributes, cls.labels, cls.outcome_names, cls.values = file_outcomes(cls.path)

    @classmethod
    def tearDownClass(cls):
        cls.temporary.cleanup()

    def test_report_command_succeeds_and_names_what_it_wrote(self):
        self.assertEqual(self.result.returncode, 0, self.result.stderr)
        self.assertIn(str(self.output / "index.html"), self.result.stdout)
        for path in self.output.glob("*.csv"):
            self.assertIn(str(path), self.result.stdout)
        self.assertEqual([path.name for path in self.output.iterdir() if ".tmp-" in path.name], [])

    def test_intro_says_what_was_run(self):
        self.assertIn(f"<h1>Experiment: {self.attributes['experiment_name']}</h1>", self.html)
        self.assertIn(self.attributes["experiment_description"], self.html)
        for fragment in ("small_base.json", self.attributes["engine_version"], self.attributes["git_commit"],
                         f"{self.attributes['runs']} runs, each with {self.attributes['replicates']} replicates",
                         f"seed {self.attributes['seed']}"):
            self.assertIn(fragment, self.html)

    def test_design_csv_has_a_row_per_run(self):
        design = pd.read_csv(self.output / "design.csv")
        self.assertEqual(list(design["label"]), self.labels)
        self.assertTrue(design["done"].all())

    def test_run_means_csv_are_the_replicate_means_in_the_file(self):
        means = pd.read_csv(self.output / "run_means.csv").set_index(["run", "outcome"])["value"]
        with np.errstate(invalid="ignore"):
            expected = np.nanmean(self.values, axis=1)  # [runs, outcomes]
        for run in (0, len(self.labels) - 1):
            for index, outcome in enumerate(self.outcome_names):
                if np.isfinite(expected[run, index]):
                    self.assertAlmostEqual(means[(run, outcome)], expected[run, index])


class NamedScenariosReportTest(ExperimentReportChecks, unittest.TestCase):
    experiment = "small_roles"
    reference_arguments = ("--reference", "inviting")
    minimum_figures = 3

    def replicate_values(self, scenario: str, outcome: str) -> np.ndarray:
        return self.values[self.labels.index(scenario), :, self.outcome_names.index(outcome)]

    def test_sections_for_a_scenario_comparison(self):
        for fragment in ("<h2>Scenarios</h2>", "<h2>Key outcomes</h2>", "<h2>Differences from inviting</h2>",
                         "Cost against representation gained", "Key outcomes per scenario",
                         "government.role"):
            self.assertIn(fragment, self.html)

    def test_summary_csv_holds_every_scenario_and_outcome_with_the_file_means(self):
        summary = pd.read_csv(self.output / "summary.csv")
        self.assertEqual(list(dict.fromkeys(summary["scenario"])), ["top_down", "inviting", "withdrawing"])
        self.assertEqual(set(summary["outcome"]), set(self.outcome_names))
        row = summary.set_index(["scenario", "outcome"]).loc[("withdrawing", "participation/overall")]
        self.assertAlmostEqual(row["mean"], self.replicate_values("withdrawing", "participation/overall").mean())
        self.assertLessEqual(row["ci_low"], row["mean"])

    def test_differences_csv_is_against_the_chosen_reference(self):
        table = pd.read_csv(self.output / "differences.csv")
        self.assertEqual(set(table["reference"]), {"inviting"})
        self.assertEqual(set(table["scenario"]), {"top_down", "withdrawing"})
        row = table.set_index(["scenario", "outcome"]).loc[("top_down", "cost/per_resident_year")]
        expected = (self.replicate_values("top_down", "cost/per_resident_year").mean()
                    - self.replicate_values("inviting", "cost/per_resident_year").mean())
        self.assertAlmostEqual(row["difference"], expected)

    def test_experiment_command_prints_the_scenario_table(self):
        result = run_cli("experiment", self.path, "--reference", "inviting")
        self.assertEqual(result.returncode, 0, result.stderr)
        header = next(line for line in result.stdout.splitlines() if "top_down" in line)
        self.assertEqual(header.split()[-3:], ["top_down", "inviting", "withdrawing"])
        self.assertRegex(result.stdout, r"participation/overall +\d")
        self.assertIn("Difference from inviting", result.stdout)

    def test_compare_and_info_say_what_to_run_instead(self):
        compare = run_cli("compare", self.path)
        self.assertEqual(compare.returncode, 2, compare.stderr)
        self.assertIn(str(self.path), compare.stderr)
        self.assertIn("analysis experiment", compare.stderr)
        info = subprocess.run([wijksim_binary(), "info", str(self.path)], capture_output=True, text=True, timeout=60)
        self.assertEqual(info.returncode, 2, info.stderr)
        self.assertIn("experiment file", info.stderr)
        self.assertIn("analysis experiment", info.stderr)

    def test_an_experiment_file_is_reported_on_its_own(self):
        result = run_cli("report", self.path, self.path, "-o", self.output.parent / "twice")
        self.assertEqual(result.returncode, 2)
        self.assertEqual(len(result.stderr.strip().splitlines()), 1, result.stderr)
        self.assertIn("on its own", result.stderr)

    def test_unknown_reference_is_bad_input(self):
        result = run_cli("report", self.path, "-o", self.output.parent / "nobody", "--reference", "nobody")
        self.assertEqual(result.returncode, 2)
        self.assertIn("nobody", result.stderr)


class SobolReportTest(ExperimentReportChecks, unittest.TestCase):
    experiment = "small_sobol"
    minimum_figures = 2
    parameters = ["government.levers.invitation_reach", "government.levers.targeting"]

    def test_sobol_section_and_figure(self):
        for fragment in ("<h2>Parameters</h2>", "<h2>Sobol indices</h2>", "Sobol indices per outcome",
                         "S1 [95% CI]", "&quot;under_represented&quot;"):
            self.assertIn(fragment, self.html)

    def test_export_gives_ema_workbench_and_salib_shapes(self):
        folder = Path(self.temporary.name) / "export"
        result = run_cli("export", self.path, "-o", folder)
        self.assertEqual(result.returncode, 0, result.stderr)
        experiments = pd.read_csv(folder / "experiments.csv")
        outcomes = pd.read_csv(folder / "outcomes.csv")
        self.assertEqual(len(experiments), len(self.labels) * self.attributes["replicates"])
        self.assertEqual(list(outcomes.columns[2:]), self.outcome_names)
        problem = json.loads((folder / "salib_problem.json").read_text())
        self.assertEqual(problem["names"], self.parameters)
        x = pd.read_csv(folder / "salib_X.csv")[self.parameters].to_numpy()
        k = len(self.parameters)
        # SALib's Sobol order per base sample: A, AB_1 .. AB_k, B; AB_i is A with column i from B.
        for start in range(0, len(x), k + 2):
            a, b = x[start], x[start + k + 1]
            for i in range(k):
                expected = a.copy()
                expected[i] = b[i]
                np.testing.assert_array_equal(x[start + 1 + i], expected)
        self.assertEqual(len(pd.read_csv(folder / "salib_Y.csv")), len(x))

    def test_sobol_csv_has_every_parameter_and_outcome_with_intervals(self):
        table = pd.read_csv(self.output / "sobol.csv")
        self.assertEqual(set(table["outcome"]), set(self.outcome_names))
        for _, rows in table.groupby("outcome"):
            self.assertEqual(list(rows["parameter"]), self.parameters)
        finite = table.dropna(subset=["S1_low", "S1_high", "ST_low", "ST_high"])
        self.assertGreater(len(finite), 0)
        self.assertTrue((finite["S1_low"] <= finite["S1_high"]).all())
        self.assertTrue((finite["ST_low"] <= finite["ST_high"]).all())

    def test_experiment_command_prints_the_indices(self):
        result = run_cli("experiment", self.path)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertRegex(result.stdout.splitlines()[0], r"outcome +parameter +S1 +S1_low")
        for parameter in self.parameters:
            self.assertEqual(result.stdout.count(parameter), len(self.outcome_names))


class MorrisReportTest(ExperimentReportChecks, unittest.TestCase):
    experiment = "small_morris"
    minimum_figures = 2

    def test_morris_as_a_plot_with_its_table_as_csv(self):
        for fragment in ("<h2>Morris screening</h2>", "importance against non-linearity", "morris.csv"):
            self.assertIn(fragment, self.html)
        self.assertNotIn("<th>mu*</th>", self.html)  # the indices are plotted, not listed
        table = pd.read_csv(self.output / "morris.csv")
        self.assertEqual(set(table["parameter"]),
                         {"government.levers.invitation_reach", "government.levers.residents_budget"})
        # Three trajectories give every parameter three elementary effects.
        self.assertEqual(set(table["effects"]), {3})


class LatinHypercubeReportTest(ExperimentReportChecks, unittest.TestCase):
    experiment = "small_lhs"
    minimum_figures = 1

    def test_correlation_table_and_scatter(self):
        for fragment in ("Spearman rank correlation", "Each parameter against each outcome",
                         "<code>government.levers.community_worker_hours_per_1000</code>"):
            self.assertIn(fragment, self.html)
        for heading in ("<h2>Sobol indices</h2>", "<h2>Morris screening</h2>", "<h2>Key outcomes</h2>"):
            self.assertFalse(heading in self.html, f"a Latin hypercube report has no {heading}")

    def test_design_csv_holds_the_parameter_values(self):
        design = pd.read_csv(self.output / "design.csv")
        self.assertEqual(len(design), 8)
        self.assertTrue(design["government.levers.invitation_reach"].between(0, 0.5).all())
        self.assertTrue(set(design["government.levers.targeting"]) <= {"uniform", "under_represented"})
        # Eight strata of [0, 1), each used once.
        strata = np.floor(design["unit:government.levers.invitation_reach"] * 8)
        self.assertEqual(sorted(strata), list(range(8)))


if __name__ == "__main__":
    unittest.main()
