"""`python3 -m analysis export FILE -o FOLDER`: result and experiment files as plain CSV, for pandas, R or a
spreadsheet, and experiments in the shapes EMA Workbench and SALib take.

A result file (`wijksim run`) becomes
  series.csv   tidy, long: scenario, replicate, tick, series, column, value (one row each; column is "" for a
               series without columns)
  buurten.csv  one row per buurt keyed by its CBS code (code, name, wijk, gemeente, ...), with each per-buurt
               series' final-year mean over replicates (liveability, participation, trust)
  <table>.csv  every other table of the file (decisions, initiatives, fit, ...), categorical columns as labels
An experiment file (`wijksim experiment`) becomes
  experiments.csv  one row per run and replicate: run, replicate, label, seed and one column per parameter
                   (EMA Workbench's experiments table; `policy` holds the label of a named scenario)
  outcomes.csv     the same rows, one column per outcome (EMA Workbench's outcomes: {name: column})
  by_buurt.csv     one row per run, replicate and buurt (CBS code): the final-year mean of each per-buurt series
                   (liveability, past-year participation, trust), when every run has the same buurten
  salib_problem.json, salib_X.csv, salib_Y.csv   for SALib: the problem (names, bounds), the parameter values
                   and the outcomes (replicate means), one row per design point (no index column: the arrays
                   as they are) in the order SALib's analyse functions expect (Sobol without second order: A, AB_1 .. AB_k, B per base sample; Morris:
                   trajectory by trajectory)
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.compare import final_year
from analysis.experiment import ExperimentData, is_experiment_file, load_experiment
from analysis.load import RunData, load_run

BUURT_SERIES = {"liveability/by_buurt": "liveability", "participation/by_buurt": "participation_weekly",
                "trust/by_buurt": "trust"}


def export_file(path: str | Path, folder: str | Path) -> list[Path]:
    """Write the CSV files of a result or experiment file into `folder`; returns their paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    tables = experiment_tables(load_experiment(path)) if is_experiment_file(path) else run_tables(load_run(path))
    written = []
    for name, table in tables.items():
        target = folder / name
        if isinstance(table, dict):
            target.write_text(json.dumps(table, indent=2) + "\n", encoding="utf-8")
        else:
            table.to_csv(target, index=False)
        written.append(target)
    return written


def run_tables(run: RunData) -> dict[str, pd.DataFrame]:
    series = run.series.rename(columns={"metric": "series"})
    tables = {"series.csv": series[["scenario", "replicate", "tick", "series", "column", "value"]],
              "buurten.csv": buurt_table(run)}
    for name, table in run.tables.items():
        if name != "buurten":
            tables[f"{name}.csv"] = table
    return tables


def buurt_table(run: RunData) -> pd.DataFrame:
    """The buurten table with each per-buurt series' final-year mean over replicates, keyed by CBS code."""
    table = run.buurten.drop(columns="scenario")
    first = [column for column in ("code", "name", "wijk", "gemeente", "type", "residents") if column in table]
    table = table[first + [column for column in table.columns if column not in first]].copy()
    window = final_year(run.series)
    for series, column in BUURT_SERIES.items():
        rows = window[window["metric"] == series]
        means = rows.groupby("column", observed=True)["value"].mean()
        table[f"{column}_final_year"] = table["code"].map(means)
    return table


def experiment_tables(data: ExperimentData) -> dict[str, object]:
    parameters = list(data.parameters["path"])
    design = data.design[data.design["done"]].sort_values("run")
    per_replicate = data.outcomes.pivot_table(index=["run", "replicate"], columns="outcome", values="value",
                                              sort=False).reset_index()
    experiments = per_replicate[["run", "replicate"]].merge(
        design[["run", "label", "seed", *parameters]], on="run", how="left")
    if data.method == "scenarios":
        experiments["policy"] = experiments["label"]
    outcomes = per_replicate[["run", "replicate", *data.outcome_names]]
    tables: dict[str, object] = {"experiments.csv": experiments, "outcomes.csv": outcomes}
    if len(data.by_buurt):
        tables["by_buurt.csv"] = data.by_buurt.pivot_table(
            index=["run", "label", "replicate", "buurt"], columns="outcome", values="value", sort=False).reset_index()
    if parameters:
        tables.update(salib_tables(data, design, parameters))
    return tables


def salib_tables(data: ExperimentData, design: pd.DataFrame, parameters: list[str]) -> dict[str, object]:
    ordered = salib_order(design, data.method, len(parameters))
    means = data.run_means().pivot_table(index="run", columns="outcome", values="value", sort=False)
    numeric = data.parameters["choices"].isna()
    problem = {"num_vars": len(parameters), "names": parameters,
               "bounds": [[float(row.min), float(row.max)] if is_number else [0.0, float(len(row.choices) - 1)]
                          for row, is_number in zip(data.parameters.itertuples(), numeric)],
               "wijksim_design": data.method,
               "note": "parameters with choices are given as the index of the choice"}
    x = pd.DataFrame({path: ordered[path] if is_number else ordered[path].map(lambda value: choices.index(value))
                      for path, is_number, choices in zip(parameters, numeric, data.parameters["choices"])})
    y = means.reindex(ordered["run"]).reset_index(drop=True)[data.outcome_names]
    return {"salib_problem.json": problem, "salib_X.csv": x, "salib_Y.csv": y}


def salib_order(design: pd.DataFrame, method: str, k: int) -> pd.DataFrame:
    """Design rows in the order SALib's analyse functions read them."""
    if method != "sobol":
        return design.sort_values("run").reset_index(drop=True)
    position = np.where(design["kind"] == "A", 0, np.where(design["kind"] == "B", k + 1, design["changed"] + 1))
    return (design.assign(position=position).sort_values(["sample", "position"])
            .drop(columns="position").reset_index(drop=True))


def add_subcommand(subcommands) -> None:
    """The `export` subcommand of `python3 -m analysis` (listed in its COMMANDS)."""
    parser = subcommands.add_parser(
        "export", help="write a result or experiment file as CSV (tidy series, buurten by CBS code; EMA/SALib)",
        description=__doc__.split("\n", 1)[1], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", type=Path, metavar="FILE.h5", help="a result file or an experiment file")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="FOLDER",
                        help="folder for the CSV files (created if missing)")
    parser.set_defaults(run=run_command)


def run_command(args: argparse.Namespace) -> int:
    for path in export_file(args.file, args.output):
        print(f"wrote {path}")
    return 0
