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

from analysis.compare import CONFIDENCE, RATIOS_OF_RATES, replicate_means, scenario_order, summarise

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


def ratio_bands(series: pd.DataFrame, metric: str, column: str) -> pd.DataFrame:
    """tick_bands of a ratio series (RATIOS_OF_RATES) from the rates it is made of: per tick, the ratio of the
    replicates' mean rates (a mean of their weekly ratios overstates it when few take part), with the ratio
    estimator's 95% band, t * sd(numerator - ratio * denominator) / (sqrt(n) * mean denominator)."""
    ratio = RATIOS_OF_RATES[metric]

    def rates(name: str, rate_column: str) -> pd.Series:
        rows = series[(series["metric"] == name) & (series["column"] == rate_column)]
        return rows.set_index(["scenario", "tick", "replicate"])["value"]

    both = pd.concat({"top": rates(ratio.numerator, ratio.numerator_column or column),
                      "bottom": rates(ratio.denominator, ratio.denominator_column)}, axis=1).dropna()
    ticks = both.groupby(level=["scenario", "tick"], observed=True, sort=True)
    means, count = ticks.mean(), ticks.size()
    value = (means["top"] / means["bottom"]).where(means["bottom"] > 0)
    per_row = value.reindex(both.index.droplevel("replicate")).to_numpy()
    spread = (both["top"] - per_row * both["bottom"]).groupby(level=["scenario", "tick"], observed=True,
                                                             sort=True).std(ddof=1)
    quantile = stats.t.ppf(0.5 + CONFIDENCE / 2, np.maximum(count - 1, 1))
    half = np.where(count > 1, quantile * spread / (np.sqrt(count) * means["bottom"]), np.nan)
    return pd.DataFrame({"mean": value, "low": value - half, "high": value + half}).reset_index()


def panel_bands(series: pd.DataFrame, metric: str, column: str) -> pd.DataFrame:
    """The line and band of one time-series panel (ratio_bands for a ratio series, else tick_bands), from the first
    tick on which the series is defined in every replicate."""
    rows = defined_from(series[(series["metric"] == metric) & (series["column"] == column)])
    if metric not in RATIOS_OF_RATES:
        return tick_bands(rows)
    bands = ratio_bands(series, metric, column)
    return bands[bands["tick"] >= rows["tick"].min()] if len(rows) else bands


def time_series(series: pd.DataFrame, panels=ACTIVITY_PANELS) -> Figure:
    """One panel per (series, column): a line per scenario with its 95% band over replicates."""
    colours = scenario_colours(scenario_order(series))
    figure = Figure(figsize=(11, 3.6 * ((len(panels) + 1) // 2)), layout="constrained")
    axes = figure.subplots((len(panels) + 1) // 2, 2, squeeze=False).ravel()
    for ax, (metric, column, title, ylabel) in zip(axes, panels):
        for scenario, band in panel_bands(series, metric, column).groupby("scenario", observed=True, sort=False):
            ax.plot(band["tick"], band["mean"], color=colours[scenario], label=scenario)
            ax.fill_between(band["tick"], band["low"], band["high"], color=colours[scenario], alpha=0.2,
                            linewidth=0)
        ax.set(title=title, xlabel="week", ylabel=ylabel)
        ax.grid(alpha=0.3)
    for ax in axes[len(panels):]:
        ax.set_visible(False)
    axes[0].legend(title="scenario", fontsize="small")
    return figure


def defined_from(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows from the first tick on which the series is defined (finite) in every replicate of every scenario:
    a ratio is undefined until both groups take part, so a panel starts where it means something."""
    finite = rows.groupby("tick", sort=True)["value"].apply(lambda values: bool(np.isfinite(values).all()))
    defined = finite.index[finite.to_numpy()]
    return rows if len(defined) == 0 else rows[rows["tick"] >= defined.min()]


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
        for kind, rows in of_scenario.groupby("type", observed=True):
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


# (decision outcome, y-axis label, scale of the y values) of the cost-against-effect figure
EFFECT_PANELS = [
    ("vulnerability_gap", "change in liveability gap, vital minus vulnerable\n(below 0: the gap narrows)", 1.0),
    ("past_year_low", "change in past-year participation, low education\n(percentage points)", 100.0),
]


def cost_against_effect(summary: dict) -> Figure:
    """Each alternative a point: its change in cost per year for the municipality (x) against its change in the
    liveability gap and in past-year participation of the low educated (y, one panel each), with the 95%
    intervals of both changes as whiskers. The reference sits at the origin. From analysis.decision."""
    alternatives = summary["alternatives"]
    colours = scenario_colours([alternative["name"] for alternative in alternatives])
    figure = Figure(figsize=(12, 5.2), layout="constrained")
    axes = figure.subplots(1, len(EFFECT_PANELS), squeeze=False).ravel()
    for ax, (outcome, ylabel, scale) in zip(axes, EFFECT_PANELS):
        for alternative in alternatives:
            name = alternative["name"]
            if alternative["is_reference"]:
                ax.scatter([0], [0], color=colours[name], s=70, marker="s", zorder=3)
                ax.annotate(f"{name} (reference)", (0, 0), textcoords="offset points", xytext=(6, -14))
                continue
            cost, effect = (alternative["outcomes"][key] for key in ("cost_per_year", outcome))
            x, y = cost.get("change", np.nan) / 1000, effect.get("change", np.nan) * scale
            ax.errorbar(x, y, xerr=_arms(cost, x, 1 / 1000), yerr=_arms(effect, y, scale), fmt="o", capsize=3,
                        color=colours[name], markersize=8)
            ax.annotate(name, (x, y), textcoords="offset points", xytext=(7, 7), fontweight="bold")
        ax.axhline(0, color="grey", linewidth=0.8)
        ax.axvline(0, color="grey", linewidth=0.8)
        ax.margins(0.2)  # room for the names next to the outermost points
        ax.set(xlabel=f"change in cost per year, whole municipality (thousand euro) vs {summary['reference']}",
               ylabel=ylabel)
        ax.grid(alpha=0.3)
    return figure


def _arms(cell: dict, centre: float, scale: float) -> np.ndarray:
    """Whisker lengths [[below], [above]] of a change's interval (0 where there is no interval)."""
    low, high = cell.get("change_ci_low"), cell.get("change_ci_high")
    if low is None or high is None or not np.isfinite(low) or not np.isfinite(high):
        return np.zeros((2, 1))
    return np.array([[max(centre - low * scale, 0)], [max(high * scale - centre, 0)]])


# Experiment files (analysis.experiment): named scenarios with replicate intervals, and designs over parameters.

def _panel_grid(count: int, columns: int, panel_size: tuple[float, float]) -> tuple[Figure, np.ndarray]:
    """A constrained figure with `count` panels in rows of `columns`; spare panels are hidden."""
    columns = max(1, min(columns, count))
    rows = -(-count // columns)
    figure = Figure(figsize=(panel_size[0] * columns, panel_size[1] * rows), layout="constrained")
    axes = figure.subplots(rows, columns, squeeze=False).ravel()
    for ax in axes[count:]:
        ax.set_visible(False)
    return figure, axes[:count]


def short_names(paths: list[str]) -> dict[str, str]:
    """"government.levers.invitation_reach" -> "invitation_reach", unless two parameters would share a name."""
    last = [path.rsplit(".", 1)[-1] for path in paths]
    return {path: short if last.count(short) == 1 else path for path, short in zip(paths, last)}


def _wrapped(label: str, width: int = 34) -> str:
    """A long outcome label broken over lines at spaces, so panel titles stay inside their panel."""
    lines, line = [], ""
    for word in label.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join(lines + [line])


def scenario_outcome_bars(summary: pd.DataFrame, education_outcomes: list[str], outcomes: list[str],
                          labels: dict[str, str]) -> Figure:
    """Named scenarios: participation by education (grouped bars) and one panel per other outcome, each bar a
    scenario's mean over replicates with its 95% CI.

    summary: scenario, outcome, mean, ci_half (analysis.experiment.compare_scenarios).
    """
    scenarios = scenario_order(summary)
    colours = scenario_colours(scenarios)
    indexed = summary.assign(scenario=summary["scenario"].astype(str)).set_index(["scenario", "outcome"])
    panels = (1 if education_outcomes else 0) + len(outcomes)
    figure, axes = _panel_grid(panels, 3, (4.4, 3.8))
    axes = list(axes)
    if education_outcomes:
        ax = axes.pop(0)
        positions = np.arange(len(education_outcomes))
        width = 0.8 / len(scenarios)
        for index, scenario in enumerate(scenarios):
            means, halves = _cells(indexed, [(scenario, outcome) for outcome in education_outcomes])
            ax.bar(positions + (index - (len(scenarios) - 1) / 2) * width, means, width, yerr=halves, capsize=2,
                   color=colours[scenario], label=scenario)
        ax.set_xticks(positions, [name.rpartition("=")[2] for name in education_outcomes])
        ax.set(title="Participation by education", xlabel="education", ylabel="share of residents 15+ active")
        ax.legend(title="scenario", fontsize="small")
        ax.grid(axis="y", alpha=0.3)
    for ax, outcome in zip(axes, outcomes):
        means, halves = _cells(indexed, [(scenario, outcome) for scenario in scenarios])
        ax.bar(np.arange(len(scenarios)), means, yerr=halves, capsize=3,
               color=[colours[name] for name in scenarios])
        if outcome.startswith("representation/ratio_by_group"):
            ax.axhline(1.0, color="black", linestyle="--", linewidth=1)
        ax.set_xticks(np.arange(len(scenarios)), scenarios, rotation=30, ha="right", fontsize="small")
        ax.set_title(_wrapped(labels.get(outcome, outcome)), fontsize="medium")
        ax.grid(axis="y", alpha=0.3)
    return figure


def _cells(indexed: pd.DataFrame, keys: list[tuple[str, str]]) -> tuple[np.ndarray, np.ndarray]:
    """Means and CI half-widths (0 where unknown) of (scenario, outcome) keys of a summary indexed by both."""
    rows = indexed.reindex(keys)
    return rows["mean"].to_numpy(dtype=float), rows["ci_half"].fillna(0).to_numpy(dtype=float)


def scenario_differences(differences: pd.DataFrame, outcomes: list[str], labels: dict[str, str]) -> Figure:
    """One panel per outcome: each scenario minus the reference with its 95% Welch interval, around 0."""
    scenarios = scenario_order(differences)
    reference = str(differences["reference"].iloc[0])
    colours = scenario_colours([reference] + scenarios)
    figure, axes = _panel_grid(len(outcomes), 3, (4.4, 0.9 + 0.45 * len(scenarios)))
    for ax, outcome in zip(axes, outcomes):
        rows = (differences[differences["outcome"] == outcome].assign(scenario=lambda t: t["scenario"].astype(str))
                .set_index("scenario").reindex(scenarios))
        positions = np.arange(len(scenarios))[::-1]
        for position, scenario in zip(positions, scenarios):
            ax.errorbar(rows.at[scenario, "difference"], position, xerr=np.nan_to_num(rows.at[scenario, "ci_half"]),
                        fmt="o", capsize=3, color=colours[scenario])
        ax.axvline(0, color="black", linewidth=1)
        ax.set_yticks(positions, scenarios, fontsize="small")
        ax.set_title(_wrapped(labels.get(outcome, outcome)), fontsize="medium")
        ax.grid(axis="x", alpha=0.3)
    figure.supxlabel(f"difference from {reference}")
    return figure


def cost_against_representation(summary: pd.DataFrame, cost: str, representation: str,
                                labels: dict[str, str]) -> Figure:
    """Each scenario's cost per resident per year (x) against the representation ratio of the low educated (y),
    both with 95% CIs over replicates; the dashed line is parity."""
    scenarios = scenario_order(summary)
    colours = scenario_colours(scenarios)
    indexed = summary.assign(scenario=summary["scenario"].astype(str)).set_index(["scenario", "outcome"])
    x_means, x_halves = _cells(indexed, [(scenario, cost) for scenario in scenarios])
    y_means, y_halves = _cells(indexed, [(scenario, representation) for scenario in scenarios])
    figure = Figure(figsize=(7.5, 5.5), layout="constrained")
    ax = figure.subplots()
    for scenario, x, x_half, y, y_half in zip(scenarios, x_means, x_halves, y_means, y_halves):
        ax.errorbar(x, y, xerr=x_half, yerr=y_half, fmt="o", capsize=3, markersize=7, color=colours[scenario])
        ax.annotate(scenario, (x, y), textcoords="offset points", xytext=(6, 6))
    ax.axhline(1.0, color="black", linestyle="--", linewidth=1)
    ax.margins(0.2)  # room for the scenario names next to the outermost points
    ax.set(xlabel=labels.get(cost, cost), ylabel=labels.get(representation, representation))
    ax.grid(alpha=0.3)
    return figure


def sobol_bars(indices: pd.DataFrame, outcomes: list[str], labels: dict[str, str]) -> Figure:
    """One panel per outcome: first-order (S1) and total (ST) Sobol index per parameter with bootstrap 95% CIs."""
    parameters = list(pd.unique(indices["parameter"]))
    names = short_names(parameters)
    figure, axes = _panel_grid(len(outcomes), 3, (max(4.4, 0.9 * len(parameters) + 1.5), 4.0))
    positions = np.arange(len(parameters))
    for ax, outcome in zip(axes, outcomes):
        rows = indices[indices["outcome"] == outcome].set_index("parameter").reindex(parameters)
        for offset, index, colour in ((-0.2, "S1", "#4c72b0"), (0.2, "ST", "#dd8452")):
            ax.bar(positions + offset, rows[index], 0.4, yerr=_interval_arms(rows, index), capsize=2,
                   color=colour, label={"S1": "first order S1", "ST": "total ST"}[index])
        ax.axhline(0, color="black", linewidth=0.8)
        ax.set_xticks(positions, [names[name] for name in parameters], rotation=30, ha="right", fontsize="small")
        ax.set_title(_wrapped(labels.get(outcome, outcome)), fontsize="medium")
        ax.grid(axis="y", alpha=0.3)
    axes[0].legend(fontsize="small")
    return figure


def _interval_arms(rows: pd.DataFrame, index: str) -> np.ndarray:
    """Error-bar arms from a percentile interval, which need not contain the point estimate: clipped at 0."""
    low = np.clip(rows[index] - rows[f"{index}_low"], 0, None).fillna(0)
    high = np.clip(rows[f"{index}_high"] - rows[index], 0, None).fillna(0)
    return np.vstack([low.to_numpy(dtype=float), high.to_numpy(dtype=float)])


def morris_scatter(indices: pd.DataFrame, outcomes: list[str], labels: dict[str, str]) -> Figure:
    """One panel per outcome: each parameter's mu* (importance) against sigma (non-linearity, interactions)."""
    parameters = list(pd.unique(indices["parameter"]))
    names = short_names(parameters)
    colours = scenario_colours(parameters)
    figure, axes = _panel_grid(len(outcomes), 3, (4.4, 4.0))
    for ax, outcome in zip(axes, outcomes):
        rows = indices[indices["outcome"] == outcome]
        for row in rows.itertuples():
            ax.scatter(row.mu_star, row.sigma, color=colours[row.parameter], s=40, zorder=3)
            ax.annotate(names[row.parameter], (row.mu_star, row.sigma), textcoords="offset points", xytext=(4, 4),
                        fontsize="small")
        ax.set(xlabel="mu* (mean |effect| per full range)", ylabel="sigma (spread of effects)")
        ax.set_title(_wrapped(labels.get(outcome, outcome)), fontsize="medium")
        ax.margins(0.25)
        ax.set_xlim(left=0)  # from the origin, so "near 0" (a parameter that can be fixed) is visible
        ax.set_ylim(bottom=0)
        ax.grid(alpha=0.3)
    return figure


def parameter_scatter(run_means: pd.DataFrame, parameters: pd.DataFrame, outcomes: list[str],
                      labels: dict[str, str]) -> Figure:
    """A grid: one row per outcome, one column per parameter; each dot is a run's mean over replicates.

    run_means: run, outcome, value and a column per parameter path (ExperimentData.run_means()).
    A parameter with choices is drawn at its choice's position, labelled with the choice.
    """
    paths = list(parameters["path"])
    names = short_names(paths)
    figure = Figure(figsize=(min(2.9 * len(paths) + 1.2, 17), 2.5 * len(outcomes) + 0.8), layout="constrained")
    axes = figure.subplots(len(outcomes), len(paths), squeeze=False, sharex="col", sharey="row")
    for row_index, outcome in enumerate(outcomes):
        rows = run_means[run_means["outcome"] == outcome]
        for column_index, parameter in enumerate(parameters.itertuples()):
            ax = axes[row_index, column_index]
            if parameter.choices is not None:
                x = rows[parameter.path].map(lambda value: parameter.choices.index(value))
                ax.set_xticks(range(len(parameter.choices)), [str(choice) for choice in parameter.choices])
                ax.set_xlim(-0.5, len(parameter.choices) - 0.5)
            else:
                x = rows[parameter.path]
            ax.scatter(x, rows["value"], s=14, alpha=0.7, color="#4c72b0")
            ax.grid(alpha=0.3)
            if row_index == len(outcomes) - 1:
                ax.set_xlabel(names[parameter.path])
            if column_index == 0:
                ax.set_ylabel(_wrapped(labels.get(outcome, outcome), 22), fontsize="small")
    return figure
