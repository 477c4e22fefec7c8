"""Synthetic fan activity with planted segments (tests, demos, checks).

A channel whose fans fall into segments with known tastes: segment ``s``
engages mostly with videos of its own two topics, so a test can check that
the model's segments are the planted ones (adjusted Rand index), that the
segments' labels name the planted topics and that ALS beats popularity.
The frames have the columns of the store tables ``videos`` and
``fan_interactions``; :func:`analytics.store.fan_queries.insert_fan_interactions`
writes the interactions.

Planted structure (defaults):

- 8 topics; segment ``s`` (0-based) prefers topics ``2s`` and ``2s + 1``;
- segment sizes 40 %, 30 %, 20 %, 10 % of the fans;
- each video has one main topic (cycling through the 8) and one of four
  format tags (``short``, ``tutorial``, ``review``, ``story``) carrying no
  taste; video appeal is log-normal;
- a fan picks ``3 + Poisson(5)`` distinct videos, a video of the segment's
  topics being ``affinity`` times as likely as another (then weighted by
  appeal); each pick is a view, plus a like (30 %), comment (10 %) and
  share (5 %), at times after the video's publication;
- a few spam accounts comment on many videos (``is_spam`` true).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
import pandas as pd

TOPICS = ("cooking", "baking", "travel", "hiking", "tech", "gadgets", "fitness", "yoga")
FORMATS = ("short", "tutorial", "review", "story")
SEGMENT_SHARES = (0.4, 0.3, 0.2, 0.1)


@dataclass
class SyntheticFans:
    """Store-shaped frames of one synthetic channel's fans.

    Attributes
    ----------
    videos : pandas.DataFrame
        ``channel_id``, ``video_id``, ``title``, ``tags`` (list), ``published_at``.
    interactions : pandas.DataFrame
        ``channel_id``, ``fan_key``, ``video_id``, ``event``, ``ts``,
        ``event_key``, ``weight``, ``is_spam``.
    truth : pandas.DataFrame
        ``fan_key``, ``segment`` (0-based planted segment; spam accounts
        are not listed).
    """

    videos: pd.DataFrame
    interactions: pd.DataFrame
    truth: pd.DataFrame


def _key(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def synthetic_fans(
    n_fans: int = 800,
    n_videos: int = 160,
    *,
    affinity: float = 12.0,
    n_spam: int = 5,
    channel_id: str = "synthetic",
    start: str = "2025-01-01",
    seed: int = 0,
) -> SyntheticFans:
    """Generate one channel's videos and fan events with planted segments.

    Parameters
    ----------
    n_fans : int
        Fans (spam accounts not included).
    n_videos : int
        Videos, published one every two days from ``start``.
    affinity : float
        How much likelier a fan picks a video of their segment's topics.
    n_spam : int
        Spam accounts, each commenting on 30 videos.
    seed : int
        Random seed; the same seed gives the same frames.

    Returns
    -------
    SyntheticFans
    """
    rng = np.random.default_rng(seed)
    t0 = pd.Timestamp(start, tz="UTC")
    video_ids = [f"vid{i:04d}" for i in range(n_videos)]
    main_topic = np.arange(n_videos) % len(TOPICS)
    fmt = rng.integers(0, len(FORMATS), n_videos)
    published = [t0 + pd.Timedelta(days=2 * i) for i in range(n_videos)]
    videos = pd.DataFrame(
        {
            "channel_id": channel_id,
            "video_id": video_ids,
            "title": [
                f"{TOPICS[t].title()} {FORMATS[f]} #{i}"
                for i, (t, f) in enumerate(zip(main_topic, fmt, strict=True))
            ],
            "tags": [[TOPICS[t], FORMATS[f]] for t, f in zip(main_topic, fmt, strict=True)],
            "published_at": published,
        }
    )
    appeal = rng.lognormal(0.0, 0.6, n_videos)
    n_seg = len(SEGMENT_SHARES)
    segment = rng.choice(n_seg, size=n_fans, p=np.asarray(SEGMENT_SHARES))
    end = t0 + pd.Timedelta(days=2 * n_videos + 30)
    rows: list[tuple[str, str, str, pd.Timestamp, bool]] = []
    truth = []
    for f in range(n_fans):
        fan = _key(f"{channel_id}:{seed}:fan{f}")
        s = int(segment[f])
        truth.append((fan, s))
        liked = (main_topic // 2) == s
        p = appeal * np.where(liked, affinity, 1.0)
        p /= p.sum()
        n_pick = min(n_videos, 3 + int(rng.poisson(5)))
        picks = rng.choice(n_videos, size=n_pick, replace=False, p=p)
        for v in picks:
            span = max((end - published[v]).total_seconds(), 3600.0)
            ts = published[v] + pd.Timedelta(seconds=float(rng.uniform(0, span)))
            rows.append((fan, video_ids[v], "view", ts, False))
            for event, prob in (("like", 0.3), ("comment", 0.1), ("share", 0.05)):
                if rng.random() < prob:
                    rows.append((fan, video_ids[v], event, ts + pd.Timedelta(minutes=1), False))
    for k in range(n_spam):
        spammer = _key(f"{channel_id}:{seed}:spam{k}")
        for v in rng.choice(n_videos, size=min(30, n_videos), replace=False):
            rows.append(
                (spammer, video_ids[v], "comment", published[v] + pd.Timedelta(hours=1), True)
            )
    inter = pd.DataFrame(rows, columns=["fan_key", "video_id", "event", "ts", "is_spam"])
    inter.insert(0, "channel_id", channel_id)
    inter["event_key"] = [f"e{i}" for i in range(len(inter))]
    inter["weight"] = 1.0
    inter = inter[
        ["channel_id", "fan_key", "video_id", "event", "ts", "event_key", "weight", "is_spam"]
    ]
    return SyntheticFans(videos, inter, pd.DataFrame(truth, columns=["fan_key", "segment"]))
