"""The studio's numbers for one run of `wijksim serve`, as JSON for the browser.

    /usr/bin/python3 -m analysis.studio_summary RESULT.h5 [RESULT.h5 ...] --output summary.json

Nothing here computes an outcome of its own: the decision summary is analysis.decision's (the shape
`analysis compare --json` prints), the map values are analysis.maps' (final-year liveability per buurt and
per gemeente, with the change against the reference), and the bands are analysis.plots' tick_bands. So the
page shows the numbers the command line and the report give for the same files. The first file is the
reference. Bad input: one line on stderr, exit status 2.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import pandas as pd

from analysis.decision import decision_summary, to_json
from analysis.load import AnalysisInputError, RunSet, load_runs
from analysis.maps import buurt_outcomes, gemeente_outcomes
from analysis.plots import tick_bands

# Time series drawn with their 95% bands: (metric, column, title).
SERIES = [("participation/past_year", "", "past-year participation, all residents 15+ (share)"),
          ("participation/past_year_by_group", "education=low", "past-year participation, low education (share)"),
          ("liveability/vulnerability_gap", "", "liveability gap, least minus most vulnerable fifth"),
          ("trust/mean", "", "trust in local government, mean (0-1)")]


def _records(frame: pd.DataFrame) -> list[dict]:
    return json.loads(frame.to_json(orient="records"))


def series_bands(runs: RunSet) -> list[dict]:
    """Mean per tick over replicates with the 95% band, per scenario, for the SERIES present in the files."""
    panels = []
    for metric, column, title in SERIES:
        rows = runs.series[(runs.series["metric"] == metric) & (runs.series["column"] == column)]
        if rows.empty:
            continue
        bands = tick_bands(rows)[["scenario", "tick", "mean", "low", "high"]]
        panels.append({"metric": metric, "column": column, "title": title,
                       "points": _records(bands.astype({"scenario": str}))})
    return panels


def map_values(runs: RunSet, reference: str) -> dict:
    """Final-year liveability per buurt and per gemeente, per scenario, with the change against the reference."""
    buurten = buurt_outcomes(runs, reference)
    return {"outcome": "liveability (0-1), final-year mean", "buurt": _records(buurten),
            "gemeente": _records(gemeente_outcomes(runs, reference))}


def studio_summary(paths: list[Path]) -> dict:
    runs = load_runs(paths)
    decision = json.loads(to_json(decision_summary(runs)))
    facts = runs.facts().drop(columns=["result_file"]).astype({"scenario": str})
    return {
        "scenarios": runs.scenarios,
        "facts": _records(facts),
        "decision": decision,
        "series": series_bands(runs),
        "map": map_values(runs, decision["reference"]),
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
