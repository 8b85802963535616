"""Small but real wijksim result files (format_version 3, docs/output-format.md) with values known in advance.

The tables are too small for any string column to qualify for codes (docs/output-format.md, "Versions"), so
every string column is stored as strings; `store_as_codes` turns one into codes for the tests that need them.

Every series value follows one pattern, so tests can work out expected results by hand:

    value[r, t, column] = level + scale * pattern[r, t]

where, inside the final year (ticks > last tick - 52), pattern = REPLICATE_OFFSETS[r] + a wiggle of
+0.5/-0.5 that alternates over an even number of recorded ticks (so it averages out), and before the final
year pattern = WARMUP_PATTERN (far off, so counting warm-up ticks would show). The replicate means are
therefore level + scale * (-1, 0, 2): mean level + scale / 3, sample sd scale * sqrt(7/3). The exceptions are
the ratio series (the education ratio, representation by group): as in a real file, each tick's value is the
ratio of that tick's rates (weekly_ratios), so their weekly mean differs from the ratio of the mean rates.

Run as a script to write the standard set into a folder: `python3 -m tests.analysis.make_fixture DIR`.
"""

from __future__ import annotations

import json
import sys
import tempfile
import unittest
from dataclasses import dataclass, field
from pathlib import Path

import h5py
import numpy as np

from analysis.compare import SINCE_PREVIOUS_RECORD

REPLICATE_OFFSETS = np.array([-1.0, 0.0, 2.0])
WARMUP_PATTERN = 10.0
STANDARD_TICKS = np.arange(2, 81, 2)  # horizon 80, output every 2: the final year is ticks 30..80
SHORT_TICKS = np.arange(1, 21)  # shorter than a year: every tick counts

# The output declarations (sim/metrics/outputs.hpp), as generated into docs/outputs.json.
OUTPUTS = json.loads((Path(__file__).resolve().parents[2] / "docs" / "outputs.json").read_text(encoding="utf-8"))
AXES = {axis["name"]: axis for axis in OUTPUTS["dimensions"]}
GROUPS = AXES["group"]["labels"]
LEVERS = AXES["lever"]["labels"]
BUURTEN = [  # code, name, wijk, type, residents, vulnerability, liveability_start, gemeente, low_educated
    ("BU00010001", "Oosthoek", "WK000100", "vital", 1200, 0.1, 0.72, "GM0001", 300),
    ("BU00010002", "Middenveld", "WK000100", "average", 1000, 0.5, 0.60, "GM0001", 300),
    ("BU00010003", "Westkade", "WK000101", "vulnerable", 800, 0.9, 0.45, "GM0001", 400),
]
RESIDENTS = sum(row[4] for row in BUURTEN)
BUURT_CODES = [row[0] for row in BUURTEN]


def _column_labels(axis: dict) -> list[str]:
    return BUURT_CODES if axis.get("labels_from") == "tables/buurten/code" else axis["labels"]


# path, columns (None for a scalar series), column_axis, unit, description: every declared series
SERIES_LAYOUT = [
    (series["path"], _column_labels(AXES[series["dimensions"][2]]) if len(series["dimensions"]) == 3 else None,
     series["dimensions"][2] if len(series["dimensions"]) == 3 else "", series["unit"], series["description"])
    for series in OUTPUTS["series"]]
TABLES = {table["path"]: table for table in OUTPUTS["tables"]}

DEFAULT_LEVEL = 0.5
PAST_YEAR_FACTOR = 1.5
DEFAULT_SCALE = 0.01
# Scales of the key outcomes, keyed by (series path, column); "" is the column of a scalar series.
SCALES = {
    ("participation/overall", ""): 0.01,
    ("participation/by_group", "education=low"): 0.01,
    ("participation/by_group", "education=middle"): 0.01,
    ("participation/by_group", "education=high"): 0.02,
    ("representation/dissimilarity", "education"): 0.01,
    ("trust/mean", ""): 0.01,
    ("liveability/gini", ""): 0.005,
    ("liveability/vulnerability_gap", ""): 0.01,
    ("initiatives/active", ""): 1.0,
    **{("cost/by_lever", lever): 100.0 for lever in LEVERS},  # the sum per tick has scale 100 per lever
}


@dataclass
class FixtureScenario:
    name: str
    role: str
    seed: int
    levels: dict[tuple[str, str], float]
    scale_factor: dict[tuple[str, str], float] = field(default_factory=dict)  # times SCALES

    def level(self, path: str, column: str) -> float:
        return self.levels.get((path, column), DEFAULT_LEVEL)

    def scale(self, path: str, column: str) -> float:
        return SCALES.get((path, column), DEFAULT_SCALE) * self.scale_factor.get((path, column), 1.0)


def _levels(participation, low, middle, high, dissimilarity, trust, gini, gap, active,
            cost_per_lever, liveability_by_buurt, past_year_by_buurt=(0.30, 0.30, 0.30),
            low_educated_past_year_by_buurt=(0.20, 0.20, 0.20), cost_by_buurt=(500.0, 500.0, 500.0)):
    levels = {
        ("participation/overall", ""): participation,
        ("participation/by_group", "education=low"): low,
        ("participation/by_group", "education=middle"): middle,
        ("participation/by_group", "education=high"): high,
        ("representation/dissimilarity", "education"): dissimilarity,
        ("trust/mean", ""): trust,
        ("liveability/gini", ""): gini,
        ("liveability/vulnerability_gap", ""): gap,
        ("initiatives/active", ""): active,
    }
    # Past-year shares are 1.5 times the weekly ones.
    levels[("participation/past_year", "")] = PAST_YEAR_FACTOR * participation
    for level, share in zip(("low", "middle", "high"), (low, middle, high)):
        levels[("participation/past_year_by_group", f"education={level}")] = PAST_YEAR_FACTOR * share
    levels.update({("cost/by_lever", lever): cost_per_lever for lever in LEVERS})
    for path, values in (("liveability/by_buurt", liveability_by_buurt),
                         ("participation/past_year_by_buurt", past_year_by_buurt),
                         ("participation/past_year_low_educated_by_buurt", low_educated_past_year_by_buurt),
                         ("cost/by_buurt", cost_by_buurt)):  # cost per week
        levels.update({(path, code): value for code, value in zip(BUURT_CODES, values)})
    return levels


# Costs per lever per tick: 500, 800 and 300 euro, so cost per tick is n * (level + 100 / 3) with n levers.
STANDARD_SCENARIOS = [
    FixtureScenario("responsive", "responsive", 11,
                    _levels(0.20, 0.12, 0.20, 0.30, 0.15, 0.55, 0.08, 0.20, 4.0, 500.0,
                            (0.74, 0.60, 0.40), past_year_by_buurt=(0.30, 0.20, 0.10),
                            low_educated_past_year_by_buurt=(0.20, 0.10, 0.05), cost_by_buurt=(500.0, 300.0, 200.0))),
    FixtureScenario("inviting", "inviting", 12,
                    _levels(0.26, 0.20, 0.25, 0.33, 0.08, 0.60, 0.06, 0.12, 6.0, 800.0,
                            (0.75, 0.64, 0.52)),
                    scale_factor={("trust/mean", ""): 2.0}),
    FixtureScenario("top_down", "top_down", 13,
                    _levels(0.15, 0.08, 0.15, 0.24, 0.20, 0.50, 0.09, 0.24, 2.0, 300.0,
                            (0.72, 0.58, 0.38))),
]


def pattern(ticks: np.ndarray) -> np.ndarray:
    """[R, T]: the replicate offset plus an alternating wiggle in the final year, WARMUP_PATTERN before."""
    in_final_year = ticks > ticks.max() - 52
    wiggle = np.where(np.arange(int(in_final_year.sum())) % 2 == 0, 0.5, -0.5)
    if wiggle.sum() != 0:
        raise ValueError("the final year must hold an even number of recorded ticks")
    result = np.full((len(REPLICATE_OFFSETS), len(ticks)), WARMUP_PATTERN)
    result[:, in_final_year] = REPLICATE_OFFSETS[:, np.newaxis] + wiggle[np.newaxis, :]
    return result


def scenario_json(scenario: FixtureScenario, ticks: np.ndarray) -> str:
    return json.dumps({
        "name": scenario.name,
        "description": f"fixture scenario with the {scenario.role} role",
        "seed": scenario.seed,
        "replicates": len(REPLICATE_OFFSETS),
        "horizon_ticks": int(ticks.max()),
        "government": {"role": scenario.role,
                       "levers": {"invitation_reach": 0.6 if scenario.role == "inviting" else 0.0,
                                  "community_worker_hours_per_1000": 8.0 if scenario.role == "inviting" else 0.0}},
        "output": {"every_ticks": int(ticks[1] - ticks[0])},
    })


def weeks_per_record(ticks: np.ndarray) -> np.ndarray:
    """The weeks each recorded tick covers: the gap to the previous one, the first as many as the next."""
    gaps = np.diff(ticks).astype(float)
    return np.concatenate([gaps[:1], gaps])


def _compressed(group: h5py.Group, name: str, data: np.ndarray, **kwargs) -> h5py.Dataset:
    return group.create_dataset(name, data=data, chunks=True, compression="gzip", shuffle=True, **kwargs)


def _write_root_attributes(h5: h5py.File, scenario: FixtureScenario, ticks: np.ndarray) -> None:
    h5.attrs["format_version"] = np.int64(3)
    h5.attrs["engine_version"] = "0.1.0"
    h5.attrs["git_commit"] = "0123456789abcdef0123456789abcdef01234567"
    h5.attrs["scenario_name"] = scenario.name
    h5.attrs["scenario_file"] = f"scenarios/{scenario.name}.json"
    h5.attrs["scenario_json"] = scenario_json(scenario, ticks)
    h5.attrs["seed"] = np.uint64(scenario.seed)
    h5.attrs["replicates"] = np.int64(len(REPLICATE_OFFSETS))
    h5.attrs["horizon_ticks"] = np.int64(ticks.max())
    h5.attrs["output_every"] = np.int64(ticks[1] - ticks[0])
    h5.attrs["residents"] = np.int64(RESIDENTS)
    h5.attrs["buurten"] = np.int64(len(BUURTEN))
    h5.attrs["threads"] = np.int64(2)


def weekly_ratios(values: dict[str, np.ndarray]) -> None:
    """Set the ratio series from the rates, tick by tick, as the engine records them (sim/metrics/recorder.cpp):
    the education ratio is the high educated's rate over the low educated's, a group's representation ratio
    its rate over the overall rate."""
    rates = values["participation/by_group"]
    high, low = GROUPS.index("education=high"), GROUPS.index("education=low")
    values["representation/education_ratio"] = rates[:, :, high:high + 1] / rates[:, :, low:low + 1]
    values["representation/ratio_by_group"] = rates / values["participation/overall"]


def _write_series(h5: h5py.File, scenario: FixtureScenario, ticks: np.ndarray) -> None:
    shape = pattern(ticks)
    values_by_path = {
        path: np.stack([scenario.level(path, c) + scenario.scale(path, c) * shape for c in columns or [""]], axis=-1)
        for path, columns, _, _, _ in SERIES_LAYOUT}
    weekly_ratios(values_by_path)
    for path, columns, axis, unit, description in SERIES_LAYOUT:
        values = values_by_path[path]
        if path in SINCE_PREVIOUS_RECORD:  # levels are per week; the file holds the weeks since the previous record
            values = values * weeks_per_record(ticks)[None, :, None]
        dataset = _compressed(h5, f"timeseries/{path}", values if columns else values[:, :, 0])
        dataset.attrs["description"] = description
        dataset.attrs["unit"] = unit
        if columns:
            dataset.attrs["columns"] = np.array(columns, dtype=h5py.string_dtype("utf-8"))
            dataset.attrs["column_axis"] = axis


def _write_table(h5: h5py.File, name: str, values_by_column: dict[str, list]) -> None:
    """Table `name` with its declared columns in declared order; the fixture must give values for each."""
    declared = TABLES[name]
    names = [column["name"] for column in declared["columns"]]
    if set(values_by_column) != set(names):
        raise ValueError(f"fixture table {name}: columns {sorted(values_by_column)}, declared {names}")
    group = h5.create_group(f"tables/{name}")
    group.attrs["description"] = declared["description"]
    numpy_types = {"int64": np.int64, "float64": np.float64, "string": h5py.string_dtype("utf-8")}
    for column in declared["columns"]:
        data = np.array(values_by_column[column["name"]], dtype=numpy_types[column["type"]])
        dataset = _compressed(group, column["name"], data)
        dataset.attrs["description"] = column["description"]


def _write_tables(h5: h5py.File) -> None:
    buurten_columns = [column["name"] for column in TABLES["buurten"]["columns"]]
    _write_table(h5, "buurten", {name: [row[index] for row in BUURTEN] for index, name in enumerate(buurten_columns)})
    _write_table(h5, "decisions", {
        "replicate": [0, 1, 2], "tick": [10, 20, 30], "buurt": [0, 1, 2],
        "kind": ["consult", "advise", "co_decide"], "participants": [12, 30, 7],
        "representativeness": [0.8, 0.7, 0.9], "judged_representativeness": [0.85, 0.75, 0.9], "input_used": [1, 0, 1]})
    _write_table(h5, "initiatives", {
        "replicate": [0, 2], "buurt": [2, 0], "founded_tick": [4, 12], "ended_tick": [40, -1],
        "issue": ["youth", "public_space"], "outcome": ["succeeded", "active"], "peak_members": [9, 4],
        "response": ["support", "none"], "street_share": [1.0, 1.0]})


# Share of low-educated residents per buurt in the synthesis fit table: 300 + 300 + 400 = 1000 of 3000.
LOW_EDUCATED_SHARES = (0.25, 0.30, 0.50)  # of BUURTEN's residents: its low_educated column
FIT_SOURCES = ("own row", "same code in nl_2022.csv", "gemeente row")  # where each buurt's composition came from
LOW_EDUCATED = sum(share * row[4] for share, row in zip(LOW_EDUCATED_SHARES, BUURTEN))


def _write_fit_table(h5: h5py.File) -> None:
    rows = [(code, "education", "low", share) for code, share in zip(BUURT_CODES, LOW_EDUCATED_SHARES)]
    rows += [(code, "education", "high", 0.3) for code in BUURT_CODES]
    _write_table(h5, "fit", {
        "buurt": [BUURT_CODES.index(row[0]) for row in rows], "marginal": [row[1] for row in rows], "category": [row[2] for row in rows],
        "target": [row[3] for row in rows], "achieved": [row[3] for row in rows],
        "abs_error": [0.0] * len(rows), "source": [FIT_SOURCES[BUURT_CODES.index(row[0])] for row in rows]})


def store_as_codes(h5: h5py.File, path: str) -> None:
    """Rewrite the string column at `path` as sim/io writes a coded column: uint8 codes into sorted labels."""
    column = h5[path]
    values = list(column.asstr()[()])
    attributes = dict(column.attrs)
    labels = sorted(set(values))
    del h5[path]
    coded = _compressed(h5, path, np.array([labels.index(value) for value in values], dtype=np.uint8))
    coded.attrs.update(attributes)
    coded.attrs["labels"] = np.array(labels, dtype=h5py.string_dtype("utf-8"))


# Real CBS buurt codes (Den Haag: Belgisch Park, Waalsdorp, Bomenbuurt) for the maps, and the hand-made
# boundaries file with squares under those codes.
DEN_HAAG_CODES = ["BU05180271", "BU05180477", "BU05181252"]
DEN_HAAG_BOUNDARIES = Path(__file__).parent / "data" / "den_haag_sample_buurten.geojson"
# Real CBS wijk codes of three gemeenten (Amsterdam, 's-Gravenhage, Utrecht), for the maps per gemeente.
THREE_GEMEENTEN_CODES = ["WK036301", "WK051801", "WK034401"]


def rename_buurten(paths: list[Path], codes: list[str]) -> list[Path]:
    """Give the fixture's buurten other codes, in the buurten table and the columns of every by_buurt series."""
    for path in paths:
        with h5py.File(path, "r+") as h5:
            for column, values in (("code", codes), ("gemeente", ["GM" + code[2:6] for code in codes])):
                del h5[f"tables/buurten/{column}"]
                h5["tables/buurten"].create_dataset(column, data=np.array(values, dtype=h5py.string_dtype()))
            for series, _, axis, _, _ in SERIES_LAYOUT:
                if axis == "buurt":
                    h5["timeseries"][series].attrs["columns"] = np.array(codes, dtype=h5py.string_dtype())
    return paths


DATA_NOTES = [
    "buurt size: 1 of 3 buurten (26.7% of the simulated residents) have fewer residents aged 15+ than one street",
    "kwb.csv: KWB table 84583NED (2019), one unit per buurt",
    "BU00000003 education: suppressed, took GM0000",
]


def _write_data_notes(h5: h5py.File) -> None:
    h5.create_dataset("input/data_notes", data=DATA_NOTES, dtype=h5py.string_dtype())


def write_fixture(path: Path, scenario: FixtureScenario, ticks: np.ndarray = STANDARD_TICKS) -> Path:
    """Write one result file the way sim/io does: into a temporary name, renamed when complete."""
    path = Path(path)
    partial = path.with_name(f"{path.name}.tmp-fixture")
    with h5py.File(partial, "w") as h5:
        _write_root_attributes(h5, scenario, ticks)
        h5.create_dataset("ticks", data=np.asarray(ticks, dtype=np.int64))
        _write_series(h5, scenario, ticks)
        _write_tables(h5)
        _write_fit_table(h5)
        _write_data_notes(h5)
    partial.replace(path)
    return path


def write_standard_set(folder: Path) -> list[Path]:
    """The three standard scenarios, one file each, reference (responsive) first."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return [write_fixture(folder / f"{scenario.name}.h5", scenario) for scenario in STANDARD_SCENARIOS]



class FixtureFolder(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.temporary = tempfile.TemporaryDirectory()
        cls.folder = Path(cls.temporary.name)
        cls.paths = write_standard_set(cls.folder)

    @classmethod
    def tearDownClass(cls):
        cls.temporary.cleanup()

    def variant(self, name, change):
        """A copy of the reference fixture with `change(h5)` applied."""
        path = write_fixture(self.folder / f"{name}.h5", STANDARD_SCENARIOS[0])
        with h5py.File(path, "r+") as h5:
            change(h5)
        return path


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python3 -m tests.analysis.make_fixture OUTPUT_FOLDER")
    for written in write_standard_set(Path(sys.argv[1])):
        print(written)
