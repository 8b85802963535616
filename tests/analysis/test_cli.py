"""The command line `python3 -m analysis`: output for good input, exit status 2 and one line for bad input."""

import json
import os
import subprocess
import sys
import unittest
from pathlib import Path

import h5py
import numpy as np

from tests.analysis.make_fixture import DATA_NOTES, FixtureFolder

REPO_ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args, folder=REPO_ROOT):
    environment = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    return subprocess.run([sys.executable, "-m", "analysis", *map(str, args)], capture_output=True, text=True,
                          env=environment, cwd=folder, timeout=300)


class CliTest(FixtureFolder):

    def assert_bad_input(self, result, *fragments):
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertEqual(result.stdout, "")
        self.assertEqual(len(result.stderr.strip().splitlines()), 1, result.stderr)
        for fragment in fragments:
            self.assertIn(fragment, result.stderr)

    def test_runs_from_another_folder_with_the_repository_on_the_path(self):
        # The README's way to use analysis outside the repository: PYTHONPATH=/path/to/wijksim.
        result = run_cli("compare", *[path.resolve() for path in self.paths], "--json", folder=self.folder)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(json.loads(result.stdout)["kind"], "wijksim decision summary")

    def test_compare_prints_one_row_per_scenario(self):
        result = run_cli("compare", *self.paths)
        self.assertEqual(result.returncode, 0, result.stderr)
        lines = result.stdout.splitlines()
        rows = {line.split()[0]: line for line in lines if line.split()[:1] in (["responsive"], ["inviting"],
                                                                                ["top_down"])}
        self.assertEqual(set(rows), {"responsive", "inviting", "top_down"})
        # Participation 0.20 + 0.01/3 = 20.3%, CI half 3.79%; cost of seven levers 7 * (500 + 100/3) * 52 / 3000
        # = 64.7 euro.
        self.assertIn("20.3±3.8", rows["responsive"])
        self.assertIn("64.7±46.0", rows["responsive"])
        self.assertIn("Difference from responsive", result.stdout)
        self.assertIn("+6.0±3.5", result.stdout)  # inviting minus responsive, percentage points

    def test_compare_columns_line_up(self):
        lines = run_cli("compare", *self.paths).stdout.splitlines()
        start = next(i for i, line in enumerate(lines) if line.startswith("Final-year means"))
        table = lines[start + 1:lines.index("", start)]
        self.assertEqual(len({len(line) for line in table}), 1, "\n".join(table))

    def test_reference_by_name(self):
        result = run_cli("compare", *self.paths, "--reference", "top_down")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("Difference from top_down", result.stdout)

    def test_missing_file(self):
        self.assert_bad_input(run_cli("compare", self.paths[0], self.folder / "absent.h5"), "absent.h5",
                              "no such file")

    def test_not_a_wijksim_file(self):
        text = self.folder / "readme.txt"
        text.write_text("hello")
        self.assert_bad_input(run_cli("compare", text), "readme.txt", "not an HDF5 file")
        other = self.folder / "other.h5"
        with h5py.File(other, "w") as h5:
            h5["x"] = np.arange(2)
        self.assert_bad_input(run_cli("report", other, "-o", self.folder / "r"), "other.h5",
                              "not a wijksim result file")

    def test_a_truncated_file_is_named(self):
        truncated = self.folder / "truncated.h5"
        truncated.write_bytes(self.paths[0].read_bytes()[:4000])
        for command in (("compare",), ("export", "-o", self.folder / "csv")):
            self.assert_bad_input(run_cli(command[0], truncated, *command[1:]), "truncated.h5")

    def test_json_is_the_decision_summary(self):
        result = run_cli("compare", *self.paths, "--reference", "top_down", "--json")
        self.assertEqual(result.returncode, 0, result.stderr)
        summary = json.loads(result.stdout)
        self.assertEqual(summary["reference"], "top_down")
        self.assertEqual([a["name"] for a in summary["alternatives"]], ["responsive", "inviting", "top_down"])

    def test_the_caveats_close_the_decision_summary(self):
        result = run_cli("compare", *self.paths, "--reference", "top_down")
        summary = json.loads(run_cli("compare", *self.paths, "--reference", "top_down", "--json").stdout)
        self.assertEqual(summary["caveats"], [DATA_NOTES[0]])
        decision = result.stdout[:result.stdout.index("Final-year means")]
        self.assertIn(f"Read these figures with the data notes:\n  - {DATA_NOTES[0]}", decision)
        self.assertNotIn(DATA_NOTES[2], result.stdout)

    def test_the_decision_summary_comes_first(self):
        lines = run_cli("compare", *self.paths, "--reference", "top_down").stdout.splitlines()
        self.assertTrue(lines[0].startswith("Decision summary against top_down"), lines[0])

    def test_unknown_reference(self):
        self.assert_bad_input(run_cli("compare", *self.paths, "--reference", "nobody"), "nobody", "responsive")

    def test_usage_errors_exit_2(self):
        self.assertEqual(run_cli().returncode, 2)
        self.assertEqual(run_cli("report", *self.paths).returncode, 2)  # -o is required

    def test_help_teaches_with_examples(self):
        result = run_cli("--help")
        self.assertEqual(result.returncode, 0)
        for fragment in ("compare", "report", "examples:", "-o report/"):
            self.assertIn(fragment, result.stdout)

    def test_report_writes_the_folder(self):
        output = self.folder / "report"
        result = run_cli("report", *self.paths, "-o", output)
        self.assertEqual(result.returncode, 0, result.stderr)
        for name in ("index.html", "summary.csv", "differences.csv"):
            self.assertTrue((output / name).is_file(), name)
        self.assertIn(str(output / "index.html"), result.stdout)


if __name__ == "__main__":
    unittest.main()
