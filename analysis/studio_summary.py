"""The studio's numbers for one run of `wijksim serve`, as JSON for the browser.

    /usr/bin/python3 -m analysis.studio_summary RESULT.h5 [RESULT.h5 ...] --output summary.json

Everything comes from the functions behind `analysis compare` and the report (compare_runs,
cost_per_extra_participant, tick_bands, replicate_means), so the page shows the numbers the command line
prints for the same files. The first file is the reference. Bad input: one line on stderr, exit status 2.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from pathlib import Path

import pandas as pd

from analysis.compare import (COST_PER_RESIDENT_YEAR, OUTCOME_LABELS, TICKS_PER_YEAR, compare_runs,
                              cost_per_extra_participant, replicate_means)
from analysis.load import AnalysisInputError, RunSet, load_runs
from analysis.plots import tick_bands

# The decision summary's outcomes, in the order the page shows them.
DECISION_OUTCOMES = ["vulnerability_gap", "participation_overall", "participation_low", "representation_low",
                     "trust_mean", COST_PER_RESIDENT_YEAR]
# Time series drawn with their 95% bands: (metric, column, title).
SERIES = [("participation/overall", "", "participation, all residents 15+ (share)"),
          ("participation/by_group", "education=low", "participation, low education (share)"),
          ("liveability/vulnerability_gap", "", "liveability gap, least minus most vulnerable fifth"),
          ("trust/mean", "", "trust in local government, mean (0-1)")]
# Per-buurt outcomes for the maps: (metric, name).
MAP_METRICS = [("participation/by_buurt", "participation"), ("liveability/by_buurt", "liveability")]


def _number(value) -> float | None:
    value = float(value)
    return value if math.isfinite(value) else None


def _records(frame: pd.DataFrame) -> list[dict]:
    return [{key: (_number(value) if isinstance(value, float) else
                   value.item() if hasattr(value, "item") else str(value) if not isinstance(value, (int, str)) else value)
             for key, value in row.items()} for row in frame.to_dict(orient="records")]


def decision_summary(runs: RunSet) -> dict:
    """Per alternative: means with 95% CIs, differences against the reference, cost per year in total and per
    resident, and the cost per extra low-educated participant."""
    comparison = compare_runs(runs)
    summary = comparison.summary[comparison.summary["outcome"].isin(DECISION_OUTCOMES)]
    differences = comparison.differences[comparison.differences["outcome"].isin(DECISION_OUTCOMES)]
    residents = {name: meta["residents"] for name, meta in runs.metas.items()}
    costs = summary[summary["outcome"] == COST_PER_RESIDENT_YEAR].set_index("scenario", drop=False)
    cost_total = [{"scenario": str(scenario), "residents": int(residents[str(scenario)]),
                   "cost_per_resident_year": _number(row["mean"]),
                   "cost_total_year": _number(row["mean"] * residents[str(scenario)])}
                  for scenario, row in costs.iterrows()]
    return {
        "reference": comparison.reference,
        "outcomes": [{"outcome": name, "label": OUTCOME_LABELS[name]} for name in DECISION_OUTCOMES],
        "summary": _records(summary[["scenario", "outcome", "mean", "ci_low", "ci_high", "n"]]),
        "differences": _records(differences[["scenario", "outcome", "difference", "ci_low", "ci_high"]]),
        "cost": cost_total,
        "cost_per_extra_participant": _records(cost_per_extra_participant(runs, comparison)),
    }


def series_bands(runs: RunSet) -> list[dict]:
    """Mean per tick over replicates with the 95% band, per scenario, for the SERIES."""
    panels = []
    for metric, column, title in SERIES:
        rows = runs.series[(runs.series["metric"] == metric) & (runs.series["column"] == column)]
        bands = tick_bands(rows)[["scenario", "tick", "mean", "low", "high"]]
        panels.append({"metric": metric, "column": column, "title": title, "points": _records(bands)})
    return panels


def gemeente_of(code: str) -> str | None:
    """GMgggg of a CBS buurt (BUggggwwbb) or wijk (WKggggww) code."""
    if len(code) >= 6 and code[:2] in ("BU", "WK", "GM") and code[2:6].isdigit():
        return "GM" + code[2:6]
    return None


def map_values(runs: RunSet) -> dict:
    """Final-year means per buurt (the columns of the by_buurt series) and per gemeente (weighted by
    residents), per scenario, with the change against the reference."""
    reference = runs.scenarios[0]
    buurten = runs.buurten[["scenario", "code", "name", "residents"]].astype({"scenario": str})
    frames = []
    for metric, name in MAP_METRICS:
        means = replicate_means(runs.series, metric)
        means = means.groupby(["scenario", "column"], observed=True)["value"].mean().rename(name)
        frames.append(means)
    per_buurt = pd.concat(frames, axis=1).reset_index().rename(columns={"column": "code"})
    per_buurt["scenario"] = per_buurt["scenario"].astype(str)
    per_buurt["code"] = per_buurt["code"].astype(str)
    per_buurt = per_buurt.merge(buurten, on=["scenario", "code"], how="left")
    per_buurt["gemeente"] = per_buurt["code"].map(gemeente_of)
    value_columns = [name for _, name in MAP_METRICS]
    weighted = per_buurt.dropna(subset=["gemeente"]).assign(
        **{name: lambda frame, name=name: frame[name] * frame["residents"] for name in value_columns})
    per_gemeente = weighted.groupby(["scenario", "gemeente"])[value_columns + ["residents"]].sum().reset_index()
    for name in value_columns:
        per_gemeente[name] = per_gemeente[name] / per_gemeente["residents"]
    per_gemeente = per_gemeente.rename(columns={"gemeente": "code"})
    result = {}
    for level, frame in (("buurt", per_buurt), ("gemeente", per_gemeente)):
        base = frame[frame["scenario"] == reference].set_index("code")[value_columns]
        changes = frame.join(base, on="code", rsuffix="_reference")
        for name in value_columns:
            changes[name + "_change"] = changes[name] - changes[name + "_reference"]
            changes = changes.drop(columns=name + "_reference")
        result[level] = _records(changes.drop(columns=[c for c in ("gemeente",) if c in changes]))
    return result


def studio_summary(paths: list[Path]) -> dict:
    runs = load_runs(paths)
    facts = runs.facts()
    return {
        "scenarios": runs.scenarios,
        "facts": _records(facts.drop(columns=["result_file"])),
        "final_year_weeks": TICKS_PER_YEAR,
        "decision": decision_summary(runs),
        "series": series_bands(runs),
        "map": map_values(runs),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("results", nargs="+", type=Path, metavar="RESULT.h5")
    parser.add_argument("--output", type=Path, required=True, metavar="summary.json")
    args = parser.parse_args(argv)
    try:
        summary = studio_summary(args.results)
    except AnalysisInputError as error:
        print(f"analysis: {error}", file=sys.stderr)
        return 2
    temporary = args.output.with_name(args.output.name + ".tmp")
    temporary.write_text(json.dumps(summary, allow_nan=False), encoding="utf-8")
    os.replace(temporary, args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
