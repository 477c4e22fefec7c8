"""Cards as text in a language: parameters, evidence line, JSON and CSV rows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

import pandas as pd

from analytics import growth
from analytics.day_format import format_day
from analytics.i18n import (
    format_count,
    format_percent,
    format_ratio,
    hour_label,
    t,
    weekday_name,
)
from analytics.strategy.cards import Card, StrategyResult
from analytics.strategy.context import context_sentence


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
    """All of a card's parameters as display strings in ``lang``.

    A video without a title (``video_title`` empty) is named by its publish
    day (``video_published``), never by its platform id.
    """
    out = {k: format_param(k, v, lang) for k, v in card.params.items()}
    if "video_title" in out and not out["video_title"].strip():
        when = format_day(card.params.get("video_published"), lang)
        out["video_title"] = t("display.untitled", lang, when=when)
    return out


def evidence_text(card: Card, lang: str) -> str:
    """One line of evidence in ``lang``."""
    ev = card.evidence
    unit = t(f"unit.{ev.unit}", lang, n=format_count(ev.n, lang))  # "1 channel", "3 channels"
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
    if ev.interval is not None and ev.interval_kind == "heldout":
        lo, hi = ev.interval
        parts.append(
            t(
                "evidence.heldout",
                lang,
                low=format_ratio(lo, lang),
                high=format_ratio(hi, lang),
                p=f"{ev.p_adjusted:.2g}" if ev.p_adjusted is not None else "?",
            )
        )
    elif ev.interval is not None:
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
    if ev.model is not None and "interval" not in ev.model:
        m = ev.model
        if not m.get("beats_baseline"):
            text += t("evidence.sep", lang) + t("evidence.model_no_content", lang)
        elif m.get("ratio") is not None:
            key = "evidence.model_same_agrees" if m.get("agrees") else "evidence.model_same_differs"
            text += t("evidence.sep", lang) + t(key, lang, ratio=format_ratio(m["ratio"], lang))
    elif ev.model is not None:
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


def context_lines(card: Card, lang: str) -> list[str]:
    """The card's breakdown facts as sentences (:mod:`analytics.strategy.context`)."""
    return [context_sentence(card.key, fact, lang) for fact in card.context]


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
            "text": " ".join([evidence_text(card, lang), *context_lines(card, lang)]),
            "model": ev.model,
        },
        "confidence": card.confidence,
        "confidence_label": t(f"confidence.{card.confidence}", lang),
        "action": t(f"card.{card.key}.action", lang, **p),
        "source": card.source,
        "context": context_lines(card, lang),
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
