"""Strategy: ranked cards (claim, evidence, confidence, action), each with its chart.

Thin page: the cards come from ``analytics.services.strategy.build_strategy`` (growth
analytics plus the drivers model and the persisted fans fit, the same one
the Fans page shows), held with ``st.cache_resource``
(:mod:`dashboard.model_cache`) keyed by (store path, channel, data
version), so a rerun, a page switch or a language switch never recomputes
them and a new import does. The HTML report and the CSV are generated only when their
download button is clicked.
"""

from __future__ import annotations

import streamlit as st

from analytics.channel_names import channel_label_in
from analytics.errors import AnalyticsError, NotEnoughDataError
from analytics.i18n import t
from analytics.present import fan_charts, growth_charts, leads, report
from analytics.present.growth_sections import growth_sections
from analytics.present.messages import localize
from analytics.services.channels import list_channels
from analytics.services.strategy import Card, StrategyResult, build_strategy, render_card
from dashboard import analysis_channel, common, fits_ui, model_cache

BADGE_COLORS = {"high": "green", "medium": "orange", "low": "gray"}

lang = common.page_setup()  # sign-in gate first, then the sidebar language switch
st.title(t("strategy.title", lang))
st.caption(t("strategy.caption", lang))
path = common.db_path()


def _strategy(db_path: str, channel: str | None, version: int) -> StrategyResult:
    """The cards, built once per data version and held by :mod:`dashboard.model_cache`."""
    return model_cache.get_or_fit(
        ("strategy", db_path, channel, "", version),
        lambda progress: build_strategy(db_path, channel),
        t("strategy.computing", lang),
    )


def _fans_model(channel: str | None) -> None:
    """The fans fit the fans cards quote: its ALS settings and segments (as on the Fans page)."""
    try:
        fans = fits_ui.fans_fit(path, channel)
    except NotEnoughDataError:
        return
    with st.expander(t("fits.fans_model", lang)):
        st.caption(fits_ui.als_caption(fans, lang))
        if fans.segmentation.segments:
            st.dataframe(
                fan_charts.segments_table(fans, lang),
                hide_index=True,
                column_config={
                    t("fans.col.share", lang): st.column_config.NumberColumn(format="percent")
                },
                key="fans_segments",
            )
        st.caption(t("fits.fans_model_caption", lang))


def _card(i: int, card: Card) -> None:
    r = render_card(card, lang)
    with st.container(border=True):
        st.markdown(f"#### {i}. {common.md_escape(r['title'])}")
        st.badge(r["confidence_label"], color=BADGE_COLORS.get(card.confidence, "gray"))
        st.markdown(common.md_escape(r["claim"]))
        with st.expander(t("strategy.evidence", lang)):
            st.caption(common.md_escape(r["evidence"]["text"]))
        st.info(common.md_escape(f"{t('strategy.action', lang)}: {r['action']}"))
        fig = growth_charts.card_figure(card, lang)
        if fig is not None:
            st.plotly_chart(fig, key=f"card_chart_{i}")


def _growth(result: StrategyResult) -> None:
    """The growth sections the HTML report shows too (a sentence where a chart would say nothing)."""
    with st.expander(t("strategy.growth", lang)):
        for section in growth_sections(result.analysis, lang):
            st.markdown(f"**{common.md_escape(section.heading)}**")
            if section.text:
                st.caption(common.md_escape(section.text))
            for name, fig in section.figures:
                st.plotly_chart(fig, key=name)
        st.caption(t("strategy.method", lang))


try:
    # One channel at a time, never a pool (market videos are never counted as the creator's).
    channel = analysis_channel.pick(
        path,
        common.channel_picker(path),
        "strategy_channel",
        "analysis.strategy_channel",
        with_videoless=True,
    )
    if channel is None:
        st.info(t("strategy.no_cards", lang))
        st.stop()
    version = common.data_version(path)
    result = _strategy(path, channel, version)
    label = channel_label_in(list_channels(path), channel, lang)
    left, right = st.columns(2)
    left.download_button(
        t("strategy.download_report", lang),
        data=lambda: report.render_report(result, lang, channel=label).encode("utf-8"),
        file_name="strategy-report.html",
        mime="text/html",
        key="download_report",
        on_click="ignore",
    )
    right.download_button(
        t("strategy.download_csv", lang),
        data=lambda: report.cards_csv(result, lang),
        file_name="strategy-cards.csv",
        mime="text/csv",
        key="download_csv",
        on_click="ignore",
    )
    titles = [render_card(card, lang)["title"] for card in result.cards]
    st.markdown(t("strategy.for_channel", lang, channel=common.md_escape(label)))
    st.markdown(common.md_escape(leads.strategy_lead(result.cards, titles, lang)))
    if not result.cards:
        st.info(t("strategy.no_cards", lang))
    for i, card in enumerate(result.cards, start=1):
        _card(i, card)
    for key, params in result.notes:
        fields = {k: localize(v, lang) for k, v in params.items()}
        st.caption(common.md_escape(t(key, lang, **fields)))
    _growth(result)
    _fans_model(channel)
except AnalyticsError as exc:
    common.show_error(exc)
