"""Cards from the fans model: topics fans want, a back-catalogue video to re-share."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from analytics.growth import Effect, GrowthAnalysis
from analytics.strategy.cards import Card, Evidence
from analytics.strategy.growth_cards import gain_more


def _demand(scores: np.ndarray, positions: list[np.ndarray]) -> np.ndarray:
    appetite = np.array([scores[p].mean() if p.size else 0.0 for p in positions])
    total = appetite.sum()
    return appetite / total if total > 0 else np.full(len(positions), 1.0 / len(positions))


def fans_cards(
    matrix: Any,
    a: GrowthAnalysis,
    *,
    n_boot: int = 300,
    seed: int = 0,
) -> tuple[list[Card], dict[str, Any] | None, list[tuple[str, dict[str, Any]]]]:
    """Cards from the fans model: the topic fans want most above what is posted,
    and a back-catalogue video to re-share.

    The ALS model (Hu, Koren & Volinsky 2008) is fitted on ``matrix`` (the
    fans x videos :class:`~analytics.models.interactions.InteractionMatrix`,
    or None when the store has no fan interaction) with default hyperparameters (BLAS and k-means pinned to
    one thread); videos are labelled with the topics of
    :func:`analytics.growth.assign_topics`. The interval of the demand
    ratio comes from resampling fans (bootstrap of the average fan's
    factor).

    Returns
    -------
    (cards, summary, notes)
    """
    from threadpoolctl import threadpool_limits

    from analytics.models.fans import (
        ALSParams,
        FansModel,
        back_catalogue_picks,
        segment_fans,
        topics_fans_want,
    )

    if matrix is None:
        return [], None, []
    topics = {
        str(v): [str(tp)]
        for v, tp in zip(a.table["video_id"], a.table["topic"], strict=True)
        if isinstance(tp, str)
    }
    if matrix.shape[0] < 20 or matrix.shape[1] < 4 or not topics:
        return [], None, [("note.fans_thin", {"fans_count": matrix.shape[0]})]
    with threadpool_limits(limits=1):
        model = FansModel(ALSParams(), random_state=seed, num_threads=1).fit(matrix)
        seg = segment_fans(model, topics, random_state=seed)
        wanted = topics_fans_want(model, seg, topics, min_videos=3)
        published = dict(
            zip(a.table["video_id"].astype(str), a.table["published_utc"], strict=True)
        )
        picks = back_catalogue_picks(model, seg, published, n=3)
    summary = {
        "fans": int(matrix.shape[0]),
        "videos": int(matrix.shape[1]),
        "segments": [
            {"id": s.id, "share": s.share, "top_topics": list(s.top_topics)} for s in seg.segments
        ],
        "topics": wanted[wanted["segment"] == 0].reset_index(drop=True),
    }
    cards: list[Card] = []
    allfans = wanted[wanted["segment"] == 0].sort_values(["gap", "topic"], ascending=[False, True])
    if not allfans.empty and float(allfans["gap"].iloc[0]) > 0:
        top = allfans.iloc[0]
        topic = str(top["topic"])
        names = list(allfans["topic"])
        in_model: dict[str, list[str]] = {}
        for vid, tps in topics.items():
            for tp in tps:
                in_model.setdefault(tp, []).append(vid)
        positions = []
        for name in names:
            pos = model.items_.indices(in_model.get(name, []))
            positions.append(pos[pos >= 0])
        items = model.item_factors_.astype(np.float64)
        users = model.user_factors_.astype(np.float64)
        rng = np.random.default_rng(seed)
        k = names.index(topic)
        posting = float(top["posting_share"])
        boots = np.empty(n_boot)
        for b in range(n_boot):
            centre = users[rng.integers(0, users.shape[0], users.shape[0])].mean(axis=0)
            boots[b] = _demand(np.clip(items @ centre, 0, None), positions)[k] / posting
        lo, hi = np.quantile(boots, [0.025, 0.975])
        ratio = float(top["demand_share"]) / posting
        segs = [s for s in seg.segments if topic in s.top_topics[:2]]
        best_seg = max(segs, key=lambda s: s.share, default=None)
        other = ""
        if best_seg is not None:
            other = next((tp for tp in best_seg.top_topics if tp != topic), "")
        eff = Effect(int(matrix.shape[0]), int(top["videos"]), ratio, float(lo), float(hi))
        conf = "high" if lo > 1.0 and len(segs) >= 1 else ("medium" if lo > 1.0 else "low")
        key = "fans_topic_combo" if other else "fans_topic"
        chart = {
            "kind": "demand",
            "x": names,
            "demand": [float(v) for v in allfans["demand_share"]],
            "posting": [float(v) for v in allfans["posting_share"]],
            "highlight": [topic],
        }
        cards.append(
            Card(
                key,
                "fans",
                {
                    "topic": topic,
                    "demand_pct": float(top["demand_share"]),
                    "posting_pct": posting,
                    "effect_ratio": ratio,
                    "segment_pct": best_seg.share if best_seg else 0.0,
                    "segments_count": len(segs),
                    "other_topic": other,
                },
                Evidence(
                    eff.n, ratio, (eff.low, eff.high), eff.n_ref, unit="fans", measure="demand"
                ),
                conf,
                gain_more(ratio, posting),
                chart,
            )
        )
    if not picks.empty and seg.segments:
        card = _back_catalogue_card(model, seg, picks, a, n_boot=n_boot, seed=seed + 1)
        if card is not None:
            cards.append(card)
    return cards, summary, []


def _back_catalogue_card(
    model: Any, seg: Any, picks: pd.DataFrame, a: GrowthAnalysis, *, n_boot: int, seed: int
) -> Card | None:
    """Re-share card: the largest segment's top back-catalogue pick.

    The effect compares the pick's predicted preference among the segment's
    fans who have not seen it with their predicted preference for the videos
    they did engage with (mean over fans; fans resampled for the interval).
    """
    biggest = seg.segments[0]
    label = ", ".join(str(tp) for tp in biggest.top_topics[:2] if str(tp).strip())
    if not label:
        return None  # a segment without topics cannot be described to the creator
    mine = picks[picks["segment"] == biggest.id]
    if mine.empty:
        return None
    pick = mine.iloc[0]
    i = model.items_.index_of(str(pick["video_id"]))
    if i is None:
        return None
    members = np.flatnonzero(seg.labels == biggest.id)
    seen = model.user_items_.tocsr()[members]
    unreached = np.asarray(seen[:, i].toarray()).ravel() == 0
    fans = members[unreached]
    if fans.size < 2:
        return None
    users = model.user_factors_.astype(np.float64)
    items = model.item_factors_.astype(np.float64)
    pick_score = users[fans] @ items[i]
    sub = seen[unreached].tocoo()
    pair = np.einsum("ij,ij->i", users[fans[sub.row]], items[sub.col])
    counts = np.bincount(sub.row, minlength=fans.size)
    seen_score = np.divide(
        np.bincount(sub.row, weights=pair, minlength=fans.size),
        counts,
        out=np.full(fans.size, np.nan),
        where=counts > 0,
    )
    ok = np.isfinite(seen_score)
    pick_score, seen_score = pick_score[ok], seen_score[ok]
    if pick_score.size < 2 or not seen_score.mean() > 0:
        return None
    ratio = float(pick_score.mean() / seen_score.mean())
    rng = np.random.default_rng(seed)
    boots = []
    for _ in range(n_boot):
        idx = rng.integers(0, pick_score.size, pick_score.size)
        den = seen_score[idx].mean()
        if den > 0:
            boots.append(pick_score[idx].mean() / den)
    lo, hi = np.quantile(boots, [0.025, 0.975]) if boots else (math.nan, math.nan)
    titles = dict(zip(a.table["video_id"].astype(str), a.table["title"], strict=True))
    title = titles.get(str(pick["video_id"])) or str(pick["video_id"])
    reached = float(pick["reached_share"])
    conf = "medium" if lo >= 0.5 else "low"
    gain = max(ratio, 0.0) * (1.0 - reached) * biggest.share * 0.25
    return Card(
        "back_catalogue",
        "fans",
        {
            "video_title": str(title),
            "segment_pct": biggest.share,
            "unreached_count": int(pick["unreached_fans"]),
            "reached_pct": reached,
            "effect_ratio": ratio,
            "topic": label,
        },
        Evidence(
            int(fans.size), ratio, (float(lo), float(hi)), None, unit="fans", measure="preference"
        ),
        conf,
        gain,
        None,
    )
