"""Global sensitivity estimators on model outputs: Sobol indices from Saltelli samples, Morris screening.

Independent of wijksim files: the functions take plain arrays, so they can be checked on functions with
known indices (tests use the Ishigami function). analysis.experiment feeds them experiment files.

Sobol: with f_A, f_B (N outputs of the base matrices A and B) and f_ABi (A with column i taken from B),
    V    = variance of all f_A and f_B values
    S1_i = mean(f_B * (f_ABi - f_A)) / V          (Saltelli et al. 2010)
    ST_i = mean((f_A - f_ABi) ** 2) / (2 V)       (Jansen 1999)
Confidence intervals come from a bootstrap over the N base samples (percentile intervals).

Morris: an elementary effect is (f(x + delta e_i) - f(x)) / delta along a trajectory that moves one
parameter at a time; per parameter mu is their mean, mu_star the mean of their absolute values (the
importance measure) and sigma their standard deviation (non-linearity or interactions).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

SOBOL_COLUMNS = ["parameter", "S1", "S1_low", "S1_high", "ST", "ST_low", "ST_high"]
MORRIS_COLUMNS = ["parameter", "mu", "mu_star", "sigma", "effects"]


def sobol_point_estimates(f_a: np.ndarray, f_b: np.ndarray, f_ab: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """First-order and total indices per parameter; f_ab has shape [N, k]."""
    variance = np.var(np.concatenate([f_a, f_b]), ddof=1)
    if not np.isfinite(variance) or variance == 0:
        nothing = np.full(f_ab.shape[1], np.nan)
        return nothing, nothing.copy()
    first = np.mean(f_b[:, None] * (f_ab - f_a[:, None]), axis=0) / variance
    total = 0.5 * np.mean((f_a[:, None] - f_ab) ** 2, axis=0) / variance
    return first, total


def sobol_indices(f_a, f_b, f_ab, parameters: list[str] | None = None, bootstrap: int = 500,
                  confidence: float = 0.95, seed: int = 0) -> pd.DataFrame:
    """Sobol S1 and ST with bootstrap percentile intervals; one row per parameter."""
    f_a = np.asarray(f_a, dtype=float)
    f_b = np.asarray(f_b, dtype=float)
    f_ab = np.asarray(f_ab, dtype=float)
    if f_ab.ndim != 2 or f_a.shape != f_b.shape or f_ab.shape[0] != f_a.shape[0]:
        raise ValueError(f"shapes do not fit Saltelli samples: f_A {f_a.shape}, f_B {f_b.shape}, f_AB {f_ab.shape}")
    k = f_ab.shape[1]
    parameters = parameters or [f"x{i + 1}" for i in range(k)]
    first, total = sobol_point_estimates(f_a, f_b, f_ab)
    random = np.random.default_rng(seed)
    n = f_a.shape[0]
    resampled_first = np.empty((bootstrap, k))
    resampled_total = np.empty((bootstrap, k))
    for b in range(bootstrap):
        rows = random.integers(0, n, n)
        resampled_first[b], resampled_total[b] = sobol_point_estimates(f_a[rows], f_b[rows], f_ab[rows])
    tail = (1 - confidence) / 2 * 100
    low_first, high_first = _percentiles(resampled_first, tail)
    low_total, high_total = _percentiles(resampled_total, tail)
    return pd.DataFrame({"parameter": parameters, "S1": first, "S1_low": low_first, "S1_high": high_first,
                         "ST": total, "ST_low": low_total, "ST_high": high_total}, columns=SOBOL_COLUMNS)


def _percentiles(samples: np.ndarray, tail: float) -> tuple[np.ndarray, np.ndarray]:
    if samples.shape[0] == 0:
        nothing = np.full(samples.shape[1], np.nan)
        return nothing, nothing.copy()
    return np.nanpercentile(samples, tail, axis=0), np.nanpercentile(samples, 100 - tail, axis=0)


def saltelli_blocks(kind, sample, changed, values, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """f_A, f_B, f_AB from rows labelled as in an experiment file's design table.

    kind is "A", "B" or "AB" per row, sample the base sample j, changed the parameter of an AB row.
    Rows may come in any order; every base sample must have its A, B and all k AB rows.
    """
    frame = pd.DataFrame({"kind": kind, "sample": sample, "changed": changed, "value": values})
    samples = np.sort(frame["sample"].unique())
    f_a = _block(frame[frame["kind"] == "A"], samples, "A")
    f_b = _block(frame[frame["kind"] == "B"], samples, "B")
    f_ab = np.empty((len(samples), k))
    for i in range(k):
        f_ab[:, i] = _block(frame[(frame["kind"] == "AB") & (frame["changed"] == i)], samples, f"AB_{i}")
    return f_a, f_b, f_ab


def _block(rows: pd.DataFrame, samples: np.ndarray, name: str) -> np.ndarray:
    indexed = rows.set_index("sample")["value"]
    if indexed.index.has_duplicates or len(indexed) != len(samples):
        raise ValueError(f"Saltelli block {name} has {len(indexed)} rows for {len(samples)} base samples")
    return indexed.reindex(samples).to_numpy(dtype=float)


def morris_indices(unit, trajectory, changed, values, parameters: list[str],
                   scale: np.ndarray | None = None) -> pd.DataFrame:
    """Morris mu, mu_star and sigma from trajectory rows in order.

    unit: [rows, k] coordinates in [0, 1]; trajectory: the trajectory of each row; changed: the
    parameter moved to reach a row from the previous one (-1 at a trajectory's start). Effects are
    per unit of the [0, 1] scale, or per unit of the parameter when scale (its range, max - min) is given.
    """
    unit = np.asarray(unit, dtype=float)
    trajectory = np.asarray(trajectory)
    changed = np.asarray(changed)
    values = np.asarray(values, dtype=float)
    k = len(parameters)
    effects: list[list[float]] = [[] for _ in range(k)]
    for row in range(1, len(values)):
        moved = int(changed[row])
        if moved < 0 or trajectory[row] != trajectory[row - 1]:
            continue
        step = unit[row, moved] - unit[row - 1, moved]
        if scale is not None:
            step *= scale[moved]
        effects[moved].append((values[row] - values[row - 1]) / step)
    rows = []
    for name, found in zip(parameters, effects):
        found = np.asarray(found, dtype=float)
        found = found[np.isfinite(found)]
        rows.append({"parameter": name,
                     "mu": found.mean() if len(found) else np.nan,
                     "mu_star": np.abs(found).mean() if len(found) else np.nan,
                     "sigma": found.std(ddof=1) if len(found) > 1 else np.nan,
                     "effects": len(found)})
    return pd.DataFrame(rows, columns=MORRIS_COLUMNS)
