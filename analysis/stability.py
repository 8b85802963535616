"""How many paired replicates a ranking of scenarios needs: `python3 -m analysis stability FILE.h5 ...`.

From result files that share seed and replicates (as `wijksim compare` writes them), takes the ranking of the
scenarios on each ranked outcome over all R replicates as the reference. Then, for each subset size k, draws
random subsets of k replicate indices (the same indices for every scenario, so the comparison stays paired)
and reports how often the subset's ranking equals the reference ranking, and how often `analysis compare`
would call at least one neighbouring pair of that ranking unresolved (its paired 95% interval includes 0).
The measurement behind the demo's replicate count (docs/ODD.md, 8.0).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.compare import compare_runs, is_resolved, paired_ci
from analysis.decision import DECISION_OUTCOMES
from analysis.load import load_runs

OUTCOMES = ["past_year_overall", "past_year_low"]


def replicate_table(values: pd.DataFrame, outcome: str) -> pd.DataFrame:
    """Scenario by replicate: each replicate's final-year value of one outcome."""
    rows = values[values["outcome"] == outcome]
    return rows.pivot(index="scenario", columns="replicate", values="value")


def ranking(table: pd.DataFrame, higher_is_better: bool) -> tuple[list[str], bool]:
    """The scenarios best first on the replicates in `table`, and whether every neighbouring pair is resolved
    (paired 95% interval excludes 0), as `analysis compare` decides it."""
    order = [str(name) for name in table.mean(axis=1).sort_values(ascending=not higher_is_better).index]
    resolved = all(is_resolved(paired_ci(table.loc[first], table.loc[second]))
                   for first, second in zip(order, order[1:]))
    return order, resolved


def stability(values: pd.DataFrame, sizes: list[int], draws: int, seed: int) -> pd.DataFrame:
    """outcome, k, draws, same_order, all_resolved: shares over random subsets of k replicates."""
    random = np.random.default_rng(seed)
    rows = []
    for outcome in OUTCOMES:
        better = next(o.better for o in DECISION_OUTCOMES if o.name == outcome)
        table = replicate_table(values, outcome)
        reference, _ = ranking(table, better == "higher")
        replicates = table.columns.to_numpy()
        for k in sizes:
            same = resolved = 0
            for _ in range(draws):
                subset = random.choice(replicates, size=k, replace=False)
                order, all_resolved = ranking(table[subset], better == "higher")
                same += order == reference
                resolved += all_resolved
            rows.append({"outcome": outcome, "k": k, "draws": draws, "same_order": same / draws,
                         "all_resolved": resolved / draws, "reference_order": " > ".join(reference)})
        rows.append({"outcome": outcome, "k": len(replicates), "draws": 1, "same_order": 1.0,
                     "all_resolved": float(ranking(table, better == "higher")[1]),
                     "reference_order": " > ".join(reference)})
    return pd.DataFrame(rows)


def add_subcommand(subcommands) -> None:
    """The `stability` subcommand of `python3 -m analysis` (listed in its COMMANDS)."""
    parser = subcommands.add_parser(
        "stability", help="how often subsets of k paired replicates give the ranking of all replicates",
        description=__doc__.split("\n", 1)[1], formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="example:\n  build/wijksim compare scenarios/base.json --roles top_down,responsive,inviting,"
               "withdrawing,kaleidoscopic --replicates 20 -o roles20 --no-report\n"
               "  python3 -m analysis stability roles20/*.h5 --sizes 2,4,6,8,10")
    parser.add_argument("results", nargs="+", type=Path, metavar="FILE.h5",
                        help="result files that share seed and replicates")
    parser.add_argument("--sizes", default="2,4,6,8,10", help="subset sizes k, comma-separated (default 2,4,6,8,10)")
    parser.add_argument("--draws", type=int, default=1000, help="random subsets per k (default 1000)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the subset draws (default 1)")
    parser.set_defaults(run=run_command)


def run_command(args: argparse.Namespace) -> int:
    runs = load_runs(args.results)
    values = compare_runs(runs).values
    sizes = [int(size) for size in args.sizes.split(",")]
    table = stability(values, sizes, args.draws, args.seed)
    print(table.to_string(index=False, float_format=lambda value: f"{value:.3f}"))
    return 0
