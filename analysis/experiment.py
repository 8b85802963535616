"""Experiment files (written by `wijksim experiment`) into tidy DataFrames, role comparisons and
sensitivity tables.

An experiment file holds one row per run (a named scenario or a design point) with its parameters, seed
and per-replicate outcomes (final-year means); see docs/experiments.md for the layout. Run-level outcomes
are replicate means; comparisons of named scenarios reuse analysis.compare (Student-t intervals over
replicates; differences paired under common random numbers, else Welch); Sobol and Morris tables come from
analysis.sensitivity.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import h5py
import numpy as np
import pandas as pd

from analysis.compare import differences, summarise
from analysis.load import AnalysisInputError, verify_checksum
from analysis import sensitivity

EXPERIMENT_FORMAT_VERSION = 1

# Readable names of the outcomes an experiment can keep (docs/experiments.md, section 4); any other outcome
# is shown under its own name.
OUTCOME_LABELS = {
    "participation/past_year": "past-year participation, all residents 15+ (share active in the past 52 weeks)",
    "participation/past_year_by_group:education=low": "past-year participation, low education (share)",
    "participation/past_year_by_group:education=high": "past-year participation, high education (share)",
    "participation/overall": "weekly participation, all residents 15+ (share)",
    "participation/by_group:education=low": "weekly participation, low education (share)",
    "participation/by_group:education=middle": "weekly participation, middle education (share)",
    "participation/by_group:education=high": "weekly participation, high education (share)",
    "representation/education_ratio": "participation rate high / low education",
    "representation/ratio_by_group:education=low": "representation ratio, low education (1 = parity)",
    "representation/dissimilarity:education": "dissimilarity participants vs population, education (0-1)",
    "trust/mean": "trust in local government, mean (0-1)",
    "trust/by_group:education=low": "trust in local government, low education (0-1)",
    "liveability/mean": "liveability, mean of its three parts",
    "liveability/gini": "liveability Gini across buurten",
    "liveability/vulnerability_gap": "liveability gap, least minus most vulnerable fifth",
    "initiatives/active": "initiatives active (count)",
    "initiatives/succeeded_per_year": "initiatives succeeded per year",
    "social/loneliness_rate": "loneliness rate (share)",
    "cost/per_resident_year": "cost per resident per year (euro)",
}
PARTICIPATION_BY_EDUCATION = [f"participation/by_group:education={level}" for level in ("low", "middle", "high")]
EDUCATION_RATIO = "representation/education_ratio"
REPRESENTATION_LOW = "representation/ratio_by_group:education=low"
COST_PER_RESIDENT_YEAR = "cost/per_resident_year"
# The outcomes a report leads with: who takes part, whose voice counts, trust, the liveability gap, the cost.
PAST_YEAR = ["participation/past_year", "participation/past_year_by_group:education=low",
             "participation/past_year_by_group:education=high"]
KEY_OUTCOMES = [*PAST_YEAR, "participation/overall", *PARTICIPATION_BY_EDUCATION, EDUCATION_RATIO,
                REPRESENTATION_LOW, "trust/mean", "liveability/vulnerability_gap", COST_PER_RESIDENT_YEAR]


def outcome_label(outcome: str) -> str:
    return OUTCOME_LABELS.get(outcome, outcome)


BY_BUURT_COLUMNS = ["run", "label", "replicate", "buurt", "outcome", "value"]


@dataclass
class ExperimentData:
    path: Path
    meta: dict  # root attributes; "experiment" holds the parsed experiment_json
    design: pd.DataFrame  # one row per run: run, label, kind, sample, changed, seed, residents, done, parameters
    parameters: pd.DataFrame  # path, min, max, integer, choices (empty for named scenarios)
    outcomes: pd.DataFrame  # long: run, label, replicate, outcome, value (done runs only)
    # long: run, label, replicate, buurt (code), outcome (a per-buurt series), value; done runs only, empty when
    # the file keeps no per-buurt outcomes (runs with different buurten, or files before they were kept)
    by_buurt: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=BY_BUURT_COLUMNS))

    @property
    def method(self) -> str:
        return self.meta["method"]

    @property
    def complete(self) -> bool:
        return bool(self.design["done"].all())

    @property
    def outcome_names(self) -> list[str]:
        """The outcomes kept in the file, in the file's order."""
        return list(self.meta["outcomes"])

    def key_outcomes(self) -> list[str]:
        """KEY_OUTCOMES that the file keeps; all its outcomes when it keeps none of them."""
        kept = [name for name in KEY_OUTCOMES if name in self.outcome_names]
        return kept or self.outcome_names

    def run_means(self) -> pd.DataFrame:
        """One row per run and outcome: the mean over replicates (NaN replicates left out)."""
        means = self.outcomes.groupby(["run", "outcome"], sort=True)["value"].mean().rename("value").reset_index()
        return means.merge(self.design, on="run", how="left")

    def scenario_values(self) -> pd.DataFrame:
        """Outcomes as analysis.compare expects them: scenario (the run label), replicate, outcome, value."""
        values = self.outcomes.rename(columns={"label": "scenario"})[["scenario", "replicate", "outcome", "value"]]
        order = list(self.design.sort_values("run")["label"])
        values["scenario"] = pd.Categorical(values["scenario"], categories=order)
        return values


def is_experiment_file(path: str | Path) -> bool:
    """True for an HDF5 file whose root attribute kind is "experiment"; anything else (a run file, a missing
    or unreadable file) is left to the reader of run files and its error messages."""
    path = Path(path)
    try:
        verify_checksum(path)  # a damaged file is not opened here; the run reader reports it
    except (AnalysisInputError, OSError):
        return False
    if not h5py.is_hdf5(path):
        return False
    try:
        with h5py.File(path, "r") as h5:
            return _plain(h5.attrs.get("kind")) == "experiment"
    except OSError:
        return False


def load_experiment(path: str | Path) -> ExperimentData:
    path = Path(path)
    if not path.is_file():
        raise AnalysisInputError(f"{path}: no such file")
    sealed = verify_checksum(path) != "unsealed"
    try:
        h5 = h5py.File(path, "r")
    except OSError as error:
        raise AnalysisInputError(f"{path}: not an HDF5 file ({error})") from None
    try:
        return _read_experiment(path, h5, sealed)
    except AnalysisInputError:
        raise
    except (OSError, KeyError, ValueError, TypeError, IndexError, AttributeError) as error:
        raise AnalysisInputError(f"{path}: cannot be read as a wijksim experiment file "
                                 f"({type(error).__name__}: {error})") from None


def _read_experiment(path: Path, h5: h5py.File, sealed: bool) -> ExperimentData:
    with h5:
        meta = {key: _plain(value) for key, value in h5.attrs.items()}
        if meta.get("kind") != "experiment":
            raise AnalysisInputError(f"{path}: not a wijksim experiment file (a single run? use analysis.load)")
        if meta.get("format_version") != EXPERIMENT_FORMAT_VERSION:
            raise AnalysisInputError(f"{path}: experiment format_version {meta.get('format_version')} is not "
                                     f"{EXPERIMENT_FORMAT_VERSION}")
        meta["experiment"] = json.loads(meta["experiment_json"])
        meta["outcomes"] = _plain(h5["outcomes/values"].attrs["columns"])
        parameters = _read_parameters(h5)
        design = _read_design(h5, parameters)
        outcomes = _read_outcomes(h5, design)
        by_buurt = _read_by_buurt(h5, design)
    meta["finished"] = sealed
    return ExperimentData(path, meta, design, parameters, outcomes, by_buurt)


def _plain(value):
    if isinstance(value, bytes):
        return value.decode()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return [_plain(item) for item in value]
    return value


def _strings(dataset) -> list[str]:
    return [item.decode() if isinstance(item, bytes) else item for item in dataset[()]]


def _read_parameters(h5: h5py.File) -> pd.DataFrame:
    if "parameters" not in h5:
        return pd.DataFrame(columns=["path", "min", "max", "integer", "choices"])
    group = h5["parameters"]
    return pd.DataFrame({"path": _strings(group["path"]), "min": group["min"][()], "max": group["max"][()],
                         "integer": group["integer"][()].astype(bool),
                         "choices": [json.loads(text) if text else None for text in _strings(group["choices"])]})


def _read_design(h5: h5py.File, parameters: pd.DataFrame) -> pd.DataFrame:
    group = h5["design"]
    design = pd.DataFrame({"run": group["run"][()], "label": _strings(group["label"]),
                           "kind": _strings(group["kind"]), "sample": group["sample"][()],
                           "changed": group["changed"][()], "seed": h5["runs/seed"][()],
                           "residents": h5["runs/residents"][()], "done": h5["runs/done"][()] == 1})
    if "overrides" in group:
        design["overrides"] = _strings(group["overrides"])
    if "runs/scenario_json" in h5:
        design["horizon_ticks"] = [json.loads(text).get("horizon_ticks")
                                   for text in _strings(h5["runs/scenario_json"])]
    if "values" in group:
        values = group["values"][()]
        units = group["unit"][()]
        for i, row in parameters.iterrows():
            column = values[:, i]
            if row["choices"] is not None:
                design[row["path"]] = [row["choices"][int(index)] for index in column]
            else:
                design[row["path"]] = column
            design[f"unit:{row['path']}"] = units[:, i]
    return design


def _read_outcomes(h5: h5py.File, design: pd.DataFrame) -> pd.DataFrame:
    dataset = h5["outcomes/values"]
    names = _plain(dataset.attrs["columns"])
    values = dataset[()]  # [runs, replicates, outcomes]
    runs, replicates, _ = values.shape
    frame = pd.DataFrame({
        "run": np.repeat(np.arange(runs), replicates * len(names)),
        "replicate": np.tile(np.repeat(np.arange(replicates), len(names)), runs),
        "outcome": np.tile(names, runs * replicates),
        "value": values.reshape(-1),
    })
    frame = frame.merge(design[["run", "label", "done"]], on="run")
    frame = frame[frame["done"]].drop(columns="done")
    return frame[["run", "label", "replicate", "outcome", "value"]].reset_index(drop=True)


def _read_by_buurt(h5: h5py.File, design: pd.DataFrame) -> pd.DataFrame:
    """/outcomes/by_buurt [runs, replicates, buurten, series], labelled by its dimension scales /buurt and
    /buurt_outcome, as a long table of the done runs."""
    if "outcomes/by_buurt" not in h5:
        return pd.DataFrame(columns=BY_BUURT_COLUMNS)
    values = h5["outcomes/by_buurt"][()]
    runs, replicates, buurten, series = values.shape
    index = pd.MultiIndex.from_product(
        [np.arange(runs), np.arange(replicates), _strings(h5["buurt"]), _strings(h5["buurt_outcome"])],
        names=["run", "replicate", "buurt", "outcome"])
    frame = pd.DataFrame({"value": values.reshape(-1)}, index=index).reset_index()
    frame = frame.merge(design[["run", "label", "done"]], on="run")
    return frame[frame["done"]][BY_BUURT_COLUMNS].reset_index(drop=True)


def compare_scenarios(data: ExperimentData, reference: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per named scenario and outcome: mean with 95% CI; and each scenario minus the reference, paired when
    the experiment used common random numbers (every run the same seed), else Welch."""
    values = data.scenario_values()
    paired = list(data.design["label"]) if data.meta.get("common_random_numbers") else []
    return summarise(values), differences(values, reference, paired)


def sensitivity_table(data: ExperimentData, outcomes: list[str] | None = None, bootstrap: int = 500,
                      morris_per_parameter_unit: bool = False) -> pd.DataFrame:
    """Sobol (S1, ST with bootstrap CIs) or Morris (mu, mu_star, sigma) per outcome and parameter, on run means.

    Morris effects are the outcome change per full range of a parameter, so that parameters in different
    units can be ranked; morris_per_parameter_unit gives them per unit of each parameter instead.
    """
    if data.method not in ("sobol", "morris"):
        raise AnalysisInputError(f"{data.path}: sensitivity indices need a sobol or morris design, "
                                 f"not {data.method}")
    if not data.complete:
        raise AnalysisInputError(f"{data.path}: {int((~data.design['done']).sum())} runs are not done; "
                                 "finish the experiment with --resume first")
    means = data.run_means()
    names = list(data.parameters["path"])
    tables = []
    for outcome in outcomes or list(pd.unique(data.outcomes["outcome"])):
        rows = means[means["outcome"] == outcome].sort_values("run")
        if data.method == "sobol":
            f_a, f_b, f_ab = sensitivity.saltelli_blocks(rows["kind"], rows["sample"], rows["changed"],
                                                          rows["value"], len(names))
            table = sensitivity.sobol_indices(f_a, f_b, f_ab, names, bootstrap=bootstrap)
        else:
            units = rows[[f"unit:{name}" for name in names]].to_numpy()
            ranges = (data.parameters["max"] - data.parameters["min"]).to_numpy(dtype=float)
            table = sensitivity.morris_indices(units, rows["sample"], rows["changed"], rows["value"], names,
                                               scale=ranges if morris_per_parameter_unit else None)
        tables.append(table.assign(outcome=outcome))
    combined = pd.concat(tables, ignore_index=True)
    return combined[["outcome"] + [column for column in combined.columns if column != "outcome"]]


def experiment_tables(data: ExperimentData, reference: str | None = None,
                      sensitivity_indices: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """The CSV tables of an experiment by file name: the design, outcomes, run means, and the comparison
    (named scenarios) or sensitivity table (complete Sobol or Morris designs; pass it if already computed)."""
    tables = {"design.csv": data.design, "outcomes.csv": data.outcomes,
              "run_means.csv": data.run_means()[["run", "label", "outcome", "value"]]}
    if data.method == "scenarios":
        summary, difference = compare_scenarios(data, reference)
        tables["summary.csv"] = summary
        tables["differences.csv"] = difference
    elif data.method in ("sobol", "morris") and data.complete:
        tables[f"{data.method}.csv"] = sensitivity_table(data) if sensitivity_indices is None else sensitivity_indices
    return tables


def write_tables(data: ExperimentData, folder: str | Path, reference: str | None = None) -> list[Path]:
    """Write experiment_tables as CSV files into `folder`; returns their paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, frame in experiment_tables(data, reference).items():
        frame.to_csv(folder / name, index=False)
        paths.append(folder / name)
    return paths


def add_subcommand(subcommands) -> None:
    """The `experiment` subcommand of `python3 -m analysis` (listed in its COMMANDS)."""
    parser = subcommands.add_parser(
        "experiment", help="tables of an experiment file: role comparison or sensitivity indices",
        description="Named scenarios: mean and 95%% CI per scenario and outcome. Sobol/Morris designs: "
                    "sensitivity indices per outcome and parameter. Other designs: replicate means per run.",
        epilog="example:\n  python3 -m analysis experiment out/roles.h5 -o tables/",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    _add_arguments(parser)
    parser.set_defaults(run=run_command)


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="EXPERIMENT.h5")
    parser.add_argument("-o", "--output", type=Path, metavar="FOLDER", help="also write CSV tables here")
    parser.add_argument("--reference", metavar="SCENARIO",
                        help="named scenarios: the one the others are compared against (default: the first)")


def _outcome_by_scenario(table: pd.DataFrame, value: str) -> pd.DataFrame:
    """Outcomes as rows, scenarios as columns, cells "value ± half-width"."""
    def cell(row) -> str:
        if not np.isfinite(row[value]):
            return "n/a"
        return f"{row[value]:.4g}" if not np.isfinite(row["ci_half"]) else f"{row[value]:.4g} ± {row['ci_half']:.2g}"
    cells = table.assign(cell=table.apply(cell, axis=1))
    order = list(pd.unique(table["scenario"].astype(str)))  # the experiment file's order
    pivoted = cells.assign(scenario=cells["scenario"].astype(str)).pivot(index="outcome", columns="scenario",
                                                                          values="cell")
    return pivoted[order]


def partial_notice(data: ExperimentData) -> str:
    """A warning for an experiment that is still running or was interrupted, or "" for a finished one."""
    if data.meta.get("finished", True) and data.complete:
        return ""
    done = int(data.design["done"].sum())
    return (f"note: {data.path} is an unfinished experiment: {done} of {len(data.design)} runs are done; the "
            "figures below cover those runs only (continue it with `wijksim experiment ... --resume`)")


def run_command(args: argparse.Namespace) -> int:
    data = load_experiment(args.file)
    if notice := partial_notice(data):
        print(notice, file=sys.stderr)
    with pd.option_context("display.width", 200, "display.max_rows", 500, "display.max_columns", 20):
        if data.method == "scenarios":
            summary, difference = compare_scenarios(data, args.reference)
            print("Final-year means over replicates, ± = 95% CI half-width")
            print(_outcome_by_scenario(summary, "mean").to_string())
            if not difference.empty:
                method = "paired t" if difference["paired"].all() else "Welch"
                print(f"\nDifference from {difference['reference'].iloc[0]}, ± = 95% {method} CI half-width")
                print(_outcome_by_scenario(difference, "difference").to_string())
        elif data.method in ("sobol", "morris"):
            print(sensitivity_table(data).round(3).to_string(index=False))
        else:
            print(data.run_means().pivot(index="run", columns="outcome", values="value").to_string())
    if args.output:
        for path in write_tables(data, args.output, args.reference):
            print(f"wrote {path}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """`/usr/bin/python3 -m analysis.experiment EXPERIMENT.h5 [-o FOLDER] [--reference SCENARIO]`."""
    parser = argparse.ArgumentParser(prog="python3 -m analysis.experiment", description=main.__doc__)
    _add_arguments(parser)
    try:
        return run_command(parser.parse_args(argv))
    except (AnalysisInputError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
