"""Figures comparing scenarios, built from the tidy DataFrames of analysis.load and analysis.compare.

Each function takes DataFrames and returns a matplotlib Figure (created without pyplot, so no global state
and no display is needed; saving renders through Agg). A scenario keeps one colour across all figures.
"""

from __future__ import annotations

from itertools import cycle

import numpy as np
import pandas as pd
from matplotlib import colormaps
from matplotlib.cm import ScalarMappable
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from scipy import stats

from analysis.compare import (CONFIDENCE, COST_PER_RESIDENT_YEAR, OUTCOME_LABELS, replicate_means,
                              scenario_order, summarise)

# (series path, column or "" for a scalar series, panel title, y-axis label)
ACTIVITY_PANELS = [
    ("participation/overall", "", "Participation", "share of residents 15+ active"),
    ("trust/mean", "", "Trust in local government", "mean trust (0-1)"),
    ("liveability/vulnerability_gap", "", "Liveability gap", "least minus most vulnerable fifth"),
    ("initiatives/active", "", "Initiatives", "active initiatives"),
]
INEQUALITY_PANELS = [
    ("liveability/gini", "", "Liveability inequality", "Gini across buurten"),
    ("liveability/vulnerability_gap", "", "Liveability gap", "least minus most vulnerable fifth"),
    ("representation/dissimilarity", "education", "Who takes part", "dissimilarity by education (0-1)"),
    ("representation/education_ratio", "", "Diploma democracy", "participation rate high / low education"),
]
BUURT_MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]
VULNERABILITY_COLOURS = "viridis_r"
GROUP_DIMENSION_LABELS = {"age_group": "age", "migration_background": "migration", "low_income": "low income"}


def scenario_colours(scenarios: list[str]) -> dict[str, tuple]:
    palette = colormaps["tab10"]
    return {name: palette(index % 10) for index, name in enumerate(scenarios)}


def tick_bands(rows: pd.DataFrame) -> pd.DataFrame:
    """scenario, tick, mean, low, high: the mean over replicates per tick with its Student-t 95% band."""
    grouped = rows.groupby(["scenario", "tick"], observed=True, sort=True)["value"]
    bands = grouped.agg(["mean", "std", "count"]).reset_index()
    quantile = stats.t.ppf(0.5 + CONFIDENCE / 2, np.maximum(bands["count"] - 1, 1))
    half = np.where(bands["count"] > 1, quantile * bands["std"] / np.sqrt(bands["count"]), np.nan)
    return bands.assign(low=bands["mean"] - half, high=bands["mean"] + half)


def time_series(series: pd.DataFrame, panels=ACTIVITY_PANELS) -> Figure:
    """One panel per (series, column): a line per scenario with its 95% band over replicates."""
    colours = scenario_colours(scenario_order(series))
    figure = Figure(figsize=(11, 3.6 * ((len(panels) + 1) // 2)), layout="constrained")
    axes = figure.subplots((len(panels) + 1) // 2, 2, squeeze=False).ravel()
    for ax, (metric, column, title, ylabel) in zip(axes, panels):
        rows = series[(series["metric"] == metric) & (series["column"] == column)]
        for scenario, band in tick_bands(rows).groupby("scenario", observed=True, sort=False):
            ax.plot(band["tick"], band["mean"], color=colours[scenario], label=scenario)
            ax.fill_between(band["tick"], band["low"], band["high"], color=colours[scenario], alpha=0.2,
                            linewidth=0)
        ax.set(title=title, xlabel="week", ylabel=ylabel)
        ax.grid(alpha=0.3)
    for ax in axes[len(panels):]:
        ax.set_visible(False)
    axes[0].legend(title="scenario", fontsize="small")
    return figure


def inequality_over_time(series: pd.DataFrame) -> Figure:
    return time_series(series, INEQUALITY_PANELS)


def group_bars(series: pd.DataFrame, metric: str, ylabel: str, parity: float | None = None) -> Figure:
    """Final-year value per group (bars per scenario, 95% CI whiskers); `parity` draws a reference line."""
    groups = list(pd.unique(series.loc[series["metric"] == metric, "column"]))
    summary = summarise(replicate_means(series, metric), by=["column"])
    scenarios = scenario_order(series)
    colours = scenario_colours(scenarios)
    width = 0.8 / len(scenarios)
    figure = Figure(figsize=(12, 4.8), layout="constrained")
    ax = figure.subplots()
    positions = np.arange(len(groups))
    for index, scenario in enumerate(scenarios):
        rows = summary[summary["scenario"] == scenario].set_index("column").reindex(groups)
        ax.bar(positions + (index - (len(scenarios) - 1) / 2) * width, rows["mean"], width,
               yerr=rows["ci_half"].fillna(0), capsize=2, color=colours[scenario], label=scenario)
    if parity is not None:
        ax.axhline(parity, color="black", linestyle="--", linewidth=1)
    for boundary in _dimension_boundaries(groups):
        ax.axvline(boundary, color="grey", linewidth=0.8)
    ax.set_xticks(positions, [_group_label(group) for group in groups], fontsize="small")
    ax.set_ylabel(ylabel)
    ax.grid(axis="y", alpha=0.3)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=min(len(scenarios), 6), frameon=False)
    return figure


def _group_label(group: str) -> str:
    """"migration_background=non_western" -> "migration\nnon western": short enough to sit under a bar group."""
    dimension, _, value = group.partition("=")
    return f"{GROUP_DIMENSION_LABELS.get(dimension, dimension)}\n{value.replace('_', ' ')}"


def _dimension_boundaries(groups: list[str]) -> list[float]:
    dimensions = [group.partition("=")[0] for group in groups]
    return [index - 0.5 for index in range(1, len(groups)) if dimensions[index] != dimensions[index - 1]]


def participation_by_group(series: pd.DataFrame) -> Figure:
    return group_bars(series, "participation/by_group", "final-year participation rate")


def representation_by_group(series: pd.DataFrame) -> Figure:
    return group_bars(series, "representation/ratio_by_group", "representation ratio (1 = parity)", parity=1.0)


def trust_by_group(series: pd.DataFrame) -> Figure:
    return group_bars(series, "trust/by_group", "final-year mean trust in local government (0-1)")


def liveability_start_end(series: pd.DataFrame, buurten: pd.DataFrame) -> Figure:
    """Per scenario, each buurt's starting liveability against its final-year mean over replicates."""
    end = (replicate_means(series, "liveability/by_buurt")
           .groupby(["scenario", "column"], observed=True, sort=False)["value"].mean()
           .rename("end").reset_index().rename(columns={"column": "code"}))
    end["scenario"] = end["scenario"].astype(str)
    points = end.merge(buurten.assign(scenario=buurten["scenario"].astype(str)), on=["scenario", "code"])
    scenarios = scenario_order(series)
    markers = dict(zip(sorted(points["type"].unique()), cycle(BUURT_MARKERS)))
    figure = Figure(figsize=(4.2 * len(scenarios) + 1, 4.4), layout="constrained")
    axes = figure.subplots(1, len(scenarios), squeeze=False, sharex=True, sharey=True).ravel()
    limits = _shared_limits(points[["liveability_start", "end"]].to_numpy())
    for ax, scenario in zip(axes, scenarios):
        of_scenario = points[points["scenario"] == scenario]
        for kind, rows in of_scenario.groupby("type"):
            ax.scatter(rows["liveability_start"], rows["end"], c=rows["vulnerability"], cmap=VULNERABILITY_COLOURS,
                       norm=Normalize(0, 1), marker=markers[kind], edgecolors="black", linewidths=0.4, label=kind)
        ax.plot(limits, limits, color="grey", linestyle="--", linewidth=1)
        ax.set(title=scenario, xlabel="liveability at start", xlim=limits, ylim=limits)
        ax.grid(alpha=0.3)
    axes[0].set_ylabel("liveability, final year")
    axes[0].legend(title="buurt type", fontsize="small")
    figure.colorbar(ScalarMappable(Normalize(0, 1), VULNERABILITY_COLOURS), ax=axes.tolist(),
                    label="vulnerability (0 vital, 1 most vulnerable)")
    return figure


def _shared_limits(values: np.ndarray) -> tuple[float, float]:
    low, high = np.nanmin(values), np.nanmax(values)
    margin = 0.05 * max(high - low, 0.01)
    return (low - margin, high + margin)


def cost_vs_representation(differences: pd.DataFrame, reference: str) -> Figure:
    """Extra cost per resident per year against the gain in representation of the low educated, vs reference."""
    x = differences[differences["outcome"] == COST_PER_RESIDENT_YEAR].set_index("scenario")
    y = differences[differences["outcome"] == "representation_low"].set_index("scenario")
    scenarios = [reference] + list(x.index)
    colours = scenario_colours(scenarios)
    figure = Figure(figsize=(7.5, 5.5), layout="constrained")
    ax = figure.subplots()
    ax.scatter([0], [0], color=colours[reference], s=60, zorder=3)
    ax.annotate(f"{reference} (reference)", (0, 0), textcoords="offset points", xytext=(6, 6))
    for scenario in x.index:
        ax.errorbar(x.at[scenario, "difference"], y.at[scenario, "difference"],
                    xerr=x.at[scenario, "ci_half"], yerr=y.at[scenario, "ci_half"], fmt="o", capsize=3,
                    color=colours[scenario], markersize=7)
        ax.annotate(scenario, (x.at[scenario, "difference"], y.at[scenario, "difference"]),
                    textcoords="offset points", xytext=(6, 6))
    ax.axhline(0, color="grey", linewidth=0.8)
    ax.axvline(0, color="grey", linewidth=0.8)
    ax.margins(0.2)  # room for the scenario names next to the outermost points
    ax.set(xlabel=f"extra {OUTCOME_LABELS[COST_PER_RESIDENT_YEAR]} vs {reference}",
           ylabel=f"gain in {OUTCOME_LABELS['representation_low']}")
    ax.grid(alpha=0.3)
    return figure
