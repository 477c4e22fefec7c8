"""Result types of the drivers analysis: drivers, curves, readings and the report."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from analytics.models.reach import BASELINE, CANDIDATES, Comparison


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
    """A plain-language reading of one feature's effect, tested honestly.

    The group (range or category) was chosen on the older half of the videos
    and its effect measured on the newer half (:mod:`analytics.models.effects`).

    Attributes
    ----------
    feature : str
    label : str
        The range or category, e.g. ``"videos of 480-720 s"`` or ``"topic 'cooking'"``.
    ratio : float
        Held-out effect: the group's target as a multiple of the other videos'
        (ratio of geometric means of the residual against the channel's level).
    low, high : float
        95 % interval of ``ratio`` (contains it).
    n_in, n_out : int
        Held-out (newer half) videos in and outside the group.
    observed_ratio : float
        Ratio of the observed medians over all videos (natural scale), not
        adjusted for the channel's level.
    text : str
    confidence : str
        ``high``, ``medium`` or ``low`` (:func:`analytics.models.effects.confidence_of`).
    p_adjusted : float
        Holm-adjusted p-value across the features tested.
    model_ratio : float
        The content model's own out-of-fold effect for the same group (NaN
        when it could not be measured).
    n_in_all, n_out_all : int
        All videos in and outside the group.
    lo, hi : float or None
        The group's numeric range; None for a category.
    level : object
        The group's category; None for a range.
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
    confidence: str = "low"
    p_adjusted: float = 1.0
    model_ratio: float = float("nan")
    n_in_all: int = 0
    n_out_all: int = 0
    lo: float | None = None
    hi: float | None = None
    level: object = None


@dataclass
class DriversReport:
    """Model comparison, drivers, curves and readings of one channel (or all)."""

    comparison: Comparison
    drivers: list[Driver]
    curves: dict[str, DependenceCurve] = field(default_factory=dict)
    readings: list[Reading] = field(default_factory=list)
    tested: list[Reading] = field(default_factory=list)

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
                "blind_baseline": pick(comp.scores[comp.blind]),
                "candidates": {k: pick(v) for k, v in comp.scores.items() if k in CANDIDATES},
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
            "content_beats_blind_baseline": comp.beats_baseline,
            "blind_baseline": comp.blind,
            "tested": [
                {
                    "feature": r.feature,
                    "group": r.label,
                    "ratio": r.ratio,
                    "interval": [r.low, r.high],
                    "n_in": r.n_in,
                    "n_out": r.n_out,
                    "p_adjusted": r.p_adjusted,
                    "model_ratio": r.model_ratio,
                    "confidence": r.confidence,
                }
                for r in self.tested
            ],
            "unavailable_features": list(data.unavailable),
            "missing_features": dict(data.missing),
            "lifetime_maturity_days": data.maturity_days,
        }
