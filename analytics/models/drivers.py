"""What drives reach: grouped permutation importance, partial dependence, ICE.

Importance
    Permutation importance (Breiman 2001; Fisher, Rudin & Dominici 2019) on
    the held-out rows of every forward fold: the increase of the fold
    model's MAE (log scale) when a feature's values are shuffled among the
    test videos, averaged over ``n_repeats`` shuffles; reported as the mean
    over folds with the standard deviation across folds as its spread.
    Features whose values move together (|Spearman| >= 0.8, e.g. followers
    and days since the channel started) are shuffled together and reported
    as one group: shuffling one of them alone would understate both.
Partial dependence and ICE
    Friedman (2001) partial dependence and Goldstein et al. (2015)
    individual conditional expectation curves of the chosen model refitted
    on every video: the predicted exposure of each video when only the
    feature is set to each grid value.
Readings
    For each top feature, the range of values (or category) whose videos the
    model expects to do best or worst compared with the other videos, as a
    multiple, with the number of videos behind it and the range of the same
    figure across the fold models.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from sklearn.pipeline import Pipeline

from analytics.features import CATEGORICAL_FEATURES
from analytics.models.reach import (
    BASELINE,
    CANDIDATE_LABELS,
    Comparison,
    one_thread,
    scores_table,
)

CORRELATION_THRESHOLD = 0.8
TOP_CURVES = 3
# Partial dependence averages over at most this many videos (a fixed random
# sample): the average of 400 curves is as good as that of thousands.
PD_MAX_ROWS = 400
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_TARGET_WORDS = {
    "exposure": "exposure",
    "engagement": "engagement rate",
    "completion": "completion rate",
}


@dataclass(frozen=True)
class Driver:
    """Permutation importance of one feature or one group of correlated features.

    Attributes
    ----------
    feature : str
        The feature name, or the members joined by ``" + "`` for a group.
    members : tuple of str
        Feature names permuted together.
    importance : float
        Mean over folds of the MAE increase (log scale) when permuted.
    std : float
        Standard deviation of that increase across folds.
    per_fold : tuple of float
    """

    feature: str
    members: tuple[str, ...]
    importance: float
    std: float
    per_fold: tuple[float, ...]


@dataclass(frozen=True)
class DependenceCurve:
    """Partial dependence with ICE curves of one feature.

    Attributes
    ----------
    feature : str
    categorical : bool
    grid : list
        Feature values (numbers, or category levels).
    counts : numpy.ndarray, shape (n_grid,)
        Videos at each level (categorical) or nearest to each grid value.
    average : numpy.ndarray, shape (n_grid,)
        Partial dependence: mean predicted log deviation at each grid value.
    ice : numpy.ndarray, shape (n_curves, n_grid)
        Individual curves of a sample of videos (log scale).
    """

    feature: str
    categorical: bool
    grid: list[Any]
    counts: np.ndarray
    average: np.ndarray
    ice: np.ndarray

    def multiplier(self) -> np.ndarray:
        """Partial dependence as a multiple of the videos' average, shape (n_grid,)."""
        weights = self.counts / max(self.counts.sum(), 1)
        return np.exp(self.average - float(np.sum(weights * self.average)))


@dataclass(frozen=True)
class Reading:
    """A plain-language reading of one feature's effect.

    Attributes
    ----------
    feature : str
    label : str
        The range or category, e.g. ``"20-60 s"`` or ``"topic 'cooking'"``.
    ratio : float
        Expected target of those videos as a multiple of the other videos'.
    low, high : float
        Lowest and highest ratio given by the fold models.
    n_in, n_out : int
        Videos inside the range / category and outside it.
    observed_ratio : float
        Ratio of the observed medians (natural scale), not adjusted for other
        features.
    text : str
    """

    feature: str
    label: str
    ratio: float
    low: float
    high: float
    n_in: int
    n_out: int
    observed_ratio: float
    text: str


@dataclass
class DriversReport:
    """Model comparison, drivers, curves and readings of one channel (or all)."""

    comparison: Comparison
    drivers: list[Driver]
    curves: dict[str, DependenceCurve] = field(default_factory=dict)
    readings: list[Reading] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The CLI's JSON payload (see ``python -m analytics drivers --json``)."""
        comp = self.comparison
        data = comp.data

        def pick(s: dict[str, Any]) -> dict[str, float]:
            return {"spearman": s["spearman"], "mae_log": s["mae_log"], "auc": s["auc"]}

        return {
            "n_videos": data.n,
            "target": data.target.name,
            "target_basis": sorted({str(b) for b in data.target.basis if b}),
            "channel_id": data.channel_id,
            "chosen_model": comp.chosen,
            "scores": {
                "model": pick(comp.scores[comp.chosen]),
                "baseline": pick(comp.scores[BASELINE]),
                "candidates": {k: pick(v) for k, v in comp.scores.items() if k != BASELINE},
            },
            "beats_baseline": comp.beats_baseline,
            "margin": comp.margin,
            "folds": [
                {
                    "train": len(f.train),
                    "test": len(f.test),
                    "train_end": f.train_end.isoformat(),
                    "test_start": f.test_start.isoformat(),
                }
                for f in comp.folds
            ],
            "drivers": [
                {
                    "feature": d.feature,
                    "importance": d.importance,
                    "std": d.std,
                    "features": list(d.members),
                }
                for d in self.drivers
            ],
            "readings": [r.text for r in self.readings],
            "unavailable_features": list(data.unavailable),
        }


def correlated_groups(X: pd.DataFrame, threshold: float = CORRELATION_THRESHOLD) -> list[list[str]]:
    """Group features whose |Spearman| correlation reaches ``threshold``.

    Categorical features take part through their one-hot columns (a level
    that coincides with another feature joins the groups). Groups are the
    connected components of the "correlated" relation, in column order.

    Parameters
    ----------
    X : pandas.DataFrame, shape (n, n_features)
    threshold : float

    Returns
    -------
    list of list of str
        Every column exactly once.
    """
    columns = list(X.columns)
    parts: dict[str, str] = {}
    encoded: dict[str, pd.Series] = {}
    for col in columns:
        if col in CATEGORICAL_FEATURES or isinstance(X[col].dtype, pd.CategoricalDtype):
            dummies = pd.get_dummies(X[col].astype(object), prefix=col, dtype=float)
            if dummies.shape[1] == 2:  # two levels: one column says it all
                dummies = dummies.iloc[:, :1]
            for name in dummies.columns:
                encoded[name] = dummies[name]
                parts[name] = col
        else:
            encoded[col] = X[col].astype(float)
            parts[col] = col
    frame = pd.DataFrame(encoded)
    corr = frame.corr(method="spearman", min_periods=10).abs().to_numpy()
    parent = {c: c for c in columns}

    def root(c: str) -> str:
        while parent[c] != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c

    names = list(frame.columns)
    for i in range(len(names)):
        for j in range(i + 1, len(names)):
            a, b = parts[names[i]], parts[names[j]]
            if a != b and np.isfinite(corr[i, j]) and corr[i, j] >= threshold:
                ra, rb = root(a), root(b)
                if ra != rb:
                    parent[max(ra, rb, key=columns.index)] = min(ra, rb, key=columns.index)
    groups: dict[str, list[str]] = {}
    for col in columns:
        groups.setdefault(root(col), []).append(col)
    return list(groups.values())


def _shuffled(
    X: pd.DataFrame, members: Sequence[str], n_repeats: int, rng: np.random.Generator
) -> pd.DataFrame:
    """``n_repeats`` copies of ``X`` stacked, the member columns shuffled jointly in each."""
    n = len(X)
    stacked = pd.concat([X] * n_repeats, ignore_index=True)
    idx = np.concatenate([rng.permutation(n) for _ in range(n_repeats)])
    for col in members:
        stacked[col] = X[col].iloc[idx].reset_index(drop=True)
    return stacked


def permutation_drivers(
    comparison: Comparison,
    *,
    n_repeats: int = 5,
    threshold: float = CORRELATION_THRESHOLD,
    random_state: int = 0,
) -> list[Driver]:
    """Grouped permutation importance of the chosen model on held-out folds.

    Parameters
    ----------
    comparison : Comparison
        From :func:`analytics.models.reach.compare_models`.
    n_repeats : int
        Shuffles per fold and group.
    threshold : float
        |Spearman| at or above which features are permuted as one group.
    random_state : int

    Returns
    -------
    list of Driver
        Sorted by importance, largest first.
    """
    data = comparison.data
    X = data.X
    groups = correlated_groups(X, threshold)
    rng = np.random.default_rng(random_state)
    models = comparison.fold_models[comparison.chosen]
    per_group: dict[tuple[str, ...], list[float]] = {tuple(g): [] for g in groups}
    with one_thread():
        for fold, model, offset in zip(
            comparison.folds, models, comparison.fold_offsets, strict=True
        ):
            Xte = X.iloc[fold.test].reset_index(drop=True)
            y = data.y[fold.test]
            ref = float(np.mean(np.abs(y - (offset + model.predict(Xte)))))
            y_rep = np.tile(y, n_repeats)
            off_rep = np.tile(offset, n_repeats)
            for group in groups:
                pred = off_rep + model.predict(_shuffled(Xte, group, n_repeats, rng))
                per_group[tuple(group)].append(float(np.mean(np.abs(y_rep - pred))) - ref)
    drivers = [
        Driver(" + ".join(g), g, float(np.mean(v)), float(np.std(v)), tuple(v))
        for g, v in per_group.items()
    ]
    return sorted(drivers, key=lambda d: (-d.importance, d.feature))


def _grid(values: pd.Series, categorical: bool, grid_size: int) -> list[Any]:
    if categorical:
        counts = values.value_counts()
        return [level for level in counts.index if counts[level] > 0]
    clean = values.dropna().astype(float)
    unique = np.unique(clean)
    if len(unique) <= grid_size:
        return [float(v) for v in unique]
    return [float(v) for v in np.unique(np.quantile(clean, np.linspace(0.02, 0.98, grid_size)))]


def _pd_sample(X: pd.DataFrame, random_state: int = 0) -> pd.DataFrame:
    """At most :data:`PD_MAX_ROWS` rows of ``X`` (a fixed random sample, in order)."""
    if len(X) <= PD_MAX_ROWS:
        return X.reset_index(drop=True)
    rng = np.random.default_rng(random_state)
    keep = np.sort(rng.choice(len(X), size=PD_MAX_ROWS, replace=False))
    return X.iloc[keep].reset_index(drop=True)


def _ice(model: Pipeline, X: pd.DataFrame, feature: str, grid: Sequence[Any]) -> np.ndarray:
    """Predicted deviation of every row of ``X`` at every grid value, shape (n, n_grid)."""
    n = len(X)
    stacked = pd.concat([X] * len(grid), ignore_index=True)
    if isinstance(X[feature].dtype, pd.CategoricalDtype):
        values = np.repeat(np.asarray(grid, dtype=object), n)
        stacked[feature] = pd.Categorical(values, categories=X[feature].cat.categories)
    else:
        stacked[feature] = np.repeat(np.asarray(grid, dtype=float), n)
    with one_thread():
        pred = model.predict(stacked)
    return pred.reshape(len(grid), n).T


def dependence(
    comparison: Comparison,
    feature: str,
    *,
    grid_size: int = 20,
    n_ice: int = 60,
    random_state: int = 0,
) -> DependenceCurve:
    """Partial dependence and ICE curves of ``feature`` for the chosen model.

    Parameters
    ----------
    comparison : Comparison
    feature : str
        A column of ``comparison.data.X``.
    grid_size : int
        Numeric features: at most this many grid values (quantiles 2 %-98 %).
    n_ice : int
        ICE curves drawn (a random sample of videos); the average uses up to
        :data:`PD_MAX_ROWS` videos.

    Returns
    -------
    DependenceCurve
    """
    X = comparison.data.X
    categorical = isinstance(X[feature].dtype, pd.CategoricalDtype)
    grid = _grid(X[feature], categorical, grid_size)
    rng = np.random.default_rng(random_state)
    ice_all = _ice(comparison.final_model, _pd_sample(X, random_state), feature, grid)
    if categorical:
        counts = np.array([int((X[feature] == g).sum()) for g in grid])
    else:
        values = X[feature].astype(float).to_numpy()
        ok = np.isfinite(values)
        nearest = np.abs(values[ok, None] - np.asarray(grid)[None, :]).argmin(axis=1)
        counts = np.bincount(nearest, minlength=len(grid))
    pick = rng.choice(len(ice_all), size=min(n_ice, len(ice_all)), replace=False)
    return DependenceCurve(
        feature, categorical, grid, counts, ice_all.mean(axis=0), ice_all[np.sort(pick)]
    )


def _fmt_value(feature: str, v: float) -> str:
    if feature == "publish_hour":
        return f"{int(v):02d}:00"
    if feature == "publish_weekday":
        return _WEEKDAYS[int(v) % 7]
    if abs(v) >= 10_000:
        return f"{v / 1000:,.0f}k"
    return f"{v:,.0f}" if abs(v) >= 10 or float(v).is_integer() else f"{v:.1f}"


def _range_label(feature: str, lo: float, hi: float) -> str:
    if feature == "publish_hour":
        return f"published {int(lo):02d}:00-{int(hi):02d}:59"
    if feature == "publish_weekday":
        if lo == hi:
            return f"published on {_WEEKDAYS[int(lo)]}"
        return f"published {_WEEKDAYS[int(lo)]}-{_WEEKDAYS[int(hi)]}"
    if feature in ("title_has_number", "title_has_question", "title_has_emoji"):
        what = feature.removeprefix("title_has_")
        return (
            f"with {'an' if what == 'emoji' else 'a'} {what} in the title"
            if lo >= 1
            else f"without {'an' if what == 'emoji' else 'a'} {what} in the title"
        )
    unit = " s" if feature == "duration_s" else ""
    name = {
        "duration_s": "of",
        "title_length": "with a title length of",
        "hashtag_count": "with hashtags:",
        "days_since_prev_upload": "with days since the previous upload:",
        "uploads_prev_7d": "with uploads in the previous 7 days:",
        "followers_at_publish": "published at followers",
    }.get(feature, f"with {feature}")
    if lo == hi:
        return f"videos {name} {_fmt_value(feature, lo)}{unit}"
    return f"videos {name} {_fmt_value(feature, lo)}-{_fmt_value(feature, hi)}{unit}"


def _effects_at(values: np.ndarray, grid: np.ndarray, average: np.ndarray) -> np.ndarray:
    """Partial dependence at each observed value (linear interpolation on the grid)."""
    return np.interp(values, grid, average)


def _best_window(
    values: np.ndarray, effect: np.ndarray, min_n: int
) -> tuple[float, float, float] | None:
    """Contiguous value range whose mean effect differs most from the rest.

    The best range upwards is preferred (a creator acts on "do more of this")
    unless it is under 10 % and the best range downwards is not.

    Returns (lo, hi, log ratio) or None when no range has ``min_n`` videos
    on both sides.
    """
    order = np.argsort(values, kind="stable")
    v, e = values[order], effect[order]
    uniq, start = np.unique(v, return_index=True)
    bounds = list(start) + [len(v)]
    csum = np.concatenate([[0.0], np.cumsum(e)])
    total, n = csum[-1], len(v)
    up: tuple[float, float, float] | None = None
    down: tuple[float, float, float] | None = None
    for i in range(len(uniq)):
        for j in range(i, len(uniq)):
            a, b = bounds[i], bounds[j + 1]
            n_in = b - a
            if n_in < min_n or n - n_in < min_n:
                continue
            inside = (csum[b] - csum[a]) / n_in
            outside = (total - (csum[b] - csum[a])) / (n - n_in)
            gap = float(inside - outside)
            if up is None or gap > up[2] + 1e-9:
                up = (float(uniq[i]), float(uniq[j]), gap)
            if down is None or gap < down[2] - 1e-9:
                down = (float(uniq[i]), float(uniq[j]), gap)
    if up is not None and up[2] >= np.log(1.1):
        return up
    return down


def _observed_ratio(data_y: np.ndarray, inside: np.ndarray, to_natural: Any) -> float:
    nat = to_natural(data_y)
    a, b = np.median(nat[inside]), np.median(nat[~inside])
    return float(a / b) if b > 0 else float("nan")


def readings_for(comparison: Comparison, feature: str, curve: DependenceCurve) -> list[Reading]:
    """Plain-language readings of ``feature``'s effect (one numeric range, or the
    strongest category levels up and down).

    Parameters
    ----------
    comparison : Comparison
    feature : str
    curve : DependenceCurve
        Its partial dependence from :func:`dependence`.

    Returns
    -------
    list of Reading
        Empty when the effect is under 10 % either way or too few videos
        support a range.
    """
    data = comparison.data
    X = data.X
    n = data.n
    min_n = max(5, n // 10)
    word = _TARGET_WORDS.get(data.target.name, data.target.name)
    fold_models = comparison.fold_models[comparison.chosen]
    sample = _pd_sample(X)
    out: list[Reading] = []
    if curve.categorical:
        levels = X[feature].astype(object).where(X[feature].notna(), None).to_numpy()
        effect = dict(zip(curve.grid, curve.average, strict=True))
        effect[None] = float(np.mean(curve.average))
        candidates = []
        for level, cnt in zip(curve.grid, curve.counts, strict=True):
            if cnt < min_n or n - cnt < min_n:
                continue
            inside = levels == level
            rest = np.array([effect[v] for v in levels[~inside]])
            candidates.append((effect[level] - float(rest.mean()), level, inside))
        picks = []
        if candidates:
            up = max(candidates, key=lambda c: c[0])
            down = min(candidates, key=lambda c: c[0])
            picks = [c for c in (up, down) if abs(c[0]) >= np.log(1.1)]
            if len(picks) == 2 and picks[0][1] == picks[1][1]:
                picks = picks[:1]
        for gap, level, inside in picks:
            fold_gaps = []
            for model in fold_models:
                ice = _ice(
                    model, sample, feature, [level] + [lv for lv in curve.grid if lv != level]
                )
                eff = dict(
                    zip(
                        [level] + [lv for lv in curve.grid if lv != level],
                        ice.mean(axis=0),
                        strict=True,
                    )
                )
                fold_gaps.append(eff[level] - float(np.mean([eff[v] for v in levels[~inside]])))
            label = f"{feature.replace('_', ' ')} '{level}'"
            out.append(
                _reading(
                    feature,
                    label,
                    gap,
                    fold_gaps,
                    inside,
                    data.y,
                    data.target.to_natural,
                    word,
                    f"other {feature.replace('_', ' ')}s",
                )
            )
        return out
    values = X[feature].astype(float).to_numpy()
    ok = np.isfinite(values)
    if ok.sum() < 2 * min_n:
        return out
    grid = np.asarray(curve.grid, dtype=float)
    eff = _effects_at(values[ok], grid, curve.average)
    window = _best_window(values[ok], eff, min_n)
    if window is None or abs(window[2]) < np.log(1.1):
        return out
    lo, hi, gap = window
    inside_ok = (values[ok] >= lo) & (values[ok] <= hi)
    fold_gaps = []
    for model in fold_models:
        avg = _ice(model, sample, feature, list(grid)).mean(axis=0)
        e = _effects_at(values[ok], grid, avg)
        fold_gaps.append(float(e[inside_ok].mean() - e[~inside_ok].mean()))
    out.append(
        _reading(
            feature,
            _range_label(feature, lo, hi),
            gap,
            fold_gaps,
            inside_ok,
            data.y[ok],
            data.target.to_natural,
            word,
            "the other videos",
        )
    )
    return out


def _reading(
    feature: str,
    label: str,
    gap: float,
    fold_gaps: Sequence[float],
    inside: np.ndarray,
    y: np.ndarray,
    to_natural: Any,
    word: str,
    others: str,
) -> Reading:
    ratio = float(np.exp(gap))
    ratios = np.exp(np.asarray(fold_gaps, dtype=float)) if len(fold_gaps) else np.array([ratio])
    low, high = float(ratios.min()), float(ratios.max())
    n_in, n_out = int(inside.sum()), int((~inside).sum())
    observed = _observed_ratio(y, inside, to_natural)
    text = (
        f"{label[0].upper()}{label[1:]}: about {ratio:.1f}x the {word} of {others} "
        f"(n={n_in} vs {n_out}; range over {len(fold_gaps)} forward folds {low:.1f}x-{high:.1f}x; "
        f"observed medians {observed:.1f}x)"
    )
    return Reading(feature, label, ratio, low, high, n_in, n_out, observed, text)


def analyse(
    comparison: Comparison, *, n_repeats: int = 5, top_k: int = TOP_CURVES, random_state: int = 0
) -> DriversReport:
    """Drivers, partial dependence / ICE curves and readings of a fitted comparison.

    Parameters
    ----------
    comparison : Comparison
    n_repeats : int
        Permutation repeats per fold and feature group.
    top_k : int
        Curves and readings for this many top drivers (a group gives its
        first member's curve).
    random_state : int

    Returns
    -------
    DriversReport
    """
    drivers = permutation_drivers(comparison, n_repeats=n_repeats, random_state=random_state)
    report = DriversReport(comparison, drivers)
    for driver in drivers[:top_k]:
        if driver.importance <= 0:
            break
        feature = driver.members[0]
        curve = dependence(comparison, feature, random_state=random_state)
        report.curves[feature] = curve
        report.readings.extend(readings_for(comparison, feature, curve))
    return report


__all__ = [
    "CANDIDATE_LABELS",
    "Driver",
    "DependenceCurve",
    "DriversReport",
    "Reading",
    "analyse",
    "correlated_groups",
    "dependence",
    "permutation_drivers",
    "readings_for",
    "scores_table",
]
