"""The analysis command line: `/usr/bin/python3 -m analysis <command> ...`.

Each subcommand is one `add_<name>` function in COMMANDS that builds its parser and sets `run`; adding a
command means adding such a function. Bad input (missing file, not a wijksim result, unknown scenario) is
one line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import pandas as pd

from analysis import experiment, export, stability
from analysis.compare import compare_runs, final_year
from analysis.decision import decision_summary, format_decision_table, to_json
from analysis.experiment import is_experiment_file, load_experiment
from analysis.load import AnalysisInputError, load_runs

EXIT_BAD_INPUT = 2

DESCRIPTION = """\
Compare wijksim scenarios from their HDF5 result files (one scenario per file, written by `wijksim run`),
or analyse one experiment file (many runs, written by `wijksim experiment`). Outcomes are averaged per
replicate over the final year (last 52 weeks) and summarised over replicates with 95% confidence intervals;
differences between files that share seed and replicates (common random numbers, as `wijksim compare` runs
them) are paired. Participation leads with the past-year share (residents active in the past 52 weeks)."""

EPILOG = """\
examples:
  python3 -m analysis compare out/top_down.h5 out/inviting.h5 --reference top_down
      the decision summary (paired changes against top_down, total cost per year), then key outcomes
  python3 -m analysis compare out/*.h5 --reference top_down --json
      the decision summary as JSON (the shape is documented in analysis/decision.py)
  python3 -m analysis report out/responsive.h5 out/inviting.h5 -o report/
      write report/index.html (self-contained, open it in a browser) plus summary.csv and differences.csv
  python3 -m analysis report out/roles.h5 -o report/
      the same for an experiment file: scenario comparison, or sensitivity indices for a design
  python3 -m analysis experiment out/levers_sobol.h5
      print an experiment's table: outcomes per named scenario, or Sobol/Morris indices
  python3 -m analysis export out/inviting.h5 -o csv/
      tidy CSV (one row per replicate, tick, series, column) and the buurten by CBS code

run `python3 -m analysis <command> --help` for the options of one command."""

# (summary outcome, column header, scale, decimals)
TERMINAL_COLUMNS = [
    ("past_year_overall", "year%", 100, 1),
    ("past_year_low", "yr.low%", 100, 1),
    ("past_year_high", "yr.high%", 100, 1),
    ("participation_overall", "week%", 100, 1),
    ("participation_low", "wk.low%", 100, 1),
    ("education_ratio", "high/low", 1, 2),
    ("representation_low", "repr.low", 1, 2),
    ("trust_mean", "trust", 1, 3),
    ("vulnerability_gap", "liv.gap", 1, 3),
    ("cost_per_resident_year", "eur/res/yr", 1, 1),
]
TERMINAL_LEGEND = """\
year% = residents 15+ active at some point in the past 52 weeks (past-year share, as surveys ask); yr.low%,
yr.high% = the same for low and high education; week% and wk.low% = residents active in a given week;
high/low = weekly participation rate of the high over the low educated (the ratio of the final year's mean
rates); repr.low = representation ratio of the low educated (1 = parity); trust = mean trust in local
government (0-1); liv.gap = liveability gap between the least and most vulnerable fifth of buurten;
eur/res/yr = cost of all levers per resident per year."""


def add_result_files(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("results", nargs="+", type=Path, metavar="RESULT.h5",
                        help="result files, one scenario each; the first is the reference unless --reference "
                             "(report also takes one experiment file)")
    parser.add_argument("--reference", metavar="SCENARIO",
                        help="name of the scenario the others are compared against (default: the first)")
    parser.add_argument("--boundaries", type=Path, metavar="FILE",
                        help="buurt boundaries (GeoJSON or GeoPackage with CBS buurt codes) for maps in the "
                             "report (docs/data.md)")


def add_compare(subcommands) -> None:
    parser = subcommands.add_parser(
        "compare", help="print the decision summary and a table of key outcomes per scenario",
        description="Print the decision summary (each scenario against the reference: paired changes with 95% "
                    "intervals in the liveability gap, past-year participation, representation and trust; the "
                    "cost per year for the municipality and per resident; the cost per extra past-year "
                    "participant with low education; rankings that say when an order is not resolved), then "
                    "final-year means of key outcomes, one row per scenario, with 95% CI half-widths.",
        epilog="examples:\n  python3 -m analysis compare out/top_down.h5 out/inviting.h5 --reference top_down\n"
               "  python3 -m analysis compare out/*.h5 --reference top_down --json > summary.json\n"
               "  python3 -m analysis compare out/*.h5 --reference top_down --report out/report",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    add_result_files(parser)
    parser.add_argument("--json", action="store_true",
                        help="print only the decision summary, as JSON (shape: analysis/decision.py)")
    parser.add_argument("--report", type=Path, metavar="FOLDER",
                        help="also write the HTML report into FOLDER (as `analysis report`)")
    parser.set_defaults(run=run_compare)


def add_report(subcommands) -> None:
    parser = subcommands.add_parser(
        "report", help="write an HTML report with figures, plus CSV tables",
        description="Write index.html (self-contained: figures embedded) and CSV tables. For result files: "
                    "summary.csv and differences.csv. For one experiment file (from `wijksim experiment`): "
                    "the design, outcomes and run means, and the scenario comparison or sensitivity indices.",
        epilog="examples:\n  python3 -m analysis report out/responsive.h5 out/inviting.h5 -o report/\n"
               "  python3 -m analysis report out/roles.h5 -o report/",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    add_result_files(parser)
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="FOLDER",
                        help="folder to write the report into (created if missing)")
    parser.set_defaults(run=run_report)


COMMANDS = [add_compare, add_report, experiment.add_subcommand, export.add_subcommand, stability.add_subcommand]


def run_compare(args: argparse.Namespace) -> int:
    reject_experiment_files(args.results, "compare")
    runs = load_runs(args.results)
    comparison = compare_runs(runs, args.reference)
    summary = decision_summary(runs, comparison=comparison)
    if args.json:
        print(to_json(summary))
    else:
        print_comparison(runs, comparison, summary)
    if args.report:
        from analysis.report import write_report  # matplotlib is only needed here
        report = write_report(runs, args.report, comparison.reference, boundaries=args.boundaries)
        print(f"wrote {report}", file=sys.stderr if args.json else sys.stdout)
    return 0


def print_comparison(runs, comparison, summary) -> None:
    others = [name for name in runs.scenarios if name != comparison.reference]
    if others:
        print(format_decision_table(summary) + "\n")
    window = final_year(runs.series)
    replicates = sorted({meta["replicates"] for meta in runs.metas.values()})
    print(f"Final-year means (weeks {window['tick'].min()}-{window['tick'].max()}), "
          f"{'/'.join(map(str, replicates))} replicates per scenario, ± = 95% CI half-width; "
          f"reference: {comparison.reference}")
    print(format_table(comparison.summary, runs.scenarios, "mean"))
    if others:
        kinds = set(comparison.differences["paired"])
        method = "paired t" if kinds == {True} else "Welch" if kinds == {False} else "paired t where paired, else Welch"
        print(f"\nDifference from {comparison.reference}, ± = 95% {method} CI half-width")
        print(format_table(comparison.differences, others, "difference", signed=True))
    print(f"\n{TERMINAL_LEGEND}")


def reject_experiment_files(paths: list[Path], command: str) -> None:
    """An experiment file given where result files are expected: say what to run instead."""
    for path in paths:
        if is_experiment_file(path):
            raise AnalysisInputError(
                f"{path}: an experiment file (from `wijksim experiment`), not a result file of `wijksim run`; "
                f"use `python3 -m analysis experiment {path}` or `python3 -m analysis report {path} -o FOLDER`")


def run_report(args: argparse.Namespace) -> int:
    from analysis.report import write_experiment_report, write_report  # matplotlib is only needed here

    experiments = [path for path in args.results if is_experiment_file(path)]
    if experiments and len(args.results) > 1:
        raise AnalysisInputError(f"{experiments[0]}: an experiment file is reported on its own; give it as the "
                                 f"only file (got {len(args.results)} files)")
    if experiments:
        report, *tables = write_experiment_report(load_experiment(experiments[0]), args.output, args.reference)
        print(f"wrote {report} (with {', '.join(str(path) for path in tables)})")
        return 0
    report = write_report(load_runs(args.results), args.output, args.reference, boundaries=args.boundaries)
    print(f"wrote {report} (with {report.parent / 'summary.csv'} and {report.parent / 'differences.csv'})")
    return 0


def format_cell(value: float, half: float, scale: float, decimals: int, signed: bool = False) -> str:
    if math.isnan(value):
        return "n/a"
    text = f"{value * scale:{'+' if signed else ''}.{decimals}f}"
    return text if math.isnan(half) else f"{text}±{half * scale:.{decimals}f}"


def format_table(table: pd.DataFrame, scenarios: list[str], value: str, signed: bool = False) -> str:
    """Rows: scenarios; columns: TERMINAL_COLUMNS showing `value` ± ci_half; each column as wide as needed."""
    indexed = table.set_index(["scenario", "outcome"])
    header = ["scenario"] + [title for _, title, _, _ in TERMINAL_COLUMNS]
    rows = [[name] + [format_cell(indexed.at[(name, outcome), value], indexed.at[(name, outcome), "ci_half"],
                                  scale, decimals, signed) if (name, outcome) in indexed.index else "n/a"
                      for outcome, _, scale, decimals in TERMINAL_COLUMNS]
            for name in scenarios]
    widths = [max(len(row[column]) for row in [header] + rows) for column in range(len(header))]
    lines = ["  ".join(cell.ljust(width) if column == 0 else cell.rjust(width)
                       for column, (cell, width) in enumerate(zip(row, widths))).rstrip()
             for row in [header] + rows]
    lines.insert(1, "-" * len(lines[0]))
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python3 -m analysis", description=DESCRIPTION, epilog=EPILOG,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    subcommands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add_command in COMMANDS:
        add_command(subcommands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except (AnalysisInputError, OSError) as error:
        print(f"python3 -m analysis {args.command}: error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
