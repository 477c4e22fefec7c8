"""Topic assignment: one topic per video from its tags and title."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from analytics.features import topic_candidates
from analytics.growth.constants import BRAND_TAG_SHARE


def _norm_name(text: object) -> str:
    return "".join(ch for ch in str(text).casefold() if ch.isalnum())


def assign_topics(
    rows: pd.DataFrame, *, min_videos: int = 3, brand_share: float = BRAND_TAG_SHARE
) -> pd.Series:
    """One topic per video from its tags (else hashtags, else category).

    Per channel: a tag that names the channel (equal to its display name or
    id, ignoring case, spaces and punctuation: ``kitchen lab`` on "Kitchen
    Lab") or that is on more than ``brand_share`` of the channel's videos
    (a catch-all hashtag) is skipped; tags carried by exactly the same
    videos are one topic (``cooking`` / ``美食``), named by the tag used
    most over the whole store; among the remaining tags on at least
    ``min_videos`` of the channel's videos, a video gets the one on most of
    the channel's videos (ties: the tag used most over the store, then the
    name).

    Parameters
    ----------
    rows : pandas.DataFrame, shape (n_videos, ...)
        Columns ``channel_id, tags, title, caption, category`` and,
        optionally, ``display_name`` (missing columns count as empty).
    min_videos : int
        Smallest number of a channel's videos a topic must be on.
    brand_share : float
        Share of a channel's videos above which a tag names the channel.

    Returns
    -------
    pandas.Series of object, shape (n_videos,)
        The topic (lower-case tag) or None; index aligned with ``rows``.
    """

    def col(name: str) -> list[object]:
        return list(rows[name]) if name in rows else [None] * len(rows)

    cands = [
        topic_candidates(t, ti, c, ca)
        for t, ti, c, ca in zip(
            col("tags"), col("title"), col("caption"), col("category"), strict=True
        )
    ]
    global_counts: Counter[str] = Counter()
    for c in cands:
        global_counts.update(set(c))
    channels = np.asarray(col("channel_id"), dtype=object)
    names = col("display_name")
    out: list[str | None] = [None] * len(rows)
    for ch in pd.unique(channels):
        idx = np.flatnonzero(channels == ch)
        own = {_norm_name(ch)} | {_norm_name(names[i]) for i in idx if isinstance(names[i], str)}
        own.discard("")
        counts: Counter[str] = Counter()
        members: dict[str, set[int]] = {}
        for i in idx:
            for tag in set(cands[i]):
                counts[tag] += 1
                members.setdefault(tag, set()).add(int(i))
        n = len(idx)
        brand = {
            t
            for t, c in counts.items()
            if _norm_name(t) in own or (n >= 10 and c > brand_share * n)
        }
        same: dict[frozenset[int], list[str]] = {}
        for tag, vids in members.items():
            same.setdefault(frozenset(vids), []).append(tag)
        label = {}
        for tags in same.values():
            name = min(tags, key=lambda t: (-global_counts[t], len(t), t))
            for tag in tags:
                label[tag] = name
        for i in idx:
            ok = [t for t in cands[i] if t not in brand and counts[t] >= min_videos]
            if ok:
                best = min(ok, key=lambda t: (-counts[t], -global_counts[label[t]], label[t]))
                out[i] = label[best]
    return pd.Series(out, index=rows.index, dtype=object)
