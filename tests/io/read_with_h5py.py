#!/usr/bin/python3
"""Checks that wijksim result files follow the HDF5 layout contract (format_version 4, and the
versions 1 to 3 it extends; see docs/output-format.md), reading them with h5py the way analysis code does.

Usage: /usr/bin/python3 read_with_h5py.py RESULT.h5 [MORE.h5 ...]
Exit status 0 when every file conforms; otherwise each violation is printed and the status is 1.
Generic on purpose: it checks any result file, from the test fixture or from a real run.
Importable too: check_result_file(path) returns the list of violations.
"""
import json
import sys
from pathlib import Path

import h5py
import numpy as np

FORMAT_VERSION = 4
# Version 2 added string table columns stored as uint8 codes into a `labels` attribute.
FIRST_VERSION_WITH_CODES = 2
# Version 3 made fit/buurt a row index into /tables/buurten.
FIRST_VERSION_WITH_FIT_INDEX = 3
# Version 4 named every dimension with a scale at the root (/tick replacing /ticks) and made coded columns enums.
FIRST_VERSION_WITH_SCALES = 4
STRING_ROOT_ATTRIBUTES = ("engine_version", "git_commit", "scenario_name", "scenario_file", "scenario_json")
INT64_ROOT_ATTRIBUTES = ("replicates", "horizon_ticks", "output_every", "residents", "buurten", "threads")
# The column axes of the output declarations (sim/metrics/outputs.hpp, generated into docs/outputs.json).
OUTPUTS_FILE = Path(__file__).resolve().parents[2] / "docs" / "outputs.json"
OUTPUTS = json.loads(OUTPUTS_FILE.read_text(encoding="utf-8"))
COLUMN_AXES = {series["dimensions"][2] for series in OUTPUTS["series"] if len(series["dimensions"]) == 3}
SERIES_DIMENSIONS = {series["path"]: series["dimensions"] for series in OUTPUTS["series"]}
TABLE_DIMENSIONS = {table["path"]: table["dimension"] for table in OUTPUTS["tables"]}


def is_utf8_string_dtype(dtype):
    info = h5py.check_string_dtype(dtype)
    return info is not None and info.length is None and info.encoding == "utf-8"


def check_root(file, problems):
    attrs = file.attrs
    for name in STRING_ROOT_ATTRIBUTES:
        if not isinstance(attrs.get(name), str):
            problems.append(f"root attribute {name}: expected a string, found {attrs.get(name)!r}")
    for name in INT64_ROOT_ATTRIBUTES:
        value = attrs.get(name)
        if not (isinstance(value, np.integer) and value.dtype == np.int64):
            problems.append(f"root attribute {name}: expected int64, found {value!r}")
    seed = attrs.get("seed")
    if not (isinstance(seed, np.integer) and seed.dtype == np.uint64):
        problems.append(f"root attribute seed: expected uint64, found {seed!r}")
    try:
        json.loads(attrs.get("scenario_json", ""))
    except (TypeError, ValueError) as error:
        problems.append(f"root attribute scenario_json is not valid JSON: {error}")
    for name in ("replicates", "residents", "buurten"):
        if name in attrs and attrs[name] < 0:
            problems.append(f"root attribute {name} is negative: {attrs[name]}")


def check_ticks(file, version, problems):
    where = "/tick" if version >= FIRST_VERSION_WITH_SCALES else "/ticks"
    ticks = file.get(where)
    if not isinstance(ticks, h5py.Dataset):
        problems.append(f"{where} is missing")
        return None
    if ticks.dtype != np.int64 or ticks.ndim != 1:
        problems.append(f"{where}: expected 1-D int64, found {ticks.ndim}-D {ticks.dtype}")
        return None
    values = ticks[()]
    if np.any(np.diff(values) <= 0):
        problems.append(f"{where} is not strictly increasing: {values.tolist()}")
    horizon = file.attrs.get("horizon_ticks")
    if values.size and horizon is not None and (values[0] < 0 or values[-1] > horizon):
        problems.append(f"{where} runs from {values[0]} to {values[-1]}, outside 0..horizon_ticks={horizon}")
    return values.size


def check_series(path, dataset, replicates, ticks, buurten, problems):
    where = f"/timeseries/{path}"
    if dataset.dtype != np.float64:
        problems.append(f"{where}: expected float64, found {dataset.dtype}")
    if dataset.ndim not in (2, 3):
        problems.append(f"{where}: expected [R, T] or [R, T, W], found shape {dataset.shape}")
        return
    if dataset.shape[0] != replicates or (ticks is not None and dataset.shape[1] != ticks):
        problems.append(f"{where}: shape {dataset.shape} does not start with [R={replicates}, T={ticks}]")
    for name in ("description", "unit"):
        if not isinstance(dataset.attrs.get(name), str):
            problems.append(f"{where}: attribute {name} missing or not a string")
    if dataset.ndim == 2:
        if "columns" in dataset.attrs:
            problems.append(f"{where}: a scalar series must not have a columns attribute")
        return
    columns = dataset.attrs.get("columns")
    if columns is None or len(columns) != dataset.shape[2] or not all(isinstance(c, str) for c in columns):
        problems.append(f"{where}: columns attribute must list {dataset.shape[2]} strings, found {columns!r}")
    axis = dataset.attrs.get("column_axis")
    if axis not in COLUMN_AXES:
        problems.append(f"{where}: column_axis {axis!r} is not one of {sorted(COLUMN_AXES)}")
    if axis == "buurt" and dataset.shape[2] != buurten:
        problems.append(f"{where}: {dataset.shape[2]} buurt columns but the root says buurten={buurten}")


def check_coded_column(where, dataset, version, problems):
    """A column with a labels attribute: uint8 codes, each an index into distinct labels (sorted before version 4;
    from version 4 an enum whose members are the labels, unless a label is empty)."""
    if version < FIRST_VERSION_WITH_CODES:
        problems.append(f"{where}: a labels attribute in a format_version {version} file "
                        f"(codes came with version {FIRST_VERSION_WITH_CODES})")
        return
    labels = dataset.attrs["labels"]
    if not (isinstance(labels, np.ndarray) and labels.ndim == 1 and all(isinstance(label, str) for label in labels)):
        problems.append(f"{where}: labels attribute must be a 1-D array of strings, found {labels!r}")
        return
    if version < FIRST_VERSION_WITH_SCALES and list(labels) != sorted(set(labels)):
        problems.append(f"{where}: labels must be sorted and distinct, found {list(labels)}")
    if len(set(labels)) != len(labels):
        problems.append(f"{where}: labels must be distinct, found {list(labels)}")
    members = h5py.check_enum_dtype(dataset.dtype)
    if version >= FIRST_VERSION_WITH_SCALES and all(labels) and members != {label: i for i, label in enumerate(labels)}:
        problems.append(f"{where}: expected an enum whose member i is labels[i], found {members}")
    if dataset.dtype != np.uint8:
        problems.append(f"{where}: a column with labels must hold uint8 codes, found {dataset.dtype}")
        return
    codes = dataset[()]
    outside = np.flatnonzero(codes >= len(labels))
    if outside.size:
        row = outside[0]
        problems.append(f"{where}: code {codes[row]} in row {row} is not an index into its {len(labels)} labels")


def check_table(name, group, version, problems):
    where = f"/tables/{name}"
    if not isinstance(group, h5py.Group):
        problems.append(f"{where}: expected a group per table")
        return
    if not isinstance(group.attrs.get("description"), str):
        problems.append(f"{where}: attribute description missing or not a string")
    lengths = {}
    for column, dataset in group.items():
        if not isinstance(dataset, h5py.Dataset) or dataset.ndim != 1:
            problems.append(f"{where}/{column}: expected a 1-D dataset")
            continue
        if "labels" in dataset.attrs:
            check_coded_column(f"{where}/{column}", dataset, version, problems)
        elif dataset.dtype not in (np.int64, np.float64) and not is_utf8_string_dtype(dataset.dtype):
            problems.append(f"{where}/{column}: expected int64, float64 or UTF-8 strings, found {dataset.dtype}")
        if not isinstance(dataset.attrs.get("description"), str):
            problems.append(f"{where}/{column}: attribute description missing or not a string")
        lengths[column] = dataset.shape[0]
    if len(set(lengths.values())) > 1:
        problems.append(f"{where}: columns differ in length: {lengths}")


def check_fit_index(tables, version, problems):
    """From format_version 3, /tables/fit/buurt holds int64 row indices into /tables/buurten."""
    if version < FIRST_VERSION_WITH_FIT_INDEX or "fit" not in tables or "buurt" not in tables["fit"]:
        return
    buurt = tables["fit"]["buurt"]
    if buurt.dtype != np.int64:
        problems.append(f"/tables/fit/buurt: expected int64 row indices into /tables/buurten, found {buurt.dtype}")
        return
    rows = tables["buurten"]["code"].shape[0] if "buurten" in tables and "code" in tables["buurten"] else 0
    indices = buurt[()]
    if indices.size and (indices.min() < 0 or indices.max() >= rows):
        problems.append(f"/tables/fit/buurt: indices must lie in 0..{rows - 1}, found {indices.min()}..{indices.max()}")


def check_data_notes(file, problems):
    """/input/data_notes is optional (files written before it lack it), but when present it is a
    1-D UTF-8 string dataset with a description."""
    notes = file.get("input/data_notes")
    if notes is None:
        return
    where = "/input/data_notes"
    if not isinstance(notes, h5py.Dataset) or notes.ndim != 1 or not is_utf8_string_dtype(notes.dtype):
        problems.append(f"{where}: expected a 1-D dataset of UTF-8 strings")
        return
    if not isinstance(notes.attrs.get("description"), str):
        problems.append(f"{where}: attribute description missing or not a string")


def dimension_names(dataset):
    """The dimension of each axis: the name of the scale at the root attached to it ("" where none is)."""
    return [dim[0].name[1:] if len(dim) and dim[0].name.count("/") == 1 else "" for dim in dataset.dims]


def check_dimensions(file, problems):
    """From version 4 every dataset's axes are attached to the dimension scales at the root, named as declared."""
    for name, dimension in {**{f"timeseries/{path}": dims for path, dims in SERIES_DIMENSIONS.items()},
                            "input/data_notes": ["note"]}.items():
        if name in file and dimension_names(file[name]) != list(dimension):
            problems.append(f"/{name}: dimensions {dimension_names(file[name])}, expected {list(dimension)}")
    for table, dimension in TABLE_DIMENSIONS.items():
        for column, dataset in file.get(f"tables/{table}", {}).items():
            if dimension_names(dataset) != [dimension]:
                problems.append(f"/tables/{table}/{column}: dimensions {dimension_names(dataset)}, expected [{dimension!r}]")
    if "buurt" in file and "tables/buurten/code" in file and \
            list(file["buurt"].asstr()[()]) != list(file["tables/buurten/code"].asstr()[()]):
        problems.append("/buurt: must hold the codes of /tables/buurten/code, in order")


def check_storage(file, problems):
    def visit(name, item):
        if isinstance(item, h5py.Dataset):
            if item.chunks is None or item.compression != "gzip" or not item.shuffle:
                problems.append(f"/{name}: expected chunked storage with shuffle and gzip, found "
                                f"chunks={item.chunks} compression={item.compression} shuffle={item.shuffle}")
    file.visititems(visit)


def check_result_file(path):
    problems = []
    with h5py.File(path, "r") as file:
        version = file.attrs.get("format_version")
        if version is None:
            return [f"{path}: no format_version attribute: not a wijksim result file"]
        if not 1 <= version <= FORMAT_VERSION:
            kind = "newer" if version > FORMAT_VERSION else "unknown"
            return [f"{path}: {kind} format_version {version}; this check knows format_version 1 to {FORMAT_VERSION}"]
        check_root(file, problems)
        ticks = check_ticks(file, version, problems)
        replicates = file.attrs.get("replicates")
        buurten = file.attrs.get("buurten")
        for group_name in ("timeseries", "tables"):
            if not isinstance(file.get(group_name), h5py.Group):
                problems.append(f"/{group_name} group is missing")
        if isinstance(file.get("timeseries"), h5py.Group):
            def visit_series(name, item):
                if isinstance(item, h5py.Dataset):
                    check_series(name, item, replicates, ticks, buurten, problems)
            file["timeseries"].visititems(visit_series)
        if isinstance(file.get("tables"), h5py.Group):
            for name, group in file["tables"].items():
                check_table(name, group, version, problems)
            check_fit_index(file["tables"], version, problems)
        check_data_notes(file, problems)
        if version >= FIRST_VERSION_WITH_SCALES:
            check_dimensions(file, problems)
        check_storage(file, problems)
    return problems


def summary(path):
    with h5py.File(path, "r") as file:
        series = []
        file["timeseries"].visititems(lambda name, item: series.append(name) if isinstance(item, h5py.Dataset) else None)
        return (f"{path}: conforms to format_version {file.attrs['format_version']} "
                f"({len(series)} series, {len(file['tables'])} tables, R={file.attrs['replicates']}, "
                f"T={file['tick' if 'tick' in file else 'ticks'].shape[0]})")


def main(paths):
    if not paths:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    failed = False
    for path in paths:
        problems = check_result_file(path)
        for problem in problems:
            print(f"{path}: {problem}" if not problem.startswith(path) else problem)
        if problems:
            failed = True
        else:
            print(summary(path))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
