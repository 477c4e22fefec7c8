"""Cards from the fans model: topics fans want, a back-catalogue video to re-share."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from analytics.growth import Effect, GrowthAnalysis
from analytics.strategy.cards import Card, Evidence
from analytics.strategy.growth_cards import gain_more


def fans_cards(
    result: Any,
    a: GrowthAnalysis,
    *,
    n_boot: int = 300,
    seed: int = 0,
) -> tuple[list[Card], dict[str, Any] | None, list[tuple[str, dict[str, Any]]]]:
    """Cards from the fans model: the topic fans want most above what is posted,
    and a back-catalogue video to re-share.

    ``result`` is the one fans fit (:class:`~analytics.models.fans.FansResult`
    from :func:`~analytics.models.fans.fit_fans`, the same tuned ALS,
    segments and topics the Fans page shows), or None when the store has no
    fan interaction. No card is made unless the model beats the best simple
    baseline by its margin on the global time split (then a note says so).
    The interval of the demand ratio resamples fans: each fan's own demand
    share of the topic (:func:`~analytics.models.fans.per_fan_topic_shares`).

    Returns
    -------
    (cards, summary, notes)
    """
    from analytics.models.fans import per_fan_topic_shares, topic_demand_effect

    if result is None:
        return [], None, []
    model, seg = result.model, result.segmentation
    n_fans, n_videos = model.user_factors_.shape[0], model.item_factors_.shape[0]
    tags = result.video_tags()
    if n_fans < 20 or n_videos < 4 or not any(tags.values()):
        return [], None, [("note.fans_thin", {"fans_count": n_fans})]
    wanted = result.topics_wanted
    ev = result.evaluation
    summary = {
        "fans": int(n_fans),
        "videos": int(n_videos),
        "segments": [
            {"id": s.id, "share": s.share, "top_topics": list(s.top_topics)} for s in seg.segments
        ],
        "topics": wanted[wanted["segment"] == 0].reset_index(drop=True),
        "params": {k: ev.params[k] for k in ("factors", "regularization", "alpha", "iterations")},
        "beats_baseline": bool(ev.beats_baseline),
        "best_baseline": ev.best_baseline,
        "lift": float(ev.lift),
    }
    if not ev.beats_baseline:
        return [], summary, [("note.fans_no_better", {"margin": f"{ev.margin:.0%}"})]
    cards: list[Card] = []
    allfans = wanted[wanted["segment"] == 0].sort_values(["gap", "topic"], ascending=[False, True])
    if not allfans.empty and float(allfans["gap"].iloc[0]) > 0:
        top = allfans.iloc[0]
        topic = str(top["topic"])
        names = list(allfans["topic"])
        k = names.index(topic)
        posting = float(top["posting_share"])
        shares = per_fan_topic_shares(model, names, tags)
        ratio, lo, hi = topic_demand_effect(shares, k, posting, n_boot=n_boot, seed=seed)
        segs = [s for s in seg.segments if topic in s.top_topics[:2]]
        best_seg = max(segs, key=lambda s: s.share, default=None)
        other = ""
        if best_seg is not None:
            other = next((tp for tp in best_seg.top_topics if tp != topic), "")
        eff = Effect(int(n_fans), int(top["videos"]), ratio, float(lo), float(hi))
        conf = "high" if lo > 1.0 and len(segs) >= 1 else ("medium" if lo > 1.0 else "low")
        key = "fans_topic_combo" if other else "fans_topic"
        chart = {
            "kind": "demand",
            "x": names,
            "demand": [float(v) for v in shares.mean(axis=0)],
            "posting": [float(v) for v in allfans["posting_share"]],
            "highlight": [topic],
        }
        cards.append(
            Card(
                key,
                "fans",
                {
                    "topic": topic,
                    "demand_pct": float(shares[:, k].mean()),
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
    picks = result.back_catalogue
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
    title = titles.get(str(pick["video_id"]))
    title = title.strip() if isinstance(title, str) else ""
    days = (
        dict(zip(a.table["video_id"].astype(str), a.table["published_local"], strict=True))
        if "published_local" in a.table
        else {}
    )
    published = pd.to_datetime(days.get(str(pick["video_id"])), errors="coerce")
    reached = float(pick["reached_share"])
    conf = "medium" if lo >= 0.5 else "low"
    gain = max(ratio, 0.0) * (1.0 - reached) * biggest.share * 0.25
    return Card(
        "back_catalogue",
        "fans",
        {
            "video_title": str(title),
            "video_published": None if pd.isna(published) else published.date().isoformat(),
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
