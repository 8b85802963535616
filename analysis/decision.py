"""The decision summary: what a planner needs to choose between alternatives, each against a reference.

Per alternative (one result file each; the reference is named explicitly or is the first), from each
replicate's final-year mean (analysis.compare):
  - the change in the liveability gap between the least and the most vulnerable fifth of buurten,
  - the change in past-year participation (share of residents 15+ active at some point in the past 52
    weeks, the measure surveys report), overall and of the low educated,
  - the change in the representation ratio of the low educated and in mean trust,
  - the cost per year for the whole municipality (the residents the run stands for: simulated residents
    over municipality.cbs.scale) and per resident,
  - the cost per extra past-year participant with low education: extra cost per year over the extra
    low-educated residents active in the past year (ratio of the mean changes; 95% interval from a
    bootstrap over replicates, paired like the other intervals).
Changes are paired (paired t over replicates) when the alternative shares seed and replicate count with the
reference, as `wijksim compare` runs them; otherwise Welch. A change whose 95% interval includes 0 is "not
resolved": the replicates cannot tell the two apart. Rankings say the same for neighbours in the order.

`decision_summary(runs, reference)` returns a plain dict, the one shape the terminal table, the HTML
report and the studio all read (`python3 -m analysis compare FILES --reference NAME --json` prints it).
Numbers are floats; NaN and infinity become null in JSON. Shape (version 1):

    {"kind": "wijksim decision summary", "version": 1, "confidence": 0.95,
     "reference": "top_down",
     "window": {"first_tick": 469, "last_tick": 520},          # the final year the outcomes average
     "outcomes": [{"name": "vulnerability_gap", "label": "...", "unit": "index 0-1",
                   "better": "lower", "percent": false}, ...],    # the rows, in order; percent: a share
     "alternatives": [
       {"name": "top_down", "is_reference": true, "file": "results/top_down.h5", "role": "top_down",
        "seed": 1, "replicates": 10, "paired": null,              # paired: null for the reference
        "residents": 6000, "represented_residents": 60000.0,
        "outcomes": {"vulnerability_gap": {"value": 0.12, "ci_low": 0.11, "ci_high": 0.13,
                                           "change": null, ...}, ...},
        "cost_per_extra_participant": null},
       {"name": "inviting", "is_reference": false, ..., "paired": true,
        "outcomes": {"vulnerability_gap": {"value": 0.11, "ci_low": ..., "ci_high": ...,
                                           "change": -0.01, "change_ci_low": -0.02, "change_ci_high": -0.004,
                                           "resolved": true}, ...},
        "cost_per_extra_participant": {"group": "education=low", "value": 1350.0, "ci_low": 1100.0,
                                       "ci_high": 1700.0, "extra_cost_per_year": 162000.0,
                                       "extra_participants": 120.0, "note": ""}}],
     "rankings": {"vulnerability_gap": {"order": ["inviting", "kaleidoscopic", "top_down"],
                                        "resolved": [true, false]}, ...},
                   # best first; resolved[i]: the paired interval of order[i] vs order[i+1] excludes 0
     "caveats": ["buurt size: 7 of 111 buurten (0.2% of the simulated residents) have fewer ..."]}
                   # the reference file's data notes that say its figures depend on buurt size or sampling
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.compare import (CONFIDENCE, COST_PER_RESIDENT_YEAR, COST_PER_YEAR, OUTCOME_LABELS, Comparison,
                              compare_runs, final_year, is_resolved, paired_ci, paired_with, population_scale,
                              represented_residents, welch_ci)
from analysis.load import RunData, RunSet, caveat_notes

SUMMARY_KIND = "wijksim decision summary"
SUMMARY_VERSION = 1
UNDER_REPRESENTED_GROUP = "education=low"
BOOTSTRAP_SAMPLES = 2000
BOOTSTRAP_SEED = 20240


@dataclass(frozen=True)
class DecisionOutcome:
    name: str  # an outcome of analysis.compare
    short: str  # for the terminal table
    unit: str
    better: str  # "lower" or "higher"
    percent: bool = False  # a share, shown in % (changes in percentage points)


DECISION_OUTCOMES = [
    DecisionOutcome("vulnerability_gap", "liveability gap (vital - vulnerable)", "index 0-1", "lower"),
    DecisionOutcome("past_year_overall", "past-year participation", "share", "higher", percent=True),
    DecisionOutcome("past_year_low", "past-year participation, low educ.", "share", "higher", percent=True),
    DecisionOutcome("representation_low", "representation low educ. (1=parity)", "ratio", "higher"),
    DecisionOutcome("trust_mean", "trust in local government (0-1)", "index 0-1", "higher"),
    DecisionOutcome(COST_PER_YEAR, "cost per year, municipality (euro)", "euro", "lower"),
    DecisionOutcome(COST_PER_RESIDENT_YEAR, "cost per resident per year (euro)", "euro", "lower"),
]
RANKED = ["vulnerability_gap", "past_year_overall", "past_year_low"]


def decision_summary(runs: RunSet, reference: str | None = None, comparison: Comparison | None = None) -> dict:
    """The decision summary of `runs` against `reference` (default: the first) as a JSON-ready dict."""
    comparison = comparison or compare_runs(runs, reference)
    reference = comparison.reference
    paired = set(paired_with(runs, reference))
    window = final_year(runs.series)["tick"]
    return {
        "kind": SUMMARY_KIND, "version": SUMMARY_VERSION, "confidence": CONFIDENCE, "reference": reference,
        "window": {"first_tick": int(window.min()), "last_tick": int(window.max())},
        "outcomes": [{"name": o.name, "label": OUTCOME_LABELS[o.name], "unit": o.unit, "better": o.better,
                      "percent": o.percent} for o in DECISION_OUTCOMES],
        "alternatives": [_alternative(run, runs, comparison, paired) for run in runs.runs],
        "rankings": {name: _ranking(comparison, name, paired | {reference}) for name in RANKED},
        "caveats": caveat_notes(runs.runs[runs.scenarios.index(reference)]),
    }


def _alternative(run: RunData, runs: RunSet, comparison: Comparison, paired: set[str]) -> dict:
    is_reference = run.scenario == comparison.reference
    summary = comparison.summary.set_index(["scenario", "outcome"])
    changes = comparison.differences.set_index(["scenario", "outcome"])
    outcomes = {}
    for outcome in DECISION_OUTCOMES:
        key = (run.scenario, outcome.name)
        cell = {"value": summary.at[key, "mean"], "ci_low": summary.at[key, "ci_low"],
                "ci_high": summary.at[key, "ci_high"]} if key in summary.index else {"value": math.nan}
        if not is_reference and key in changes.index:
            row = changes.loc[key]
            cell.update(change=row["difference"], change_ci_low=row["ci_low"], change_ci_high=row["ci_high"],
                        resolved=bool(row["resolved"]))
        outcomes[outcome.name] = cell
    government = run.meta["scenario"].get("government", {})
    return {
        "name": run.scenario, "is_reference": is_reference, "file": str(run.path),
        "role": government.get("role") if isinstance(government, dict) else None,
        "seed": run.meta["seed"], "replicates": run.meta["replicates"],
        "paired": None if is_reference else run.scenario in paired,
        "residents": run.meta["residents"], "represented_residents": represented_residents(run.meta),
        "outcomes": outcomes,
        "cost_per_extra_participant": None if is_reference else cost_per_extra_participant(
            comparison, run, runs.runs[runs.scenarios.index(comparison.reference)], run.scenario in paired),
    }


def low_educated_residents(run: RunData) -> float:
    """Residents with low education in the run's population, from the synthesis fit table (NaN without it)."""
    fit = run.tables.get("fit")
    if fit is None:
        return float("nan")
    low = fit[(fit["marginal"] == "education") & (fit["category"] == "low")]
    residents = run.buurten.set_index("code")["residents"].reindex(low["buurt"]).to_numpy(dtype=float)
    if len(low) == 0 or not np.isfinite(residents).all():
        return float("nan")
    return float((low["achieved"].to_numpy(dtype=float) * residents).sum())


def _per_replicate(comparison: Comparison, scenario: str, outcome: str) -> pd.Series:
    values = comparison.values
    rows = values[(values["scenario"] == scenario) & (values["outcome"] == outcome)]
    return rows.set_index("replicate")["value"].astype(float)


def cost_per_extra_participant(comparison: Comparison, run: RunData, reference_run: RunData,
                               paired: bool) -> dict:
    """Extra cost per year (whole municipality) over the extra low-educated residents active in the past year,
    against the reference: the ratio of the mean changes, with a bootstrap 95% interval over replicates
    (replicates resampled together when paired). value is NaN when the alternative adds no such participants."""
    group_size = low_educated_residents(run) / population_scale(run.meta)
    cost = (_per_replicate(comparison, reference_run.scenario, COST_PER_YEAR),
            _per_replicate(comparison, run.scenario, COST_PER_YEAR))
    share = (_per_replicate(comparison, reference_run.scenario, "past_year_low"),
             _per_replicate(comparison, run.scenario, "past_year_low"))
    extra_cost = cost[1].mean() - cost[0].mean()
    extra_participants = (share[1].mean() - share[0].mean()) * group_size
    result = {"group": UNDER_REPRESENTED_GROUP, "value": math.nan, "ci_low": math.nan, "ci_high": math.nan,
              "extra_cost_per_year": extra_cost, "extra_participants": extra_participants, "note": ""}
    if not math.isfinite(group_size):
        result["note"] = "the result file has no synthesis fit table to count the low educated"
        return result
    if not extra_participants > 0:
        result["note"] = "no extra past-year participants with low education"
        return result
    result["value"] = extra_cost / extra_participants
    low, high = _bootstrap_ratio(cost, share, group_size, paired)
    result.update(ci_low=low, ci_high=high)
    if not math.isfinite(high):
        result["note"] = "the gain in participants is not resolved: the interval has no upper bound"
    return result


def _bootstrap_ratio(cost, share, group_size: float, paired: bool) -> tuple[float, float]:
    """Percentile interval of mean extra cost / mean extra participants; infinite where a resample gains none."""
    random = np.random.default_rng(BOOTSTRAP_SEED)
    if paired:
        common = cost[0].index.intersection(cost[1].index).intersection(share[0].index).intersection(share[1].index)
        cost_change = (cost[1][common] - cost[0][common]).to_numpy()
        share_change = (share[1][common] - share[0][common]).to_numpy()
        if len(common) < 2:
            return math.nan, math.nan
        picks = random.integers(0, len(common), size=(BOOTSTRAP_SAMPLES, len(common)))
        numerator = cost_change[picks].mean(axis=1)
        denominator = share_change[picks].mean(axis=1) * group_size
    else:
        sides = [np.asarray(series.dropna(), dtype=float) for series in (*cost, *share)]
        if min(len(side) for side in sides) < 2:
            return math.nan, math.nan
        means = [side[random.integers(0, len(side), size=(BOOTSTRAP_SAMPLES, len(side)))].mean(axis=1)
                 for side in sides]
        numerator = means[1] - means[0]
        denominator = (means[3] - means[2]) * group_size
    with np.errstate(divide="ignore", invalid="ignore"):
        ratios = np.where(denominator > 0, numerator / denominator, np.inf)
    tail = (1 - CONFIDENCE) / 2
    return (float(np.quantile(ratios, tail, method="inverted_cdf")),
            float(np.quantile(ratios, 1 - tail, method="inverted_cdf")))


def _ranking(comparison: Comparison, outcome: str, paired: set[str]) -> dict:
    """Alternatives best first on `outcome`, and whether each neighbour pair is told apart (95% interval)."""
    means = comparison.summary[comparison.summary["outcome"] == outcome].set_index("scenario")["mean"]
    better = next(o.better for o in DECISION_OUTCOMES if o.name == outcome)
    order = [str(name) for name in means.dropna().sort_values(ascending=better == "lower").index]
    resolved = []
    for first, second in zip(order, order[1:]):
        a, b = (_per_replicate(comparison, name, outcome) for name in (first, second))
        interval = paired_ci(a, b) if first in paired and second in paired else welch_ci(a, b)
        resolved.append(is_resolved(interval))
    return {"order": order, "resolved": resolved}


def to_json(summary: dict) -> str:
    """The summary as JSON text, with NaN and infinity as null."""
    return json.dumps(_jsonable(summary), indent=2)


def _jsonable(value):
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(item) for item in value]
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, np.bool_):
        return bool(value)
    return value


# ---- the terminal table ----

def format_value(value, outcome: DecisionOutcome, change: bool = False) -> str:
    """A level or a change of one outcome as a planner reads it: %, percentage points, euro, index."""
    if value is None or not math.isfinite(value):
        return "n/a"
    sign = "+" if change else ""
    if outcome.percent:
        return f"{value * 100:{sign}.1f}{' pp' if change else ' %'}"
    if outcome.unit == "euro":
        return f"{value:{sign},.0f}"
    return f"{value:{sign}.3f}" if outcome.unit == "index 0-1" else f"{value:{sign}.2f}"


def cell_text(cell: dict, outcome: DecisionOutcome, is_reference: bool, compact: bool = False) -> str:
    """The reference's level, or an alternative's change with its interval: "[low, high]", or "±half" when
    `compact` (the paired t interval is symmetric); " ~" marks a change that is not resolved."""
    if is_reference:
        return format_value(cell.get("value"), outcome)
    if "change" not in cell:
        return "n/a"
    change = cell["change"]
    text = format_value(change, outcome, change=True)
    low, high = cell.get("change_ci_low"), cell.get("change_ci_high")
    if low is not None and math.isfinite(low):
        if compact:
            half = format_value(max(high - change, change - low), outcome)
            text = text.replace(" pp", "") + "±" + half.replace(" %", "") + (" pp" if outcome.percent else "")
        else:
            text += f" [{format_value(low, outcome, True)}, {format_value(high, outcome, True)}]".replace(" pp", "")
    return text + ("" if cell.get("resolved") else " ~")


def price_text(price: dict | None) -> str:
    if price is None:
        return "(reference)"
    if not math.isfinite(price["value"]):
        return "n/a (no gain)" if price["note"].startswith("no extra") else "n/a"
    low, high = price["ci_low"], price["ci_high"]
    interval = "" if not math.isfinite(low) else \
        f" [{low:,.0f}, {'no bound' if not math.isfinite(high) else f'{high:,.0f}'}]"
    return f"{price['value']:,.0f}{interval}"


def format_decision_table(summary: dict) -> str:
    """Outcomes as rows, alternatives as columns: the reference's level, the others' paired change [95% CI]."""
    alternatives = summary["alternatives"]
    reference = next(a for a in alternatives if a["is_reference"])
    others = [a for a in alternatives if not a["is_reference"]]
    columns = [reference] + others
    header = ["", f"{reference['name']} (ref.)"] + [a["name"] for a in others]
    rows = [[o.short] + [cell_text(a["outcomes"][o.name], o, a["is_reference"], compact=True) for a in columns]
            for o in DECISION_OUTCOMES]
    rows.append(["euro per extra past-year participant, low educ."]
                + [price_text(a["cost_per_extra_participant"]) for a in columns])
    widths = [max(len(row[i]) for row in [header] + rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths)))
             .rstrip() for row in [header] + rows]
    lines.insert(1, "-" * len(lines[0]))
    paired = all(a["paired"] for a in others)
    kind = "paired 95% intervals (common random numbers)" if paired else \
        "95% intervals (paired where seed and replicates match, else Welch)"
    window = summary["window"]
    title = (f"Decision summary against {reference['name']}: final-year means (weeks {window['first_tick']}-"
             f"{window['last_tick']}), {reference['replicates']} replicates, {kind}.\nThe reference's level, then "
             "each alternative's change ± the half-width of its interval; ~ = not resolved (the interval "
             f"includes 0).\nCosts for the {reference['represented_residents']:,.0f} residents 15+ the scenario "
             "stands for; the price per participant with its bootstrap interval.")
    caveats = "".join(f"\n  - {note}" for note in summary["caveats"])
    return (title + "\n\n" + "\n".join(lines) + "\n\n" + format_rankings(summary)
            + (f"\n\nRead these figures with the data notes:{caveats}" if caveats else ""))


def ranking_texts(summary: dict, name=str, better: str = ">", unresolved: str = "~") \
        -> list[tuple[DecisionOutcome, str]]:
    """Per ranked outcome, its order as text: best first, `better` between a pair the 95% interval tells apart,
    `unresolved` where it does not. `name` formats an alternative's name (e.g. html.escape)."""
    texts = []
    for outcome in DECISION_OUTCOMES:
        ranking = summary["rankings"].get(outcome.name)
        if not ranking or not ranking["order"]:
            continue
        text = name(ranking["order"][0])
        for following, resolved in zip(ranking["order"][1:], ranking["resolved"]):
            text += f" {better if resolved else unresolved} {name(following)}"
        texts.append((outcome, text))
    return texts


def format_rankings(summary: dict) -> str:
    """One line per ranked outcome: best first, '>' where the pair is told apart, '~' where not."""
    lines = [f"Ranking on {outcome.short} ({outcome.better} is better): {text}"
             for outcome, text in ranking_texts(summary)]
    lines.append("  ('>': better, told apart by the 95% interval; '~': order not resolved, more replicates "
                 "(--replicates) may separate them)")
    return "\n".join(lines)
