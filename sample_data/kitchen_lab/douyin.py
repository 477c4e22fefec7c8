"""The Douyin channel: videos and their lifetime metrics."""

from __future__ import annotations

import datetime as dt

from sample_data.kitchen_lab.params import (
    DOUYIN_FORMAT_EFFECT,
    DOUYIN_FORMAT_SHARE,
    DY_TZ,
    EXPORT_END,
    EXPORT_START,
    NOISE_SIGMA,
    PRIME_EFFECT,
    PRIME_SHARE,
    TOPIC_EFFECT,
    TOPIC_SHARE,
)
from sample_data.kitchen_lab.plan import (
    Video,
    balanced_labels,
    duration_for,
    growth_factor,
    make_title,
    publish_time,
    rng_for,
    upload_dates,
)
from sample_data.kitchen_lab.words import (
    ZH_CAPTIONS,
    ZH_CORES,
    ZH_PREFIXES,
    ZH_SUFFIXES,
    ZH_TAILS,
    ZH_TOPIC_TAG,
)
from sample_data.kitchen_lab.youtube import deal_noise

# --------------------------------------------------------------------------
# Douyin
# --------------------------------------------------------------------------


def build_douyin_videos() -> list[Video]:
    """Plan the Douyin posts with their factors, lifetime plays and text."""
    rng = rng_for(5)
    days = upload_dates(
        rng,
        EXPORT_START + dt.timedelta(days=2),
        EXPORT_END - dt.timedelta(days=12),
        q_start=0.0,
        q_end=0.15,
        skip_p=0.22,
        max_extra=2,
    )
    n = len(days)
    topics = balanced_labels(rng, TOPIC_SHARE, n)
    classes = balanced_labels(rng, DOUYIN_FORMAT_SHARE, n)
    primes = balanced_labels(rng, {"prime": PRIME_SHARE, "other": 1 - PRIME_SHARE}, n)
    taken_titles: set[str] = set()
    videos = []
    for i, day in enumerate(days):
        topic, cls, prime = topics[i], classes[i], primes[i] == "prime"
        title = make_title(
            rng, ZH_CORES[topic], (ZH_PREFIXES, ZH_SUFFIXES, ZH_TAILS), 4, 24, taken_titles
        )
        caption = (
            str(rng.choice(ZH_CAPTIONS))
            + "\n#"
            + ZH_TOPIC_TAG[topic]
            + " #"
            + topic
            + " #厨房实验室"
        )
        v = Video(
            platform="douyin",
            video_id=f"dy{i:03d}",
            title=title,
            topic=topic,
            published_local=publish_time(rng, day, prime, DY_TZ, with_seconds=True),
            duration_s=None if cls == "image" else duration_for(rng, cls),
            duration_class=cls,
            prime=prime,
            multiplier=DOUYIN_FORMAT_EFFECT[cls]
            * (PRIME_EFFECT if prime else 1.0)
            * TOPIC_EFFECT[topic],
            growth=growth_factor(day),
            residual=float(rng.normal(0.0, NOISE_SIGMA)),
            tags=[ZH_TOPIC_TAG[topic], topic, "厨房实验室"],
            caption=caption,
        )
        videos.append(v)
    deal_noise(videos, DOUYIN_FORMAT_EFFECT, "duration_class", rng)
    return videos


def douyin_metrics(videos: list[Video]) -> None:
    """Fill the 作品列表 metrics (lifetime totals at the export date)."""
    rng = rng_for(6)
    missing_bounce = {int(i) for i in rng.choice(len(videos), size=4, replace=False)}
    for i, v in enumerate(videos):
        plays = int(round(v.reach))
        cls = v.duration_class
        if cls == "short":
            completion, bounce = rng.uniform(0.25, 0.45), rng.uniform(0.25, 0.45)
            avg_play = v.duration_s * rng.uniform(0.4, 0.7)
        elif cls == "mid":
            completion, bounce = rng.uniform(0.08, 0.20), rng.uniform(0.30, 0.50)
            avg_play = v.duration_s * rng.uniform(0.22, 0.40)
        else:
            completion, bounce = rng.uniform(0.30, 0.45), rng.uniform(0.35, 0.50)
            avg_play = rng.uniform(3.5, 8.0)
        if cls == "image":
            five_s = completion
        else:
            five_s = max(completion, (1 - bounce) * rng.uniform(0.70, 0.90))
        saves_rate = rng.uniform(0.004, 0.015) * (1.5 if v.topic == "cooking" else 1.0)
        v.metrics = {
            "plays": plays,
            "completion": completion,
            "five_s": five_s,
            "bounce": None if i in missing_bounce else bounce,
            "avg_play_s": avg_play,
            "likes": int(rng.binomial(plays, rng.uniform(0.03, 0.06))),
            "shares": int(rng.binomial(plays, rng.uniform(0.002, 0.01))),
            "comments": int(rng.binomial(plays, rng.uniform(0.003, 0.01))),
            "saves": int(rng.binomial(plays, saves_rate)),
            "profile_visits": int(rng.binomial(plays, rng.uniform(0.01, 0.03))),
            "followers": int(rng.binomial(plays, rng.uniform(0.002, 0.008))),
        }
