"""Result and experiment files written by the real executable (WIJKSIM_BIN), opened with the tools users
open them with: xarray through h5netcdf, h5dump and R's hdf5r. Each must show the named dimensions and the
category labels, and give the same numbers as wijksim's own reader (analysis.load). Every code block of
docs/reading-results.md is run on the same files, so the recipes stay true.

The tools are Debian packages that wijksim.sh installs (python3-xarray, python3-h5netcdf, hdf5-tools,
r-cran-hdf5r); a test whose tool is missing is skipped, saying which package to install.
"""

import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

import numpy as np

from analysis.experiment import load_experiment
from analysis.load import load_run
from tests.analysis.make_fixture import STANDARD_SCENARIOS, write_fixture  # writes format_version 3

REPO = Path(__file__).resolve().parents[2]
WIJKSIM = os.environ.get("WIJKSIM_BIN", str(REPO / "build" / "wijksim"))
RECIPES = REPO / "docs" / "reading-results.md"
OUTPUTS = json.loads((REPO / "docs" / "outputs.json").read_text(encoding="utf-8"))
SMALL_SCENARIO = REPO / "tests" / "experiment" / "data" / "small_base.json"
RESULT = "results/noord.h5"  # the names the recipes use, below the test's folder
EXPERIMENT = "results/roles.h5"


def has_python_module(name):
    return subprocess.run(["/usr/bin/python3", "-c", f"import {name}"], capture_output=True).returncode == 0


def has_r_hdf5r():
    return shutil.which("Rscript") is not None and subprocess.run(
        ["Rscript", "-e", "library(hdf5r)"], capture_output=True).returncode == 0


HAS_XARRAY = has_python_module("xarray") and has_python_module("h5netcdf")
HAS_H5DUMP = shutil.which("h5dump") is not None
HAS_R = has_r_hdf5r()
NEEDS_XARRAY = unittest.skipUnless(HAS_XARRAY, "python3-xarray or python3-h5netcdf is not installed "
                                               "(apt-get install python3-xarray python3-h5netcdf)")
NEEDS_H5DUMP = unittest.skipUnless(HAS_H5DUMP, "h5dump is not installed (apt-get install hdf5-tools)")
NEEDS_R = unittest.skipUnless(HAS_R, "R's hdf5r is not installed (apt-get install r-cran-hdf5r)")


def recipe_blocks():
    """(language, code) of every fenced block of docs/reading-results.md."""
    text = RECIPES.read_text(encoding="utf-8")
    return [(match[1], match[2]) for match in re.finditer(r"```(\w+)\n(.*?)```", text, flags=re.S)]


def h5dump_data(text):
    """The values of the (first) DATA block of h5dump's output, as strings."""
    block = text.split("DATA {", 1)[1].split("}", 1)[0]
    values = re.sub(r"\(\d+(,\d+)*\):", "", block)
    return [value.strip().strip('"') for value in values.split(",") if value.strip()]


class ReadingResultFilesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.TemporaryDirectory()
        cls.root = Path(cls.folder.name)
        (cls.root / "results").mkdir()
        # Inviting opens processes, so the small run has decisions as well as initiatives.
        cls.wijksim("run", str(SMALL_SCENARIO), "--replicates", "2", "--horizon", "60",
                    "--set", "government.role=inviting", "-o", RESULT)
        experiment = cls.root / "roles.json"
        experiment.write_text(json.dumps({
            "name": "roles", "base": str(SMALL_SCENARIO), "replicates": 2, "seed": 5,
            "scenarios": [{"name": "top_down", "overrides": {"government.role": "top_down"}},
                          {"name": "inviting", "overrides": {"government.role": "inviting"}}]}))
        cls.wijksim("experiment", str(experiment), "-o", EXPERIMENT)
        cls.run_data = load_run(cls.root / RESULT)
        cls.experiment_data = load_experiment(cls.root / EXPERIMENT)

    @classmethod
    def tearDownClass(cls):
        cls.folder.cleanup()

    @classmethod
    def wijksim(cls, *arguments):
        done = subprocess.run([WIJKSIM, *arguments], cwd=cls.root, capture_output=True, text=True)
        if done.returncode != 0:
            raise AssertionError(f"wijksim {' '.join(arguments)} failed ({done.returncode}):\n{done.stderr}")

    def tool(self, *command):
        done = subprocess.run(command, cwd=self.root, capture_output=True, text=True,
                              env={**os.environ, "PYTHONPATH": str(REPO)})
        self.assertEqual(done.returncode, 0, f"{command[:2]} failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout

    def reference_value(self, metric, column, replicate, tick):
        """The value wijksim's own reader gives."""
        series = self.run_data.series
        row = series[(series.metric == metric) & (series.column == column) &
                     (series.replicate == replicate) & (series.tick == tick)]
        self.assertEqual(len(row), 1)
        return float(row.value.iloc[0])

    def last_tick(self):
        return int(self.run_data.series.tick.max())

    # ---- xarray ----

    @NEEDS_XARRAY
    def test_xarray_names_every_series_dimension_with_its_labels(self):
        probe = f"""
import json, xarray as xr
path = {RESULT!r}
dims = xr.open_dataset(path, engine="h5netcdf")
found = {{}}
for series in {[s["path"] for s in OUTPUTS["series"]]!r}:
    group, name = series.rsplit("/", 1)
    data = xr.open_dataset(path, engine="h5netcdf", group="timeseries/" + group)
    found[series] = list(data[name].dims)
part = xr.open_dataset(path, engine="h5netcdf", group="timeseries/participation")
part = part.assign_coords({{n: dims[n] for n in part.dims}})
value = part["by_group"].sel(replicate=1, tick={self.last_tick()}, group="education=low").item()
buurten = xr.open_dataset(path, engine="h5netcdf", group="tables/buurten")
print(json.dumps({{"dims": found, "value": value, "groups": [str(g) for g in dims["group"].values],
                  "buurt": [str(b) for b in dims["buurt"].values], "buurten_dims": list(buurten["code"].dims)}}))
"""
        result = json.loads(self.tool("/usr/bin/python3", "-c", probe))
        for series in OUTPUTS["series"]:
            self.assertEqual(result["dims"][series["path"]], series["dimensions"], series["path"])
        groups = next(d["labels"] for d in OUTPUTS["dimensions"] if d["name"] == "group")
        self.assertEqual(result["groups"], groups)
        self.assertEqual(result["buurt"], list(self.run_data.tables["buurten"].code))
        self.assertEqual(result["buurten_dims"], ["buurt"])
        self.assertEqual(result["value"],
                         self.reference_value("participation/by_group", "education=low", 1, self.last_tick()))

    @NEEDS_XARRAY
    def test_xarray_opens_an_experiment_with_run_replicate_and_outcome(self):
        outcome = self.experiment_data.outcome_names[0]
        probe = f"""
import json, xarray as xr
path = {EXPERIMENT!r}
dims = xr.open_dataset(path, engine="h5netcdf")
values = xr.open_dataset(path, engine="h5netcdf", group="outcomes")["values"]
values = values.assign_coords({{n: dims[n] for n in values.dims}})
print(json.dumps({{"dims": list(values.dims), "value": values.sel(run=1, replicate=0, outcome={outcome!r}).item(),
                  "outcomes": [str(o) for o in dims["outcome"].values]}}))
"""
        result = json.loads(self.tool("/usr/bin/python3", "-c", probe))
        self.assertEqual(result["dims"], ["run", "replicate", "outcome"])
        self.assertEqual(result["outcomes"], self.experiment_data.outcome_names)
        outcomes = self.experiment_data.outcomes
        expected = outcomes[(outcomes.run == 1) & (outcomes.replicate == 0) & (outcomes.outcome == outcome)].value
        self.assertEqual(result["value"], float(expected.iloc[0]))

    @NEEDS_XARRAY
    def test_an_experiment_keeps_every_buurt_with_named_dimensions(self):
        codes = list(self.run_data.tables["buurten"].code)
        by_buurt = self.experiment_data.by_buurt
        self.assertEqual(sorted(by_buurt.buurt.unique()), sorted(codes))
        probe = f"""
import json, xarray as xr
path = {EXPERIMENT!r}
dims = xr.open_dataset(path, engine="h5netcdf")
values = xr.open_dataset(path, engine="h5netcdf", group="outcomes")["by_buurt"]
values = values.assign_coords({{n: dims[n] for n in values.dims}})
print(json.dumps({{"dims": list(values.dims), "buurt": [str(b) for b in values.buurt.values],
                  "value": values.sel(run=1, replicate=1, buurt={codes[-1]!r}, buurt_outcome="liveability/by_buurt").item()}}))
"""
        result = json.loads(self.tool("/usr/bin/python3", "-c", probe))
        self.assertEqual(result["dims"], ["run", "replicate", "buurt", "buurt_outcome"])
        self.assertEqual(result["buurt"], codes)
        expected = by_buurt[(by_buurt.run == 1) & (by_buurt.replicate == 1) & (by_buurt.buurt == codes[-1]) &
                            (by_buurt.outcome == "liveability/by_buurt")].value
        self.assertEqual(result["value"], float(expected.iloc[0]))

    # ---- h5dump ----

    @NEEDS_H5DUMP
    def test_h5dump_shows_the_dimensions_and_the_category_labels(self):
        header = self.tool("h5dump", "-A", "-d", "/timeseries/participation/by_group", RESULT)
        self.assertIn("DIMENSION_LIST", header)
        self.assertEqual(re.findall(r'DATASET \d+ "(/\w+)"', header), ["/replicate", "/tick", "/group"])
        for table, column in (("initiatives", "outcome"), ("decisions", "kind")):
            expected = [str(value) for value in self.run_data.tables[table][column]]
            self.assertTrue(expected, f"the small run has no {table}; the test needs a few")
            dump = self.tool("h5dump", "-d", f"/tables/{table}/{column}", RESULT)
            self.assertIn("H5T_ENUM", dump)
            self.assertEqual(h5dump_data(dump), expected)
        self.assertEqual(h5dump_data(self.tool("h5dump", "-d", "/outcome", EXPERIMENT)),
                         self.experiment_data.outcome_names)

    # ---- R ----

    @NEEDS_R
    def test_r_reads_the_dimensions_reversed_and_the_labels(self):
        script = f"""
suppressMessages(library(hdf5r))
f <- H5File$new({RESULT!r}, mode = "r")
x <- f[["timeseries/participation/by_group"]]
dims <- sapply(h5attr(x, "DIMENSION_LIST"), function(ref) basename(ref$dereference(obj = f)[[1]]$get_obj_name()))
values <- x$read()
groups <- f[["group"]]$read()
ticks <- f[["tick"]]$read()
cat("dims", dims, "\\n")
cat("shape", dim(values), "\\n")
cat("value", sprintf("%.17g", values[which(groups == "education=low"), which(ticks == {self.last_tick()}), 2]), "\\n")
cat("outcome", as.character(f[["tables/initiatives/outcome"]]$read()), "\\n")
f$close_all()
"""
        lines = {line.split(" ", 1)[0]: line.split()[1:] for line in self.tool("Rscript", "-e", script).splitlines()}
        self.assertEqual(lines["dims"], ["replicate", "tick", "group"])
        replicates, ticks, groups = self.run_data.meta["replicates"], self.run_data.series.tick.nunique(), 15
        self.assertEqual([int(n) for n in lines["shape"]], [groups, ticks, replicates], "R reverses the axes")
        self.assertEqual(float(lines["value"][0]),
                         self.reference_value("participation/by_group", "education=low", 1, self.last_tick()))
        self.assertEqual(lines["outcome"], [str(v) for v in self.run_data.tables["initiatives"].outcome])

    # ---- the recipes ----

    def test_every_recipe_in_the_docs_runs_on_real_files(self):
        runners = {"python": (HAS_XARRAY, ["/usr/bin/python3", "-c"]), "r": (HAS_R, ["Rscript", "-e"]),
                   "sh": (HAS_H5DUMP, ["bash", "-euo", "pipefail", "-c"])}
        blocks = recipe_blocks()
        self.assertGreaterEqual({language for language, _ in blocks}, set(runners))
        for language, code in blocks:
            available, command = runners[language]
            if not available:
                self.skipTest(f"a {language} recipe needs a package wijksim.sh installs; see the skips above")
            with self.subTest(language=language, code=code.splitlines()[0]):
                self.assertTrue(self.tool(*command, code).strip(), "the recipe printed nothing")


class OlderFilesTest(unittest.TestCase):
    def test_a_format_3_file_still_reads(self):
        """analysis reads files written before the dimension scales (/ticks, plain uint8 codes)."""
        with tempfile.TemporaryDirectory() as folder:
            run = load_run(write_fixture(Path(folder) / "old.h5", STANDARD_SCENARIOS[0]))
            self.assertLess(run.meta["format_version"], 4)
            self.assertTrue(np.isfinite(run.series.value).any())


if __name__ == "__main__":
    unittest.main()
