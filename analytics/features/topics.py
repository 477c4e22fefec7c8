"""Topics of videos from their hashtags: candidates, the chosen topic list, one topic per video.

Re-exported by :mod:`analytics.features`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

OTHER_TOPIC = "other"
_HASHTAG = re.compile(r"#([^\s#.,!?;:，。！？、#]+)")


def hashtags(text: str | None) -> list[str]:
    """Return the distinct hashtags of a text, lower-case without ``#``, in order."""
    if not isinstance(text, str):
        return []
    seen: dict[str, None] = {}
    for tag in _HASHTAG.findall(text):
        seen.setdefault(tag.lower(), None)
    return list(seen)


def topic_candidates(tags: object, title: object, caption: object, category: object) -> list[str]:
    """Topic candidates of one video: its tags, else hashtags, else its category."""
    if isinstance(tags, (list, tuple, np.ndarray)) and len(tags):
        out = [str(t).strip().lower().lstrip("#") for t in tags if t is not None]
        out = [t for t in out if t]
        if out:
            return list(dict.fromkeys(out))
    found = hashtags(title if isinstance(title, str) else None) + hashtags(
        caption if isinstance(caption, str) else None
    )
    if found:
        return list(dict.fromkeys(found))
    if isinstance(category, str) and category.strip():
        return [category.strip().lower()]
    return []


def choose_topics(
    rows: pd.DataFrame, max_topics: int = 8, min_topic_videos: int = 5, overlap: float = 0.3
) -> tuple[str, ...]:
    """Return topics that split the videos into (nearly) disjoint groups, largest first.

    Tags mix topics ("cooking") with brand tags on most videos ("kitchen
    lab"), translations of one topic ("美食" and "cooking") and sub-topics
    ("pasta"). Two tags conflict when they share at least ``overlap`` of the
    smaller one's videos; the chosen topics are an independent set of the
    conflict graph of large weight (videos covered), found with the greedy
    rule that picks the tag maximising ``videos / (conflicts + 1)``
    (Sakai, Togasaki & Yamazaki 2003, GWMIN). A tag on 95 % or more of the
    videos tells nothing apart and is never a topic.

    Parameters
    ----------
    rows : pandas.DataFrame
        Per-video rows with ``tags, title, caption, category``.
    max_topics : int
        At most this many topics.
    min_topic_videos : int
        A topic must be on at least this many videos.
    overlap : float
        Shared fraction above which two tags conflict.

    Returns
    -------
    tuple of str
        Topics ordered by number of videos (ties alphabetical).
    """
    cands = _candidates(rows)
    videos: dict[str, set[int]] = {}
    for i, tags in enumerate(cands):
        for t in set(tags):
            videos.setdefault(t, set()).add(i)
    n = max(len(cands), 1)
    nodes = {
        t
        for t, v in videos.items()
        if len(v) >= min_topic_videos and len(v) < 0.95 * n and t != OTHER_TOPIC
    }
    conflicts: dict[str, set[str]] = {t: set() for t in nodes}
    ordered = sorted(nodes)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            shared = len(videos[a] & videos[b])
            if shared >= overlap * min(len(videos[a]), len(videos[b])):
                conflicts[a].add(b)
                conflicts[b].add(a)
    chosen: list[str] = []
    while nodes and len(chosen) < max_topics:
        best = max(
            nodes,
            key=lambda t: (
                len(videos[t]) / (len(conflicts[t] & nodes) + 1),
                len(videos[t]),
                [-ord(c) for c in t],
            ),
        )
        chosen.append(best)
        nodes -= conflicts[best] | {best}
    return tuple(sorted(chosen, key=lambda t: (-len(videos[t]), t)))


def _candidates(rows: pd.DataFrame) -> list[list[str]]:
    def col(name: str) -> list[object]:
        return list(rows[name]) if name in rows else [None] * len(rows)

    return [
        topic_candidates(t, ti, c, ca)
        for t, ti, c, ca in zip(
            col("tags"), col("title"), col("caption"), col("category"), strict=True
        )
    ]


def _assign_topics(rows: pd.DataFrame, topics: Sequence[str]) -> list[str]:
    rank = {t: i for i, t in enumerate(topics)}
    out = []
    for cands in _candidates(rows):
        inside = [c for c in cands if c in rank]
        out.append(min(inside, key=rank.__getitem__) if inside else OTHER_TOPIC)
    return out
