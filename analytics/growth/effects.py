"""Bootstrap effects: ratios of medians and median intervals with percentile intervals."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from analytics.growth.constants import LEVEL, N_BOOT


@dataclass(frozen=True)
class Effect:
    """A ratio of medians with its bootstrap interval.

    Attributes
    ----------
    n : int
        Videos (or weeks) in the group.
    n_ref : int
        Videos (or weeks) in the comparison group.
    ratio : float
        Median of the group / median of the comparison group (> 0).
    low, high : float
        Percentile bootstrap interval of ``ratio`` at ``level``.
    level : float
        Interval level, e.g. 0.95.
    """

    n: int
    n_ref: int
    ratio: float
    low: float
    high: float
    level: float = LEVEL

    @property
    def clear(self) -> bool:
        """True when the interval lies wholly above or wholly below 1."""
        return bool(self.low > 1.0 or self.high < 1.0)

    def as_dict(self) -> dict[str, float | int]:
        """``n, n_ref, ratio, low, high, level`` as plain numbers."""
        return {
            "n": self.n,
            "n_ref": self.n_ref,
            "ratio": self.ratio,
            "low": self.low,
            "high": self.high,
            "level": self.level,
        }


def _boot_medians(x: np.ndarray, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    idx = rng.integers(0, x.size, size=(n_boot, x.size))
    return np.median(x[idx], axis=1)


def median_ratio(
    x: Sequence[float] | np.ndarray,
    ref: Sequence[float] | np.ndarray,
    *,
    n_boot: int = N_BOOT,
    level: float = LEVEL,
    seed: int = 0,
) -> Effect | None:
    """Ratio of medians ``median(x) / median(ref)`` with a percentile bootstrap interval.

    Both groups are resampled independently with replacement ``n_boot``
    times (Efron & Tibshirani 1993, ch. 13).

    Parameters
    ----------
    x, ref : array-like of float, shapes (n,) and (m,)
        Positive values (relative reach, weekly follower gains...); NaN are
        dropped.
    n_boot : int
        Bootstrap resamples.
    level : float
        Interval level in (0, 1).
    seed : int
        Seed of the resampling.

    Returns
    -------
    Effect or None
        None when a group is empty or the comparison median is not > 0.

    Examples
    --------
    >>> e = median_ratio([2.0, 2.0, 2.0], [1.0, 1.0, 1.0])
    >>> (e.ratio, e.low, e.high)
    (2.0, 2.0, 2.0)
    """
    a = np.asarray(x, dtype=float)
    b = np.asarray(ref, dtype=float)
    a, b = a[np.isfinite(a)], b[np.isfinite(b)]
    if a.size == 0 or b.size == 0:
        return None
    m_ref = float(np.median(b))
    if not m_ref > 0:
        return None
    ratio = float(np.median(a)) / m_ref
    rng = np.random.default_rng(seed)
    ma = _boot_medians(a, n_boot, rng)
    mb = _boot_medians(b, n_boot, rng)
    with np.errstate(divide="ignore", invalid="ignore"):
        boots = np.where(mb > 0, ma / np.where(mb > 0, mb, 1.0), np.inf)
    tail = (1.0 - level) / 2.0
    low, high = np.quantile(boots, [tail, 1.0 - tail])
    return Effect(int(a.size), int(b.size), ratio, float(low), float(high), level)


def median_interval(
    x: Sequence[float] | np.ndarray, *, n_boot: int = N_BOOT, level: float = LEVEL, seed: int = 0
) -> tuple[float, float, float]:
    """Median of ``x`` with its percentile bootstrap interval: ``(median, low, high)``.

    NaN values are dropped; an empty input gives three NaN.
    """
    a = np.asarray(x, dtype=float)
    a = a[np.isfinite(a)]
    if a.size == 0:
        return (math.nan, math.nan, math.nan)
    boots = _boot_medians(a, n_boot, np.random.default_rng(seed))
    tail = (1.0 - level) / 2.0
    low, high = np.quantile(boots, [tail, 1.0 - tail])
    return float(np.median(a)), float(low), float(high)
