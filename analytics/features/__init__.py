"""Content features per video, known before publishing.

The input is the per-video frame of
:func:`analytics.store.feature_queries.video_rows`. Only the columns in
:data:`PRE_PUBLISH_INPUTS` are read: views, likes, comments, shares, saves,
watch time, completion, CTR and early views are outcomes of the video and can
never reach the feature matrix (``tests/test_features.py`` proves it by
scrambling every outcome column and checking the matrix does not move).

Features (the names used everywhere: CLI, pages, drivers):

=========================  ===========  =====================================
name                       kind         meaning
=========================  ===========  =====================================
``duration_s``             numeric      video length, seconds
``content_type``           categorical  video, short, image post, live, ...
``publish_hour``           numeric      hour 0-23 in the channel's time zone
                                        (NaN where the export gives dates only)
``publish_weekday``        numeric      0 = Monday ... 6 = Sunday, local
``topic``                  categorical  one of the top topics, else "other"
``title_length``           numeric      characters in the title
``title_has_number``       0/1          the title contains a digit
``title_has_question``     0/1          the title contains a question mark
``title_has_emoji``        0/1          the title contains an emoji
``hashtag_count``          numeric      distinct #hashtags in title + caption
``days_since_prev_upload`` numeric      days since the channel's previous upload
``uploads_prev_7d``        numeric      the channel's uploads in the 7 days before
``followers_at_publish``   numeric      followers at publish time (NaN unknown)
``platform``               categorical  youtube, douyin, tiktok, ...
=========================  ===========  =====================================

Topic of a video: its tags (``videos.tags``, lower-case, no ``#``), else the
hashtags in its title or caption, else its category. The topics are a set of
at most ``max_topics`` tags that split the videos into nearly disjoint groups
(see :func:`choose_topics`: brand tags on most videos and sub-topics are
left out); a video gets the largest topic among its candidates, else
``"other"``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics.features.availability import MISSING_REASONS as MISSING_REASONS  # re-exported
from analytics.features.availability import available_features as available_features
from analytics.features.availability import missing_reasons as missing_reasons
from analytics.features.topics import OTHER_TOPIC as OTHER_TOPIC
from analytics.features.topics import _assign_topics
from analytics.features.topics import choose_topics as choose_topics
from analytics.features.topics import hashtags as hashtags
from analytics.features.topics import topic_candidates as topic_candidates

NUMERIC_FEATURES: tuple[str, ...] = (
    "duration_s",
    "publish_hour",
    "publish_weekday",
    "title_length",
    "title_has_number",
    "title_has_question",
    "title_has_emoji",
    "hashtag_count",
    "days_since_prev_upload",
    "uploads_prev_7d",
    "followers_at_publish",
)
CATEGORICAL_FEATURES: tuple[str, ...] = ("content_type", "topic", "platform")
FEATURE_COLUMNS: tuple[str, ...] = (
    "duration_s",
    "content_type",
    "publish_hour",
    "publish_weekday",
    "topic",
    "title_length",
    "title_has_number",
    "title_has_question",
    "title_has_emoji",
    "hashtag_count",
    "days_since_prev_upload",
    "uploads_prev_7d",
    "followers_at_publish",
    "platform",
)
# The only input columns the feature code may read: all known before publishing.
PRE_PUBLISH_INPUTS: tuple[str, ...] = (
    "channel_id",
    "video_id",
    "platform",
    "title",
    "caption",
    "tags",
    "category",
    "content_type",
    "duration_s",
    "published_utc",
    "published_local",
    "publish_time_known",
    "followers_at_publish",
)
# Words naming an outcome of a video; no feature name may contain one.
OUTCOME_WORDS: tuple[str, ...] = (
    "views",
    "likes",
    "comments",
    "shares",
    "saves",
    "watch",
    "completion",
    "ctr",
    "impressions",
    "engagement",
    "retention",
    "avg_view",
    "early",
    "danmaku",
)

_DIGIT = re.compile(r"\d")
_QUESTION = re.compile(r"[?？¿]")
_EMOJI = re.compile(
    "[\U0001f000-\U0001faff\U00002600-\U000027bf\U00002b00-\U00002bff"
    "\U0001f1e6-\U0001f1ff\U00002190-\U000021ff\U00003030\U0000303d\U00003297\U00003299]"
)


def assert_no_outcomes(columns: Iterable[str]) -> None:
    """Raise ValueError if any column name is (or contains) an outcome of the video.

    Parameters
    ----------
    columns : iterable of str
        Column names of a feature matrix.

    Raises
    ------
    ValueError
        A column such as ``views_d7`` or ``likes`` would leak the outcome.
    """
    bad = [c for c in columns if any(word in c.lower() for word in OUTCOME_WORDS)]
    if bad:
        raise ValueError(f"outcome columns cannot be features: {', '.join(bad)}")


@dataclass(frozen=True)
class FeatureTable:
    """Feature matrix of a set of videos.

    Attributes
    ----------
    X : pandas.DataFrame, shape (n_videos, 14)
        Columns :data:`FEATURE_COLUMNS`; categoricals have ``category`` dtype,
        the rest ``float64`` (NaN where unknown).
    keys : pandas.DataFrame, shape (n_videos, 2)
        ``channel_id, video_id`` of each row, aligned with ``X``.
    topics : tuple of str
        The top topics (the levels of ``topic`` besides ``"other"``).
    """

    X: pd.DataFrame
    keys: pd.DataFrame
    topics: tuple[str, ...]


def _cadence(rows: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Days since the previous upload and uploads in the previous 7 days, per row."""
    n = len(rows)
    since = np.full(n, np.nan)
    prev7 = np.zeros(n)
    times = pd.to_datetime(rows["published_utc"]).to_numpy("datetime64[s]").astype("int64")
    week = 7 * 86400
    for _, idx in rows.groupby("channel_id", sort=False).indices.items():
        order = idx[np.argsort(times[idx], kind="stable")]
        t = times[order]
        since[order[1:]] = np.diff(t) / 86400.0
        lo = np.searchsorted(t, t - week, side="left")
        prev7[order] = np.arange(len(t)) - lo
    return since, prev7


def build_features(
    rows: pd.DataFrame,
    topics: Sequence[str] | None = None,
    *,
    max_topics: int = 8,
    min_topic_videos: int = 5,
) -> FeatureTable:
    """Compute the pre-publish features of every video.

    Parameters
    ----------
    rows : pandas.DataFrame, shape (n_videos, ...)
        Rows of :func:`analytics.store.feature_queries.video_rows` (or rows of
        the same shape for a planned video). Only :data:`PRE_PUBLISH_INPUTS`
        are read; outcome columns are dropped first.
    topics : sequence of str, optional
        Fixed topic levels (to score a planned video like the history it was
        trained on); chosen with :func:`choose_topics` when None.
    max_topics, min_topic_videos : int
        Passed to :func:`choose_topics`.

    Returns
    -------
    FeatureTable
        ``X`` with columns :data:`FEATURE_COLUMNS`, rows aligned with ``rows``.
    """
    src = rows[[c for c in PRE_PUBLISH_INPUTS if c in rows.columns]].reset_index(drop=True)
    n = len(src)
    topics = (
        tuple(topics) if topics is not None else choose_topics(src, max_topics, min_topic_videos)
    )
    local = pd.to_datetime(src["published_local"])
    # A publish date without a time (YouTube Studio tables) has no publish hour.
    timed = (
        src["publish_time_known"].fillna(True).astype(bool).to_numpy()
        if "publish_time_known" in src
        else np.ones(n, dtype=bool)
    )
    titles = src["title"] if "title" in src else pd.Series([None] * n)
    titles = titles.where(titles.notna(), "").astype(str)
    captions = src["caption"] if "caption" in src else pd.Series([None] * n)
    since, prev7 = _cadence(src)

    def text_flag(pattern: re.Pattern[str]) -> np.ndarray:
        return np.array([1.0 if pattern.search(t) else 0.0 for t in titles])

    n_hashtags = [
        len(set(hashtags(t)) | set(hashtags(c if isinstance(c, str) else None)))
        for t, c in zip(titles, captions, strict=True)
    ]
    X = pd.DataFrame(
        {
            "duration_s": _numeric(src, "duration_s"),
            "content_type": _category(src.get("content_type"), n),
            "publish_hour": np.where(timed, local.dt.hour.astype(float), np.nan),
            "publish_weekday": local.dt.weekday.astype(float),
            "topic": pd.Categorical(_assign_topics(src, topics), categories=[*topics, OTHER_TOPIC]),
            "title_length": np.where(titles.str.len() > 0, titles.str.len(), np.nan).astype(float),
            "title_has_number": text_flag(_DIGIT),
            "title_has_question": text_flag(_QUESTION),
            "title_has_emoji": text_flag(_EMOJI),
            "hashtag_count": np.asarray(n_hashtags, dtype=float),
            "days_since_prev_upload": since,
            "uploads_prev_7d": prev7,
            "followers_at_publish": _numeric(src, "followers_at_publish"),
            "platform": _category(src.get("platform"), n),
        }
    )[list(FEATURE_COLUMNS)]
    assert_no_outcomes(X.columns)
    return FeatureTable(X=X, keys=src[["channel_id", "video_id"]].copy(), topics=topics)


def _numeric(src: pd.DataFrame, name: str) -> np.ndarray:
    if name not in src:
        return np.full(len(src), np.nan)
    return pd.to_numeric(src[name], errors="coerce").astype(float).to_numpy()


def _category(values: pd.Series | None, n: int) -> pd.Categorical:
    if values is None:
        return pd.Categorical([None] * n, categories=[])
    clean = [str(v).strip().lower() if isinstance(v, str) and v.strip() else None for v in values]
    return pd.Categorical(clean, categories=sorted({c for c in clean if c is not None}))
