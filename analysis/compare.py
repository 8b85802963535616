"""Comparing scenarios: final-year outcomes per replicate, summaries with 95% CIs, differences vs a reference.

The unit of replication is the replicate: each replicate's outcome is its mean over the final year of
recorded ticks (the last 52 ticks, or the whole run when it is shorter), and the spread between replicates
gives the Student-t interval of a scenario and the Welch interval of a difference between scenarios.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

import numpy as np
import pandas as pd
from scipy import stats

from analysis.load import AnalysisInputError, RunData, RunSet

TICKS_PER_YEAR = 52
CONFIDENCE = 0.95


@dataclass(frozen=True)
class Outcome:
    name: str
    label: str
    metric: str
    column: str | None  # None: the sum over all columns (cost over levers)


OUTCOMES = [
    Outcome("participation_overall", "participation, all residents 15+ (share)", "participation/overall", ""),
    Outcome("participation_low", "participation, low education (share)", "participation/by_group",
            "education=low"),
    Outcome("participation_middle", "participation, middle education (share)", "participation/by_group",
            "education=middle"),
    Outcome("participation_high", "participation, high education (share)", "participation/by_group",
            "education=high"),
    Outcome("education_ratio", "participation rate high / low education", "representation/education_ratio", ""),
    Outcome("representation_low", "representation ratio, low education (1 = parity)",
            "representation/ratio_by_group", "education=low"),
    Outcome("dissimilarity_education", "dissimilarity participants vs population, education (0-1)",
            "representation/dissimilarity", "education"),
    Outcome("trust_mean", "trust in local government, mean (0-1)", "trust/mean", ""),
    Outcome("liveability_gini", "liveability Gini across buurten", "liveability/gini", ""),
    Outcome("vulnerability_gap", "liveability gap, least minus most vulnerable fifth",
            "liveability/vulnerability_gap", ""),
    Outcome("initiatives_active", "initiatives active (count)", "initiatives/active", ""),
]
COST_PER_TICK = Outcome("cost_per_tick", "cost per week, all levers (euro)", "cost/by_lever", None)
OUTCOMES.append(COST_PER_TICK)
COST_PER_RESIDENT_YEAR = "cost_per_resident_year"
OUTCOME_LABELS = {outcome.name: outcome.label for outcome in OUTCOMES}
OUTCOME_LABELS[COST_PER_RESIDENT_YEAR] = "cost per resident per year (euro)"


@dataclass
class Comparison:
    values: pd.DataFrame  # scenario, replicate, outcome, value
    summary: pd.DataFrame  # scenario, outcome, label, mean, std, n, ci_low, ci_high, ci_half
    differences: pd.DataFrame  # scenario, reference, outcome, label, difference, ci_low, ci_high, ci_half, df
    reference: str


def final_year(series: pd.DataFrame) -> pd.DataFrame:
    """The rows of each scenario's last TICKS_PER_YEAR ticks (all of them for a shorter run)."""
    last_tick = series.groupby("scenario", observed=True, sort=False)["tick"].transform("max")
    return series[series["tick"] > last_tick - TICKS_PER_YEAR]


def replicate_means(series: pd.DataFrame, metric: str) -> pd.DataFrame:
    """scenario, replicate, column, value: each replicate's final-year mean of one series (NaN ticks skipped)."""
    rows = final_year(series[series["metric"] == metric])
    means = rows.groupby(["scenario", "replicate", "column"], observed=True, sort=False)["value"].mean()
    return means.reset_index()


def replicate_outcomes(series: pd.DataFrame, residents: Mapping[str, int]) -> pd.DataFrame:
    """scenario, replicate, outcome, value for every key outcome; residents per scenario scale the cost."""
    frames = {outcome.name: _outcome_values(series, outcome) for outcome in OUTCOMES}
    cost = frames[COST_PER_TICK.name]
    per_resident = cost.assign(
        outcome=COST_PER_RESIDENT_YEAR,
        value=cost["value"] * TICKS_PER_YEAR / cost["scenario"].astype(str).map(residents).astype(float))
    values = pd.concat([*frames.values(), per_resident], ignore_index=True)
    values["outcome"] = pd.Categorical(values["outcome"], categories=list(OUTCOME_LABELS))
    return values


def _outcome_values(series: pd.DataFrame, outcome: Outcome) -> pd.DataFrame:
    means = replicate_means(series, outcome.metric)
    if outcome.column is None:
        means = means.groupby(["scenario", "replicate"], observed=True, sort=False)["value"].sum().reset_index()
    else:
        means = means[means["column"] == outcome.column].drop(columns="column")
    return means.assign(outcome=outcome.name)[["scenario", "replicate", "outcome", "value"]]


def mean_ci(values) -> dict:
    """Mean, sample sd, n and the Student-t CI over the finite values (CI is NaN below two values)."""
    finite = _finite(values)
    n = len(finite)
    mean = finite.mean() if n else np.nan
    std = finite.std(ddof=1) if n > 1 else np.nan
    half = stats.t.ppf(0.5 + CONFIDENCE / 2, n - 1) * std / np.sqrt(n) if n > 1 else np.nan
    return {"mean": mean, "std": std, "n": n, "ci_low": mean - half, "ci_high": mean + half, "ci_half": half}


def welch_ci(reference, other) -> dict:
    """Difference of means other - reference with its Welch CI (unequal variances)."""
    a = _finite(reference)
    b = _finite(other)
    difference = b.mean() - a.mean() if len(a) and len(b) else np.nan
    if len(a) < 2 or len(b) < 2:
        return _difference_row(difference, np.nan, np.nan)
    var_a, var_b = a.var(ddof=1) / len(a), b.var(ddof=1) / len(b)
    standard_error = np.sqrt(var_a + var_b)
    if standard_error == 0:  # identical replicates on both sides: the difference is exact
        return _difference_row(difference, 0.0, np.inf)
    df = (var_a + var_b) ** 2 / (var_a ** 2 / (len(a) - 1) + var_b ** 2 / (len(b) - 1))
    return _difference_row(difference, stats.t.ppf(0.5 + CONFIDENCE / 2, df) * standard_error, df)


def _finite(values) -> np.ndarray:
    array = np.asarray(values, dtype=float)
    return array[np.isfinite(array)]


def _difference_row(difference: float, half: float, df: float) -> dict:
    return {"difference": difference, "ci_low": difference - half, "ci_high": difference + half,
            "ci_half": half, "df": df}


def summarise(values: pd.DataFrame, by: list[str] | None = None) -> pd.DataFrame:
    """Mean, sd, n and 95% CI of `value` over replicates, per scenario and the `by` columns."""
    keys = ["scenario"] + (by or ["outcome"])
    rows = [{**dict(zip(keys, key)), **mean_ci(group["value"])}
            for key, group in values.groupby(keys, observed=True, sort=True)]
    return pd.DataFrame(rows, columns=keys + ["mean", "std", "n", "ci_low", "ci_high", "ci_half"])


def differences(values: pd.DataFrame, reference: str | None = None) -> pd.DataFrame:
    """Each other scenario minus the reference (default: the first scenario), per outcome, with Welch CIs."""
    scenarios = scenario_order(values)
    reference = resolve_reference(scenarios, reference)
    by_scenario = {name: rows for name, rows in values.groupby("scenario", observed=True, sort=False)}
    baseline = by_scenario[reference].groupby("outcome", observed=True, sort=True)["value"]
    rows = []
    for scenario in scenarios:
        if scenario == reference:
            continue
        other = by_scenario[scenario]
        for outcome, reference_values in baseline:
            other_values = other.loc[other["outcome"] == outcome, "value"]
            rows.append({"scenario": scenario, "reference": reference, "outcome": outcome,
                         **welch_ci(reference_values, other_values)})
    return pd.DataFrame(rows, columns=["scenario", "reference", "outcome", "difference", "ci_low", "ci_high",
                                       "ci_half", "df"])


def resolve_reference(scenarios: list[str], reference: str | None) -> str:
    if reference is None:
        return scenarios[0]
    if reference not in scenarios:
        raise AnalysisInputError(f"reference scenario '{reference}' is not among the compared scenarios: "
                         f"{', '.join(scenarios)}")
    return reference


def scenario_order(values: pd.DataFrame) -> list[str]:
    """Scenarios in the order they were loaded (category order), else in order of appearance."""
    column = values["scenario"]
    if isinstance(column.dtype, pd.CategoricalDtype):
        return [name for name in column.cat.categories if (column == name).any()]
    return list(pd.unique(column))


def with_labels(table: pd.DataFrame) -> pd.DataFrame:
    """The table with a readable label next to each outcome code."""
    labelled = table.copy()
    labelled.insert(labelled.columns.get_loc("outcome") + 1, "label",
                    labelled["outcome"].astype(str).map(OUTCOME_LABELS))
    return labelled


def compare_runs(runs: RunSet, reference: str | None = None) -> Comparison:
    """Everything the report and the command line show, from loaded runs."""
    reference = resolve_reference(runs.scenarios, reference)
    residents = {name: meta["residents"] for name, meta in runs.metas.items()}
    values = replicate_outcomes(runs.series, residents)
    return Comparison(values=values, summary=with_labels(summarise(values)),
                      differences=with_labels(differences(values, reference)), reference=reference)


def low_educated_residents(run: RunData) -> float:
    """Residents with low education in the run's population, from the synthesis fit table (NaN without it)."""
    fit = run.tables.get("fit")
    if fit is None:
        return float("nan")
    low = fit[(fit["marginal"] == "education") & (fit["category"] == "low")]
    residents = run.buurten.set_index("code")["residents"]
    return float((low.set_index("buurt")["achieved"] * residents.reindex(low["buurt"]).to_numpy()).sum())


def cost_per_extra_participant(runs: RunSet, comparison: Comparison) -> pd.DataFrame:
    """Per scenario against the reference: the extra yearly cost divided by the extra low-educated residents
    taking part at a time (final-year means). The group participates least, so this prices representation.
    NaN when the scenario does not raise their participation."""
    means = comparison.summary.set_index(["scenario", "outcome"])["mean"]
    reference = comparison.reference
    rows = []
    for run in runs.runs:
        if run.scenario == reference:
            continue
        residents = run.meta["residents"]
        extra_cost = (means[(run.scenario, COST_PER_RESIDENT_YEAR)] - means[(reference, COST_PER_RESIDENT_YEAR)]) * residents
        extra_low = (means[(run.scenario, "participation_low")] - means[(reference, "participation_low")]) \
            * low_educated_residents(run)
        rows.append({"scenario": run.scenario, "reference": reference, "extra_cost_per_year": extra_cost,
                     "extra_low_educated_participants": extra_low,
                     "cost_per_extra_participant": extra_cost / extra_low if extra_low > 0 else float("nan")})
    return pd.DataFrame(rows, columns=["scenario", "reference", "extra_cost_per_year",
                                       "extra_low_educated_participants", "cost_per_extra_participant"])
