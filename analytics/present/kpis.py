"""Counts, rates and changes as the pages show them, and the Overview's KPI tiles.

Counts go through :func:`analytics.i18n.format_count` (Babel); a missing value
shows as an en dash. :mod:`analytics.present.charts` re-exports these names.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from analytics import i18n
from analytics.i18n import t
from analytics.records import KpiComparison

# engagement_basis of a KPI total -> key of its explanation
_ENGAGEMENT_BASIS = {
    "daily": "overview.basis.daily",
    "published videos": "overview.basis.published_videos",
    "mixed": "overview.basis.mixed",
}


def format_count(value: float | int | None, lang: str = i18n.DEFAULT_LANGUAGE) -> str:
    """A count as tables and KPI tiles show it: :func:`analytics.i18n.format_count` with ``exact``.

    >>> format_count(1563000), format_count(1563000, "zh"), format_count(None)
    ('1,563,000', '156.3万', '–')
    """
    return i18n.format_count(value, lang, exact=True)


def format_rate(value: float | None, digits: int = 1) -> str:
    """Format a fraction in [0, 1] as a percentage; ``'–'`` when unknown.

    >>> format_rate(0.1175)
    '11.8%'
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value * 100:.{digits}f}%"


def relative_change(current: float | None, previous: float | None) -> float | None:
    """Return ``(current - previous) / |previous|`` or None when undefined.

    >>> relative_change(2800, 1400)
    1.0
    """
    if current is None or previous is None or previous == 0:
        return None
    if isinstance(current, float) and math.isnan(current):
        return None
    if isinstance(previous, float) and math.isnan(previous):
        return None
    return (float(current) - float(previous)) / abs(float(previous))


def format_change(current: float | None, previous: float | None) -> str | None:
    """Relative change as a signed percentage (``'+100.0%'``), or None when undefined."""
    change = relative_change(current, previous)
    return None if change is None else f"{change * 100:+.1f}%"


def format_rate_change(
    current: float | None, previous: float | None, lang: str = i18n.DEFAULT_LANGUAGE
) -> str | None:
    """Change of a rate in percentage points (``'+1.2 pp'``), or None when undefined."""
    if current is None or previous is None:
        return None
    return t("overview.pp", lang, value=f"{(current - previous) * 100:+.1f}")


@dataclass(frozen=True)
class KpiTile:
    """One headline number: label, display value, change against the previous period."""

    label: str
    value: str
    delta: str | None
    help: str


def kpi_tiles(kpis: KpiComparison, lang: str = i18n.DEFAULT_LANGUAGE) -> list[KpiTile]:
    """Turn a KPI comparison into the four Overview tiles.

    Parameters
    ----------
    kpis : KpiComparison
    lang : str
        Language of labels and values (``"zh"`` writes counts as ``1.2万``).

    Returns
    -------
    list of KpiTile
        Views, Net followers, Engagement rate, Videos published, in that order.
        Counts change as a relative percentage, the engagement rate in
        percentage points; the delta is None when the previous period has no
        value (or zero).
    """
    cur, prev = kpis.current, kpis.previous
    span = f"{prev.start:%Y-%m-%d} – {prev.end:%Y-%m-%d}"
    basis = _ENGAGEMENT_BASIS.get(cur.engagement_basis or "")
    views_ok = kpis.comparable("views")
    followers_ok = kpis.comparable("followers")
    return [
        KpiTile(
            t("overview.kpi.views", lang),
            format_count(cur.views, lang),
            format_change(cur.views, prev.views) if views_ok else None,
            t("overview.kpi.views_help", lang, span=span)
            + ("" if views_ok else " " + coverage_note(kpis, "views", lang)),
        ),
        KpiTile(
            t("overview.kpi.followers", lang),
            format_count(cur.followers_net, lang),
            format_change(cur.followers_net, prev.followers_net) if followers_ok else None,
            t("overview.kpi.followers_help", lang, span=span)
            + ("" if followers_ok else " " + coverage_note(kpis, "followers", lang)),
        ),
        KpiTile(
            t("overview.kpi.engagement", lang),
            format_rate(cur.engagement_rate),
            # A rate from daily rows and one from lifetime totals are not comparable,
            # nor one over a period the archive barely covers (nor the rate of the videos
            # published in such a period: 9 videos of a half-covered period against 32).
            format_rate_change(cur.engagement_rate, prev.engagement_rate, lang)
            if cur.engagement_basis == prev.engagement_basis and views_ok
            else None,
            t(
                "overview.kpi.engagement_help",
                lang,
                span=span,
                basis=t(basis, lang) if basis else "",
            ),
        ),
        KpiTile(
            t("overview.kpi.published", lang),
            format_count(cur.videos_published, lang),
            # A count of videos published in a period the exports barely cover is no
            # finding either ("+255.6%" against 9 videos of a half-covered period).
            format_change(cur.videos_published, prev.videos_published) if views_ok else None,
            t("overview.kpi.published_help", lang, span=span)
            + ("" if views_ok else " " + published_note(kpis, lang)),
        ),
    ]


def published_note(kpis: KpiComparison, lang: str = i18n.DEFAULT_LANGUAGE) -> str:
    """Why the change in videos published is not shown: the days each period's exports cover.

    The archive covers a day where it holds daily views for it; a period the
    exports barely cover may hold only some of the videos published in it.

    >>> import datetime as dt
    >>> from analytics.records import KpiTotals
    >>> d = dt.date
    >>> cur = KpiTotals(d(2025, 2, 1), d(2025, 2, 28), 900, None, None, 32, None, (("a", 28),))
    >>> prev = KpiTotals(d(2025, 1, 4), d(2025, 1, 31), 100, None, None, 9, None, (("a", 2),))
    >>> published_note(KpiComparison(cur, prev))
    'No change shown: your exports cover 28 of these 28 days and 2 of the previous 28 days (days with daily views), so the count of either period may be incomplete.'
    """
    cur, prev = kpis.current, kpis.previous
    return t(
        "display.published_note",
        lang,
        days=cur.days,
        cur_days=cur.days_with("views"),
        prev_days=prev.days_with("views"),
    )


def coverage_note(kpis: KpiComparison, metric: str, lang: str = i18n.DEFAULT_LANGUAGE) -> str:
    """Why a change is not shown: how many days of ``metric`` each period holds.

    >>> import datetime as dt
    >>> from analytics.records import KpiTotals
    >>> d = dt.date
    >>> cur = KpiTotals(d(2025, 2, 1), d(2025, 2, 28), 900, None, None, 0, None, (("a", 28),))
    >>> prev = KpiTotals(d(2025, 1, 4), d(2025, 1, 31), 100, None, None, 0, None, (("a", 2),))
    >>> coverage_note(KpiComparison(cur, prev), "views")
    'No change shown: these 28 days hold views data on 28 days, the previous 28 days on 2 days.'
    """
    cur, prev = kpis.current, kpis.previous
    return t(
        "display.coverage_note",
        lang,
        metric=t(f"display.metric.{metric}", lang),
        days=cur.days,
        cur_days=cur.days_with(metric),
        prev_days=prev.days_with(metric),
    )
