"""Synthetic channel histories with known (planted) effects.

Used by the model tests and the model benchmark: a channel whose videos get
more exposure for some content features and none for others, so a test can
check that the drivers found are the planted ones. The frames have the
columns of the store tables (``channels``, ``videos``, ``video_daily``,
``video_totals``, ``channel_daily``) and can be written into a store with
:func:`analytics.store.bulk_load.insert_frames`.

Planted effects on exposure (multiplicative, on top of a slowly growing
channel level and log-normal noise):

- duration 20-60 s: 1.8x, 60-180 s: 1.3x, under 20 s: 1.2x, over 180 s: 1.0x;
- publish hour 18:00-21:59 in the channel's time zone: 1.5x;
- topic ``cooking``: 2.0x, ``vlog``: 0.7x, every other topic 1.0x;
- title length and weekday: no effect.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

TOPICS = ("cooking", "vlog", "travel", "tech", "diy", "fitness")
TOPIC_EFFECT = {"cooking": 2.0, "vlog": 0.7}
HOUR_EFFECT = 1.5  # 18:00-21:59 local
# share of the first 7 days' views on each day since publish (sums to 1)
_DAY_SHARES = np.array([0.30, 0.22, 0.15, 0.11, 0.09, 0.07, 0.06])
_WORDS = (
    "how",
    "to",
    "make",
    "the",
    "best",
    "easy",
    "quick",
    "my",
    "day",
    "in",
    "a",
    "new",
    "why",
    "this",
    "week",
    "first",
    "time",
    "trying",
    "real",
    "simple",
    "guide",
    "one",
)


def duration_effect(duration_s: np.ndarray) -> np.ndarray:
    """Planted exposure multiplier of a video length in seconds, shape (n,)."""
    d = np.asarray(duration_s, dtype=float)
    return np.select([d < 20, d <= 60, d <= 180], [1.2, 1.8, 1.3], default=1.0)


@dataclass
class SyntheticHistory:
    """Store-shaped frames of one or more synthetic channels."""

    channels: pd.DataFrame
    videos: pd.DataFrame
    video_daily: pd.DataFrame
    video_totals: pd.DataFrame
    channel_daily: pd.DataFrame
    truth: pd.DataFrame = field(default_factory=pd.DataFrame)

    def frames(self) -> dict[str, pd.DataFrame]:
        """The frames by store table name (empty frames left out)."""
        out = {
            "channels": self.channels,
            "videos": self.videos,
            "video_daily": self.video_daily,
            "video_totals": self.video_totals,
            "channel_daily": self.channel_daily,
        }
        return {k: v for k, v in out.items() if len(v)}


def _title(rng: np.random.Generator, topic: str) -> str:
    n_words = int(rng.integers(2, 14))
    words = list(rng.choice(_WORDS, size=n_words))
    words.insert(int(rng.integers(0, n_words + 1)), topic)
    title = " ".join(words).capitalize()
    if rng.random() < 0.3:
        title += f" {int(rng.integers(2, 20))} ways"
    if rng.random() < 0.2:
        title += "?"
    if rng.random() < 0.15:
        title += " \U0001f525"
    return title


def synthetic_channel(
    n_videos: int = 130,
    *,
    channel_id: str = "UC_synthetic",
    platform: str = "youtube",
    time_zone: str = "America/New_York",
    start: dt.date = dt.date(2024, 1, 1),
    daily: bool = True,
    export_date: dt.date | None = None,
    level: float = 2000.0,
    noise_sigma: float = 0.35,
    seed: int = 0,
) -> SyntheticHistory:
    """One synthetic channel with the planted effects of this module.

    Parameters
    ----------
    n_videos : int
        Number of videos, published every 1-4 days from ``start``.
    channel_id, platform, time_zone : str
        The ``channels`` row; ``time_zone`` is an IANA name.
    start : datetime.date
        Day of the first upload.
    daily : bool
        True: per-day views (``video_daily``) for the first 10 days of each
        video, as a YouTube Studio per-video daily export has them. False:
        one lifetime ``video_totals`` row per video as of ``export_date``, as
        a Douyin work list has them.
    export_date : datetime.date, optional
        ``as_of`` of the totals (default: 20 days after the last upload).
    level : float
        Typical day-7 views of a plain video at the start, count.
    noise_sigma : float
        Standard deviation of the log-normal noise on exposure.
    seed : int
        Random seed; the same arguments always give the same frames.

    Returns
    -------
    SyntheticHistory
        ``truth`` holds per video the expected day-7 views (``expected_views_d7``)
        and the planted multipliers.
    """
    rng = np.random.default_rng(seed)
    tz = ZoneInfo(time_zone)
    gaps = rng.integers(1, 5, size=n_videos)
    days = np.cumsum(gaps) - gaps[0]
    hours = rng.integers(7, 24, size=n_videos)
    minutes = rng.integers(0, 60, size=n_videos)
    dur_kind = rng.choice(4, size=n_videos, p=[0.15, 0.35, 0.25, 0.25])
    duration = np.where(
        dur_kind == 0,
        rng.integers(8, 20, n_videos),
        np.where(
            dur_kind == 1,
            rng.integers(20, 61, n_videos),
            np.where(
                dur_kind == 2, rng.integers(61, 181, n_videos), rng.integers(181, 600, n_videos)
            ),
        ),
    ).astype(float)
    topic = rng.choice(TOPICS, size=n_videos, p=[0.2, 0.2, 0.15, 0.15, 0.15, 0.15])
    local = [
        dt.datetime.combine(start + dt.timedelta(days=int(d)), dt.time(int(h), int(m)), tzinfo=tz)
        for d, h, m in zip(days, hours, minutes, strict=True)
    ]
    published = pd.to_datetime([t.astimezone(dt.UTC) for t in local], utc=True)
    growth = np.exp(0.25 * days / max(days.max(), 1))
    mult = (
        duration_effect(duration)
        * np.where((hours >= 18) & (hours <= 21), HOUR_EFFECT, 1.0)
        * np.array([TOPIC_EFFECT.get(t, 1.0) for t in topic])
    )
    expected = level * growth * mult
    views_d7 = np.maximum(1, np.round(expected * rng.lognormal(0.0, noise_sigma, n_videos)))
    er = np.clip(0.05 * rng.lognormal(0.0, 0.3, n_videos), 0.001, 0.5)
    video_ids = [f"{channel_id}-v{i:04d}" for i in range(n_videos)]
    titles = [_title(rng, str(t)) for t in topic]
    videos = pd.DataFrame(
        {
            "channel_id": channel_id,
            "video_id": video_ids,
            "title": titles,
            "caption": [f"{t} #{tp}" for t, tp in zip(titles, topic, strict=True)],
            "published_at": published,
            "duration_s": duration,
            "content_type": np.where(duration <= 60, "short", "video"),
            "tags": [[str(t)] for t in topic],
            "category": "People & Blogs",
        }
    )
    followers0 = 10_000.0
    last_day = int(days.max()) + 20
    cal = [start + dt.timedelta(days=i) for i in range(last_day + 1)]
    followers = np.round(followers0 * np.exp(0.25 * np.arange(last_day + 1) / max(days.max(), 1)))
    channel_daily = pd.DataFrame(
        {"channel_id": channel_id, "date": cal, "followers_total": followers.astype(np.int64)}
    )
    daily_rows: list[dict[str, object]] = []
    totals = pd.DataFrame()
    if daily:
        for vid, t, v7, e in zip(video_ids, local, views_d7, er, strict=True):
            per_day = np.round(v7 * _DAY_SHARES).astype(np.int64)
            per_day[0] += int(v7) - int(per_day.sum())
            tail = np.round(per_day[-1] * 0.8 ** np.arange(1, 4)).astype(np.int64)
            for k, views in enumerate(np.concatenate([per_day, tail])):
                daily_rows.append(
                    {
                        "channel_id": channel_id,
                        "video_id": vid,
                        "date": t.date() + dt.timedelta(days=k),
                        "views": int(views),
                        "likes": int(round(views * e * 0.8)),
                        "comments": int(round(views * e * 0.15)),
                        "shares": int(round(views * e * 0.05)),
                    }
                )
    else:
        as_of = export_date or (start + dt.timedelta(days=last_day))
        age = np.array([(as_of - t.date()).days + 1 for t in local], dtype=float)
        lifetime = np.round(views_d7 / 7.0 * np.minimum(age, 28.0)).astype(np.int64)
        totals = pd.DataFrame(
            {
                "channel_id": channel_id,
                "video_id": video_ids,
                "as_of": as_of,
                "views": lifetime,
                "likes": np.round(lifetime * er * 0.8).astype(np.int64),
                "comments": np.round(lifetime * er * 0.1).astype(np.int64),
                "shares": np.round(lifetime * er * 0.05).astype(np.int64),
                "saves": np.round(lifetime * er * 0.05).astype(np.int64),
                "completion_rate": np.clip(
                    0.6 - duration / 1500 + rng.normal(0, 0.05, n_videos), 0.01, 1
                ),
            }
        )
        channel_daily = channel_daily[channel_daily["date"] <= as_of]
    channels = pd.DataFrame(
        {
            "channel_id": [channel_id],
            "platform": [platform],
            "display_name": [f"Synthetic {platform}"],
            "time_zone": [time_zone],
        }
    )
    truth = pd.DataFrame(
        {
            "channel_id": channel_id,
            "video_id": video_ids,
            "expected_views_d7": expected,
            "views_d7": views_d7,
            "multiplier": mult,
            "topic": topic,
            "duration_s": duration,
            "publish_hour": hours,
            "publish_weekday": [t.weekday() for t in local],
        }
    )
    return SyntheticHistory(
        channels, videos, pd.DataFrame(daily_rows), totals, channel_daily, truth
    )


def combine(*histories: SyntheticHistory) -> SyntheticHistory:
    """Concatenate several synthetic channels into one history."""

    def cat(name: str) -> pd.DataFrame:
        parts = [getattr(h, name) for h in histories if len(getattr(h, name))]
        return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()

    return SyntheticHistory(
        cat("channels"),
        cat("videos"),
        cat("video_daily"),
        cat("video_totals"),
        cat("channel_daily"),
        cat("truth"),
    )
