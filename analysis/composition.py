"""Where each buurt's composition came from: the share of residents per marginal whose figure is their own
unit's, the wijk's, the gemeente's or a model default (the `source` column of the fit table, docs/data.md).
The same figures `wijksim info` prints."""

from __future__ import annotations

import pandas as pd

from analysis.load import RunSet

# Source labels of the fit table by kind, in the nearest-detail order of docs/data.md.
KINDS = ["own unit", "wijk", "gemeente", "model default"]


def kind_of(source: str) -> str:
    if source == "own row" or source.startswith("same code in "):
        return "own unit"
    if source == "wijk row":
        return "wijk"
    if source == "gemeente row" or source.startswith("gemeente in "):
        return "gemeente"
    return source  # "model default", "assumed rates by age", "scenario"


def source_shares(runs: RunSet) -> pd.DataFrame:
    """marginal x kind: the share of the first file's residents whose figure for that marginal came from there
    (every file of a comparison synthesises the same place). Empty when the files have no fit table."""
    fit = runs.table("fit")
    if fit.empty:
        return pd.DataFrame()
    first = runs.scenarios[0]
    fit = fit[fit["scenario"].astype(str) == first]
    buurten = runs.buurten[runs.buurten["scenario"].astype(str) == first]
    residents = buurten.set_index(buurten["code"].astype(str))["residents"]
    sources = fit.drop_duplicates(["buurt", "marginal"])[["buurt", "marginal", "source"]]
    sources = sources.assign(kind=sources["source"].astype(str).map(kind_of),
                             residents=sources["buurt"].astype(str).map(residents).astype(float))
    shares = sources.pivot_table(index="marginal", columns="kind", values="residents", aggfunc="sum",
                                 fill_value=0.0, observed=True)
    shares = shares.div(shares.sum(axis=1), axis=0)
    ordered = [kind for kind in KINDS if kind in shares.columns] + sorted(set(shares.columns) - set(KINDS))
    return shares[ordered]
