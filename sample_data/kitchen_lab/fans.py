"""The fan interaction log: fans in planted segments watching videos."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np

from sample_data.kitchen_lab.params import (
    EXPORT_END,
    FAN_POPULARITY_POWER,
    N_FANS,
    SEGMENT_OFF_TOPIC_WEIGHT,
    SEGMENT_SHARE,
    SEGMENT_TOPICS,
    UTC,
    YT_TZ,
)
from sample_data.kitchen_lab.plan import Video, balanced_labels, rng_for

# --------------------------------------------------------------------------
# Fans
# --------------------------------------------------------------------------


def build_fans(videos: list[Video]) -> tuple[list[int], list[tuple[str, str, str, dt.datetime]]]:
    """Fan segments and fan x video events on the YouTube videos.

    A fan of segment s picks videos with probability proportional to
    topic preference (1 for the segment's two topics, 0.05 otherwise) x
    lifetime views ** 0.6 (popular videos draw more fans). Each fan views
    5 + NegBin(1, 0.22) distinct videos and likes / comments / shares some
    of them; totals are kept within 5..40 events per fan.
    """
    rng = rng_for(7)
    end_utc = dt.datetime.combine(EXPORT_END, dt.time(23, 59, 59), YT_TZ).astimezone(UTC)
    views = np.array([v.metrics["views"] for v in videos], dtype=float)
    pub = [v.published_local.astimezone(UTC) for v in videos]
    segments = balanced_labels(rng, {str(s): p for s, p in enumerate(SEGMENT_SHARE)}, N_FANS)
    segs = [int(s) for s in segments]
    probs = []
    for topics in SEGMENT_TOPICS:
        pref = np.array([1.0 if v.topic in topics else SEGMENT_OFF_TOPIC_WEIGHT for v in videos])
        p = pref * views**FAN_POPULARITY_POWER
        probs.append(p / p.sum())
    events = []
    for f, seg in enumerate(segs):
        fan = f"fan_{f:05d}"
        k = int(min(5 + rng.negative_binomial(1.0, 0.22), 28))
        picks = rng.choice(len(videos), size=k, replace=False, p=probs[seg])
        fan_events = []
        for j in picks.tolist():
            room = (end_utc - pub[j]).total_seconds()
            delay = min(
                math.exp(rng.normal(math.log(20 * 3600), 1.3)), room * rng.uniform(0.3, 0.95)
            )
            seen = pub[j] + dt.timedelta(seconds=max(60.0, delay))
            seen = seen.replace(microsecond=0)
            fan_events.append((fan, videos[j].video_id, "view", seen))
            for event, p, lag in (("like", 0.25, 15), ("comment", 0.08, 30), ("share", 0.05, 20)):
                if rng.random() < p:
                    ts = seen + dt.timedelta(seconds=int(rng.integers(30, lag * 60)))
                    fan_events.append((fan, videos[j].video_id, event, min(ts, end_utc)))
        views_only = [e for e in fan_events if e[2] == "view"]
        extra = [e for e in fan_events if e[2] != "view"]
        if len(fan_events) > 40:
            fan_events = views_only + extra[: 40 - len(views_only)]
        events.extend(fan_events)
    events.sort(key=lambda e: (e[3], e[0], e[1], e[2]))
    return segs, events
