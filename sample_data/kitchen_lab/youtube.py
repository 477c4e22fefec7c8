"""The YouTube channel: videos, daily views, metrics and the subscriber series."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np

from sample_data.kitchen_lab.params import (
    DAILY_NOISE_SIGMA,
    DECAY_TAU_DAYS,
    DURATION_EFFECT,
    DURATION_SHARE,
    EXPORT_END,
    EXPORT_START,
    NOISE_SIGMA,
    PRIME_EFFECT,
    PRIME_SHARE,
    TAIL_POWER,
    TAIL_WEIGHT,
    TOPIC_EFFECT,
    TOPIC_SHARE,
    TOPICS,
    WEEKDAY_SEASON,
    YT_TZ,
)
from sample_data.kitchen_lab.plan import (
    Video,
    assign_noise,
    balanced_labels,
    duration_for,
    factor_groups,
    growth_factor,
    make_title,
    make_video_id,
    publish_time,
    rng_for,
    upload_dates,
)
from sample_data.kitchen_lab.words import EN_CORES, EN_PREFIXES, EN_SUFFIXES, EN_TAGS, EN_TAILS

# --------------------------------------------------------------------------
# YouTube
# --------------------------------------------------------------------------


def build_youtube_videos() -> list[Video]:
    """Plan the YouTube uploads with their factors, reach and text."""
    rng = rng_for(1)
    days = upload_dates(
        rng,
        EXPORT_START,
        EXPORT_END - dt.timedelta(days=2),
        q_start=0.0,
        q_end=0.85,
        skip_p=0.06,
        max_extra=2,
    )
    fresh = EXPORT_END - dt.timedelta(days=3)  # one upload still inside its first week
    if days[-1] < fresh:
        days.append(fresh)
    n = len(days)
    topics = balanced_labels(rng, TOPIC_SHARE, n)
    classes = balanced_labels(rng, DURATION_SHARE, n)
    primes = balanced_labels(rng, {"prime": PRIME_SHARE, "other": 1 - PRIME_SHARE}, n)
    taken_ids: set[str] = set()
    taken_titles: set[str] = set()
    dash_slots = {int(i) for i in rng.choice(n, size=3, replace=False)}
    videos = []
    for i, day in enumerate(days):
        topic, cls, prime = topics[i], classes[i], primes[i] == "prime"
        vid = make_video_id(rng, taken_ids, first="-" if i in dash_slots else None)
        title = make_title(
            rng, EN_CORES[topic], (EN_PREFIXES, EN_SUFFIXES, EN_TAILS), 6, 80, taken_titles
        )
        extra = [t for t in EN_TAGS[topic]]
        rng.shuffle(extra)
        v = Video(
            platform="youtube",
            video_id=vid,
            title=title,
            topic=topic,
            published_local=publish_time(rng, day, prime, YT_TZ, with_seconds=False),
            duration_s=duration_for(rng, cls),
            duration_class=cls,
            prime=prime,
            multiplier=DURATION_EFFECT[cls]
            * (PRIME_EFFECT if prime else 1.0)
            * TOPIC_EFFECT[topic],
            growth=growth_factor(day),
            residual=float(rng.normal(0.0, NOISE_SIGMA)),
            tags=[topic] + extra[: int(rng.integers(2, 5))],
        )
        videos.append(v)
    complete = [v for v in videos if v.published_local.date() <= EXPORT_END - dt.timedelta(days=6)]
    deal_noise(complete, DURATION_EFFECT, "duration_class", rng)
    return videos


def title_halves(videos: list[Video]) -> list[str]:
    """'long' when the title is longer than the median title length, else 'short'."""
    lengths = np.array([len(v.title) for v in videos])
    med = float(np.median(lengths))
    return ["long" if ln > med else "short" for ln in lengths]


def deal_noise(
    videos: list[Video], class_effect: dict[str, float], class_attr: str, rng: np.random.Generator
) -> None:
    """Apply :func:`assign_noise` to the planted factors and to weekday / title length."""
    base_log = np.array([math.log(v.reach) - v.residual for v in videos])
    noise = np.array([v.residual for v in videos])
    factors = [
        ([v.topic for v in videos], {t: math.log(TOPIC_EFFECT[t]) for t in TOPICS}),
        (
            [getattr(v, class_attr) for v in videos],
            {c: math.log(e) for c, e in class_effect.items()},
        ),
        (
            ["prime" if v.prime else "other" for v in videos],
            {"prime": math.log(PRIME_EFFECT), "other": 0.0},
        ),
        ([v.published_local.weekday() for v in videos], {d: 0.0 for d in range(7)}),
        (title_halves(videos), {"long": 0.0, "short": 0.0}),
    ]
    for v, e in zip(
        videos, assign_noise(base_log, noise, factor_groups(factors), rng), strict=False
    ):
        v.residual = float(e)


def decay_weights(n_days: int) -> np.ndarray:
    """Share of a video's views on day d after publish: fast exponential plus a long tail."""
    d = np.arange(n_days, dtype=float)
    return np.exp(-d / DECAY_TAU_DAYS) + TAIL_WEIGHT * (1.0 + d) ** (-TAIL_POWER)


def youtube_daily_views(videos: list[Video]) -> dict[str, np.ndarray]:
    """Integer views per day from the publish date to the export end, per video id.

    Daily views = reach x decay x weekday seasonality x lognormal noise, with
    the seasonal and noisy shape rescaled so its first 7 days sum to the plain
    decay's first 7 days: a video's day-7 views do not depend on its publish
    weekday, while the channel's daily series shows the weekly pattern.
    """
    rng = rng_for(2)
    out = {}
    for v in videos:
        start = v.published_local.date()
        n_days = (EXPORT_END - start).days + 1
        w = decay_weights(n_days)
        season = np.array(
            [WEEKDAY_SEASON[(start + dt.timedelta(days=i)).weekday()] for i in range(n_days)]
        )
        noisy = w * season * rng.lognormal(0.0, DAILY_NOISE_SIGMA, size=n_days)
        k = min(7, n_days)
        noisy *= w[:k].sum() / noisy[:k].sum()
        expected = v.reach / decay_weights(7).sum() * noisy
        out[v.video_id] = np.floor(expected + rng.random(n_days)).astype(np.int64)
    return out


def youtube_metrics(videos: list[Video], daily: dict[str, np.ndarray]) -> None:
    """Fill Table-data metrics: views, watch time, subscribers, impressions, CTR, engagement."""
    rng = rng_for(3)
    for v in videos:
        views = int(daily[v.video_id].sum())
        assert v.duration_s is not None
        if v.duration_class == "short":
            pct = rng.uniform(0.65, 0.95)
        elif v.duration_class == "mid":
            pct = rng.uniform(0.45, 0.65)
        else:
            pct = rng.uniform(0.5, 0.65) - 0.25 * (v.duration_s - 180) / 720
        avd = v.duration_s * pct
        ctr = float(np.clip(rng.normal(5.0, 1.3), 1.5, 12.0))
        impressions = int(round(views * rng.uniform(0.55, 0.75) / (ctr / 100)))
        v.metrics = {
            "views": views,
            "watch_units": int(round(views * avd / 3600 * 10_000)),  # 1e-4 hours
            "avd_s": avd,
            "subscribers": int(
                rng.poisson(views * rng.uniform(0.002, 0.008)) - rng.poisson(views * 0.0004)
            ),
            "impressions": impressions,
            "ctr_pct": round(ctr, 2),
            "likes": int(rng.binomial(views, rng.uniform(0.03, 0.06))),
            "comments": int(rng.binomial(views, rng.uniform(0.003, 0.01))),
            "shares": int(rng.binomial(views, rng.uniform(0.002, 0.01))),
        }


def youtube_subscriber_series(totals: list[int]) -> list[int]:
    """Daily net subscribers: gains driven by views, losses growing with the base."""
    rng = rng_for(4)
    base = 1800
    net = []
    for views in totals:
        change = int(rng.poisson(0.0055 * views) - rng.poisson(0.6 + 0.0004 * base))
        base += change
        net.append(change)
    return net
