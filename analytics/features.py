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
OTHER_TOPIC = "other"

_DIGIT = re.compile(r"\d")
_QUESTION = re.compile(r"[?？¿]")
_HASHTAG = re.compile(r"#([^\s#.,!?;:，。！？、#]+)")
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


def available_features(X: pd.DataFrame) -> tuple[list[str], list[str]]:
    """Split feature names into those with information and those without.

    A feature is unavailable when every value is missing or all values are
    equal (one platform, no duration exported, ...): it cannot explain
    anything and is left out of the models.

    Returns
    -------
    (available, unavailable) : tuple of two lists of str
    """
    available: list[str] = []
    unavailable: list[str] = []
    for col in X.columns:
        values = X[col].dropna()
        (available if values.nunique() > 1 else unavailable).append(str(col))
    return available, unavailable


#: Why a feature is missing, by code (texts ``features.missing.<code>`` in the catalogues).
MISSING_REASONS: tuple[str, ...] = (
    "dates_only",
    "not_exported",
    "no_follower_history",
    "no_shared_topics",
    "no_hashtags",
    "one_platform",
    "one_format",
    "all_same",
)


def missing_reasons(rows: pd.DataFrame, X: pd.DataFrame) -> dict[str, str]:
    """Why each feature without information is missing, as a reason code.

    Parameters
    ----------
    rows : pandas.DataFrame
        The per-video rows the features were built from.
    X : pandas.DataFrame
        Their feature matrix (:attr:`FeatureTable.X`).

    Returns
    -------
    dict of str to str
        Feature name to one of :data:`MISSING_REASONS`, for every feature of
        ``X`` that :func:`available_features` leaves out; e.g.
        ``{"publish_hour": "dates_only"}`` for a YouTube Studio table, whose
        ``Video publish time`` is a date.
    """
    _, unavailable = available_features(X)
    out: dict[str, str] = {}
    for col in unavailable:
        values = X[col].dropna()
        if col == "publish_hour" and "publish_time_known" in rows:
            known = rows["publish_time_known"].fillna(True).astype(bool)
            out[col] = "dates_only" if not known.any() else "all_same"
        elif col == "followers_at_publish" and values.empty:
            out[col] = "no_follower_history"
        elif col == "topic":
            out[col] = "no_shared_topics"
        elif col == "hashtag_count" and (values == 0).all():
            out[col] = "no_hashtags"
        elif col == "platform":
            out[col] = "one_platform"
        elif col == "content_type" and not values.empty:
            out[col] = "one_format"
        elif values.empty:
            out[col] = "not_exported"
        else:
            out[col] = "all_same"
    return out
