"""Traffic page sections: revenue and RPM over time; completion rate and 2-second bounce.

Each section draws its chart, a line naming the period, the channel's time
zone and the export files, and a CSV download (formula-escaped).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.i18n import format_count, format_percent, t
from analytics.present import breakdown_charts as charts
from analytics.present.count_ticks import money_text
from analytics.services import audience
from dashboard import breakdown_ui as ui
from dashboard import common


def revenue_time_section(path: str, channel: str, tz: str, lang: str) -> bool:
    """Daily revenue and RPM per currency, with a monthly table; False when not exported."""
    daily, monthly, files = common.cached(audience.revenue_over_time, path, channel)
    if daily.empty:
        return False
    st.subheader(t("breakdowns.revenue.title", lang))
    st.caption(t("breakdowns.revenue.caption", lang))
    for currency in sorted(set(daily["currency"])):
        part = daily[daily["currency"] == currency]
        months = monthly[monthly["currency"] == currency]
        shown = currency or t("breakdowns.revenue.no_currency", lang)
        known = part[part["views"].notna() & (part["views"] > 0)]
        rpm = (
            known["revenue"].sum() / known["views"].sum() * 1000
            if not known.empty
            else float("nan")
        )
        st.metric(
            t("breakdowns.revenue.daily", lang),
            t(
                "breakdowns.revenue.total",
                lang,
                amount=money_text(part["revenue"].sum(), currency, lang),
                days=len(part),
                rpm=money_text(rpm, currency, lang),
            ),
        )
        csv = pd.DataFrame(
            {
                t("breakdowns.col.date", lang): [ui.day_text(d, lang) for d in part["date"]],
                t("breakdowns.col.currency", lang): currency,
                t("breakdowns.col.revenue", lang): part["revenue"].round(3),
                t("breakdowns.col.views", lang): part["views"],
                t("breakdowns.col.rpm", lang): part["rpm"].round(3),
            }
        )
        ui.chart_block(
            charts.revenue_chart(
                part, currency, lang, t("breakdowns.revenue.chart_title", lang, currency=shown)
            ),
            csv,
            f"revenue_daily_{currency or 'none'}",
            ui.source_line(lang, files, tz, part["date"].min(), part["date"].max()),
            lang,
        )
        table = pd.DataFrame(
            {
                t("breakdowns.col.month", lang): months["month"],
                t("breakdowns.col.revenue", lang): [
                    money_text(v, currency, lang) for v in months["revenue"]
                ],
                t("breakdowns.col.views", lang): [format_count(v, lang) for v in months["views"]],
                t("breakdowns.col.rpm", lang): [
                    money_text(v, currency, lang) for v in months["rpm"]
                ],
                t("breakdowns.col.days", lang): months["days"],
            }
        )
        st.dataframe(table, hide_index=True)
        ui.download(table, "revenue_monthly", f"revenue_monthly_{currency or 'none'}", lang)
    return True


def rates_section(path: str, channel: str, tz: str, lang: str) -> bool:
    """Completion rate and 2-second bounce of each video by publish day, where exported."""
    videos = common.cached(audience.funnel_videos, path, channel)
    held = [
        c
        for c in ("completion_rate", "bounce_rate_2s", "bounce_rate_3s")
        if c in videos and videos[c].notna().any()
    ]
    if videos.empty or not held:
        return False
    st.subheader(t("breakdowns.rates.title", lang))
    st.caption(t("breakdowns.rates.caption", lang))
    rows = videos[videos[held].notna().any(axis=1)]
    labels = {c: t(f"funnel.step.{c}", lang) for c in held}
    csv = pd.DataFrame(
        {
            t("per_video.col.title", lang): rows["title"].fillna("").astype(str),
            t("per_video.col.published", lang): [
                ui.day_text(d, lang) for d in rows["published_date"]
            ],
            **{
                labels[c]: [format_percent(v, lang, 1) for v in rows[c].astype(float)] for c in held
            },
        }
    )
    ui.chart_block(
        charts.rates_chart(rows, labels, lang, t("breakdowns.rates.chart_title", lang)),
        csv,
        "rates",
        ui.source_line(
            lang,
            audience.files_of(rows),
            tz,
            rows["published_date"].min(),
            rows["published_date"].max(),
        ),
        lang,
    )
    return True


__all__ = ["rates_section", "revenue_time_section"]
