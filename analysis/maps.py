"""Maps: final-year outcomes per buurt drawn on buurt boundaries, or per gemeente on the gemeente boundaries.

Per buurt: a boundaries file the user downloads for their gemeente (CBS "Wijk- en buurtkaart", GeoJSON or
GeoPackage via PDOK; docs/data.md), joined on the CBS buurt code (or wijk code, when wijken are the units).
Per gemeente (national and multi-gemeente runs): the buurten of a gemeente are pooled (their residents,
participants and euros added up; the liveability gap taken between them) and drawn on the 2024 gemeente
boundaries in ../shared/data/geo (CC BY 4.0, CBS/Kadaster), read from there and never copied. One figure per
outcome in MAP_OUTCOMES (from the per-buurt series of the result file): the reference's final-year level and
each alternative's change against it; every area is labelled by name.
geopandas and matplotlib come from Debian.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Callable
from pathlib import Path

import geopandas
import numpy as np
import pandas as pd
from matplotlib.colors import Normalize, TwoSlopeNorm
from matplotlib.figure import Figure

from analysis.compare import TICKS_PER_YEAR, replicate_means
from analysis.load import AnalysisInputError, RunSet

# Column names the CBS and PDOK files use for codes and names, newest first.
CODE_COLUMNS = ("buurtcode", "wijkcode", "statcode", "BU_CODE", "WK_CODE", "gemeentecode", "GM_CODE", "code")
NAME_COLUMNS = ("buurtnaam", "wijknaam", "statnaam", "BU_NAAM", "WK_NAAM", "gemeentenaam", "GM_NAAM", "name")
GEMEENTEN_FILE = Path(__file__).resolve().parents[2] / "shared" / "data" / "geo" / "nl_2024_gemeenten.geojson"
RD_NEW = "EPSG:28992"  # the Dutch national grid: metres, true shapes
LABEL_ALL_UP_TO = 60  # more areas than this: only the strongest changes are labelled
LABELLED_EXTREMES = 12


@dataclass(frozen=True)
class MapOutcome:
    """An outcome per area from per-buurt series. Each buurt gives additive `parts` (sums over its residents)
    and an area's value is `finish` of its buurten's summed parts, so a gemeente is its buurten pooled, not an
    average of their ratios. An outcome defined only between buurten (a gap) has `across` instead."""
    series: tuple[str, ...]  # the per-buurt series it needs (columns along tables/buurten)
    label: str  # what the colour shows, with its unit
    title: str  # the report's heading for the maps of this outcome
    parts: Callable[[pd.DataFrame], pd.DataFrame] | None = None
    finish: Callable[[pd.DataFrame], pd.Series] | None = None
    across: Callable[[pd.DataFrame], float] | None = None  # an area's value from its buurten's rows

    @property
    def per_buurt(self) -> bool:
        return self.across is None


def _resident_mean(series: str, label: str, title: str) -> MapOutcome:
    return MapOutcome((series,), label, title,
                      parts=lambda b: pd.DataFrame({"sum": b[series] * b["residents"], "residents": b["residents"]}),
                      finish=lambda a: a["sum"] / a["residents"])


LIVEABILITY = "liveability/by_buurt"
PAST_YEAR = "participation/past_year_by_buurt"
LOW_PAST_YEAR = "participation/past_year_low_educated_by_buurt"
COST = "cost/by_buurt"


def _representation_parts(b: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"low_active": b[LOW_PAST_YEAR] * b["low_educated"], "low": b["low_educated"],
                         "active": b[PAST_YEAR] * b["residents"], "residents": b["residents"]})


def _representation(a: pd.DataFrame) -> pd.Series:
    """Past-year participation of the low educated over that of everyone: their share among participants
    over their share among residents (as representation/ratio_by_group)."""
    return (a["low_active"] / a["low"]) / (a["active"] / a["residents"])


def vulnerability_gap(buurten: pd.DataFrame) -> float:
    """Resident-weighted liveability of the least vulnerable fifth of the buurten minus the most vulnerable
    fifth (at least one buurt each; NaN below two buurten), as the engine's liveability/vulnerability_gap."""
    if len(buurten) < 2:
        return np.nan
    ordered = buurten.sort_values("vulnerability", kind="stable")
    fifth = max(1, len(ordered) // 5)

    def mean(rows: pd.DataFrame) -> float:
        return float((rows[LIVEABILITY] * rows["residents"]).sum() / rows["residents"].sum())

    return mean(ordered.head(fifth)) - mean(ordered.tail(fifth))


# The maps, in the order the report shows them; the first is the one the studio draws.
MAP_OUTCOMES = [
    _resident_mean(LIVEABILITY, "liveability, final year (0-1)", "liveability"),
    _resident_mean(PAST_YEAR, "past-year participation, final year (share of residents 15+)",
                   "past-year participation"),
    MapOutcome((PAST_YEAR, LOW_PAST_YEAR), "representation of the low educated, final year (1 = parity)",
               "representation of the low educated", parts=_representation_parts, finish=_representation),
    _resident_mean("trust/by_buurt", "trust in local government, final year (0-1)", "trust in local government"),
    MapOutcome((COST,), "cost per resident per year, final year (euro)", "cost per resident",
               parts=lambda b: pd.DataFrame({"euro": b[COST] * TICKS_PER_YEAR, "residents": b["residents"]}),
               finish=lambda a: a["euro"] / a["residents"]),
    MapOutcome((LIVEABILITY,), "liveability gap, least minus most vulnerable fifth of its buurten",
               "liveability gap between vulnerable and vital buurten", across=vulnerability_gap),
]


def gemeenten_file() -> Path:
    """The gemeente boundaries: WIJKSIM_GEMEENTEN if set, else ../shared/data/geo next to the repository."""
    return Path(os.environ.get("WIJKSIM_GEMEENTEN", GEMEENTEN_FILE))


def boundaries_named_by(runs: RunSet) -> Path | None:
    """The boundaries file a run's scenario names (municipality.cbs.boundaries), if it exists here."""
    for run in runs.runs:
        cbs = run.meta["scenario"].get("municipality", {}).get("cbs") or {}
        named = cbs.get("boundaries") if isinstance(cbs, dict) else None
        if named and Path(named).is_file():
            return Path(named)
    return None


def gemeente_of(codes: pd.Series) -> pd.Series:
    """The gemeente code inside a CBS code: "BU05180170" and "WK051801" -> "GM0518"; "" for other codes."""
    codes = codes.astype(str)
    cbs = codes.str.match(r"^(BU|WK|GM)\d{4}")
    return ("GM" + codes.str[2:6]).where(cbs, "")


def buurt_table(runs: RunSet, series: tuple[str, ...]) -> pd.DataFrame:
    """One row per scenario and buurt: the tables/buurten columns (gemeente from the code where the table has
    none) and, per series, its final-year mean over replicates."""
    buurten = runs.buurten.assign(scenario=runs.buurten["scenario"].astype(str),
                                  code=runs.buurten["code"].astype(str))
    if "gemeente" not in buurten or (buurten["gemeente"].astype(str) == "").all():
        buurten = buurten.assign(gemeente=gemeente_of(buurten["code"]))
    buurten = buurten.assign(gemeente=buurten["gemeente"].astype(str))
    for name in series:
        means = (replicate_means(runs.series, name)
                 .groupby(["scenario", "column"], observed=True, sort=False)["value"].mean()
                 .rename(name).reset_index().rename(columns={"column": "code"}))
        means["scenario"] = means["scenario"].astype(str)
        buurten = buurten.merge(means, on=["scenario", "code"])
    return buurten


def _with_change(values: pd.DataFrame, reference: str) -> pd.DataFrame:
    baseline = values[values["scenario"] == reference].set_index("code")["value"]
    return values.assign(change=values["value"] - values["code"].map(baseline))


def buurt_outcomes(runs: RunSet, reference: str, outcome: MapOutcome = MAP_OUTCOMES[0]) -> pd.DataFrame:
    """scenario, code, name, gemeente, residents, value (the outcome per buurt, liveability by default) and
    change (value minus the reference's value for the same buurt)."""
    if not outcome.per_buurt:
        raise ValueError(f"{outcome.title} is defined between buurten, not per buurt")
    buurten = buurt_table(runs, outcome.series)
    values = buurten[["scenario", "code", "name", "gemeente", "residents"]].assign(
        value=outcome.finish(outcome.parts(buurten)).to_numpy())
    return _with_change(values, reference)


def gemeente_outcomes(runs: RunSet, reference: str, outcome: MapOutcome = MAP_OUTCOMES[0]) -> pd.DataFrame:
    """scenario, code (the gemeente), residents, value (its buurten pooled by the outcome's rule) and change."""
    buurten = buurt_table(runs, outcome.series)
    keys = ["scenario", "gemeente"]
    if outcome.per_buurt:
        sums = outcome.parts(buurten).groupby([buurten[k] for k in keys], sort=False).sum()
        value = outcome.finish(sums)
    else:
        value = buurten.groupby(keys, sort=False)[buurten.columns].apply(outcome.across)
    residents = buurten.groupby(keys, sort=False)["residents"].sum()
    values = pd.DataFrame({"value": value, "residents": residents}).reset_index()
    return _with_change(values.rename(columns={"gemeente": "code"}), reference)


def spans_gemeenten(outcomes: pd.DataFrame) -> bool:
    codes = set(outcomes["gemeente"].astype(str)) - {""}
    return len(codes) > 1


def read_boundaries(path: str | Path) -> geopandas.GeoDataFrame:
    """Polygons with a `code` and a `name` column, from any file geopandas reads (GeoJSON, GeoPackage, ...)."""
    path = Path(path)
    if not path.is_file():
        raise AnalysisInputError(f"{path}: no such boundaries file")
    try:
        frame = geopandas.read_file(path, layer=_buurt_layer(path))
    except Exception as error:  # the drivers raise many kinds; all mean "not a readable boundaries file"
        raise AnalysisInputError(f"{path}: not a readable boundaries file (GeoJSON or GeoPackage): {error}") from None
    code = next((column for column in CODE_COLUMNS if column in frame.columns), None)
    if code is None:
        raise AnalysisInputError(f"{path}: no column with CBS codes; expected one of {', '.join(CODE_COLUMNS)}, "
                                 f"found {', '.join(map(str, frame.columns))}")
    name = next((column for column in NAME_COLUMNS if column in frame.columns), code)
    shapes = frame[[code, name, "geometry"]].rename(columns={code: "code", name: "name"})
    shapes["code"] = shapes["code"].astype(str).str.strip()
    return shapes


def _buurt_layer(path: Path) -> str | None:
    """The buurten layer of a file with several (the CBS GeoPackage holds gemeenten, wijken and buurten)."""
    import fiona

    layers = fiona.listlayers(path)
    return next((layer for layer in layers if "buurt" in layer.lower()), layers[0] if layers else None)


def available_outcomes(runs: RunSet, per_buurt: bool = False) -> list[MapOutcome]:
    """The MAP_OUTCOMES whose series the files hold (older files lack some); per_buurt: only those defined
    per buurt."""
    present = set(runs.series["metric"].unique())
    return [outcome for outcome in MAP_OUTCOMES
            if set(outcome.series) <= present and (outcome.per_buurt or not per_buurt)]


def buurt_maps(runs: RunSet, reference: str, boundaries: str | Path) -> tuple[list[tuple[MapOutcome, Figure]], int, int]:
    """Maps per buurt, one figure per outcome; also the buurten drawn and the buurten of the run without a
    boundary."""
    shapes = read_boundaries(boundaries)
    codes = set(runs.buurten["code"].astype(str))
    drawn = codes & set(shapes["code"])
    if not drawn:
        raise AnalysisInputError(f"{boundaries}: none of its {len(shapes)} codes is a buurt of the runs (e.g. "
                                 f"{sorted(codes)[0]}); download the boundaries of the same gemeente and year")
    shapes = shapes[shapes["code"].isin(codes)]
    figures = [(outcome, choropleths(buurt_outcomes(runs, reference, outcome), shapes, reference,
                                     runs.scenarios, outcome.label))
               for outcome in available_outcomes(runs, per_buurt=True)]
    return figures, len(drawn), len(codes - drawn)


def gemeente_maps(runs: RunSet, reference: str,
                  gemeenten: str | Path | None = None) -> list[tuple[MapOutcome, Figure]]:
    """Maps per gemeente (its buurten pooled), one figure per outcome."""
    shapes = read_boundaries(gemeenten or gemeenten_file())
    return [(outcome, choropleths(gemeente_outcomes(runs, reference, outcome), shapes, reference, runs.scenarios,
                                  outcome.label)) for outcome in available_outcomes(runs)]


def choropleths(outcomes: pd.DataFrame, shapes: geopandas.GeoDataFrame, reference: str, scenarios: list[str],
                label: str) -> Figure:
    """The reference's final-year level (label says of what), then one panel per alternative with its change
    against it."""
    shapes = _projected(shapes)
    others = [name for name in scenarios if name != reference]
    panels = [(reference, "value")] + [(name, "change") for name in others]
    columns = min(len(panels), 3)
    rows = -(-len(panels) // columns)
    figure = Figure(figsize=(5.6 * columns, 5.4 * rows), layout="constrained")
    axes = figure.subplots(rows, columns, squeeze=False).ravel()
    for ax in axes[len(panels):]:
        ax.set_visible(False)
    changes = outcomes.loc[outcomes["scenario"].isin(others), "change"].abs()
    limit = max(float(changes.max()) if len(changes) else 0.0, 1e-6)
    for ax, (scenario, column) in zip(axes, panels):
        values = outcomes[outcomes["scenario"] == scenario].set_index("code")[column]
        frame = shapes.assign(shown=shapes["code"].map(values))
        if column == "value":
            norm, cmap, legend = Normalize(frame["shown"].min(), frame["shown"].max()), "viridis", label
            title = f"{reference} (reference)"
        else:
            norm, cmap = TwoSlopeNorm(0, -limit, limit), "RdBu"
            legend = f"change vs {reference}: " + label.split(",")[0]
            title = f"{scenario}: change against {reference}"
        frame.plot(column="shown", ax=ax, cmap=cmap, norm=norm, edgecolor="white", linewidth=0.3,
                   missing_kwds={"color": "#e3e7eb"}, legend=True,
                   legend_kwds={"label": legend, "shrink": 0.7, "orientation": "horizontal", "pad": 0.02})
        _label_areas(ax, frame, "shown")
        ax.set_title(title)
        ax.set_axis_off()
    return figure


def _projected(shapes: geopandas.GeoDataFrame) -> geopandas.GeoDataFrame:
    """In the Dutch grid when the projection data is there, so that shapes are not stretched."""
    if shapes.crs is None:
        return shapes
    try:
        return shapes.to_crs(RD_NEW)
    except Exception:  # no PROJ database: draw in the file's own coordinates
        return shapes


def _label_areas(ax, frame: geopandas.GeoDataFrame, column: str) -> None:
    """Every area's name at a point inside it; with many areas only the strongest values, so names stay legible."""
    labelled = frame.dropna(subset=[column])
    count = len(labelled)
    if count > LABEL_ALL_UP_TO:
        order = labelled[column].abs().sort_values(ascending=False).index
        labelled = labelled.loc[order[:LABELLED_EXTREMES]]
    size = float(np.clip(9 - count / 12, 4.5, 8))
    for row in labelled.itertuples():
        point = row.geometry.representative_point()
        ax.annotate(str(row.name).strip(), (point.x, point.y), ha="center", va="center", fontsize=size,
                    color="black", bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "alpha": 0.6,
                                         "linewidth": 0})
