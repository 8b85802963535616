"""The comparison report: one self-contained HTML page (figures embedded as PNG data URIs, no scripts, no
external resources) plus the summary and differences as CSV, written into an output folder.

Every file is written under a temporary name in the same folder and renamed into place, so a reader never
sees a half-written report.
"""

from __future__ import annotations

import base64
import io
import json
import os
from dataclasses import dataclass
from html import escape
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from analysis import plots
from analysis.compare import OUTCOME_LABELS, Comparison, compare_runs, final_year
from analysis.load import RunSet

REPORT_NAME = "index.html"
SUMMARY_NAME = "summary.csv"
DIFFERENCES_NAME = "differences.csv"

STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2327;
       max-width: 1120px; margin: 2rem auto; padding: 0 1.25rem; line-height: 1.55; font-size: 16px; }
h1 { font-size: 1.9rem; margin-bottom: 0.2rem; } h2 { margin-top: 2.4rem; border-bottom: 1px solid #d0d7de; }
p.lead { font-size: 1.08rem; color: #3c434a; }
table { border-collapse: collapse; margin: 0.8rem 0 1.2rem; font-size: 0.92rem; }
th, td { border: 1px solid #d0d7de; padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; }
th { background: #f3f5f7; } td.number { text-align: right; font-variant-numeric: tabular-nums; }
tr.differs td { background: #fff8e1; }
code { font-size: 0.88em; background: #f3f5f7; padding: 0 0.25em; border-radius: 3px; }
figure { margin: 1.6rem 0 2.2rem; } figure img { max-width: 100%; height: auto; border: 1px solid #e3e7eb; }
figcaption { color: #3c434a; margin-top: 0.5rem; font-size: 0.95rem; }
footer { margin-top: 3rem; color: #646970; font-size: 0.88rem; }
"""


@dataclass
class ReportFigure:
    title: str
    caption: str
    figure: Figure


def write_report(runs: RunSet, folder: str | Path, reference: str | None = None) -> Path:
    """Write index.html, summary.csv and differences.csv into `folder`; returns the HTML path."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    comparison = compare_runs(runs, reference)
    _write_atomically(folder / SUMMARY_NAME, comparison.summary.to_csv(index=False))
    _write_atomically(folder / DIFFERENCES_NAME, comparison.differences.to_csv(index=False))
    html = render_html(runs, comparison, report_figures(runs, comparison))
    report = folder / REPORT_NAME
    _write_atomically(report, html)
    return report


def _write_atomically(path: Path, text: str) -> None:
    partial = path.with_name(f"{path.name}.tmp-{os.getpid()}")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)


def report_figures(runs: RunSet, comparison: Comparison) -> list[ReportFigure]:
    series = runs.series
    return [
        ReportFigure("Participation, trust, liveability gap and initiatives over time",
                     "Lines are means over replicates, shaded bands their 95% confidence intervals. Look at "
                     "where the scenarios separate and whether the bands still overlap at the end of the run.",
                     plots.time_series(series)),
        ReportFigure("Who takes part",
                     "Final-year participation rate per group, with 95% confidence intervals. Compare bars "
                     "within one dimension: a steep rise from low to high education is the diploma democracy; "
                     "a role that flattens it reaches the residents who are rarely asked.",
                     plots.participation_by_group(series)),
        ReportFigure("Whose voice counts",
                     "Representation ratio: a group's share among participants divided by its share in the "
                     "population. The dashed line at 1 is parity; below it a group is under-represented.",
                     plots.representation_by_group(series)),
        ReportFigure("Trust in local government by group",
                     "Final-year mean trust per group. Look for groups whose trust falls behind, and whether a "
                     "role that invites them also raises their trust.",
                     plots.trust_by_group(series)),
        ReportFigure("Which buurten improve",
                     "Each dot is a buurt: its liveability at the start against its final-year mean. Dots above "
                     "the diagonal improved. Colour shows vulnerability, the marker the buurt type. Vulnerable "
                     "buurten falling while vital ones rise is the Matthew effect.",
                     plots.liveability_start_end(series, runs.buurten)),
        ReportFigure("Inequality over time",
                     "Liveability inequality across buurten (Gini and the gap between the least and the most "
                     "vulnerable fifth) and inequality in who takes part (dissimilarity by education, the "
                     "high/low participation ratio). Falling lines mean convergence.",
                     plots.inequality_over_time(series)),
        ReportFigure("What representation costs",
                     f"Each scenario against the reference <b>{escape(comparison.reference)}</b>: extra cost per "
                     "resident per year (x) against the gain in the representation ratio of low-educated "
                     "residents (y), with 95% Welch intervals. Up and to the left is better value.",
                     plots.cost_vs_representation(comparison.differences, comparison.reference)),
    ]


def _png_data_uri(figure: Figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def render_html(runs: RunSet, comparison: Comparison, figures: list[ReportFigure]) -> str:
    names = ", ".join(runs.scenarios)
    sections = [
        f"<h1>Scenario comparison: {escape(names)}</h1>",
        _intro(runs, comparison),
        "<h2>Scenarios</h2>", _scenario_table(runs),
        "<h3>Provenance</h3>", _provenance_table(runs),
        "<h3>Levers</h3><p>The government settings (levers) stored in each result file's resolved scenario. "
        "Highlighted rows differ between scenarios.</p>", _lever_table(runs),
        "<h2>Key outcomes</h2><p>Final-year means over replicates, with 95% confidence intervals "
        "(Student t).</p>", _summary_table(comparison.summary, runs.scenarios),
        f"<h2>Differences from {escape(comparison.reference)}</h2><p>Scenario minus reference, "
        "with 95% Welch confidence intervals. An interval that excludes 0 is a difference the replicates "
        "support.</p>", _differences_table(comparison.differences),
        "<h2>Figures</h2>",
        *(_figure_html(number, item) for number, item in enumerate(figures, start=1)),
        f"<footer>Tables as CSV: <a href=\"{SUMMARY_NAME}\">{SUMMARY_NAME}</a>, "
        f"<a href=\"{DIFFERENCES_NAME}\">{DIFFERENCES_NAME}</a>. Written by the wijksim analysis package "
        "(<code>python3 -m analysis report</code>).</footer>",
    ]
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>wijksim: {escape(names)}</title><style>{STYLE}</style></head>\n<body>\n"
            + "\n".join(sections) + "\n</body></html>\n")


def _intro(runs: RunSet, comparison: Comparison) -> str:
    facts = runs.facts()
    window = final_year(runs.series).groupby("scenario", observed=True)["tick"].agg(["min", "max"])
    windows = sorted({f"weeks {low}-{high}" for low, high in window.itertuples(index=False)})
    engines = sorted({f"{row.engine_version} (commit {row.git_commit})" for row in facts.itertuples()})
    return (
        f"<p class=\"lead\">This report compares {len(runs.scenarios)} scenario(s) of the wijksim simulation of "
        "neighbourhood participation: who takes part, whose voice counts, which buurten improve and what it "
        f"costs, when the municipality plays a different role. The reference scenario is "
        f"<b>{escape(comparison.reference)}</b>.</p>"
        f"<p>Each outcome is averaged per replicate over the final year ({escape(', '.join(windows))}); the "
        "spread between replicates gives the confidence intervals. One week is one tick. "
        f"Results written by wijksim {escape('; '.join(engines))}.</p>")


def _table(header: list[str], rows: list[list[str]], numeric_from: int | None = None,
           row_classes: list[str] | None = None) -> str:
    """An HTML table from already-escaped cells; columns from `numeric_from` on are right-aligned numbers."""
    head = "".join(f"<th>{cell}</th>" for cell in header)
    body = []
    for index, row in enumerate(rows):
        css_class = f" class=\"{row_classes[index]}\"" if row_classes and row_classes[index] else ""
        cells = "".join(
            f"<td class=\"number\">{cell}</td>" if numeric_from is not None and column >= numeric_from
            else f"<td>{cell}</td>" for column, cell in enumerate(row))
        body.append(f"<tr{css_class}>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _scenario_table(runs: RunSet) -> str:
    rows = [[escape(run.scenario), escape(str(_government(run.meta).get("role", "not recorded"))),
             escape(str(run.meta["scenario"].get("description", "")))]
            + [str(run.meta[key]) for key in ("seed", "replicates", "horizon_ticks", "residents", "buurten")]
            for run in runs.runs]
    return _table(["scenario", "role", "description", "seed", "replicates", "weeks", "residents", "buurten"],
                  rows, numeric_from=3)


def _provenance_table(runs: RunSet) -> str:
    rows = [[escape(run.scenario), f"<code>{escape(run.meta['scenario_file'])}</code>",
             f"<code>{escape(str(run.path))}</code>", escape(run.meta["engine_version"]),
             f"<code>{escape(run.meta['git_commit'])}</code>"] for run in runs.runs]
    return _table(["scenario", "scenario file", "result file", "engine version", "git commit"], rows)


def _government(meta: dict) -> dict:
    government = meta["scenario"].get("government", {})
    return government if isinstance(government, dict) else {}


def _flatten(settings: dict, prefix: str = "") -> dict[str, str]:
    """Nested settings as "levers.invitation_reach" -> "0.6"."""
    flat: dict[str, str] = {}
    for key, value in settings.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value if isinstance(value, str) else json.dumps(value)
    return flat


def _lever_table(runs: RunSet) -> str:
    settings = {run.scenario: _flatten({key: value for key, value in _government(run.meta).items() if key != "role"})
                for run in runs.runs}
    keys = list(dict.fromkeys(key for flat in settings.values() for key in flat))
    if not keys:
        return "<p>The result files record no government settings.</p>"
    rows = [[f"<code>{escape(key)}</code>"] + [escape(settings[name].get(key, "")) for name in runs.scenarios]
            for key in keys]
    differs = ["differs" if len({settings[name].get(key) for name in runs.scenarios}) > 1 else ""
               for key in keys]
    return _table(["government setting"] + [escape(name) for name in runs.scenarios], rows, row_classes=differs)


def _number(value: float) -> str:
    if pd.isna(value):
        return "n/a"
    magnitude = abs(value)
    return f"{value:,.0f}" if magnitude >= 100 else f"{value:.2f}" if magnitude >= 1 else f"{value:.3f}"


def _summary_table(summary: pd.DataFrame, scenarios: list[str]) -> str:
    cells = {(row.outcome, row.scenario): f"{_number(row.mean)} ± {_number(row.ci_half)}"
             for row in summary.itertuples()}
    rows = [[escape(OUTCOME_LABELS[outcome])] + [cells.get((outcome, name), "n/a") for name in scenarios]
            for outcome in OUTCOME_LABELS]
    return _table(["outcome"] + [escape(name) for name in scenarios], rows, numeric_from=1)


def _differences_table(differences: pd.DataFrame) -> str:
    if differences.empty:
        return "<p>Only one scenario: nothing to compare against.</p>"
    others = list(dict.fromkeys(differences["scenario"]))
    cells = {(row.outcome, row.scenario): f"{_signed(row.difference)} [{_number(row.ci_low)}, "
                                          f"{_number(row.ci_high)}]"
             for row in differences.itertuples()}
    rows = [[escape(OUTCOME_LABELS[outcome])] + [cells.get((outcome, name), "n/a") for name in others]
            for outcome in OUTCOME_LABELS]
    return _table(["outcome"] + [escape(name) for name in others], rows, numeric_from=1)


def _signed(value: float) -> str:
    text = _number(value)
    return text if text.startswith("-") or text == "n/a" else f"+{text}"


def _figure_html(number: int, item: ReportFigure) -> str:
    return (f"<figure id=\"figure-{number}\"><h3>Figure {number}. {escape(item.title)}</h3>"
            f"<img src=\"{_png_data_uri(item.figure)}\" alt=\"{escape(item.title)}\">"
            f"<figcaption>{item.caption}</figcaption></figure>")
