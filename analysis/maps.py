"""Maps: final-year outcomes per buurt drawn on buurt boundaries, or per gemeente on the gemeente boundaries.

Per buurt: a boundaries file the user downloads for their gemeente (CBS "Wijk- en buurtkaart", GeoJSON or
GeoPackage via PDOK; docs/data.md), joined on the CBS buurt code (or wijk code, when wijken are the units).
Per gemeente (national and multi-gemeente runs): buurten are combined per gemeente, weighted by residents,
and drawn on the 2024 gemeente boundaries in ../shared/data/geo (CC BY 4.0, CBS/Kadaster), read from there
and never copied. One figure per outcome in MAP_OUTCOMES (the per-buurt series of the result file): the
reference's final-year level and each alternative's change against it; every area is labelled by name.
geopandas and matplotlib come from Debian.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import geopandas
import numpy as np
import pandas as pd
from matplotlib.colors import Normalize, TwoSlopeNorm
from matplotlib.figure import Figure

from analysis.compare import replicate_means
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
    series: str  # a per-buurt series of the result file (columns along tables/buurten)
    label: str  # what the colour shows, with its unit
    title: str  # the report's heading for the maps of this outcome


# The maps, in the order the report shows them; the first is the one the studio draws.
MAP_OUTCOMES = [
    MapOutcome("liveability/by_buurt", "liveability, final year (0-1)", "liveability"),
    MapOutcome("participation/past_year_by_buurt", "past-year participation, final year (share of residents 15+)",
               "past-year participation"),
    MapOutcome("trust/by_buurt", "trust in local government, final year (0-1)", "trust in local government"),
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


def buurt_outcomes(runs: RunSet, reference: str, series: str = MAP_OUTCOMES[0].series) -> pd.DataFrame:
    """scenario, code, name, gemeente, residents, value (the final-year mean over replicates of a per-buurt
    series, liveability by default) and change (value minus the reference's value for the same buurt)."""
    means = (replicate_means(runs.series, series)
             .groupby(["scenario", "column"], observed=True, sort=False)["value"].mean()
             .rename("value").reset_index().rename(columns={"column": "code"}))
    means["scenario"] = means["scenario"].astype(str)
    buurten = runs.buurten.assign(scenario=runs.buurten["scenario"].astype(str))
    if "gemeente" not in buurten or (buurten["gemeente"].astype(str) == "").all():
        buurten = buurten.assign(gemeente=gemeente_of(buurten["code"]))
    table = means.merge(buurten[["scenario", "code", "name", "gemeente", "residents"]], on=["scenario", "code"])
    baseline = table[table["scenario"] == reference].set_index("code")["value"]
    return table.assign(change=table["value"] - table["code"].map(baseline))


def gemeente_outcomes(outcomes: pd.DataFrame) -> pd.DataFrame:
    """Per scenario and gemeente: the resident-weighted means of value and change, and the residents."""
    weighted = outcomes.assign(value=outcomes["value"] * outcomes["residents"],
                               change=outcomes["change"] * outcomes["residents"])
    sums = weighted.groupby(["scenario", "gemeente"], sort=False)[["value", "change", "residents"]].sum()
    sums["value"] /= sums["residents"]
    sums["change"] /= sums["residents"]
    return sums.reset_index().rename(columns={"gemeente": "code"})


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


def available_outcomes(runs: RunSet) -> list[MapOutcome]:
    """The MAP_OUTCOMES whose series every file holds (older files lack the past-year series)."""
    present = set(runs.series["metric"].unique())
    return [outcome for outcome in MAP_OUTCOMES if outcome.series in present]


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
    figures = [(outcome, choropleths(buurt_outcomes(runs, reference, outcome.series), shapes, reference,
                                     runs.scenarios, outcome.label)) for outcome in available_outcomes(runs)]
    return figures, len(drawn), len(codes - drawn)


def gemeente_maps(runs: RunSet, reference: str,
                  gemeenten: str | Path | None = None) -> list[tuple[MapOutcome, Figure]]:
    """Maps per gemeente (its buurten weighted by residents), one figure per outcome."""
    shapes = read_boundaries(gemeenten or gemeenten_file())
    return [(outcome, choropleths(gemeente_outcomes(buurt_outcomes(runs, reference, outcome.series)), shapes,
                                  reference, runs.scenarios, outcome.label)) for outcome in available_outcomes(runs)]


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
