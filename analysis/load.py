"""Reading wijksim result files (HDF5, format_version 1 to 4; see docs/output-format.md) into tidy DataFrames.

Owns the file contract on the Python side: which versions are readable, which root attributes must be
there, and how datasets become long tables. Everything downstream works on the DataFrames only.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Iterable

import h5py
import numpy as np
import pandas as pd

# The newest readable. 4 names every dimension with a scale at the root (/tick replaces /ticks) and stores coded
# columns as HDF5 enums (read as their codes, as before); 2 stores fit/buurt as codes, 1 every string column as strings.
FORMAT_VERSION = 4
REQUIRED_ROOT_ATTRIBUTES = (
    "format_version", "engine_version", "git_commit", "scenario_name", "scenario_file", "scenario_json",
    "seed", "replicates", "horizon_ticks", "output_every", "residents", "buurten",
)
SERIES_COLUMNS = ["scenario", "replicate", "tick", "metric", "column", "value"]
# The whole-file checksum wijksim writes into the file's 512-byte user block (sim/io/file_checksum.hpp).
USER_BLOCK_BYTES = 512
CHECKSUM_PREFIX = b"wijksim-checksum crc32="
HDF5_SIGNATURE = b"\x89HDF\r\n\x1a\n"


class AnalysisInputError(ValueError):
    """Bad input from the user (a file, a scenario name); the command line reports it and exits with 2."""


class ResultFileError(AnalysisInputError):
    """A file that cannot be read as a wijksim result; the message names the file and the problem."""


@dataclass
class RunData:
    """One result file: one scenario, all its replicates."""

    path: Path
    meta: dict  # root attributes; "scenario" holds the parsed scenario_json
    series: pd.DataFrame  # long: scenario, replicate, tick, metric, column ("" for scalar series), value
    tables: dict[str, pd.DataFrame]  # each with a leading scenario column
    buurten: pd.DataFrame
    data_notes: list[str]  # /input/data_notes: what the data stage filled in, sampled or warns about

    @property
    def scenario(self) -> str:
        return self.meta["scenario_name"]


@dataclass
class RunSet:
    """Several result files side by side, one scenario each, in the order they were given."""

    runs: list[RunData]

    @property
    def scenarios(self) -> list[str]:
        return [run.scenario for run in self.runs]

    @property
    def metas(self) -> dict[str, dict]:
        return {run.scenario: run.meta for run in self.runs}

    @cached_property
    def series(self) -> pd.DataFrame:
        return self._stack([run.series for run in self.runs], ["metric", "column"])

    @cached_property
    def buurten(self) -> pd.DataFrame:
        return self._stack([run.buurten for run in self.runs], [])

    def table(self, name: str) -> pd.DataFrame:
        return self._stack([run.tables[name] for run in self.runs if name in run.tables], [])

    def facts(self) -> pd.DataFrame:
        """One row per scenario: where it came from and how it was run."""
        keys = ["seed", "replicates", "horizon_ticks", "output_every", "residents", "buurten",
                "engine_version", "git_commit", "scenario_file"]
        rows = [{"scenario": run.scenario, "result_file": str(run.path), **{k: run.meta[k] for k in keys}}
                for run in self.runs]
        return pd.DataFrame(rows)

    def _stack(self, frames: list[pd.DataFrame], categorical: list[str]) -> pd.DataFrame:
        stacked = pd.concat(frames, ignore_index=True)
        stacked["scenario"] = pd.Categorical(stacked["scenario"], categories=self.scenarios)
        for name in categorical:
            stacked[name] = stacked[name].astype("category")
        return stacked


def verify_checksum(path: str | Path) -> str:
    """Check a file's whole-file checksum before HDF5 reads any of it. Returns "verified", "unsealed" (a
    file still being written, such as an experiment's .partial) or "none" (written before checksums, or
    not a wijksim file); raises ResultFileError when the file was changed, truncated or corrupted after
    wijksim wrote it."""
    path = Path(path)

    def damaged(why: str) -> ResultFileError:
        return ResultFileError(f"{path}: the file is damaged: {why}; it was changed or corrupted after wijksim "
                               "wrote it (run it again, or use a backup copy)")

    with open(path, "rb") as stream:
        block = stream.read(USER_BLOCK_BYTES)
        if not block.startswith(CHECKSUM_PREFIX):
            if len(block) == USER_BLOCK_BYTES and block.count(0) == USER_BLOCK_BYTES:
                return "unsealed"
            if stream.read(len(HDF5_SIGNATURE)) == HDF5_SIGNATURE:  # HDF5 after a user block: the line was damaged
                raise damaged("its checksum line is unreadable")
            return "none"
        crc, size = 0, 0
        while chunk := stream.read(1 << 20):
            crc = zlib.crc32(chunk, crc)
            size += len(chunk)
    stored = block[:block.find(b"\n") + 1]
    computed = CHECKSUM_PREFIX + f"{crc:08x} bytes={size}\n".encode()
    if stored != computed:
        raise damaged(f"its checksum does not match its contents (stored {stored[17:].decode(errors='replace').strip()}, "
                      f"computed {computed[17:].decode().strip()})")
    return "verified"


def load_run(path: str | Path) -> RunData:
    """Read one result file; raises ResultFileError for anything that is not a readable wijksim file."""
    path = Path(path)
    if not path.is_file():
        raise ResultFileError(f"{path}: no such file")
    if verify_checksum(path) == "unsealed":
        raise ResultFileError(f"{path}: the file is incomplete (it carries no checksum, so it was never finished); "
                              "run it again")
    if not h5py.is_hdf5(path):
        raise ResultFileError(f"{path}: not an HDF5 file (expected a wijksim result file, *.h5)")
    try:
        with h5py.File(path, "r") as h5:
            meta = _read_meta(path, h5)
            ticks = _read_ticks(path, h5)
            series = _read_series(path, h5, meta, ticks)
            tables = _read_tables(path, h5, meta["scenario_name"])
            data_notes = _read_data_notes(h5)
    except ResultFileError:
        raise
    except (OSError, KeyError, ValueError, TypeError, IndexError, AttributeError) as error:
        raise ResultFileError(f"{path}: cannot be read as a wijksim result file ({type(error).__name__}: {error})") from None
    if "buurten" not in tables:
        raise ResultFileError(f"{path}: missing table /tables/buurten")
    _fit_with_buurt_codes(path, tables)
    return RunData(path=path, meta=meta, series=series, tables=tables, buurten=tables["buurten"],
                   data_notes=data_notes)


def load_runs(paths: Iterable[str | Path]) -> RunSet:
    """Read several result files; scenario names must differ because they label the comparison."""
    runs: list[RunData] = []
    for path in paths:
        run = load_run(path)
        clash = next((other for other in runs if other.scenario == run.scenario), None)
        if clash is not None:
            raise ResultFileError(
                f"{run.path}: scenario name '{run.scenario}' is also the name in {clash.path}; "
                "give each compared scenario its own name")
        runs.append(run)
    if not runs:
        raise ResultFileError("no result files given")
    return RunSet(runs)


def _plain(value):
    """HDF5 attribute values as plain Python values (str, int, float, list)."""
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, np.ndarray):
        return [_plain(item) for item in value.tolist()]
    if isinstance(value, np.generic):
        return _plain(value.item())
    return value


def _read_meta(path: Path, h5: h5py.File) -> dict:
    attributes = {name: _plain(value) for name, value in h5.attrs.items()}
    if "format_version" not in attributes:
        raise ResultFileError(
            f"{path}: an HDF5 file but not a wijksim result file (no root attribute format_version)")
    version = attributes["format_version"]
    if not isinstance(version, int) or version < 1:
        raise ResultFileError(f"{path}: root attribute format_version is {version!r}; expected 1 to {FORMAT_VERSION}")
    if version > FORMAT_VERSION:
        raise ResultFileError(
            f"{path}: written in result format_version {version} (engine "
            f"{attributes.get('engine_version', 'unknown')}), newer than this analysis package reads "
            f"({FORMAT_VERSION}); use the analysis/ folder of the wijksim version that wrote it")
    missing = [name for name in REQUIRED_ROOT_ATTRIBUTES if name not in attributes]
    if missing:
        raise ResultFileError(f"{path}: missing root attribute(s) {', '.join(missing)}")
    try:
        attributes["scenario"] = json.loads(attributes.pop("scenario_json"))
    except json.JSONDecodeError as error:
        raise ResultFileError(f"{path}: root attribute scenario_json is not valid JSON ({error})") from None
    return attributes


# Data notes that bear on the results themselves, not only on where a figure came from
# (sim/scenario/load.cpp): buurten sampled below one street, and real buurten smaller than one.
CAVEAT_PREFIXES = ("scale: ", "buurt size: ")


def caveat_notes(run: RunData) -> list[str]:
    """The run's data notes that say its per-capita figures depend on buurt size or sampling."""
    return [note for note in run.data_notes if note.startswith(CAVEAT_PREFIXES)]


def _read_data_notes(h5: h5py.File) -> list[str]:
    """The data stage's notes, in the engine's order; none for files without CBS data or before format 3."""
    if "input/data_notes" not in h5:
        return []
    return [note.decode("utf-8", "replace") if isinstance(note, bytes) else str(note)
            for note in h5["input/data_notes"][()]]


def _read_ticks(path: Path, h5: h5py.File) -> np.ndarray:
    """The recorded ticks: the tick dimension's scale /tick from format_version 4, /ticks before."""
    name = "tick" if "tick" in h5 else "ticks"
    if name not in h5:
        raise ResultFileError(f"{path}: missing dataset /tick (/ticks before format_version 4)")
    return np.asarray(h5[name][()], dtype=np.int64)


def _series_datasets(h5: h5py.File) -> list[tuple[str, h5py.Dataset]]:
    found: list[tuple[str, h5py.Dataset]] = []
    if "timeseries" in h5:
        h5["timeseries"].visititems(
            lambda name, item: found.append((name, item)) if isinstance(item, h5py.Dataset) else None)
    return found


def _read_series(path: Path, h5: h5py.File, meta: dict, ticks: np.ndarray) -> pd.DataFrame:
    frames = [_series_frame(path, metric, dataset, meta["replicates"], ticks)
              for metric, dataset in _series_datasets(h5)]
    if not frames:
        raise ResultFileError(f"{path}: no datasets under /timeseries")
    series = pd.concat(frames, ignore_index=True)
    series.insert(0, "scenario", meta["scenario_name"])
    for name in ("metric", "column"):
        series[name] = series[name].astype("category")
    return series


def _series_frame(path: Path, metric: str, dataset: h5py.Dataset, replicates: int,
                  ticks: np.ndarray) -> pd.DataFrame:
    values = np.asarray(dataset[()], dtype=np.float64)
    where = f"{path}: /timeseries/{metric}"
    if values.ndim == 2:
        values = values[:, :, np.newaxis]
        columns = np.array([""], dtype=object)
    elif values.ndim == 3:
        columns = np.array(_plain(dataset.attrs.get("columns", [])), dtype=object)
        if len(columns) != values.shape[2]:
            raise ResultFileError(
                f"{where} has {values.shape[2]} columns but its columns attribute names {len(columns)}")
    else:
        raise ResultFileError(f"{where} has {values.ndim} dimensions; expected [R, T] or [R, T, W]")
    n_replicates, n_ticks, width = values.shape
    if n_replicates != replicates or n_ticks != len(ticks):
        raise ResultFileError(
            f"{where} has shape {values.shape[:2]} (replicates, ticks); expected ({replicates}, {len(ticks)})")
    return pd.DataFrame({
        "replicate": np.repeat(np.arange(n_replicates), n_ticks * width),
        "tick": np.tile(np.repeat(ticks, width), n_replicates),
        "metric": metric,
        "column": np.tile(columns, n_replicates * n_ticks),
        "value": values.ravel(),
    })


def _read_column(path: Path, where: str, dataset: h5py.Dataset) -> np.ndarray | pd.Categorical:
    """Codes into a labels attribute (format_version 2; an HDF5 enum from 4) become a Categorical; string columns
    become str objects."""
    if "labels" in dataset.attrs:
        labels = _plain(dataset.attrs["labels"])
        codes = np.asarray(dataset[()], dtype=np.int64)
        outside = np.flatnonzero((codes < 0) | (codes >= len(labels)))
        if outside.size:
            row = outside[0]
            raise ResultFileError(
                f"{path}: {where}, row {row}: code {codes[row]} is not an index into its {len(labels)} labels")
        try:
            return pd.Categorical.from_codes(codes, categories=labels)
        except ValueError as error:  # e.g. labels that repeat
            raise ResultFileError(f"{path}: {where}: labels {labels!r} cannot decode its codes ({error})") from None
    if h5py.check_string_dtype(dataset.dtype) is not None:
        return np.asarray(dataset.asstr()[()], dtype=object)
    return dataset[()]


def _fit_with_buurt_codes(path: Path, tables: dict[str, pd.DataFrame]) -> None:
    """From format_version 3 the fit table's buurt is a row index into buurten; analyses join on codes."""
    fit = tables.get("fit")
    if fit is None or not pd.api.types.is_integer_dtype(fit["buurt"]):
        return
    codes = tables["buurten"]["code"].to_numpy()
    outside = fit["buurt"][(fit["buurt"] < 0) | (fit["buurt"] >= len(codes))]
    if len(outside):
        raise ResultFileError(f"{path}: /tables/fit/buurt {outside.iloc[0]} is not a row of /tables/buurten")
    fit["buurt"] = codes[fit["buurt"].to_numpy()]


def _read_tables(path: Path, h5: h5py.File, scenario: str) -> dict[str, pd.DataFrame]:
    tables: dict[str, pd.DataFrame] = {}
    for name, group in h5.get("tables", {}).items():
        columns = {column: _read_column(path, f"/tables/{name}/{column}", dataset)
                   for column, dataset in group.items()}
        lengths = {column: len(values) for column, values in columns.items()}
        if len(set(lengths.values())) > 1:
            raise ResultFileError(f"{path}: columns of /tables/{name} differ in length: {lengths}")
        table = pd.DataFrame(columns)
        table.insert(0, "scenario", scenario)
        tables[name] = table
    return tables
