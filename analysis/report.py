"""The reports: one self-contained HTML page (figures embedded as PNG data URIs, no scripts, no external
resources) plus CSV tables, written into an output folder. Two kinds: a comparison of single-run result files
(summary and differences as CSV), and the report on one experiment file: named scenarios with their
differences and cost against representation, or a design with its sensitivity indices and parameter scatters.

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
from analysis.compare import OUTCOME_LABELS, SHARE_OUTCOMES, Comparison, compare_runs, final_year
from analysis.composition import source_shares
from analysis.decision import (DECISION_OUTCOMES, cell_text, decision_summary, price_text, ranking_texts,
                               to_json)
from analysis.experiment import (COST_PER_RESIDENT_YEAR, EDUCATION_RATIO, PARTICIPATION_BY_EDUCATION,
                                 REPRESENTATION_LOW, ExperimentData, compare_scenarios, experiment_tables,
                                 outcome_label, sensitivity_table)
from analysis.experiment import OUTCOME_LABELS as EXPERIMENT_OUTCOME_LABELS
from analysis.load import RunSet

REPORT_NAME = "index.html"
SUMMARY_NAME = "summary.csv"
DIFFERENCES_NAME = "differences.csv"
DECISION_NAME = "decision.json"

STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2327;
       max-width: 1120px; margin: 2rem auto; padding: 0 1.25rem; line-height: 1.55; font-size: 16px; }
h1 { font-size: 1.9rem; margin-bottom: 0.2rem; } h2 { margin-top: 2.4rem; border-bottom: 1px solid #d0d7de; }
p.lead { font-size: 1.08rem; color: #3c434a; }
table { border-collapse: collapse; margin: 0.8rem 0 1.2rem; font-size: 0.92rem; }
th, td { border: 1px solid #d0d7de; padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; }
th { background: #f3f5f7; } td.number { text-align: right; font-variant-numeric: tabular-nums; }
td.unresolved { color: #646970; } tr.reference-row td { background: #f3f5f7; }
th[scope=row] { white-space: nowrap; font-weight: 600; }
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


def write_report(runs: RunSet, folder: str | Path, reference: str | None = None,
                 boundaries: str | Path | None = None) -> Path:
    """Write index.html, summary.csv, differences.csv and decision.json into `folder`; returns the HTML path.
    `boundaries` (buurt polygons with CBS codes) adds maps per buurt (analysis.maps)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    comparison = compare_runs(runs, reference)
    summary = decision_summary(runs, comparison=comparison)
    _write_atomically(folder / SUMMARY_NAME, comparison.summary.to_csv(index=False))
    _write_atomically(folder / DIFFERENCES_NAME, comparison.differences.to_csv(index=False))
    _write_atomically(folder / DECISION_NAME, to_json(summary))
    lead = [ReportFigure("Cost against effect",
                         f"Each alternative against <b>{escape(comparison.reference)}</b> (the square at the origin): "
                         "its change in cost per year for the whole municipality (x) against its change in the "
                         "liveability gap between vital and vulnerable buurten (left; below 0 the gap narrows) and "
                         "in past-year participation of the low educated (right; above 0 more take part), with "
                         "paired 95% intervals as whiskers. Left and down (left panel) or left and up (right "
                         "panel) is more effect for less money; whiskers that cross a grey line are changes the "
                         "replicates do not resolve.", plots.cost_against_effect(summary))]
    html = render_html(runs, comparison, summary, lead + map_figures(runs, comparison.reference, boundaries),
                       report_figures(runs, comparison))
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
                     "population, over the final year (the group's mean weekly rate over the overall mean rate). "
                     "The dashed line at 1 is parity; below it a group is under-represented.",
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
                     "high/low participation ratio). Falling lines mean convergence. The high/low ratio of a "
                     "week is the ratio of the replicates' mean rates; the dissimilarity is averaged over "
                     "replicates, which overstates it when few residents take part in a week.",
                     plots.inequality_over_time(series)),
    ]


def map_figures(runs: RunSet, reference: str, boundaries: str | Path | None) -> list[ReportFigure]:
    """Maps per buurt when a boundaries file is given (or named by the scenario: municipality.cbs.boundaries);
    per gemeente when the runs span several gemeenten."""
    from analysis import maps  # geopandas is only needed for maps

    boundaries = boundaries or maps.boundaries_named_by(runs)
    if boundaries is not None:
        figures, drawn, missing = maps.buurt_maps(runs, reference, boundaries)
        note = (f" {missing} buurten of the run have no boundary in <code>{escape(str(boundaries))}</code> and are "
                "not drawn." if missing else "")
        return [ReportFigure(f"Which buurten improve: {outcome.title} per buurt", MAP_CAPTION.format(
            outcome=outcome.title, area="buurt", reference=escape(reference)) + f" {drawn} buurten drawn.{note}",
            figure) for outcome, figure in figures]
    outcomes = maps.buurt_outcomes(runs, reference)
    if not maps.spans_gemeenten(outcomes) or not maps.gemeenten_file().is_file():
        return []
    return [ReportFigure(f"Which gemeenten improve: {outcome.title} per gemeente", MAP_CAPTION.format(
        outcome=outcome.title, area="gemeente (its buurten pooled: their residents, participants and euros added up)", reference=escape(reference))
        + " Boundaries: CBS gebiedsindeling 2024 (CC BY 4.0, Bron: CBS, Kadaster).", figure)
        for outcome, figure in maps.gemeente_maps(runs, reference)]


MAP_CAPTION = ("Final-year {outcome} per {area} under <b>{reference}</b> (first map; darker is lower), then each "
               "alternative's change against it (red: lower than under the reference, blue: higher; white: no "
               "change). Grey areas are not in the run. Look for whether the gains land in the vulnerable areas.")


def _png_data_uri(figure: Figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def render_html(runs: RunSet, comparison: Comparison, summary: dict, lead: list[ReportFigure],
                figures: list[ReportFigure]) -> str:
    """The page: the decision summary, then the `lead` figures (cost against effect, maps), then the details."""
    names = ", ".join(runs.scenarios)
    numbered = list(enumerate(lead + figures, start=1))
    method = ("paired t (the files share seed and replicates)" if comparison.differences["paired"].all()
              else "Welch, or paired t where two files share seed and replicates")
    sections = [
        f"<h1>Which alternative, at what cost: {escape(names)}</h1>",
        _intro(runs, comparison),
        "<h2 id=\"decision\">Decision summary</h2>", _decision_html(summary),
        *(_figure_html(number, item) for number, item in numbered[:len(lead)]),
        "<h2>Key outcomes</h2><p>Final-year means over replicates, with 95% confidence intervals "
        "(Student t). Shares in %.</p>", _summary_table(comparison.summary, runs.scenarios),
        f"<h2>Differences from {escape(comparison.reference)}</h2><p>Scenario minus reference, with 95% "
        f"confidence intervals ({method}); shares in percentage points. An interval that excludes 0 is a "
        "difference the replicates support.</p>", _differences_table(comparison.differences),
        "<h2>Figures</h2>",
        *(_figure_html(number, item) for number, item in numbered[len(lead):]),
        "<h2>Scenarios</h2>", _scenario_table(runs),
        "<h3>Levers</h3><p>The government settings (levers) stored in each result file's resolved scenario. "
        "Highlighted rows differ between scenarios.</p>", _lever_table(runs),
        "<h3>Provenance</h3>", _provenance_table(runs),
        *_composition_sources(runs),
        *_data_notes(runs, summary),
        f"<footer>Tables as CSV: <a href=\"{SUMMARY_NAME}\">{SUMMARY_NAME}</a>, "
        f"<a href=\"{DIFFERENCES_NAME}\">{DIFFERENCES_NAME}</a>; the decision summary as JSON: "
        f"<a href=\"{DECISION_NAME}\">{DECISION_NAME}</a>. Written by the wijksim analysis package "
        "(<code>python3 -m analysis report</code>).</footer>",
    ]
    return _page(f"wijksim: {names}", sections)


def _decision_html(summary: dict) -> str:
    """The decision table: the reference's level, then each alternative's change [95% interval]; rankings."""
    alternatives = summary["alternatives"]
    if len(alternatives) < 2:
        return "<p>Only one scenario: nothing to decide between. Give two or more result files.</p>"
    reference = next(a for a in alternatives if a["is_reference"])
    others = [a for a in alternatives if not a["is_reference"]]
    header = ["outcome", f"{escape(reference['name'])} (reference)"] + [f"{escape(a['name'])}: change"
                                                                        for a in others]
    body = []
    for outcome in DECISION_OUTCOMES:
        cells = [f"<th scope=\"row\">{escape(outcome.short)}</th>",
                 f"<td class=\"number\">{escape(cell_text(reference['outcomes'][outcome.name], outcome, True))}</td>"]
        for alternative in others:
            cell = alternative["outcomes"][outcome.name]
            css = "number" if cell.get("resolved") else "number unresolved"
            cells.append(f"<td class=\"{css}\">{escape(cell_text(cell, outcome, False))}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    body.append("<tr><th scope=\"row\">euro per extra past-year participant with low education</th>"
                "<td class=\"number\">(reference)</td>"
                + "".join(f"<td class=\"number\">{escape(price_text(a['cost_per_extra_participant']))}</td>"
                          for a in others) + "</tr>")
    head = "".join(f"<th>{cell}</th>" for cell in header)
    table = f"<table class=\"decision\"><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    window = summary["window"]
    paired = all(a["paired"] for a in others)
    intro = (f"<p>Each alternative against <b>{escape(reference['name'])}</b>: final-year means (weeks "
             f"{window['first_tick']}-{window['last_tick']}) over {reference['replicates']} replicates; changes with "
             f"{'paired ' if paired else ''}95% intervals{' (common random numbers)' if paired else ''}. "
             "Shares in %, their changes in percentage points (pp). <b>~</b> marks a change the replicates do not "
             "resolve (its interval includes 0). Costs are per year for the "
             f"{reference['represented_residents']:,.0f} residents aged 15+ the scenario stands for. The price of "
             "an extra participant is the extra cost per year over the extra low-educated residents active in the "
             "past year (bootstrap 95% interval).</p>")
    return intro + table + _rankings_html(summary)


def _rankings_html(summary: dict) -> str:
    items = [f"<li><b>{escape(outcome.short)}</b> ({outcome.better} is better): {text}</li>"
             for outcome, text in ranking_texts(summary, name=escape, better="&gt;")]
    return ("<p>Rankings, best first: <b>&gt;</b> the two are told apart by their 95% interval, <b>~</b> their "
            "order is not resolved (more replicates may separate them).</p><ul>" + "".join(items) + "</ul>")


def _page(title: str, sections: list[str]) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{escape(title)}</title><style>{STYLE}</style></head>\n<body>\n"
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


def _composition_sources(runs: RunSet) -> list[str]:
    shares = source_shares(runs)
    if shares.empty:
        return []
    rows = [[escape(str(marginal))] + [f"{100 * share:.1f}" for share in row]
            for marginal, row in zip(shares.index, shares.to_numpy())]
    return ["<h3>How real the composition is</h3><p>Share of residents (%) whose figure for each part of the "
            "composition came from their own buurt or wijk, from the wijk or gemeente around it, or from a "
            "default of the model (the <code>source</code> column of the fit table; docs/data.md, \"The "
            "national tables\"). The nearer, the more the results describe this place rather than an "
            "average one.</p>", _table(["composition"] + [escape(str(kind)) for kind in shares.columns], rows, 1)]


def _data_notes(runs: RunSet, summary: dict) -> list[str]:
    """The reference file's data notes (every file of a comparison synthesises the same place): the
    decision summary's caveats in full, the rest folded away."""
    notes = runs.runs[runs.scenarios.index(summary["reference"])].data_notes
    if not notes:
        return []
    caveats = summary["caveats"]
    others = [note for note in notes if note not in caveats]
    parts = ["<h3>Data notes</h3>"]
    if caveats:
        parts.append("<p>Read the figures and maps with these in mind:</p><ul class=\"caveats\">"
                     + "".join(f"<li>{escape(note)}</li>" for note in caveats) + "</ul>")
    if others:
        parts.append(f"<details><summary>{len(others)} more note(s) on how the CBS tables were read "
                     "(the same as <code>wijksim validate</code> prints)</summary><ul>"
                     + "".join(f"<li>{escape(note)}</li>" for note in others) + "</ul></details>")
    return parts


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


def _in_percent(outcome: str, value: float) -> float:
    return value * 100 if outcome in SHARE_OUTCOMES else value


def _summary_table(summary: pd.DataFrame, scenarios: list[str]) -> str:
    cells = {(row.outcome, row.scenario): f"{_number(_in_percent(row.outcome, row.mean))} ± "
                                          f"{_number(_in_percent(row.outcome, row.ci_half))}"
                                          f"{' %' if row.outcome in SHARE_OUTCOMES else ''}"
             for row in summary.itertuples()}
    rows = [[escape(OUTCOME_LABELS[outcome])] + [cells.get((outcome, name), "n/a") for name in scenarios]
            for outcome in OUTCOME_LABELS]
    return _table(["outcome"] + [escape(name) for name in scenarios], rows, numeric_from=1)


def _differences_table(differences: pd.DataFrame) -> str:
    if differences.empty:
        return "<p>Only one scenario: nothing to compare against.</p>"
    others = list(dict.fromkeys(differences["scenario"]))
    cells = {(row.outcome, row.scenario): f"{_signed(_in_percent(row.outcome, row.difference))} "
                                          f"[{_number(_in_percent(row.outcome, row.ci_low))}, "
                                          f"{_number(_in_percent(row.outcome, row.ci_high))}]"
                                          f"{' pp' if row.outcome in SHARE_OUTCOMES else ''}"
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


# The report on an experiment file (analysis.experiment): what was run, then the part its method calls for.

METHOD_DESCRIPTIONS = {
    "scenarios": "named scenarios",
    "factorial": "a full factorial design (every combination of parameter levels)",
    "latin_hypercube": "a Latin hypercube design (each parameter's range cut into strata, each used once)",
    "sobol": "a Sobol design (Saltelli scheme: base samples A and B and, per parameter, A with that column from B)",
    "morris": "a Morris screening design (trajectories moving one parameter at a time)",
}
SCENARIO_BAR_OUTCOMES = [EDUCATION_RATIO, REPRESENTATION_LOW, "trust/mean", "liveability/vulnerability_gap",
                         COST_PER_RESIDENT_YEAR]


@dataclass
class ReportPart:
    """The method-specific part of an experiment report: HTML sections, figures and CSV tables by file name."""
    sections: list[str]
    figures: list[ReportFigure]
    tables: dict[str, pd.DataFrame]


def write_experiment_report(data: ExperimentData, folder: str | Path, reference: str | None = None) -> list[Path]:
    """Write index.html and the experiment's CSV tables into `folder`; returns the paths, index.html first.

    `reference` names the scenario the others are compared against (named scenarios only; default the first).
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    part = _scenarios_part(data, reference) if data.method == "scenarios" else _design_part(data)
    csv_paths = []
    for name, table in part.tables.items():
        _write_atomically(folder / name, table.to_csv(index=False))
        csv_paths.append(folder / name)
    links = ", ".join(f"<a href=\"{path.name}\">{path.name}</a>" for path in csv_paths)
    sections = [
        f"<h1>Experiment: {escape(data.meta['experiment_name'])}</h1>",
        _experiment_intro(data),
        "<h3>What was run</h3>", _experiment_facts(data),
        *part.sections,
        "<h2>Figures</h2>",
        *(_figure_html(number, item) for number, item in enumerate(part.figures, start=1)),
        f"<footer>Tables as CSV: {links}. Written by the wijksim analysis package "
        "(<code>python3 -m analysis report</code>) from an experiment file of <code>wijksim experiment</code>."
        "</footer>",
    ]
    report = folder / REPORT_NAME
    _write_atomically(report, _page(f"wijksim experiment: {data.meta['experiment_name']}", sections))
    return [report, *csv_paths]


def _experiment_intro(data: ExperimentData) -> str:
    meta = data.meta
    runs, replicates = len(data.design), meta["replicates"]
    description = meta.get("experiment_description", "")
    shared_seed = (" With common random numbers: every run uses the same seed, so differences between runs are "
                   "not blurred by different random draws." if meta.get("common_random_numbers") else "")
    unfinished = int((~data.design["done"]).sum())
    warning = (f"<p><b>Unfinished:</b> {unfinished} of {runs} runs are not done; they are left out of everything "
               "below. Finish the experiment with <code>wijksim experiment ... --resume</code>.</p>"
               if unfinished else "")
    return (f"<p class=\"lead\">{escape(description)}</p>" if description else "") + (
        f"<p>The experiment <b>{escape(meta['experiment_name'])}</b> varies the base scenario "
        f"<code>{escape(meta.get('base_file', ''))}</code> by "
        f"{escape(METHOD_DESCRIPTIONS.get(data.method, data.method))}: "
        f"{runs} runs, each with {replicates} replicates ({runs * replicates} simulations in all), from experiment "
        f"seed {meta.get('seed')}.{shared_seed} Each outcome is a replicate's mean over the final year (the last "
        f"{meta.get('final_ticks', 52)} weeks, or the whole run when it is shorter); the spread between replicates "
        "gives the confidence intervals. Results written by wijksim "
        f"{escape(str(meta.get('engine_version', 'unknown')))} (commit "
        f"<code>{escape(str(meta.get('git_commit', 'unknown')))}</code>).</p>") + warning


def _experiment_facts(data: ExperimentData) -> str:
    meta, design = data.meta, data.design
    done = design[design["done"]]
    residents = sorted(set(done["residents"])) if len(done) else []
    weeks = sorted(set(design["horizon_ticks"].dropna().astype(int))) if "horizon_ticks" in design else []
    facts = [
        ("experiment file", f"<code>{escape(meta.get('experiment_file', ''))}</code>"),
        ("experiment file read", f"<code>{escape(str(data.path))}</code>"),
        ("base scenario", f"<code>{escape(meta.get('base_file', ''))}</code>"),
        ("design", escape(data.method)),
        ("runs done", f"{len(done)} of {len(design)}"),
        ("replicates per run", str(meta["replicates"])),
        ("experiment seed", str(meta.get("seed"))),
        ("common random numbers", "yes" if meta.get("common_random_numbers") else "no"),
        ("weeks simulated", _span(weeks)),
        ("residents (15+) per run", _span(residents)),
        ("outcomes kept", escape(", ".join(data.outcome_names))),
        ("engine version", escape(str(meta.get("engine_version", "")))),
        ("git commit", f"<code>{escape(str(meta.get('git_commit', '')))}</code>"),
    ]
    rows = "".join(f"<tr><th scope=\"row\">{name}</th><td>{value}</td></tr>" for name, value in facts)
    return f"<table><tbody>{rows}</tbody></table>"


def _span(values: list) -> str:
    if not values:
        return "not recorded"
    return str(values[0]) if len(values) == 1 else f"{values[0]} to {values[-1]}"


def _scenarios_part(data: ExperimentData, reference: str | None) -> ReportPart:
    summary, difference = compare_scenarios(data, reference)
    scenarios = plots.scenario_order(summary)
    kept = data.outcome_names
    labels = EXPERIMENT_OUTCOME_LABELS
    reference_name = difference["reference"].iloc[0] if not difference.empty else scenarios[0]
    paired = not difference.empty and bool(difference["paired"].all())
    sections = [
        "<h2>Scenarios</h2><p>Each named scenario is the base scenario with these overrides.</p>",
        _named_scenario_table(data),
        "<h2>Key outcomes</h2><p>Final-year means over replicates, with 95% confidence intervals (Student t).</p>",
        _experiment_summary_table(summary, scenarios, kept),
        f"<h2>Differences from {escape(reference_name)}</h2><p>Scenario minus reference, with 95% "
        f"{'paired t (common random numbers)' if paired else 'Welch'} confidence intervals. An interval that "
        "excludes 0 is a difference the replicates support.</p>",
        _experiment_differences_table(difference, kept),
    ]
    education = [name for name in PARTICIPATION_BY_EDUCATION if name in kept]
    bars = [name for name in SCENARIO_BAR_OUTCOMES if name in kept] or ([] if education else kept)
    figures = [ReportFigure(
        "Key outcomes per scenario",
        "Bars are means over replicates, whiskers their 95% confidence intervals. Participation by education "
        "shows the diploma democracy (a steep rise from low to high); the high/low ratio and the representation "
        "ratio of the low educated (dashed line: parity) say whether a scenario narrows it; then trust, the "
        "liveability gap between vulnerable and vital buurten, and what the levers cost.",
        plots.scenario_outcome_bars(summary, education, bars, labels))]
    if not difference.empty:
        figures.append(ReportFigure(
            f"Differences from {reference_name}",
            f"Each scenario minus <b>{escape(reference_name)}</b>, with 95% {'paired' if paired else 'Welch'} "
            "intervals. Whiskers that cross "
            "the vertical line at 0 are differences the replicates cannot tell from chance; look for the "
            "scenarios whose intervals clear it, and in which direction.",
            plots.scenario_differences(difference, data.key_outcomes(), labels)))
    if COST_PER_RESIDENT_YEAR in kept and REPRESENTATION_LOW in kept:
        figures.append(ReportFigure(
            "Cost against representation gained",
            "Each scenario's cost of all levers per resident per year (x) against the representation ratio of "
            "low-educated residents (y), with 95% intervals over replicates. The dashed line is parity. Up and "
            "to the left is more representation for less money; compare how far up each extra euro gets.",
            plots.cost_against_representation(summary, COST_PER_RESIDENT_YEAR, REPRESENTATION_LOW, labels)))
    else:
        sections.append("<p>The experiment does not keep both <code>cost/per_resident_year</code> and "
                        "<code>representation/ratio_by_group:education=low</code>, so cost against "
                        "representation cannot be shown.</p>")
    return ReportPart(sections, figures, experiment_tables(data, reference))


def _named_scenario_table(data: ExperimentData) -> str:
    design = data.design.sort_values("run")
    overrides = design["overrides"] if "overrides" in design else pd.Series("", index=design.index)
    rows = [[escape(row.label), f"<code>{escape(override)}</code>", str(row.seed),
             str(row.residents) if row.done else "not done"]
            for row, override in zip(design.itertuples(), overrides)]
    return _table(["scenario", "overrides", "seed", "residents (15+)"], rows, numeric_from=2)


def _is_share(outcome: str) -> bool:
    return "(share" in outcome_label(outcome)


def _experiment_summary_table(summary: pd.DataFrame, scenarios: list[str], outcomes: list[str]) -> str:
    def cell(row) -> str:
        if _is_share(row.outcome):
            return f"{_number(100 * row.mean)} ± {_number(100 * row.ci_half)} %"
        return f"{_number(row.mean)} ± {_number(row.ci_half)}"
    cells = {(row.outcome, str(row.scenario)): cell(row) for row in summary.itertuples()}
    rows = [[escape(outcome_label(outcome))] + [cells.get((outcome, name), "n/a") for name in scenarios]
            for outcome in outcomes]
    return _table(["outcome"] + [escape(name) for name in scenarios], rows, numeric_from=1)


def _experiment_differences_table(difference: pd.DataFrame, outcomes: list[str]) -> str:
    if difference.empty:
        return "<p>Only one scenario: nothing to compare against.</p>"
    others = list(dict.fromkeys(difference["scenario"].astype(str)))

    def cell(row) -> str:
        scale, unit = (100, " pp") if _is_share(row.outcome) else (1, "")
        return f"{_signed(scale * row.difference)} [{_number(scale * row.ci_low)}, {_number(scale * row.ci_high)}]{unit}"
    cells = {(row.outcome, str(row.scenario)): cell(row) for row in difference.itertuples()}
    rows = [[escape(outcome_label(outcome))] + [cells.get((outcome, name), "n/a") for name in others]
            for outcome in outcomes]
    return _table(["outcome"] + [escape(name) for name in others], rows, numeric_from=1)


def _design_part(data: ExperimentData) -> ReportPart:
    sections = ["<h2>Parameters</h2><p>The design varies these settings of the base scenario; every run's "
                "values are in <code>design.csv</code>.</p>", _parameter_table(data)]
    figures: list[ReportFigure] = []
    indices = None
    labels = EXPERIMENT_OUTCOME_LABELS
    outcomes = data.key_outcomes()
    if data.method in ("sobol", "morris") and not data.complete:
        sections.append(f"<h2>Sensitivity indices</h2><p>Not computed: a {escape(data.method)} design needs every "
                        "run, and some are not done.</p>")
    elif data.method == "sobol":
        indices = sensitivity_table(data)
        sections += ["<h2>Sobol indices</h2>" + SOBOL_TEXT, _sobol_table(indices)]
        figures.append(ReportFigure(
            "Sobol indices per outcome",
            "Per parameter, the first-order index S1 (the share of an outcome's variance the parameter explains "
            "on its own) and the total index ST (including its interactions), with bootstrap 95% intervals. Look "
            "for the tallest bars: those levers drive the outcome. ST well above S1 means the lever works "
            "through interactions; wide whiskers mean too few base samples.",
            plots.sobol_bars(indices, outcomes, labels)))
    elif data.method == "morris":
        indices = sensitivity_table(data)
        sections += ["<h2>Morris screening</h2>" + MORRIS_TEXT
                     + "<p>The figure below plots them; every value is in <a href=\"morris.csv\">morris.csv</a>.</p>"]
        figures.append(ReportFigure(
            "Morris screening: importance against non-linearity",
            "Each dot is a parameter: mu* (x), the mean absolute change of the outcome when the parameter moves "
            "over its full range, against sigma (y), the spread of those changes. Parameters far to the right "
            "matter; high up means their effect depends on the other settings (non-linearity or interactions). "
            "Parameters near the origin can be fixed in a Sobol analysis.",
            plots.morris_scatter(indices, outcomes, labels)))
    else:
        sections += ["<h2>Which parameters go with which outcomes</h2><p>Spearman rank correlation between each "
                     "parameter and each outcome's run mean, over all runs: +1 rises together, -1 falls as the "
                     "parameter rises, near 0 no monotone relation. Correlation is a first look, not a variance "
                     "decomposition; a Sobol design gives that.</p>", _rank_correlation_table(data, outcomes)]
    figures.append(ReportFigure(
        "Each parameter against each outcome",
        "Each dot is a run (its mean over replicates): one row per outcome, one column per parameter. A clear "
        "slope or step is a parameter that moves the outcome; a shapeless cloud one that does not (or whose "
        "effect is swamped by the others). Choices are drawn at their own positions.",
        plots.parameter_scatter(data.run_means(), data.parameters, outcomes, labels)))
    return ReportPart(sections, figures, experiment_tables(data, sensitivity_indices=indices))


SOBOL_TEXT = ("<p>Computed on run means (replicate noise counts as unexplained variance) with bootstrap 95% "
              "intervals over the base samples. S1 near ST: the parameter acts on its own; S1 summed over the "
              "parameters well below 1: interactions (or noise) matter.</p>")
MORRIS_TEXT = ("<p>Elementary effects per full range of each parameter: mu is their mean (with sign), mu* the mean "
               "of their absolute values (importance), sigma their spread (non-linearity or interactions).</p>")


def _parameter_table(data: ExperimentData) -> str:
    rows = []
    for row in data.parameters.itertuples():
        if row.choices is not None:
            values = "choices: " + ", ".join(escape(json.dumps(choice)) for choice in row.choices)
        else:
            values = f"{_number(row.min)} to {_number(row.max)}" + (" (whole numbers)" if row.integer else "")
        rows.append([f"<code>{escape(row.path)}</code>", values])
    return _table(["parameter", "values"], rows)


def _interval(value: float, low: float, high: float) -> str:
    return f"{_number(value)} [{_number(low)}, {_number(high)}]"


def _sobol_table(indices: pd.DataFrame) -> str:
    rows = [[escape(outcome_label(row.outcome)), f"<code>{escape(row.parameter)}</code>",
             _interval(row.S1, row.S1_low, row.S1_high), _interval(row.ST, row.ST_low, row.ST_high)]
            for row in indices.itertuples()]
    return _table(["outcome", "parameter", "S1 [95% CI]", "ST [95% CI]"], rows, numeric_from=2)


def _rank_correlation_table(data: ExperimentData, outcomes: list[str]) -> str:
    """Spearman correlations on the unit coordinates: they order runs as the values do, choices included."""
    means = data.run_means()
    paths = list(data.parameters["path"])
    rows = []
    for path in paths:
        cells = []
        for outcome in outcomes:
            of_outcome = means[means["outcome"] == outcome]
            cells.append(_number(of_outcome[f"unit:{path}"].corr(of_outcome["value"], method="spearman")))
        rows.append([f"<code>{escape(path)}</code>", *cells])
    return _table(["parameter"] + [escape(outcome_label(outcome)) for outcome in outcomes], rows, numeric_from=1)
