"""Differential privacy for what leaves the machine: the "share" release of fan counts.

When a creator shares a report or a CSV with a sponsor or an agency, every
count derived from fans (fans per segment, fans per topic, interactions per
video) is released with calibrated noise from OpenDP's Laplace mechanism,
so no single fan's presence can be told from the numbers:

* **Bounded contribution.** Each fan counts in one segment; in at most
  ``max_topics_per_fan`` topics (the topics of the videos they engaged with
  most); with at most ``max_events_per_fan`` interactions (their earliest).
  So adding or removing one fan changes the segment counts by at most 1, the
  topic counts by at most ``max_topics_per_fan`` and the interaction counts
  by at most ``max_events_per_fan`` in L1 distance: the sensitivities.
* **Fixed keys.** The rows released are fixed before looking at fans: every
  segment id, every topic and every video of the creator's own catalogue, and
  a fixed list of event kinds, zeros included; a row never appears because a
  fan exists.
* **Noise.** ``opendp.measurements.make_laplace`` on the integer count
  vector with ``l1_distance``, scale = sensitivity / epsilon share (the
  discrete Laplace of Canonne, Kamath and Steinke 2020); the epsilon actually
  spent is OpenDP's privacy map of the sensitivity, summed over the three
  releases (sequential composition of pure DP).
* **k-anonymity on the noisy counts.** A noisy count below ``k`` is
  suppressed (post-processing, free of privacy cost).
* **No memberships.** Only counts per key leave; never which fan is in which
  segment, never a fan key.

What this does not cover, said in every release's notes: the segments and
their topic labels are learnt from the same fans (the clustering itself is
not private), so share mode releases segment counts only for the segment ids
and never the segments' descriptions derived from individual fans beyond the
topics already in the catalogue.

Reference: Dwork and Roth, *The Algorithmic Foundations of Differential
Privacy* (2014), sections 3.3 (Laplace mechanism) and 3.5 (composition).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from analytics.errors import AnalyticsError

#: Event kinds released as their own rows; any other kind is counted as "other".
EVENT_KINDS = ("view", "like", "comment", "share", "save", "danmaku", "follow", "other")
#: Key of interactions with videos that are not in the creator's catalogue.
OTHER_VIDEOS = "(other videos)"
DEFAULT_EPSILON = 1.0
DEFAULT_K = 10  # the fans model's smallest shown segment (MIN_SEGMENT_SIZE)
DEFAULT_MAX_TOPICS_PER_FAN = 3
DEFAULT_MAX_EVENTS_PER_FAN = 20


@dataclass(frozen=True)
class ShareConfig:
    """Privacy parameters of one share release.

    Attributes
    ----------
    epsilon : float
        Total privacy budget, split equally over the released tables.
    k : int
        Noisy counts below ``k`` are suppressed.
    max_topics_per_fan : int
        Topics one fan may count in.
    max_events_per_fan : int
        Interactions one fan may contribute.
    """

    epsilon: float = DEFAULT_EPSILON
    k: int = DEFAULT_K
    max_topics_per_fan: int = DEFAULT_MAX_TOPICS_PER_FAN
    max_events_per_fan: int = DEFAULT_MAX_EVENTS_PER_FAN

    def check(self) -> None:
        """Raise :class:`AnalyticsError` for a budget or cap that cannot be used."""
        if not (math.isfinite(self.epsilon) and self.epsilon > 0):
            raise AnalyticsError(
                f"epsilon must be a number above 0 (got {self.epsilon}); 1 is a common choice"
            )
        if self.k < 1 or self.max_topics_per_fan < 1 or self.max_events_per_fan < 1:
            raise AnalyticsError("k and the per-fan caps must be whole numbers of at least 1")


@dataclass
class NoisyCounts:
    """One released table: keys, noisy counts, and what it cost.

    Attributes
    ----------
    table : pandas.DataFrame
        The key columns and ``count`` (noisy, integer; ``None`` where
        suppressed below k) and ``suppressed`` (bool).
    sensitivity : int
        L1 sensitivity (the per-fan cap).
    scale : float
        Laplace scale used (standard deviation is about ``scale * sqrt(2)``).
    epsilon : float
        Privacy spent, from OpenDP's privacy map.
    """

    table: pd.DataFrame
    sensitivity: int
    scale: float
    epsilon: float


@dataclass
class ShareRelease:
    """Everything a share export holds; safe to write to a file that leaves the machine."""

    segments: NoisyCounts | None
    topics: NoisyCounts
    interactions: NoisyCounts
    config: ShareConfig
    notes: list[str] = field(default_factory=list)

    @property
    def epsilon_spent(self) -> float:
        """Total epsilon over the released tables (sequential composition)."""
        parts = [self.topics, self.interactions] + ([self.segments] if self.segments else [])
        return float(sum(p.epsilon for p in parts))

    def long_frame(self) -> pd.DataFrame:
        """All released counts in one frame: ``table``, ``key``, ``event``, ``count``, ``suppressed``."""
        frames = []
        if self.segments is not None:
            s = self.segments.table
            frames.append(
                pd.DataFrame(
                    {
                        "table": "fans_per_segment",
                        "key": s["segment"].astype(str),
                        "event": None,
                        "count": s["count"],
                        "suppressed": s["suppressed"],
                    }
                )
            )
        t = self.topics.table
        frames.append(
            pd.DataFrame(
                {
                    "table": "fans_per_topic",
                    "key": t["topic"],
                    "event": None,
                    "count": t["count"],
                    "suppressed": t["suppressed"],
                }
            )
        )
        i = self.interactions.table
        frames.append(
            pd.DataFrame(
                {
                    "table": "interactions",
                    "key": i["video_id"],
                    "event": i["event"],
                    "count": i["count"],
                    "suppressed": i["suppressed"],
                }
            )
        )
        out = pd.concat(frames, ignore_index=True)
        out["suppressed"] = out["suppressed"].astype(bool)
        out["count"] = out["count"].astype("Int64")
        return out

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready summary (no fan-level value in it)."""
        return {
            "epsilon_spent": round(self.epsilon_spent, 6),
            "epsilon_budget": self.config.epsilon,
            "k": self.config.k,
            "max_topics_per_fan": self.config.max_topics_per_fan,
            "max_events_per_fan": self.config.max_events_per_fan,
            "rows": int(len(self.long_frame())),
            "suppressed": int(self.long_frame()["suppressed"].sum()),
            "notes": list(self.notes),
        }


def laplace_counts(
    counts: Sequence[int], sensitivity: int, epsilon: float
) -> tuple[list[int], float, float]:
    """Release integer counts with OpenDP's discrete Laplace mechanism.

    Parameters
    ----------
    counts : sequence of int, length n
        True counts, one per fixed key.
    sensitivity : int
        L1 distance between the count vectors of two fan bases that differ
        by one fan (the per-fan cap).
    epsilon : float
        Privacy budget of this release.

    Returns
    -------
    (list of int, float, float)
        Noisy counts (length n), the scale used (``sensitivity / epsilon``)
        and the epsilon OpenDP's privacy map gives for ``sensitivity``.
    """
    import opendp.prelude as dp

    dp.enable_features("contrib")
    scale = float(sensitivity) / float(epsilon)
    space = dp.vector_domain(dp.atom_domain(T=int)), dp.l1_distance(T=int)
    meas = dp.m.make_laplace(*space, scale=scale)
    spent = float(meas.map(int(sensitivity)))  # type: ignore[no-untyped-call]
    if not counts:
        return [], scale, spent
    noisy = meas([int(c) for c in counts])
    return [int(v) for v in noisy], scale, spent


def _threshold(frame: pd.DataFrame, noisy: list[int], k: int) -> pd.DataFrame:
    out = frame.copy()
    out["suppressed"] = [v < k for v in noisy]
    out["count"] = pd.array([None if v < k else v for v in noisy], dtype="Int64")
    return out


def cap_events(events: pd.DataFrame, max_events: int) -> pd.DataFrame:
    """Each fan's earliest ``max_events`` interactions (ties by video and event): a fixed rule."""
    ordered = events.sort_values(
        ["fan_key", "ts", "video_id", "event"], na_position="last", kind="stable"
    )
    return ordered.groupby("fan_key", sort=False).head(max_events)


def fan_topics(
    events: pd.DataFrame, video_topics: Mapping[str, Iterable[str]], max_topics: int
) -> pd.DataFrame:
    """``fan_key``, ``topic``: each fan's ``max_topics`` most-engaged topics (ties by name)."""
    rows = [
        (fan, topic)
        for fan, video in zip(events["fan_key"], events["video_id"], strict=True)
        for topic in dict.fromkeys(video_topics.get(str(video)) or ())
    ]
    pairs = pd.DataFrame(rows, columns=["fan_key", "topic"])
    if pairs.empty:
        return pairs
    counted = pairs.value_counts().rename("n").reset_index()
    counted = counted.sort_values(["fan_key", "n", "topic"], ascending=[True, False, True])
    return counted.groupby("fan_key", sort=False).head(max_topics)[["fan_key", "topic"]]


def share_release(
    events: pd.DataFrame,
    video_topics: Mapping[str, Iterable[str]],
    fan_segment: Mapping[str, int] | None = None,
    segment_ids: Sequence[int] = (),
    config: ShareConfig | None = None,
) -> ShareRelease:
    """Noisy fan-derived counts for a share export.

    Parameters
    ----------
    events : pandas.DataFrame
        One row per interaction: ``fan_key``, ``video_id``, ``event``, ``ts``.
    video_topics : mapping of str to iterable of str
        The creator's catalogue: every video id and its topics. Its videos
        and topics are the released keys (zeros included).
    fan_segment : mapping of str to int, optional
        Segment id of each fan (0: hidden); None: no segment table.
    segment_ids : sequence of int
        Every segment id released (fixed by the model, not by a fan).
    config : ShareConfig, optional

    Returns
    -------
    ShareRelease
    """
    cfg = config or ShareConfig()
    cfg.check()
    parts = 3 if fan_segment is not None else 2
    eps = cfg.epsilon / parts
    events = events[["fan_key", "video_id", "event", "ts"]].copy()
    events["video_id"] = events["video_id"].astype(str)
    events["event"] = events["event"].where(events["event"].isin(EVENT_KINDS), "other")

    videos = sorted(str(v) for v in video_topics) + [OTHER_VIDEOS]
    known = set(videos)
    # a video outside the catalogue is never a key of its own (it would exist because of fans)
    events["video_id"] = events["video_id"].where(events["video_id"].isin(known), OTHER_VIDEOS)
    capped = cap_events(events, cfg.max_events_per_fan)
    keys = pd.MultiIndex.from_product([videos, list(EVENT_KINDS)], names=["video_id", "event"])
    per_key = capped.groupby(["video_id", "event"]).size().reindex(keys, fill_value=0)
    noisy, scale, spent = laplace_counts(per_key.tolist(), cfg.max_events_per_fan, eps)
    interactions = NoisyCounts(
        _threshold(keys.to_frame(index=False), noisy, cfg.k), cfg.max_events_per_fan, scale, spent
    )

    topics = sorted({str(t) for tags in video_topics.values() for t in (tags or ())})
    picked = fan_topics(events, video_topics, cfg.max_topics_per_fan)
    per_topic = (
        picked.groupby("topic").size().reindex(topics, fill_value=0)
        if not picked.empty
        else pd.Series(0, index=topics)
    )
    noisy, scale, spent = laplace_counts(per_topic.tolist(), cfg.max_topics_per_fan, eps)
    topic_counts = NoisyCounts(
        _threshold(pd.DataFrame({"topic": topics}), noisy, cfg.k),
        cfg.max_topics_per_fan,
        scale,
        spent,
    )

    segment_counts = None
    if fan_segment is not None:
        ids = sorted({int(s) for s in segment_ids} | {0})
        fans = events["fan_key"].drop_duplicates()
        seg = fans.map(lambda f: int(fan_segment.get(f, 0)))
        per_seg = seg.value_counts().reindex(ids, fill_value=0)
        noisy, scale, spent = laplace_counts(per_seg.tolist(), 1, eps)
        frame = _threshold(pd.DataFrame({"segment": ids}), noisy, cfg.k)
        segment_counts = NoisyCounts(
            frame[frame["segment"] != 0].reset_index(drop=True), 1, scale, spent
        )

    notes = [
        f"differential privacy: epsilon {cfg.epsilon:g} in total, split over {parts} tables",
        f"each fan counts in one segment, at most {cfg.max_topics_per_fan} topics and "
        f"{cfg.max_events_per_fan} interactions",
        f"noisy counts below {cfg.k} are suppressed",
        "segment boundaries are learnt from the same fans; no segment membership is released",
    ]
    return ShareRelease(segment_counts, topic_counts, interactions, cfg, notes)


def discrete_laplace_std(scale: float) -> float:
    """Standard deviation of the discrete Laplace distribution with ``scale``.

    ``sqrt(2 q) / (1 - q)`` with ``q = exp(-1 / scale)``; about
    ``scale * sqrt(2)`` for large scales.
    """
    q = math.exp(-1.0 / scale)
    return math.sqrt(2.0 * q) / (1.0 - q)


__all__ = [
    "EVENT_KINDS",
    "NoisyCounts",
    "ShareConfig",
    "ShareRelease",
    "cap_events",
    "discrete_laplace_std",
    "fan_topics",
    "laplace_counts",
    "share_release",
]
