"""Strategy cards: what to do next, why, and how sure we are.

Each :class:`Card` makes one claim with its evidence (number of videos,
effect against the channel's typical reach, interval), a confidence level
and one concrete action. Cards are built from

* growth analytics (:mod:`analytics.growth`): duration, publish hour,
  topics, content format, cadence, outliers, weekdays;
* the reach drivers model (:mod:`analytics.models.drivers`), which checks
  the duration, publish-hour and topic effects forward in time and raises or
  lowers their confidence;
* the fans model (:mod:`analytics.models.fans` through
  :mod:`analytics.fan_insights`): topics fans want more of than the creator
  posts, their segments, and back-catalogue videos worth re-sharing;
* market data, where imported (:mod:`analytics.models.market_topics`):
  topics that similar channels use;

and, where data is too thin for a claim, "unlock" cards that say what to
export. Cards are ranked by expected gain x confidence weight.

Texts are never stored in a card: a card holds translation keys
(``card.<key>.title`` / ``.claim`` / ``.action`` in :mod:`analytics.i18n`)
and typed parameters, so the same cards render in every language.

Expected gain
    A rough, comparable size of the opportunity on the log scale of reach:
    ``log(effect) x (share of videos not yet following the advice)`` for a
    "do more of X" card, ``log(1 / effect) x (share of videos doing X)``
    for a "do less of X" card. It orders cards; it is not a forecast.
Confidence
    ``high``: the 95 % bootstrap interval excludes 1, each side has at least
    :data:`MIN_HIGH_N` videos, the interval still excludes 1 after a
    Bonferroni correction for the number of levels compared, and the drivers
    model (when it ran) agrees; ``medium``: the interval excludes 1;
    ``low``: it does not (the card then suggests a test, not a change).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from analytics import growth
from analytics.errors import AnalyticsError
from analytics.growth import Effect, GrowthAnalysis
from analytics.i18n import (
    format_count,
    format_percent,
    format_ratio,
    hour_label,
    t,
    weekday_name,
)

Progress = Callable[[float, str], None]

CONFIDENCE_WEIGHT = {"high": 1.0, "medium": 0.6, "low": 0.25}
MIN_HIGH_N = 15
#: For ``high`` the interval must also clear 1 by this factor (1.05: 5 %).
HIGH_MARGIN = 1.05
#: Fewer videos with a known reach than this and the growth cards are replaced
#: by an unlock card.
MIN_VIDEOS = 12
#: Expected gain given to unlock cards (ranks them after clear opportunities).
UNLOCK_GAIN = 0.04
#: Every card key (texts ``card.<key>.title`` / ``.claim`` / ``.action`` in analytics.i18n).
CARD_KEYS: tuple[str, ...] = (
    "duration",
    "publish_hour",
    "topic_up",
    "topic_down",
    "format",
    "cadence_busy",
    "cadence_busy_spaced",
    "cadence_space",
    "outlier",
    "weekday_none",
    "fans_topic",
    "fans_topic_combo",
    "back_catalogue",
    "market_topic",
    "unlock.videos",
    "unlock.own_videos",
    "unlock.duration",
    "unlock.tags",
    "unlock.followers",
    "unlock.fans",
    "unlock.market",
)
#: Feature of the drivers model behind each card key.
MODEL_FEATURES = {
    "duration": "duration_s",
    "publish_hour": "publish_hour",
    "topic_up": "topic",
    "topic_down": "topic",
}


@dataclass
class Evidence:
    """What a card's claim rests on.

    Attributes
    ----------
    n : int
        Videos (or weeks, fans, channels: see ``unit``) behind the claim.
    effect : float or None
        The effect as a ratio (1 = no difference); None for unlock cards.
    interval : tuple of (float, float) or None
        Its interval (``interval_kind``: ``bootstrap`` 95 % percentile
        interval, or ``range`` of the values shown).
    n_ref : int or None
        Size of the comparison group.
    unit : str
        ``videos``, ``weeks``, ``fans`` or ``channels``.
    measure : str
        What the ratio compares: ``reach`` (relative reach),
        ``followers`` (weekly new followers), ``demand`` (fans' predicted
        interest against posting share), ``preference`` (predicted
        preference against the segment's typical video), ``channels``
        (share of similar channels).
    level : float or None
        Interval level.
    interval_kind : str
    model : dict or None
        The drivers model's reading of the same feature: ``ratio``,
        ``interval`` (range over forward folds), ``label``, ``agrees``,
        ``beats_baseline``, ``model``.
    """

    n: int
    effect: float | None
    interval: tuple[float, float] | None
    n_ref: int | None = None
    unit: str = "videos"
    measure: str = "reach"
    level: float | None = growth.LEVEL
    interval_kind: str = "bootstrap"
    model: dict[str, Any] | None = None

    @classmethod
    def of(cls, effect: Effect, **kw: Any) -> Evidence:
        """Evidence from a growth :class:`~analytics.growth.Effect`."""
        return cls(
            effect.n,
            effect.ratio,
            (effect.low, effect.high),
            effect.n_ref,
            level=effect.level,
            **kw,
        )


@dataclass
class Card:
    """One recommended strategy.

    Attributes
    ----------
    key : str
        Text family in :mod:`analytics.i18n` (``card.<key>.title`` ...).
    source : str
        ``growth``, ``drivers``, ``fans``, ``market`` or ``data``.
    params : dict
        Values for the texts. A name's suffix says how it is shown:
        ``_ratio`` (1.8×), ``_pct`` (24%), ``_count`` (1.2万), ``_hour``
        (18:00), ``_weekday``, ``_bucket`` (a duration or gap bucket),
        ``_ctype`` (a content type); other values are shown as they are
        (topics and titles come from the creator's data).
    evidence : Evidence
    confidence : str
        ``high``, ``medium`` or ``low``.
    expected_gain : float
        See the module docstring.
    chart : dict or None
        Data of the card's chart (see :mod:`analytics.growth_charts`).
    """

    key: str
    source: str
    params: dict[str, Any]
    evidence: Evidence
    confidence: str
    expected_gain: float
    chart: dict[str, Any] | None = None

    @property
    def score(self) -> float:
        """Expected gain x confidence weight (the ranking key)."""
        return float(self.expected_gain) * CONFIDENCE_WEIGHT.get(self.confidence, 0.0)

    @property
    def is_unlock(self) -> bool:
        """True for a card that says what to export rather than what to do."""
        return self.key.startswith("unlock.")


@dataclass
class StrategyResult:
    """Cards (ranked) and the analyses behind them.

    Attributes
    ----------
    channel_id : str or None
    cards : list of Card
        Best first.
    analysis : GrowthAnalysis
    model_summary : dict or None
        Drivers model: ``model``, ``beats_baseline``, ``n_videos``,
        ``readings`` (English sentences); None when it did not run.
    fans_summary : dict or None
        Fans model: ``fans``, ``videos``, ``segments`` (list of ``id``,
        ``share``, ``top_topics``), ``topics`` (frame of topics fans want,
        all fans); None when it did not run.
    notes : list of (str, dict)
        Translation keys and parameters of notes (why a model did not run).
    """

    channel_id: str | None
    cards: list[Card]
    analysis: GrowthAnalysis
    model_summary: dict[str, Any] | None = None
    fans_summary: dict[str, Any] | None = None
    notes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)


# ------------------------------------------------------------------ helpers
def _adjusted_clear(values: np.ndarray, ref: np.ndarray, family: int, seed: int) -> bool:
    """The interval at level ``1 - 0.05 / family`` excludes 1 (Bonferroni)."""
    if family <= 1:
        eff = growth.median_ratio(values, ref, seed=seed)
    else:
        eff = growth.median_ratio(values, ref, level=1 - 0.05 / family, seed=seed)
    return bool(eff is not None and eff.clear)


def _confidence(
    effect: Effect,
    *,
    adjusted_clear: bool = True,
    model_agrees: bool | None = None,
    needs_model: bool = False,
) -> str:
    if not effect.clear:
        return "low"
    if model_agrees is False:
        return "medium"
    if needs_model and model_agrees is None:
        return "medium"
    margin = effect.low > HIGH_MARGIN or effect.high < 1.0 / HIGH_MARGIN
    if min(effect.n, effect.n_ref) >= MIN_HIGH_N and adjusted_clear and margin:
        return "high"
    return "medium"


def _gain_more(ratio: float, share: float) -> float:
    return max(math.log(ratio), 0.0) * max(1.0 - share, 0.0) if ratio > 0 else 0.0


def _gain_less(ratio: float, share: float) -> float:
    return max(-math.log(ratio), 0.0) * max(share, 0.0) if ratio > 0 else 0.0


def _bars(
    frame: pd.DataFrame, x_kind: str, highlight: list[str], y_kind: str = "rel_reach"
) -> dict[str, Any]:
    return {
        "kind": "bars",
        "x_kind": x_kind,
        "y_kind": y_kind,
        "x": [str(v) for v in frame["level"]],
        "y": [float(v) for v in frame["median"]],
        "low": [float(v) for v in frame["low"]],
        "high": [float(v) for v in frame["high"]],
        "n": [int(v) for v in frame["n"]],
        "highlight": highlight,
    }


def _values(table: pd.DataFrame, column: str, level: Any) -> np.ndarray:
    return table.loc[table[column] == level, "rel_reach"].dropna().to_numpy(float)


def _rest(table: pd.DataFrame, column: str, level: Any, levels: list[Any]) -> np.ndarray:
    m = table[column].isin(levels) & (table[column] != level)
    return table.loc[m, "rel_reach"].dropna().to_numpy(float)


# ------------------------------------------------------------------ growth cards
def duration_card(a: GrowthAnalysis) -> Card | None:
    """Best against worst duration bucket (None with fewer than 2 buckets)."""
    d = a.durations
    if d.best_vs_worst is None or d.best is None or d.worst is None:
        return None
    eff = d.best_vs_worst
    share = float(d.table.loc[d.table["level"] == d.best, "share"].iloc[0])
    fam = len(d.table) * (len(d.table) - 1) // 2
    clear_adj = _adjusted_clear(
        _values(a.table, "duration_bucket", d.best),
        _values(a.table, "duration_bucket", d.worst),
        fam,
        11,
    )
    conf = _confidence(eff, adjusted_clear=clear_adj)
    return Card(
        "duration",
        "growth",
        {
            "best_bucket": d.best,
            "worst_bucket": d.worst,
            "effect_ratio": eff.ratio,
            "share_pct": share,
        },
        Evidence.of(eff),
        conf,
        _gain_more(eff.ratio, share),
        _bars(d.table, "duration_bucket", [d.best, d.worst]),
    )


def publish_hour_card(a: GrowthAnalysis) -> Card | None:
    """The best publish-hour window against the other hours."""
    w = a.best_time.window
    if w is None:
        return None
    eff = w.effect
    share = eff.n / max(eff.n + eff.n_ref, 1)
    heat = a.best_time.heatmap
    chart = {
        "kind": "heatmap",
        "weekday": [int(v) for v in heat["weekday"]],
        "slot": [int(v) for v in heat["slot"]],
        "n": [int(v) for v in heat["n"]],
        "z": [None if not math.isfinite(v) else float(v) for v in heat["median"]],
        "slot_hours": a.best_time.slot_hours,
        "window": [w.start, w.end],
        "hours": {
            "hour": [int(v) for v in a.best_time.hours["hour"]],
            "median": [float(v) for v in a.best_time.hours["median"]],
            "n": [int(v) for v in a.best_time.hours["n"]],
        },
    }
    conf = _confidence(eff, needs_model=True)
    return Card(
        "publish_hour",
        "growth",
        {
            "start_hour": w.start,
            "end_hour": (w.end + 1) % 24,
            "effect_ratio": eff.ratio,
            "share_pct": share,
        },
        Evidence.of(eff),
        conf,
        _gain_more(eff.ratio, share),
        chart,
    )


def topic_cards(a: GrowthAnalysis) -> list[Card]:
    """The topic that does best and the one that does worst against the others."""
    tp = a.topics
    if len(tp.table) < 2:
        return []
    levels = list(tp.table["level"])
    chart_table = tp.table
    cards = []
    up = max(tp.vs_rest.items(), key=lambda kv: (kv[1].ratio, kv[0]), default=None)
    down = min(tp.vs_rest.items(), key=lambda kv: (kv[1].ratio, kv[0]), default=None)
    fam = len(levels)
    if up is not None and up[1].ratio > 1.0:
        topic, eff = up
        share = float(tp.table.loc[tp.table["level"] == topic, "share"].iloc[0])
        clear = _adjusted_clear(
            _values(a.table, "topic", topic), _rest(a.table, "topic", topic, levels), fam, 21
        )
        cards.append(
            Card(
                "topic_up",
                "growth",
                {"topic": topic, "effect_ratio": eff.ratio, "share_pct": share},
                Evidence.of(eff),
                _confidence(eff, adjusted_clear=clear),
                _gain_more(eff.ratio, share),
                _bars(chart_table, "topic", [topic]),
            )
        )
    if down is not None and down[1].ratio < 1.0 and (up is None or down[0] != up[0]):
        topic, eff = down
        share = float(tp.table.loc[tp.table["level"] == topic, "share"].iloc[0])
        clear = _adjusted_clear(
            _values(a.table, "topic", topic), _rest(a.table, "topic", topic, levels), fam, 22
        )
        cards.append(
            Card(
                "topic_down",
                "growth",
                {"topic": topic, "effect_ratio": eff.ratio, "share_pct": share},
                Evidence.of(eff),
                _confidence(eff, adjusted_clear=clear),
                _gain_less(eff.ratio, share),
                _bars(chart_table, "topic", [topic]),
            )
        )
    return cards


def format_card(a: GrowthAnalysis) -> Card | None:
    """Best against worst content type (video, image post, live...)."""
    f = a.formats
    if f.best_vs_worst is None or f.best is None or f.worst is None:
        return None
    eff = f.best_vs_worst
    share = float(f.table.loc[f.table["level"] == f.best, "share"].iloc[0])
    fam = len(f.table) * (len(f.table) - 1) // 2
    clear = _adjusted_clear(
        _values(a.table, "content_type", f.best), _values(a.table, "content_type", f.worst), fam, 31
    )
    return Card(
        "format",
        "growth",
        {
            "best_ctype": f.best,
            "worst_ctype": f.worst,
            "effect_ratio": eff.ratio,
            "share_pct": share,
        },
        Evidence.of(eff),
        _confidence(eff, adjusted_clear=clear),
        _gain_more(eff.ratio, share),
        _bars(f.table, "ctype", [f.best, f.worst]),
    )


def cadence_card(a: GrowthAnalysis) -> Card | None:
    """Busy weeks against the others (followers), with the gap effect on reach."""
    c = a.cadence
    weekly = c.weekly[c.weekly["followers_rel"].notna()]
    chart = None
    if not weekly.empty:
        capped = weekly["uploads"].clip(upper=4)
        grp = weekly.assign(level=capped.astype(str)).groupby("level")
        rows = []
        for level, g in grp:
            med, lo, hi = growth.median_interval(g["followers_rel"], seed=41)
            rows.append((level, len(g), med, lo, hi))
        frame = pd.DataFrame(rows, columns=["level", "n", "median", "low", "high"])
        chart = _bars(frame, "uploads", [str(min(c.busy_threshold or 0, 4))], "followers_rel")
    gap = c.short_gap
    if c.busy_weeks is not None and c.busy_threshold is not None and c.busy_weeks.ratio > 1.0:
        eff = c.busy_weeks
        share = eff.n / max(eff.n + eff.n_ref, 1)
        params: dict[str, Any] = {
            "threshold_count": c.busy_threshold,
            "effect_ratio": eff.ratio,
            "gap_ratio": gap.ratio if gap is not None else 1.0,
        }
        key = (
            "cadence_busy"
            if gap is None or gap.ratio >= 0.9 or not gap.clear
            else "cadence_busy_spaced"
        )
        return Card(
            key,
            "growth",
            params,
            Evidence.of(eff, unit="weeks", measure="followers"),
            _confidence(eff, needs_model=True),
            _gain_more(eff.ratio, share),
            chart,
        )
    if gap is not None and gap.clear and gap.ratio < 1.0:
        share = gap.n / max(gap.n + gap.n_ref, 1)
        return Card(
            "cadence_space",
            "growth",
            {"gap_days": growth.SHORT_GAP_DAYS, "effect_ratio": gap.ratio},
            Evidence.of(gap),
            _confidence(gap),
            _gain_less(gap.ratio, share),
            _bars(a.cadence.gaps.table, "gap_bucket", ["lt1", "1_3"]),
        )
    return None


def outlier_card(a: GrowthAnalysis) -> Card | None:
    """The video furthest above the median of its format: follow it up."""
    out = a.outliers
    above = out[out["flag"] == "above"]
    if above.empty:
        return None
    top = above.iloc[0]
    ratios = above["ratio"].to_numpy(float)
    n_fmt = int((out["format"] == top["format"]).sum())
    title = (
        str(top["title"])
        if isinstance(top["title"], str) and top["title"]
        else str(top["video_id"])
    )
    chart = {
        "kind": "outliers",
        "title": [str(v) if isinstance(v, str) else "" for v in out["title"].head(40)],
        "ratio": [float(v) for v in out["ratio"].head(40)],
        "format": [str(v) for v in out["format"].head(40)],
        "flag": [str(v) if v else "" for v in out["flag"].head(40)],
    }
    spread = (float(ratios.min()), float(ratios.max())) if len(above) > 1 else None
    return Card(
        "outlier",
        "growth",
        {
            "video_title": title,
            "effect_ratio": float(top["ratio"]),
            "format_bucket": str(top["format"]),
            "topic": str(top["topic"] or ""),
            "outliers_count": len(above),
        },
        Evidence(
            len(above),
            float(np.median(ratios)),
            spread,
            None,
            interval_kind="range" if spread else "none",
            level=None,
        ),
        "low",
        math.log(float(top["ratio"])) / max(n_fmt, 1) * len(above),
        chart,
    )


def weekday_card(a: GrowthAnalysis) -> Card | None:
    """ "Any weekday works" when no weekday differs clearly from the others."""
    wd = a.best_time.weekdays
    if len(wd.table) < 5 or not wd.vs_rest or a.n < 30:
        return None
    if any(e.clear for e in wd.vs_rest.values()):
        return None
    ratios = [e.ratio for e in wd.vs_rest.values()]
    lo = min(e.low for e in wd.vs_rest.values())
    hi = max(e.high for e in wd.vs_rest.values())
    return Card(
        "weekday_none",
        "growth",
        {"low_ratio": min(ratios), "high_ratio": max(ratios)},
        Evidence(a.n, float(np.median(ratios)), (lo, hi), None),
        "medium",
        0.0,
        _bars(wd.table, "weekday", []),
    )


# ------------------------------------------------------------------ model checks
def apply_drivers(cards: list[Card], report: Any) -> dict[str, Any]:
    """Check the growth cards against the drivers model's readings.

    A reading of the same feature (duration, publish hour, topic) on the
    same side of 1 whose range over the forward folds excludes 1 confirms
    a card; one on the other side lowers its confidence to ``medium``.

    Parameters
    ----------
    cards : list of Card
        Modified in place (evidence ``model``, confidence, source).
    report : analytics.models.drivers.DriversReport

    Returns
    -------
    dict
        The model summary (``model``, ``beats_baseline``, ``n_videos``,
        ``readings``).
    """
    comp = report.comparison
    summary = {
        "model": comp.chosen,
        "beats_baseline": bool(comp.beats_baseline),
        "n_videos": int(comp.data.n),
        "readings": [r.text for r in report.readings],
    }
    for card in cards:
        feature = MODEL_FEATURES.get(card.key)
        if feature is None or card.evidence.effect is None:
            continue
        readings = [r for r in report.readings if r.feature == feature]
        if card.key.startswith("topic"):
            readings = [r for r in readings if f"'{card.params['topic']}'" in r.label]
        if not readings:
            continue
        mine_up = card.evidence.effect > 1.0
        if card.key == "duration":
            mine_up = True  # best vs worst: any reading that one range does best confirms
            readings = [r for r in readings if r.ratio > 1.0] or readings
        r = max(readings, key=lambda r: abs(math.log(r.ratio)))
        same_side = (r.ratio > 1.0) == mine_up
        folds_clear = r.low > 1.0 or r.high < 1.0
        agrees = bool(same_side and folds_clear)
        card.evidence.model = {
            "ratio": float(r.ratio),
            "interval": [float(r.low), float(r.high)],
            "label": r.label,
            "agrees": agrees,
            "beats_baseline": bool(comp.beats_baseline),
            "model": comp.chosen,
        }
        card.source = "growth+drivers"
        eff = Effect(
            card.evidence.n,
            card.evidence.n_ref or 0,
            float(card.evidence.effect),
            *card.evidence.interval or (math.nan, math.nan),
        )
        if not same_side:
            card.confidence = "medium" if card.confidence == "high" else card.confidence
        elif (
            agrees
            and card.confidence == "medium"
            and eff.clear
            and min(eff.n, eff.n_ref) >= MIN_HIGH_N
        ):
            card.confidence = "high"
    return summary


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
                _gain_more(ratio, posting),
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


def market_cards(
    topics: pd.DataFrame | None, channel_id: str | None, *, min_using: int = 2
) -> tuple[list[Card], bool]:
    """A card for the topic that most of the channels most like this one use and it does not.

    Channels are compared by ALS on the store's channel x topic pairs
    ``topics`` (``channel_id, topic`` rows, every channel of the store)
    (:class:`analytics.models.market_topics.MarketTopicsModel`); "most like"
    means the nearest half of the other channels (3 to 10 of them).

    Returns
    -------
    (cards, had_market_data)
        ``had_market_data`` is False when the store has too few other
        channels to compare with (an unlock card then says what to import).
    """
    from analytics.errors import NotEnoughDataError
    from analytics.models.market_topics import MarketTopicsModel

    if channel_id is None or topics is None:
        return [], True
    others = int(topics.loc[topics["channel_id"] != channel_id, "channel_id"].nunique())
    if others < 3:
        return [], False
    try:
        with _one_thread():
            model = MarketTopicsModel(random_state=0).fit(topics)
    except NotEnoughDataError:
        return [], False
    k = min(10, max(3, others // 2))
    picks = model.recommend_topics(channel_id, 5, n_neighbours=k)
    if not picks.known or picks.picks.empty:
        return [], True
    best = picks.picks.sort_values(
        ["similar_channels_using", "score"], ascending=[False, False]
    ).iloc[0]
    using = int(best["similar_channels_using"])
    if using < min_using:
        return [], True
    share = using / k
    examples = ", ".join(str(e) for e in list(best["evidence"])[:3])
    card = Card(
        "market_topic",
        "market",
        {
            "topic": str(best["topic"]),
            "using_count": using,
            "neighbours_count": k,
            "channels": examples,
        },
        Evidence(
            using,
            share,
            None,
            k,
            unit="channels",
            measure="channels",
            level=None,
            interval_kind="none",
        ),
        "medium" if using >= 3 else "low",
        0.3 * share,
        None,
    )
    return [card], True


def _one_thread() -> Any:
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1)


# ------------------------------------------------------------------ unlock cards
def unlock_cards(a: GrowthAnalysis, *, fans: bool, market: bool) -> list[Card]:
    """Cards that say what to export where the data is too thin for a claim."""
    cov = a.coverage
    out: list[Card] = []

    def unlock(key: str, n: int, unit: str = "videos", **params: Any) -> None:
        out.append(
            Card(
                key,
                "data",
                params,
                Evidence(n, None, None, None, unit=unit, level=None, interval_kind="none"),
                "low",
                UNLOCK_GAIN / CONFIDENCE_WEIGHT["low"],
                None,
            )
        )

    if a.n_total < MIN_VIDEOS:
        unlock("unlock.videos", a.n_total, videos_count=a.n_total, needed_count=MIN_VIDEOS)
    elif a.n < MIN_VIDEOS and a.channels_left_out:
        # Enough videos in the store, but spread over channels with too few of their own.
        unlock(
            "unlock.own_videos",
            a.n,
            channels_count=a.channels_left_out,
            needed_count=a.min_channel_videos,
        )
    if cov.videos and cov.videos_with_duration == 0:
        unlock("unlock.duration", cov.videos_with_duration, videos_count=cov.videos)
    if cov.videos and cov.videos_with_tags < cov.videos / 2:
        unlock("unlock.tags", cov.videos_with_tags, videos_count=cov.videos)
    if cov.follower_days == 0:
        unlock("unlock.followers", 0, unit="days")
    if not fans:
        unlock("unlock.fans", cov.fan_interactions, unit="interactions")
    if not market:
        unlock("unlock.market", cov.other_channels, unit="channels")
    return out


# ------------------------------------------------------------------ all cards
def is_meaningful(card: Card) -> bool:
    """False for a claim whose numbers say nothing.

    Unlock cards (no effect) always pass. Otherwise the effect must be a
    finite number > 0, and an interval, when there is one, must be finite,
    > 0 at both ends and not a single point (``low == high`` happens when
    every compared value is the same, e.g. channels with one video each,
    whose relative reach is always 1).
    """
    ev = card.evidence
    if ev.effect is None:
        return True
    if not (math.isfinite(ev.effect) and ev.effect > 0):
        return False
    if ev.interval is not None:
        lo, hi = (float(v) for v in ev.interval)
        if not (math.isfinite(lo) and math.isfinite(hi)) or lo <= 0 or hi <= 0:
            return False
        if math.isclose(lo, hi, rel_tol=1e-9, abs_tol=1e-12):
            return False
    return True


def growth_cards(a: GrowthAnalysis) -> list[Card]:
    """Every card the growth analytics alone support (no model).

    Only channels with enough videos of their own take part (see
    :func:`analytics.growth.analysis.pool_channels`); with fewer than
    :data:`MIN_VIDEOS` such videos there are no growth cards.
    """
    if a.n < MIN_VIDEOS:
        return []
    makers = [
        duration_card,
        publish_hour_card,
        format_card,
        cadence_card,
        outlier_card,
        weekday_card,
    ]
    cards = [c for c in (m(a) for m in makers) if c is not None]
    cards += topic_cards(a)
    return [c for c in cards if is_meaningful(c)]


def rank(cards: list[Card]) -> list[Card]:
    """Cards by score (expected gain x confidence weight), best first; unlock cards last
    among equals."""
    return sorted(cards, key=lambda c: (-c.score, c.is_unlock, c.key))


@dataclass
class ModelInputs:
    """What the model-based cards read, gathered by :mod:`analytics.services.strategy`.

    Attributes
    ----------
    drivers : DriversReport or None
        The reach drivers of the channel (None when the model did not run).
    drivers_error : str or None
        Why the drivers model did not run (shown as a note).
    fans_result : FansResult or None
        The one fans fit (:func:`analytics.models.fans.fit_fans`, shared
        with the Fans page); None when the store has no fan interaction.
    fans_error : str or None
        Why the fan interactions could not be read.
    channel_topics : pandas.DataFrame or None
        ``channel_id, topic`` pairs of every channel (market cards).
    market_error : str or None
        Why the channel topics could not be read.
    """

    drivers: Any = None
    drivers_error: str | None = None
    fans_result: Any = None
    fans_error: str | None = None
    channel_topics: pd.DataFrame | None = None
    market_error: str | None = None


def build_strategy(
    a: GrowthAnalysis,
    models: ModelInputs | None = None,
    *,
    n_boot: int = growth.N_BOOT,
    seed: int = 0,
    progress: Progress | None = None,
) -> StrategyResult:
    """Build the ranked strategy cards from the growth analysis and the model inputs.

    Parameters
    ----------
    a : GrowthAnalysis
        Every growth analysis of the channel (or all channels).
    models : ModelInputs, optional
        The drivers report, fans matrix and channel topics; None gives the
        growth-based cards only (a note says the models were off).
    n_boot : int
        Bootstrap resamples per interval.
    seed : int
    progress : callable(fraction, message), optional

    Returns
    -------
    StrategyResult
    """

    def step(f: float, msg: str) -> None:
        if progress is not None:
            progress(f, msg)

    channel_id = a.channel_id
    cards = growth_cards(a)
    notes: list[tuple[str, dict[str, Any]]] = []
    model_summary = None
    fans_summary = None
    had_fans = a.coverage.fan_interactions > 0
    had_market = True
    if models is not None:
        step(0.3, "drivers model")
        if models.drivers is not None:
            model_summary = apply_drivers(cards, models.drivers)
        elif models.drivers_error is not None:
            notes.append(("note.model_skipped", {"reason": models.drivers_error}))
        step(0.7, "fans model")
        try:
            if models.fans_error is not None:
                raise AnalyticsError(models.fans_error)
            fcards, fans_summary, fnotes = fans_cards(models.fans_result, a, seed=seed)
            cards += fcards
            notes += fnotes
            had_fans = fans_summary is not None
        except AnalyticsError as exc:
            notes.append(("note.fans_skipped", {"reason": str(exc)}))
            had_fans = False
        step(0.9, "market topics")
        try:
            if models.market_error is not None:
                raise AnalyticsError(models.market_error)
            mcards, had_market = market_cards(models.channel_topics, channel_id)
            cards += mcards
        except AnalyticsError as exc:
            notes.append(("note.market_skipped", {"reason": str(exc)}))
    else:
        notes.append(("note.models_off", {}))
    cards = [c for c in cards if is_meaningful(c)]
    cards += unlock_cards(a, fans=had_fans, market=had_market)
    step(1.0, "done")
    return StrategyResult(channel_id, rank(cards), a, model_summary, fans_summary, notes)


# ------------------------------------------------------------------ rendering
def format_param(name: str, value: Any, lang: str) -> str:
    """Show one card parameter in ``lang`` (see :attr:`Card.params` for the suffixes)."""
    if value is None:
        return ""
    if name.endswith("_ratio"):
        return format_ratio(float(value), lang)
    if name.endswith("_pct"):
        return format_percent(float(value), lang)
    if name.endswith("_count"):
        return format_count(value, lang)
    if name.endswith("_hour"):
        return hour_label(int(value))
    if name.endswith("_weekday"):
        return weekday_name(int(value), lang)
    if name.endswith("_bucket"):
        text = label_of("bucket", str(value), lang)
        return label_of("ctype", text, lang) if text == str(value) else text
    if name.endswith("_ctype"):
        return label_of("ctype", str(value), lang)
    if name.endswith("_days"):
        return f"{float(value):g}"
    return str(value)


def label_of(kind: str, value: str, lang: str) -> str:
    """Translated label of a duration / gap bucket, content type, weekday or upload count;
    the value itself when it has no translation (topics, raw content types)."""
    if kind in ("weekday", "hour"):
        try:
            return weekday_name(int(value), lang) if kind == "weekday" else hour_label(int(value))
        except ValueError:
            return value
    key = {
        "bucket": f"bucket.{value}",
        "duration_bucket": f"bucket.{value}",
        "gap_bucket": f"bucket.{value}",
        "ctype": f"ctype.{value}",
        "uploads": f"uploads.{value}",
    }.get(kind)
    if key is None:
        return value
    text = t(key, lang)
    return value if text == key else text


def render_params(card: Card, lang: str) -> dict[str, str]:
    """All of a card's parameters as display strings in ``lang``."""
    return {k: format_param(k, v, lang) for k, v in card.params.items()}


def evidence_text(card: Card, lang: str) -> str:
    """One line of evidence in ``lang``."""
    ev = card.evidence
    unit = t(f"unit.{ev.unit}", lang)
    if ev.effect is None:
        return t("evidence.unlock", lang, n=format_count(ev.n, lang), unit=unit)
    parts = []
    n_text = format_count(ev.n, lang)
    if ev.n_ref is not None and ev.measure in ("reach", "followers"):
        parts.append(
            t("evidence.n_vs", lang, n=n_text, n_ref=format_count(ev.n_ref, lang), unit=unit)
        )
    else:
        parts.append(t("evidence.n", lang, n=n_text, unit=unit))
    if ev.measure == "channels":
        parts.append(t("evidence.channels", lang, share=format_percent(ev.effect, lang)))
    else:
        parts.append(t(f"evidence.effect.{ev.measure}", lang, effect=format_ratio(ev.effect, lang)))
    if ev.interval is not None:
        lo, hi = ev.interval
        kind = "evidence.interval" if ev.interval_kind == "bootstrap" else "evidence.range"
        parts.append(
            t(
                kind,
                lang,
                level=format_percent(ev.level or growth.LEVEL, lang),
                low=format_ratio(lo, lang),
                high=format_ratio(hi, lang),
            )
        )
    text = t("evidence.sep", lang).join(parts)
    if ev.model is not None:
        m = ev.model
        key = "evidence.model_agrees" if m.get("agrees") else "evidence.model_differs"
        text += t("evidence.sep", lang) + t(
            key,
            lang,
            ratio=format_ratio(m["ratio"], lang),
            low=format_ratio(m["interval"][0], lang),
            high=format_ratio(m["interval"][1], lang),
        )
    return text


def render_card(card: Card, lang: str) -> dict[str, Any]:
    """A card as plain data in ``lang``.

    Returns
    -------
    dict
        ``key``, ``title``, ``claim``, ``evidence`` (``n``, ``effect``,
        ``interval`` [lo, hi] or None, ``n_compared``, ``unit``,
        ``measure``, ``level``, ``interval_kind``, ``text``, ``model``),
        ``confidence``, ``confidence_label``, ``action``, ``source``,
        ``expected_gain``, ``score``.
    """
    p = render_params(card, lang)
    ev = card.evidence
    return {
        "key": card.key,
        "title": t(f"card.{card.key}.title", lang, **p),
        "claim": t(f"card.{card.key}.claim", lang, **p),
        "evidence": {
            "n": int(ev.n),
            "effect": None if ev.effect is None else float(ev.effect),
            "interval": None
            if ev.interval is None
            else [float(ev.interval[0]), float(ev.interval[1])],
            "n_compared": ev.n_ref,
            "unit": ev.unit,
            "measure": ev.measure,
            "level": ev.level,
            "interval_kind": ev.interval_kind,
            "text": evidence_text(card, lang),
            "model": ev.model,
        },
        "confidence": card.confidence,
        "confidence_label": t(f"confidence.{card.confidence}", lang),
        "action": t(f"card.{card.key}.action", lang, **p),
        "source": card.source,
        "expected_gain": round(float(card.expected_gain), 4),
        "score": round(card.score, 4),
    }


def to_json(result: StrategyResult, lang: str = "en") -> dict[str, Any]:
    """The CLI's JSON: ``{"channel_id", "lang", "cards": [...], "notes": [...]}``."""
    return {
        "channel_id": result.channel_id,
        "lang": lang,
        "cards": [render_card(c, lang) for c in result.cards],
        "notes": [t(k, lang, **{n: str(v) for n, v in p.items()}) for k, p in result.notes],
    }


def cards_frame(result: StrategyResult, lang: str = "en") -> pd.DataFrame:
    """One row per card for a CSV: rank, title, claim, evidence, confidence, action.

    Returns
    -------
    pandas.DataFrame
        Columns ``rank, title, claim, n, effect, interval_low, interval_high,
        evidence, confidence, action, source``.
    """
    rows = []
    for i, card in enumerate(result.cards, start=1):
        r = render_card(card, lang)
        ev = r["evidence"]
        lo, hi = ev["interval"] if ev["interval"] else (None, None)
        rows.append(
            {
                "rank": i,
                "title": r["title"],
                "claim": r["claim"],
                "n": ev["n"],
                "effect": ev["effect"],
                "interval_low": lo,
                "interval_high": hi,
                "evidence": ev["text"],
                "confidence": r["confidence_label"],
                "action": r["action"],
                "source": r["source"],
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "rank",
            "title",
            "claim",
            "n",
            "effect",
            "interval_low",
            "interval_high",
            "evidence",
            "confidence",
            "action",
            "source",
        ],
    )


def card_params_dict(card: Card) -> Mapping[str, Any]:
    """The raw parameters and evidence of a card (for tests and debugging)."""
    return {
        "key": card.key,
        "params": dict(card.params),
        "evidence": asdict(card.evidence),
        "confidence": card.confidence,
    }
