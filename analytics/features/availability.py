"""Which content features a table can support, and why the others are missing.

Re-exported by :mod:`analytics.features`.
"""

from __future__ import annotations

import pandas as pd

from analytics.features.topics import _HASHTAG as _HASHTAG
from analytics.features.topics import OTHER_TOPIC as OTHER_TOPIC  # re-exported
from analytics.features.topics import _assign_topics as _assign_topics
from analytics.features.topics import _candidates as _candidates
from analytics.features.topics import choose_topics as choose_topics
from analytics.features.topics import hashtags as hashtags
from analytics.features.topics import topic_candidates as topic_candidates


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
