"""One plain sentence at the top of each Drivers, Fans, Planner and Strategy panel.

A creator reads the sentence; the model's figures (tables, folds, metrics)
are folded below it. Each builder takes the result the page already holds and
returns one sentence in ``lang`` (keys ``lead.*`` of the catalogues), built
from the held-out figures the panel shows, never from a raw ratio of medians:

* Drivers: the strongest held-out reading (:class:`~analytics.models.drivers.Reading`),
  with its group sizes, or that no feature beats the channel's usual level;
* Fans: whether knowing fans' history predicts what they watch next better
  than the best simple baseline, on how many returning fans;
* Planner: the likely range of the planned video against the last videos;
* Strategy: how many suggestions, and the strongest one.

Examples
--------
>>> ratio_text(1.63, "en")
'1.6x'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from analytics.fan_insights import FansReport
from analytics.i18n import DEFAULT_LANGUAGE, TABLE, format_count, format_signed_percent, t
from analytics.models.drivers import DriversReport, Reading
from analytics.present.reach_charts import format_value, reading_label

_CONFIDENT = ("high", "medium")
#: Fewer returning fans than this and the Fans lead says the test is thin.
THIN_TEST_FANS = 100


def ratio_text(ratio: float, lang: str = DEFAULT_LANGUAGE) -> str:
    """A multiple as people write it: ``1.6x`` in English, ``1.6 倍`` in Chinese (one decimal)."""
    return t("lead.times", lang, ratio=f"{ratio:.1f}")


def unit_text(basis: object, lang: str = DEFAULT_LANGUAGE) -> str:
    """What a target measures, in words: ``views_d7, views_at_28d`` -> "views in the first 7 days or ...".

    ``basis`` is a comma-separated string or a sequence of the target's basis
    codes (:class:`~analytics.models.targets.Target`); blanks are skipped.
    """
    parts = basis.split(",") if isinstance(basis, str) else [str(b) for b in basis]  # type: ignore[attr-defined]
    seen: list[str] = []
    for part in (p.strip() for p in parts):
        if part and part not in seen:
            seen.append(part)
    words = [t(f"planner.unit.{b}", lang) if f"planner.unit.{b}" in TABLE else b for b in seen]
    return t("lead.or", lang).join(words)


def _strongest(readings: Sequence[Reading]) -> Reading | None:
    """The reading a creator should hear first: confident, then the farthest from 1x."""
    confident = [r for r in readings if r.confidence in _CONFIDENT and not r.low <= 1.0 <= r.high]
    if not confident:
        return None

    def rank(r: Reading) -> tuple[int, float]:
        size = max(r.ratio, 1.0 / r.ratio) if r.ratio > 0 else 0.0
        return (_CONFIDENT.index(r.confidence) * -1, size)

    return max(confident, key=rank)


def _group(reading: Reading, lang: str) -> str:
    """The reading's group as the subject of a sentence ("videos published 18:00-20:59")."""
    label = reading_label(reading, lang)
    if lang != DEFAULT_LANGUAGE or label.startswith("videos"):
        return label
    if label.startswith(("published", "with", "without")):
        return f"videos {label}"
    return f"videos with {label}"


def drivers_lead(report: DriversReport, lang: str = DEFAULT_LANGUAGE) -> str:
    """The Drivers page's first sentence.

    Parameters
    ----------
    report : DriversReport
        The channel's drivers fit.
    lang : str

    Returns
    -------
    str
        "Your videos of 480-720 s got 1.6x the views of your other videos
        (n = 41 vs 259, newer videos held out)", or that no feature goes
        reliably with more of the target, on how many videos.
    """
    comp = report.comparison
    target = unit_text(sorted({str(b) for b in comp.data.target.basis if b}), lang)
    best = _strongest(report.readings)
    if best is None:
        key = "lead.drivers.none_beats" if not comp.beats_baseline else "lead.drivers.none_clear"
        return t(key, lang, target=target, n=format_count(comp.data.n, lang))
    return t(
        "lead.drivers.reading",
        lang,
        group=_group(best, lang),
        ratio=ratio_text(best.ratio, lang),
        target=target,
        n_in=format_count(best.n_in, lang),
        n_out=format_count(best.n_out, lang),
        low=ratio_text(best.low, lang),
        high=ratio_text(best.high, lang),
        confidence=t(f"confidence.{best.confidence}", lang).lower(),
    )


def pooled_note(report: DriversReport, lang: str = DEFAULT_LANGUAGE) -> str | None:
    """Says so when the drivers pool several channels (None for one channel).

    Market data (trending lists: many channels with one or two videos each,
    :attr:`~analytics.models.reach.ReachData.market`) is read as what goes with
    reach across those channels, with publish hours in UTC whatever country a
    list came from; a creator's own channels pooled are named as such.
    """
    data = report.comparison.data
    channels = data.rows["channel_id"].nunique() if "channel_id" in data.rows else 1
    if channels <= 1 and not data.market:
        return None
    key = "lead.drivers.market" if data.market else "lead.drivers.pooled"
    return t(key, lang, n=format_count(data.n, lang), channels=format_count(channels, lang))


def _baseline_plain(model: str, lang: str) -> str:
    key = f"lead.fans.baseline.{model}"
    return t(key, lang) if model else t("lead.fans.baseline.popularity", lang)


def fans_lead(report: FansReport, lang: str = DEFAULT_LANGUAGE) -> str:
    """The Fans page's first sentence: is there anything to learn from the fans' history?"""
    ev = report.evaluation
    fans = format_count(ev.fans, lang)
    if not ev.best_baseline or ev.test_fans == 0:
        return t("lead.fans.untested", lang, fans=fans)
    fields: dict[str, Any] = {
        "fans": fans,
        "tested": format_count(ev.test_fans, lang),
        "baseline": _baseline_plain(ev.best_baseline, lang),
        "lift": f"{ev.lift:+.0%}" if ev.lift == ev.lift else "–",
    }
    key = "lead.fans.beats" if report.beats_baseline else "lead.fans.not"
    sentence = t(key, lang, **fields)
    if ev.test_fans < THIN_TEST_FANS:
        sentence += t("lead.fans.thin", lang, tested=fields["tested"], need=THIN_TEST_FANS)
    return sentence


def segments_lead(report: FansReport, lang: str = DEFAULT_LANGUAGE) -> str | None:
    """One sentence on the fan segments (None when there are none to show)."""
    segs = report.segmentation.segments
    if not segs:
        return None
    top = max(segs, key=lambda s: s.size)
    topics = t("app.list_sep", lang).join(top.top_topics[:3])
    key = "lead.fans.segments" if topics else "lead.fans.segments_no_topic"
    return t(
        key,
        lang,
        count=len(segs),
        share=f"{top.share:.0%}",
        id=top.id,
        topics=topics,
    )


def planner_lead(
    p10: float,
    p50: float,
    p90: float,
    recent_median: float,
    unit: str,
    rate: bool,
    lang: str = DEFAULT_LANGUAGE,
    better_than_naive: bool | None = True,
) -> str:
    """The Planner's first sentence: the likely figure of the planned video, in its unit.

    Parameters
    ----------
    p10, p50, p90 : float
        The planned video's predicted range (counts, or fractions for a rate).
    recent_median : float
        Median of the channel's last 10 videos, same unit.
    unit : str
        What the numbers measure, already in ``lang`` ("views in the first 7 days").
    rate : bool
        True for a rate (shown as a percentage).
    better_than_naive : bool or None
        False when the model was no better than the channel's own range on
        the newest videos: the sentence then says so.
    """
    fields = {
        "p10": format_value(p10, rate, lang),
        "p50": format_value(p50, rate, lang),
        "p90": format_value(p90, rate, lang),
        "recent": format_value(recent_median, rate, lang),
        "unit": unit,
    }
    key = "lead.planner.range" if better_than_naive is not False else "lead.planner.naive"
    return t(key, lang, **fields)


#: A trend whose 95 % interval reaches below this or above ``_WILD_HIGH`` (per 30 days) is
#: noise, not a finding: it is described, not charted as a trend.
_WILD_LOW, _WILD_HIGH = -0.9, 10.0


def trend_reason(trend: Any, lang: str = DEFAULT_LANGUAGE) -> str | None:
    """Why a views trend is not a finding (None when it is one).

    Parameters
    ----------
    trend : ViewsTrend
        ``growth_low`` / ``growth_high`` (fractions per 30 days) and ``days``.
    """
    low, high = float(trend.growth_low), float(trend.growth_high)
    if low > _WILD_LOW and high < _WILD_HIGH and low == low and high == high:
        return None
    return t(
        "lead.trend.too_wide",
        lang,
        days=format_count(int(trend.days), lang),
        low=format_signed_percent(low, lang),
        high=format_signed_percent(high, lang),
    )


def hours_reason(best: Any, lang: str = DEFAULT_LANGUAGE) -> str | None:
    """Why there is no "reach by publish hour" chart (None when an hour has enough videos).

    Parameters
    ----------
    best : BestTime
        ``hours`` (``hour``, ``n`` ...), ``min_videos`` and ``n``.
    """
    hours = best.hours
    if len(hours) and (hours["n"] >= best.min_videos).any():
        return None
    most = int(hours["n"].max()) if len(hours) else 0
    return t(
        "lead.hours.too_few",
        lang,
        n=format_count(int(best.n), lang),
        min=best.min_videos,
        most=most,
    )


def strategy_lead(cards: Sequence[Any], titles: Sequence[str], lang: str = DEFAULT_LANGUAGE) -> str:
    """The Strategy page's first sentence: how many suggestions, and the first one.

    Parameters
    ----------
    cards : sequence
        The ranked cards (objects with a ``confidence`` attribute).
    titles : sequence of str
        Their titles in ``lang``, same order.
    """
    if not cards:
        return t("lead.strategy.none", lang)
    confident = sum(1 for c in cards if getattr(c, "confidence", "low") in _CONFIDENT)
    return t(
        "lead.strategy.cards",
        lang,
        count=len(cards),
        confident=confident,
        first=titles[0],
        confidence=t(f"confidence.{getattr(cards[0], 'confidence', 'low')}", lang),
    )


__all__ = [
    "THIN_TEST_FANS",
    "drivers_lead",
    "fans_lead",
    "hours_reason",
    "planner_lead",
    "pooled_note",
    "ratio_text",
    "segments_lead",
    "strategy_lead",
    "trend_reason",
    "unit_text",
]
