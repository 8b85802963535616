"""analysis.load: reading fixture result files, and clear errors for files that are not readable results."""

import json
import unittest
from pathlib import Path

import h5py
import numpy as np
import pandas as pd

from analysis.load import SERIES_COLUMNS, AnalysisInputError, ResultFileError, load_run, load_runs
from tests.analysis.make_fixture import (FixtureFolder, _write_table, BUURTEN, DATA_NOTES, GROUPS, SERIES_LAYOUT, STANDARD_SCENARIOS, STANDARD_TICKS,
                                         store_as_codes, write_fixture, write_standard_set)


class LoadRunTest(FixtureFolder):
    def test_meta_holds_root_attributes_and_parsed_scenario(self):
        meta = load_run(self.paths[1]).meta
        self.assertEqual(meta["format_version"], 3)
        self.assertEqual(meta["scenario_name"], "inviting")
        self.assertEqual(meta["seed"], 12)
        self.assertEqual(meta["residents"], sum(row[4] for row in BUURTEN))
        self.assertEqual(meta["scenario"]["government"]["role"], "inviting")
        self.assertNotIn("scenario_json", meta)

    def test_series_is_long_with_one_row_per_replicate_tick_and_column(self):
        series = load_run(self.paths[0]).series
        self.assertEqual(list(series.columns), SERIES_COLUMNS)
        width = sum(len(columns or [""]) for _, columns, _, _, _ in SERIES_LAYOUT)
        self.assertEqual(len(series), 3 * len(STANDARD_TICKS) * width)
        self.assertEqual(set(series["metric"]), {path for path, *_ in SERIES_LAYOUT})

    def test_scalar_series_values_land_on_their_replicate_and_tick(self):
        series = load_run(self.paths[0]).series
        overall = series[series["metric"] == "participation/overall"].set_index(["replicate", "tick"])
        self.assertEqual(set(overall["column"]), {""})
        # Level 0.20, scale 0.01: replicate 2 at the last tick has offset 2 and wiggle -0.5 (26th final-year
        # tick); at tick 2 every replicate is in the warm-up, pattern 10.
        self.assertAlmostEqual(overall.at[(2, 80), "value"], 0.215)
        self.assertAlmostEqual(overall.at[(0, 30), "value"], 0.20 + 0.01 * (-1 + 0.5))
        self.assertAlmostEqual(overall.at[(1, 2), "value"], 0.30)

    def test_columns_carry_their_labels(self):
        series = load_run(self.paths[0]).series
        by_group = series[(series["metric"] == "participation/by_group") & (series["replicate"] == 0)
                          & (series["tick"] == 80)]
        self.assertEqual(list(by_group["column"]), GROUPS)
        high = by_group.loc[by_group["column"] == "education=high", "value"].item()
        self.assertAlmostEqual(high, 0.30 + 0.02 * (-1 - 0.5))

    def test_tables_keep_types_and_strings(self):
        run = load_run(self.paths[0])
        self.assertEqual(list(run.buurten["code"]), [row[0] for row in BUURTEN])
        self.assertEqual(list(run.buurten["residents"]), [row[4] for row in BUURTEN])
        self.assertTrue(all(isinstance(value, str) for value in run.buurten["type"]))
        self.assertEqual(list(run.tables["decisions"]["kind"]), ["consult", "advise", "co_decide"])
        self.assertEqual(list(run.tables["initiatives"]["ended_tick"]), [40, -1])
        self.assertEqual(set(run.tables["decisions"]["scenario"]), {"responsive"})


    def test_data_notes_read_back_in_order(self):
        self.assertEqual(load_run(self.paths[0]).data_notes, DATA_NOTES)
        without = self.variant("without_notes", lambda h5: h5.__delitem__("input/data_notes"))
        self.assertEqual(load_run(without).data_notes, [])


class LoadRunsTest(FixtureFolder):
    def test_scenarios_keep_the_order_given(self):
        runs = load_runs([self.paths[2], self.paths[0]])
        self.assertEqual(runs.scenarios, ["top_down", "responsive"])
        series = runs.series
        self.assertIsInstance(series["scenario"].dtype, pd.CategoricalDtype)
        self.assertEqual(list(series["scenario"].cat.categories), ["top_down", "responsive"])
        self.assertEqual(len(runs.buurten), 2 * len(BUURTEN))
        self.assertEqual(list(runs.facts()["seed"]), [13, 11])

    def test_same_scenario_name_twice_is_refused(self):
        copy = write_fixture(self.folder / "responsive-copy.h5", STANDARD_SCENARIOS[0])
        with self.assertRaisesRegex(ResultFileError, "responsive-copy.h5.*'responsive'.*responsive.h5"):
            load_runs([self.paths[0], copy])

    def test_no_files_is_an_error(self):
        with self.assertRaises(AnalysisInputError):
            load_runs([])


class LoadErrorsTest(FixtureFolder):
    def test_missing_file(self):
        with self.assertRaisesRegex(ResultFileError, "absent.h5: no such file"):
            load_run(self.folder / "absent.h5")

    def test_text_file_is_not_hdf5(self):
        path = self.folder / "notes.h5"
        path.write_text("not a result")
        with self.assertRaisesRegex(ResultFileError, "notes.h5: not an HDF5 file"):
            load_run(path)

    def test_hdf5_without_format_version_is_not_a_wijksim_file(self):
        path = self.folder / "other.h5"
        with h5py.File(path, "w") as h5:
            h5.create_dataset("x", data=np.arange(3))
        with self.assertRaisesRegex(ResultFileError, "other.h5: .*not a wijksim result file"):
            load_run(path)

    def test_newer_format_is_refused_with_its_version(self):
        path = self.variant("newer", lambda h5: h5.attrs.modify("format_version", np.int64(5)))
        with self.assertRaisesRegex(ResultFileError, "newer.h5: .*format_version 5.*newer.*\\(4\\)"):
            load_run(path)

    def test_coded_column_reads_as_categorical_strings(self):
        path = self.variant("coded", lambda h5: store_as_codes(h5, "tables/decisions/kind"))
        with h5py.File(path) as h5:
            self.assertEqual(h5["tables/decisions/kind"].dtype, np.uint8)
        rung = load_run(path).tables["decisions"]["kind"]
        self.assertIsInstance(rung.dtype, pd.CategoricalDtype)
        self.assertEqual(list(rung), ["consult", "advise", "co_decide"])
        self.assertEqual(list(rung.cat.categories), ["advise", "co_decide", "consult"])

    def test_fit_buurt_index_becomes_the_buurt_code(self):
        def add_fit(h5):
            h5.attrs.modify("format_version", np.int64(3))
            del h5["tables/fit"]
            _write_table(h5, "fit", {"buurt": [1, 0], "marginal": ["education", "education"],
                                     "category": ["low", "low"], "target": [0.3, 0.2], "achieved": [0.3, 0.2],
                                     "abs_error": [0.0, 0.0], "source": ["own row", "gemeente row"]})
        run = load_run(self.variant("fit-index", add_fit))
        self.assertEqual(list(run.tables["fit"]["buurt"]), [BUURTEN[1][0], BUURTEN[0][0]])

    def test_version_1_file_with_string_columns_reads_the_same(self):
        path = self.variant("version1", lambda h5: h5.attrs.modify("format_version", np.int64(1)))
        run = load_run(path)
        self.assertEqual(run.meta["format_version"], 1)
        self.assertEqual(list(run.tables["decisions"]["kind"]), ["consult", "advise", "co_decide"])

    def test_code_outside_labels_is_named(self):
        def break_code(h5):
            store_as_codes(h5, "tables/decisions/kind")
            h5["tables/decisions/kind"][0] = 3
        path = self.variant("bad-code", break_code)
        with self.assertRaisesRegex(ResultFileError,
                                    "bad-code.h5: /tables/decisions/kind, row 0: code 3 is not an index into its 3"):
            load_run(path)

    def test_missing_root_attribute_is_named(self):
        path = self.variant("no-seed", lambda h5: h5.attrs.__delitem__("seed"))
        with self.assertRaisesRegex(ResultFileError, "no-seed.h5: missing root attribute\\(s\\) seed"):
            load_run(path)

    def test_scenario_json_must_parse(self):
        path = self.variant("bad-json", lambda h5: h5.attrs.modify("scenario_json", "{not json"))
        with self.assertRaisesRegex(ResultFileError, "bad-json.h5: root attribute scenario_json"):
            load_run(path)

    def test_series_shape_must_match_ticks(self):
        def shorten(h5):
            del h5["timeseries/trust/mean"]
            h5.create_dataset("timeseries/trust/mean", data=np.zeros((3, 5)))
        path = self.variant("short-series", shorten)
        with self.assertRaisesRegex(ResultFileError, "short-series.h5: /timeseries/trust/mean has shape"):
            load_run(path)

    def test_columns_attribute_must_match_width(self):
        def relabel(h5):
            h5["timeseries/cost/by_lever"].attrs["columns"] = np.array(["a", "b"], dtype=h5py.string_dtype())
        path = self.variant("bad-columns", relabel)
        with self.assertRaisesRegex(ResultFileError, "cost/by_lever has 7 columns but .* names 2"):
            load_run(path)

    def test_scenario_json_round_trips(self):
        meta = load_run(self.paths[0]).meta
        with h5py.File(self.paths[0], "r") as h5:
            self.assertEqual(meta["scenario"], json.loads(h5.attrs["scenario_json"]))


if __name__ == "__main__":
    unittest.main()
