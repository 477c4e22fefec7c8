"""What the fitted fans model recommends: similar videos by tags, topics fans want,
back-catalogue picks per segment, and the demand effect behind a fan card.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from analytics.models.fans.fit import FansModel
from analytics.models.fans.matrix import Ranked, tag_index
from analytics.models.fans.segments import Segmentation
from analytics.models.ranking_metrics import top_k


def similar_by_tags(
    model: FansModel,
    tags: Iterable[str],
    video_tags: Mapping[str, Iterable[str]],
    n: int = 10,
    exclude: Iterable[str] = (),
) -> Ranked:
    """Cold start: videos similar to a new video, through its tags.

    Each topic gets a vector, the mean unit item factor of the videos with
    fans that carry it; the new video's vector is the mean of its topics'
    vectors, and videos are ranked by cosine to it.

    Parameters
    ----------
    model : FansModel
        Fitted.
    tags : iterable of str
        The new video's topics.
    video_tags : mapping of str to iterable of str
        ``video_id`` -> topics, for the videos of the catalogue.
    n : int
        Number of videos.
    exclude : iterable of str
        Video ids never returned (e.g. the new video itself).

    Returns
    -------
    Ranked
        ``known=False`` when none of the tags is on a video with fans.
    """
    model._check_fitted()
    wanted = sorted({str(t).strip().lower() for t in tags if str(t).strip()})
    query = ", ".join(wanted) or "(no tags)"
    if not wanted:
        return Ranked(
            query,
            False,
            message="the video has no tags, so nothing links it to videos with fans yet",
        )
    index = tag_index(video_tags)
    unit = model._unit_items()
    vectors, used = [], []
    for tag in wanted:
        pos = model.items_.indices(index.get(tag, []))
        pos = pos[pos >= 0]
        if pos.size:
            vectors.append(unit[pos].mean(axis=0))
            used.append(tag)
    if not vectors:
        return Ranked(
            query,
            False,
            message=f"none of the tags ({query}) is on a video with fans "
            "yet, so there is nothing to compare with",
        )
    vec = np.mean(vectors, axis=0)
    norm = np.linalg.norm(vec)
    cos = ((unit @ vec) / (norm if norm > 0 else 1.0)).astype(np.float64)[None, :]
    ex = model.items_.indices(list(exclude))
    cos[0, ex[ex >= 0]] = -np.inf
    best = top_k(cos, n)[0]
    best = best[best >= 0]
    missing = sorted(set(wanted) - set(used))
    note = f"matched through tags: {', '.join(used)}"
    if missing:
        note += f"; not on any video with fans: {', '.join(missing)}"
    return Ranked(
        query,
        True,
        model.items_.keys_of(best),
        [float(s) for s in cos[0, best]],
        message=note,
        method="tags",
    )


def _segment_item_scores(model: FansModel, labels: np.ndarray, segment: int) -> np.ndarray:
    members = np.flatnonzero(labels == segment) if segment > 0 else np.flatnonzero(labels >= 0)
    centre = model.user_factors_[members].astype(np.float64).mean(axis=0)
    return np.asarray(model.item_factors_.astype(np.float64) @ centre)


def topics_fans_want(
    model: FansModel,
    segmentation: Segmentation,
    video_tags: Mapping[str, Iterable[str]],
    posted_tags: Mapping[str, Iterable[str]] | None = None,
    *,
    min_videos: int = 2,
) -> pd.DataFrame:
    """Each segment's appetite for each topic against how often the creator posts it.

    For a segment, every video gets the ALS-predicted preference of the
    segment's average fan (negative clipped to 0). A topic's appetite is the
    mean preference of its videos; ``demand_share`` normalises appetites to
    sum to 1 over the topics ("how the segment's attention would split if
    each topic were posted equally"). ``posting_share`` is the topic's share
    of the creator's tagged videos. ``gap = demand_share - posting_share``:
    positive means fans want more of the topic than is posted (the
    opportunity).

    Parameters
    ----------
    model : FansModel
        Fitted.
    segmentation : Segmentation
        From :func:`segment_fans`; segment 0 in the output is all fans.
    video_tags : mapping of str to iterable of str
        Topics of the videos in the model.
    posted_tags : mapping of str to iterable of str, optional
        Topics of every video the creator posted (default ``video_tags``).
    min_videos : int
        Topics posted on fewer videos are left out (too little evidence).

    Returns
    -------
    pandas.DataFrame
        Columns ``segment`` (0 = all fans), ``topic``, ``videos`` (posted),
        ``demand_share``, ``posting_share``, ``gap`` (fractions); sorted by
        segment then gap, largest first.
    """
    model._check_fitted()
    posted = tag_index(posted_tags if posted_tags is not None else video_tags)
    in_model = tag_index(video_tags)
    topics = sorted(
        t
        for t, vids in posted.items()
        if len(set(vids)) >= min_videos and (model.items_.indices(in_model.get(t, [])) >= 0).any()
    )
    cols = ["segment", "topic", "videos", "demand_share", "posting_share", "gap"]
    if not topics:
        return pd.DataFrame(columns=cols)
    n_posted = np.array([len(set(posted[t])) for t in topics], dtype=np.float64)
    posting_share = n_posted / n_posted.sum()
    positions = [model.items_.indices(in_model[t]) for t in topics]
    positions = [p[p >= 0] for p in positions]
    rows = []
    for seg in [0] + [s.id for s in segmentation.segments]:
        scores = np.clip(_segment_item_scores(model, segmentation.labels, seg), 0.0, None)
        appetite = np.array([scores[p].mean() for p in positions])
        total = appetite.sum()
        demand = appetite / total if total > 0 else np.full(len(topics), 1.0 / len(topics))
        for t, topic in enumerate(topics):
            rows.append(
                (
                    seg,
                    topic,
                    int(n_posted[t]),
                    float(demand[t]),
                    float(posting_share[t]),
                    float(demand[t] - posting_share[t]),
                )
            )
    frame = pd.DataFrame(rows, columns=cols)
    return frame.sort_values(
        ["segment", "gap", "topic"], ascending=[True, False, True], ignore_index=True
    )


# ------------------------------------------------------------ back catalogue
def back_catalogue_picks(
    model: FansModel,
    segmentation: Segmentation,
    published_at: Mapping[str, Any] | None = None,
    *,
    n: int = 5,
    min_age_days: float = 30.0,
    max_reached: float = 0.5,
    as_of: pd.Timestamp | None = None,
) -> pd.DataFrame:
    """Older videos worth re-promoting to each segment.

    A pick is a back-catalogue video (published at least ``min_age_days``
    before ``as_of``, default the newest publish time) that at most
    ``max_reached`` of the segment's fans interacted with, ranked by the
    mean ALS-predicted preference of the segment's fans who have not.
    Videos without a publish time count as back catalogue.

    Returns
    -------
    pandas.DataFrame
        Columns ``segment``, ``video_id``, ``predicted_preference`` (mean
        over unreached fans), ``reached_share`` (fraction of the segment
        already reached), ``unreached_fans`` (count), ``age_days`` (NaN when
        unknown); at most ``n`` rows per segment.
    """
    model._check_fitted()
    cols = [
        "segment",
        "video_id",
        "predicted_preference",
        "reached_share",
        "unreached_fans",
        "age_days",
    ]
    n_items = len(model.items_)
    ages = np.full(n_items, np.nan)
    if published_at:
        stamps = pd.to_datetime(
            pd.Series([published_at.get(k) for k in model.items_.keys]), utc=True, errors="coerce"
        )
        ref = pd.Timestamp(as_of) if as_of is not None else stamps.max()
        if ref is not None and not pd.isna(ref):
            ref = ref.tz_localize("UTC") if ref.tzinfo is None else ref
            ages = ((ref - stamps).dt.total_seconds() / 86400.0).to_numpy(dtype=np.float64)
    eligible = np.isnan(ages) | (ages >= min_age_days)
    binary = model.user_items_.tocsr(copy=True).astype(np.float32)
    binary.data[:] = 1.0
    rows = []
    for seg in segmentation.segments:
        members = np.flatnonzero(segmentation.labels == seg.id)
        sub = binary[members]
        reached = np.asarray(sub.sum(axis=0)).ravel()
        total_score = model.item_factors_.astype(np.float64) @ model.user_factors_[members].astype(
            np.float64
        ).sum(axis=0)
        # Subtract the scores of (member, video) pairs already reached.
        coo = sub.tocoo()
        seen_scores = np.einsum(
            "ij,ij->i",
            model.user_factors_[members[coo.row]].astype(np.float64),
            model.item_factors_[coo.col].astype(np.float64),
        )
        seen_total = np.bincount(coo.col, weights=seen_scores, minlength=n_items)
        unreached = members.size - reached
        with np.errstate(invalid="ignore", divide="ignore"):
            pref = np.where(unreached > 0, (total_score - seen_total) / unreached, np.nan)
        share = reached / members.size
        ok = eligible & (share <= max_reached) & (unreached > 0)
        cand = np.flatnonzero(ok)
        cand = cand[np.lexsort((cand, -pref[cand]))][:n]
        for i in cand:
            rows.append(
                (
                    seg.id,
                    model.items_.key_of(int(i)),
                    float(pref[i]),
                    float(share[i]),
                    int(unreached[i]),
                    float(ages[i]),
                )
            )
    return pd.DataFrame(rows, columns=cols)


def per_fan_topic_shares(
    model: FansModel,
    topics: list[str],
    video_tags: Mapping[str, Iterable[str]],
    fans: np.ndarray | None = None,
    *,
    batch: int = 4096,
) -> np.ndarray:
    """Each fan's own demand share of each topic, shape (n_fans, n_topics).

    For fan ``u``, every video gets the predicted preference ``x_u . y_i``
    (negative clipped to 0); a topic's appetite is the mean over its
    videos, and the fan's shares are the appetites normalised to sum to 1
    (equal shares for a fan with no positive preference). Intervals then
    resample these rows: fans, not the mean fan vector.
    """
    model._check_fitted()
    index = tag_index(video_tags)
    positions = []
    for t in topics:
        pos = model.items_.indices(index.get(t, []))
        positions.append(pos[pos >= 0])
    rows = np.arange(len(model.users_)) if fans is None else np.asarray(fans, dtype=np.int64)
    items = model.item_factors_.astype(np.float64)
    out = np.empty((rows.size, len(topics)))
    for start in range(0, rows.size, batch):
        users = model.user_factors_[rows[start : start + batch]].astype(np.float64)
        scores = np.clip(users @ items.T, 0.0, None)
        appetite = np.column_stack(
            [scores[:, p].mean(axis=1) if p.size else np.zeros(len(users)) for p in positions]
        )
        total = appetite.sum(axis=1, keepdims=True)
        even = np.full_like(appetite, 1.0 / max(len(topics), 1))
        out[start : start + batch] = np.divide(appetite, total, out=even, where=total > 0)
    return out


def topic_demand_effect(
    shares: np.ndarray, column: int, posting_share: float, *, n_boot: int = 300, seed: int = 0
) -> tuple[float, float, float]:
    """Demand of one topic against its posting share, with a 95 % interval over fans.

    Parameters
    ----------
    shares : ndarray, shape (n_fans, n_topics)
        From :func:`per_fan_topic_shares`.
    column : int
        The topic's column.
    posting_share : float
        The topic's share of the creator's tagged videos (> 0).

    Returns
    -------
    (ratio, low, high)
        ``mean over fans of the topic's share / posting_share`` and the
        2.5 / 97.5 % percentiles of that ratio over fans resampled with
        replacement; the point always lies inside its interval's range of
        resamples' support.
    """
    col = shares[:, column]
    if col.size == 0 or posting_share <= 0:
        return float("nan"), float("nan"), float("nan")
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, col.size, size=(n_boot, col.size))
    boots = col[idx].mean(axis=1) / posting_share
    lo, hi = np.quantile(boots, [0.025, 0.975])
    ratio = float(col.mean() / posting_share)
    return ratio, float(min(lo, ratio)), float(max(hi, ratio))
