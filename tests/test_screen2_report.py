"""The HTML report says what the Strategy page says: sentences where a chart would say nothing.

Real files come from ``../shared/realdata`` (skipped when absent).
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import html
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analytics.growth.trend import views_trend
from analytics.i18n import t
from analytics.ingest import ImportOptions
from analytics.present import leads
from analytics.present.growth_sections import growth_sections
from analytics.present.report import render_report
from analytics.services.growth import analyse_growth
from analytics.services.imports import import_files
from analytics.services.strategy import build_strategy
from tests.strategy_stores import sample_strategy

SECTION = re.compile(r"<h3>(.*?)</h3>(.*?)(?=<h3>|<h2>)", re.S)


def _growth_part(page: str, lang: str) -> dict[str, tuple[list[str], int]]:
    """``heading -> (paragraphs, figures)`` of the report's growth sections."""
    growth = page[page.index(f"<h2>{t('report.growth', lang)}</h2>") :]
    growth = growth[: growth.index("<h2>", 4)] + "<h2>"
    out = {}
    for heading, body in SECTION.findall(growth):
        paragraphs = [html.unescape(p) for p in re.findall(r"<p>(.*?)</p>", body, re.S)]
        out[html.unescape(heading)] = (paragraphs, body.count("Plotly.newPlot"))
    return out


def _wild_trend():
    days = pd.date_range("2026-01-01", periods=35, freq="D")
    rng = np.random.default_rng(3)
    wild = pd.DataFrame({"date": days, "views": rng.choice([0, 0, 0, 5, 40_000], size=35)})
    trend = views_trend(wild)
    assert trend is not None and leads.trend_reason(trend) is not None
    return trend


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_report_writes_the_page_s_sentences_for_a_wild_trend_and_sparse_hours(
    tmp_path_factory: pytest.TempPathFactory, lang: str
) -> None:
    result = copy.copy(sample_strategy(tmp_path_factory, use_models=False))
    best = result.analysis.best_time
    sparse = dataclasses.replace(best, hours=best.hours.assign(n=1))
    trend = _wild_trend()
    result.analysis = dataclasses.replace(result.analysis, trend=trend, best_time=sparse)

    sections = _growth_part(render_report(result, lang), lang)
    hours = sections[t("strategy.best_hours", lang)]
    assert hours == ([str(leads.hours_reason(sparse, lang))], 0)  # a sentence, no empty chart
    wild = sections[t("strategy.trend", lang)]
    assert wild == ([str(leads.trend_reason(trend, lang))], 0)  # not a finding, not charted
    assert t("strategy.seasonality", lang) not in sections
    # The page reads the same sections (one decision for both).
    page = growth_sections(result.analysis, lang)
    assert [(s.heading, s.text, len(s.figures)) for s in page][:2] == [
        (t("strategy.best_hours", lang), leads.hours_reason(sparse, lang), 0),
        (t("strategy.trend", lang), leads.trend_reason(trend, lang), 0),
    ]


def test_report_charts_a_trend_that_is_a_finding(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    result = sample_strategy(tmp_path_factory, use_models=False)
    trend = result.analysis.trend
    assert trend is not None and leads.trend_reason(trend) is None
    paragraphs, figures = _growth_part(render_report(result, "en"), "en")["Daily views and trend"]
    assert figures == 1 and paragraphs[0].startswith("Daily views change by ")


def test_report_on_real_channels_never_sums_their_days(realdata: Path, tmp_path: Path) -> None:
    """A 2021 YouTube channel and a 2025-26 TikTok account: no trend across the gap."""
    db = str(tmp_path / "two.duckdb")
    studio = realdata / "youtube-studio-codingtrain-2021" / "Totals.csv"
    reports = import_files(db, [str(studio)], options=ImportOptions(channel="Coding Train"))
    tiktok = realdata / "tiktok-studio-2025-2026"
    reports += import_files(
        db,
        [str(tiktok / "Overview_April-Des2025.csv"), str(tiktok / "Overview_Jan-April2026.csv")],
        options=ImportOptions(channel="TikTok Biz", export_date=dt.date(2026, 4, 12)),
    )
    assert [r.status for r in reports] == ["loaded"] * 3
    analysis = analyse_growth(db, None)
    assert analysis.trend is None and analysis.trend_channels == 2
    one = analyse_growth(db, "TikTok Biz")
    assert one.trend is not None and one.trend.days == 363  # one channel: its own trend
    for lang in ("en", "zh"):
        result = build_strategy(db, None, use_models=False)
        paragraphs, figures = _growth_part(render_report(result, lang), lang)[
            t("strategy.trend", lang)
        ]
        assert paragraphs == [t("growth.trend_per_channel", lang, channels=2)] and figures == 0
