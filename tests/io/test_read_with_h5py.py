#!/usr/bin/python3
"""Shows that read_with_h5py.py catches contract violations: each case copies a conforming
result file, breaks one rule with h5py, and expects the checker to name the broken object.

Usage: /usr/bin/python3 test_read_with_h5py.py CONFORMING.h5
"""
import os
import shutil
import sys
import tempfile

import h5py
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from read_with_h5py import check_result_file  # noqa: E402


def first_series_with_columns(file):
    found = []
    file["timeseries"].visititems(
        lambda name, item: found.append(name) if isinstance(item, h5py.Dataset) and item.ndim == 3 else None)
    return found[0]


def drop_unit(file):
    path = first_series_with_columns(file)
    del file["timeseries"][path].attrs["unit"]
    return f"/timeseries/{path}: attribute unit"


def short_columns(file):
    path = first_series_with_columns(file)
    file["timeseries"][path].attrs["columns"] = ["only-one"]
    return f"/timeseries/{path}: columns attribute"


def wrong_replicates(file):
    file.attrs.modify("replicates", np.int64(file.attrs["replicates"] + 1))
    return "does not start with [R="


def unequal_table(file):
    name = next(iter(file["tables"]))
    group = file["tables"][name]
    group.create_dataset("extra", data=np.zeros(len(next(iter(group.values()))) + 1, dtype=np.int64),
                         chunks=True, compression="gzip", shuffle=True).attrs["description"] = "too long"
    return f"/tables/{name}: columns differ in length"


def uncompressed(file):
    file.create_dataset("timeseries/uncompressed", data=np.zeros((file.attrs["replicates"], len(file["tick"]))))
    return "/timeseries/uncompressed: expected chunked storage"


def seed_as_signed(file):
    del file.attrs["seed"]
    file.attrs.create("seed", 1, dtype=np.int64)
    return "root attribute seed: expected uint64"


def numeric_data_notes(file):
    del file["input/data_notes"]
    file.create_dataset("input/data_notes", data=np.zeros(2), chunks=True, compression="gzip", shuffle=True)
    return "/input/data_notes: expected a 1-D dataset of UTF-8 strings"


def first_coded_column(file):
    found = []
    file["tables"].visititems(
        lambda name, item: found.append(name) if isinstance(item, h5py.Dataset) and "labels" in item.attrs else None)
    return found[0]


def code_outside_labels(file):
    path = first_coded_column(file)
    column = file["tables"][path]
    codes = column[()]
    codes[-1] = len(column.attrs["labels"])
    column[...] = codes
    return f"/tables/{path}: code {len(column.attrs['labels'])} in row {len(codes) - 1} is not an index"


def labels_unlike_the_enum(file):
    path = first_coded_column(file)
    column = file["tables"][path]
    column.attrs["labels"] = list(reversed(column.attrs["labels"]))
    return f"/tables/{path}: expected an enum whose member i is labels[i]"


def detached_dimension(file):
    file["timeseries/participation/overall"].dims[1].detach_scale(file["tick"])
    return "/timeseries/participation/overall: dimensions ['replicate', ''], expected ['replicate', 'tick']"


def table_column_without_dimension(file):
    file["tables/decisions/tick"].dims[0].detach_scale(file["decision"])
    return "/tables/decisions/tick: dimensions [''], expected ['decision']"


def codes_in_version_1(file):
    path = first_coded_column(file)
    file.attrs.modify("format_version", np.int64(1))
    return f"/tables/{path}: a labels attribute in a format_version 1 file"


BREAKERS = (drop_unit, short_columns, wrong_replicates, unequal_table, uncompressed, seed_as_signed,
            numeric_data_notes, code_outside_labels, labels_unlike_the_enum, codes_in_version_1, detached_dimension,
            table_column_without_dimension)


def main(conforming):
    failures = []
    if check_result_file(conforming):
        failures.append(f"the conforming file {conforming} already fails: {check_result_file(conforming)}")
    with tempfile.TemporaryDirectory() as folder:
        for breaker in BREAKERS:
            broken = os.path.join(folder, breaker.__name__ + ".h5")
            shutil.copyfile(conforming, broken)
            with h5py.File(broken, "r+") as file:
                expected = breaker(file)
            problems = check_result_file(broken)
            if not any(expected in problem for problem in problems):
                failures.append(f"{breaker.__name__}: expected a problem containing {expected!r}, got {problems}")
    for failure in failures:
        print("FAILED", failure)
    print(f"{len(BREAKERS) - len(failures)} of {len(BREAKERS)} violations detected")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
