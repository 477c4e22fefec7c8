"""The planned videos: the data model, upload schedules, titles and planted factors."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import numpy as np

from sample_data.kitchen_lab.params import (
    DY_BASE_LIFETIME,
    EXPORT_END,
    EXPORT_START,
    GROWTH_OVER_SPAN,
    ID_ALPHABET,
    OTHER_HOURS,
    PRIME_HOURS,
    SEED,
    YT_BASE_DAY7,
)

# --------------------------------------------------------------------------
# Data model
# --------------------------------------------------------------------------


@dataclass
class Video:
    """One planned video with its planted factors and generated metrics."""

    platform: str
    video_id: str
    title: str
    topic: str
    published_local: dt.datetime  # aware, channel time zone
    duration_s: int | None
    duration_class: str  # short/mid/long (YouTube) or short/mid/image (Douyin)
    prime: bool
    multiplier: float = 1.0  # product of planted duration x hour x topic effects
    growth: float = 1.0
    residual: float = 0.0  # log-scale noise
    tags: list[str] = field(default_factory=list)
    caption: str = ""
    metrics: dict[str, float | int | str] = field(default_factory=dict)

    @property
    def reach(self) -> float:
        """Expected day-7 views (YouTube) or lifetime plays (Douyin)."""
        base = YT_BASE_DAY7 if self.platform == "youtube" else DY_BASE_LIFETIME
        return base * self.multiplier * self.growth * math.exp(self.residual)


def rng_for(part: int) -> np.random.Generator:
    """A generator of its own for each part, so parts do not shift each other."""
    return np.random.default_rng([SEED, part])


# --------------------------------------------------------------------------
# Schedules and factors
# --------------------------------------------------------------------------


def upload_dates(
    rng: np.random.Generator,
    first: dt.date,
    last: dt.date,
    q_start: float,
    q_end: float,
    skip_p: float,
    max_extra: int,
) -> list[dt.date]:
    """Upload dates: per week 0 (rarely) or 1 + Binomial(max_extra, q) uploads.

    q rises linearly from ``q_start`` to ``q_end`` (the channel posts more
    often over time); weekdays are drawn without replacement, balanced so
    that each weekday gets about the same number of uploads.
    """
    dates: list[dt.date] = [first]
    monday = first - dt.timedelta(days=first.weekday())
    span = (last - first).days
    used = np.zeros(7)
    used[first.weekday()] += 1
    while monday <= last:
        progress = max(0.0, (monday - first).days) / span
        if rng.random() < skip_p:
            n = 0
        else:
            n = 1 + int(rng.binomial(max_extra, q_start + (q_end - q_start) * progress))
        # Weekdays drawn at random but leaning toward the ones used least so
        # far, so every weekday ends up with about the same number of uploads.
        weight = 1.0 / (1.0 + used - used.min()) ** 3
        for wd in sorted(rng.choice(7, size=n, replace=False, p=weight / weight.sum()).tolist()):
            used[wd] += 1
            day = monday + dt.timedelta(days=wd)
            if first < day <= last:
                dates.append(day)
        monday += dt.timedelta(days=7)
    return sorted(set(dates))


def balanced_labels(rng: np.random.Generator, shares: dict[str, float], n: int) -> list[str]:
    """``n`` labels in the given shares (largest remainder), shuffled."""
    keys = list(shares)
    raw = np.array([shares[k] * n for k in keys])
    counts = np.floor(raw).astype(int)
    for i in np.argsort(-(raw - counts), kind="stable")[: n - counts.sum()]:
        counts[i] += 1
    labels = [k for k, c in zip(keys, counts, strict=False) for _ in range(c)]
    rng.shuffle(labels)
    return labels


def make_title(
    rng: np.random.Generator,
    cores: list[str],
    parts: tuple[list[str], ...],
    min_len: int,
    max_len: int,
    taken: set[str],
) -> str:
    """A unique title whose length is drawn uniformly, independent of everything else.

    ``parts`` = (prefixes, suffixes, tails); among 300 random combinations
    prefix + core + suffix + tail the one closest to the drawn length wins.
    """
    prefixes, suffixes, tails = parts
    for _ in range(1000):
        target = int(rng.integers(min_len, max_len + 1))
        combos = np.column_stack(
            [rng.integers(0, len(x), size=300) for x in (prefixes, cores, suffixes, tails)]
        )
        titles = [prefixes[p] + cores[c] + suffixes[s] + tails[t] for p, c, s, t in combos]
        order = np.argsort([abs(len(t) - target) for t in titles], kind="stable")
        for k in order[:5]:
            title = titles[int(k)]
            if title not in taken:
                taken.add(title)
                return title
    raise RuntimeError("could not make a unique title")


def make_video_id(rng: np.random.Generator, taken: set[str], first: str | None = None) -> str:
    """An 11-character YouTube-style id from [A-Za-z0-9_-]."""
    while True:
        chars = [ID_ALPHABET[int(i)] for i in rng.integers(0, 64, size=11)]
        if first is not None:
            chars[0] = first
        elif chars[0] == "-":
            chars[0] = "k"
        vid = "".join(chars)
        if vid not in taken:
            taken.add(vid)
            return vid


def growth_factor(day: dt.date) -> float:
    """Channel growth: reach multiplies by GROWTH_OVER_SPAN over the export range."""
    t = (day - EXPORT_START).days / (EXPORT_END - EXPORT_START).days
    return GROWTH_OVER_SPAN**t


def publish_time(
    rng: np.random.Generator, day: dt.date, prime: bool, tz: ZoneInfo, with_seconds: bool
) -> dt.datetime:
    """A local publish time on ``day`` in the prime window (18-21 h) or outside it."""
    hours = PRIME_HOURS if prime else OTHER_HOURS
    hour = int(rng.choice(hours))
    minute = int(rng.integers(0, 60))
    second = int(rng.integers(0, 60)) if with_seconds else 0
    return dt.datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=tz)


def duration_for(rng: np.random.Generator, cls: str) -> int:
    """Duration in seconds inside its class: 15-60, 61-180 or 181-900 (log-uniform)."""
    if cls == "short":
        return int(rng.integers(15, 61))
    if cls == "mid":
        return int(rng.integers(61, 181))
    return int(round(math.exp(rng.uniform(math.log(181), math.log(900)))))


Groups = list[tuple[list[list[int]], list[float]]]


def factor_groups(factors: list[tuple[list, dict[object, float]]]) -> Groups:
    """Member indices per level and planted log ratios, per factor."""
    groups = []
    for labels, targets in factors:
        groups.append(
            (
                [[i for i, lab in enumerate(labels) if lab == lv] for lv in targets],
                list(targets.values()),
            )
        )
    return groups


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def median_gaps(z: list[float], groups: Groups) -> list[float]:
    """Per factor level: log median of the group minus its planted log ratio, centred.

    Length n_levels_total. All zeros means the group medians show exactly the
    planted ratios.
    """
    gaps: list[float] = []
    for index, targets in groups:
        g = [_median([z[i] for i in ix]) - t for ix, t in zip(index, targets, strict=False)]
        centre = sum(g) / len(g)
        gaps.extend(x - centre for x in g)
    return gaps


def assign_noise(
    base_log: np.ndarray,
    noise: np.ndarray,
    groups: Groups,
    rng: np.random.Generator,
    tolerance: float = 0.015,
    proposals: int = 40000,
) -> np.ndarray:
    """Deal the drawn lognormal noise to videos so group medians show the planted ratios.

    The noise values themselves stay an ordinary N(0, sigma) sample; only which
    video gets which value is chosen, by random swaps that never increase the
    largest gap (:func:`median_gaps`). This removes the chance imbalance a
    sample of ~100 videos would otherwise show between, say, weekdays, so a
    median-ratio check recovers the planted values within ``tolerance`` (log).

    Returns the permuted noise, shape (n_videos,).
    """
    base = base_log.tolist()
    z = (base_log + noise).tolist()
    noise_list = noise.tolist()
    loss = max(abs(g) for g in median_gaps(z, groups))
    n = len(z)
    pairs = rng.integers(0, n, size=(proposals, 2)).tolist()
    for i, j in pairs:
        if loss < tolerance:
            break
        z[i], z[j] = base[i] + noise_list[j], base[j] + noise_list[i]
        new = max(abs(g) for g in median_gaps(z, groups))
        if new <= loss:
            loss = new
            noise_list[i], noise_list[j] = noise_list[j], noise_list[i]
        else:
            z[i], z[j] = base[i] + noise_list[i], base[j] + noise_list[j]
    return np.array(noise_list)
