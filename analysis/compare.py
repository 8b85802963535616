"""Comparing scenarios: final-year outcomes per replicate, summaries with 95% CIs, differences vs a reference.

The unit of replication is the replicate: each replicate's outcome is its mean over the final year of
recorded ticks (the last 52 ticks, or the whole run when it is shorter), and the spread between replicates
gives the Student-t interval of a scenario. A difference between two scenarios is *paired* when they share
the seed and the replicate count (common random numbers: replicate r of both has the same residents and
random streams): the interval is then the paired t interval of the per-replicate differences, which
removes the variation the two share. Otherwise it is the Welch interval of two independent samples.

A ratio of two rates (the education ratio, a group's representation ratio) is read as the ratio of the
final year's mean rates, not as the mean of the weekly ratios, which small runs overstate (RATIOS_OF_RATES).

Participation leads with the past-year share (residents active at some point in the past 52 weeks), the
measure surveys report; the weekly share (residents active in a given week) is kept beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

import numpy as np
import pandas as pd
from scipy import stats

from analysis.load import AnalysisInputError, RunSet

TICKS_PER_YEAR = 52
CONFIDENCE = 0.95


@dataclass(frozen=True)
class Outcome:
    name: str
    label: str
    metric: str
    column: str | None  # None: the sum over all columns (cost over levers)


OUTCOMES = [
    Outcome("past_year_overall", "past-year participation, all residents 15+ (share active in the past 52 weeks)",
            "participation/past_year", ""),
    Outcome("past_year_low", "past-year participation, low education (share)", "participation/past_year_by_group",
            "education=low"),
    Outcome("past_year_middle", "past-year participation, middle education (share)",
            "participation/past_year_by_group", "education=middle"),
    Outcome("past_year_high", "past-year participation, high education (share)",
            "participation/past_year_by_group", "education=high"),
    Outcome("participation_overall", "weekly participation, all residents 15+ (share active in a week)",
            "participation/overall", ""),
    Outcome("participation_low", "weekly participation, low education (share)", "participation/by_group",
            "education=low"),
    Outcome("participation_middle", "weekly participation, middle education (share)", "participation/by_group",
            "education=middle"),
    Outcome("participation_high", "weekly participation, high education (share)", "participation/by_group",
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
COST_PER_YEAR = "cost_per_year"
OUTCOME_LABELS = {outcome.name: outcome.label for outcome in OUTCOMES}
OUTCOME_LABELS[COST_PER_RESIDENT_YEAR] = "cost per resident per year (euro)"
OUTCOME_LABELS[COST_PER_YEAR] = "cost per year, whole municipality (euro)"
SHARE_OUTCOMES = [outcome.name for outcome in OUTCOMES if outcome.label.endswith("(share)")
                  or "(share active" in outcome.label]


@dataclass
class Comparison:
    values: pd.DataFrame  # scenario, replicate, outcome, value
    summary: pd.DataFrame  # scenario, outcome, label, mean, std, n, ci_low, ci_high, ci_half
    # scenario, reference, outcome, label, difference, ci_low, ci_high, ci_half, df, paired, resolved
    differences: pd.DataFrame
    reference: str


def final_year(series: pd.DataFrame) -> pd.DataFrame:
    """The rows of each scenario's last TICKS_PER_YEAR ticks (all of them for a shorter run)."""
    last_tick = series.groupby("scenario", observed=True, sort=False)["tick"].transform("max")
    return series[series["tick"] > last_tick - TICKS_PER_YEAR]


# Series that count what happened since the previous recorded tick (euro spent): a file recorded every k
# ticks holds k weeks in each value, so their means are taken per week.
SINCE_PREVIOUS_RECORD = ("cost/by_lever", "cost/by_buurt")


def per_week(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows of a since-the-previous-record series with each value divided by the weeks it covers (the gap to the
    scenario's previous recorded tick; the first record is taken to cover as many as the next)."""
    ticks = rows[["scenario", "tick"]].drop_duplicates().sort_values(["scenario", "tick"])
    weeks = ticks.groupby("scenario", observed=True, sort=False)["tick"].diff()
    weeks = weeks.groupby(ticks["scenario"], observed=True, sort=False).bfill().fillna(1.0)
    covered = rows.merge(ticks.assign(weeks=weeks.values), on=["scenario", "tick"], how="left")["weeks"]
    return rows.assign(value=rows["value"].to_numpy() / covered.to_numpy())


@dataclass(frozen=True)
class RatioOfRates:
    """A series the engine records as one rate over another each week, and the two rates it is made of.
    `numerator_column` None: the ratio has the numerator's columns (one ratio per group)."""
    numerator: str
    numerator_column: str | None
    denominator: str
    denominator_column: str


# A mean of weekly ratios overstates the ratio when its denominator counts few residents (a mean of ratios
# is not the ratio of the means, and a week with few low-educated participants gives a large ratio): in a run
# of about 900 residents the education ratio read 13-25 % high. So a period's ratio is read as the ratio of
# the period's mean rates, per replicate. The same recipes are in sim/experiment/summary.cpp.
RATIOS_OF_RATES = {
    "representation/education_ratio": RatioOfRates("participation/by_group", "education=high",
                                                   "participation/by_group", "education=low"),
    # a group's share among participants over its share of the residents = its rate over the overall rate
    "representation/ratio_by_group": RatioOfRates("participation/by_group", None, "participation/overall", ""),
}


def replicate_means(series: pd.DataFrame, metric: str) -> pd.DataFrame:
    """scenario, replicate, column, value: each replicate's final-year mean of one series (NaN ticks skipped),
    per week for the series in SINCE_PREVIOUS_RECORD, and the ratio of the final year's mean rates for the
    series in RATIOS_OF_RATES."""
    if metric in RATIOS_OF_RATES:
        return ratio_of_mean_rates(series, metric)
    rows = final_year(series[series["metric"] == metric])
    if metric in SINCE_PREVIOUS_RECORD:
        rows = per_week(rows)
    means = rows.groupby(["scenario", "replicate", "column"], observed=True, sort=False)["value"].mean()
    return means.reset_index()


def ratio_of_mean_rates(series: pd.DataFrame, metric: str) -> pd.DataFrame:
    """replicate_means of a ratio series, from the final-year means of the rates it is made of (NaN where the
    denominator's rate is 0 or missing all year)."""
    ratio = RATIOS_OF_RATES[metric]
    missing = {ratio.numerator, ratio.denominator} - set(series["metric"].unique())
    if missing:
        raise AnalysisInputError(f"{metric} is read from {' and '.join(sorted(missing))}, which the result "
                                 "files do not hold")
    numerator = replicate_means(series, ratio.numerator)
    if ratio.numerator_column is not None:
        numerator = numerator[numerator["column"] == ratio.numerator_column].assign(column="")
    denominator = replicate_means(series, ratio.denominator)
    denominator = denominator[denominator["column"] == ratio.denominator_column].drop(columns="column")
    both = numerator.merge(denominator, on=["scenario", "replicate"], suffixes=("", "_denominator"))
    rates = both["value_denominator"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where(rates > 0, both["value"].to_numpy(dtype=float) / rates, np.nan)
    return both[["scenario", "replicate", "column"]].assign(value=value)


def replicate_outcomes(series: pd.DataFrame, residents: Mapping[str, int],
                       represented: Mapping[str, float] | None = None) -> pd.DataFrame:
    """scenario, replicate, outcome, value for every key outcome. Simulated residents per scenario turn the cost
    into a cost per resident; `represented` (residents of the real municipality, default the simulated ones)
    turns that into the municipality's cost per year."""
    frames = {outcome.name: _outcome_values(series, outcome) for outcome in OUTCOMES}
    cost = frames[COST_PER_TICK.name]
    scenario = cost["scenario"].astype(str)
    per_resident = cost.assign(
        outcome=COST_PER_RESIDENT_YEAR,
        value=cost["value"] * TICKS_PER_YEAR / scenario.map(residents).astype(float))
    total = per_resident.assign(
        outcome=COST_PER_YEAR, value=per_resident["value"] * scenario.map(represented or residents).astype(float))
    values = pd.concat([*frames.values(), per_resident, total], ignore_index=True)
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


def paired_ci(reference: pd.Series, other: pd.Series) -> dict:
    """Mean of the per-replicate differences other - reference (both indexed by replicate) with its paired t
    interval; replicates missing or NaN on either side are left out."""
    both = pd.concat([reference.rename("reference"), other.rename("other")], axis=1).dropna()
    differences = (both["other"] - both["reference"]).to_numpy(dtype=float)
    n = len(differences)
    difference = differences.mean() if n else np.nan
    if n < 2:
        return _difference_row(difference, np.nan, np.nan)
    standard_error = differences.std(ddof=1) / np.sqrt(n)
    if standard_error == 0:  # the same change in every replicate: the difference is exact
        return _difference_row(difference, 0.0, n - 1)
    return _difference_row(difference, stats.t.ppf(0.5 + CONFIDENCE / 2, n - 1) * standard_error, n - 1)


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


def differences(values: pd.DataFrame, reference: str | None = None, paired: Iterable[str] = ()) -> pd.DataFrame:
    """Each other scenario minus the reference (default: the first scenario), per outcome, with 95% CIs: paired t
    for the scenarios in `paired` (they share seed and replicates with the reference), Welch for the others.
    `resolved` says whether the interval excludes 0, i.e. whether the replicates tell the two apart."""
    scenarios = scenario_order(values)
    reference = resolve_reference(scenarios, reference)
    paired = set(paired)
    by_scenario = {name: rows for name, rows in values.groupby("scenario", observed=True, sort=False)}
    baseline = by_scenario[reference].groupby("outcome", observed=True, sort=True)
    rows = []
    for scenario in scenarios:
        if scenario == reference:
            continue
        other = by_scenario[scenario]
        for outcome, reference_rows in baseline:
            other_rows = other[other["outcome"] == outcome]
            if scenario in paired:
                interval = paired_ci(reference_rows.set_index("replicate")["value"],
                                     other_rows.set_index("replicate")["value"])
            else:
                interval = welch_ci(reference_rows["value"], other_rows["value"])
            rows.append({"scenario": scenario, "reference": reference, "outcome": outcome, **interval,
                         "paired": scenario in paired, "resolved": is_resolved(interval)})
    return pd.DataFrame(rows, columns=["scenario", "reference", "outcome", "difference", "ci_low", "ci_high",
                                       "ci_half", "df", "paired", "resolved"])


def is_resolved(interval: Mapping[str, float]) -> bool:
    """True when a 95% interval of a difference excludes 0 (an exact non-zero difference counts as resolved)."""
    low, high = interval["ci_low"], interval["ci_high"]
    return bool(np.isfinite(low) and np.isfinite(high) and (low > 0 or high < 0))


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
    represented = {run.scenario: represented_residents(run.meta) for run in runs.runs}
    values = replicate_outcomes(runs.series, residents, represented)
    paired = paired_with(runs, reference)
    return Comparison(values=values, summary=with_labels(summarise(values)),
                      differences=with_labels(differences(values, reference, paired)), reference=reference)


def paired_with(runs: RunSet, reference: str) -> list[str]:
    """The scenarios that share seed and replicate count with the reference: their replicates pair up."""
    base = runs.metas[reference]
    return [run.scenario for run in runs.runs if run.scenario != reference
            and run.meta["seed"] == base["seed"] and run.meta["replicates"] == base["replicates"]]


def population_scale(meta: Mapping) -> float:
    """The share of the real population a run simulates: municipality.cbs.scale of a CBS scenario, else 1."""
    municipality = meta.get("scenario", {}).get("municipality", {})
    cbs = municipality.get("cbs") if isinstance(municipality, dict) else None
    scale = cbs.get("scale", 1.0) if isinstance(cbs, dict) else 1.0
    return float(scale) if isinstance(scale, (int, float)) and scale > 0 else 1.0


def represented_residents(meta: Mapping) -> float:
    """Residents (15+) of the place the run stands for: the simulated residents over the population scale."""
    return meta["residents"] / population_scale(meta)

