"""analysis.export on a fixture result file: tidy series that sum back to the file, buurten keyed by CBS code,
and the command line run from another folder (the documented PYTHONPATH way)."""
import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

import h5py
import numpy as np
import pandas as pd

from analysis.export import export_file
from tests.analysis.make_fixture import BUURT_CODES, STANDARD_SCENARIOS, STANDARD_TICKS, write_fixture

REPO_ROOT = Path(__file__).resolve().parents[2]


class RunExportTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.temporary = tempfile.TemporaryDirectory()
        folder = Path(cls.temporary.name)
        cls.path = write_fixture(folder / "responsive.h5", STANDARD_SCENARIOS[0])
        cls.written = export_file(cls.path, folder / "csv")
        cls.series = pd.read_csv(folder / "csv" / "series.csv", keep_default_na=False, na_values=[""])

    @classmethod
    def tearDownClass(cls):
        cls.temporary.cleanup()

    def test_one_row_per_replicate_tick_series_and_column(self):
        with h5py.File(self.path) as h5:
            expected = sum(h5["timeseries"][name].size for name in self.series_names(h5))
        self.assertEqual(len(self.series), expected)
        self.assertFalse(self.series.duplicated(["replicate", "tick", "series", "column"]).any())

    @staticmethod
    def series_names(h5):
        names = []
        h5["timeseries"].visititems(lambda name, item: names.append(name) if isinstance(item, h5py.Dataset) else None)
        return names

    def test_values_match_the_file(self):
        with h5py.File(self.path) as h5:
            stored = h5["timeseries/trust/by_buurt"][2, -1, 1]  # replicate 2, last tick, second buurt
        row = self.series[(self.series["series"] == "trust/by_buurt") & (self.series["replicate"] == 2)
                          & (self.series["tick"] == STANDARD_TICKS[-1]) & (self.series["column"] == BUURT_CODES[1])]
        self.assertEqual(row["value"].item(), stored)

    def test_buurten_by_cbs_code_with_final_year_means(self):
        buurten = pd.read_csv(self.path.parent / "csv" / "buurten.csv")
        self.assertEqual(list(buurten.columns[:3]), ["code", "name", "wijk"])
        self.assertEqual(list(buurten["code"]), BUURT_CODES)
        # Liveability of Westkade under responsive: 0.40 + 0.01 / 3.
        self.assertAlmostEqual(buurten.set_index("code").loc[BUURT_CODES[2], "liveability_final_year"], 0.40 + 0.01 / 3)

    def test_other_tables_are_exported(self):
        self.assertEqual({path.name for path in self.written},
                         {"series.csv", "buurten.csv", "decisions.csv", "initiatives.csv", "fit.csv"})

    def test_the_command_runs_from_another_folder(self):
        with tempfile.TemporaryDirectory() as elsewhere:
            result = subprocess.run([sys.executable, "-m", "analysis", "export", str(self.path), "-o", "out"],
                                    cwd=elsewhere, capture_output=True, text=True, timeout=120,
                                    env={**os.environ, "PYTHONPATH": str(REPO_ROOT)})
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertTrue((Path(elsewhere) / "out" / "series.csv").is_file())


if __name__ == "__main__":
    unittest.main()
